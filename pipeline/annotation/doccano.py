"""Round trip with doccano (sequence labeling projects): entity spans only.

Export, one JSON object a line, the layout doccano imports:

    {"text": "...", "label": [[start, end, "ORG"], ...], "doc_id": "...", "source": "...", "split": "..."}

(doccano keeps the extra keys as the example's metadata and writes them back on export.)
Import reads doccano's exports, either layout:

    {"text": ..., "label": [[start, end, "ORG"], ...], ...}                                  # sequence labeling
    {"text": ..., "entities": [{"start_offset", "end_offset", "label", ...}], "relations": ...}  # with relations

doccano holds no sentences, directives or document fields, so an import replaces the entities of
the matching base records (by doc_id) and keeps the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .schema import AnnotatedDocument, EntityAnnotation, corrected_provenance, merge_entities, strip_span

def to_doccano(records: Iterable[AnnotatedDocument]) -> list[dict[str, Any]]:
    """doccano import lines (sequence labeling) with the records' entity spans."""
    return [{"text": r["text"],
             "label": [[e["start"], e["end"], e["label"]] for e in r["entities"]],
             "doc_id": r["doc_id"], "source": r["source"], "split": r["split"]}
            for r in records]


def from_doccano(lines: Iterable[Mapping[str, Any]], base: Iterable[AnnotatedDocument],
                 annotator: str | None = None) -> tuple[list[AnnotatedDocument], list[str]]:
    """The base records with the entities of a doccano export (white space trimmed from
    span ends), marked corrected by hand (by `annotator` when given); and what could not be
    read."""
    partials: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        doc_id = line.get("doc_id") or (line.get("meta") or {}).get("doc_id")
        if not doc_id:
            problems.append(f"line {number}: no doc_id")
            continue
        entities, span_problems = _entities(line, line.get("text") or "")
        problems += [f"line {number}: {doc_id}: {p}" for p in span_problems]
        partials.append({"doc_id": doc_id, "text": line.get("text"), "entities": entities})
    records, merge_problems = merge_entities(base, partials)
    for record in records:
        record["provenance"] = corrected_provenance(record["provenance"], annotator)
    return records, problems + merge_problems


def _entities(line: Mapping[str, Any], text: str) -> tuple[list[EntityAnnotation], list[str]]:
    spans = [(e["start_offset"], e["end_offset"], e["label"]) for e in line.get("entities") or ()]
    spans += [tuple(item[:3]) for item in line.get("label") or line.get("labels") or ()]
    entities: list[EntityAnnotation] = []
    problems: list[str] = []
    for start, end, label in sorted(spans):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{label} [{start}:{end}] is outside the text")
            continue
        start, end = strip_span(text, start, end)
        if start == end:
            problems.append(f"{label} span covers only white space")
            continue
        entities.append({"start": start, "end": end, "label": label, "text": text[start:end]})
    return entities, problems
