"""The engine tells what it does, for whoever listens.

Every op, every step of the backward pass, every change to a ``.grad`` is announced
as an event. The step-through player replays them; ``trace()`` collects them:

>>> with minigrad.trace() as tape:
...     z = (x + y) * w
...     z.backward()
>>> [type(e).__name__ for e in tape]
['OpRan', 'OpRan', 'BackwardStarted', 'BackwardStep', 'GradAccumulated', ...]

When nobody listens, each announcement costs one check of an empty list. Events hold
references to the tensors and nodes involved; a ``trace()`` tape also freezes a copy of
every value an event mentions (``event.values``), so a later in-place change does not
rewrite history. A listener that only needs the structure (a live graph view) skips
the copies.
"""
import itertools
import sys

listeners = []
# True while the engine computes gradients without recording them (create_graph=False):
# the arithmetic inside each backward step is told by BackwardStep, not as ops.
ops_muted = False


def announce(event):
    for listener in list(listeners):
        listener(event)


def op_ran(function, inputs, output, node, inplace=False):
    """Announce ``OpRan``, unless it is the engine's own arithmetic (see ``ops_muted``)."""
    if not ops_muted:
        announce(OpRan(function, inputs, output, node, inplace))


def _copy(tensor):
    return None if tensor is None else tensor._data.copy()


class Event:
    """Base of all events. ``step`` numbers events in the order they happened;
    ``values`` holds frozen copies once a tape has recorded the event."""
    _counter = itertools.count()

    def __init__(self):
        self.step = next(Event._counter)
        self.values = None

    def freeze(self):
        """Copy the values this event mentions (called by ``trace()``)."""
        self.values = {}

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items()
                           if k not in ("step", "values"))
        return f"{type(self).__name__}({fields})"


class OpRan(Event):
    """An op computed ``output`` from ``inputs`` (tensors and plain numbers).

    ``function`` is the op (a ``Function`` subclass such as ``ops.Mul``); ``node`` is the
    output's ``grad_fn`` (None when nothing was recorded); ``inplace`` is True for
    ``x += 1``, ``x[i] = v``, ``x.grad.zero_()`` and friends (then ``output`` is the
    changed tensor itself). Frozen values: ``inputs`` (one per input, plain numbers kept
    as they are) and ``output``.
    """

    def __init__(self, function, inputs, output, node, inplace=False):
        super().__init__()
        self.function = function
        self.inputs = tuple(inputs)
        self.output = output
        self.node = node
        self.inplace = inplace

    def freeze(self):
        self.values = {"inputs": tuple(_copy(t) if hasattr(t, "_data") else t for t in self.inputs),
                       "output": _copy(self.output)}


class Detached(Event):
    """``result = source.detach()``: same values, no history; the gradient stops here."""

    def __init__(self, source, result):
        super().__init__()
        self.source = source
        self.result = result

    def freeze(self):
        self.values = {"result": _copy(self.result)}


class Checked(Event):
    """Python asked a one-element tensor for its truth value (``while b.norm() < 1000:``,
    ``if b.sum() > 0:``) and got ``result``. Such checks decide which ops run; they are not
    part of the graph. ``filename`` and ``line`` say where the check was written; ``names``
    holds the (name, tensor) pairs of that code's local variables at that moment, so that a
    drawing can call a loop's values by the names the program gave them."""

    def __init__(self, tensor, result, caller):
        super().__init__()
        self.tensor = tensor
        self.result = result
        self.filename = caller.f_code.co_filename
        self.line = caller.f_lineno
        self.names = tuple((name, value) for name, value in caller.f_locals.items()
                           if isinstance(value, type(tensor)))


def checked(tensor, result):
    """Announce ``Checked`` for ``bool(tensor)``, called from the code that asked."""
    announce(Checked(tensor, result, sys._getframe(2)))


class GradModeChanged(Event):
    """Recording was switched on or off (``no_grad``, ``enable_grad``)."""

    def __init__(self, enabled):
        super().__init__()
        self.enabled = enabled


class BackwardStarted(Event):
    """``backward()`` or ``autograd.grad()`` begins from ``roots`` with seed gradients
    ``grad_roots`` (1 for a scalar, else the ``gradient=`` argument)."""

    def __init__(self, roots, grad_roots, retain_graph, create_graph):
        super().__init__()
        self.roots = tuple(roots)
        self.grad_roots = tuple(grad_roots)
        self.retain_graph = retain_graph
        self.create_graph = create_graph

    def freeze(self):
        self.values = {"grad_roots": tuple(_copy(g) for g in self.grad_roots)}


class BackwardStep(Event):
    """The backward pass ran ``node``: ``grads_in`` (one per output of the op, the
    gradient arriving from later in the graph) and ``grads_out`` (one per entry of
    ``node.next_functions``, None where no gradient flows)."""

    def __init__(self, node, grads_in, grads_out):
        super().__init__()
        self.node = node
        self.grads_in = tuple(grads_in)
        self.grads_out = tuple(grads_out)

    def freeze(self):
        self.values = {"grads_in": tuple(_copy(g) for g in self.grads_in),
                       "grads_out": tuple(_copy(g) for g in self.grads_out)}


class GradAccumulated(Event):
    """A leaf's ``.grad`` went from ``before`` (None the first time) to ``after`` by
    adding ``incoming``; all three are copies taken at that moment."""

    def __init__(self, tensor, before, incoming, after):
        super().__init__()
        self.tensor = tensor
        self.before = before
        self.incoming = incoming
        self.after = after


class GradReset(Event):
    """A ``.grad`` was set by hand: ``x.grad = None`` or ``x.grad = g``."""

    def __init__(self, tensor, value):
        super().__init__()
        self.tensor = tensor
        self.value = value

    def freeze(self):
        self.values = {"value": _copy(self.value)}


class BackwardFinished(Event):
    """The backward pass is over; saved tensors were freed unless ``retain_graph``."""

    def __init__(self, retain_graph):
        super().__init__()
        self.retain_graph = retain_graph


class Tape(list):
    """The events recorded inside one ``with trace()`` block, in order."""

    def record(self, event):
        event.freeze()
        self.append(event)

    def of_type(self, kind):
        return [e for e in self if isinstance(e, kind)]


class trace:
    """Record every event that happens inside the block, with frozen values.

    >>> with minigrad.trace() as tape:
    ...     y = 2 * minigrad.dot(x, x)

    Given a matrix, ``minigrad.trace(A)`` is PyTorch's ``torch.trace(A)`` instead: the sum
    of A's diagonal (programs written for PyTorch call it so).
    """

    def __new__(cls, input=None):
        if input is not None:
            from .ops.linalg import trace as matrix_trace
            return matrix_trace(input)
        return super().__new__(cls)

    def __enter__(self):
        self.tape = Tape()
        listeners.append(self.tape.record)
        return self.tape

    def __exit__(self, *exc):
        listeners.remove(self.tape.record)
        return False
