"""notebooks/analysis.ipynb executed end to end on a fresh run over data/raw."""

import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from .conftest import RAW, ROOT


def test_analysis_notebook_runs_on_the_raw_output(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "pipeline", "run", str(RAW), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    notebook = nbformat.read(ROOT / "notebooks" / "analysis.ipynb", as_version=4)
    env = {**os.environ, "PIPELINE_OUT": str(out)}   # plots go through the kernel's inline backend
    client = NotebookClient(notebook, timeout=240, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute(env=env)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum(o.output_type == "display_data" and "image/png" in o.get("data", {}) for o in outputs) >= 3
    (tmp_path / "executed.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
