"""spaCy NER over the Vietnamese syllable tokenizer, with the rule tagger's output as a feature.

    >>> model = SpacyNER(epochs=20).fit(train_records, dev_records, seed=0)
    >>> model.predict(doc)          # doc.entities hold the rule spans -> list[Span], source="spacy"
    >>> model.save("models/ner"); SpacyNER.load("models/ner")

The network is small and runs on a CPU: a hash-embedding CNN (`MultiHashEmbed` over NORM,
PREFIX, SUFFIX, SHAPE and TAG + `MaxoutWindowEncoder`) feeding spaCy's transition-based `ner`.
Stacking: each token's `tag_` holds the BIO tag the rule tagger gave it (`B-ORG`, `I-DATE`,
`O`), so the model learns where to trust the rules and where to correct them. Optionally
(`word_segments=True`) `lemma_` holds B/I of the underthesea word the syllable belongs to.

Training runs on gold sentences (short, so fast) and the model predicts sentence by sentence
over `doc.sentences` (the whole text when a document has none).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..annotation.tokenizer import TOKENIZER_NAME  # importing registers the tokenizer
from ..doc import ENTITY_LABELS, Document, Span

SOURCE = "spacy"
META_KEY = "vn_directives"   # our settings, kept in the spaCy pipeline's meta.json

_CONFIG = """
[nlp]
lang = "xx"
pipeline = ["ner"]

[nlp.tokenizer]
@tokenizers = "{tokenizer}"

