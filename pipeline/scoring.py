"""Scoring (spec §7a): entities, directives and document fields against gold records.

A *record* is one document in the layout of `data/spec_examples/*.json`:

    {"doc_id": "001_dcadee23f926a999",
     "document": {spec §5 fields; dates ISO, chair [{name, title}] or null, signer {name, title} or null},
     "entities": [{"label": "ORG", "text": "UBND tỉnh", "start": 10, "end": 19}, ...],  # in order
     "directives": [{"text", "assignees", "coordinators",
                     "deadline_type", "deadline_text", "deadline_date"}, ...]}

Gold and predicted records are paired by `doc_id`.  A gold document with no prediction is
scored as an empty prediction; a predicted document with no gold is not scored (both counted
under `documents`).

Entity `start`/`end` (offsets into the cleaned text) are optional: the spec scores compare
(label, normalized text); only `score_entities_exact` needs them.

Conventions:
- Texts are compared after `normalize` (spec §7a).  `tone=True` also unifies tone-mark placement
  (`hoà`/`hòa`), which the spec does not; `score` reports the headline figures both ways.
- P/R/F1 with nothing to find and nothing predicted (tp = fp = fn = 0) is 1.0: an empty gold set
  reproduced exactly is perfect agreement.  Accuracies, means, and attribute P/R/F1 over zero
  matched directives are None.
- Directives are matched one to one by maximizing the total syllable Jaccard over the pairs at or
  above the 0.5 threshold (Hungarian algorithm, `scipy.optimize.linear_sum_assignment`): it is
  optimal, deterministic, and independent of the order the directives are listed in, unlike a
  greedy best-first matching.
- Assignee/coordinator/deadline figures are computed on matched pairs only, so they measure
  attribute quality separately from directive detection.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from .doc import (
    DEADLINE_TYPES,
    ENTITY_LABELS,
    Directive,
    Document,
    DocumentFields,
    Person,
)

Record = dict[str, Any]

FIELD_NAMES = ("doc_type", "title", "number", "issuer", "issued_date", "place",
               "meeting_date", "chair", "signer")
DATE_FIELDS = ("issued_date", "meeting_date")
PERSON_FIELDS = ("chair", "signer")
MATCH_THRESHOLD = 0.5

# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
_DASHES = re.compile("[\u002d\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_WHITESPACE = re.compile(r"\s+")
_SYLLABLE = re.compile(r"\w+")
# New-style tone placement on an open oa/oe/uy syllable ("hoà", "khoẻ", "uỷ"); after "q" the "u"
# belongs to the onset, so "quý" is already the same in both styles.
_NEW_STYLE_TONE = re.compile(r"(?<!q)(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?!\w)")


def _traditional_tone_table() -> dict[str, str]:
    """{"oà": "òa", "uỷ": "ủy", ...}: move the tone mark onto the first vowel."""
    table = {}
    for first, toned_seconds in (("o", "àáảãạ"), ("o", "èéẻẽẹ"), ("u", "ỳýỷỹỵ")):
        for toned in toned_seconds:
            second, mark = unicodedata.normalize("NFD", toned)
            table[first + toned] = unicodedata.normalize("NFC", first + mark) + second
    return table


_TRADITIONAL_TONE = _traditional_tone_table()


# --------------------------------------------------------------------------- normalization

def normalize(text: str | None, tone: bool = False) -> str:
    """Spec §7a normalization: NFC, lower case, dashes unified to "-", white space collapsed,
    surrounding punctuation stripped.  `tone=True` also writes tone marks in the traditional
    placement (`hoà` -> `hòa`, `uỷ` -> `ủy`)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).lower()
    if tone:
        text = _NEW_STYLE_TONE.sub(lambda m: _TRADITIONAL_TONE[m.group(0)], text)
    text = _DASHES.sub("-", text)
    text = _WHITESPACE.sub(" ", text)
    return _strip_punctuation(text)


def _strip_punctuation(text: str) -> str:
    def is_edge(ch: str) -> bool:
        return ch.isspace() or unicodedata.category(ch).startswith("P")

    start, end = 0, len(text)
    while start < end and is_edge(text[start]):
        start += 1
    while end > start and is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


