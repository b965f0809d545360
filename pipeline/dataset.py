"""The output dataset (spec §7): four parquet tables with explicit Arrow schemas.

`document_rows` turns a processed `Document` into table rows; `pipeline/batch.py` writes them.
"""

from __future__ import annotations

import datetime as dt
import platform
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .doc import Document

PERSON = pa.struct([("name", pa.string()), ("title", pa.string())])

DOCUMENTS_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("source_path", pa.string()),
    ("status", pa.string()),            # ok | error
    ("error", pa.string()),
    ("doc_type", pa.string()),
    ("title", pa.string()),
    ("number", pa.string()),
    ("issuer", pa.string()),
    ("issued_date", pa.date32()),
    ("place", pa.string()),
    ("meeting_date", pa.date32()),
    ("chair", pa.list_(PERSON)),
    ("signer", PERSON),
    ("people", pa.list_(PERSON)),      # every official found: PER linked to TITLE
    ("text", pa.string()),              # cleaned text; all offsets refer to it
    ("n_sentences", pa.int32()),
    ("n_entities", pa.int32()),
    ("n_directives", pa.int32()),
    ("encoding", pa.string()),
    ("format", pa.string()),
    ("raw_chars", pa.int64()),
])

SENTENCES_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("sent_id", pa.int32()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("text", pa.string()),
    ("kind", pa.string()),              # header | title | heading | item | text | deadline | closing
    ("deadline_type", pa.string()),
    ("deadline_text", pa.string()),
    ("deadline_date", pa.date32()),
    ("deadline_score", pa.float32()),   # probability of the deadline class (1.0 from the rules alone)
    ("deadline_source", pa.string()),   # rules | model
])

ENTITIES_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("sent_id", pa.int32()),
    ("label", pa.string()),
    ("text", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("source", pa.string()),            # rules | gazetteer | model name
    ("score", pa.float32()),
    ("raw_start", pa.int32()),          # the same span in the raw input file
    ("raw_end", pa.int32()),
])

DIRECTIVES_SCHEMA = pa.schema([
    ("doc_id", pa.string()),
    ("directive_id", pa.int32()),
    ("text", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("assignees", pa.list_(pa.string())),
    ("coordinators", pa.list_(pa.string())),
    ("deadline_type", pa.string()),
    ("deadline_text", pa.string()),
    ("deadline_date", pa.date32()),
    ("deadline_score", pa.float32()),
    ("assignee_source", pa.string()),   # item | heading | lead-in | none
    ("sent_id", pa.int32()),            # first sentence of the directive
    ("score", pa.float32()),            # probability that this is a directive (1.0 from the rules alone)
])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS_SCHEMA,
    "sentences": SENTENCES_SCHEMA,
    "entities": ENTITIES_SCHEMA,
    "directives": DIRECTIVES_SCHEMA,
}


def _person(p) -> dict | None:
    return None if p is None else {"name": p.name, "title": p.title}


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each table."""
    f = doc.fields
    documents = [{
        "doc_id": doc.doc_id, "source_path": doc.source_path, "status": doc.status, "error": doc.error,
        "doc_type": f.doc_type, "title": f.title, "number": f.number, "issuer": f.issuer,
        "issued_date": f.issued_date, "place": f.place, "meeting_date": f.meeting_date,
        "chair": [_person(p) for p in f.chair], "signer": _person(f.signer),
        "people": [_person(p) for p in doc.people],
        "text": doc.text if doc.ok else None,
        "n_sentences": len(doc.sentences), "n_entities": len(doc.entities),
        "n_directives": len(doc.directives),
        "encoding": doc.meta.get("encoding"), "format": doc.meta.get("format"),
        "raw_chars": len(doc.raw_text) if doc.raw_text else 0,
    }]
    sentences = [{
        "doc_id": doc.doc_id, "sent_id": s.sent_id, "start": s.start, "end": s.end, "text": s.text,
        "kind": s.kind, "deadline_type": s.deadline.type, "deadline_text": s.deadline.text,
        "deadline_date": s.deadline.date, "deadline_score": s.deadline.score,
        "deadline_source": s.deadline.source,
    } for s in doc.sentences]
    entities = []
    for e in doc.entities:
        sent = doc.sentence_at(e.start)
        raw_start = doc.raw_offset(e.start)
        raw_end = doc.raw_offset(e.end - 1) + 1 if e.end > e.start else raw_start
        entities.append({
            "doc_id": doc.doc_id, "sent_id": sent.sent_id if sent else None, "label": e.label,
            "text": e.text, "start": e.start, "end": e.end, "source": e.source, "score": e.score,
            "raw_start": raw_start, "raw_end": raw_end,
        })
    directives = [{
        "doc_id": doc.doc_id, "directive_id": d.directive_id, "text": d.text, "start": d.start,
        "end": d.end, "assignees": d.assignees, "coordinators": d.coordinators,
        "deadline_type": d.deadline.type, "deadline_text": d.deadline.text,
        "deadline_date": d.deadline.date, "deadline_score": d.deadline.score,
        "assignee_source": d.assignee_source, "sent_id": d.sent_ids[0] if d.sent_ids else None,
        "score": d.score,
    } for d in doc.directives]
    return {"documents": documents, "sentences": sentences, "entities": entities,
            "directives": directives}


def base_manifest() -> dict[str, Any]:
    from . import __version__
    return {
        "pipeline_version": __version__,
        "python": platform.python_version(),
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "started_unix": time.time(),
    }


def read_records(out_dir: str | Path) -> list[dict[str, Any]]:
    """A run's output folder as scoring records (the layout of spec/examples), one per ok document."""
    out_dir = Path(out_dir)
    docs = pq.read_table(out_dir / "documents.parquet").to_pylist()
    ents = pq.read_table(out_dir / "entities.parquet").to_pylist()
    dirs = pq.read_table(out_dir / "directives.parquet").to_pylist()
    by_doc: dict[str, dict[str, Any]] = {}
    for d in docs:
        if d["status"] != "ok":
            continue
        fields = {k: d[k] for k in ("doc_type", "title", "number", "issuer", "place")}
        for k in ("issued_date", "meeting_date"):
            fields[k] = d[k].isoformat() if d[k] else None
        fields["chair"] = d["chair"] or None
        fields["signer"] = d["signer"]
        by_doc[d["doc_id"]] = {"doc_id": d["doc_id"], "document": fields, "entities": [], "directives": []}
    for e in sorted(ents, key=lambda e: (e["doc_id"], e["start"])):
        if e["doc_id"] in by_doc:
            by_doc[e["doc_id"]]["entities"].append({"label": e["label"], "text": e["text"]})
    for r in sorted(dirs, key=lambda r: (r["doc_id"], r["directive_id"])):
        if r["doc_id"] in by_doc:
            by_doc[r["doc_id"]]["directives"].append({
                "text": r["text"], "assignees": r["assignees"], "coordinators": r["coordinators"],
                "deadline_type": r["deadline_type"], "deadline_text": r["deadline_text"],
                "deadline_date": r["deadline_date"].isoformat() if r["deadline_date"] else None})
    return list(by_doc.values())
