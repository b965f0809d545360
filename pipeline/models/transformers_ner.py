"""NER by token classification over any local transformers checkpoint (PhoBERT, XLM-R, BERT).

    >>> ner = TransformersNER.load("models/ner-transformers")
    >>> spans = ner.predict(doc)              # list[Span], source="transformers"
    >>> metrics = train_transformers_ner(Path("data/annotated"), Path("models/ner-transformers"),
    ...                                  base_model=Path("/models/phobert-base"))

Words are the syllable tokens of `annotation.tokenizer.token_spans` (the tokens of the gold BIO
tags), one sentence of `doc.sentences` at a time. Each word is split into sub-words; the word's
tag is the model's prediction on its first sub-word (training puts the label there and -100 on
the other sub-words and on special tokens). A sentence longer than the model's input goes into
several windows of whole words; tags are decoded over the whole sentence, so an entity may span
two windows.

Fast tokenizers (BERT, XLM-R) encode a sentence in one call with `is_split_into_words=True`
and map sub-words back to words with `word_ids()`. Slow tokenizers have no `word_ids()`
(PhoBERT's is slow only), so they encode word by word; both give the same sub-words when a
tokenizer splits words at white space, as all of these do. PhoBERT was pre-trained on
word-segmented text (`Chủ_tịch`); here it sees single syllables, which it knows too, but a
VnCoreNLP segmentation step would suit it better (not done: it would need Java and a download).

Nothing is downloaded: every checkpoint is opened with `local_files_only=True`.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..annotation.hf_dataset import NER_TAGS, ner_dataset
from ..annotation.tokenizer import token_spans
from ..doc import ENTITY_LABELS, Document, Sentence, Span

SOURCE = "transformers"
IGNORE = -100                    # label of sub-words and special tokens (skipped by the loss)
DEFAULT_HYPERPARAMETERS = {
    "learning_rate": 5e-5, "batch_size": 16, "weight_decay": 0.01, "warmup_ratio": 0.1,
}
_NO_LIMIT = 100_000              # tokenizers without a max length report ~1e30


# --------------------------------------------------------------------------- encoding

def special_tokens(tokenizer) -> tuple[list[int], list[int]]:
    """The ids a tokenizer puts before and after one sequence (`[CLS]` / `[SEP]`, `<s>` / `</s>`)."""
    bare = tokenizer("a", add_special_tokens=False)["input_ids"]
    full = tokenizer("a", add_special_tokens=True)["input_ids"]
    for i in range(len(full) - len(bare) + 1):
        if full[i:i + len(bare)] == bare:
            return list(full[:i]), list(full[i + len(bare):])
    raise ValueError(f"cannot find the special tokens of {type(tokenizer).__name__}")


def subwords(tokenizer, words: Sequence[str]) -> list[list[int]]:
    """The sub-word ids of each word, without special tokens. A word the tokenizer drops
    (a stray control character) gets the unknown token, so every word has a first sub-word."""
    groups: list[list[int]] = [[] for _ in words]
    if not words:
        return groups
    if tokenizer.is_fast:
        # verbose=False: a sentence longer than the model is fine here, `windows` cuts it
        encoding = tokenizer(list(words), is_split_into_words=True, add_special_tokens=False, verbose=False)
        for token_id, word in zip(encoding["input_ids"], encoding.word_ids(), strict=True):
            if word is not None:
                groups[word].append(token_id)
    else:
        # slow tokenizers have no word_ids(): one call per distinct word
        seen: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            if word not in seen:
                seen[word] = tokenizer(word, add_special_tokens=False, verbose=False)["input_ids"]
            groups[i] = list(seen[word])
    unknown = tokenizer.unk_token_id
    for group in groups:
        if not group and unknown is not None:
            group.append(unknown)
    return groups


def windows(groups: Sequence[Sequence[int]], budget: int) -> list[tuple[int, int]]:
    """Word ranges [start, end) whose sub-words fit in `budget` tokens, in order, covering
    every word. A word longer than the budget gets a window of its own (cut by `encode`)."""
    if budget < 1:
        raise ValueError(f"no room for sub-words (budget {budget})")
    ranges, start, used = [], 0, 0
    for i, group in enumerate(groups):
        n = len(group)
        if i > start and used + n > budget:
            ranges.append((start, i))
            start, used = i, 0
        used += n
    if start < len(groups):
        ranges.append((start, len(groups)))
    return ranges


def align_labels(groups: Sequence[Sequence[int]], tags: Sequence[int], budget: int | None = None
                 ) -> tuple[list[int], list[int]]:
    """Sub-word ids and their labels for words with `tags`: the first sub-word of a word gets
    the word's tag, its other sub-words `IGNORE`; a word is cut to `budget` sub-words."""
    ids: list[int] = []
    labels: list[int] = []
    for group, tag in zip(groups, tags, strict=True):
        group = list(group[:budget] if budget else group)
        ids.extend(group)
        labels.extend([tag] + [IGNORE] * (len(group) - 1))
    return ids, labels


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, last word + 1, label) of each entity in BIO tags. An I- tag that does not
    continue an entity of its label starts one; tags of unknown labels count as O."""
    spans: list[tuple[int, int, str]] = []
    current: list[Any] | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or label not in ENTITY_LABELS:
            current = None
            continue
        if prefix == "B" or current is None or current[2] != label:
            current = [i, i + 1, label]
            spans.append(current)       # type: ignore[arg-type]
        else:
            current[1] = i + 1
    return [tuple(s) for s in spans]     # type: ignore[misc]


def span_prf(gold: Iterable[tuple], pred: Iterable[tuple]) -> dict[str, Any]:
    """Exact-match P/R/F1 over sets of (..., label) spans, micro and per label."""
    gold, pred = set(gold), set(pred)
    labels = sorted({s[-1] for s in gold | pred}, key=lambda x: (x not in ENTITY_LABELS, x))

    def prf(g: set, p: set) -> dict[str, float | int]:
        tp = len(g & p)
        precision = tp / len(p) if p else (1.0 if not g else 0.0)
        recall = tp / len(g) if g else (1.0 if not p else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1,
                "tp": tp, "fp": len(p - g), "fn": len(g - p)}

    result = prf(gold, pred)
    result["per_label"] = {label: prf({s for s in gold if s[-1] == label},
                                      {s for s in pred if s[-1] == label}) for label in labels}
    return result


# --------------------------------------------------------------------------- the estimator

def _device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _load_tokenizer(path: str | Path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    if tokenizer.is_fast and getattr(tokenizer, "add_prefix_space", None) is False:
        # byte-level BPE (RoBERTa, GPT-2) only takes pre-split words with a prefix space
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True, add_prefix_space=True)
    return tokenizer


class TransformersNER:
    """A token-classification model and its tokenizer; tags are `NER_TAGS` (BIO)."""

    def __init__(self, model, tokenizer, batch_size: int = 16, max_length: int | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_length = max_length or self._model_max_length()
        self.id2tag = {int(i): tag for i, tag in model.config.id2label.items()}
        if not any(bio_spans([tag]) for tag in self.id2tag.values()):
            raise ValueError(f"the model's labels are not BIO tags of {ENTITY_LABELS}: "
                             f"{sorted(self.id2tag.values())[:8]}")
        self.prefix, self.suffix = special_tokens(tokenizer)

    def _model_max_length(self) -> int:
        config = self.model.config
        limit = getattr(config, "max_position_embeddings", None) or _NO_LIMIT
        if "roberta" in (config.model_type or ""):
            limit -= 2                   # RoBERTa positions start after the padding index
        model_max = self.tokenizer.model_max_length
        return min(limit, model_max if model_max and model_max < _NO_LIMIT else _NO_LIMIT, 512)

    @property
    def budget(self) -> int:
        """Sub-words of words that fit in one window, besides the special tokens."""
        return self.max_length - len(self.prefix) - len(self.suffix)

    # ----------------------------------------------------------------- construction, I/O

    @classmethod
    def from_pretrained(cls, base_model: str | Path, **kwargs) -> TransformersNER:
        """A fresh `NER_TAGS` head on a local checkpoint (a head it has is replaced)."""
        from transformers import AutoModelForTokenClassification

        model = AutoModelForTokenClassification.from_pretrained(
            str(base_model), local_files_only=True, num_labels=len(NER_TAGS),
            id2label=dict(enumerate(NER_TAGS)), label2id={t: i for i, t in enumerate(NER_TAGS)},
            ignore_mismatched_sizes=True)
        return cls(model, _load_tokenizer(base_model), **kwargs)

    @classmethod
    def load(cls, path: str | Path, device: str | torch.device | None = None, **kwargs) -> TransformersNER:
        """A model saved by `save` (or any local token-classification checkpoint with BIO
        labels of `ENTITY_LABELS`), on CUDA when there is one."""
        from transformers import AutoModelForTokenClassification

        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"transformers NER model not found: {path}")
        model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
        model.to(device or _device()).eval()
        return cls(model, _load_tokenizer(path), **kwargs)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(str(path))
        self.tokenizer.save_pretrained(str(path))
        return path

    # ----------------------------------------------------------------- training

    def features(self, words: Sequence[str], tags: Sequence[int]) -> list[dict[str, list[int]]]:
        """Model inputs with aligned labels for one tagged sentence, one per window."""
        groups = subwords(self.tokenizer, words)
        rows = []
        for start, end in windows(groups, self.budget):
            ids, labels = align_labels(groups[start:end], tags[start:end], self.budget)
            ids = self.prefix + ids + self.suffix
            labels = [IGNORE] * len(self.prefix) + labels + [IGNORE] * len(self.suffix)
            rows.append({"input_ids": ids, "attention_mask": [1] * len(ids), "labels": labels})
        return rows

    def encode_dataset(self, dataset):
        """A `ner_dataset` split as Trainer inputs."""
        from datasets import Dataset

        return Dataset.from_list([row for words, tags in zip(dataset["tokens"], dataset["ner_tags"], strict=True)
                                  for row in self.features(words, tags)])

    def fit(self, train, dev=None, *, epochs: float = 3.0, seed: int = 0, max_steps: int = -1,
            learning_rate: float = 5e-5, batch_size: int = 16, weight_decay: float = 0.01,
            warmup_ratio: float = 0.1, select_on_dev: bool = True) -> dict[str, Any]:
        """Fine-tune on `ner_dataset` rows (`tokens`, `ner_tags`). With `dev` and `select_on_dev`,
        evaluates each epoch and keeps the epoch with the best span F1 on dev."""
        from transformers import (
            DataCollatorForTokenClassification,
            Trainer,
            TrainingArguments,
        )

        select = dev is not None and select_on_dev
        with tempfile.TemporaryDirectory(prefix="ner-transformers-") as work:
            args = TrainingArguments(
                output_dir=work, num_train_epochs=epochs, max_steps=max_steps, seed=seed,
                learning_rate=learning_rate, per_device_train_batch_size=batch_size,
                per_device_eval_batch_size=batch_size, weight_decay=weight_decay,
                warmup_steps=warmup_ratio, report_to="none", disable_tqdm=True,
                logging_strategy="epoch", eval_strategy="epoch" if select else "no",
                save_strategy="epoch" if select else "no", save_total_limit=1 if select else None,
                load_best_model_at_end=select, metric_for_best_model="f1" if select else None,
                greater_is_better=True if select else None, use_cpu=not torch.cuda.is_available())
            trainer = Trainer(
                model=self.model, args=args, train_dataset=self.encode_dataset(train),
                eval_dataset=self.encode_dataset(dev) if select else None,
                data_collator=DataCollatorForTokenClassification(self.tokenizer),
                processing_class=self.tokenizer,
                compute_metrics=self._window_metrics if select else None)
            started = time.perf_counter()
            output = trainer.train()
            seconds = time.perf_counter() - started
        self.model.eval()
        return {"steps": output.global_step, "train_loss": output.training_loss,
                "seconds": round(seconds, 1),
                "seconds_per_step": round(seconds / max(output.global_step, 1), 4),
                "log": trainer.state.log_history}

    def _window_metrics(self, prediction) -> dict[str, float]:
        """Span F1 over the first sub-words of each window (for picking an epoch)."""
        logits, labels = prediction.predictions, prediction.label_ids
        gold, pred = set(), set()
        for n, (row_logits, row_labels) in enumerate(zip(logits, labels, strict=True)):
            keep = row_labels != IGNORE
            gold_tags = [NER_TAGS[i] for i in row_labels[keep]]
            pred_tags = [self.id2tag[int(i)] for i in row_logits[keep].argmax(-1)]
            gold |= {(n, *s) for s in bio_spans(gold_tags)}
            pred |= {(n, *s) for s in bio_spans(pred_tags)}
        result = span_prf(gold, pred)
        return {"precision": result["precision"], "recall": result["recall"], "f1": result["f1"]}

    # ----------------------------------------------------------------- prediction

    def predict_words(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """(tag, probability) of each word of each sentence (words already split)."""
        units = []                                   # (sentence, first word, sub-word ids)
        tagged: list[list[tuple[str, float]]] = []
        for s, words in enumerate(sentences):
            groups = subwords(self.tokenizer, words)
            tagged.append([("O", 1.0)] * len(words))
            for start, end in windows(groups, self.budget) if words else ():
                units.append((s, start, [g[:self.budget] for g in groups[start:end]]))
        # similar lengths in a batch: less padding
        units.sort(key=lambda u: sum(map(len, u[2])))
        device = self.model.device
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        for b in range(0, len(units), self.batch_size):
            batch = units[b:b + self.batch_size]
            rows = [self.prefix + [i for g in groups for i in g] + self.suffix for _, _, groups in batch]
            width = max(map(len, rows))
            input_ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows], device=device)
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows], device=device)
            with torch.inference_mode():
                probs = self.model(input_ids=input_ids, attention_mask=mask).logits.softmax(-1)
            best_p, best_i = (t.float().cpu().numpy() for t in probs.max(-1))
            for row, (s, first, groups) in enumerate(batch):
                position = len(self.prefix)          # first sub-word of each word
                for k, group in enumerate(groups):
                    tagged[s][first + k] = (self.id2tag[int(best_i[row, position])],
                                            float(best_p[row, position]))
                    position += len(group)
        return tagged

    def predict(self, doc: Document) -> list[Span]:
        """Entity spans (doc.text offsets) in each sentence of `doc`, or in the whole text
        when it has no sentences; score = mean word probability of the entity's tags."""
        sentences = doc.sentences or [Sentence(0, 0, len(doc.text), doc.text)]
        offsets = [[(sent.start + s, sent.start + e) for s, e in token_spans(doc.text[sent.start:sent.end])]
                   for sent in sentences]
        words = [[doc.text[s:e] for s, e in spans] for spans in offsets]
        spans = []
        for spans_of_words, tagged in zip(offsets, self.predict_words(words), strict=True):
            for first, end, label in bio_spans([tag for tag, _ in tagged]):
                score = float(np.mean([p for _, p in tagged[first:end]]))
                spans.append(doc.make_span(spans_of_words[first][0], spans_of_words[end - 1][1],
                                           label, SOURCE, score))
        return spans

    def evaluate(self, dataset) -> dict[str, Any]:
        """Exact-match span P/R/F1 over a `ner_dataset` split (whole sentences)."""
        names = dataset.features["ner_tags"].feature.names
        tagged = self.predict_words(dataset["tokens"])
        gold, pred = set(), set()
        for n, (tags, predicted) in enumerate(zip(dataset["ner_tags"], tagged, strict=True)):
            gold |= {(n, *s) for s in bio_spans([names[t] for t in tags])}
            pred |= {(n, *s) for s in bio_spans([tag for tag, _ in predicted])}
        return span_prf(gold, pred)