def syllables(text: str | None, tone: bool = False) -> set[str]:
    """The set of syllables (runs of letters/digits) of the normalized text; punctuation,
    dashes and slashes separate syllables (`10/02/2018` -> 10, 02, 2018)."""
    return set(_SYLLABLE.findall(normalize(text, tone)))


def jaccard(a: set[str], b: set[str]) -> float:
    """|a & b| / |a | b|; 0.0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


# --------------------------------------------------------------------------- records

def document_to_record(doc: Document) -> Record:
    """A processed Document in the gold record layout (dates ISO, empty chair/signer null)."""
    return {
        "doc_id": doc.doc_id,
        "document": _fields_record(doc.fields),
        # stages may append entities out of textual order; the layout lists them in order
        "entities": [{"label": e.label, "text": e.text, "start": e.start, "end": e.end}
                     for e in sorted(doc.entities, key=lambda e: (e.start, e.end))],
        "directives": [_directive_record(d) for d in doc.directives],
    }


def _fields_record(fields: DocumentFields) -> dict[str, Any]:
    return {
        "doc_type": fields.doc_type,
        "title": fields.title,
        "number": fields.number,
        "issuer": fields.issuer,
        "issued_date": _iso(fields.issued_date),
        "place": fields.place,
        "meeting_date": _iso(fields.meeting_date),
        "chair": [_person_record(p) for p in fields.chair] or None,
        "signer": _person_record(fields.signer) if fields.signer else None,
    }


def _person_record(person: Person) -> dict[str, str | None]:
    return {"name": person.name, "title": person.title}


def _directive_record(directive: Directive) -> dict[str, Any]:
    return {
        "text": directive.text,
        "assignees": list(directive.assignees),
        "coordinators": list(directive.coordinators),
        "deadline_type": directive.deadline.type,
        "deadline_text": directive.deadline.text,
        "deadline_date": _iso(directive.deadline.date),
    }


def _iso(value: dt.date | str | None) -> str | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    return None


def load_records(path: str | Path) -> list[Record]:
    """Records from a .json file (one record or a list), a .jsonl file (one record a line),
    or a folder of such files (sorted by name, not recursive)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl"))
    else:
        files = [path]
    records: list[Record] = []
    for file in files:
        records.extend(_read_records(file))
    return records


def _read_records(file: Path) -> list[Record]:
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


def _index_by_doc_id(records: Iterable[Record]) -> dict[str, Record]:
    index: dict[str, Record] = {}
    for record in records:
        doc_id = record["doc_id"]
        if doc_id in index:
            raise ValueError(f"duplicate doc_id {doc_id!r}")
        index[doc_id] = record
    return index


def _paired(gold_records: Iterable[Record], pred_records: Iterable[Record]
            ) -> Iterator[tuple[Record, Record]]:
    """(gold, prediction) per gold document; a missing prediction is an empty record."""
    predictions = _index_by_doc_id(pred_records)
    for doc_id, gold in _index_by_doc_id(gold_records).items():
        yield gold, predictions.get(doc_id, {"doc_id": doc_id})


def _coverage(gold_records: list[Record], pred_records: list[Record]) -> dict[str, int]:
    gold_ids = {r["doc_id"] for r in gold_records}
    pred_ids = {r["doc_id"] for r in pred_records}
    return {"gold": len(gold_ids), "predicted": len(pred_ids),
            "missing": len(gold_ids - pred_ids), "unscored": len(pred_ids - gold_ids)}


# --------------------------------------------------------------------------- metrics

