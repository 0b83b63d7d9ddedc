"""Live graph views: ``show(z)`` draws the graph and keeps it current.

After every cell the notebook runs, each live view draws its graph again *if* something
changed: the DOT text is rebuilt (cheap, pure Python) and compared with the last one,
and only a different text goes to the browser, where Graphviz draws it. So
``z.backward()`` in a later cell makes the gradients appear, and ``x.grad.zero_()``
makes them zeros again.

A view belongs to the cell that made it: when that cell runs again, its old views stop
updating (their output was cleared), so re-running cells does not pile up work.
"""
import weakref

from IPython import get_ipython

from minigrad import Tensor, events, viz
from minigrad.language import checked

from .namespace import namespace_of_caller
from .panel import GraphPanel

_views = weakref.WeakSet()
_current_cell = {"id": None}

_NOT_A_TENSOR = {
    "zh": "show() 画的是张量的计算图，例如 show(z)；这里收到的 {value}（{kind}）不是张量。",
    "en": "show() draws the graph of tensors, e.g. show(z); {value} is of type {kind}, not a tensor.",
}
_NOTHING = {
    "zh": "show() 需要至少一个张量，例如 show(z)。",
    "en": "show() needs at least one tensor, e.g. show(z).",
}


class LiveView(GraphPanel):
    """The graph of ``roots`` (tensors, or a ``trace()`` tape), redrawn when it changes."""

    def __init__(self, roots, names=None, view="dataflow", lang=None, max_nodes=300):
        self.roots = tuple(_flattened(roots))
        self.names = names
        self.max_nodes = max_nodes
        self.cell_id = _current_cell["id"]
        self._source = None
        super().__init__(view, checked(lang))
        self.children = [self.toolbar, self.canvas, self.inspector]
        self.add_class("minigrad-live")
        self.guarded(self.refresh)
        _views.add(self)

    def refresh(self):
        """Redraw if the graph, a value or a gradient changed; True if it did."""
        problem = self._problem()
        if problem:
            self.canvas.show_nothing(problem)
            return False
        digraph = self._digraph()
        if digraph.source == self._source:
            return False
        self.canvas.show_dot(digraph.source)
        self._source = digraph.source
        self.inspect_selected()  # the inspector shows the new values too
        return True

    def still(self):
        if self._problem():
            return None, self._problem()
        return self._digraph(), viz.to_text(*self.roots, view=self.view, names=self.names,
                                            lang=self.lang, max_nodes=self.max_nodes)

    def _digraph(self):
        return viz.draw(*self.roots, view=self.view, names=self.names, lang=self.lang,
                        max_nodes=self.max_nodes)

    def _problem(self):
        """What is wrong with the arguments of show(), for the student; "" if nothing."""
        if not self.roots:
            return _NOTHING[self.lang]
        for root in self.roots:
            if not isinstance(root, (Tensor, events.Tape)):
                return _NOT_A_TENSOR[self.lang].format(kind=type(root).__name__,
                                                       value=_short_repr(root))
        return ""

    def redraw(self):
        self._source = None
        self.refresh()

    def facts(self, node_id):
        return viz.inspect(self.roots, node_id, self.lang, names=self.names)


def show(*tensors, view="dataflow", names=None, lang=None, max_nodes=300):
    """Draw the computational graph of ``tensors`` and keep it current.

    >>> show(z)                      # the data-flow view, updated after every cell
    >>> show(z, view="autograd")     # PyTorch's grad_fn graph, as torchviz draws it
    >>> show(z).save_svg("z.svg")    # the same picture as a file, for slides

    Names (``x``, ``w``, ...) are the notebook's variable names unless ``names`` gives
    others (a dict name -> tensor).
    """
    if names is None:
        names = namespace_of_caller()
    shell = get_ipython()
    if shell is not None:  # live even if the notebook forgot %load_ext minigrad
        watch(shell)
    return LiveView(tensors, names=names, view=view, lang=lang, max_nodes=max_nodes)


def watch(shell):
    """Keep live views current after each cell of ``shell`` (calling it again is harmless)."""
    for event, callback in _HOOKS:
        if callback not in shell.events.callbacks[event]:
            shell.events.register(event, callback)


def unwatch(shell):
    for event, callback in _HOOKS:
        if callback in shell.events.callbacks[event]:
            shell.events.unregister(event, callback)


def refresh_all(result=None):
    """Bring every live view up to date (IPython calls it after each cell)."""
    for view in list(_views):
        view.guarded(view.refresh)


def forget_cell(info):
    """A cell starts running; views an earlier run of it made are gone from the page."""
    cell_id = getattr(info, "cell_id", None)  # None outside Jupyter (e.g. IPython in a terminal)
    _current_cell["id"] = cell_id
    if cell_id is None:
        return
    for view in list(_views):
        if view.cell_id == cell_id:
            _views.discard(view)
            view.close()


_HOOKS = (("pre_run_cell", forget_cell), ("post_run_cell", refresh_all))


def _flattened(roots):
    """``show(y, z)`` and ``show([y, z])`` alike, as ``viz.draw`` takes them (a tape is a
    list too, but one thing to draw)."""
    for root in roots:
        if isinstance(root, (list, tuple)) and not isinstance(root, events.Tape):
            yield from root
        else:
            yield root


def _short_repr(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
