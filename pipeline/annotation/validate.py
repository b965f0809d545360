"""Checks of annotated JSONL files against the schema and the spec.

    >>> problems = validate_paths(["data/annotated"])
    >>> print("\\n".join(map(str, problems)))
    data/annotated/train.jsonl:12: 001_dcadee23f926a999: entities[3] [10:19] overlaps entities[2] [5:12]

Every problem names the file, the line, the doc_id and what is wrong; nothing is fixed silently.
`draft=True` accepts uncorrected pre-annotations (no annotator, method without "corrected by
hand"); `raw_root` also checks that `text` is still what `clean_text` makes of the raw file, so a
change in the cleaner that would shift the offsets is caught.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cleaning import clean_text
from ..doc import DEADLINE_TYPES, DOC_TYPES, ENTITY_LABELS
from ..readers import doc_id_for, read_path
from ..scoring import DATE_FIELDS, FIELD_NAMES, PERSON_FIELDS
from .schema import (
    CORRECTED_SUFFIX, DATED_DEADLINE_TYPES, METHOD_FROM_SCRATCH, PIPELINE_METHOD_PREFIX, SPLITS,
    annotation_files,
)

ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
TOP_LEVEL_KEYS = ("doc_id", "source", "split", "text", "entities", "sentences", "directives",
                  "document", "provenance")
PROVENANCE_KEYS = ("method", "annotator", "reviewed_by", "notes")
GOLD_METHOD_RE = re.compile(re.escape(PIPELINE_METHOD_PREFIX) + r"\S+" + re.escape(CORRECTED_SUFFIX)
                            + "|" + re.escape(METHOD_FROM_SCRATCH))
DRAFT_METHOD_RE = re.compile(re.escape(PIPELINE_METHOD_PREFIX) + r"\S+")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    doc_id: str | None
    what: str

    def __str__(self) -> str:
        line = f":{self.line}" if self.line is not None else ""
        return f"{self.file}{line}: {self.doc_id or '?'}: {self.what}"


# --------------------------------------------------------------------------- files

def validate_paths(paths: Iterable[str | Path], *, draft: bool = False,
                   raw_root: str | Path | None = None) -> list[Problem]:
    """Problems of every annotated document in the .jsonl files / folders given, plus
    doc_ids repeated across them and splits that contradict a file named after a split."""
    problems: list[Problem] = []
    first_seen: dict[str, tuple[str, int]] = {}
    for file in annotation_files(paths):
        if not file.is_file():
            problems.append(Problem(str(file), None, None, "no such file"))
            continue
        for number, record, error in _records(file):
            doc_id = record.get("doc_id") if isinstance(record, dict) else None
            if error:
                whats = [error]
            else:
                whats = validate_record(record, draft=draft)
                if isinstance(record, dict):
                    whats += _across_files(record, file, number, first_seen)
                if raw_root is not None and not whats:
                    whats += _text_differs_from_raw(record, Path(raw_root))
            problems += [Problem(str(file), number, doc_id, what) for what in whats]
    return problems


def _across_files(record: dict[str, Any], file: Path, number: int,
                  first_seen: dict[str, tuple[str, int]]) -> list[str]:
    """A doc_id seen before (in any file); a split other than the one the file is named after."""
    problems: list[str] = []
    doc_id, split = record.get("doc_id"), record.get("split")
    if isinstance(doc_id, str):
        if doc_id in first_seen:
            problems.append("doc_id repeated (first at {}:{})".format(*first_seen[doc_id]))
        else:
            first_seen[doc_id] = (str(file), number)
    if file.stem in SPLITS and split in SPLITS and split != file.stem:
        problems.append(f"split {split!r} in a file named {file.name}")
    return problems


def _records(file: Path) -> Iterable[tuple[int, Any, str | None]]:
    """(line number, object, JSON error) for each non-blank line."""
    with open(file, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"invalid JSON: {exc.msg} at column {exc.colno}"


def _text_differs_from_raw(record: dict[str, Any], raw_root: Path) -> list[str]:
    """A problem when the document's raw file (`raw_root/source/doc_id.*`) exists and cleans
    to another text; documents with no raw file there are not checked."""
    raw_files = sorted(path for path in (raw_root / record["source"]).glob(glob.escape(record["doc_id"]) + ".*")
                       if doc_id_for(path) == record["doc_id"])
    if not raw_files:
        return []
    doc = read_path(raw_files[0])
    if not doc.ok:
        return [f"raw file {raw_files[0]}: {doc.error}"]
    cleaned = clean_text(doc.raw_text).text
    if cleaned == record["text"]:
        return []
    at = next((i for i, (a, b) in enumerate(zip(cleaned, record["text"], strict=False)) if a != b),
              min(len(cleaned), len(record["text"])))
    return [f"text differs from clean_text({raw_files[0]}) from offset {at}: "
            f"{record['text'][at:at + 30]!r} vs {cleaned[at:at + 30]!r}; offsets need re-anchoring"]


# --------------------------------------------------------------------------- one document

def validate_record(record: Any, *, draft: bool = False) -> list[str]:
    """What is wrong with one annotated document (empty when nothing is)."""
    if not isinstance(record, dict):
        return ["line is not a JSON object"]
    problems = _top_level(record)
    text = record.get("text")
    if not isinstance(text, str):
        return problems
    problems += _entities(text, record.get("entities"))
    problems += _sentences(text, record.get("sentences"))
    problems += _directives(text, record.get("directives"))
    problems += _document(record.get("document"))
    problems += _provenance(record.get("provenance"), draft)
    return problems


def _top_level(record: dict[str, Any]) -> list[str]:
    problems = [f"missing key {key!r}" for key in TOP_LEVEL_KEYS if key not in record]
    problems += [f"unknown key {key!r}" for key in record if key not in TOP_LEVEL_KEYS]
    for key in ("doc_id", "source", "text"):
        if key in record and not (isinstance(record[key], str) and record[key]):
            problems.append(f"{key} must be a non-empty string")
    if "split" in record and record["split"] not in SPLITS:
        problems.append(f"split {record['split']!r} is not one of {', '.join(SPLITS)}")
    for key in ("entities", "sentences", "directives"):
        if key in record and not isinstance(record[key], list):
            problems.append(f"{key} must be a list")
        elif key in record:
            problems += [f"{key}[{i}] must be an object" for i, item in enumerate(record[key])
                         if not isinstance(item, dict)]
    for key in ("document", "provenance"):
        if key in record and not isinstance(record[key], dict):
            problems.append(f"{key} must be an object")
    return problems


def _items(items: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) of the objects in a layer (`_top_level` reports anything else)."""
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _span(text: str, item: dict[str, Any], where: str, quoted: str | None = None) -> list[str]:
    """Offsets are ints with 0 <= start < end <= len(text); `quoted` (if given) is the text
    the span must cover exactly."""
    start, end = item.get("start"), item.get("end")
    if not (type(start) is int and type(end) is int):
        return [f"{where}: start and end must be integers"]
    if not 0 <= start < end <= len(text):
        return [f"{where}: [{start}:{end}] outside the text (length {len(text)}) or empty"]
    if quoted is not None and text[start:end] != quoted:
        return [f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {quoted!r}"]
    if text[start].isspace() or text[end - 1].isspace():
        return [f"{where}: span starts or ends with white space"]
    return []


def _entities(text: str, entities: Any) -> list[str]:
    problems: list[str] = []
    placed: list[tuple[int, int, int]] = []
    for i, e in _items(entities):
        where = f"entities[{i}] {e.get('label')} {e.get('text')!r}"
        if e.get("label") not in ENTITY_LABELS:
            problems.append(f"{where}: label not one of {', '.join(ENTITY_LABELS)} (spec §2)")
        if not isinstance(e.get("text"), str):
            problems.append(f"{where}: text must be a string")
            continue
        span_problems = _span(text, e, where, e["text"])
        problems += span_problems
        if not span_problems:
            placed.append((e["start"], e["end"], i))
    return problems + _overlaps(sorted(placed), "entities")


def _overlaps(spans: list[tuple[int, int, int]], name: str) -> list[str]:
    """Overlapping spans among (start, end, index) sorted by start."""
    problems: list[str] = []
    reach: tuple[int, int, int] | None = None  # the span ending furthest right so far
    for start, end, i in spans:
        if reach is not None and start < reach[1]:
            problems.append(f"{name}[{i}] [{start}:{end}] overlaps {name}[{reach[2]}] "
                            f"[{reach[0]}:{reach[1]}]")
        if reach is None or end > reach[1]:
            reach = (start, end, i)
    return problems


def _sentences(text: str, sentences: Any) -> list[str]:
    problems: list[str] = []
    placed: list[tuple[int, int, int]] = []
    for i, s in _items(sentences):
        where = f"sentences[{i}]"
        span_problems = _span(text, s, where)
        problems += span_problems
        if not span_problems:
            placed.append((s["start"], s["end"], i))
            problems += _deadline(s, where, text[s["start"]:s["end"]], "the sentence")
        else:
            problems += _deadline(s, where, text, "the text")
    if [p[:2] for p in placed] != sorted(p[:2] for p in placed):
        problems.append("sentences are not in text order")
    return problems + _overlaps(sorted(placed), "sentences")


def _directives(text: str, directives: Any) -> list[str]:
    problems: list[str] = []
    for i, d in _items(directives):
        where = f"directives[{i}] {str(d.get('text'))[:40]!r}"
        if not isinstance(d.get("text"), str):
            problems.append(f"{where}: text must be a string")
        else:
            problems += _span(text, d, where, d["text"])
        for key in ("assignees", "coordinators"):
            names = d.get(key)
            if not (isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names)):
                problems.append(f"{where}: {key} must be a list of non-empty strings")
        # spec §4: a deadline line after the item belongs to it, so look in the whole text
        problems += _deadline(d, where, text, "the text")
    return problems


