"""How each leaf's ``.grad`` came to be, so that a check can ask how an answer was
obtained, not only what its values are.

The engine announces every backward pass, every step of it and every change to a
``.grad`` (``minigrad.events``). ``History`` listens and keeps, per leaf tensor, its
last few changes: "backward" (from which graph, through which ops the gradient reached
the leaf, with or without ``retain_graph``), "grad" (``x.grad = `` what
``torch.autograd.grad`` just computed for x), "set" (``x.grad = ...`` anything else, by
hand) or "cleared"; and the value the last change left, to tell whether ``.grad`` was
edited in place afterwards. It also counts the backward passes (``backward()`` or
``torch.autograd.grad``) that started and that reached each leaf, keeps what the last few
of them delivered to it, and knows the nodes a ``create_graph=True`` pass built — the
graph of a derivative that autograd, not a formula typed by hand, computed.

``minigrad.exercises`` starts one ``HISTORY`` when it is imported (the assignment's first
cell), so that ``check`` can see how the student's earlier cells made ``x.grad``; a
check that runs the student's function watches it with ``watching()``.
"""
import contextlib
import itertools
import weakref

import numpy as np

from .. import events
from ..autograd.function import AccumulateGrad

KEPT = 8  # changes (and deliveries) remembered per leaf
MAX_NODES = 100_000  # a graph is searched this far for a node a backward pass built


class History:
    def __init__(self):
        self._leaves = {}  # id(tensor) -> Leaf
        self._graphs = {}  # id(root node) -> [weak reference, its number]
        self._numbers = itertools.count(1)
        self._pass = None
        self.passes = 0  # backward passes started while this history listened
        self._built_by_backward = weakref.WeakSet()  # nodes made by create_graph=True passes

    def __call__(self, event):
        if isinstance(event, events.BackwardStarted):
            self.passes += 1
            self._pass = {"graph": self._graph(event.roots), "retain_graph": event.retain_graph,
                          "create_graph": event.create_graph, "reached": {}}
        elif isinstance(event, events.OpRan) and self._pass is not None:
            if self._pass["create_graph"] and event.node is not None:
                self._built_by_backward.add(event.node)
        elif isinstance(event, events.BackwardStep) and self._pass is not None:
            for (child, _), grad in zip(event.node.next_functions, event.grads_out):
                if type(child) is AccumulateGrad and grad is not None:
                    self._reached(child.variable, event.node.name(), grad._data)
        elif isinstance(event, events.GradAccumulated) and self._pass is not None:
            leaf = self._leaf(event.tensor)
            leaf.add({"how": "backward", **self._route(event.tensor)})
            leaf.left = event.after
        elif isinstance(event, events.GradReset):
            leaf = self._leaf(event.tensor)
            value = None if event.value is None else event.value._data
            if value is None:
                leaf.add({"how": "cleared"})
            elif leaf.deliveries and _same(value, leaf.deliveries[-1][0]):
                # x.grad = torch.autograd.grad(...): what autograd just computed for x
                leaf.add({"how": "grad", **leaf.deliveries[-1][1]})
            else:
                leaf.add({"how": "set"})
            leaf.left = value
        elif isinstance(event, events.BackwardFinished) and self._pass is not None:
            for key, (through, total) in self._pass["reached"].items():
                leaf = self._leaves.get(key)
                if leaf is not None:
                    leaf.reached += 1
                    leaf.deliveries.append((total, self._route_of(through)))
                    del leaf.deliveries[:-KEPT]
            self._pass = None

    def of(self, tensor):
        """Plain data: the leaf's changes, oldest first, whether its ``.grad`` still
        holds what the last change left there (False: edited since, in place), and how
        many backward passes reached it (``torch.autograd.grad`` ones too)."""
        leaf = self._known(tensor)
        if leaf is None:
            return {"changes": [], "unchanged_since": None, "reached": 0}
        grad = tensor._grad
        unchanged = (leaf.left is not None and grad is not None and _same(grad._data, leaf.left))
        return {"changes": [dict(c) for c in leaf.changes], "unchanged_since": unchanged,
                "reached": leaf.reached}

    def built_by_backward(self, tensor):
        """Does ``tensor``'s graph hold a node that a ``create_graph=True`` backward pass
        built? True for a derivative autograd computed (and what was computed from it),
        False for the same formula typed by hand."""
        seen, stack = set(), [tensor.grad_fn] if tensor.grad_fn is not None else []
        while stack and len(seen) < MAX_NODES:
            node = stack.pop()
            if node in seen:
                continue
            if node in self._built_by_backward:
                return True
            seen.add(node)
            stack.extend(child for child, _ in node.next_functions if child is not None)
        return False

    def delivered_from(self, leaf_tensor, root):
        """The gradients that backward passes started from ``root`` (its graph) delivered
        to ``leaf_tensor``, oldest first, as arrays."""
        leaf = self._known(leaf_tensor)
        entry = self._graphs.get(id(root.grad_fn)) if root.grad_fn is not None else None
        if leaf is None or entry is None or entry[0]() is not root.grad_fn:
            return []
        return [total for total, route in leaf.deliveries if route["graph"] == entry[1]]

    def _known(self, tensor):
        leaf = self._leaves.get(id(tensor))
        return leaf if leaf is not None and leaf.tensor() is tensor else None

    def _reached(self, tensor, op, grad):
        self._leaf(tensor)  # autograd.grad reaches leaves that get no GradAccumulated
        through, total = self._pass["reached"].get(id(tensor), (set(), None))
        through.add(op)
        total = np.array(grad, copy=True) if total is None else total + grad
        self._pass["reached"][id(tensor)] = (through, total)

    def _route(self, tensor):
        through, _ = self._pass["reached"].get(id(tensor), (set(), None))
        return self._route_of(through)

    def _route_of(self, through):
        return {"graph": self._pass["graph"], "retain_graph": bool(self._pass["retain_graph"]),
                "through": sorted(through)}

    def _leaf(self, tensor):
        leaf = self._known(tensor)
        if leaf is None:
            key = id(tensor)
            leaf = self._leaves[key] = Leaf(tensor, lambda _, k=key: self._leaves.pop(k, None))
        return leaf

    def _graph(self, roots):
        """A small number naming the graph a backward pass started from (its first root)."""
        node = getattr(roots[0], "grad_fn", None) if roots else None
        if node is None:
            return 0
        entry = self._graphs.get(id(node))
        if entry is None or entry[0]() is not node:
            reference = weakref.ref(node, lambda _, k=id(node): self._graphs.pop(k, None))
            entry = self._graphs[id(node)] = [reference, next(self._numbers)]
        return entry[1]


class Leaf:
    """What is known of one leaf: its last changes, the value the last one left in
    ``.grad``, how many backward passes reached it and what the last few delivered
    (the gradient, and from which graph: for ``x.grad = torch.autograd.grad(...)``)."""

    def __init__(self, tensor, forget):
        self.tensor = weakref.ref(tensor, forget)
        self.changes, self.left, self.deliveries, self.reached = [], None, [], 0

    def add(self, change):
        self.changes.append(change)
        del self.changes[:-KEPT]


def _same(a, b):
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


HISTORY = History()


def start():
    if HISTORY not in events.listeners:
        events.listeners.append(HISTORY)


@contextlib.contextmanager
def watching():
    """A history of its own for the block: what the student's function did."""
    history = History()
    events.listeners.append(history)
    try:
        yield history
    finally:
        events.listeners.remove(history)
