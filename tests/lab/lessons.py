"""Run a lesson as a student does and keep what they see: every view and every frame.

Each lesson runs top to bottom in a fresh python3 kernel (nbclient, as "Run All" does).
A cell put before the lesson's first one records, after every cell (once the live views
have been redrawn): which tensors the notebook's names are bound to, and the picture each
view shows. A cell put after the last one collects every view and every player the
lesson made, and every frame of every player, both views, with its captions; every
picture is drawn by Graphviz from the DOT text the widget sent to the page, as the page
does.
What the kernel saw is written as JSON (``SEEN``) for the test to read.
"""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = ("zh", "en")
SEEN = ROOT / "artifacts" / "seen"   # git-ignored


def lessons():
    return sorted(p.stem for p in (NOTEBOOKS / "src").glob("*.py") if p.stem != "index")


# Runs first, in the kernel. Its post_run_cell hook moves itself behind the live views'
# own (registered by the lesson's %load_ext), so that it sees the pictures as redrawn.
RECORD = r'''
def _seen_recorder():
    import IPython
    from minigrad import Tensor
    shell = IPython.get_ipython()
    seen = {"cells": []}

    def after_cell(result):
        from minigrad.lab.live import refresh_all
        callbacks = shell.events.callbacks["post_run_cell"]
        if refresh_all in callbacks and callbacks.index(refresh_all) > callbacks.index(after_cell):
            callbacks.remove(after_cell)  # from the next cell on, after the views' redraw
            callbacks.append(after_cell)  # (this one, %load_ext's, has no views yet)
        import ipywidgets
        from minigrad.lab.live import LiveView
        from minigrad.lab.player import Player
        names = {name: id(value) for name, value in shell.user_ns.items()
                 if isinstance(value, Tensor) and not name.startswith("_")}
        widgets = {}
        for widget in list(ipywidgets.Widget.widgets.values()):
            if isinstance(widget, LiveView):
                widgets[str(id(widget))] = {"dot": widget.canvas.dot, "mark": widget.mark.value}
            elif isinstance(widget, Player):
                widgets[str(id(widget))] = {}
        seen["cells"].append({"count": result.execution_count, "names": names,
                              "widgets": widgets, "source": result.info.raw_cell[:200]})

    shell.events.register("post_run_cell", after_cell)
    return seen

_seen = _seen_recorder()
'''

# Runs last, in the kernel: every view and player as the student sees them now.
COLLECT = r'''
def _seen_collect(path):
    import gc, json
    import ipywidgets
    from minigrad import Tensor, viz
    from minigrad.lab.live import LiveView
    from minigrad.lab.player import Player
    tensors = {}
    for obj in gc.get_objects():
        if isinstance(obj, Tensor):
            tensors[str(id(obj))] = {"leaf": obj.is_leaf, "requires_grad": obj.requires_grad,
                                     "retains": obj.retains_grad}
    views, players = [], []
    for widget in list(ipywidgets.Widget.widgets.values()):
        if isinstance(widget, LiveView):
            views.append({"id": str(id(widget)), "lang": widget.lang, "dot": widget.canvas.dot,
                          "mark": widget.mark.value, "drawn_in": widget.drawn_in})
        elif isinstance(widget, Player):
            lang = widget.lang
            other = "en" if lang == "zh" else "zh"
            frames = []
            for view in ("dataflow", "autograd"):
                for frame in viz.Frames(widget.tape, view=view, at=widget.moment):
                    frames.append({"view": view, "index": frame.index, "kind": frame.kind,
                                   "svg": frame.svg(lang), "caption": frame.caption(lang),
                                   "other_caption": frame.caption(other)})
            players.append({"id": str(id(widget)), "lang": lang, "frames": frames})
    # the pages draw the DOT text with Graphviz: so does this, once for each text
    import graphviz
    drawn = {}
    for state in [view for view in views] + [w for cell in _seen["cells"]
                                             for w in cell["widgets"].values() if "dot" in w]:
        dot = state.pop("dot")
        if dot not in drawn:
            drawn[dot] = viz.to_svg(graphviz.Source(dot)) if dot else ""
        state["svg"] = drawn[dot]
    _seen["views"], _seen["players"], _seen["tensors"] = views, players, tensors
    with open(path, "w", encoding="utf-8") as file:
        json.dump(_seen, file, ensure_ascii=False)

_seen_collect(__SEEN_PATH__)
'''


def run(relative, timeout=600):
    """Run ``zh/01_forward.ipynb`` (relative to notebooks/) as a student; return what the
    kernel recorded (see the module's docstring), or raise with the failing cell."""
    import nbformat
    from nbclient import NotebookClient

    path = NOTEBOOKS / relative
    target = SEEN / relative.replace("/", "_").replace(".ipynb", ".json")
    target.parent.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RECORD))
    nb.cells.append(nbformat.v4.new_code_cell(COLLECT.replace("__SEEN_PATH__", repr(str(target)))))
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.loads(target.read_text(encoding="utf-8"))