[components]

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden_width}
maxout_pieces = 2
use_upper = true

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = {attrs}
rows = {rows}
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3
"""

# a rule-tagged (or segmented) document: tokens carry the features the model reads
Featurizer = Callable[[str, list[Span]], Doc]


class SpacyNER:
    """spaCy NER estimator: `fit(train_records, dev_records)`, `predict(doc)`, `save`, `load`.

    Records are annotated-corpus dicts (`text`, `entities`, `sentences`). `rule_tagger` turns a
    `Document` with `text` into one whose `entities` are the rule spans (default: the `entities`
    stage with rules only and `models/gazetteer`); it is needed only by `fit`.
    """

    def __init__(self, width: int = 96, depth: int = 4, hidden_width: int = 64, epochs: int = 4,
                 batch_size: int = 32, dropout: float = 0.2, learn_rate: float = 0.001,
                 patience: int = 6, rule_tags: bool = True, word_segments: bool = True):
        self.width = width
        self.depth = depth
        self.hidden_width = hidden_width
        self.epochs = epochs
        self.batch_size = batch_size
        self.dropout = dropout
        self.learn_rate = learn_rate
        self.patience = patience
        self.rule_tags = rule_tags
        self.word_segments = word_segments
        self.nlp: Language | None = None
        self.history_: list[dict[str, Any]] = []
        self.best_epoch_: int | None = None
        # how the `entities` stage merges this model with the rules, chosen on dev by
        # `train_spacy_ner` ({"rule_labels": [...], "fill_from_rules": bool}); None: the stage's default
        self.merge_policy_: dict[str, Any] | None = None

    # -- settings -------------------------------------------------------------------------------

    def get_params(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("width", "depth", "hidden_width", "epochs", "batch_size",
                                              "dropout", "learn_rate", "patience", "rule_tags",
                                              "word_segments")}

    def _build(self) -> Language:
        attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
        rows = [5000, 1000, 2500, 2500]
        if self.rule_tags:
            attrs.append("TAG")
            rows.append(64)          # 13 BIO tags: few rows, few collisions
        if self.word_segments:
            attrs.append("LEMMA")
            rows.append(16)
        text = _CONFIG.format(tokenizer=TOKENIZER_NAME, width=self.width, depth=self.depth,
                              hidden_width=self.hidden_width, attrs=json.dumps(attrs), rows=json.dumps(rows))
        config = spacy.util.load_config_from_str(text)
        return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)

    # -- features -------------------------------------------------------------------------------

    def _featurize(self, text: str, start: int, end: int, rule_spans: list[Span]) -> Doc:
        """The spaCy doc of `text[start:end]` with the rule tags / word segments on its tokens."""
        assert self.nlp is not None
        sdoc = self.nlp.make_doc(text[start:end])
        if self.rule_tags:
            tags = ["O"] * len(sdoc)
            for span in rule_spans:
                if span.start < start or span.end > end:
                    continue
                part = sdoc.char_span(span.start - start, span.end - start, alignment_mode="expand")
                if part is None or len(part) == 0:
                    continue
                tags[part.start] = f"B-{span.label}"
                for i in range(part.start + 1, part.end):
                    tags[i] = f"I-{span.label}"
            for token, tag in zip(sdoc, tags):
                token.tag_ = tag
        if self.word_segments:
            _set_word_segments(sdoc)
        return sdoc

    def _examples(self, records: Iterable[dict], rule_tagger: Callable[[Document], Document]) -> list[Example]:
        examples = []
        for record in records:
            text = record["text"]
            rules = rule_tagger(Document(doc_id=record["doc_id"], text=text, raw_text=text)).entities
            for sent in record["sentences"]:
                s, e = sent["start"], sent["end"]
                if not text[s:e].strip():
                    continue
                sdoc = self._featurize(text, s, e, rules)
                ents = [(x["start"] - s, x["end"] - s, x["label"]) for x in record["entities"]
                        if x["start"] >= s and x["end"] <= e]
                ents = [t for t in ents if sdoc.char_span(t[0], t[1]) is not None]  # on token edges
                examples.append(Example.from_dict(sdoc, {"entities": _flat(ents)}))
        return examples

    # -- estimator API --------------------------------------------------------------------------

    def fit(self, train_records: list[dict], dev_records: list[dict] | None = None, seed: int = 0,
            rule_tagger: Callable[[Document], Document] | None = None,
            log: Callable[[str], None] | None = None) -> SpacyNER:
        """Train on the gold sentences of `train_records`; keep the epoch with the best entity F1
        on `dev_records` (the last epoch when there is no dev set)."""
        fix_random_seed(seed)
        rng = random.Random(seed)
        rule_tagger = rule_tagger or default_rule_tagger()
        self.nlp = self._build()
        train = self._examples(train_records, rule_tagger)
        dev = self._examples(dev_records, rule_tagger) if dev_records else []
        ner = self.nlp.get_pipe("ner")
        for label in ENTITY_LABELS:
            ner.add_label(label)
        optimizer = self.nlp.initialize(lambda: train, sgd=None)
        optimizer.learn_rate = self.learn_rate
        best, best_bytes, since_best = -1.0, None, 0
        self.history_ = []
        for epoch in range(1, self.epochs + 1):
            t0 = time.perf_counter()
            rng.shuffle(train)
            losses: dict[str, float] = {}
            for batch in minibatch(train, size=self.batch_size):
                self.nlp.update(batch, drop=self.dropout, sgd=optimizer, losses=losses)
            row: dict[str, Any] = {"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 2)}
            if dev:
                scores = self.nlp.evaluate(dev)
                row.update(dev_p=round(float(scores["ents_p"]), 4), dev_r=round(float(scores["ents_r"]), 4),
                           dev_f=round(float(scores["ents_f"]), 4))
            row["seconds"] = round(time.perf_counter() - t0, 1)
            self.history_.append(row)
            if log:
                log(json.dumps(row))
            score = row.get("dev_f", epoch)
            if score > best:
                best, best_bytes, since_best, self.best_epoch_ = score, self.nlp.to_bytes(), 0, epoch
            else:
                since_best += 1
                if dev and since_best >= self.patience:
                    break
        if best_bytes is not None:
            self.nlp.from_bytes(best_bytes)
        return self

    def predict(self, doc: Document) -> list[Span]:
        """Model spans over `doc.text`, sentence by sentence; `doc.entities` are the rule spans."""
        if self.nlp is None:
            raise RuntimeError("SpacyNER is not fitted; call fit() or load()")
        windows = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
        sdocs = [self._featurize(doc.text, s, e, doc.entities) for s, e in windows if doc.text[s:e].strip()]
        offsets = [s for s, e in windows if doc.text[s:e].strip()]
        for _, proc in self.nlp.pipeline:
            sdocs = list(proc.pipe(sdocs))
        spans = []
        for offset, sdoc in zip(offsets, sdocs):
            for ent in sdoc.ents:
                start, end = offset + ent.start_char, offset + ent.end_char
                spans.append(doc.make_span(start, end, ent.label_, SOURCE, 1.0))
        return spans

    def save(self, path: str | Path) -> None:
        if self.nlp is None:
            raise RuntimeError("SpacyNER is not fitted")
        self.nlp.meta[META_KEY] = {"params": self.get_params(), "best_epoch": self.best_epoch_,
                                   "history": self.history_, "merge_policy": self.merge_policy_}
        self.nlp.to_disk(path)

    @classmethod
    def load(cls, path: str | Path) -> SpacyNER:
        nlp = spacy.load(path)
        info = nlp.meta.get(META_KEY, {})
        model = cls(**info.get("params", {}))
        model.nlp = nlp
        model.best_epoch_ = info.get("best_epoch")
        model.history_ = info.get("history", [])
        model.merge_policy_ = info.get("merge_policy")
        return model


def _flat(ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop overlapping gold spans (the first one wins): spaCy NER needs a flat layer."""
    out: list[tuple[int, int, str]] = []
    for s, e, label in sorted(ents):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, label))
    return out


