"""Live graph views: ``show(z)`` draws the graph and keeps it current, true to its cell.

After every cell the notebook runs, each live view draws its graph again *if* something
changed: the DOT text is rebuilt (cheap, pure Python) and compared with the last one,
and only a different text goes to the browser, where Graphviz draws it. So
``z.backward()`` in a later cell makes the gradients appear in the picture of ``z``.

A picture stays true to the cell it stands under. The rule:

* it keeps the names it was drawn with (a box called ``u`` stays ``u``);
* after later cells it follows its tensors only as far as they stay what the cell drew:
  gradients that a backward pass *through this graph* adds are filled in, and a ``.grad``
  zeroed (``x.grad.zero_()``) or set by hand (``x.grad = None``) shows as it now is;
* the first later cell that rebinds a name the picture shows (``x = torch.arange(4.0)``),
  changes one of its tensors in place, or adds into a ``.grad`` it shows by the backward
  pass of *another* graph freezes it as it was before that cell, with a mark saying so:
  "Drawn in cell [3]. In cell [7], x was rebound, so this picture stays as it was."
  Switching the language or the view of a frozen picture redraws the same moment
  (``minigrad.viz.Moment``).

A view belongs to the cell that made it: when that cell runs again, its old views stop
updating (their output was cleared), so re-running cells does not pile up work.
"""
import html
import weakref
from collections.abc import Mapping

import ipywidgets as widgets
from IPython import get_ipython

from minigrad import Tensor, events, viz
from minigrad.autograd.graph import grad_fn_of
from minigrad.language import checked
from minigrad.viz.names import tensor_names

from .namespace import namespace_of_caller
from .panel import GraphPanel

_views = weakref.WeakSet()
_current_cell = {"id": None, "run": 0}

_NOT_A_TENSOR = {
    "zh": "show() 画的是张量的计算图，例如 show(z)；这里收到的 {value}（{kind}）不是张量。",
    "en": "show() draws the graph of tensors, e.g. show(z); {value} is of type {kind}, not a tensor.",
}
_NOTHING = {
    "zh": "show() 需要至少一个张量，例如 show(z)。",
    "en": "show() needs at least one tensor, e.g. show(z).",
}
_MARK = {
    "en": "Drawn in cell [{drawn}]{updated}. In cell [{cell}], {reason}, so this picture stays "
          "as it was.",
    "zh": "画于第 [{drawn}] 格{updated}。第 [{cell}] 格中 {reason}，所以这张图保持原样，不再更新。",
}
_UPDATED = {"en": " and updated up to cell [{cell}]", "zh": "，更新到第 [{cell}] 格"}
_REASONS = {
    "rebound": {"en": ("{names} was rebound", "{names} were rebound"),
                "zh": ("{names} 被重新赋值了",) * 2},
    "grad": {"en": ("{names} was changed by the backward pass of another graph",
                    "{names} were changed by the backward pass of another graph"),
             "zh": ("{names} 被另一张计算图的反向传播改变了",) * 2},
    "in_place": {"en": ("{names} was changed in place", "{names} were changed in place"),
                 "zh": ("{names} 被就地修改了",) * 2},
}


