"""The graph canvas: a picture the student can click, or a player's frames.

A small anywidget: Python puts the graph's DOT text (for a player, every frame's DOT and
caption) into traitlets; ``canvas.js`` draws them in the browser with Graphviz compiled
to WebAssembly (``renderer.py``), steps through frames without asking the kernel, and
writes the step on screen and the id of a clicked node back into ``step`` and
``selected``, which views and players watch to fill their inspector.
"""
import anywidget
import traitlets
from ipywidgets import widget_serialization

from minigrad.language import get_language

from . import renderer
from .language import say
from .renderer import HERE


class GraphCanvas(anywidget.AnyWidget):
    _esm = renderer.script("graphviz.js", "canvas.js")
    _css = HERE / "canvas.css"

    renderer = traitlets.Instance(renderer.Renderer).tag(sync=True, **widget_serialization)
    """The page's Graphviz (one per kernel; the canvas only keeps a reference)."""
    frames = traitlets.List(traitlets.Dict()).tag(sync=True)
    """``[{"dot": ..., "caption": ..., "highlight": [node ids]}]``: what to draw. A live
    view has one frame; a player has every frame (or, for a very long recording, the
    frames from ``first`` on)."""
    first = traitlets.Int(0).tag(sync=True)
    """The step number of ``frames[0]``."""
    total = traitlets.Int(0).tag(sync=True)
    """How many steps there are in all (0: as many as ``frames``)."""
    step = traitlets.Int(0).tag(sync=True)
    """The step on screen; set by the Previous / Play / Next buttons in the page."""
    player = traitlets.Bool(False).tag(sync=True)
    """Show the caption and the Previous / Play / Next controls."""
    words = traitlets.Dict().tag(sync=True)
    """The controls' labels and messages, in the widget's language."""
    notice = traitlets.Unicode("").tag(sync=True)
    """A message shown above the graph: what went wrong and what to do."""
    selected = traitlets.Unicode("").tag(sync=True)
    """The id of the node the student clicked last ("" for none)."""

    def __init__(self, **kwargs):
        super().__init__(renderer=renderer.shared(), **kwargs)

    @property
    def dot(self):
        """The DOT text of the frame on screen ("" if there is none)."""
        index = self.step - self.first
        return self.frames[index]["dot"] if 0 <= index < len(self.frames) else ""

    def show_dot(self, dot):
        """One picture (a live view)."""
        with self.hold_sync():  # one message to the browser, not several
            self.frames = [{"dot": dot}]
            self.first = self.step = self.total = 0
            self.notice = ""

    def show_nothing(self, notice):
        """No picture, only ``notice`` (e.g. show(3): there is no graph to draw)."""
        with self.hold_sync():
            self.frames = []
            self.notice = notice

    def show_notice(self, notice):
        """Say ``notice`` above whatever is drawn (the last good picture stays)."""
        self.notice = notice


def picture(dot):
    """A canvas that shows one DOT text (``viz.draw(y)`` in a notebook without ``dot``)."""
    canvas = GraphCanvas(words={"failed": say("failed", get_language(), error="{error}")})
    canvas.show_dot(dot)
    return canvas
