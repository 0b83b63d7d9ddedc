"""``minigrad.viz``: draw computational graphs, and step through how they were computed.

Plain Python plus the ``graphviz`` package (``pip install "minigrad-classroom[lab]"``) and
Graphviz's ``dot`` program. ``import minigrad`` never loads it.

    import minigrad as torch
    import minigrad.viz as viz

    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    viz.draw(y)                          # the data-flow view: boxes for tensors, circles for ops
    viz.draw(y, view="autograd")         # PyTorch's grad_fn graph, as torchviz draws it

    with torch.trace() as tape:
        y = 2 * torch.dot(x, x)
        y.backward()
    frames = viz.Frames(tape)            # forward steps, then backward steps
    frames[3].caption("zh"), frames[3].svg()

API
---
``draw(*objs, view="dataflow", names=None, highlight=(), max_nodes=300, lang=None, legend=True, at=None)``
    -> ``graphviz.Digraph`` (Jupyter shows it; ``.source`` is the DOT text, ``.render()``
    writes files). ``objs``: tensors, lists of tensors, ``trace()`` tapes, or a ``model()``.
    ``view``: ``"dataflow"`` (values and ops, as the chapter draws z = (x + y) * w) or
    ``"autograd"`` (grad_fn nodes, next_functions, AccumulateGrad with its leaf, saved
    tensors in orange: the same nodes and edges as ``torchviz.make_dot``).
    ``names``: a mapping name -> tensor (a whole namespace is fine, e.g. ``user_ns``);
    default: the caller's variables and IPython's ``user_ns``.
    ``highlight``: node ids drawn as the current step. ``lang``: ``"en"`` or ``"zh"``
    (None: ``get_language()``). ``at``: a ``Moment``: draw its names, values and
    gradients instead of the tensors' current ones. The DOT text is deterministic: it
    changes exactly when the graph, a value or a gradient changes.

    A loop's values are called by the names its code gave them, as a player of the same
    loop calls them (``b₁₀``: history remembers the names its ``if``/``while`` tests saw).

    A box shows what PyTorch has: ``x.grad = …`` for a leaf (``x.grad = None`` before the
    first backward), ``a.grad = … (retain_grad)`` for a non-leaf that called
    ``retain_grad()``, and no ``.grad`` for other intermediates (PyTorch keeps none).

Node ids (the DOT node name, and the SVG ``<g class="node" id="...">``) are stable: the
same tensor or op has the same id in every redraw and in every frame.

    t<n>        a tensor (also an earlier value of a tensor changed in place)
    op<n>       an op of the data-flow view (op-t<n> for an op run without a graph)
    f<n>        a grad_fn node of the autograd view (AccumulateGrad included)
    fold-<id>   a run of identical ops drawn as one node ("× 1,000")
    check-t<n>  an ``if``/``while`` test of a traced program, drawn as a dashed note
                ("checked: ‖b₃‖ < 1000 → true"); not part of the graph
    more        stands for the nodes left out past ``max_nodes``

SVG classes: ``variable`` plus its role (``leaf``, ``output``, ``result``, ``constant``,
``saved``), ``operation``, ``grad_fn``, ``fold``, ``check``, ``more``; ``current`` on
highlighted nodes.
So a node is ``<g id="t123" class="node variable leaf">``: select with ``g.node`` (CSS, JS
``closest("g.node")``) or a pattern like ``class="node[ "]``, not ``class="node"`` exactly.

``to_svg(digraph)`` -> str
    Runs ``dot``. Without it: ``DotNotFoundError`` (a RuntimeError) whose message names the
    install command for Debian/Ubuntu, macOS, conda and Windows; ``.messages`` has it in
    ``"en"`` and ``"zh"``.

``to_text(*objs, view=..., names=None, lang=None, max_nodes=300)`` or ``to_text(frame)`` -> str
    The same graph as readable text (the fallback without ``dot``).

``inspect(obj, node_id, lang=None, names=None, at=None)`` -> dict
    ``obj``: a ``Frame`` (values as they were at that step), tensors, or a tape. ``names``
    as for ``draw`` (give the same mapping as the picture, so that the inspector calls
    the tensors what the picture does; a Frame has its names already). Keys, when
    they apply: name, kind, op, grad_fn, shape, dtype, requires_grad, is_leaf, value,
    grad, arriving, formula (the local derivative along each edge, one per line: "∂z/∂a
    = w", "first factor: ∂y/∂(first x) = x"), saved, note. Strings
    are in ``lang``. An id not in the graph raises ``KeyError`` (with ``.messages``).
    ``grad`` only where PyTorch has a ``.grad``; in a backward frame an intermediate has
    ``arriving`` instead ("∂z/∂a = 4."). ``at``: as for ``draw``.

``Frames(tape, names=None, view="dataflow", max_nodes=300, at=None)``
    ``len(frames)``, ``frames[k]``, iteration, ``frames.inspect(k, node_id, lang=None)``.
    Frame *k* shows the graph after steps 0..k. A ``Frame`` has
    ``kind`` (one of ``KINDS``: "forward", "check", "detach", "zero", "reset", "start",
    "backward", "accumulate", "end"), ``highlight`` (tuple of node ids),
    ``caption(lang=None)`` (the arithmetic of the step, notation as in NOTATION.md:
    "a = x + y = 2 + 3 = 5"; "∂a/∂x = 1; ∂a/∂y = 1. With the incoming ∂z/∂a = 4: x gets
    ∂z/∂x = 1 × 4 = 4; y gets ∂z/∂y = 1 × 4 = 4"; "x.grad = [0, 4, 8, 12] + [1, 1, 1, 1]
    = [1, 5, 9, 13]"), ``svg(lang=None)`` (rendered once, then cached; thread-safe),
    ``digraph(lang=None)``, ``text(lang=None)``, ``inspect(node_id, lang=None)``.
    Control flow: the ops computed only for an ``if``/``while`` test make no frames of
    their own; the test is one "check" frame ('"while b.norm() < 1000" checks ‖b₁₀‖ =
    1280 < 1000: false, so the loop stops'). The steps of a folded run (a loop) are one
    frame forward and one backward, whose caption says what repeats. A loop's values are
    called by the names its code gave them (b₁, b₂, …); an unnamed value whose expression
    would nest more than two levels gets a short name from its op (mul₃).

``readable``: ``fits(svg)``, ``smallest_text_px(svg, width_px)``, ``min_width_px(svg)``:
    the rule that keeps a picture readable on a 1280 × 720 screen (text ≥ 10 px; wider
    pictures scroll sideways rather than shrink).

``history``
    ``history.enable()`` / ``disable()`` / ``enabled``: remember how each tensor was made
    (plain-number inputs, detach sources, values of intermediate results), so that
    ``draw(z)`` shows constants and detach cuts. Without it, ``draw`` rebuilds what the
    grad_fn graph knows. ``%load_ext minigrad`` switches it on.

``Moment(graph, names=None)``: the names, values and gradients of the tensors ``graph``
(a ``model()``) shows, copied now, so that the picture can be drawn again later exactly
as it was (``draw(..., at=moment)``); ``Frames(tape, at=moment)`` starts from the same
names and gradients as an earlier ``Frames`` of that tape.

``set_language("zh" | "en")`` / ``get_language()``: the default for every ``lang=None``.

``model(*objs, view=..., names=None, max_nodes=300, fold=True)`` -> ``Graph``: the
structure behind ``draw`` (``graph.nodes`` by id with ``kind`` and ``role``,
``graph.edges``), for tests and tools.

Errors about the arguments are ``GraphInputError`` (a TypeError) with ``.messages`` in
both languages; a bad ``view`` or ``max_nodes`` is a ValueError.
"""
from .. import events
from ..tensor import Tensor
from . import autograd_view, dataflow_view
from .checks import annotate
from .dot import Scene, to_digraph
from .errors import (DotNotFoundError, GraphInputError, not_drawable, nothing_to_draw,
                     unknown_node)
