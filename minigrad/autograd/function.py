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
import re

import numpy as np

from .. import events
from ..language import hint
from ..tensor import Tensor, legacy_type_name
from .grad_mode import _GradMode

_sequence = itertools.count()
_NO_EDGE = (None, 0)


class Node:
    """One step of the backward pass. ``next_functions`` are the nodes of the inputs,
    as ``(node, output_nr)`` pairs, ``(None, 0)`` for inputs that need no gradient.

    Defaults live on the class, so making a node (once per op) costs almost nothing.

    What a drawing may read (methods, so that a ``ctx`` of yours may still use any
    attribute name; none of them runs an op): ``name()``, ``next_functions``,
    ``arguments()`` (forward's arguments: an ``Input`` for each tensor, the others as
    given), ``saved_values()`` (``Saved``: what was kept for backward), ``released()``
    (backward has freed it) and ``notation()`` (the op's mathematics, or None).
    """
    next_functions = ()
    sequence_nr = 0       # creation order: among ready nodes the newest runs first
    _pre_hooks = ()       # (output_nr, hook) pairs from Tensor.register_hook
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


class SavedOutput:
    """An op's own result kept for backward (``exp`` saves eˣ). It is stored without its
    ``grad_fn`` (the node itself) so that node and result don't keep each other alive;
    ``unpack`` reattaches it."""
    __slots__ = ("data", "requires_grad", "output_nr", "counter", "version")

    def __init__(self, tensor, output_nr):
        self.data = tensor._data
        self.requires_grad = tensor._requires_grad
        self.output_nr = output_nr
        self.counter = tensor._version_counter
        self.version = self.counter.value

    def unpack(self, node):
        if self.counter.value != self.version:
            raise RuntimeError(_modified_in_place_message(
                self.data, self.counter.value, self.version, node.name(), self.output_nr, node))
        t = Tensor._make(self.data, self.requires_grad)
        t._vc = self.counter
        if self.requires_grad:
            t._grad_fn, t._output_nr = node, self.output_nr
        return t


def _save(t, args, outputs):
    """What ``save_for_backward`` keeps: an input as ``(tensor, its version now, its
    grad_fn, its position among the arguments)`` — if the tensor is changed in place
    before backward uses it, the gradient would be computed from the wrong numbers, so
    ``_unpack`` raises instead."""
    if t is None:
        return None
    for nr, out in enumerate(outputs):
        if t is out:
            return SavedOutput(t, nr)
    position = next((i for i, a in enumerate(args) if a is t), None)
    return (t, t._vc.value if t._vc is not None else 0, t._grad_fn, position)


def _unpack(saved, node):
    if saved is None or type(saved) is SavedOutput:
        return saved and saved.unpack(node)
    t, version, producer, _ = saved
    now = t._vc.value if t._vc is not None else 0
    if now != version:
        raise RuntimeError(_modified_in_place_message(
            t._data, now, version, producer.name() if producer else None, t._output_nr, node))
    return t


def _modified_in_place_message(data, now, version, producer, output_nr, node):
    # PyTorch names the op that made the tensor without the "Backward0" suffix
    op = re.sub(r"Backward\d*$", "", producer or "")
    origin = f", which is output {output_nr} of {op}," if producer else ""
    return (f"one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: [{legacy_type_name(data.dtype)} {list(data.shape)}]{origin} is "
            f"at version {now}; expected version {version} instead. Hint: " + hint(
                f"{node.name()} needs the value this tensor had when it was used; use an "
                f"out-of-place operation (y = y + 1 instead of y += 1), or .clone() the tensor "
                f"before changing it.",
                f"{node.name()} 需要这个张量被使用时的值；请改用非就地操作（写 y = y + 1 而不是 "
                f"y += 1），或者在修改之前先 .clone() 一份。"))


class BackwardNode(Node):
    """The node (and ``ctx``) of a ``Function``: calls the Function's ``backward``."""
    _to_save = ()
    _saved = ()
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
        return tuple([_unpack(s, self) for s in self._saved])

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
        meta, plain = self._input_meta, iter(self._plain_args)
        positions = self._input_positions or range(len(meta))
        index = {p: i for i, p in enumerate(positions)}
        return tuple([Input(index[p], *meta[index[p]], self.next_functions[index[p]])
                      if p in index else next(plain)
                      for p in range(len(meta) + len(self._plain_args))])

    def saved_values(self):
        found = []
        for entry in self._saved:
            if type(entry) is SavedOutput:
                found.append(Saved("output", entry.output_nr, entry.data))
            elif entry is not None:
                tensor, _, _, position = entry
                found.append(Saved("other" if position is None else "input", position,
                                   tensor._data))
        return tuple(found)

    # -- used by the engine ------------------------------------------------------------
    def backward(self, *grads):
        return self._function.backward(self, *grads)

    def _release(self):
        self._saved = ()
        self._released = True


