"""The graph canvas: an SVG drawing the student can click.

A small anywidget: Python puts the SVG (or, without Graphviz, a text drawing) into
traitlets; ``canvas.js`` shows it in the page and writes the id of a clicked node back
into ``selected``, which views and players watch to fill their inspector.
"""
import pathlib

import anywidget
import traitlets

from minigrad.viz.readable import with_min_width

HERE = pathlib.Path(__file__).parent


class GraphCanvas(anywidget.AnyWidget):
    _esm = HERE / "canvas.js"
    _css = HERE / "canvas.css"

    svg = traitlets.Unicode("").tag(sync=True)
    """The graph as an SVG document; node ids are those of ``minigrad.viz``."""
    text = traitlets.Unicode("").tag(sync=True)
    """A plain-text drawing, shown when there is no SVG (Graphviz missing)."""
    notice = traitlets.Unicode("").tag(sync=True)
    """A message shown above the graph: what went wrong and what to do."""
    selected = traitlets.Unicode("").tag(sync=True)
    """The id of the node the student clicked last ("" for none)."""
    current = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """The ids of the nodes of the step on screen (the player's highlight)."""

    def show_svg(self, svg, current=()):
        with self.hold_sync():  # one message to the browser, not four
            self.svg = svg_element(svg)
            self.current = list(current)
            self.text = ""
            self.notice = ""

    def show_text(self, text, notice=""):
        with self.hold_sync():
            self.svg = ""
            self.text = text
            self.notice = notice

    def show_notice(self, notice):
        """Say ``notice`` above whatever is drawn (the last good picture stays)."""
        self.notice = notice


def svg_element(svg):
    """The ``<svg>`` element alone (an XML prologue and doctype mean nothing inside HTML),
    with the ``min-width`` that keeps its text readable: a wider graph scrolls sideways in
    the canvas instead of shrinking (``minigrad.viz.readable``)."""
    start = svg.find("<svg")
    return with_min_width(svg[start:] if start > 0 else svg)
