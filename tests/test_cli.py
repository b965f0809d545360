"""The stable command end to end: `python -m pipeline run INPUT... --out DIR`."""

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.dataset import SCHEMAS

from .conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def run_output(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("run")
    bad = tmp / "inputs"
    bad.mkdir()
    (bad / "empty_doc.txt").write_bytes(b"")
    (bad / "binary_doc.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(SEEDS), str(ROOT / "data/raw/daknong_gov_sites_ocr"
         / "krongno__img_12-TB_20190530041840169205.txt"), str(bad), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT)
    return proc, out


def test_exit_code_and_summary_report_failures(run_output):
    proc, _ = run_output
    assert proc.returncode == 1, proc.stderr
    assert "8 documents, 6 ok, 2 failed" in proc.stdout
    assert "file is empty" in proc.stderr and "binary" in proc.stderr


def test_every_input_file_has_a_documents_row(run_output):
    _, out = run_output
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    assert len(docs) == 8
    assert sorted(docs.doc_id) == list(docs.doc_id)            # ordered by doc_id
    errors = docs[docs.status == "error"].set_index("doc_id")
    assert set(errors.index) == {"empty_doc", "binary_doc"}
    assert errors.loc["empty_doc", "error"] == "cannot read file: file is empty"
    assert docs[docs.status == "ok"].text.str.len().min() > 1000


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_tables_have_the_explicit_schema(run_output, name):
    _, out = run_output
    table = pq.read_table(out / f"{name}.parquet")
    assert table.schema.equals(SCHEMAS[name], check_metadata=False)


def test_typed_columns(run_output):
    _, out = run_output
    schema = pq.read_schema(out / "directives.parquet")
    assert schema.field("assignees").type == pa.list_(pa.string())
    assert schema.field("deadline_date").type == pa.date32()
    assert pq.read_schema(out / "documents.parquet").field("issued_date").type == pa.date32()


def test_span_texts_match_document_text(run_output):
    _, out = run_output
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("doc_id")
    for name in ("sentences", "entities", "directives"):
        rows = pq.read_table(out / f"{name}.parquet").to_pandas()
        assert len(rows) > 0, name
        for r in rows.itertuples():
            assert docs.loc[r.doc_id, "text"][r.start:r.end] == r.text, (name, r.doc_id, r.text)


def test_manifest(run_output):
    _, out = run_output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == 8 and manifest["failed"] == 2
    assert manifest["rows"]["documents"] == 8
    assert manifest["processors"][0] == "clean"
    assert manifest["pipeline_version"]
    assert sum(manifest["entities_per_label"].values()) == manifest["rows"]["entities"]
