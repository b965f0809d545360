"""Inter-annotator agreement between two annotations of the same documents.

    >>> report = agree(load_annotations("a.jsonl"), load_annotations("b.jsonl"))
    >>> report["entities"]["micro"]["f1"], report["entities"]["token_kappa"]

Documents are paired by doc_id (only those both files hold; their texts must be equal).

* Entity spans: per-label and micro P/R/F1 on exact (start, end, label) matches, A taken as
  the reference (F1 is symmetric, P and R swap with the order).
* Token-level Cohen's kappa over all tokens of all paired documents: tokens as in
  `tokenizer.token_spans` (runs of letters/digits, single punctuation marks), each tagged BIO
  (`B-ORG`, `I-ORG`, `O`) by the entity that overlaps it, so boundary disagreements count.
  None when it is undefined (both annotators used a single tag throughout).
* Sentence deadline classes: accuracy and Cohen's kappa over sentences with the same bounds.
* Directives: exact-span P/R/F1, and the spec §7a figures of `pipeline.scoring` (texts matched
  on syllable Jaccard >= 0.5; assignees, deadline type and date on matched pairs).
* Document fields: per-field agreement (`pipeline.scoring.score_fields`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal

from ..doc import ENTITY_LABELS
from ..scoring import prf, score_directives, score_fields
from .schema import AnnotatedDocument, to_record
from .tokenizer import token_spans

OUTSIDE = "O"


def agree(a_records: Iterable[AnnotatedDocument], b_records: Iterable[AnnotatedDocument]
          ) -> dict[str, Any]:
    """Agreement of annotation B with annotation A (see the module docstring)."""
    pairs = _pairs(list(a_records), list(b_records))
    a_docs, b_docs = [a for a, _ in pairs], [b for _, b in pairs]
    return {
        "documents": len(pairs),
        "entities": {**span_agreement(pairs), "token_kappa": token_kappa(pairs)},
        "sentences": deadline_agreement(pairs),
        "directives": {
            "exact_spans": prf(*_span_counts(pairs, "directives", with_label=False)),
            "matched": score_directives(map(to_record, a_docs), map(to_record, b_docs)),
        },
        "fields": score_fields(map(to_record, a_docs), map(to_record, b_docs)),
    }


def _pairs(a_records: list[AnnotatedDocument], b_records: list[AnnotatedDocument]
           ) -> list[tuple[AnnotatedDocument, AnnotatedDocument]]:
    b_by_id = {b["doc_id"]: b for b in b_records}
    pairs = [(a, b_by_id[a["doc_id"]]) for a in a_records if a["doc_id"] in b_by_id]
    for a, b in pairs:
        if a["text"] != b["text"]:
            raise ValueError(f"{a['doc_id']}: the two annotations have different texts")
    return pairs


# --------------------------------------------------------------------------- spans

def span_agreement(pairs: Sequence[tuple[AnnotatedDocument, AnnotatedDocument]]) -> dict[str, Any]:
    """Per-label and micro P/R/F1 of exact entity spans, A as the reference."""
    present = {e["label"] for a, b in pairs for e in (*a["entities"], *b["entities"])}
    # spec order first, then any unknown label
    labels = [label for label in ENTITY_LABELS if label in present] + sorted(present - set(ENTITY_LABELS))
    return {
        "per_label": {label: prf(*_span_counts(pairs, "entities", label=label)) for label in labels},
        "micro": prf(*_span_counts(pairs, "entities")),
    }


def _span_counts(pairs: Sequence[tuple[AnnotatedDocument, AnnotatedDocument]],
                 layer: Literal["entities", "directives"],
                 label: str | None = None, with_label: bool = True) -> tuple[int, int, int]:
    """(tp, fp, fn) of B's spans against A's in one layer, optionally for one label."""
    tp = fp = fn = 0
    for a, b in pairs:
        a_spans, b_spans = (_span_set(doc[layer], label, with_label) for doc in (a, b))
        tp += len(a_spans & b_spans)
        fp += len(b_spans - a_spans)
        fn += len(a_spans - b_spans)
    return tp, fp, fn


def _span_set(items: Sequence[Mapping[str, Any]], label: str | None, with_label: bool) -> set[tuple]:
    return {(i["start"], i["end"], i["label"]) if with_label else (i["start"], i["end"])
            for i in items if label is None or i.get("label") == label}


# --------------------------------------------------------------------------- tokens

def bio_tags(text: str, entities: Sequence[Mapping[str, Any]]) -> list[str]:
    """One BIO tag per token of `text`: a token overlapping an entity is tagged with its label,
    `B-` on the first such token."""
    tokens = token_spans(text)
    ends = [end for _, end in tokens]
    tags = [OUTSIDE] * len(tokens)
    for e in entities:
        i = bisect_right(ends, e["start"])  # the first token ending after the entity's start
        prefix = "B-"
        while i < len(tokens) and tokens[i][0] < e["end"]:
            tags[i] = prefix + e["label"]
            prefix = "I-"
            i += 1
    return tags


def token_kappa(pairs: Sequence[tuple[AnnotatedDocument, AnnotatedDocument]]) -> float | None:
    """Cohen's kappa of the BIO tags of every token of every paired document."""
    a_tags: list[str] = []
    b_tags: list[str] = []
    for a, b in pairs:
        a_tags += bio_tags(a["text"], a["entities"])
        b_tags += bio_tags(b["text"], b["entities"])
    return cohen_kappa(a_tags, b_tags)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """(p_o - p_e) / (1 - p_e); None when p_e == 1 (one category only) or nothing to compare."""
    if len(a) != len(b):
        raise ValueError("the two label sequences differ in length")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    a_counts, b_counts = Counter(a), Counter(b)
    expected = sum(a_counts[k] * b_counts[k] for k in a_counts) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


