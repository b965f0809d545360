"""Batch runs: streaming input, all cores, resumable, on one machine or a Dask cluster.

The corpus is cut into batches of `batch_size` documents in doc_id order. Each batch is processed
by a worker that loads the pipeline once, and comes back as four Arrow tables that are written as
*part files* under `OUT/.parts/` (temporary name, then rename), followed by a done-marker. A
killed run started again with `resume=True` skips every batch with a marker, so no document is lost
or written twice. When all batches are done the parts are concatenated, in batch order, into the
final tables — the same rows in the same order whatever the batch size, worker count or engine.
Memory is bounded by (workers + in-flight batches) × batch size, not by the corpus.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import readers
from .dataset import SCHEMAS, base_manifest, document_rows
from .doc import Document

TABLE_SUFFIXES = {".jsonl", ".parquet"}
ID_COLUMNS = ("doc_id", "id")
TEXT_COLUMNS = ("text", "content", "body")


@dataclass(frozen=True, slots=True)
class Source:
    """Where one document comes from: a file, or a row of a JSONL/parquet table of (id, text)."""

    doc_id: str
    path: str
    row: int | None = None        # row number in a table input
    offset: int | None = None     # byte offset of the row's line in a JSONL input

    def load(self) -> Document:
        if self.row is None:
            return readers.read_path(self.path, doc_id=self.doc_id)
        return _read_row(self)


@dataclass
class PipelineSpec:
    """What a worker needs to build its own `Pipeline` (picklable, unlike the pipeline itself)."""

    processors: list[str] | None = None
    config: str | None = None
    models_dir: str | None = None
    overrides: dict | None = None      # config values set on top of the config file

    def build(self):
        from .core import Pipeline
        return Pipeline(processors=self.processors, config=self.config, models_dir=self.models_dir,
                        overrides=self.overrides)


# ------------------------------------------------------------------ sources

def iter_sources(inputs: Iterable[str | Path]) -> list[Source]:
    """All documents of the inputs, sorted by doc_id. Table inputs (.jsonl/.parquet) give one
    document per row; their texts are not kept in memory, only where to find them."""
    files, tables = [], []
    for path in readers.iter_input_paths(inputs):
        (tables if path.suffix.lower() in TABLE_SUFFIXES and path.exists() else files).append(path)
    sources = [Source(doc_id, str(p)) for p, doc_id in readers.unique_doc_ids(files)]
    for table in tables:
        sources.extend(_table_sources(table))
    sources.sort(key=lambda s: (s.doc_id, s.path, s.row or 0))
    return sources


def _table_sources(path: Path) -> Iterator[Source]:
    if path.suffix.lower() == ".jsonl":
        with open(path, "rb") as f:
            offset = 0
            for row, line in enumerate(f):
                if line.strip():
                    try:
                        doc_id = str(_pick(json.loads(line), ID_COLUMNS) or f"{path.stem}-{row}")
                    except (ValueError, AttributeError):
                        doc_id = f"{path.stem}-{row}"      # reported as an error row when loaded
                    yield Source(doc_id, str(path), row, offset)
                offset += len(line)
    else:
        pf = pq.ParquetFile(path)
        id_col = next((c for c in ID_COLUMNS if c in pf.schema_arrow.names), None)
        row = 0
        for batch in pf.iter_batches(columns=[id_col] if id_col else [pf.schema_arrow.names[0]]):
            for value in batch.column(0).to_pylist():
                yield Source(str(value) if id_col and value is not None else f"{path.stem}-{row}",
                             str(path), row)
                row += 1


def _pick(record: dict, names: tuple[str, ...]) -> Any:
    return next((record[n] for n in names if n in record), None)


def _read_row(src: Source) -> Document:
    doc = Document(doc_id=src.doc_id, source_path=f"{src.path}#{src.row}")
    try:
        if src.offset is not None:
            with open(src.path, "rb") as f:
                f.seek(src.offset)
                record = json.loads(f.readline())
        else:
            group, index = _row_group_of(src.path, src.row)
            record = pq.ParquetFile(src.path).read_row_group(group).slice(index, 1).to_pylist()[0]
        text = _pick(record, TEXT_COLUMNS)
        if not isinstance(text, str) or not text.strip():
            raise ValueError("row has no text")
        doc.raw_text = text
        doc.meta.update(format=Path(src.path).suffix.lstrip("."), encoding="utf-8")
    except (OSError, ValueError, AttributeError, IndexError) as exc:
        doc.status, doc.error = "error", f"cannot read row {src.row} of {src.path}: {exc}"
    return doc


def _row_group_of(path: str, row: int) -> tuple[int, int]:
    """(row group, index inside it) of a table row."""
    pf = pq.ParquetFile(path)
    for rg in range(pf.num_row_groups):
        n = pf.metadata.row_group(rg).num_rows
        if row < n:
            return rg, row
        row -= n
    raise IndexError(f"row {row} beyond the end of {path}")


# ------------------------------------------------------------------ workers

_WORKER_PIPELINES: dict[str, Any] = {}
try:
    _LIBC = ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
except OSError:
    _LIBC = None


def process_batch(spec: PipelineSpec, sources: list[Source]) -> tuple[dict[str, pa.Table], dict]:
    """Run one batch in this process (a worker loads its pipeline on first use, then reuses it)."""
    key = json.dumps([spec.processors, spec.config, spec.models_dir])
    nlp = _WORKER_PIPELINES.get(key)
    if nlp is None:
        nlp = _WORKER_PIPELINES[key] = spec.build()
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    stats: dict[str, Any] = {"documents": 0, "chars": 0, "failed": [], "labels": {}, "deadlines": {},
                             "stage_seconds": {}}
    for src in sources:
        doc = nlp.process(src.load())
        for name, r in document_rows(doc).items():
            rows[name].extend(r)
        _count(stats, doc)
    tables = {name: pa.Table.from_pylist(r, schema=SCHEMAS[name]) for name, r in rows.items()}
    _trim_heap()
    return tables, stats


def _trim_heap() -> None:
    """Give freed heap pages back to the OS (glibc keeps them, and RSS creeps up over a long run)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _count(stats: dict, doc: Document) -> None:
    stats["documents"] += 1
    stats["chars"] += len(doc.raw_text or "")
    if not doc.ok:
        stats["failed"].append([doc.source_path or doc.doc_id, doc.error or "unknown error"])
    for e in doc.entities:
        stats["labels"][e.label] = stats["labels"].get(e.label, 0) + 1
    for d in doc.directives:
        stats["deadlines"][d.deadline.type] = stats["deadlines"].get(d.deadline.type, 0) + 1
    for stage, seconds in doc.meta.get("timings", {}).items():
        stats["stage_seconds"][stage] = stats["stage_seconds"].get(stage, 0.0) + seconds


