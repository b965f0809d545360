"""The gold annotation format: one document a line of JSONL (docs/annotation.md, "Schema").

    {"doc_id", "source", "split", "text",
     "entities":   [{"start", "end", "label", "text"}],
     "sentences":  [{"start", "end", "deadline_type", "deadline_text", "deadline_date"}],
     "directives": [{"start", "end", "text", "assignees", "coordinators",
                     "deadline_type", "deadline_text", "deadline_date"}],
     "document":   {spec §5 fields},
     "provenance": {"method", "annotator", "reviewed_by", "notes"}}

Offsets are character offsets into `text`, the cleaned text (`pipeline.cleaning.clean_text`);
dates are ISO strings. `from_document` turns a processed `Document` into a pre-annotation
(predictions for annotators to correct); `to_record` gives the layout `pipeline.scoring` reads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, TypedDict

from .. import __version__
from ..doc import Deadline, Document, DocumentFields

SPLITS = ("train", "dev", "test")
FIELD_NAMES = tuple(f.name for f in fields(DocumentFields))   # spec §5, as scoring.FIELD_NAMES
# What `split="auto"` aims for; a document's split is fixed by its doc_id alone.
SPLIT_RATIOS = {"train": 0.7, "dev": 0.15, "test": 0.15}
DATED_DEADLINE_TYPES = ("date", "period")   # the only types with a deadline_date
METHOD_FROM_SCRATCH = "annotated from scratch"
CORRECTED_SUFFIX = ", corrected by hand"
PIPELINE_METHOD_PREFIX = "pre-annotated by pipeline "


class EntityAnnotation(TypedDict):
    start: int
    end: int
    label: str          # spec §2: ENTITY_LABELS
    text: str           # == document text[start:end]


class DeadlineFields(TypedDict):
    deadline_type: str            # spec §3: DEADLINE_TYPES
    deadline_text: str | None     # the phrase that sets the deadline
    deadline_date: str | None     # ISO; only for date / period


class SentenceAnnotation(DeadlineFields):
    start: int
    end: int


class DirectiveAnnotation(DeadlineFields):
    start: int
    end: int
    text: str
    assignees: list[str]
    coordinators: list[str]


class Provenance(TypedDict):
    method: str              # "pre-annotated by pipeline <v>, corrected by hand" | "annotated from scratch"
    annotator: str | None
    reviewed_by: str | None
    notes: str


class AnnotatedDocument(TypedDict):
    doc_id: str
    source: str              # corpus folder: "seeds", "daknong_gov_sites_ocr", ...
    split: str               # one of SPLITS
    text: str
    entities: list[EntityAnnotation]
    sentences: list[SentenceAnnotation]
    directives: list[DirectiveAnnotation]
    document: dict[str, Any]  # spec §5 fields (scoring.FIELD_NAMES)
    provenance: Provenance


# --------------------------------------------------------------------------- provenance

def pre_annotation_method(version: str = __version__) -> str:
    """The method of an uncorrected pre-annotation: "pre-annotated by pipeline 0.1.0"."""
    return f"{PIPELINE_METHOD_PREFIX}{version}"


def corrected_provenance(pre: Provenance, person: str | None) -> Provenance:
    """Provenance after `person` corrected the document: the method says so; a second person
    working on a document someone already annotated is its reviewer."""
    method = pre["method"]
    if method.startswith(PIPELINE_METHOD_PREFIX) and not method.endswith(CORRECTED_SUFFIX):
        method += CORRECTED_SUFFIX
    reviewing = bool(pre["annotator"]) and person is not None and pre["annotator"] != person
    return {"method": method,
            "annotator": pre["annotator"] if reviewing or person is None else person,
            "reviewed_by": person if reviewing else pre["reviewed_by"],
            "notes": pre["notes"]}


def assign_split(doc_id: str, ratios: dict[str, float] = SPLIT_RATIOS) -> str:
    """A split fixed by the doc_id's hash, so adding documents never moves old ones."""
    point = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    total = 0.0
    for split, share in ratios.items():
        total += share
        if point < total:
            return split
    return next(reversed(ratios))


# --------------------------------------------------------------------------- conversions

