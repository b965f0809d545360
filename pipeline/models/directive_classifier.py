"""Which sentences open or continue a directive (spec §4): a linear model over the rules'
reading of the outline plus the sentence's words.

    >>> clf = DirectiveClassifier().fit(features, texts, tags)     # tags: O / B / I
    >>> tags, scores = clf.predict_tags(features, texts)

`features` are `pipeline.directives.sentence_features` rows (the rules' tag, the section heading,
cues, neighbours); `texts` the sentence texts, turned into word 1–2-gram and character 2–4-gram
TF-IDF vectors of their opening (the first words carry the verb or the body addressed). The rules
still assemble what the tags mean: assignees, coordinators and deadlines (`pipeline.directives`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from ..annotation.hf_dataset import DIRECTIVE_TAGS
from . import document_folds

MODEL_FILE = "directive_classifier.joblib"
OPENING_CHARS = 160             # the part of a sentence the n-grams look at
# each training sentence weighs n ** -DOCUMENT_WEIGHT_POWER, n the candidate sentences of its document:
# a 300-item regulation would otherwise outweigh forty notices. 5-fold CV F1 over 352 documents, best O
# threshold, seeds 0 / 1: 0.8357 / 0.8427 unweighted, 0.8400 / 0.8465 at 0.5, 0.8421 / 0.8439 at 1.0.
DOCUMENT_WEIGHT_POWER = 0.5


def _opening(text: str) -> str:
    return text.strip(" -–+*•\n")[:OPENING_CHARS].lower()


class DirectiveClassifier:
    """Logistic regression over DictVectorizer features + TF-IDF of the sentence opening."""

    def __init__(self, C: float = 1.0, class_weight: str | None = None, min_outside: float = 0.5,
                 seed: int = 0):
        self.C = C
        self.class_weight = class_weight
        # a sentence is outside every directive (O) only when P(O) reaches `min_outside`; else it
        # takes the likelier of B and I. Above 0.5 this trades precision for recall.
        self.min_outside = min_outside
        self.seed = seed

    def _matrix(self, features: list[dict], texts: list[str], fit: bool = False):
        openings = [_opening(t) for t in texts]
        if fit:
            return hstack([self.dict_vectorizer_.fit_transform(features),
                           self.word_vectorizer_.fit_transform(openings),
                           self.char_vectorizer_.fit_transform(openings)]).tocsr()
        return hstack([self.dict_vectorizer_.transform(features),
                       self.word_vectorizer_.transform(openings),
                       self.char_vectorizer_.transform(openings)]).tocsr()

    def fit(self, features: list[dict], texts: list[str], tags: list[str],
            sample_weight: np.ndarray | None = None) -> DirectiveClassifier:
        self.dict_vectorizer_ = DictVectorizer()
        self.word_vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.char_vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=3,
                                                sublinear_tf=True, max_features=20000)
        X = self._matrix(features, texts, fit=True)
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                         random_state=self.seed)
        self.model_.fit(X, tags, sample_weight=sample_weight)
        self.classes_ = list(self.model_.classes_)
        return self

    def predict_proba(self, features: list[dict], texts: list[str]) -> np.ndarray:
        return self.model_.predict_proba(self._matrix(features, texts))

    def predict_tags(self, features: list[dict], texts: list[str]) -> tuple[list[str], list[float]]:
        """The most probable tag of each sentence and the probability that it is part of a
        directive (B or I)."""
        proba = self.predict_proba(features, texts)
        inside = [k for k, c in enumerate(self.classes_) if c != "O"]
        outside = self.classes_.index("O") if "O" in self.classes_ else None
        tags = []
        for row in proba:
            if outside is not None and (row[outside] >= self.min_outside or not inside):
                tags.append("O")
            else:
                tags.append(self.classes_[max(inside, key=lambda k: row[k])])
        scores = proba[:, inside].sum(axis=1)
        return tags, [float(round(s, 4)) for s in scores]

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path / MODEL_FILE)

    @classmethod
    def load(cls, path: str | Path) -> DirectiveClassifier:
        """Load a model saved by `save` (a pickle: load only models you made or trust)."""
        model = joblib.load(Path(path) / MODEL_FILE)
        if not isinstance(model, cls):
            raise TypeError(f"{path} does not hold a {cls.__name__}")
        return model


# --------------------------------------------------------------------------- training

# Balanced class weights lost on every earlier grid; the O threshold is chosen with C instead.
GRID = [{"C": c, "class_weight": None, "min_outside": t} for c in (0.1, 0.3, 1.0) for t in (0.5, 0.55, 0.6, 0.65, 0.7)]


def _process(records: list[dict], nlp, raw_paths: dict[str, Path]):
    """The gold records' documents run through the pipeline up to (not including) the directive
    classifier: from the raw file where there is one, else from the record's text."""
    from ..readers import read_path
    docs = []
    for record in records:
        path = raw_paths.get(record["doc_id"])
        doc = nlp.process(read_path(path, doc_id=record["doc_id"])) if path else nlp(record["text"], record["doc_id"])
        if doc.text != record["text"]:
            raise ValueError(f"{record['doc_id']}: the pipeline's cleaned text differs from the record's")
        docs.append(doc)
    return docs