def _deadline(item: dict[str, Any], where: str, scope: str, scope_name: str) -> list[str]:
    """Spec §3: a known type; a phrase for every type but `none`, found in `scope`; an ISO
    date only for date / period."""
    kind, phrase, date = item.get("deadline_type"), item.get("deadline_text"), item.get("deadline_date")
    problems: list[str] = []
    if kind not in DEADLINE_TYPES:
        problems.append(f"{where}: deadline_type {kind!r} not one of {', '.join(DEADLINE_TYPES)} (spec §3)")
    if kind == "none" and phrase is not None:
        problems.append(f"{where}: deadline_text {phrase!r} with deadline_type none")
    elif kind in DEADLINE_TYPES and kind != "none" and not (isinstance(phrase, str) and phrase):
        problems.append(f"{where}: deadline_type {kind} without deadline_text")
    elif isinstance(phrase, str) and phrase not in scope:
        problems.append(f"{where}: deadline_text {phrase!r} not found in {scope_name}")
    if date is not None:
        if kind not in DATED_DEADLINE_TYPES:
            problems.append(f"{where}: deadline_date {date!r} with deadline_type {kind} "
                            f"(only {' and '.join(DATED_DEADLINE_TYPES)} have one)")
        problems += _iso_date(date, f"{where}: deadline_date")
    return problems


