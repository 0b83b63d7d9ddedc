"""The graph model: what is drawn, before anyone decides how it looks.

Two layers:

* ``Value`` and ``Step``: what happened. A ``Value`` is what one tensor held at one
  time (an in-place ``x += 1`` gives ``x`` a second Value); a ``Step`` is one op that
  ran, with the Values it used and made. ``lineage.py`` finds them.
* ``Graph``, ``Node``, ``Edge``: what is drawn. Nodes have stable string ids, so the
  same tensor is the same node in every redraw and every frame of a player:

      t<id>      a tensor (its Python id; it cannot change while the tensor lives)
      op<id>     an op that made a graph node (keyed by its grad_fn), op-<value> otherwise
      f<id>      a grad_fn node of the autograd view (AccumulateGrad included)
      fold-<id>  a run of identical ops drawn as one node; more: the nodes left out
"""
import gc

from ..autograd.graph import grad_fn_of, values


class Value:
    """One value a tensor held: a variable node of the data-flow view.

    ``tensor`` is None for a value known only from the ``grad_fn`` graph (then
    ``shape`` and ``dtype`` come from the node's records). ``frozen`` holds the numbers
    as they were when a ``trace()`` recorded them; otherwise the tensor is read now.
    """
    __slots__ = ("key", "tensor", "shape", "dtype", "frozen", "step", "cut_from", "detached",
                 "grad_fn", "output_nr", "resolved", "former")

    def __init__(self, key, tensor=None, shape=(), dtype=None, frozen=None):
        self.key = key
        self.tensor = tensor
        self.shape = tuple(tensor.shape) if tensor is not None else tuple(shape)
        self.dtype = values(tensor).dtype if tensor is not None else dtype
        self.frozen = frozen
        self.step = None          # the Step that made it (None: a leaf or a constant)
        self.cut_from = None      # the Value it was detached from
        self.detached = False
        self.grad_fn = None       # for a value known only as output ``output_nr`` of a node
        self.output_nr = 0
        self.resolved = False     # step and cut_from have been looked up
        self.former = None        # after ``x += 1``: the tensor (x) whose earlier value this is

    @property
    def data(self):
        """The numbers to show (a NumPy array), or None if they are not known."""
        if self.frozen is not None:
            return self.frozen
        return None if self.tensor is None else values(self.tensor)

    @property
    def requires_grad(self):
        if self.tensor is not None:
            return self.tensor.requires_grad
        return self.grad_fn is not None

    @property
    def is_leaf(self):
        if self.tensor is not None:
            return grad_fn_of(self.tensor) is None and self.step is None
        return self.grad_fn is None


class Step:
    """One op that ran: ``outputs = function(*args)``.

    ``args`` are the op's arguments with a Value in place of each tensor; ``inputs`` the
    Values drawn as its inputs (tensors and the numbers that take part, like ``x ** 2``'s
    2); ``edges`` the Values of its tensor arguments, in the order of
    ``node.next_functions`` (so ``grads_out[i]`` of the backward pass goes to ``edges[i]``).
    """
    __slots__ = ("key", "function", "node", "args", "inputs", "edges", "outputs", "inplace",
                 "order", "saved_at")

    def __init__(self, key, function, node, inplace=False, order=0):
        self.key = key
        self.function = function
        self.node = node
        self.args = ()
        self.inputs = []
        self.edges = []
        self.outputs = []
        self.inplace = inplace
        self.order = order
        self.saved_at = None      # which arguments the op saved for backward, if history knows

    @property
    def node_name(self):
        if self.node is not None:
            return self.node.name()
        return self.function._Node.__name__ if self.function is not None else "?"


class Node:
    """A box or circle of the drawing.

    ``kind``: "variable", "operation" (data-flow view), "grad_fn" (autograd view),
    "fold" (a run of identical ops), "check" (an ``if``/``while`` test, see ``checks.py``)
    or "more" (what the cap left out).
    ``role`` of a variable says its colour: "leaf" (requires grad), "constant"
    (no gradient, detached included), "output", "result" (an intermediate) or "saved".
    """
    __slots__ = ("id", "kind", "role", "value", "step", "grad_fn", "count", "order",
                 "detached", "checks")

    def __init__(self, id, kind, role="", value=None, step=None, grad_fn=None, order=0):
        self.id = id
        self.kind = kind
        self.role = role
        self.value = value
        self.step = step
        self.grad_fn = grad_fn
        self.count = 1
        self.order = order
        self.detached = value is not None and value.detached
        self.checks = ()          # a "check" node: the tests it stands for (see checks.py)


class paused_gc:
    """Python's cycle collector off while a big graph is built: millions of short-lived
    objects and no cycles to find (the engine's backward pass does the same)."""

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was_enabled:
            gc.enable()


ROLE_PRIORITY = {"output": 4, "leaf": 3, "saved": 2, "result": 1, "constant": 0, "": 0}


class Edge:
    """``source -> target``; ``kind`` is "flow", "cut" (a detach: no gradient passes) or
    "saved" (a grad_fn node and a tensor it saved for backward)."""
    __slots__ = ("source", "target", "kind")

    def __init__(self, source, target, kind="flow"):
        self.source = source
        self.target = target
        self.kind = kind

    def __repr__(self):
        return f"Edge({self.source!r} -> {self.target!r}, {self.kind})"


class Graph:
    """Nodes by id (in the order found), edges, and the ids of the outputs."""

    def __init__(self, view):
        self.view = view
        self.nodes = {}
        self.edges = []
        self.roots = []
        self.total = 0            # nodes before the cap
        self.alias = {}           # id of a node folded away -> id of the node showing it
        self.truncated = False    # the walk stopped at its limit
        self.lineage = None       # where the values came from (for the inspector)
        self.local_names = {}     # value key -> the name a loop's code gave it ("b₃")
        self.short_names = {}     # value key -> "mul₃", shared by the labels of each language
        self.short_counts = {}
        self.check_steps = set()  # keys of the steps computed only for an if/while test

    def add(self, node):
        """Add ``node``, or return the one with its id (keeping the stronger role)."""
        known = self.nodes.get(node.id)
        if known is None:
            self.nodes[node.id] = node
            return node
        if ROLE_PRIORITY[node.role] > ROLE_PRIORITY[known.role]:
            known.role = node.role
        return known

    def connect(self, source, target, kind="flow"):
        self.edges.append(Edge(source, target, kind))

    def find(self, node_id):
        """The node drawn for ``node_id`` (folded ids lead to their fold), or None."""
        node_id = self.alias.get(node_id, node_id)
        return self.nodes.get(node_id)

    def neighbours(self, kinds=None):
        """``(into, out_of)``: for each node id, the ids of the nodes on its incoming and
        outgoing edges (of the given kinds, or all)."""
        into, out_of = {}, {}
        for edge in self.edges:
            if kinds is not None and edge.kind not in kinds:
                continue
            into.setdefault(edge.target, []).append(edge.source)
            out_of.setdefault(edge.source, []).append(edge.target)
        return into, out_of

    def ordered(self):
        """Nodes in the order the computation made them: Graphviz places earlier nodes to
        the left, so ``x`` comes before ``y`` and ``w`` as in the code."""
        return sorted(self.nodes.values(), key=lambda node: node.order)