# ------------------------------------------------------------------ engines

def _run_local(spec, batches, todo, workers, on_done):
    if workers <= 1:
        for i in todo:
            on_done(i, *process_batch(spec, batches[i]))
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending, queue = {}, list(todo)
        while queue or pending:
            while queue and len(pending) < 2 * workers:    # bounded in-flight work: flat memory
                i = queue.pop(0)
                pending[pool.submit(process_batch, spec, batches[i])] = i
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                on_done(pending.pop(fut), *fut.result())


def _run_dask(spec, batches, todo, workers, on_done, scheduler: str | None):
    from distributed import Client, LocalCluster, as_completed
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        queue = list(todo)
        futures = {}
        ac = as_completed()
        while queue and len(futures) < 2 * max(workers, 1):
            i = queue.pop(0)
            fut = client.submit(process_batch, spec, batches[i], pure=False)
            futures[fut.key] = i
            ac.add(fut)
        for fut in ac:
            i = futures.pop(fut.key)
            on_done(i, *fut.result())
            fut.release()
            if queue:
                j = queue.pop(0)
                nxt = client.submit(process_batch, spec, batches[j], pure=False)
                futures[nxt.key] = j
                ac.add(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ------------------------------------------------------------------ the run

class BatchRun:
    """One run of the pipeline over many documents into an output folder."""

    def __init__(self, out_dir: str | Path, spec: PipelineSpec, batch_size: int = 64, workers: int = 1,
                 engine: str = "local", scheduler: str | None = None,
                 progress: Callable[[int, int, int], None] | None = None):
        self.out = Path(out_dir)
        self.parts = self.out / ".parts"
        self.spec, self.batch_size, self.workers = spec, max(1, batch_size), max(1, workers)
        self.engine, self.scheduler = engine, scheduler
        self.progress = progress

    def run(self, sources: list[Source], resume: bool = False, manifest: dict | None = None) -> dict:
        t0 = time.perf_counter()
        batches = [sources[i:i + self.batch_size] for i in range(0, len(sources), self.batch_size)]
        fingerprint = _fingerprint(sources, self.batch_size)
        self._prepare(fingerprint, resume)
        done_stats = {i: self._read_marker(i) for i in range(len(batches)) if self._marker(i).exists()}
        todo = [i for i in range(len(batches)) if i not in done_stats]
        counted = {"docs": sum(s["documents"] for s in done_stats.values()),
                   "errors": sum(len(s["failed"]) for s in done_stats.values())}

        def on_done(i: int, tables: dict[str, pa.Table], stats: dict) -> None:
            for name, table in tables.items():
                _atomic_write_table(table, self.parts / name / f"part-{i:06d}.parquet")
            _atomic_write_text(self._marker(i), json.dumps(stats, ensure_ascii=False))
            done_stats[i] = stats
            counted["docs"] += stats["documents"]
            counted["errors"] += len(stats["failed"])
            if self.progress:
                self.progress(counted["docs"], len(sources), counted["errors"])

        if self.progress:
            self.progress(counted["docs"], len(sources), counted["errors"])
        if self.engine == "dask":
            _run_dask(self.spec, batches, todo, self.workers, on_done, self.scheduler)
        else:
            _run_local(self.spec, batches, todo, self.workers, on_done)
        self._merge(len(batches))
        summary = self._manifest(done_stats, len(sources), time.perf_counter() - t0, manifest or {},
                                 resumed=len(batches) - len(todo))
        shutil.rmtree(self.parts, ignore_errors=True)
        return summary

    def _prepare(self, fingerprint: str, resume: bool) -> None:
        state = self.parts / "state.json"
        if resume and state.exists():
            previous = json.loads(state.read_text())
            if previous.get("fingerprint") != fingerprint:
                raise ValueError("--resume: the inputs or batch size differ from the interrupted run "
                                 f"in {self.out}; run again without --resume")
            return
        shutil.rmtree(self.parts, ignore_errors=True)
        (self.parts / "done").mkdir(parents=True)
        for name in SCHEMAS:
            (self.parts / name).mkdir()
        _atomic_write_text(state, json.dumps({"fingerprint": fingerprint, "batch_size": self.batch_size}))

    def _marker(self, i: int) -> Path:
        return self.parts / "done" / f"batch-{i:06d}.json"

    def _read_marker(self, i: int) -> dict:
        return json.loads(self._marker(i).read_text())

    def _merge(self, n_batches: int) -> None:
        # part by part, record batch by record batch: memory stays that of one part
        for name, schema in SCHEMAS.items():
            tmp = self.out / f".{name}.parquet.tmp"
            with pq.ParquetWriter(tmp, schema, use_dictionary=_DICTIONARY_COLUMNS[name]) as writer:
                for i in range(n_batches):
                    part = pq.ParquetFile(self.parts / name / f"part-{i:06d}.parquet")
                    writer.write_table(part.read().cast(schema))
            os.replace(tmp, self.out / f"{name}.parquet")

    def _manifest(self, stats: dict[int, dict], n_sources: int, seconds: float, extra: dict,
                  resumed: int) -> dict:
        total: dict[str, Any] = {"documents": 0, "chars": 0, "failed": [], "labels": {}, "deadlines": {},
                                 "stage_seconds": {}}
        for i in sorted(stats):
            s = stats[i]
            total["documents"] += s["documents"]
            total["chars"] += s["chars"]
            total["failed"].extend(s["failed"])
            for key in ("labels", "deadlines", "stage_seconds"):
                for k, v in s[key].items():
                    total[key][k] = total[key].get(k, 0) + v
        rows = {name: pq.ParquetFile(self.out / f"{name}.parquet").metadata.num_rows for name in SCHEMAS}
        manifest = {
            **base_manifest(), **extra,
            "documents": n_sources, "failed": len(total["failed"]), "errors": total["failed"],
            "rows": rows, "chars": total["chars"], "seconds": round(seconds, 3),
            "docs_per_s": round(n_sources / seconds, 2) if seconds else None,
            "entities_per_label": dict(sorted(total["labels"].items())),
            "directives_per_deadline_type": dict(sorted(total["deadlines"].items())),
            "stage_seconds": {k: round(v, 3) for k, v in total["stage_seconds"].items()},
            "engine": self.engine, "workers": self.workers, "batch_size": self.batch_size,
            "batches_resumed": resumed, "peak_rss_mb": peak_rss_mb(),
        }
        _atomic_write_text(self.out / "manifest.json",
                           json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
        return manifest


# dictionary-encode the low-cardinality columns only: a dictionary of long texts costs memory for nothing
_DICTIONARY_COLUMNS = {name: [f.name for f in schema if f.name not in ("text", "error", "title", "source_path")]
                       for name, schema in SCHEMAS.items()}


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child (a worker), in MiB."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 2**20
    return {"main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1),
            "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale, 1)}


def _fingerprint(sources: list[Source], batch_size: int) -> str:
    h = hashlib.sha256(str(batch_size).encode())
    for s in sources:
        h.update(f"{s.doc_id}\0{s.path}\0{s.row}\n".encode())
    return h.hexdigest()


def _atomic_write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, use_dictionary=_DICTIONARY_COLUMNS[path.parent.name])
    os.replace(tmp, path)


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
