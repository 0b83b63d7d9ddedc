"""Reading tensors and nodes without touching them: what a drawing, an inspector or a test
needs.

The attributes a program uses have side effects an observer must not cause: ``.grad`` of
a non-leaf warns, ``.grad_fn`` of a view changed through its base rebuilds the view's
node, ``.detach()`` announces an event. These functions read what is recorded, change
nothing, run no op and announce nothing. A node's methods ``arguments()`` and
``saved_values()`` (see ``Node`` in ``function.py``) are written here too.
"""
import numpy as np


def values(tensor):
    """The tensor's numbers as a read-only NumPy array (no copy)."""
    array = tensor._data.view()
    array.flags.writeable = False
    return array


def grad_of(tensor):
    """``tensor.grad`` (a Tensor or None), without the warning a non-leaf gives."""
    return tensor._grad


def grad_fn_of(tensor):
    """The node that made ``tensor`` as recorded (None for a leaf or a constant)."""
    return tensor._grad_fn


def accumulator_of(tensor):
    """The leaf's ``AccumulateGrad`` node while a graph uses it, else None."""
    ref = tensor._accumulator
    return ref() if ref is not None else None


class Input:
    """A tensor argument of an op, as its node remembers it: its place among the tensor
    inputs (``index``, also its entry in ``next_functions``: ``edge``), ``shape`` and NumPy
    ``dtype``. Not the tensor itself: a node must not keep its inputs alive."""
    __slots__ = ("index", "shape", "dtype", "edge")

    def __init__(self, index, shape, dtype, edge):
        self.index, self.shape, self.dtype, self.edge = index, shape, dtype, edge

    def __repr__(self):
        return f"Input({self.index}, shape={self.shape})"


class Saved:
    """A tensor an op kept for backward: ``kind`` is "input" (``index``: its position among
    forward's arguments), "output" (``index``: which output) or "other" (made inside
    forward); ``values`` are its numbers, a read-only NumPy array."""
    __slots__ = ("kind", "index", "values")

    def __init__(self, kind, index, values):
        self.kind, self.index = kind, index
        self.values = values.view()
        self.values.flags.writeable = False

    def __repr__(self):
        return f"Saved({self.kind!r}, {self.index}, shape={self.values.shape})"


def arguments(node):
    """Forward's arguments in order: an ``Input`` for each tensor, the others as given."""
    meta, plain = node._input_meta, iter(node._plain_args)
    positions = node._input_positions or range(len(meta))
    index = {p: i for i, p in enumerate(positions)}
    edges = node.next_functions
    return tuple([Input(index[p], *meta[index[p]], edges[index[p]]) if p in index else next(plain)
                  for p in range(len(meta) + len(node._plain_args))])


def saved_values(node):
    """What the node keeps for backward, as ``Saved`` entries (none once released)."""
    found = []
    for entry, at in zip(node._saved, node._saved_at):
        if type(entry) is SavedOutput:
            found.append(Saved("output", entry.output_nr, entry.data))
        elif entry is not None:  # a tensor, or a wrapped number's array (see _save)
            values = entry if type(entry) is np.ndarray else entry._data
            found.append(Saved("other" if at[1] is None else "input", at[1], values))
    return tuple(found)


# PyTorch names what an op saved after forward's argument: x.pow(2).grad_fn._saved_self is x,
# x.exp().grad_fn._saved_result is eˣ (a new tensor each time); minigrad's ops take their
# tensors in PyTorch's order, so the name says the position
_SAVED_POSITION = {"self": 0, "input": 0, "other": 1, "mat2": 1, "vec": 1, "tensor": 1,
                   "exponent": 1}


def saved_attribute(node, name):
    """``node._saved_<name>``: the tensor the op saved for that argument (None if it saved
    none because no gradient needed it), its result (``_saved_result``) or a setting it
    kept (``_saved_exponent`` of ``x ** 2``)."""
    argument = name[len("_saved_"):] if name.startswith("_saved_") else None
    if argument is None or name.startswith("_saved_at"):
        raise AttributeError(f"'{type(node).__name__}' object has no attribute '{name}'")
    kept = node.__dict__.get(argument)
    if kept is not None and not isinstance(kept, Tensor):
        return kept
    if not node._released and not node._saved:
        raise AttributeError(f"'{type(node).__name__}' object has no attribute '{name}'")
    tensors = node.saved_tensors  # raises the "backward through the graph a second time" error
    position = _SAVED_POSITION.get(argument)
    for i, (entry, at, tensor) in enumerate(zip(node._saved, node._saved_at, tensors)):
        if argument == "result" and type(entry) is SavedOutput and entry.output_nr == 0:
            return tensor
        if at is not None and at[1] == position:
            return tensor
        if entry is None and i == position:  # saved in forward's order, and only where a
            return None                      # gradient needs it (x * 2 keeps no x), as PyTorch
    raise AttributeError(f"'{type(node).__name__}' object has no attribute '{name}'")


from ..tensor import Tensor  # noqa: E402
from .function import Node  # noqa: E402  (loaded by function.py)
from .saved import SavedOutput  # noqa: E402