class LiveView(GraphPanel):
    """The graph of ``roots`` (tensors, or a ``trace()`` tape), redrawn when it changes,
    as long as it stays true to its cell (see the module's rule)."""

    def __init__(self, roots, names=None, view="dataflow", lang=None, max_nodes=300):
        self.roots = tuple(_flattened(roots))
        # where the student's names live (a notebook's globals): rebinding is seen there
        self.namespace = names if isinstance(names, Mapping) else None
        self.names = tensor_names(names if names is not None else {})  # as they are now
        self.max_nodes = max_nodes
        self.cell_id = _current_cell["id"]
        self.run = _current_cell["run"]
        self.drawn_in = self.updated_in = _execution_count()
        self.moment = None       # the names, values and gradients on screen
        self.frozen = None       # (cell, reason, names) once a later cell broke the picture
        self._source = None
        self.mark = widgets.HTML()
        self.mark.add_class("minigrad-frozen")
        self.mark.layout.display = "none"
        super().__init__(view, checked(lang))
        self.children = [self.toolbar, self.mark, self.canvas, self.inspector]
        self.add_class("minigrad-live")
        self.guarded(self.refresh)
        _views.add(self)

    def refresh(self):
        """Take the tensors as they are now and redraw if the graph, a value or a gradient
        changed; True if it did. A frozen picture does not follow its tensors any more."""
        if self.frozen is not None:
            return False
        problem = self._problem()
        if problem:
            self.canvas.show_nothing(problem)
            return False
        graph = self._model()
        self.moment = viz.Moment(graph, self.names)
        self.names = self.moment.names  # the names it was drawn with, from now on
        return self._draw(graph)

    def _draw(self, graph=None):
        """Draw ``graph`` (by default, built again) as of ``self.moment``."""
        digraph = self._digraph(graph)
        if digraph.source == self._source:
            return False
        self.canvas.show_dot(digraph.source)
        self._source = digraph.source
        self.inspect_selected()  # the inspector shows the new values too
        return True

    def still(self):
        if self._problem():
            return None, self._problem()
        graph = self._model()
        return self._digraph(graph), viz.to_text(graph, lang=self.lang, at=self.moment)

    def _model(self):
        return viz.model(*self.roots, view=self.view, names=self.names, max_nodes=self.max_nodes)

    def _digraph(self, graph=None):
        """The picture as of ``self.moment`` (of ``graph``, or the graph built again)."""
        return viz.draw(graph if graph is not None else self._model(), lang=self.lang,
                        at=self.moment)

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
        if self.frozen is not None and self.moment is not None:
            self._draw()  # the same moment, in the language or view now chosen
            self._show_mark()
        else:
            self.refresh()

    def facts(self, node_id):
        return viz.inspect(self.roots, node_id, self.lang, names=self.names, at=self.moment)

    def after_cell(self, cell, changes):
        """A later cell ran (``changes``: what it did, see ``CellChanges``): follow it, or
        freeze if it broke what this picture shows."""
        if self.frozen is not None or self.moment is None:
            return
        broken = self._broken_by(changes)
        if broken is None:
            if self.refresh():
                self.updated_in = cell
            return
        self.frozen = (cell, *broken)
        self._show_mark()

    def _broken_by(self, changes):
        """``(reason, names)`` if the cell rebound a name this picture shows, changed one of
        its tensors in place, or added into a ``.grad`` it shows by a backward pass that did
        not run through this graph; else None."""
        named = self.moment.named()
        rebound = [] if self.namespace is None else \
            [name for name, tensor in named if self.namespace.get(name) is not tensor]
        if rebound:
            return "rebound", rebound
        shown = {id(t): t for t in self.moment.tensors.values()}
        name_of = {id(tensor): name for name, tensor in named}
        changed = [t for key, t in shown.items() if key in changes.in_place]
        if changed:
            return "in_place", [name_of.get(id(t), "?") for t in changed]
        own = {id(grad_fn_of(r)) for r in self.roots
               if isinstance(r, Tensor) and grad_fn_of(r) is not None}
        touched = set()
        for ran, accumulated in changes.passes:
            if not ran & own:
                touched |= accumulated
        grads = [f"{name_of.get(key, '?')}.grad" for key in shown if key in touched]
        return ("grad", grads) if grads else None

    def _show_mark(self):
        cell, reason, names = self.frozen
        words = _REASONS[reason][self.lang]
        joined = _joined(names, self.lang)
        updated = "" if self.updated_in == self.drawn_in else \
            _UPDATED[self.lang].format(cell=_number(self.updated_in))
        text = _MARK[self.lang].format(drawn=_number(self.drawn_in), updated=updated,
                                       cell=_number(cell),
                                       reason=words[len(names) > 1].format(names=joined))
        self.mark.value = f'<div class="minigrad-notice">{html.escape(text)}</div>'
        self.mark.layout.display = None


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


class CellChanges:
    """What the running cell does to tensors, from the engine's events (ids only): the
    backward passes, with the grad_fn nodes each ran and the leaves whose ``.grad`` it
    grew, and the tensors changed in place."""

    def __init__(self):
        self.passes = []
        self.in_place = set()

    def __call__(self, event):
        kind = type(event)
        if kind is events.BackwardStarted:
            self.passes.append((set(), set()))
        elif kind is events.BackwardStep and self.passes:
            self.passes[-1][0].add(id(event.node))
        elif kind is events.GradAccumulated and self.passes:
            self.passes[-1][1].add(id(event.tensor))
        elif kind is events.OpRan and event.inplace:
            self.in_place.add(id(event.output))


_changes = {"now": None}  # the CellChanges of the cell running, while live views exist


def forget_cell(info):
    """A cell starts running: views an earlier run of it made are gone from the page, and
    what it does to tensors is watched (for the views of earlier cells)."""
    cell_id = getattr(info, "cell_id", None)  # None outside Jupyter (e.g. IPython in a terminal)
    _current_cell["id"] = cell_id
    _current_cell["run"] += 1
    if cell_id is not None:
        for view in list(_views):
            if view.cell_id == cell_id:
                _views.discard(view)
                view.close()
    if _views and _changes["now"] is None:
        _changes["now"] = CellChanges()
        events.listeners.append(_changes["now"])


def refresh_all(result=None):
    """Bring every live view up to date (IPython calls it after each cell): views of this
    cell are drawn as the cell left their tensors; views of earlier cells follow, or
    freeze, by the rule above."""
    changes, _changes["now"] = _changes["now"], None
    if changes is not None and changes in events.listeners:
        events.listeners.remove(changes)
    cell = getattr(result, "execution_count", None) or _execution_count()
    for view in list(_views):
        if view.run == _current_cell["run"] or changes is None:
            view.guarded(view.refresh)
        else:
            view.guarded(lambda: view.after_cell(cell, changes))


_HOOKS = (("pre_run_cell", forget_cell), ("post_run_cell", refresh_all))


def _execution_count():
    """The number Jupyter shows next to the running cell (``[3]``), or None."""
    shell = get_ipython()
    return getattr(shell, "execution_count", None)


def _number(count):
    return "?" if count is None else count


def _joined(names, lang):
    """``a and z`` / ``a、z``."""
    names = list(dict.fromkeys(names))
    if lang == "zh":
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


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