def _set_word_segments(sdoc: Doc) -> None:
    """`lemma_` = B / I of the underthesea word each syllable belongs to (O off words)."""
    from underthesea import word_tokenize

    text = sdoc.text
    marks = ["O"] * len(sdoc)
    by_start = {t.idx: t.i for t in sdoc}
    position = 0
    for word in word_tokenize(text):
        at = text.find(word, position)
        if at < 0:
            continue
        position = at + len(word)
        inner = [by_start[i] for i in range(at, position) if i in by_start]
        for n, i in enumerate(inner):
            marks[i] = "B" if n == 0 else "I"
    for token, mark in zip(sdoc, marks):
        token.lemma_ = mark


def default_rule_tagger(models_dir: str | Path | None = None) -> Callable[[Document], Document]:
    """The `entities` stage with rules only, over the shipped gazetteer."""
    from .. import registry
    from ..core import DEFAULT_MODELS_DIR

    return registry.create("entities", {"gazetteer": "gazetteer", "model": ""},
                           Path(models_dir) if models_dir else DEFAULT_MODELS_DIR)


# -- training command --------------------------------------------------------------------------

# merge policies tried on dev: the labels whose spans come from the rules (see entities.merge_entities)
MERGE_CANDIDATES = ((), ("DATE", "DOC"), ("PER", "TITLE"), ("PER", "TITLE", "LOC"),
                    ("PER", "TITLE", "LOC", "DATE", "DOC"))

def pipeline_entity_scores(gold_path: str | Path, inputs: str | Path, models_dir: str | Path | None = None,
                           entities: dict | None = None) -> dict[str, Any]:
    """Spec §7a entity scores of the pipeline (clean, sentences, entities) on the raw documents of
    a gold split; `entities` overrides the `entities` config section (`{"model": ""}`: rules)."""
    from ..core import Pipeline
    from ..readers import iter_input_paths
    from ..scoring import document_to_record, load_records, score

    gold = load_records(gold_path)
    wanted = {r["doc_id"] for r in gold}
    paths = [p for p in iter_input_paths([str(inputs)]) if p.stem in wanted]
    nlp = Pipeline(processors=["clean", "sentences", "entities"], models_dir=models_dir,
                   overrides={"components": {"entities": entities or {}}})
    pred = [document_to_record(doc) for doc in nlp.pipe_paths(paths) if doc.ok]
    result = score(gold, pred)["entities"]
    return {"micro": result["micro"], "per_label": result["per_label"]}