class Function:
    """Base class of every op. Subclasses define ``forward(ctx, *inputs)`` and
    ``backward(ctx, *grads)`` as static methods and are used through ``apply``.

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
            namespace = {"__module__": cls.__module__}
        else:  # a Function of yours: its node prints as PyTorch prints a custom node
            name = cls.__name__ + "Backward"
            namespace = {"__module__": "torch.autograd.function", "__repr__": object.__repr__}
        cls._Node = type(name, (BackwardNode,), {"_function": cls, **namespace})

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

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
        recording = False
        if _GradMode.enabled:
            needs = tuple([isinstance(a, Tensor) and a._requires_grad for a in args])
            recording = True in needs
            if recording:
                ctx.needs_input_grad = needs
            _GradMode.enabled = False  # what forward does inside is not part of the graph
            try:
                result = cls.forward(ctx, *args)
            finally:
                _GradMode.enabled = True
        else:
            result = cls.forward(ctx, *args)
        if type(result) is tuple:
            outputs = tuple([_as_output(r, args) for r in result])
        else:
            outputs = (_as_output(result, args),)
        if recording:
            _connect(ctx, args, outputs)
        return (outputs if type(result) is tuple else outputs[0]), (ctx if recording else None)


def _as_output(value, args):
    """Wrap what forward returned as a tensor. A result that is a view into an input's
    memory (``reshape``, ``x[0]``, ...) shares that input's version counter, so an
    in-place change through either one is noticed."""
    if type(value) is not np.ndarray:
        if isinstance(value, Tensor):
            return Tensor._alias(value) if any(value is a for a in args) else value
        return Tensor._make(np.asarray(value))  # reductions give NumPy scalars
    out = Tensor._make(value)
    owner = value.base
    if owner is not None:
        for a in args:
            if isinstance(a, Tensor) and (a._data is owner or a._data.base is owner):
                out._vc = a._version_counter
                out._base = a._base if a._base is not None else a
                out._view_version = out._vc.value
                break
    return out


def _connect(ctx, args, outputs):
    """Make ``ctx`` the ``grad_fn`` of the outputs and remember what backward needs."""
    edges = []
    meta = []
    positions = []  # where the tensors are among forward's arguments
    plain = []      # and the other arguments
    for position, a in enumerate(args):
        if not isinstance(a, Tensor):
            plain.append(a)
        else:
            positions.append(position)
            node = a._graph_node() if a._base is not None else a._grad_fn
            if node is not None:
                edges.append((node, a._output_nr))
            elif a._requires_grad:
                edges.append((a._accumulate_grad_node(), 0))
            else:
                edges.append(_NO_EDGE)
            data = a._data
            meta.append((data.shape, data.dtype))
    ctx.next_functions = tuple(edges)
    ctx._input_meta = tuple(meta)  # only shapes and dtypes: the cycle collector can skip it
    if plain:
        ctx._plain_args = tuple(plain)
        if positions != list(range(len(positions))):  # a number first: forward(ctx, k, x)
            ctx._input_positions = tuple(positions)
    ctx.sequence_nr = next(_sequence)
    if len(outputs) > 1:
        ctx._output_meta = [(out._data.shape, out.dtype) for out in outputs]
    skip = ctx._non_differentiable
    for nr, out in enumerate(outputs):
        if out._data.dtype.kind == "f" and not (skip and any(out is s for s in skip)):
            out._grad_fn, out._output_nr, out._requires_grad = ctx, nr, True
    if ctx._to_save:
        ctx._saved = tuple([_save(t, args, outputs) for t in ctx._to_save])
        del ctx._to_save  # the node must not keep the tensors alive once backward frees _saved


def once_differentiable(fn):
    """Accepted for compatibility with PyTorch code; minigrad needs nothing from it."""
    return fn


__all__ = ["Function", "Node", "BackwardNode", "AccumulateGrad", "once_differentiable"]
