"""Ops and their backward nodes: one mechanism for the built-in ops and for yours.

An op is a ``Function``: a ``forward`` that computes the result and a ``backward``
that turns the gradient of the result into gradients of the inputs. Running an op
with ``apply`` creates a *node* for the graph (the result's ``grad_fn``). The node is
also the ``ctx`` that ``forward`` writes to and ``backward`` reads from:

    class MyReLU(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x.clamp(min=0)

        @staticmethod
        def backward(ctx, grad):
            x, = ctx.saved_tensors
            return grad * (x > 0)

Every built-in op in ``minigrad/ops`` is written exactly like this.
"""
import itertools

import numpy as np

from .. import events
from ..quiet import mute, unmute
from ..tensor import Tensor, _RemovableHandle as RemovableHandle
from .grad_mode import _GradMode, no_grad

_sequence = itertools.count()


class Node:
    """One step of the backward pass. ``next_functions`` are the nodes of the inputs,
    as ``(node, output_nr)`` pairs, ``(None, 0)`` for inputs that need no gradient.

    Defaults live on the class, so making a node (once per op) costs almost nothing, and
    a node holds few objects of its own: the inputs' nodes in one tuple (``_next``), and
    what was saved. Its records of numbers (output numbers, shapes, versions) are shared
    between nodes (``share``). Python's cycle collector re-scans every object a program
    keeps, so a 100,000-op graph with few objects per op is a fast one.

    What a drawing may read (methods, so that a ``ctx`` of yours may still use any
    attribute name; none of them runs an op): ``name()``, ``next_functions``,
    ``arguments()`` (forward's arguments: an ``Input`` for each tensor, the others as
    given), ``saved_values()`` (``Saved``: what was kept for backward), ``released()``
    (backward has freed it) and ``notation()`` (the op's mathematics, or None).
    """
    _next = ()          # the inputs' nodes (None: no gradient flows there)
    _next_nrs = ()      # which output of each of those nodes the input was

    @property
    def next_functions(self):
        return tuple(zip(self._next, self._next_nrs))
    sequence_nr = 0       # creation order: among ready nodes the newest runs first
    _pre_hooks = ()       # (output_nr, hook) pairs from Tensor.register_hook; (None, hook)
                          # from register_prehook
    _post_hooks = ()      # hook(grad_inputs, grad_outputs) from register_hook
    _retained = None      # {output_nr: weakref} of tensors that called retain_grad()
    _output_meta = ()     # (shape, dtype) of each output when there are several
    _metadata = None

    @property
    def metadata(self):
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def name(self):
        return type(self).__name__

    def register_prehook(self, hook):
        """Call ``hook(grad_outputs)`` before this node's backward runs; a tuple it returns
        replaces the gradients the node receives."""
        return _add_hook(self, "_pre_hooks", (None, hook))

    def register_hook(self, hook):
        """Call ``hook(grad_inputs, grad_outputs)`` after this node's backward ran; a tuple
        it returns replaces the gradients the node passes on."""
        return _add_hook(self, "_post_hooks", hook)

    def __repr__(self):
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    def _release(self):
        """Free what the node holds for the backward pass (nothing, by default)."""

    def arguments(self):
        return ()

    def saved_values(self):
        return ()

    def released(self):
        return False

    def notation(self):
        return None


def _add_hook(node, where, entry):
    hooks = getattr(node, where)
    if not isinstance(hooks, list):  # the class's empty default: the node gets its own list
        hooks = list(hooks)
        setattr(node, where, hooks)
    hooks.append(entry)
    return RemovableHandle(hooks, entry)


class AccumulateGrad(Node):
    """The end of every path: adds the arriving gradient into a leaf's ``.grad``."""
    sequence_nr = float("inf")  # run as soon as it is ready, like PyTorch
    _input_meta = ()

    def __init__(self, variable):
        self.variable = variable

    @property
    def _pre_hooks(self):
        """A leaf's hooks live on the tensor: this node is rebuilt for every new graph."""
        return self.variable._hooks or ()


