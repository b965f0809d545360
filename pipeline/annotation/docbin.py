"""spaCy training data: annotated JSONL <-> `DocBin` (.spacy) of entity spans.

    >>> docbin, misaligned = to_docbin(load_annotations("data/annotated/train.jsonl"))
    >>> docbin.to_disk("corpus/train.spacy")
    >>> records = from_docbin(DocBin().from_disk("corpus/train.spacy"))

Docs are tokenized with `tokenizer.blank_nlp()`, and each carries its `doc_id` in
`doc.user_data`. An entity whose ends are not token boundaries cannot become a spaCy entity as
it stands: it is reported as `Misaligned`, and — with `alignment_mode="strict"` (the default) —
left out, or with "contract" / "expand" replaced by the span spaCy snaps it to (unless that
span is empty or overlaps another entity).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, DocBin, Span

from .schema import AnnotatedDocument, EntityAnnotation
from .tokenizer import blank_nlp

ALIGNMENT_MODES = ("strict", "contract", "expand")


@dataclass(frozen=True, slots=True)
class Misaligned:
    """An entity whose ends fall inside tokens; `snapped` is the span the alignment mode made
    of it (None when it was left out)."""

    doc_id: str
    start: int
    end: int
    label: str
    text: str
    snapped: tuple[int, int, str] | None

    def __str__(self) -> str:
        fate = f"kept as {self.snapped[2]!r}" if self.snapped else "left out"
        return (f"{self.doc_id}: {self.label} {self.text!r} [{self.start}:{self.end}] does not fall "
                f"on token boundaries; {fate}")


def to_docbin(records: Iterable[AnnotatedDocument], alignment_mode: str = "strict"
              ) -> tuple[DocBin, list[Misaligned]]:
    """A DocBin of the records' texts and entities, and the entities that did not align."""
    if alignment_mode not in ALIGNMENT_MODES:
        raise ValueError(f"alignment_mode must be one of {ALIGNMENT_MODES}, not {alignment_mode!r}")
    nlp = blank_nlp()
    docbin = DocBin(store_user_data=True)
    misaligned: list[Misaligned] = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc.user_data["doc_id"] = record["doc_id"]
        doc.ents, doc_misaligned = _entity_spans(doc, record, alignment_mode)
        misaligned += doc_misaligned
        docbin.add(doc)
    return docbin, misaligned


def _entity_spans(doc: Doc, record: AnnotatedDocument, alignment_mode: str
                  ) -> tuple[list[Span], list[Misaligned]]:
    """Entities that align as they stand, then the snapped ones that overlap none of them."""
    aligned: list[Span] = []
    unaligned: list[EntityAnnotation] = []
    for e in record["entities"]:
        span = doc.char_span(e["start"], e["end"], label=e["label"])
        if span is None:
            unaligned.append(e)
        else:
            aligned.append(span)
    taken = {i for span in aligned for i in range(span.start, span.end)}
    misaligned: list[Misaligned] = []
    for e in unaligned:
        span = _snapped(doc, e, alignment_mode, taken)
        if span is not None:
            aligned.append(span)
            taken.update(range(span.start, span.end))
        misaligned.append(Misaligned(record["doc_id"], e["start"], e["end"], e["label"], e["text"],
                                     (span.start_char, span.end_char, span.text) if span is not None else None))
    return sorted(aligned), misaligned


def _snapped(doc: Doc, e: EntityAnnotation, alignment_mode: str, taken: set[int]) -> Span | None:
    """The span `alignment_mode` makes of an unaligned entity; None in strict mode, or when
    that span is empty or overlaps tokens another entity holds."""
    if alignment_mode == "strict":
        return None
    span = doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode=alignment_mode)
    if span is None or not len(span) or taken.intersection(range(span.start, span.end)):
        return None
    return span


def from_docbin(docbin: DocBin) -> list[dict[str, Any]]:
    """`{doc_id, text, entities}` per doc, entities as in the annotation format."""
    nlp = blank_nlp()
    return [{"doc_id": doc.user_data.get("doc_id"), "text": doc.text,
             "entities": [{"start": ent.start_char, "end": ent.end_char, "label": ent.label_,
                           "text": ent.text} for ent in doc.ents]}
            for doc in docbin.get_docs(nlp.vocab)]
