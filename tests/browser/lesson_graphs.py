"""Every graph the lessons show: each view and each player frame, in both views and both
languages, as the DOT text the widgets send to the browser.

The lessons' code cells run in an in-process IPython shell (as ``tests/lab`` does), one
lesson after the other; afterwards every live view and player the lesson made is asked
for its frames in both languages and both views.
"""
import json
import os
import sys

from .jupyter import REPO

VIEWS = ("dataflow", "autograd")
LANGUAGES = ("zh", "en")


def lesson_notebooks():
    """notebooks/index.ipynb and every lesson, in both languages."""
    folder = REPO / "notebooks"
    return [folder / "index.ipynb", *sorted(folder.glob("zh/*.ipynb")),
            *sorted(folder.glob("en/*.ipynb"))]


def harvest(notebooks):
    """``{dot text: "where it was seen"}`` for every frame of every widget the notebooks show."""
    main = sys.modules["__main__"]
    try:
        return _harvest(notebooks)
    finally:
        # the shell installs a __main__ of its own, without __spec__, on which the notebook
        # tests' spawned kernels fail (tests/conftest.py puts it back after each test, but
        # a module fixture's harvest runs before that test starts)
        sys.modules["__main__"] = main


def _harvest(notebooks):
    import ipywidgets
    from IPython.core.interactiveshell import InteractiveShell

    from minigrad.lab.panel import GraphPanel

    os.environ.setdefault("MPLBACKEND", "Agg")
    shell = InteractiveShell.instance()
    seen = {}
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        here = os.getcwd()
        os.chdir(path.parent)
        try:
            for cell in cells:
                if cell["cell_type"] == "code":
                    shell.run_cell("".join(cell["source"]))
        finally:
            os.chdir(here)
        name = path.relative_to(REPO / "notebooks")
        panels = [w for w in list(ipywidgets.widgets.widget._instances.values())
                  if isinstance(w, GraphPanel)]
        for number, panel in enumerate(panels):
            for view in VIEWS:
                for lang in LANGUAGES:
                    panel.view, panel.lang = view, lang
                    for frame in panel.canvas.frames:
                        seen.setdefault(frame["dot"], f"{name}, widget {number}, {view}, {lang}")
            panel.close()
        shell.reset(new_session=False)
    shell.run_cell("%unload_ext minigrad")
    return seen
