"""Deadline-clause classifier (spec §3 classes) — TF-IDF + a linear model over sentences.

    >>> clf = DeadlineClassifier().fit(texts, rule_types, labels)
    >>> clf.predict_proba(["Hoàn thành trước ngày 10/02/2018."], ["date"])   # columns: DEADLINE_TYPES
    >>> clf.save("models/deadline"); DeadlineClassifier.load("models/deadline")

Features of one sentence: TF-IDF character n-grams (within words) and word n-grams of its
lower-cased text, the rule normalizer's class (one-hot, `pipeline.deadlines.find_deadline`)
and "cue" flags: which classes have a phrase in the sentence at all, before the rules' gates
(`pipeline.deadlines.deadline_cues`) — so the model can learn where the gates are wrong.

The classes are rare (about 3 % of the sentences carry a deadline) and the rules are already
good, so `predict` combines the two: the model's class replaces the rule class only where the
model gives it a probability of at least `override_threshold` (chosen on dev); 1.0 keeps
the rules everywhere, 0.0 trusts the model everywhere.

`train_deadline_classifier` (`python -m pipeline train deadline`) fits on the train split,
chooses the hyper-parameters on dev, reports dev and test and writes the model and its card.
A saved model is a joblib pickle: load it only from `models/` or a folder you made yourself.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from ..doc import DEADLINE_TYPES
from . import document_folds

MODEL_FILE = "deadline_classifier.joblib"
CARD_FILE = "README.md"
METRICS_FILE = "metrics.json"
_CUE_TYPES = DEADLINE_TYPES[:-1]      # every class but "none"


class DeadlineClassifier:
    """Sentence -> deadline class (DEADLINE_TYPES), scikit-learn style.

    `fit(texts, rule_types, labels)`; `predict_proba(texts, rule_types)` has one column per
    DEADLINE_TYPES entry (in that order, zero for a class unseen in training);
    `predict` is the combination with the rules described in the module docstring.
    `cues` (optional, one set of class names per text) are computed from the texts when omitted.
    """

    def __init__(self, C: float = 10.0, class_weight: str | None = "balanced",
                 char_ngrams: tuple[int, int] = (2, 5), word_ngrams: tuple[int, int] = (1, 2),
                 rule_weight: float = 1.0, override_threshold: float = 0.5, random_state: int = 0):
        self.C = C
        self.class_weight = class_weight
        self.char_ngrams = tuple(char_ngrams)
        self.word_ngrams = tuple(word_ngrams)
        self.rule_weight = rule_weight
        self.override_threshold = override_threshold
        self.random_state = random_state

    def get_params(self) -> dict:
        return {"C": self.C, "class_weight": self.class_weight, "char_ngrams": list(self.char_ngrams),
                "word_ngrams": list(self.word_ngrams), "rule_weight": self.rule_weight,
                "override_threshold": self.override_threshold, "random_state": self.random_state}

    # --- features ------------------------------------------------------------------------------

    def _features(self, texts: Sequence[str], rule_types: Sequence[str],
                  cues: Sequence[set[str]] | None, fit: bool = False) -> sp.csr_matrix:
        if len(texts) != len(rule_types):
            raise ValueError("texts and rule_types differ in length")
        if cues is None:
            from ..deadlines import deadline_cues
            cues = [deadline_cues(t) for t in texts]
        if fit:
            self.char_vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams,
                                                    lowercase=True, sublinear_tf=True, min_df=2)
            self.word_vectorizer_ = TfidfVectorizer(analyzer="word", ngram_range=self.word_ngrams,
                                                    token_pattern=r"(?u)\b\w+\b", lowercase=True,
                                                    sublinear_tf=True, min_df=1)
            chars = self.char_vectorizer_.fit_transform(texts)
            words = self.word_vectorizer_.fit_transform(texts)
        else:
            chars = self.char_vectorizer_.transform(texts)
            words = self.word_vectorizer_.transform(texts)
        rules = np.zeros((len(texts), len(DEADLINE_TYPES)))
        for i, type_ in enumerate(rule_types):
            rules[i, DEADLINE_TYPES.index(type_ or "none")] = self.rule_weight
        cue = np.array([[float(c in found) for c in _CUE_TYPES] for found in cues]).reshape(len(texts), -1)
        return sp.hstack([chars, words, sp.csr_matrix(rules), sp.csr_matrix(cue)], format="csr")

    # --- estimator -----------------------------------------------------------------------------

    def fit(self, texts: Sequence[str], rule_types: Sequence[str], labels: Sequence[str],
            cues: Sequence[set[str]] | None = None) -> DeadlineClassifier:
        unknown = set(labels) - set(DEADLINE_TYPES)
        if unknown:
            raise ValueError(f"unknown deadline classes {sorted(unknown)}")
        X = self._features(texts, rule_types, cues, fit=True)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                         random_state=self.random_state)
        self.model_.fit(X, list(labels))
        return self

    def predict_proba(self, texts: Sequence[str], rule_types: Sequence[str],
                      cues: Sequence[set[str]] | None = None) -> np.ndarray:
        """Probabilities, one column per DEADLINE_TYPES entry."""
        if not len(texts):
            return np.zeros((0, len(DEADLINE_TYPES)))
        raw = self.model_.predict_proba(self._features(texts, rule_types, cues))
        proba = np.zeros((len(texts), len(DEADLINE_TYPES)))
        for j, label in enumerate(self.model_.classes_):
            proba[:, DEADLINE_TYPES.index(label)] = raw[:, j]
        return proba

    def combine(self, proba: np.ndarray, rule_types: Sequence[str]) -> list[str]:
        """The rule class, replaced by the model's where the model is confident enough."""
        best = proba.argmax(axis=1) if len(proba) else []
        return [DEADLINE_TYPES[j] if proba[i, j] >= self.override_threshold else (rule or "none")
                for i, (j, rule) in enumerate(zip(best, rule_types))]

    def predict(self, texts: Sequence[str], rule_types: Sequence[str],
                cues: Sequence[set[str]] | None = None) -> list[str]:
        return self.combine(self.predict_proba(texts, rule_types, cues), rule_types)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path / MODEL_FILE)
        return path

    @classmethod
    def load(cls, path: str | Path) -> DeadlineClassifier:
        """A model saved by `save` (a folder, or the joblib file itself). joblib unpickles:
        load only models you trust (models/ or your own)."""
        path = Path(path)
        file = path / MODEL_FILE if path.is_dir() else path
        if not file.exists():
            raise FileNotFoundError(f"deadline model not found: {file}")
        model = joblib.load(file)
        if not isinstance(model, cls):
            raise TypeError(f"{file} holds a {type(model).__name__}, not a {cls.__name__}")
        return model


