"""A reviewer's HTML report of a run's output folder.

    python -m pipeline report OUT_DIR -o report.html [--max-docs N] [--doc DOC_ID ...] [--as-of DATE]

One self-contained file (inline CSS and SVG, no scripts, no network). The index page gives the
counts, a deadline timeline and the directives per agency, and lists every document; the first
`--max-docs` documents (or those named by `--doc`) get a section with their fields, their directives
table and their cleaned text with the entities highlighted in displaCy style. Every piece of
document text goes through Jinja2 autoescaping.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .analysis import (
    DATED_DEADLINE_TYPES,
    OutputDataset,
    deadlines_over_time,
    directives_per_agency,
    load,
    overdue,
)
from .doc import DEADLINE_TYPES, ENTITY_LABELS

DEFAULT_MAX_DOCS = 100
TOP_AGENCIES = 20
MAX_MONTHLY_BINS = 36       # a longer deadline span is drawn per year
CHART_WIDTH, CHART_HEIGHT = 960, 240
CHART_MARGIN = {"left": 44, "right": 12, "top": 12, "bottom": 36}
MAX_AXIS_LABELS = 16

# displaCy's palette, by the nearest spaCy label (DOC ~ LAW, TITLE ~ WORK_OF_ART, LOC ~ GPE).
ENTITY_COLORS = {"ORG": "#7aecec", "PER": "#aa9cfc", "TITLE": "#f0d0ff", "LOC": "#feca74",
                 "DATE": "#bfe1d9", "DOC": "#ff8197"}
DEADLINE_COLORS = {"date": "#d9534f", "period": "#f0ad4e"}
DOCUMENT_FIELDS = ("doc_type", "title", "number", "issuer", "issued_date", "place", "meeting_date")

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def build_report(out_dir: str | Path, max_docs: int = DEFAULT_MAX_DOCS, doc_ids: list[str] | None = None,
                 as_of: dt.date | None = None) -> str:
    """The report of an output folder as one HTML string.

    Sections are written for `doc_ids` if given, else for the first `max_docs` documents
    (0 = all); `as_of` (default: today) is the reference date for "overdue".
    """
    out = load(out_dir)
    as_of = as_of or dt.date.today()
    documents = out.tables["documents"].to_pylist()
    selected = _select(documents, max_docs, doc_ids)
    context = {
        "out_dir": str(out_dir),
        "pipeline_version": out.manifest.get("pipeline_version"),
        "created": out.manifest.get("created"),
        "as_of": as_of,
        "counts": summary(out, as_of),
        "label_counts": _ordered_counts(out.tables["entities"].column("label"), ENTITY_LABELS),
        "deadline_counts": _ordered_counts(out.tables["directives"].column("deadline_type"), DEADLINE_TYPES),
        "entity_colors": ENTITY_COLORS,
        "deadline_colors": DEADLINE_COLORS,
        "timeline": timeline_chart(out.directives, as_of),
        "agencies": agency_bars(out.directives, TOP_AGENCIES),
        "documents": documents,
        "with_section": {d["doc_id"] for d in selected},
        "sections": document_sections(out, selected),
    }
    return _TEMPLATES.get_template("report.html.j2").render(context)


def write_report(out_dir: str | Path, path: str | Path, **options: Any) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(out_dir, **options), encoding="utf-8")
    return path


def _select(documents: list[dict], max_docs: int, doc_ids: list[str] | None) -> list[dict]:
    if doc_ids:
        wanted = set(doc_ids)
        unknown = wanted - {d["doc_id"] for d in documents}
        if unknown:
            raise ValueError(f"no such documents in the output: {sorted(unknown)}")
        return [d for d in documents if d["doc_id"] in wanted]
    return documents[:max_docs] if max_docs else documents


def _ordered_counts(column: pa.ChunkedArray, names: tuple[str, ...]) -> list[tuple[str, int]]:
    counts = Counter(column.to_pylist())
    return [(name, counts[name]) for name in names]


def summary(out: OutputDataset, as_of: dt.date) -> dict[str, int]:
    """The index page's headline numbers."""
    status = out.tables["documents"].column("status")
    directives = out.directives
    return {
        "documents": out.tables["documents"].num_rows,
        "failed": pc.sum(pc.equal(status, "error")).as_py() or 0,
        "sentences": out.tables["sentences"].num_rows,
        "entities": out.tables["entities"].num_rows,
        "directives": len(directives),
        "with_assignee": int(directives["assignees"].map(bool).sum()),
        "with_deadline": int((directives["deadline_type"] != "none").sum()),
        "dated": int(directives["deadline_date"].notna().sum()),
        "overdue": len(overdue(directives, as_of)),
    }