def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision / recall / F1 with their counts; all 1.0 when there is nothing to count."""
    if tp + fp + fn == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 0, "fp": 0, "fn": 0}
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _label_order(labels: Iterable[str], known: tuple[str, ...]) -> list[str]:
    """Known labels in their canonical order, then any others alphabetically."""
    present = set(labels)
    return [label for label in known if label in present] + sorted(present - set(known))


# --------------------------------------------------------------------------- entities

def _entities(record: Record, labels: Iterable[str] | None) -> list[dict[str, Any]]:
    entities = record.get("entities") or ()
    if labels is None:
        return list(entities)
    wanted = set(labels)
    return [e for e in entities if e["label"] in wanted]


def _entity_bag(record: Record, tone: bool, labels: Iterable[str] | None = None
                ) -> Counter[tuple[str, str]]:
    return Counter((e["label"], normalize(e["text"], tone)) for e in _entities(record, labels))


def _offset_bag(record: Record, labels: Iterable[str] | None = None
                ) -> Counter[tuple[str, int, int]]:
    bag: Counter[tuple[str, int, int]] = Counter()
    for e in _entities(record, labels):
        if e.get("start") is None or e.get("end") is None:
            raise ValueError(f"{record['doc_id']}: entity {e.get('text')!r} has no start/end "
                             "offsets; exact scoring needs them")
        bag[e["label"], int(e["start"]), int(e["end"])] += 1
    return bag


def _bag_scores(pairs: Iterable[tuple[Counter, Counter]]) -> dict[str, Any]:
    """Micro and per-label P/R/F1 of (gold bag, predicted bag) pairs keyed (label, ...)."""
    counts: dict[str, Counter[str]] = {}
    for gold_bag, pred_bag in pairs:
        for outcome, bag in (("tp", gold_bag & pred_bag), ("fp", pred_bag - gold_bag),
                             ("fn", gold_bag - pred_bag)):
            for key, n in bag.items():
                counts.setdefault(key[0], Counter())[outcome] += n
    total = sum(counts.values(), Counter())
    return {
        "micro": prf(total["tp"], total["fp"], total["fn"]),
        "per_label": {label: prf(counts[label]["tp"], counts[label]["fp"], counts[label]["fn"])
                      for label in _label_order(counts, ENTITY_LABELS)},
    }


def score_entities(gold_records: Iterable[Record], pred_records: Iterable[Record],
                   tone: bool = False, labels: Iterable[str] | None = None) -> dict[str, Any]:
    """Micro P/R/F1 over per-document multisets of (label, normalized text), overall and per
    label (labels that occur in gold or prediction); `labels` restricts both sides to those."""
    labels = None if labels is None else tuple(labels)
    return _bag_scores((_entity_bag(gold, tone, labels), _entity_bag(pred, tone, labels))
                       for gold, pred in _paired(gold_records, pred_records))


def score_entities_exact(gold_records: Iterable[Record], pred_records: Iterable[Record],
                         labels: Iterable[str] | None = None) -> dict[str, Any]:
    """Like `score_entities`, but an entity matches only with the same label and the same
    character offsets (`start`, `end` into the cleaned text): a span one character off is
    both a false positive and a false negative.  Entities without offsets raise ValueError."""
    labels = None if labels is None else tuple(labels)
    return _bag_scores((_offset_bag(gold, labels), _offset_bag(pred, labels))
                       for gold, pred in _paired(gold_records, pred_records))


# --------------------------------------------------------------------------- directives

def match_directives(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                     tone: bool = False) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, pred index, Jaccard) pairs with syllable Jaccard >= 0.5 that
    maximize the total Jaccard."""
    if not gold or not pred:
        return []
    gold_syllables = [syllables(d["text"], tone) for d in gold]
    pred_syllables = [syllables(d["text"], tone) for d in pred]
    similarity = np.array([[jaccard(g, p) for p in pred_syllables]
                           for g in gold_syllables])
    # pairs below the threshold weigh nothing, so they never displace a real match
    weights = np.where(similarity >= MATCH_THRESHOLD, similarity, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(i), int(j), float(similarity[i, j])) for i, j in zip(rows, cols, strict=True)
            if similarity[i, j] >= MATCH_THRESHOLD]


def score_directives(gold_records: Iterable[Record], pred_records: Iterable[Record],
                     tone: bool = False) -> dict[str, Any]:
    """Directive detection P/R/F1, then attribute agreement on the matched pairs."""
    n_gold = n_pred = 0
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    text_jaccards: list[float] = []
    for gold, pred in _paired(gold_records, pred_records):
        gold_dirs, pred_dirs = gold.get("directives") or [], pred.get("directives") or []
        n_gold += len(gold_dirs)
        n_pred += len(pred_dirs)
        for i, j, similarity in match_directives(gold_dirs, pred_dirs, tone):
            pairs.append((gold_dirs[i], pred_dirs[j]))
            text_jaccards.append(similarity)
    matched = len(pairs)
    return {
        "match": prf(matched, n_pred - matched, n_gold - matched),
        "text_jaccard": _mean(text_jaccards),
        "assignees": _set_agreement(pairs, "assignees", tone),
        "coordinators": _set_agreement(pairs, "coordinators", tone),
        "deadline_type": _deadline_type_agreement(pairs),
        "deadline_date": {
            "accuracy": _mean([_iso(g.get("deadline_date")) == _iso(p.get("deadline_date"))
                               for g, p in pairs]),
            "n": matched,
        },
    }