# --------------------------------------------------------------------------- training entry point

def spec_entity_scores(ner: TransformersNER, records: Sequence[dict]) -> dict[str, Any]:
    """Spec §7a entity P/R/F1 (`pipeline.scoring.score_entities`) of the model alone, run on
    the gold text and gold sentences of annotated records."""
    from ..scoring import score_entities

    predictions = []
    for record in records:
        text = record["text"]
        doc = Document(doc_id=record["doc_id"], text=text, sentences=[
            Sentence(i, s["start"], s["end"], text[s["start"]:s["end"]])
            for i, s in enumerate(record["sentences"])])
        predictions.append({"doc_id": doc.doc_id, "entities": [
            {"label": span.label, "text": span.text} for span in ner.predict(doc)]})
    return score_entities(records, predictions)


def train_transformers_ner(data: Path, out: Path, seed: int = 0, base_model: Path | None = None,
                           epochs: float = 3.0, **kwargs) -> dict[str, Any]:
    """Fine-tune `base_model` (a local checkpoint) on the train split of `data`, pick the best
    epoch on dev, save model + tokenizer + model card into `out`; returns the metrics.
    Extra keyword arguments go to `TransformersNER.fit` (learning_rate, batch_size, max_steps, ...)."""
    from transformers import set_seed

    from ..annotation.schema import load_annotations

    if base_model is None:
        raise ValueError("train_transformers_ner needs base_model: a local checkpoint folder")
    data, out, base_model = Path(data), Path(out), Path(base_model)
    if not base_model.exists():
        raise FileNotFoundError(f"base checkpoint not found: {base_model}")
    corpus = ner_dataset(data)
    set_seed(seed)                               # the new head's initial weights
    ner = TransformersNER.from_pretrained(base_model)
    hyper = {**DEFAULT_HYPERPARAMETERS, "epochs": epochs, **kwargs}
    fit_args = {k: v for k, v in hyper.items() if k != "epochs"}
    training = ner.fit(corpus["train"], corpus.get("dev"), epochs=epochs, seed=seed, **fit_args)
    metrics: dict[str, Any] = {
        "model": "transformers token classification", "base_model": str(base_model),
        "model_type": ner.model.config.model_type, "seed": seed, "hyperparameters": hyper,
        "max_length": ner.max_length, "tokenizer_fast": bool(ner.tokenizer.is_fast),
        "data": str(data), "rows": {split: len(rows) for split, rows in corpus.items()},
        "training": {k: v for k, v in training.items() if k != "log"},
    }
    metrics["training"]["dev_f1_by_epoch"] = [round(entry["eval_f1"], 4) for entry in training["log"]
                                              if "eval_f1" in entry]
    started = time.perf_counter()
    for split in ("dev", "test"):
        if split not in corpus:
            continue
        metrics[split] = {"spans": ner.evaluate(corpus[split]),
                          "spec_7a": spec_entity_scores(ner, list(load_annotations(data / f"{split}.jsonl")))}
    chars = sum(len(r["text"]) for split in ("dev", "test") if split in corpus
                for r in load_annotations(data / f"{split}.jsonl"))
    metrics["predict_chars_per_second"] = round(2 * chars / max(time.perf_counter() - started, 1e-9))
    ner.save(out)
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1, default=str),
                                      encoding="utf-8")
    (out / "README.md").write_text(model_card(metrics, corpus, out), encoding="utf-8")
    return metrics