def train_spacy_ner(data: str | Path, out: str | Path, seed: int = 0, inputs: str | Path = "data/raw",
                    **params: Any) -> dict[str, Any]:
    """Train on `data/train.jsonl`, select the epoch on `data/dev.jsonl`, save to `out` with a
    model card; returns the metrics (dev: rules / model only / merged; test: rules / merged)."""
    from ..annotation.schema import load_annotations

    data, out = Path(data), Path(out)
    train = load_annotations(data / "train.jsonl")
    dev = load_annotations(data / "dev.jsonl")
    model = SpacyNER(**params).fit(train, dev, seed=seed, log=print)
    return finish_spacy_ner(model, data, out, seed, inputs)


def train_spacy_ner_seeds(data: str | Path, out: str | Path, seeds: tuple[int, ...] = (0, 1, 2),
                          inputs: str | Path = "data/raw", **params: Any) -> dict[str, Any]:
    """`train_spacy_ner` once per seed; keep the model with the best merged entity micro-F1 on dev
    (the first seed of equals) in `out`, its card listing every seed's dev F1. The model is small
    and the data few, so seeds move F1 by about 0.01: picking on dev, not test, keeps that honest."""
    import shutil

    out = Path(out)
    runs: dict[int, tuple[float, Path, dict[str, Any]]] = {}
    for seed in seeds:
        folder = out.parent / f".{out.name}.seed{seed}"
        metrics = train_spacy_ner(data, folder, seed, inputs, **params)
        runs[seed] = (metrics["dev"]["merged"]["micro"]["f1"], folder, metrics)
    best = max(seeds, key=lambda seed: runs[seed][0])
    if out.exists():
        shutil.rmtree(out)
    runs[best][1].rename(out)
    for seed in seeds:
        if seed != best:
            shutil.rmtree(runs[seed][1])
    metrics = runs[best][2]
    metrics["seed_selection"] = {str(seed): round(runs[seed][0], 4) for seed in seeds}
    (out / "README.md").write_text(model_card(metrics, Path(data)), encoding="utf-8")
    return metrics


def finish_spacy_ner(model: SpacyNER, data: str | Path, out: str | Path, seed: int = 0,
                     inputs: str | Path = "data/raw") -> dict[str, Any]:
    """The steps of `train_spacy_ner` after `fit`: save, choose the merge policy on dev, score
    dev and test, write the model card; returns the metrics."""
    from ..annotation.schema import load_annotations

    data, out = Path(data), Path(out)
    train = load_annotations(data / "train.jsonl")
    dev = load_annotations(data / "dev.jsonl")
    model.save(out)
    # the merge policy: the candidate with the best entity micro-F1 on dev (never on test)
    policies = {}
    for rule_labels in MERGE_CANDIDATES:
        for fill in (True, False):
            policy = {"rule_labels": list(rule_labels), "fill_from_rules": fill}
            s = pipeline_entity_scores(data / "dev.jsonl", inputs, entities={"model": str(out.resolve()), **policy})
            policies[f"{'+'.join(rule_labels) or '-'} fill={fill}"] = (s["micro"]["f1"], policy)
            print(f"merge policy {policy}: dev micro F1 {s['micro']['f1']:.4f}")
    model.merge_policy_ = max(policies.values(), key=lambda v: v[0])[1]
    model.save(out)
    merged = {"model": str(out.resolve()), **model.merge_policy_}
    metrics: dict[str, Any] = {"seed": seed, "params": model.get_params(), "best_epoch": model.best_epoch_,
                               "history": model.history_, "merge_policy": model.merge_policy_,
                               "merge_candidates_dev_f1": {k: round(v[0], 4) for k, v in policies.items()}}
    for split in ("dev", "test"):
        gold = data / f"{split}.jsonl"
        metrics[split] = {
            "rules": pipeline_entity_scores(gold, inputs, entities={"model": ""}),
            "model_only": pipeline_entity_scores(gold, inputs, entities={
                "model": str(out.resolve()), "rule_labels": [], "fill_from_rules": False}),
            "merged": pipeline_entity_scores(gold, inputs, entities=merged),
        }
    counts = {split: _corpus_counts(records) for split, records in
              (("train", train), ("dev", dev), ("test", load_annotations(data / "test.jsonl")))}
    metrics["data"] = counts
    (out / "README.md").write_text(model_card(metrics, data), encoding="utf-8")
    return metrics


