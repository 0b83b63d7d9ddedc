"""The README's tour runs as written: its cells, in a fresh kernel, in order."""
import re

import pytest

from unix_kernels import notebook_client

from .conftest import REPO

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

WIDGET = "application/vnd.jupyter.widget-view+json"


def tour_cells():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A short tour", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", tour, re.S)


def test_the_tour_runs_and_shows_its_widgets(tmp_path):
    cells = tour_cells()
    assert len(cells) == 4
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook_client(notebook, timeout=120, kernel_name="python3",
                    resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for cell in notebook.cells for o in cell.outputs if o["output_type"] == "error"]
    assert not errors, errors
    shown = [[o for o in cell.outputs if WIDGET in o.get("data", {})] for cell in notebook.cells]
    assert [len(s) for s in shown] == [0, 1, 1, 0], "show(y) and %%trace each display a widget"
    feedback = "".join(o.get("data", {}).get("text/html", "") for o in notebook.cells[3].outputs)
    assert "Right" in feedback or "正确" in feedback, feedback