from .fold import cap, fold_runs
from .frames import KINDS, Frame, Frames
from .history import history
from .inspection import facts
from .labels import Labels
from ..language import checked, get_language, set_language
from .lineage import Lineage
from .model import Graph, paused_gc
from .moment import Moment
from .names import tensor_names
from .render import to_svg
from .text import graph_text

VIEWS = ("dataflow", "autograd")


def draw(*objs, view="dataflow", names=None, highlight=(), max_nodes=300, lang=None,
         legend=True, at=None):
    """The computational graph of tensors (or of a ``trace()`` tape, or a ``model()``) as
    a ``graphviz.Digraph``; Jupyter shows it as a picture. ``at``: a ``Moment``, whose
    names, values and gradients are drawn instead of the tensors' current ones."""
    lang = checked(lang)
    names = at.names if at is not None else tensor_names(names)
    graph = _build(objs, view, names, max_nodes, "draw")
    return to_digraph(graph, Labels(names, lang, graph), lang, _scene(graph, at, highlight),
                      legend)


def to_text(*objs, view="dataflow", names=None, lang=None, max_nodes=300, at=None):
    """The same graph as plain text (the fallback when Graphviz's ``dot`` is missing);
    ``to_text(frame)`` gives one frame of a player."""
    lang = checked(lang)
    if len(objs) == 1 and isinstance(objs[0], Frame):
        return objs[0].text(lang)
    names = at.names if at is not None else tensor_names(names)
    graph = _build(objs, view, names, max_nodes, "to_text")
    return graph_text(graph, Labels(names, lang, graph), lang, _scene(graph, at))


