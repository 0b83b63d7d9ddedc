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
import functools
import itertools
import re

import numpy as np

from .. import events
from ..quiet import mute, unmute
from ..language import hint
from ..dtypes import legacy_type_name
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


def _save(ctx, args, outputs):
    """What ``save_for_backward`` keeps: each input tensor with its version now and its
    position among the arguments (if it is changed in place before backward uses it, the
    gradient would be computed from the wrong numbers, so ``_unpack`` raises instead);
    the op's own result as a ``SavedOutput``."""
    saved, at = [], []
    for t in ctx._to_save:
        if t is None:
            saved.append(None)
            at.append(None)
            continue
        if t._inference:  # it has no version counter that could prove it unchanged later
            raise RuntimeError(
                "Inference tensors cannot be saved for backward. Please do not use Tensors "
                "created in inference mode in computation tracked by autograd. To work around "
                "this, you can make a clone to get a normal tensor and use it in autograd, or "
                "use `torch.no_grad()` instead of `torch.inference_mode()`.")
        nr = 0
        for out in outputs:
            if t is out:
                saved.append(SavedOutput(t, nr))
                at.append(None)
                break
            nr += 1
        else:
            position = 0
            for a in args:
                if a is t:
                    break
                position += 1
            else:
                position = None  # a tensor made inside forward
            at.append((t._vc.value if t._vc is not None else 0, position))
            # the 2 of x * 2 (a wrapped number) no program can change in place: its array
            # is enough, and an array is no object the cycle collector scans
            saved.append(t._data if t._wrapped_number else t)
    at = tuple(at)
    ctx._saved, ctx._saved_at = tuple(saved), share(at, at)
    del ctx._to_save  # the node must not keep the tensors alive once backward frees _saved


def _unpack(saved, at, node):
    if type(saved) is SavedOutput:
        return saved.unpack(node)
    if type(saved) is np.ndarray:  # a wrapped number (see _save); a copy, so that writing
        return Tensor._make(saved.copy())  # into grad_fn._saved_other cannot change a gradient
    now = saved._vc.value if saved._vc is not None else 0
    if now != at[0]:  # PyTorch names the op that made the tensor as it is now
        producer = saved._grad_fn
        raise RuntimeError(_modified_in_place_message(
            saved._data, now, at[0], producer.name() if producer else None, saved._output_nr,
            node))
    return saved


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
        return tuple([None if s is None else _unpack(s, at, self)
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
            namespace = {"__module__": "builtins"}  # type(y.grad_fn): <class 'MulBackward0'>
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
            result = cls.forward(ctx, *args)
        finally:
            unmute(numpy_warnings)
            _GradMode.enabled = grad_enabled
            if listening:
                events.ops_muted = muted
        if type(result) is tuple:
            result = tuple([_as_output(r, args) for r in result])
            if recording:
                _connect(ctx, args, result)
        else:
            result = _as_output(result, args)
            if recording:
                _connect(ctx, args, (result,))
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
        _save(ctx, args, outputs)


def once_differentiable(backward):
    """For a ``backward`` written with plain NumPy (or otherwise not differentiable): it
    runs without recording, and if a second derivative is asked for through it, the
    error says so then, as in PyTorch, instead of a silently wrong answer."""
    @functools.wraps(backward)
    def wrapper(ctx, *grads):
        with no_grad():
            outputs = backward(ctx, *grads)
        if not (_GradMode.enabled and any(isinstance(g, Tensor) and g._requires_grad
                                          for g in grads)):
            return outputs
        # create_graph=True with a gradient that has history: hand back copies whose
        # grad_fn raises when the second backward reaches it
        single = not isinstance(outputs, tuple)
        outputs = (outputs,) if single else outputs
        tensors = [g.detach().requires_grad_() for g in outputs if isinstance(g, Tensor)]
        guarded = iter(_as_tuple(DelayedError.apply(*tensors)) if tensors else ())
        outputs = tuple(next(guarded) if isinstance(g, Tensor) else g for g in outputs)
        return outputs[0] if single else outputs
    return wrapper


def _as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


class DelayedError(Function):
    """The values unchanged; differentiating through them raises (once_differentiable)."""
    node_name = "Error"

    @staticmethod
    def forward(ctx, *tensors):
        values = tuple(t._data for t in tensors)
        return values if len(values) > 1 else values[0]

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError("trying to differentiate twice a function that was marked with "
                           "@once_differentiable")


__all__ = ["Function", "Node", "BackwardNode", "AccumulateGrad", "once_differentiable"]


from ..ops.inplace import alias, as_view, graph_node  # noqa: E402  (the ops are Functions: loaded last)
from . import graph  # noqa: E402  (what a drawing reads, written there)
