"""Writes `Document`s as a run's output folder (the four parquet tables + manifest), for tests that
need a small real output without running the batch runner."""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset import SCHEMAS, document_rows
from pipeline.doc import Document


def write_output_folder(docs: list[Document], out_dir: Path, manifest: dict | None = None) -> Path:
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    for doc in sorted(docs, key=lambda d: d.doc_id):
        for name, doc_rows in document_rows(doc).items():
            rows[name].extend(doc_rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, schema in SCHEMAS.items():
        pq.write_table(pa.Table.from_pylist(rows[name], schema=schema), out_dir / f"{name}.parquet")
    (out_dir / "manifest.json").write_text(json.dumps(manifest or {}), encoding="utf-8")
    return out_dir