def examples(docs, records) -> tuple[list[dict], list[str], list[str]]:
    """(features, texts, gold tags) of the item/text sentences of processed documents."""
    from ..annotation.hf_dataset import directive_tags
    from ..directives import CANDIDATE_KINDS, rule_decisions, sentence_features
    features, texts, tags = [], [], []
    for doc, record in zip(docs, records, strict=True):
        gold = directive_tags({"sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
                               "directives": record["directives"]})
        rows = sentence_features(doc, rule_decisions(doc))
        for sent, row, tag in zip(doc.sentences, rows, gold, strict=True):
            if sent.kind in CANDIDATE_KINDS:
                features.append(row)
                texts.append(sent.text)
                tags.append(tag)
    return features, texts, tags


def pooled(doc_examples: list[tuple[list, list, list]]) -> tuple[list[dict], list[str], list[str], np.ndarray]:
    """Per-document `examples` pooled into one training set, with each sentence's weight
    (`DOCUMENT_WEIGHT_POWER`; mean 1)."""
    features, texts, tags, weights = [], [], [], []
    for f, t, y in doc_examples:
        features += f
        texts += t
        tags += y
        weights += [len(y) ** -DOCUMENT_WEIGHT_POWER] * len(y)
    w = np.asarray(weights, dtype=float)
    return features, texts, tags, w / w.mean() if len(w) else w


def directive_scores(docs, records, classifier: DirectiveClassifier | None) -> dict[str, Any]:
    """Spec §7a directive scores of the documents' directives, by the rules (classifier None) or
    with the classifier."""
    from ..directives import apply_classifier, build_directives, rule_decisions
    from ..scoring import document_to_record, score_directives
    preds = []
    for doc in docs:
        decisions = rule_decisions(doc)
        if classifier is not None:
            decisions = apply_classifier(doc, decisions, classifier)
        doc.directives = build_directives(doc, decisions)
        preds.append(document_to_record(doc))
    d = score_directives(records, preds)
    return {"precision": d["match"]["precision"], "recall": d["match"]["recall"], "f1": d["match"]["f1"],
            "assignees_f1": d["assignees"]["f1"], "deadline_type_accuracy": d["deadline_type"]["accuracy"],
            "n_gold": d["match"]["tp"] + d["match"]["fn"]}


def cross_validated_scores(docs, records, params: dict, seed: int, folds: int = 5,
                           doc_examples: list | None = None, fitted: dict | None = None) -> dict[str, Any]:
    """Directive scores of out-of-fold predictions: documents in `folds` groups, each scored by a
    model fit on the others (more stable than one small dev split). `doc_examples`: the
    per-document `examples`, when already computed; `fitted`: a cache of fold models across calls
    (the O threshold needs no refit)."""
    from ..scoring import document_to_record, score_directives
    if doc_examples is None:
        doc_examples = [examples([d], [r]) for d, r in zip(docs, records, strict=True)]
    fold_of = document_folds(len(docs), folds, seed)
    oof_docs, oof_records = [], []
    for k in range(folds):
        held = {i for i, fold in enumerate(fold_of) if fold == k}
        X, texts, y, w = pooled([ex for i, ex in enumerate(doc_examples) if i not in held])
        key = (k, params["C"], params.get("class_weight"))
        if fitted is not None and key in fitted:
            clf = fitted[key]
            clf.min_outside = params.get("min_outside", 0.5)
        else:
            clf = DirectiveClassifier(seed=seed, **params).fit(X, texts, y, sample_weight=w)
            if fitted is not None:
                fitted[key] = clf
        for i in sorted(held):
            directive_scores([docs[i]], [records[i]], clf)      # sets docs[i].directives
            oof_docs.append(docs[i])
            oof_records.append(records[i])
    d = score_directives(oof_records, [document_to_record(doc) for doc in oof_docs])
    return {"precision": d["match"]["precision"], "recall": d["match"]["recall"], "f1": d["match"]["f1"],
            "assignees_f1": d["assignees"]["f1"], "deadline_type_accuracy": d["deadline_type"]["accuracy"],
            "n_gold": d["match"]["tp"] + d["match"]["fn"]}