def _name_set(names: Iterable[str] | None, tone: bool) -> set[str]:
    return {n for n in (normalize(name, tone) for name in names or ()) if n}


def _set_agreement(pairs: list[tuple[dict, dict]], key: str, tone: bool) -> dict[str, Any]:
    """Mean Jaccard of the normalized name sets (two empty sets agree: 1.0) and micro P/R/F1
    of the names over all pairs; all None when there are no pairs."""
    if not pairs:
        return {"mean_jaccard": None, "precision": None, "recall": None, "f1": None,
                "tp": 0, "fp": 0, "fn": 0}
    jaccards: list[float] = []
    tp = fp = fn = 0
    for gold, pred in pairs:
        gold_set, pred_set = _name_set(gold.get(key), tone), _name_set(pred.get(key), tone)
        jaccards.append(jaccard(gold_set, pred_set) if gold_set or pred_set else 1.0)
        tp += len(gold_set & pred_set)
        fp += len(pred_set - gold_set)
        fn += len(gold_set - pred_set)
    return {"mean_jaccard": _mean(jaccards), **prf(tp, fp, fn)}


def _deadline_type_agreement(pairs: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Accuracy and macro-F1 of deadline_type; the macro average runs over the classes that
    occur in gold or prediction (a class absent from both has no F1 to average)."""
    gold_types = [g.get("deadline_type") or "none" for g, _ in pairs]
    pred_types = [p.get("deadline_type") or "none" for _, p in pairs]
    per_class = {}
    for cls in _label_order(gold_types + pred_types, DEADLINE_TYPES):
        tp = sum(g == p == cls for g, p in zip(gold_types, pred_types, strict=True))
        per_class[cls] = prf(tp, pred_types.count(cls) - tp, gold_types.count(cls) - tp)
    return {
        "accuracy": _mean([g == p for g, p in zip(gold_types, pred_types, strict=True)]),
        "macro_f1": _mean([c["f1"] for c in per_class.values()]),
        "per_class": per_class,
        "n": len(pairs),
    }


# --------------------------------------------------------------------------- fields

def _person_key(person: dict[str, Any] | None, tone: bool, with_title: bool = True
                ) -> tuple[str, ...] | None:
    if not person:
        return None
    name = normalize(person.get("name"), tone)
    return (name, normalize(person.get("title"), tone)) if with_title else (name,)


def _field_value(document: dict[str, Any], name: str, tone: bool, with_title: bool = True) -> Any:
    """The comparable form of one spec §5 field: normalized text, ISO date, person keys."""
    value = document.get(name)
    if name in DATE_FIELDS:
        return _iso(value)
    if name == "chair":  # order of the chairs does not matter
        return sorted(_person_key(p, tone, with_title) for p in value or ())
    if name == "signer":
        return _person_key(value, tone, with_title)
    return normalize(value, tone) or None


def score_fields(gold_records: Iterable[Record], pred_records: Iterable[Record],
                 tone: bool = False) -> dict[str, Any]:
    """Per-field accuracy of the spec §5 fields (null == null is correct) and their mean;
    `names_only` compares chair and signer by name alone."""
    correct: Counter[str] = Counter()
    names_correct: Counter[str] = Counter()
    n = 0
    for gold, pred in _paired(gold_records, pred_records):
        gold_doc, pred_doc = gold.get("document") or {}, pred.get("document") or {}
        n += 1
        for name in FIELD_NAMES:
            correct[name] += _field_value(gold_doc, name, tone) == _field_value(pred_doc, name, tone)
        for name in PERSON_FIELDS:
            names_correct[name] += (_field_value(gold_doc, name, tone, with_title=False)
                                    == _field_value(pred_doc, name, tone, with_title=False))
    return {
        "accuracy": sum(correct.values()) / (n * len(FIELD_NAMES)) if n else None,
        "per_field": {name: correct[name] / n if n else None for name in FIELD_NAMES},
        "names_only": {name: names_correct[name] / n if n else None for name in PERSON_FIELDS},
        "n": n,
    }


# --------------------------------------------------------------------------- all together

def score(gold_records: Iterable[Record], pred_records: Iterable[Record]) -> dict[str, Any]:
    """Entities, directives and fields with the spec normalization, plus the headline figures
    with tone-mark placement unified (`tone_insensitive`)."""
    gold, pred = list(gold_records), list(pred_records)
    result = {
        "documents": _coverage(gold, pred),
        "entities": score_entities(gold, pred),
        "directives": score_directives(gold, pred),
        "fields": score_fields(gold, pred),
    }
    result["tone_insensitive"] = _headline(score_entities(gold, pred, tone=True),
                                           score_directives(gold, pred, tone=True),
                                           score_fields(gold, pred, tone=True))
    return result


def _headline(entities: dict, directives: dict, fields: dict) -> dict[str, float | None]:
    return {
        "entities_f1": entities["micro"]["f1"],
        "directives_f1": directives["match"]["f1"],
        "assignees_f1": directives["assignees"]["f1"],
        "fields_accuracy": fields["accuracy"],
    }


# --------------------------------------------------------------------------- uncertainty

# The headline figures a document bootstrap gives intervals for, each computed from counts that
# add up over documents: (tp, fp, fn) for an F1, (right, total) for an accuracy.
BOOTSTRAP_METRICS = ("entities_f1", "directives_f1", "assignees_f1", "deadline_type_accuracy",
                     "deadline_date_accuracy")
_COUNT_COLUMNS = {"entities_f1": 3, "directives_f1": 3, "assignees_f1": 3,
                  "deadline_type_accuracy": 2, "deadline_date_accuracy": 2}
_N_COUNTS = sum(_COUNT_COLUMNS.values())


def document_counts(gold_records: Iterable[Record], pred_records: Iterable[Record],
                    directives: bool = True) -> np.ndarray:
    """One row per gold document: the counts behind `BOOTSTRAP_METRICS`, side by side (NaN for
    the directive columns when `directives` is False: a system that finds none)."""
    rows = []
    for gold, pred in _paired(gold_records, pred_records):
        e = score_entities([gold], [pred])["micro"]
        row = [e["tp"], e["fp"], e["fn"]]
        if directives:
            d = score_directives([gold], [pred])
            m, a = d["match"], d["assignees"]
            n = d["deadline_type"]["n"]
            row += [m["tp"], m["fp"], m["fn"], a["tp"], a["fp"], a["fn"],
                    (d["deadline_type"]["accuracy"] or 0.0) * n, n,
                    (d["deadline_date"]["accuracy"] or 0.0) * n, n]
        else:
            row += [np.nan] * (_N_COUNTS - 3)
        rows.append(row)
    return np.asarray(rows, dtype=float).reshape(len(rows), _N_COUNTS)


def metrics_from_counts(counts: np.ndarray) -> dict[str, np.ndarray]:
    """`BOOTSTRAP_METRICS` from summed counts (last axis: the `document_counts` columns), with
    `prf`'s conventions: F1 1.0 when there is nothing to count, accuracy NaN over no pairs."""
    out, col = {}, 0
    for name in BOOTSTRAP_METRICS:
        if _COUNT_COLUMNS[name] == 3:
            tp, fp, fn = (counts[..., col + k] for k in range(3))
            total = 2 * tp + fp + fn
            with np.errstate(invalid="ignore", divide="ignore"):
                out[name] = np.where(total == 0, 1.0, 2 * tp / np.where(total == 0, 1, total))
            out[name] = np.where(np.isnan(total), np.nan, out[name])
        else:
            right, n = counts[..., col], counts[..., col + 1]
            with np.errstate(invalid="ignore", divide="ignore"):
                out[name] = np.where(n > 0, right / np.where(n > 0, n, 1), np.nan)
        col += _COUNT_COLUMNS[name]
    return out


def bootstrap(counts: dict[str, np.ndarray], resamples: int = 1000, seed: int = 0,
              confidence: float = 0.95, baseline: str | None = None,
              compare: Iterable[str] | None = None) -> dict[str, Any]:
    """Percentile intervals of `BOOTSTRAP_METRICS` by resampling documents with replacement:
    the uncertainty a small test split leaves on each figure. `counts`: `document_counts` per
    system, rows in the same document order. All systems are scored on the same resamples, so
    `difference[system]` (system minus `baseline`, for each system in `compare`, default all) is
    a paired interval, with `share_above`: the fraction of resamples where the system is ahead."""
    names = list(counts)
    n_docs = len(next(iter(counts.values()))) if counts else 0
    if any(len(c) != n_docs for c in counts.values()):
        raise ValueError("every system needs one row of counts per gold document")
    result: dict[str, Any] = {"resamples": resamples, "confidence": confidence, "seed": seed,
                              "documents": n_docs, "systems": {}, "baseline": baseline,
                              "difference": {}}
    if n_docs == 0 or resamples <= 0:
        return result
    index = np.random.default_rng(seed).integers(0, n_docs, size=(resamples, n_docs))
    tail = (1 - confidence) / 2 * 100
    drawn = {name: metrics_from_counts(c[index].sum(axis=1)) for name, c in counts.items()}
    point = {name: metrics_from_counts(c.sum(axis=0)) for name, c in counts.items()}

    def interval(values: np.ndarray) -> list[float] | None:
        values = values[~np.isnan(values)]
        return None if not len(values) else [float(np.percentile(values, tail)),
                                             float(np.percentile(values, 100 - tail))]
    for name in names:
        result["systems"][name] = {
            metric: {"value": None if np.isnan(point[name][metric]) else float(point[name][metric]),
                     "interval": interval(drawn[name][metric])}
            for metric in BOOTSTRAP_METRICS}
    if baseline is not None and baseline in counts:
        for name in names if compare is None else [n for n in compare if n in counts]:
            if name == baseline:
                continue
            result["difference"][name] = {}
            for metric in BOOTSTRAP_METRICS:
                diff = drawn[name][metric] - drawn[baseline][metric]
                kept = diff[~np.isnan(diff)]
                result["difference"][name][metric] = {
                    "interval": interval(diff),
                    "share_above": float((kept > 0).mean()) if len(kept) else None}
    return result


def format_report(scores: dict[str, Any]) -> str:
    """A compact plain-text table of `score`'s result."""
    docs = scores["documents"]
    lines = [f"documents: {docs['gold']} gold, {docs['predicted']} predicted, "
             f"{docs['missing']} missing, {docs['unscored']} unscored", ""]
    lines += _prf_table("ENTITIES", {"all": scores["entities"]["micro"],
                                     **scores["entities"]["per_label"]})
    d = scores["directives"]
    lines += [""] + _prf_table("DIRECTIVES", {"match": d["match"], "assignees": d["assignees"],
                                              "coordinators": d["coordinators"]})
    dtype = d["deadline_type"]
    lines += [
        f"  matched pairs {dtype['n']}: text Jaccard {_fmt(d['text_jaccard'])}, "
        f"assignee set Jaccard {_fmt(d['assignees']['mean_jaccard'])}",
        f"  deadline_type accuracy {_fmt(dtype['accuracy'])}, macro-F1 {_fmt(dtype['macro_f1'])}; "
        f"deadline_date accuracy {_fmt(d['deadline_date']['accuracy'])}",
        "",
    ]
    f = scores["fields"]
    lines.append(f"FIELDS (n={f['n']}) accuracy {_fmt(f['accuracy'])}")
    lines += [f"  {name:<14}{_fmt(acc)}" for name, acc in f["per_field"].items()]
    lines.append("  names only: " + ", ".join(f"{name} {_fmt(acc)}"
                                              for name, acc in f["names_only"].items()))
    tone = scores["tone_insensitive"]
    lines += ["", "tone-insensitive: " + ", ".join(f"{k} {_fmt(v)}" for k, v in tone.items())]
    return "\n".join(lines)


def _prf_table(title: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{title:<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for name, r in rows.items():
        lines.append(f"  {name:<14}{_fmt(r['precision']):>7}{_fmt(r['recall']):>7}"
                     f"{_fmt(r['f1']):>7}{r['tp']:>7}{r['fp']:>7}{r['fn']:>7}")
    return lines


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