# --- data ------------------------------------------------------------------------------------------

def _reference_date(record: dict) -> dt.date | None:
    """As `deadlines.reference_date`, from the gold fields: issue or meeting date, else the
    first date in the text."""
    from ..dates import first_dated_point
    fields = record.get("document") or {}
    value = fields.get("issued_date") or fields.get("meeting_date")
    return dt.date.fromisoformat(value) if value else first_dated_point(record["text"])


def sentence_examples(data: str | Path, split: str) -> dict[str, list]:
    """One split's gold sentences (hf_dataset.sentence_dataset) with the rule class and cues:
    {"text", "label", "rule", "cues", "doc_id"} lists."""
    from ..annotation.hf_dataset import sentence_dataset
    from ..annotation.schema import load_annotations
    from ..deadlines import deadline_cues, find_deadline

    rows = sentence_dataset(data, splits=(split,))[split]
    names = rows.features["deadline_type"].names
    ref_dates = {r["doc_id"]: _reference_date(r) for r in load_annotations(Path(data) / f"{split}.jsonl")}
    texts = list(rows["text"])
    doc_ids = list(rows["doc_id"])
    return {
        "text": texts,
        "label": [names[i] for i in rows["deadline_type"]],
        "date": list(rows["deadline_date"]),
        "rule": [find_deadline(t, ref_dates[d]).type for t, d in zip(texts, doc_ids)],
        "cues": [deadline_cues(t) for t in texts],
        "doc_id": doc_ids,
        "ref_date": [ref_dates[d] for d in doc_ids],
    }


def pipeline_deadlines(clf: DeadlineClassifier | None, examples: dict, fallback: str = "relaxed") -> list:
    """The `Deadline` the deadlines stage gives each example sentence (rules alone for None)."""
    from ..deadlines import combine_deadline, find_deadline
    rules = [find_deadline(t, r) for t, r in zip(examples["text"], examples["ref_date"])]
    if clf is None:
        return rules
    proba = clf.predict_proba(examples["text"], [d.type for d in rules], examples["cues"])
    types = clf.combine(proba, [d.type for d in rules])
    return [combine_deadline(text, rule, type_, dict(zip(DEADLINE_TYPES, row)),
                             max(row) >= clf.override_threshold, ref, fallback)
            for text, rule, type_, row, ref in zip(examples["text"], rules, types, proba.tolist(),
                                                   examples["ref_date"])]


