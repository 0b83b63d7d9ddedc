"""A notebook saved with its widgets' output shows the graphs where there are no widgets:
GitHub, nbviewer and `jupyter nbconvert --to html` show the picture each widget kept beside
itself (SVG when Graphviz's dot is installed, else the graph as text), not `LiveView(...)`."""
import shutil

import pytest
from browser import jupyter  # tests/browser/jupyter.py
from unix_kernels import notebook_client

nbformat = pytest.importorskip("nbformat")
nbconvert = pytest.importorskip("nbconvert")

CELLS = ["%load_ext minigrad\n"
         "import minigrad as torch\n"
         "from minigrad.lab import show\n"
         "x = torch.arange(4.0, requires_grad=True)\n"
         "y = 2 * torch.dot(x, x)\n"
         "show(y)",
         "%%trace\n"
         "z = (x * 3).sum()\n"
         "z.backward()"]
WIDGET = "application/vnd.jupyter.widget-view+json"


def test_a_saved_notebook_shows_its_graphs_without_widgets(tmp_path, monkeypatch):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook_client(notebook, timeout=120, kernel_name="python3",
                    resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = [output["data"] for cell in notebook.cells for output in cell.outputs
             if WIDGET in output.get("data", {})]
    assert len(shown) == 2  # the live view and the player
    for data in shown:
        assert "LiveView(" not in data["text/plain"] and "Player(" not in data["text/plain"]
        assert "x: [0., 1., 2., 3.]" in data["text/plain"]  # the graph, as text
        if shutil.which("dot"):
            assert data["image/svg+xml"].lstrip().startswith(("<?xml", "<svg"))
    # nbconvert's templates, also where a --system-site-packages venv's base install has them
    for variable, value in jupyter.base_jupyter_path().items():
        monkeypatch.setenv(variable, value)
    page, _ = nbconvert.HTMLExporter().from_notebook_node(notebook)
    assert "LiveView(" not in page and "Player(" not in page
    if shutil.which("dot"):
        assert page.count("<svg") >= 2 or page.count("data:image/svg+xml") >= 2
    else:
        assert "x: [0., 1., 2., 3.]" in page