def timeline_chart(directives: pd.DataFrame, as_of: dt.date) -> dict[str, Any] | None:
    """Geometry of the deadline timeline: stacked bars of dated directives per month (per year when
    the deadlines span more than three years), a line at `as_of`. None when nothing is dated."""
    counts = deadlines_over_time(directives, "M")
    if counts.empty:
        return None
    freq = "M"
    if len(counts) > MAX_MONTHLY_BINS:
        freq = "Y"
        counts = deadlines_over_time(directives, freq)
    left, top = CHART_MARGIN["left"], CHART_MARGIN["top"]
    plot_w = CHART_WIDTH - left - CHART_MARGIN["right"]
    plot_h = CHART_HEIGHT - top - CHART_MARGIN["bottom"]
    y_max = int(counts.sum(axis=1).max())
    step = plot_w / len(counts)
    label_every = -(-len(counts) // MAX_AXIS_LABELS)
    bars, labels = [], []
    for i, (period, row) in enumerate(counts.iterrows()):
        x, base = left + i * step, top + plot_h
        for deadline_type in DATED_DEADLINE_TYPES:
            n = int(row[deadline_type])
            if n:
                h = n / y_max * plot_h
                base -= h
                bars.append({"x": x + step * 0.1, "y": base, "w": step * 0.8, "h": h,
                             "color": DEADLINE_COLORS[deadline_type], "title": f"{period}: {n} × {deadline_type}"})
        if i % label_every == 0:
            labels.append({"x": x + step / 2, "text": str(period)})
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "left": left, "top": top, "bottom": top + plot_h,
            "right": left + plot_w, "y_max": y_max, "bars": bars, "labels": labels,
            "unit": "month" if freq == "M" else "year",
            "as_of_x": _as_of_x(counts.index, as_of, left, step)}


def _as_of_x(periods: pd.PeriodIndex, as_of: dt.date, left: float, step: float) -> float | None:
    """x of the reference date inside its period's slot, or None when it is off the chart."""
    stamp = pd.Timestamp(as_of)
    if not periods[0].start_time <= stamp <= periods[-1].end_time:
        return None
    period = stamp.to_period(periods.freqstr)
    fraction = (stamp - period.start_time) / (period.end_time - period.start_time)
    return left + (periods.get_loc(period) + fraction) * step


def agency_bars(directives: pd.DataFrame, top: int) -> list[dict[str, Any]]:
    counts = directives_per_agency(directives, top)
    most = int(counts.max()) if len(counts) else 1
    return [{"name": name, "n": int(n), "pct": 100 * n / most} for name, n in counts.items()]


def document_sections(out: OutputDataset, documents: list[dict]) -> list[dict[str, Any]]:
    """Per selected document: its fields, directives and text segments."""
    ids = pa.array([d["doc_id"] for d in documents], pa.string())
    entities = _rows_by_doc(out.tables["entities"], ids, "start")
    directives = _rows_by_doc(out.tables["directives"], ids, "directive_id")
    return [{
        "doc": doc,
        "fields": [(name, doc[name]) for name in DOCUMENT_FIELDS],
        "directives": directives.get(doc["doc_id"], []),
        "segments": text_segments(doc["text"] or "", entities.get(doc["doc_id"], [])),
    } for doc in documents]


def _rows_by_doc(table: pa.Table, doc_ids: pa.Array, order: str) -> dict[str, list[dict]]:
    rows = table.filter(pc.is_in(table.column("doc_id"), value_set=doc_ids))
    by_doc: dict[str, list[dict]] = {}
    for row in rows.sort_by([("doc_id", "ascending"), (order, "ascending")]).to_pylist():
        by_doc.setdefault(row["doc_id"], []).append(row)
    return by_doc


def text_segments(text: str, entities: list[dict]) -> list[tuple[str, dict | None]]:
    """`text` cut into (piece, entity or None) in order; entities sorted by start. An entity that
    overlaps the previous one is left unmarked (spec §2 spans are flat; this keeps the page whole)."""
    segments: list[tuple[str, dict | None]] = []
    pos = 0
    for ent in entities:
        if ent["start"] < pos:
            continue
        if ent["start"] > pos:
            segments.append((text[pos:ent["start"]], None))
        segments.append((text[ent["start"]:ent["end"]], ent))
        pos = ent["end"]
    if pos < len(text):
        segments.append((text[pos:], None))
    return segments


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def cmd_report(args: argparse.Namespace) -> int:
    try:
        path = write_report(args.out_dir, args.output, max_docs=args.max_docs, doc_ids=args.doc, as_of=args.as_of)
    except (FileNotFoundError, ValueError) as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    print(f"report -> {path}")
    return 0


def add_report_subparser(sub: argparse._SubParsersAction) -> None:
    """Adds `report` to the CLI's subcommands."""
    rp = sub.add_parser("report", help="an HTML report of an output folder for reviewers")
    rp.add_argument("out_dir", type=Path, help="the output folder of `run`")
    rp.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="HTML file to write")
    rp.add_argument("--max-docs", type=int, default=DEFAULT_MAX_DOCS,
                    help=f"documents that get a full section, in doc_id order (0 = all; default {DEFAULT_MAX_DOCS})")
    rp.add_argument("--doc", action="append", metavar="DOC_ID",
                    help="give a section to this document (repeatable; overrides --max-docs)")
    rp.add_argument("--as-of", type=_parse_date, help="reference date for overdue deadlines (default: today)")
    rp.set_defaults(func=cmd_report)
