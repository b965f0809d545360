"""`pipeline.load`: the output folder as pandas DataFrames and a typed `datasets.DatasetDict`;
the analysts' guide (README "For analysts") runs as written."""

import datetime as dt
import re

import datasets
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import load
from pipeline.analysis import (
    agency,
    deadlines_over_time,
    directives_per_agency,
    features,
    overdue,
)
from pipeline.dataset import SCHEMAS
from pipeline.doc import DEADLINE_TYPES, ENTITY_LABELS, SENTENCE_KINDS

from .conftest import ROOT
from .output_folder import write_output_folder

SEED_001 = "001_dcadee23f926a999"


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory, seed_docs):
    return write_output_folder(list(seed_docs.values()), tmp_path_factory.mktemp("load") / "out",
                               {"pipeline_version": "test"})


@pytest.fixture(scope="module")
def output(seed_output):
    return load(seed_output)


def _directive_with_deadline(frame: pd.DataFrame, deadline_text: str) -> pd.Series:
    rows = frame[(frame.doc_id == SEED_001) & (frame.deadline_text == deadline_text)]
    assert len(rows) >= 1, deadline_text
    return rows.iloc[0]


def test_load_reads_the_four_tables_and_the_manifest(output, seed_docs):
    assert len(output.documents) == len(seed_docs) == 5
    assert list(output.documents.doc_id) == sorted(seed_docs)
    assert len(output.directives) == sum(len(d.directives) for d in seed_docs.values())
    assert len(output.entities) == sum(len(d.entities) for d in seed_docs.values())
    assert output.manifest["pipeline_version"] == "test"
    assert repr(output).startswith("OutputDataset(") and "documents=5" in repr(output)


def test_pandas_types(output):
    directives, entities = output.directives, output.entities
    assert directives.deadline_date.dtype.kind == "M"                 # datetime64
    assert str(entities.sent_id.dtype) == "Int32"                    # nullable
    assert list(entities.label.cat.categories) == list(ENTITY_LABELS)
    assert list(directives.deadline_type.cat.categories) == list(DEADLINE_TYPES)
    assert list(output.sentences.kind.cat.categories) == list(SENTENCE_KINDS)
    assert list(output.documents.status.cat.categories) == ["ok", "error"]
    assert all(isinstance(a, list) for a in directives.assignees)
    assert isinstance(output.documents.set_index("doc_id").loc[SEED_001, "signer"], dict)


def test_pandas_values_on_seed_001(output):
    # 001: "- Tiếp thu ý kiến ... trình Trưởng Ban VSTBCPN tỉnh ban hành.
    #       **Hoàn thành trước ngày 10/02/2018.**"  under "1. Sở Lao động - Thương binh và Xã hội"
    row = _directive_with_deadline(output.directives, "trước ngày 10/02/2018")
    assert row.deadline_type == "date"
    assert row.deadline_date == pd.Timestamp("2018-02-10")
    assert row.assignees == ["Sở Lao động - Thương binh và Xã hội"]
    doc = output.documents.set_index("doc_id").loc[SEED_001]
    assert doc.text[row.start:row.end] == row.text
    assert doc.meeting_date == pd.Timestamp("2018-01-19")


def test_datasets_features(output):
    ds = output.to_datasets()
    assert isinstance(ds, datasets.DatasetDict)
    assert list(ds) == ["documents", "sentences", "entities", "directives"]
    assert ds["entities"].features["label"] == datasets.ClassLabel(names=list(ENTITY_LABELS))
    assert ds["sentences"].features["kind"] == datasets.ClassLabel(names=list(SENTENCE_KINDS))
    assert ds["documents"].features["status"] == datasets.ClassLabel(names=["ok", "error"])
    assert ds["directives"].features["assignees"] == datasets.Sequence(datasets.Value("string"))
    assert ds["directives"].features["deadline_date"] == datasets.Value("date32")
    assert ds["documents"].features["signer"] == {"name": datasets.Value("string"),
                                                  "title": datasets.Value("string")}
    assert ds["documents"].features["chair"] == datasets.List({"name": datasets.Value("string"),
                                                               "title": datasets.Value("string")})
    for name, table in output.tables.items():
        assert ds[name].num_rows == table.num_rows


