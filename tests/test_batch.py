"""Batch runs: same dataset whatever the batch size, workers or engine; streaming table inputs;
kill -9 and --resume; a real Dask LocalCluster with two worker processes."""

import json
import os
import signal
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.batch import BatchRun, PipelineSpec, iter_sources
from pipeline.dataset import SCHEMAS

from .conftest import RAW, ROOT

SUBSET = [RAW / "seeds", RAW / "hdnd_nghiquyet_tvpl_md"]
TABLES = sorted(SCHEMAS)


def run_cli(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def read_all(out):
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}


def assert_same_dataset(a, b):
    for name in TABLES:
        assert a[name].equals(b[name]), name


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    BatchRun(out, PipelineSpec(), batch_size=1000, workers=1).run(iter_sources(SUBSET))
    return read_all(out)


def test_same_dataset_whatever_batch_size_and_workers(reference, tmp_path):
    BatchRun(tmp_path / "a", PipelineSpec(), batch_size=7, workers=2).run(iter_sources(SUBSET))
    assert_same_dataset(reference, read_all(tmp_path / "a"))
    ids = reference["documents"].column("doc_id").to_pylist()
    assert ids == sorted(ids) and len(ids) == 96


def test_jsonl_and_parquet_rows_are_documents(tmp_path):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((RAW / "seeds").glob("*.txt"))}
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n"
                             for k, v in texts.items()) + '{"id": "bad", "text": ""}\n', encoding="utf-8")
    table = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"doc_id": [f"p_{k}" for k in texts], "text": list(texts.values())}), table,
                   row_group_size=2)
    out = tmp_path / "out"
    proc = run_cli(jsonl, table, "--out", out, "--workers", "1", check=False)
    assert proc.returncode == 1                      # the empty row is an error row, not a crash
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("doc_id")
    assert len(docs) == 11
    assert docs.loc["bad", "status"] == "error" and "no text" in docs.loc["bad", "error"]
    for k in texts:
        assert docs.loc[k, "text"] == docs.loc[f"p_{k}", "text"]   # same text, same cleaning
        assert docs.loc[k, "n_directives"] == docs.loc[f"p_{k}", "n_directives"]


def test_killed_run_resumes_to_the_same_dataset(reference, tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "pipeline", "run", *map(str, SUBSET), "--out", str(out),
           "--workers", "1", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = out / ".parts" / "done"
    deadline = time.time() + 60
    while time.time() < deadline and (not done.exists() or len(list(done.glob("*.json"))) < 5):
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished_before = len(list(done.glob("*.json")))
    assert 5 <= finished_before < 48, "the run must be killed in the middle"
    assert not (out / "documents.parquet").exists()
    result = run_cli(*SUBSET, "--out", out, "--workers", "1", "--batch-size", "2", "--resume")
    assert "96 documents, 96 ok" in result.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["batches_resumed"] >= finished_before
    assert_same_dataset(reference, read_all(out))
    assert not (out / ".parts").exists()


def test_resume_refuses_changed_inputs(tmp_path):
    out = tmp_path / "o"
    run = BatchRun(out, PipelineSpec(), batch_size=4)
    sources = iter_sources([RAW / "seeds"])
    run._prepare("fingerprint-of-another-run", resume=False)
    with pytest.raises(ValueError, match="differ from the interrupted run"):
        run.run(sources, resume=True)


def test_dask_local_cluster_gives_the_same_dataset(reference, tmp_path):
    pytest.importorskip("distributed")
    BatchRun(tmp_path / "dask", PipelineSpec(), batch_size=16, workers=2, engine="dask").run(iter_sources(SUBSET))
    assert_same_dataset(reference, read_all(tmp_path / "dask"))


def test_bench_scales_the_corpus_by_repetition():
    from pipeline.bench import scaled_sources
    sources = scaled_sources([str(RAW / "seeds")], 12)
    ids = [s.doc_id for s in sources]
    assert len(ids) == 12 == len(set(ids)) and ids == sorted(ids)
    assert "001_dcadee23f926a999~2" in ids
    assert {s.path for s in sources} == {str(p) for p in (RAW / "seeds").glob("*.txt")}
