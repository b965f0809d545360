"""A run's output folder for analysts: pandas DataFrames and a Hugging Face `DatasetDict`.

    >>> from pipeline import load
    >>> out = load("out/raw")
    >>> out.directives.explode("assignees").assignees.value_counts().head()
    >>> ds = out.to_datasets()          # DatasetDict: documents, sentences, entities, directives
    >>> ds["entities"].features["label"].int2str(0)
    'ORG'

Columns whose values are a closed set (spec labels, deadline classes, sentence kinds, status) are
pandas categoricals and `datasets.ClassLabel`s with the same names in the same order, so a value
the spec does not know is an error here, not a silent NaN.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .dataset import SCHEMAS
from .doc import DEADLINE_TYPES, ENTITY_LABELS, SENTENCE_KINDS

if TYPE_CHECKING:
    import datasets

STATUSES = ("ok", "error")
TABLES = tuple(SCHEMAS)  # documents, sentences, entities, directives

# (table, column) -> the closed set of values, in ClassLabel id order.
CLASS_LABELS: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "status"): STATUSES,
    ("sentences", "kind"): SENTENCE_KINDS,
    ("sentences", "deadline_type"): DEADLINE_TYPES,
    ("entities", "label"): ENTITY_LABELS,
    ("directives", "deadline_type"): DEADLINE_TYPES,
}

# Deadline classes that carry an ISO date (spec §3).
DATED_DEADLINE_TYPES = ("date", "period")

_NULLABLE_INTEGERS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_SPACES = re.compile(r"\s+")


class OutputDataset:
    """The four tables of one run (spec §7) and its manifest.

    `tables` are the Arrow tables as written; `documents`, `sentences`, `entities`, `directives`
    are pandas views of them, built on first use: dates are `datetime64`, integers nullable
    (`Int32`), list columns Python lists, closed-set columns categoricals.
    """

    def __init__(self, out_dir: Path, tables: dict[str, pa.Table], manifest: dict[str, Any]):
        self.out_dir = out_dir
        self.tables = tables
        self.manifest = manifest
        self._frames: dict[str, pd.DataFrame] = {}

    def __repr__(self) -> str:
        rows = ", ".join(f"{name}={table.num_rows}" for name, table in self.tables.items())
        return f"OutputDataset({str(self.out_dir)!r}, {rows})"

    def frame(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = to_pandas(name, self.tables[name])
        return self._frames[name]

    @property
    def documents(self) -> pd.DataFrame:
        return self.frame("documents")

    @property
    def sentences(self) -> pd.DataFrame:
        return self.frame("sentences")

    @property
    def entities(self) -> pd.DataFrame:
        return self.frame("entities")

    @property
    def directives(self) -> pd.DataFrame:
        return self.frame("directives")

    def to_datasets(self) -> datasets.DatasetDict:
        """The four tables as a `datasets.DatasetDict` with typed `Features` (see `features`)."""
        import datasets

        return datasets.DatasetDict({name: to_dataset(name, table) for name, table in self.tables.items()})


def load(out_dir: str | Path) -> OutputDataset:
    """Read the output folder of `python -m pipeline run ... --out OUT_DIR`."""
    out_dir = Path(out_dir)
    missing = [name for name in TABLES if not (out_dir / f"{name}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(f"{out_dir} is not a pipeline output folder: no {', '.join(missing)} parquet")
    tables = {name: pq.read_table(out_dir / f"{name}.parquet", schema=SCHEMAS[name]) for name in TABLES}
    for name, table in tables.items():
        check_closed_sets(name, table)
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    return OutputDataset(out_dir, tables, manifest)


def check_closed_sets(name: str, table: pa.Table) -> None:
    """Raise `ValueError` when a closed-set column holds a value outside its set (or a null)."""
    for (table_name, column), names in CLASS_LABELS.items():
        if table_name != name:
            continue
        values = table.column(column)
        unknown = pc.unique(pc.filter(values, pc.invert(pc.is_in(values, value_set=pa.array(names))))).to_pylist()
        if unknown or values.null_count:
            raise ValueError(f"{name}.{column}: values outside {names}: {unknown or [None]}")


def to_pandas(name: str, table: pa.Table) -> pd.DataFrame:
    frame = table.to_pandas(date_as_object=False, types_mapper=_NULLABLE_INTEGERS.get)
    for field in table.schema:
        if pa.types.is_list(field.type):
            frame[field.name] = [None if v is None else list(v) for v in frame[field.name]]
        names = CLASS_LABELS.get((name, field.name))
        if names:
            frame[field.name] = frame[field.name].astype(pd.CategoricalDtype(names))
    return frame



def features(name: str) -> datasets.Features:
    """`datasets.Features` of one table, from its Arrow schema: `ClassLabel` for closed sets,
    `List(Value("string"))` for lists, `Value("date32")` for dates, dicts for structs."""
    import datasets

    return datasets.Features({field.name: _feature(field.type, CLASS_LABELS.get((name, field.name)))
                              for field in SCHEMAS[name]})


def _feature(arrow_type: pa.DataType, class_names: tuple[str, ...] | None = None):
    import datasets

    if class_names:
        return datasets.ClassLabel(names=list(class_names))
    if pa.types.is_list(arrow_type):
        return datasets.List(_feature(arrow_type.value_type))
    if pa.types.is_struct(arrow_type):
        return {field.name: _feature(field.type) for field in arrow_type}
    return datasets.Value(str(arrow_type).removesuffix("[day]"))  # "date32[day]" -> "date32"


def to_dataset(name: str, table: pa.Table) -> datasets.Dataset:
    """One table as a `datasets.Dataset`; closed-set strings become `ClassLabel` ids."""
    import datasets

    feats = features(name)
    for (table_name, column), names in CLASS_LABELS.items():
        if table_name == name:
            ids = pc.index_in(table.column(column), value_set=pa.array(names))
            table = table.set_column(table.schema.get_field_index(column), column, ids)
    return datasets.Dataset(table.cast(feats.arrow_schema), info=datasets.DatasetInfo(features=feats))


def agency(name: str) -> str:
    """An assignee as a grouping key: white space collapsed, dashes unified (`Sở Lao động – Thương
    binh` and `Sở Lao động - Thương binh` are one agency); spelling and case are kept."""
    return _SPACES.sub(" ", _DASHES.sub(" - ", name)).strip()


def directives_per_agency(directives: pd.DataFrame, top: int | None = None) -> pd.Series:
    """Number of directives per assignee (a directive with two assignees counts for both)."""
    names = directives["assignees"].explode().dropna()
    counts = names.map(agency).value_counts()
    counts.index.name, counts.name = "agency", "directives"
    return counts.head(top) if top else counts


def dated_directives(directives: pd.DataFrame) -> pd.DataFrame:
    """Directives with an ISO deadline date (spec §3: `date` and `period`), earliest first."""
    return directives[directives["deadline_date"].notna()].sort_values(["deadline_date", "doc_id", "directive_id"])


def deadlines_over_time(directives: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Dated directives counted per deadline period (`freq` "M" month or "Y" year; rows, every
    period from the first to the last, empty ones 0) and deadline type (columns: date, period)."""
    dated = dated_directives(directives)
    periods = dated["deadline_date"].dt.to_period(freq).rename("period")
    counts = pd.crosstab(periods, dated["deadline_type"].astype(str))
    counts = counts.reindex(columns=list(DATED_DEADLINE_TYPES), fill_value=0)
    if counts.empty:
        return counts
    every_period = pd.period_range(counts.index.min(), counts.index.max(), freq=freq, name="period")
    return counts.reindex(every_period, fill_value=0)


def overdue(directives: pd.DataFrame, as_of: dt.date | str) -> pd.DataFrame:
    """Directives whose deadline date is before `as_of`, with `days_overdue`.

    The output says nothing about whether a task was done: "overdue" means "its deadline has passed".
    """
    as_of = pd.Timestamp(as_of)
    late = dated_directives(directives)
    late = late[late["deadline_date"] < as_of].copy()
    late["days_overdue"] = (as_of - late["deadline_date"]).dt.days
    return late