def _figures(result: dict[str, Any]) -> str:
    return (f"P {result['precision']:.3f} / R {result['recall']:.3f} / F1 {result['f1']:.3f} "
            f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")


def model_card(metrics: dict[str, Any], corpus, out: Path) -> str:
    """The README.md of a trained model folder."""
    hyper = metrics["hyperparameters"]
    entities = {split: sum(len(bio_spans([NER_TAGS[t] for t in tags])) for tags in rows["ner_tags"])
                for split, rows in corpus.items()}
    lines = [
        "# Transformers NER (token classification)", "",
        (f"Fine-tuned from the local checkpoint `{metrics['base_model']}` "
        f"(model type `{metrics['model_type']}`) with a new token-classification head over the BIO tags "
        f"of spec §2: {', '.join(ENTITY_LABELS)}. Made by `pipeline.models.transformers_ner`."), "",
        "## Training data", "",
        (f"`{metrics['data']}/{{train,dev,test}}.jsonl`, one example per gold sentence "
        "(`pipeline.annotation.hf_dataset.ner_dataset`); words are `annotation.tokenizer` tokens; "
        "the first sub-word of a word carries its tag, the others -100."), "",
        "| split | sentences | entities |", "|---|---|---|",
        *(f"| {split} | {metrics['rows'][split]} | {entities[split]} |" for split in metrics["rows"]), "",
        "## Hyper-parameters", "",
        (f"seed {metrics['seed']}, epochs {hyper['epochs']}, learning rate {hyper['learning_rate']}, "
        f"batch size {hyper['batch_size']}, weight decay {hyper['weight_decay']}, "
        f"warm-up ratio {hyper['warmup_ratio']}, max length {metrics['max_length']} sub-words "
        f"(longer sentences go into several windows); AdamW, linear schedule; the epoch with the best "
        f"span F1 on dev is kept (dev F1 by epoch, windows: {metrics['training']['dev_f1_by_epoch']}). "
        f"Training: {metrics['training']['steps']} steps in {metrics['training']['seconds']} s "
        f"({metrics['training']['seconds_per_step']} s/step, evaluations included)."), "",
        "## Metrics", "",
        ("The model alone (not merged with the rules) on gold text and gold sentences. *Spans*: exact "
        "start/end/label match; *spec §7a*: `pipeline.scoring.score_entities` (per-document multisets "
        "of label + normalized text). The test split was not used to pick anything."), "",
        "| split | spans (exact) | spec §7a |", "|---|---|---|",
    ]
    for split in ("dev", "test"):
        if split in metrics:
            lines.append(f"| {split} | {_figures(metrics[split]['spans'])} | "
                         f"{_figures(metrics[split]['spec_7a']['micro'])} |")
    lines += ["", "Per label (dev, spans):", "", "| label | P | R | F1 |", "|---|---|---|---|"]
    for label, r in metrics.get("dev", {}).get("spans", {}).get("per_label", {}).items():
        lines.append(f"| {label} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    lines += [
        "", ("Measured by the training run below (figures also in `metrics.json`); the full pipeline "
        "with this model: `python -m pipeline evaluate --split dev` with "
        "`[components.entities] backend = \"transformers\"` and `model` set to this folder."), "",
        "## Use", "",
        (f"`python -m pipeline run INPUTS --ner-backend transformers --model {out}`; the `entities` "
        "stage merges these spans (source `transformers`, score = mean tag probability) with the rule "
        "tagger's."), "",
        "## Retrain", "",
        (f"    python -m pipeline train transformers --base-model {metrics['base_model']} "
         f"--data {metrics['data']} --out {out} "
        f"--seed {metrics['seed']} --epochs {hyper['epochs']}"), "",
        *([f"Set from Python (not CLI options), pass them again to reproduce: {changed}.", ""]
          if (changed := {k: v for k, v in hyper.items() if k != "epochs" and DEFAULT_HYPERPARAMETERS.get(k) != v})
          else []),
        "## Limits", "",
        (f"- Trained on {metrics['rows'].get('train', 0)} sentences of {len(ENTITY_LABELS)} labels: small; "
        "figures on dev/test have wide error bars."),
        ("- Slow tokenizers (PhoBERT) encode word by word; PhoBERT sees syllables, not the "
        "word-segmented text it was pre-trained on."),
        ("- Runs on CPU unless CUDA is available; a base-size model is slow on CPU "
        f"(prediction measured here: {metrics.get('predict_chars_per_second')} chars/s)."), "",
    ]
    return "\n".join(lines)