def inspect(obj, node_id, lang=None, names=None, at=None):
    """What the inspector shows about node ``node_id``: of a frame (with the values of that
    step), or of the graph of tensors / a tape (either view), as of ``at`` if given."""
    lang = checked(lang)
    if isinstance(obj, Frame):
        return obj.inspect(node_id, lang)
    names = at.names if at is not None else tensor_names(names)
    for view in VIEWS:
        graph = _build((obj,), view, names, 10 ** 9, "inspect")
        if graph.find(node_id) is not None:
            return facts(graph, node_id, Labels(names, lang, graph), lang, _scene(graph, at))
    raise unknown_node(node_id)


def _scene(graph, at, highlight=()):
    """What to show in the boxes: the tensors as they are now, or as they were ``at``."""
    if at is None:
        return Scene(highlight=highlight)
    grads, retained = at.apply(graph)
    return Scene(grads=grads, highlight=highlight, retained=retained)


def model(*objs, view="dataflow", names=None, max_nodes=300, fold=True):
    """The graph model behind ``draw`` (``Graph``: nodes with kinds and roles, edges),
    folded (unless ``fold=False``) and capped: for tests and tools that want the
    structure, not the picture."""
    return _build(objs, view, tensor_names(names), max_nodes, "model", fold)


def _build(objs, view, names, max_nodes, caller, fold=True):
    """The graph model of ``objs`` (tensors and tapes), folded and capped; a model
    already built (``draw(model(z))``) is drawn as it is."""
    if len(objs) == 1 and isinstance(objs[0], Graph):
        return objs[0]
    if view not in VIEWS:
        raise ValueError(f"{caller}(): view must be 'dataflow' or 'autograd', not {view!r}")
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"{caller}(): max_nodes must be a positive int, not {max_nodes!r}")
    with paused_gc():
        return _walk(objs, view, names, max_nodes, caller, fold)


def _walk(objs, view, names, max_nodes, caller, fold):
    lineage = Lineage(history, known=names.named())
    roots = []
    for position, obj in enumerate(_flattened(objs), 1):
        if isinstance(obj, Tensor):
            roots.append(lineage.value(obj))
        elif isinstance(obj, events.Tape):
            roots.extend(lineage.replay(obj))
        else:
            raise not_drawable(caller, position, obj)
    if not roots and not lineage.checks:
        raise nothing_to_draw(caller)
    labels = Labels(names, "en")
    is_named = lambda value: labels.name(value) is not None  # noqa: E731
    keep = names.ids() if fold else None
    if view == "dataflow":
        graph = dataflow_view.build(roots, lineage, keep=keep)
    else:
        graph = autograd_view.build([v.tensor for v in roots if v.tensor is not None], lineage,
                                    keep=keep)
    if fold:
        fold_runs(graph, is_named)
    annotate(graph, lineage, is_named)
    graph.lineage = lineage
    return cap(graph, max_nodes)


def _flattened(objs):
    """``draw(z)``, ``draw(y, z)``, ``draw([y, z])``: the objects to draw, one by one."""
    for obj in objs:
        if isinstance(obj, (list, tuple)) and not isinstance(obj, events.Tape):
            yield from obj
        else:
            yield obj


__all__ = ["draw", "to_svg", "to_text", "inspect", "model", "Moment", "Frames", "Frame", "KINDS",
           "history", "set_language", "get_language", "DotNotFoundError", "GraphInputError"]