def _date_accuracy(gold_dates: Sequence[str | None], deadlines: list) -> float:
    found = [d.date.isoformat() if d.date else None for d in deadlines]
    return round(sum(g == p for g, p in zip(gold_dates, found)) / max(1, len(found)), 4)


def sentence_metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, macro-F1 over the classes in gold or prediction, and per-class P/R/F1."""
    labels = [t for t in DEADLINE_TYPES if t in set(gold) | set(pred)]
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "macro_f1": round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 4),
        "per_class": {t: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                          "f1": round(float(f[i]), 4), "support": int(n[i])} for i, t in enumerate(labels)},
    }


# --- training --------------------------------------------------------------------------------------

GRID = {
    "C": (1.0, 10.0, 100.0),
    "class_weight": (None, "balanced"),
    "char_ngrams": ((2, 5), (1, 3)),
    "rule_weight": (1.0, 3.0),
}
THRESHOLDS = (0.0, 0.5, 0.7, 0.9, 1.01)   # 1.01: never override = the rules alone


def _select(train: dict, dev: dict, seed: int) -> tuple[dict, list[dict]]:
    """Grid search on dev: best (macro-F1, accuracy) of the rule+model combination; ties go
    to the higher threshold (fewer overrides), then the smaller C."""
    tried = []
    for C, weight, chars, rule_weight in itertools.product(*GRID.values()):
        clf = DeadlineClassifier(C=C, class_weight=weight, char_ngrams=chars, rule_weight=rule_weight,
                                 random_state=seed).fit(train["text"], train["rule"], train["label"],
                                                        train["cues"])
        proba = clf.predict_proba(dev["text"], dev["rule"], dev["cues"])
        for threshold in THRESHOLDS:
            clf.override_threshold = threshold
            m = sentence_metrics(dev["label"], clf.combine(proba, dev["rule"]))
            tried.append({**clf.get_params(), "dev_accuracy": m["accuracy"], "dev_macro_f1": m["macro_f1"]})
    best = max(tried, key=lambda t: (t["dev_macro_f1"], t["dev_accuracy"], t["override_threshold"], -t["C"]))
    return best, tried


def cross_validated_metrics(examples: dict, params: dict, folds: int = 5, seed: int = 0) -> dict:
    """The rules and the combined stage on `examples`, each sentence classified by a model fit on
    the other folds' documents (documents shuffled by `seed`): an estimate of the chosen setting
    on many more documents than dev holds."""
    doc_ids = sorted(set(examples["doc_id"]))
    fold_of = dict(zip(doc_ids, document_folds(len(doc_ids), folds, seed)))
    gold: list[str] = []
    rules: list = []
    combined: list = []
    dates: list = []
    for k in range(folds):
        train, held = ({key: [v for v, d in zip(values, examples["doc_id"]) if (fold_of[d] == k) == part]
                        for key, values in examples.items()} for part in (False, True))
        if not held["text"] or not train["text"]:
            continue
        clf = DeadlineClassifier(**params, random_state=seed).fit(train["text"], train["rule"], train["label"],
                                                                  train["cues"])
        gold += held["label"]
        dates += held["date"]
        rules += pipeline_deadlines(None, held)
        combined += pipeline_deadlines(clf, held)
    result = {}
    for name, stage in (("rules", rules), ("combined", combined)):
        result[name] = sentence_metrics(gold, [x.type for x in stage])
        result[name]["stage_date_accuracy"] = _date_accuracy(dates, stage)
    result["folds"], result["documents"] = folds, len(doc_ids)
    return result


def train_deadline_classifier(data: Path, out: Path, seed: int = 0) -> dict:
    """Fit on train, choose on dev, report dev and test; write the model and its card to `out`."""
    started = time.time()
    data, out = Path(data), Path(out)
    splits = {s: sentence_examples(data, s) for s in ("train", "dev", "test")}
    train, dev = splits["train"], splits["dev"]
    best, tried = _select(train, dev, seed)
    params = {k: best[k] for k in ("C", "class_weight", "char_ngrams", "word_ngrams", "rule_weight",
                                   "override_threshold")}
    clf = DeadlineClassifier(**params, random_state=seed).fit(train["text"], train["rule"], train["label"],
                                                              train["cues"])
    metrics: dict = {"model": "deadline", "seed": seed, "params": clf.get_params(),
                     "class_counts": {s: dict(Counter(d["label"]).most_common()) for s, d in splits.items()},
                     "documents": {s: len(set(d["doc_id"])) for s, d in splits.items()},
                     "grid_size": len(tried)}
    for split in ("dev", "test"):
        d = splits[split]
        proba = clf.predict_proba(d["text"], d["rule"], d["cues"])
        model_only = [DEADLINE_TYPES[j] for j in proba.argmax(axis=1)]
        metrics[split] = {"rules": sentence_metrics(d["label"], d["rule"]),
                          "model": sentence_metrics(d["label"], model_only),
                          "combined": sentence_metrics(d["label"], clf.combine(proba, d["rule"]))}
        # through the stage's own code (phrase + ISO date from the normalizer, relaxed fall-back)
        for name, model in (("rules", None), ("combined", clf)):
            stage = pipeline_deadlines(model, d)
            metrics[split][name]["stage_type_accuracy"] = sentence_metrics(d["label"], [x.type for x in stage])[
                "accuracy"]
            metrics[split][name]["stage_date_accuracy"] = _date_accuracy(d["date"], stage)
    # dev holds about twenty deadline sentences: the chosen setting is also scored by 5-fold CV
    pooled = {key: train[key] + dev[key] for key in train}
    metrics["cross-validated train+dev"] = cross_validated_metrics(pooled, params, seed=seed)
    metrics["dev_top_settings"] = sorted(tried, key=lambda t: (-t["dev_macro_f1"], -t["dev_accuracy"]))[:5]
    metrics["train_seconds"] = round(time.time() - started, 1)
    clf.save(out)
    (out / METRICS_FILE).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / CARD_FILE).write_text(model_card(metrics, data), encoding="utf-8")
    return metrics


def _row(name: str, m: dict) -> str:
    per = m["per_class"]
    cells = " | ".join(f"{per[t]['f1']:.2f}" if t in per else "–" for t in DEADLINE_TYPES)
    return f"| {name} | {m['accuracy']:.4f} | {m['macro_f1']:.4f} | {cells} |"


def model_card(metrics: dict, data: Path) -> str:
    p = metrics["params"]
    counts = metrics["class_counts"]
    lines = [
        "# models/deadline — deadline-clause classifier",
        "",
        "Classifies each sentence into the spec §3 deadline classes (date, period, relative, recurring,",
        "urgent, none). scikit-learn: TF-IDF character n-grams (`char_wb`) + word n-grams of the",
        "lower-cased sentence, the rule normalizer's class (one-hot, `pipeline.deadlines.find_deadline`)",
        "and cue flags (which classes have a phrase in the sentence before the rules' gates,",
        "`pipeline.deadlines.deadline_cues`), into a multinomial LogisticRegression.",
        "Code: `pipeline/models/deadline_classifier.py` (`DeadlineClassifier`).",
        "",
        "## Training data",
        "",
        f"`{data}/{{train,dev,test}}.jsonl`, one example per gold sentence "
        "(`pipeline.annotation.hf_dataset.sentence_dataset`); the rule class is computed with the",
        "document's gold issue/meeting date as reference date (as the pipeline does).",
        "",
        "| split | documents | sentences | " + " | ".join(DEADLINE_TYPES) + " |",
        "|---|---|---|" + "---|" * len(DEADLINE_TYPES),
    ]
    for split in ("train", "dev", "test"):
        c = counts[split]
        lines.append(f"| {split} | {metrics['documents'][split]} | {sum(c.values())} | "
                     + " | ".join(str(c.get(t, 0)) for t in DEADLINE_TYPES) + " |")
    lines += [
        "",
        "Fitted on train only; the hyper-parameters below were chosen on dev (grid: "
        f"C {list(GRID['C'])}, class_weight {list(GRID['class_weight'])}, char n-grams "
        f"{[list(g) for g in GRID['char_ngrams']]}, rule weight {list(GRID['rule_weight'])}, "
        f"override threshold {list(THRESHOLDS)}; {metrics['grid_size']} settings; criterion dev macro-F1, then",
        "accuracy, then the higher threshold). Test was not used for any choice.",
        "",
        "## Hyper-parameters",
        "",
        f"C = {p['C']}, class_weight = {p['class_weight']}, char n-grams {tuple(p['char_ngrams'])} (min_df 2), "
        f"word n-grams {tuple(p['word_ngrams'])}, sublinear tf, rule one-hot weight {p['rule_weight']}, "
        f"override threshold {p['override_threshold']}, max_iter 5000, random_state = seed = {p['random_state']}.",
        "",
        "## Metrics (sentence level, gold sentences)",
        "",
        "`rules` = `find_deadline` alone; `model` = the classifier's argmax; `combined` = what the pipeline",
        "uses (the rule class, replaced by the model's where its probability >= the override threshold).",
        "Macro-F1 runs over the classes present in gold or prediction. Per-class columns are F1.",
        "",
    ]
    cv = metrics.get("cross-validated train+dev")
    if cv:
        lines += [f"**5-fold cross-validation over the {cv['documents']} train + dev documents** (the chosen "
                  "setting refit on each fold's other documents; through the stage's code)", "",
                  "| system | accuracy | macro-F1 | " + " | ".join(DEADLINE_TYPES) + " |",
                  "|---|---|---|" + "---|" * len(DEADLINE_TYPES)]
        lines += [_row(name, cv[name]) for name in ("rules", "combined")]
        lines += ["", f"deadline_date (ISO) accuracy rules {cv['rules']['stage_date_accuracy']:.4f}, combined "
                  f"{cv['combined']['stage_date_accuracy']:.4f}.", ""]
    for split in ("dev", "test"):
        lines += [f"**{split}**", "",
                  "| system | accuracy | macro-F1 | " + " | ".join(DEADLINE_TYPES) + " |",
                  "|---|---|---|" + "---|" * len(DEADLINE_TYPES)]
        lines += [_row(name, metrics[split][name]) for name in ("rules", "model", "combined")]
        lines += ["", "Through the stage's code (`make_deadlines` logic on gold sentences): type accuracy "
                  f"rules {metrics[split]['rules']['stage_type_accuracy']:.4f}, combined "
                  f"{metrics[split]['combined']['stage_type_accuracy']:.4f}; deadline_date (ISO) accuracy rules "
                  f"{metrics[split]['rules']['stage_date_accuracy']:.4f}, combined "
                  f"{metrics[split]['combined']['stage_date_accuracy']:.4f}.", ""]
    lines += [
        "Measured by `python -m pipeline train deadline` (prints these figures as JSON and writes",
        "`metrics.json`). Pipeline-level figures (directive deadline type/date): "
        "`python -m pipeline score data/annotated/dev.jsonl`.",
        "",
        "## How it is combined with the rules",
        "",
        "`pipeline/deadlines.py` (`make_deadlines`, config `[components.deadlines] model = \"deadline\"`):",
        "for every sentence the rules give their class; the model gives probabilities; the chosen class",
        "is the combination above. The phrase, its offsets and the ISO date always come from the rule",
        "normalizer: `find_deadline_of_type(text, class, ref_date)`. Where the normalizer has no phrase",
        "of the model's class behind its gates, `fallback = \"relaxed\"` (the default) takes the first",
        "phrase of that class without the gates (a date with no time-limit cue, \"hàng năm\" after a noun),",
        "or the class with no phrase (\"nộp lệ phí theo tháng\"); `fallback = \"rules\"` keeps the rule",
        "result. On dev (gold sentences)",
        "\"relaxed\" is better: the rule fall-back undoes the model's only dev correction.",
        "`Deadline.score` = the model's probability of the class returned; `Deadline.source` = \"model\"",
        "where the model's own class (probability >= threshold) was used, \"rules\" where the rule class",
        "was left in place. `model = \"\"` gives the rules alone.",
        "",
        "## Retrain",
        "",
        "    python -m pipeline train deadline            # --data data/annotated --out models/deadline --seed 0",
        "",
        "## Limits",
        "",
        "- Tiny positive classes (train: a few dozen sentences per class); dev has about 20 deadline",
        "  sentences, so dev figures move by ~0.05 per sentence and the choice of hyper-parameters is",
        "  noisy. The cross-validated rows score the chosen setting on every train + dev document;",
        "  choosing by cross-validation would refit the whole grid five times (about half an hour).",
        "- The gold sentences were pre-annotated by this pipeline's rules and corrected by hand, so the",
        "  rules start close to gold; the model mostly learns where the rules' gates are wrong.",
        "- The model does not locate phrases or compute dates: a class the gated normalizer has no phrase",
        "  for gets the first ungated phrase of the class (possibly the wrong one of several dates) or none.",
        "- Some notices of one template occur in several splits (\"Thời gian đóng hồ sơ: 8h05 ngày ...\"),",
        "  so part of the test gain on `date` is recall of a seen template.",
        "- Directive-level deadline figures (`python -m pipeline score`) were unchanged on dev by the",
        "  model when it was trained: its corrections fall on sentences outside the gold directives.",
        "- Training runs a 24-fit grid and 5 cross-validation fits: about 5-8 minutes on 2 CPU cores.",
        "- The file is a joblib pickle: load only from models/ or a folder you made yourself.",
        "",
    ]
    return "\n".join(lines)