def _corpus_counts(records: list[dict]) -> dict[str, Any]:
    labels = {label: 0 for label in ENTITY_LABELS}
    for r in records:
        for e in r["entities"]:
            labels[e["label"]] = labels.get(e["label"], 0) + 1
    return {"documents": len(records), "sentences": sum(len(r["sentences"]) for r in records),
            "characters": sum(len(r["text"]) for r in records), "entities": labels}


def _table(rows: dict[str, dict]) -> list[str]:
    head = "| system | micro F1 | " + " | ".join(ENTITY_LABELS) + " |"
    lines = [head, "|" + "---|" * (len(ENTITY_LABELS) + 2)]
    for name, s in rows.items():
        cells = [f"{s['per_label'][label]['f1']:.3f}" if label in s["per_label"] else "-" for label in ENTITY_LABELS]
        lines.append(f"| {name} | **{s['micro']['f1']:.3f}** (P {s['micro']['precision']:.3f} "
                     f"R {s['micro']['recall']:.3f}) | " + " | ".join(cells) + " |")
    return lines


def model_card(metrics: dict[str, Any], data: Path) -> str:
    """models/ner/README.md from the metrics `train_spacy_ner` returns."""
    p = metrics["params"]
    policy = metrics["merge_policy"]
    counts = metrics["data"]
    lines = [
        "# models/ner — spaCy NER stacked on the rule tagger",
        "",
        "A small CPU spaCy pipeline (`xx` + the `vi_admin_tokenizer.v1` syllable tokenizer, "
        "`pipeline/annotation/tokenizer.py`) with one `ner` component: a hash-embedding CNN "
        "(`MultiHashEmbed` over NORM, PREFIX, SUFFIX, SHAPE"
        + (", TAG" if p["rule_tags"] else "") + (", LEMMA" if p["word_segments"] else "")
        + f"; width {p['width']}, `MaxoutWindowEncoder` depth {p['depth']}) and spaCy's transition-based "
        f"NER (hidden width {p['hidden_width']}). Code: `pipeline/models/spacy_ner.py` (`SpacyNER`).",
        "",
        "**Stacking**: " + ("each token's `tag_` holds the BIO tag the rule tagger "
                            "(`pipeline/entities.py`, rules only) gave it, at training and at prediction time."
                            if p["rule_tags"] else "off (no rule tags as features)."),
        "",
        "## Training data",
        "",
        (f"`{data}/train.jsonl` for training, `{data}/dev.jsonl` to pick the epoch; one training example "
        "per gold sentence."),
        "",
        "| split | documents | sentences | characters | " + " | ".join(ENTITY_LABELS) + " |",
        "|" + "---|" * (4 + len(ENTITY_LABELS)),
    ]
    for split, c in counts.items():
        lines.append(f"| {split} | {c['documents']} | {c['sentences']} | {c['characters']} | "
                     + " | ".join(str(c["entities"].get(label, 0)) for label in ENTITY_LABELS) + " |")
    lines += [
        "",
        "## Hyper-parameters",
        "",
        f"seed {metrics['seed']}; " + ", ".join(f"{k} {v}" for k, v in p.items())
        + f"; Adam (spaCy default); best epoch on dev span F1: {metrics['best_epoch']}.",
        "",
    ]
    if "seed_selection" in metrics:
        lines += [
            "The seed was chosen on dev (`train ner --seeds`): merged entity micro-F1 on dev per seed "
            + ", ".join(f"{seed}: {f1}" for seed, f1 in metrics["seed_selection"].items()) + ".",
            "",
        ]
    lines += [
        "Epochs (loss, span-level P/R/F1 of the model alone on dev gold sentences):",
        "",
        "| epoch | loss | dev P | dev R | dev F1 | s |",
        "|---|---|---|---|---|---|",
    ]
    for h in metrics["history"]:
        dev = " | ".join(f"{h[k]:.4f}" if k in h else "-" for k in ("dev_p", "dev_r", "dev_f"))
        lines.append(f"| {h['epoch']} | {h['loss']:.1f} | {dev} | {h['seconds']} |")
    lines += [
        "",
        "## Combination with the rules",
        "",
        "`entities` stage (`pipeline/entities.py`, `HybridEntityRecognizer` / `merge_entities`): the rule "
        f"tagger runs first; rule spans of {', '.join(policy['rule_labels']) or 'no label'} are kept; "
        "model spans of the other labels are added where they overlap none of those"
        + ("; then the remaining rule spans where they overlap nothing kept (`fill_from_rules`)."
           if policy["fill_from_rules"] else "; other rule spans are dropped (`fill_from_rules = false`).")
        + " This policy was chosen on dev among the candidates below and is stored in the model's "
        "`meta.json` (`vn_directives.merge_policy`); `rule_labels` / `fill_from_rules` in "
        "`[components.entities]` override it. `doc.people` keeps the rule tagger's people whose name / "
        "title are still PER / TITLE spans. `model = \"\"` runs the rules alone.",
        "",
        "| rule labels, fill | dev micro F1 |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in metrics["merge_candidates_dev_f1"].items()],
        "",
        "## Metrics (spec §7a entity scores, `pipeline.scoring`)",
        "",
        ("Measured by `train_spacy_ner` itself, running clean + sentences + entities on `data/raw` "
        "(same figures as `python -m pipeline score data/annotated/<split>.jsonl` with the deadline / "
        "directive models blanked). The merge policy was chosen on dev; test was not used for any choice."),
        "",
    ]
    for split in ("dev", "test"):
        lines += [f"### {split}", ""] + _table({
            "rules only": metrics[split]["rules"], "model only": metrics[split]["model_only"],
            "merged (shipped)": metrics[split]["merged"]}) + [""]
    lines += [
        "Rules were tuned on dev, so the dev figure for the rules is optimistic.",
        "",
        "## Retrain",
        "",
        (f"    python -m pipeline train ner --seeds {','.join(metrics['seed_selection'])}   # keeps the best on dev"
         if "seed_selection" in metrics else
         f"    python -m pipeline train ner --seed {metrics['seed']}   # --data data/annotated --out models/ner"),
        "",
        "Deterministic for a fixed seed on the same machine (spaCy `fix_random_seed`, seeded shuffling).",
        "",
        "## Limits",
        "",
        (f"- {counts['train']['documents']} training documents; TITLE and PER are rare (tens of mentions), "
         "so their figures move a lot "
        "from one document to the next."),
        ("- The model sees one sentence at a time (`doc.sentences`); an entity across a sentence "
        "boundary cannot be found."),
        ("- Rule tags are features: a change to the rule tagger or the gazetteer changes the model's "
        "input; retrain after one."),
        "- CPU-only, ~1-2 ms per sentence; no word vectors.",
    ]
    return "\n".join(lines) + "\n"