# --------------------------------------------------------------------------- sentences

def deadline_agreement(pairs: Sequence[tuple[AnnotatedDocument, AnnotatedDocument]]
                       ) -> dict[str, Any]:
    """Deadline-class accuracy and kappa over the sentences both annotations bound alike;
    `unpaired` counts the sentences of either annotation that the other does not have."""
    a_types: list[str] = []
    b_types: list[str] = []
    unpaired = 0
    for a, b in pairs:
        b_by_span = {(s["start"], s["end"]): s for s in b["sentences"]}
        paired = 0
        for s in a["sentences"]:
            other = b_by_span.get((s["start"], s["end"]))
            if other is not None:
                a_types.append(s["deadline_type"])
                b_types.append(other["deadline_type"])
                paired += 1
        unpaired += len(a["sentences"]) + len(b["sentences"]) - 2 * paired
    n = len(a_types)
    return {
        "n": n,
        "unpaired": unpaired,
        "deadline_type_accuracy": sum(x == y for x, y in zip(a_types, b_types, strict=True)) / n if n else None,
        "deadline_type_kappa": cohen_kappa(a_types, b_types),
    }


# --------------------------------------------------------------------------- report

def format_agreement(report: dict[str, Any]) -> str:
    """A plain-text summary of `agree`'s result."""
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    entities = report["entities"]
    lines = [f"documents: {report['documents']}", "",
             f"{'ENTITIES':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for name, r in {"all": entities["micro"], **entities["per_label"]}.items():
        lines.append(f"  {name:<14}{fmt(r['precision']):>7}{fmt(r['recall']):>7}{fmt(r['f1']):>7}"
                     f"{r['tp']:>7}{r['fp']:>7}{r['fn']:>7}")
    lines.append(f"  token kappa (BIO) {fmt(entities['token_kappa'])}")
    s = report["sentences"]
    lines += ["", f"SENTENCES {s['n']} paired ({s['unpaired']} unpaired): deadline_type accuracy "
                  f"{fmt(s['deadline_type_accuracy'])}, kappa {fmt(s['deadline_type_kappa'])}"]
    d = report["directives"]
    matched = d["matched"]
    lines += ["", f"DIRECTIVES exact spans F1 {fmt(d['exact_spans']['f1'])}; "
                  f"text match F1 {fmt(matched['match']['f1'])}, assignees F1 "
                  f"{fmt(matched['assignees']['f1'])}, deadline_type accuracy "
                  f"{fmt(matched['deadline_type']['accuracy'])}, deadline_date accuracy "
                  f"{fmt(matched['deadline_date']['accuracy'])}"]
    f = report["fields"]
    lines += ["", f"FIELDS agreement {fmt(f['accuracy'])}: "
                  + ", ".join(f"{name} {fmt(v)}" for name, v in f["per_field"].items())]
    return "\n".join(lines)