class BackwardNode(Node):
    """The node (and ``ctx``) of a ``Function``: calls the Function's ``backward``."""
    _to_save = ()
    _saved = ()
    _saved_at = ()
    _released = False
    _input_meta = ()          # (shape, NumPy dtype) of each tensor input, to check gradients
    _input_positions = None   # where the tensor inputs are among forward's arguments, when
                              # a number comes before a tensor (forward(ctx, k, x))
    _plain_args = ()          # forward's other arguments (an exponent, dims), in order
    _non_differentiable = ()
    needs_input_grad = ()
    materialize_grads = True

    # -- the ctx API used inside forward/backward ------------------------------------
    def save_for_backward(self, *tensors):
        self._to_save = tensors

    @property
    def saved_tensors(self):
        if self._released:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved "
                "tensors after they have already been freed). Saved intermediate values of the "
                "graph are freed when you call .backward() or autograd.grad(). Specify "
                "retain_graph=True if you need to backward through the graph a second time or "
                "if you need to access saved tensors after calling backward.")
        return tuple([None if s is None else unpack(s, at, self)
                      for s, at in zip(self._saved, self._saved_at)])

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tensors

    def set_materialize_grads(self, value):
        self.materialize_grads = bool(value)

    @property
    def function(self):
        """The op (``Function`` subclass) this node belongs to."""
        return self._function

    # -- what a drawing reads --------------------------------------------------------------
    def notation(self):
        return self._function.notation

    def released(self):
        return self._released

    def arguments(self):
        return graph.arguments(self)

    def saved_values(self):
        return graph.saved_values(self)

    def __getattr__(self, name):  # grad_fn._saved_self and friends, as in PyTorch
        return graph.saved_attribute(self, name)

    # -- used by the engine ------------------------------------------------------------
    def backward(self, *grads):
        return self._function.backward(self, *grads)

    def _release(self):
        self._saved = self._saved_at = ()
        self._released = True


class Function:
    """Base class of every op. Subclasses define ``forward(ctx, *inputs)`` and
    ``backward(ctx, *grads)`` as static methods and are used through ``apply`` (or, in
    PyTorch 2's style, ``forward(*inputs)`` and ``setup_context(ctx, inputs, output)``).

    ``forward`` may return NumPy arrays (the built-in ops do) or tensors. ``backward``
    returns one gradient per input of ``forward``, None where there is none, and is
    written with minigrad ops so that ``create_graph=True`` can differentiate it again.
    The node class is named after the op: ``node_name`` if given (the built-ins use
    PyTorch's names, e.g. ``MulBackward0``), else the class name plus ``Backward``.
    """
    node_name = None
    notation = None  # the op's mathematics for captions (see notation.py); yours may add one

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("node_name")
        if name is not None:
            namespace = {"__module__": "builtins"}  # type(y.grad_fn): <class 'MulBackward0'>
        else:  # a Function of yours: its node prints as PyTorch prints a custom node
            name = cls.__name__ + "Backward"
            namespace = {"__module__": "torch.autograd.function", "__repr__": object.__repr__}
        cls._Node = type(name, (BackwardNode,), {"_function": cls, **namespace})
        cls._with_setup_context = cls.setup_context is not Function.setup_context

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        """PyTorch 2's other way to write a Function: ``forward(*inputs)`` without ctx, and
        ``setup_context`` saves what backward needs from the inputs and the output."""
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError("You must implement the backward function for custom autograd.Function.")

    @classmethod
    def apply(cls, *args):
        result, node = cls._run(args)
        if events.listeners:
            for out in result if isinstance(result, tuple) else (result,):
                events.op_ran(cls, args, out, node)
        return result

    @classmethod
    def _run(cls, args):
        """Run forward and, if any input requires grad, connect the result to the graph.
        Returns the result and its node (None when nothing was recorded)."""
        ctx = cls._Node()
        grad_enabled = _GradMode.enabled
        recording = False
        if grad_enabled:
            needs = tuple([isinstance(a, Tensor) and a._requires_grad for a in args])
            if True in needs:
                recording = True
                ctx.needs_input_grad = share(needs, needs)
            _GradMode.enabled = False  # what forward does inside is not part of the graph
        # A custom forward's own ops (x.clamp(min=0) inside MyReLU) are not steps of a
        # recording either: apply announces the op as one step when it returns.
        listening = events.listeners
        if listening:
            muted, events.ops_muted = events.ops_muted, True
        numpy_warnings = mute()  # PyTorch gives inf and nan silently, NumPy would warn
        try:
            result = cls.forward(*args) if cls._with_setup_context else cls.forward(ctx, *args)
        finally:
            unmute(numpy_warnings)
            _GradMode.enabled = grad_enabled
            if listening:
                events.ops_muted = muted
        if type(result) is tuple:
            result = tuple([_as_output(r, args) for r in result])
            outputs = result
        else:
            result = _as_output(result, args)
            outputs = (result,)
        if cls._with_setup_context:
            with no_grad():
                cls.setup_context(ctx, args, result)
        if recording:
            _connect(ctx, args, outputs)
        return result, ctx if recording else None