def train_directive_classifier(data: Path, out: Path, seed: int = 0, inputs=("data/raw",),
                               config: str | Path | dict | None = None) -> dict[str, Any]:
    """Choose C and the O threshold by 5-fold cross-validated directive F1 over the train and dev
    documents, fit on both, save the model and its card into `out`; returns the metrics. The test
    split is only scored."""
    from ..annotation.schema import load_annotations
    from ..core import Pipeline
    from ..readers import iter_input_paths

    data = Path(data)
    nlp = Pipeline(config=config, overrides={"components": {"directives": {"model": ""}}})
    raw_paths = {p.stem: p for p in iter_input_paths(list(inputs))} if inputs else {}
    splits = {split: load_annotations(data / f"{split}.jsonl") for split in ("train", "dev", "test")}
    docs = {split: _process(records, nlp, raw_paths) for split, records in splits.items()}
    fit_docs, fit_records = docs["train"] + docs["dev"], splits["train"] + splits["dev"]

    doc_examples = [examples([d], [r]) for d, r in zip(fit_docs, fit_records, strict=True)]
    fitted: dict = {}
    search = [(cross_validated_scores(fit_docs, fit_records, params, seed, doc_examples=doc_examples,
                                      fitted=fitted), params)
              for params in GRID]
    best_scores, best = max(search, key=lambda r: r[0]["f1"])     # first of equals: the grid's order
    X, texts, y, w = pooled(doc_examples)
    clf = DirectiveClassifier(seed=seed, **best).fit(X, texts, y, sample_weight=w)
    clf.save(out)

    metrics = {
        "model": "directive_classifier", "seed": seed, "params": best,
        "grid": [{"cv_f1": round(sc["f1"], 4), "cv_assignees_f1": round(sc["assignees_f1"] or 0, 4), **p}
                 for sc, p in search],
        "train_sentences": len(y), "train_tags": dict(Counter(y)),
        "documents": {split: len(records) for split, records in splits.items()},
        "scores": {"cross-validated train+dev": {"rules": directive_scores(fit_docs, fit_records, None),
                                                 "model": best_scores},
                   "test": {"rules": directive_scores(docs["test"], splits["test"], None),
                            "model": directive_scores(docs["test"], splits["test"], clf)}},
        "trained": dt.date.today().isoformat(),
    }
    (Path(out) / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False), encoding="utf-8")
    (Path(out) / "README.md").write_text(model_card(metrics), encoding="utf-8")
    return metrics


def model_card(m: dict[str, Any]) -> str:
    def row(split: str, system: str) -> str:
        s = m["scores"][split][system]
        return (f"| {split} | {system} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                f"{s['assignees_f1'] if s['assignees_f1'] is None else round(s['assignees_f1'], 3)} | {s['n_gold']} |")
    tags = ", ".join(f"{k} {v}" for k, v in sorted(m["train_tags"].items()))
    grid = "\n".join(f"| {g['C']} | {g.get('min_outside', 0.5)} | {g['cv_f1']:.3f} | {g['cv_assignees_f1']:.3f} |"
                     for g in m["grid"])
    return f"""# Directive sentence classifier

Decides, for every list item and running-text sentence, whether it opens a directive (B), continues
the one above (I) or is not part of one (O) — spec §4. The rules (`pipeline/directives.py`) still
read the outline and assemble each directive's assignees, coordinators and deadline; the classifier
replaces only their B/I/O decision, and its probability of B or I is the directive's `score`.

- Model: `sklearn.linear_model.LogisticRegression` (C={m['params']['C']},
  class_weight={m['params']['class_weight']}, seed {m['seed']}); a sentence is O only when P(O) ≥
  {m['params'].get('min_outside', 0.5)}, else the likelier of B and I. Features: `DictVectorizer` features from
  `pipeline.directives.sentence_features` (the rules' tag and outline context, cue flags, the
  neighbouring sentences, the share of the document the rules read as tasks, whether the article a
  sentence stands in is about duties or rules) and TF-IDF word 1–2-grams and character 2–4-grams of
  the sentence's first {OPENING_CHARS} characters. It never opens a lead-in the rules read as only
  introducing its items, a closing formula or a definition.
- Data: `data/annotated/` — documents train {m['documents']['train']}, dev {m['documents']['dev']},
  test {m['documents']['test']}; {m['train_sentences']} training sentences (item/text kinds): {tags}.
  Fit on train + dev; each sentence weighs n^-{DOCUMENT_WEIGHT_POWER} (n: the item/text sentences of its
  document), so that a long regulation does not outweigh many short notices. Each sentence's tag
  comes from the gold directives' offsets; features come from the pipeline run on the raw file
  (directive model off), as at prediction time.
- Selection: C and the O threshold by directive F1 of 5-fold cross-validation over the train and dev
  documents (grid below; 13 dev documents alone were too few to choose by); the final model is fit on
  train + dev. The test split was not used to choose anything.
- File: `{MODEL_FILE}` (joblib pickle: load only models you made or trust). Trained {m['trained']}.

## Scores (spec §7a directive matching; assignee F1 on matched pairs)

| split | system | P | R | F1 | assignee F1 | gold directives |
|---|---|---|---|---|---|---|
{row('cross-validated train+dev', 'rules')}
{row('cross-validated train+dev', 'model')}
{row('test', 'rules')}
{row('test', 'model')}

Measured by `python -m pipeline train directives` (these figures are written into `metrics.json`);
the whole pipeline's scores: `python -m pipeline evaluate`.

## Model selection (5-fold cross-validation over the train + dev documents)

| C | min P(O) | directive F1 | assignee F1 |
|---|---|---|---|
{grid}

## Retrain

    python -m pipeline train directives            # -> models/directives (seed 0)

## Limits

{m["documents"]["train"]} training documents: genres seen rarely (regulations annexed to decisions, news items) are where
it errs most. Assignees still come from the rules, so a directive found by the model in a sentence
that names no body inherits the body of the section it sits in, or none.
"""