def from_document(doc: Document, source: str, split: str) -> AnnotatedDocument:
    """A pipeline-processed Document as a pre-annotation: its predictions, to be corrected."""
    from ..scoring import document_to_record  # numpy and scipy: not for every CLI start

    return {
        "doc_id": doc.doc_id,
        "source": source,
        "split": split,
        "text": doc.text,
        "entities": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text}
                     for e in sorted(doc.entities, key=lambda e: (e.start, e.end))],
        "sentences": [{"start": s.start, "end": s.end, **_deadline_fields(s.deadline)}
                      for s in doc.sentences],
        "directives": [{"start": d.start, "end": d.end, "text": d.text,
                        "assignees": list(d.assignees), "coordinators": list(d.coordinators),
                        **_deadline_fields(d.deadline)}
                       for d in doc.directives],
        "document": document_to_record(doc)["document"],
        "provenance": {"method": pre_annotation_method(), "annotator": None,
                       "reviewed_by": None, "notes": ""},
    }


def blank_annotation(doc: Document, source: str, split: str) -> AnnotatedDocument:
    """A document to annotate from scratch (no pipeline output to lean on, e.g. the second
    annotator of an agreement study): its text and the splitter's sentences, all `none`."""
    return {
        "doc_id": doc.doc_id,
        "source": source,
        "split": split,
        "text": doc.text,
        "entities": [],
        "sentences": [{"start": s.start, "end": s.end, "deadline_type": "none", "deadline_text": None,
                       "deadline_date": None} for s in doc.sentences],
        "directives": [],
        "document": dict.fromkeys(FIELD_NAMES),
        "provenance": {"method": METHOD_FROM_SCRATCH, "annotator": None, "reviewed_by": None, "notes": ""},
    }


def _deadline_fields(deadline: Deadline) -> DeadlineFields:
    return {"deadline_type": deadline.type, "deadline_text": deadline.text,
            "deadline_date": deadline.date.isoformat() if deadline.date else None}


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at its ends (a tool's selection often takes a space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_record(annotated: AnnotatedDocument) -> dict[str, Any]:
    """The scoring layout of `pipeline.scoring` (entities in order of appearance)."""
    return {
        "doc_id": annotated["doc_id"],
        "document": dict(annotated["document"]),
        "entities": [{"label": e["label"], "text": e["text"], "start": e["start"], "end": e["end"]}
                     for e in sorted(annotated["entities"], key=lambda e: (e["start"], e["end"]))],
        "directives": [{key: d[key] for key in ("text", "assignees", "coordinators", "deadline_type",
                                                "deadline_text", "deadline_date")}
                       for d in annotated["directives"]],
    }


def merge_entities(base: Iterable[AnnotatedDocument], partials: Iterable[Mapping[str, Any]]
                   ) -> tuple[list[AnnotatedDocument], list[str]]:
    """Base records with their entities replaced by those of `{doc_id, text, entities}`
    records from a tool that holds entities only; a partial record with no base record of
    its doc_id, or with another text, is left out and reported."""
    base_by_id = {record["doc_id"]: record for record in base}
    records: list[AnnotatedDocument] = []
    problems: list[str] = []
    for partial in partials:
        record = base_by_id.get(partial["doc_id"])
        if record is None:
            problems.append(f"{partial['doc_id']}: not in the base records")
        elif partial["text"] != record["text"]:
            problems.append(f"{partial['doc_id']}: text differs from the base record's")
        else:
            records.append({**record, "entities": partial["entities"]})
    return records, problems


# --------------------------------------------------------------------------- files

def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line; raises on invalid JSON."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield number, json.loads(line)


def annotation_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .jsonl files named, and those directly in the folders named (not in subfolders, so
    working files in `data/annotated/work/` stay out of the gold, as for `scoring.load_records`)."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def load_annotations(paths: str | Path | Iterable[str | Path]) -> list[AnnotatedDocument]:
    """Every annotated document in the files / folders given (not validated: see `validate`)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return [record for file in annotation_files(paths) for _, record in read_jsonl(file)]


def write_jsonl(records: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write one JSON object a line (UTF-8, not ASCII-escaped); returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def collect_into_splits(records: Iterable[AnnotatedDocument], folder: str | Path) -> dict[str, int]:
    """Add records to `folder/<split>.jsonl` (train, dev, test), replacing any record of the
    same doc_id in any of those files; files are kept sorted by doc_id. Returns the number of
    documents per split."""
    folder = Path(folder)
    by_id: dict[str, AnnotatedDocument] = {}
    for split in SPLITS:
        path = folder / f"{split}.jsonl"
        if path.exists():
            by_id.update((record["doc_id"], record) for _, record in read_jsonl(path))
    by_id.update((record["doc_id"], record) for record in records)
    by_split: dict[str, list[AnnotatedDocument]] = {split: [] for split in SPLITS}
    for doc_id in sorted(by_id):
        by_split[by_id[doc_id]["split"]].append(by_id[doc_id])
    return {split: write_jsonl(items, folder / f"{split}.jsonl") for split, items in by_split.items()}