def _as_output(value, args):
    """Wrap what forward returned as a tensor. A result that is a view into an input's
    memory (``reshape``, ``x[0]``, ...) shares that input's version counter, so an
    in-place change through either one is noticed (``inplace.py``)."""
    if type(value) is np.ndarray:
        out = Tensor._make(value)
        if value.base is not None:
            as_view(out, args)
        return out
    if isinstance(value, Tensor):
        return alias(value) if any(value is a for a in args) else value
    return Tensor._make(np.asarray(value))  # NumPy gives a scalar for a 0-d result


# Equal records of numbers (input shapes and dtypes, which inputs need a gradient, saved
# versions) are shared: a 100,000-op graph then holds a handful of them. Each record a node
# kept for itself would be a new object for Python's cycle collector, and the more new
# objects a program keeps, the more often the collector scans everything it holds (three
# full scans of a 100,000-op chain instead of seven, measured).
_records = {}
share = _records.setdefault  # share(record, record): the equal record kept, or this one


def _connect(ctx, args, outputs):
    """Make ``ctx`` the ``grad_fn`` of the outputs and remember what backward needs: for
    each tensor input its node (None if no gradient flows there), which output of that
    node it was, and its shape and dtype (a gradient must come back in them)."""
    nodes, nrs, meta = [], [], []
    plain = False
    for a in args:
        if isinstance(a, Tensor):
            node = a._grad_fn if a._base is None else graph_node(a)
            if node is None and a._requires_grad:
                node = a._accumulate_grad_node()
            nodes.append(node)
            nrs.append(a._output_nr)
            meta.append((a._data.shape, a._data.dtype))
        else:
            plain = True
    if len(_records) > 10_000:  # a program whose shapes keep changing: start over
        _records.clear()
    nrs, meta = tuple(nrs), tuple(meta)
    ctx._next, ctx._next_nrs, ctx._input_meta = tuple(nodes), share(nrs, nrs), share(meta, meta)
    if plain:  # numbers and settings too: remember them for a drawing
        ctx._plain_args = tuple([a for a in args if not isinstance(a, Tensor)])
        positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        if positions != list(range(len(positions))):  # a number first: forward(ctx, k, x)
            ctx._input_positions = tuple(positions)
    ctx.sequence_nr = next(_sequence)
    skip = ctx._non_differentiable
    nr = 0
    for out in outputs:
        if out._data.dtype.kind == "f" and not (skip and any(out is s for s in skip)):
            out._grad_fn, out._output_nr, out._requires_grad = ctx, nr, True
        nr += 1
    if nr > 1:
        ctx._output_meta = [(out._data.shape, out.dtype) for out in outputs]
    if ctx._to_save:
        save(ctx, args, outputs)


__all__ = ["Function", "Node", "BackwardNode", "AccumulateGrad", "once_differentiable"]


from ..ops.inplace import alias, as_view, graph_node  # noqa: E402  (the ops are Functions: loaded last)
from . import graph  # noqa: E402  (what a drawing reads, written there)
from .saved import save, unpack  # noqa: E402  (what save_for_backward keeps, and its checks)
from .once_differentiable import once_differentiable  # noqa: E402  (torch.autograd.function.once_differentiable)