def test_datasets_values_on_seed_001(output):
    ds = output.to_datasets()["directives"]
    i = int(_directive_with_deadline(output.directives, "trước ngày 10/02/2018").name)
    row = ds[i]
    assert row["deadline_date"] == dt.date(2018, 2, 10)
    assert ds.features["deadline_type"].int2str(row["deadline_type"]) == "date"
    assert row["assignees"] == ["Sở Lao động - Thương binh và Xã hội"]


def test_features_follow_the_arrow_schema():
    for name, schema in SCHEMAS.items():
        assert list(features(name)) == schema.names


def test_a_label_outside_the_spec_is_an_error(seed_output, tmp_path):
    for name in SCHEMAS:
        table = pq.read_table(seed_output / f"{name}.parquet")
        if name == "entities":
            labels = table.column("label").to_pylist()
            labels[0] = "MISC"
            table = table.set_column(table.schema.get_field_index("label"), "label", pa.array(labels))
        pq.write_table(table, tmp_path / f"{name}.parquet")
    with pytest.raises(ValueError, match="MISC"):
        load(tmp_path)


def test_a_folder_without_tables_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="documents"):
        load(tmp_path)


def _directives(rows: list[tuple[list[str], str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(rows))],
        "directive_id": list(range(len(rows))),
        "assignees": [r[0] for r in rows],
        "deadline_type": pd.Categorical([r[1] for r in rows], categories=DEADLINE_TYPES),
        "deadline_date": pd.to_datetime([r[2] for r in rows]),
    })


def test_directives_per_agency_unifies_dashes_and_spaces():
    frame = _directives([
        (["Sở Lao động – Thương binh và Xã hội"], "none", None),
        (["Sở Lao động-Thương binh  và Xã hội", "UBND tỉnh"], "none", None),
        ([], "none", None),
    ])
    counts = directives_per_agency(frame)
    assert counts.to_dict() == {"Sở Lao động - Thương binh và Xã hội": 2, "UBND tỉnh": 1}
    assert agency(" Sở Kế hoạch- Đầu tư ") == "Sở Kế hoạch - Đầu tư"


def test_overdue_and_deadlines_over_time():
    frame = _directives([
        (["Sở Nội vụ"], "date", "2018-01-30"),
        (["Sở Y tế"], "date", "2018-02-10"),
        (["Sở Tư pháp"], "period", "2018-03-31"),
        (["Sở Tài chính"], "urgent", None),
    ])
    late = overdue(frame, "2018-02-01")
    assert late.assignees.tolist() == [["Sở Nội vụ"]]
    assert late.days_overdue.tolist() == [2]
    per_month = deadlines_over_time(frame)
    assert [str(p) for p in per_month.index] == ["2018-01", "2018-02", "2018-03"]
    assert per_month.to_dict("list") == {"date": [1, 1, 0], "period": [0, 0, 1]}
    assert deadlines_over_time(frame, "Y").to_dict("list") == {"date": [2], "period": [1]}


# ---- the analysts' guide runs as written -------------------------------------------------------

def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def _section(markdown: str, heading: str) -> str | None:
    """The text under a `## heading`, up to the next heading of the same level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, flags=re.S | re.M)
    return match.group(1) if match else None


def test_analysts_guide_code_runs_as_written(seed_output, tmp_path, monkeypatch, capsys):
    source = "README.md"
    text = _section((ROOT / source).read_text(encoding="utf-8"), "For analysts")
    assert text is not None, "README.md has no 'For analysts' section"
    blocks = _python_blocks(text)
    assert blocks, f"no python code in {source}"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "raw").symlink_to(seed_output, target_is_directory=True)
    monkeypatch.chdir(tmp_path)  # the guide's paths are relative to the repository root
    for block in blocks:
        exec(compile(block, f"{source} python block", "exec"), {"__name__": "__guide__"})
    printed = capsys.readouterr().out
    assert "OutputDataset('out/raw'" in printed or source == "README.md"
