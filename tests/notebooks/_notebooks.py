"""Where the notebooks are, and how a test runs one as a student would."""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = ("zh", "en")
# Executed copies land here (git-ignored) so they can be rendered and read.
ARTIFACTS = ROOT / "artifacts" / "notebooks"


def lessons():
    """The lesson names, from their sources: ['01_forward', ...]."""
    return sorted(p.stem for p in (NOTEBOOKS / "src").glob("*.py") if p.stem != "index")


def every_notebook():
    """index.ipynb, then every lesson in zh, then in en, as paths relative to notebooks/."""
    return ["index.ipynb"] + [f"{lang}/{name}.ipynb" for lang in LANGUAGES for name in lessons()]


def read(relative):
    return json.loads((NOTEBOOKS / relative).read_text(encoding="utf-8"))


def execute(relative, timeout=120):
    """Run one notebook top to bottom in a fresh python3 kernel, from its own folder.

    Returns (error or None, texts written to stderr). The executed notebook is saved
    under artifacts/notebooks/ for reading."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = NOTEBOOKS / relative
    nb = nbformat.read(path, as_version=4)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet debugpy at start-up
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                            resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc)
    target = ARTIFACTS / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    stderr = [out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("name") == "stderr"]
    return error, stderr
