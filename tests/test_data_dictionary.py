"""docs/dataset.md describes every column of the Arrow schemas (pipeline/dataset.py), in order, with
its type, a meaning and an example; closed-set columns list their values."""

import re

import pyarrow as pa
import pytest

from pipeline.analysis import CLASS_LABELS
from pipeline.dataset import SCHEMAS

from .conftest import ROOT

DICTIONARY = ROOT / "docs" / "dataset.md"


def type_name(arrow_type: pa.DataType) -> str:
    """The dictionary's spelling of an Arrow type: `date32`, `list<string>`, `struct<name: string, ...>`."""
    if pa.types.is_list(arrow_type):
        return f"list<{type_name(arrow_type.value_type)}>"
    if pa.types.is_struct(arrow_type):
        return "struct<" + ", ".join(f"{f.name}: {type_name(f.type)}" for f in arrow_type) + ">"
    if pa.types.is_floating(arrow_type):
        return f"float{arrow_type.bit_width}"  # Arrow prints float32 as "float"
    return str(arrow_type).removesuffix("[day]")


def dictionary_rows(table: str) -> list[dict[str, str]]:
    """The rows of the column table under `## {table}.parquet`."""
    text = DICTIONARY.read_text(encoding="utf-8")
    section = re.search(rf"^## {table}\.parquet\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert section, f"docs/dataset.md has no section '## {table}.parquet'"
    rows = []
    for line in section.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows.append(dict(zip(("column", "type", "meaning", "example"), cells)))
    return rows


def test_type_names():
    assert type_name(pa.date32()) == "date32"
    assert type_name(pa.float32()) == "float32"
    assert type_name(pa.list_(pa.string())) == "list<string>"
    assert type_name(SCHEMAS["documents"].field("chair").type) == "list<struct<name: string, title: string>>"


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_column_in_schema_order_with_its_type(table):
    documented = [(r["column"].strip("`"), r["type"]) for r in dictionary_rows(table)]
    assert documented == [(f.name, type_name(f.type)) for f in SCHEMAS[table]]


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_column_has_a_meaning_and_an_example(table):
    for row in dictionary_rows(table):
        assert len(row["meaning"]) >= 10, row
        assert row["example"].startswith("`") and len(row["example"]) > 2, row


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_closed_sets_are_marked_and_list_their_values(table):
    for row in dictionary_rows(table):
        values = CLASS_LABELS.get((table, row["column"].strip("`")))
        assert ("**closed**" in row["meaning"]) == bool(values), row["column"]
        for value in values or ():
            assert f"`{value}`" in row["meaning"], (row["column"], value)