def _iso_date(value: Any, where: str) -> list[str]:
    if isinstance(value, str) and ISO_DATE_RE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return []
        except ValueError:
            pass
    return [f"{where} {value!r} is not an ISO date YYYY-MM-DD"]


def _document(document: Any) -> list[str]:
    if not isinstance(document, dict):
        return []
    problems = [f"document: missing field {name!r}" for name in FIELD_NAMES if name not in document]
    problems += [f"document: unknown field {name!r} (spec §5: {', '.join(FIELD_NAMES)})"
                 for name in document if name not in FIELD_NAMES]
    for name, value in document.items():
        if value is None or name not in FIELD_NAMES:
            continue
        if name in DATE_FIELDS:
            problems += _iso_date(value, f"document.{name}")
        elif name in PERSON_FIELDS:
            problems += _persons(name, value)
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"document.{name} must be a non-empty string or null")
        elif name == "doc_type" and value not in DOC_TYPES:
            problems.append(f"document.doc_type {value!r} not one of {', '.join(DOC_TYPES)} (spec §5)")
    return problems


def _persons(name: str, value: Any) -> list[str]:
    """chair: a list of {name, title}; signer: one {name, title}."""
    if name == "chair" and not isinstance(value, list):
        return ["document.chair must be a list of {name, title} or null"]
    persons = value if name == "chair" else [value]
    bad = [p for p in persons if not _is_person(p)]
    return [f"document.{name}: {bad[0]!r} is not a {{name, title}} object with a name"] if bad else []


def _is_person(value: Any) -> bool:
    return (isinstance(value, dict) and set(value) <= {"name", "title"}
            and isinstance(value.get("name"), str) and bool(value["name"].strip())
            and (value.get("title") is None or isinstance(value["title"], str)))


def _provenance(provenance: Any, draft: bool) -> list[str]:
    if not isinstance(provenance, dict):
        return []
    problems = [f"provenance: missing key {key!r}" for key in PROVENANCE_KEYS if key not in provenance]
    problems += [f"provenance: unknown key {key!r}" for key in provenance if key not in PROVENANCE_KEYS]
    method = provenance.get("method")
    accepted = (GOLD_METHOD_RE.fullmatch(str(method))
                or (draft and DRAFT_METHOD_RE.fullmatch(str(method))))
    if not accepted:
        problems.append(f"provenance.method {method!r} is not '{PIPELINE_METHOD_PREFIX}<version>"
                        f"{CORRECTED_SUFFIX}' or '{METHOD_FROM_SCRATCH}'"
                        + ("" if draft else " (a draft? validate with --draft)"))
    if not draft and not (isinstance(provenance.get("annotator"), str) and provenance["annotator"].strip()):
        problems.append("provenance.annotator is empty")
    return problems
