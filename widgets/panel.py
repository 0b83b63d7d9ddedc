"""What a live view and a player have in common: a clickable graph canvas, an inspector,
and the two switches (data-flow / autograd view, 中文 / English).

Subclasses say what to draw (``redraw``), what a clicked node is (``facts``) and what the
notebook keeps when no widget can show (``still``); drawing errors end up as a notice on
the canvas, so a widget never shows a traceback.
"""
import ipywidgets as widgets
import traitlets

from minigrad import viz
from minigrad.language import LANGUAGES

from . import export
from .canvas import GraphCanvas
from .errors import explain
from .inspector import Inspector
from .language import CHOICES, say

VIEWS = ("dataflow", "autograd")
CONTROL_WORDS = ("previous", "next", "play", "pause", "step", "speed", "failed")


class GraphPanel(widgets.VBox):
    lang = traitlets.Enum(LANGUAGES, default_value="en")
    view = traitlets.Enum(VIEWS, default_value="dataflow")

    def __init__(self, view, lang, player=False):
        self.canvas = GraphCanvas(player=player)
        self.inspector = Inspector(lang)
        self.view_toggle = widgets.ToggleButtons(options=_view_choices(lang), value=view)
        self.language_toggle = widgets.ToggleButtons(options=CHOICES, value=lang)
        for toggle in (self.view_toggle, self.language_toggle):
            toggle.style.button_width = "auto"
        self.toolbar = widgets.HBox([self.view_toggle, self.language_toggle])
        super().__init__(view=view, lang=lang)
        self._view_link = widgets.link((self.view_toggle, "value"), (self, "view"))
        widgets.link((self.language_toggle, "value"), (self, "lang"))
        self.canvas.observe(lambda _: self.inspect_selected(), "selected")
        self.canvas.observe(self._on_picture, "frames")
        self._relabel()
        self._on_picture(None)  # nothing drawn yet
        self.observe(self._on_language, "lang")
        self.observe(self._on_view, "view")

    def redraw(self):
        """Draw the graph again (subclasses know what to draw)."""
        raise NotImplementedError

    def facts(self, node_id):
        """What ``minigrad.viz.inspect`` says about the node ``node_id`` (subclasses)."""
        raise NotImplementedError

    def still(self):
        """``(digraph, words)``: the picture and the text a notebook keeps for readers
        without the widget (GitHub, nbviewer, an HTML export); subclasses."""
        raise NotImplementedError

    def inspect_selected(self):
        node_id = self.canvas.selected
        if not node_id:
            self.inspector.hint(self.lang)
            return
        try:
            self.inspector.describe(self.facts(node_id), self.lang)
        except Exception as exc:  # a node of a graph that changed since the click
            self.inspector.say(explain(exc, self.lang))

    def close(self):
        """Close the controls too, so the kernel forgets every part of this widget."""
        stack = list(self.children)
        while stack:
            part = stack.pop()
            stack.extend(getattr(part, "children", ()))
            part.close()
        super().close()

    def save_svg(self, path):
        """Write the graph on screen to ``path`` (for slides; needs Graphviz's ``dot``);
        returns a link to the file."""
        return export.write(path, export.svg_of(self.canvas.dot))

    def _repr_mimebundle_(self, **kwargs):
        """The widget, and beside it what a page without widgets shows instead: the
        picture as SVG (drawn by Graphviz's ``dot`` if installed) and as text."""
        bundle = super()._repr_mimebundle_(**kwargs)
        try:
            digraph, words = self.still()
        except Exception:  # the widget itself says what is wrong
            return bundle
        bundle["text/plain"] = words
        try:
            bundle["image/svg+xml"] = viz.to_svg(digraph)
        except Exception:  # no dot (or it failed): the text stands in for the picture
            pass
        return bundle

    def _relabel(self):
        self.canvas.words = {"lang": self.lang,  # the caption's fonts follow it (canvas.css)
                             **{key: say(key, self.lang, k="{k}", n="{n}", error="{error}")
                                for key in CONTROL_WORDS}}

    def _on_language(self, change):
        # New labels put a ToggleButtons back on its first choice: the view the student
        # chose is kept (unlinked meanwhile, so no picture of the other view is drawn)
        self._view_link.unlink()
        self.view_toggle.options = _view_choices(self.lang)
        self.view_toggle.value = self.view
        self._view_link = widgets.link((self.view_toggle, "value"), (self, "view"))
        self._relabel()
        self.guarded(self.redraw)
        self.inspect_selected()

    def _on_picture(self, change):
        """No picture (show(3), an empty recording): no nodes to click, so no inspector
        saying "click a node"."""
        self.inspector.layout.display = None if self.canvas.frames else "none"

    def _on_view(self, change):
        self.canvas.selected = ""  # the two views have different nodes
        self.guarded(self.redraw)

    def guarded(self, action):
        """Run ``action``; if it fails, say why on the canvas instead of raising."""
        try:
            action()
        except Exception as exc:  # the widget must keep working whatever the graph is
            self.canvas.show_notice(explain(exc, self.lang))


def _view_choices(lang):
    return [(say(view, lang), view) for view in VIEWS]
