"""notebooks/analysis.ipynb runs top to bottom on a fresh output of data/raw/ and shows its results."""

import re
import subprocess
import sys

import nbclient
import nbformat
import pytest

from .conftest import RAW, ROOT

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
REFERENCE_DATE = "2024-12-31"


@pytest.fixture(scope="module")
def raw_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebook") / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(RAW), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert (out / "directives.parquet").is_file(), proc.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def executed(raw_output, tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PIPELINE_OUT", str(raw_output))   # the kernel inherits the environment
        env.setenv("REFERENCE_DATE", REFERENCE_DATE)
        nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    path = tmp_path_factory.mktemp("executed") / "analysis.ipynb"
    nbformat.write(notebook, path)
    print(f"executed notebook: {path}")
    return notebook


def _outputs(notebook, kind: str) -> list[str]:
    """Every output of a MIME type ("image/png", "text/plain") or of the stdout stream ("stream")."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if kind == "stream" and output.output_type == "stream" and output.name == "stdout":
                found.append(output.text)
            elif kind in output.get("data", {}):
                found.append(output.data[kind])
    return found


def test_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_notebook_runs_and_plots(executed):
    code_cells = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code_cells)
    assert not [o for c in code_cells for o in c.outputs if o.output_type == "error"]
    assert len(_outputs(executed, "image/png")) >= 3   # types/labels, agencies, deadline timeline


def test_notebook_answers_the_questions(executed, raw_output):
    plain = "\n".join(_outputs(executed, "text/plain"))
    assert f"OutputDataset('{raw_output}'" in plain
    assert "ClassLabel(names=['ORG', 'PER', 'TITLE', 'LOC', 'DATE', 'DOC'])" in "\n".join(_outputs(executed, "stream"))
    overdue_line = re.search(rf"(\d+) of (\d+) directives have a deadline before {REFERENCE_DATE}",
                             "\n".join(_outputs(executed, "stream")))
    assert overdue_line and 0 < int(overdue_line[1]) < int(overdue_line[2])
