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


def solved(relative):
    """The notebook ``relative`` as a student who got every exercise right: each answer
    cell (the bank's template) replaced by the teacher's solution."""
    return "solved:" + relative


def read(relative):
    return json.loads((NOTEBOOKS / relative).read_text(encoding="utf-8"))


def execute(relative, timeout=120):
    """Run one notebook top to bottom in a fresh python3 kernel, from its own folder
    (``solved:zh/...``: with every exercise answered by its solution), then every step's
    caption of every player it showed (``EVERY_FRAME``).

    Returns (error or None, texts written to stderr, the verdicts of the check() cells as
    text). The executed notebook is saved under artifacts/notebooks/ for reading."""
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from unix_kernels import notebook_client  # no TCP port to race another kernel for

    solve = relative.startswith("solved:")
    relative = relative.removeprefix("solved:")
    path = NOTEBOOKS / relative
    nb = nbformat.read(path, as_version=4)
    if solve:
        _fill_in_solutions(nb)
    nb.cells.append(nbformat.v4.new_code_cell(EVERY_FRAME))
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet debugpy at start-up
    client = notebook_client(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                             resources={"metadata": {"path": str(path.parent)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc)
    nb.cells.pop()  # the check below, not part of the lesson
    target = ARTIFACTS / ("solved" if solve else "") / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    stderr = [out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("name") == "stderr"]
    verdicts = [out["data"]["text/plain"] for cell in nb.cells
                if cell.cell_type == "code" and cell.source.startswith("check(")
                for out in cell.get("outputs", []) if "text/plain" in out.get("data", {})]
    return error, stderr, verdicts


# Run after the lesson's cells, in its kernel: a player draws only the frame on show, so a
# caption that fails on a later step would surface only when a student clicks there. Every
# player the lesson displayed (IPython keeps them in Out) gives every caption of both views.
EVERY_FRAME = """
from minigrad import viz as _viz
from minigrad.lab.player import Player as _Player
for _player in [_shown for _shown in Out.values() if isinstance(_shown, _Player)]:
    for _view in ("dataflow", "autograd"):
        for _frame in _viz.Frames(_player.tape, names=_player.names, view=_view):
            _frame.caption("zh"), _frame.caption("en")
"""


def _fill_in_solutions(nb):
    import sys
    sys.path.insert(0, str(ROOT))
    from minigrad.exercises import exercises
    from minigrad.grading.key import solutions as answer_key  # exercises/solutions/, outside the package

    key = answer_key()
    solutions = {e.template: key[e.id] for e in exercises()}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source in solutions:
            cell.source = solutions[cell.source]
