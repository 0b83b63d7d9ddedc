"""Reading tensors without touching them: what a drawing, an inspector or a test needs.

The attributes a program uses have side effects an observer must not cause: ``.grad`` of
a non-leaf warns, ``.grad_fn`` of a view changed through its base rebuilds the view's
node, ``.detach()`` announces an event. These functions read what is recorded, change
nothing, run no op and announce nothing. For nodes, see ``Node`` in ``function.py``
(``arguments()``, ``saved_values()``, ``released()``, ``notation()``).
"""


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
