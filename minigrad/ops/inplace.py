"""In-place writes, and the views that must see them.

A view (``x[0]``, ``x.view(2, 2)``, ``x.detach()``) shares its base's memory, so both
share one version counter: every in-place write (``x += 1``, ``x[i] = v``, ``zero_()``)
counts +1, and a value an op saved for backward remembers the count it had then. If it
changed since, backward would compute with the wrong numbers, so it raises instead.

Written in place, a tensor takes the write's node as its ``grad_fn`` (``CopySlices`` for
``y[i] = v``). When the written tensor is a view, its base's history gets the write too
(``CopySlices`` on the base, wrapping the op: ``WriteThroughView``), and the view's
``grad_fn`` is rebuilt from the base's new history (``AsStridedBackward0``) the next time
it is used: PyTorch's rules. The pieces of ``split``/``chunk``/``unbind`` share one node,
so, as in PyTorch, they may not be written in place.
"""
import re

import numpy as np

from .. import dtypes, events, random
from ..autograd.function import Function
from ..autograd.grad_mode import _GradMode, no_grad
from ..autograd.notation import Local, Notation, Rule, index_text, number, ones, sum_to_shape, zeros
from ..creation import from_numpy, zeros_like
from ..language import hint
from ..quiet import warn
from ..tensor import Tensor, _dim
from .broadcasting import operand
from .arithmetic import Add, Div, Mul, Neg, Pow, Sub
from .elementwise import Clamp, Exp, MaskedFill, MaskedFillTensor, Relu
from .indexing import Index, IndexGrad, check_masks, is_advanced, normalize_index, placed
from .shape import (SqueezeDimInPlace, SqueezeDimsInPlace, SqueezeInPlace, Split, TInPlace,
                    TransposeInPlace, Unbind, UnsqueezeInPlace, _t_dims, expanded_shape, shape_text,
                    squeezing)


class VersionCounter:
    """Counts in-place changes to a block of memory, shared by all tensors that view it."""
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0


def bump_version(t):
    t._version_counter.value += 1


# -- views -----------------------------------------------------------------------------------
def alias(t):
    """A second tensor over ``t``'s memory (a view of it, or its detached twin)."""
    out = Tensor._make(t._data)
    out._vc = t._version_counter
    out._base = t._base if t._base is not None else t
    out._view_version = out._vc.value
    if out._inference is not t._inference:  # a view is what its base is
        out._inference = t._inference
    return out


def as_view(out, args):
    """If ``out``'s values are a view into an input's memory (``reshape``, ``x[0]``), make
    it share that input's version counter and base."""
    owner = out._data.base
    for a in args:
        if isinstance(a, Tensor) and (a._data is owner or a._data.base is owner):
            out._vc = a._version_counter
            out._base = a._base if a._base is not None else a
            out._view_version = out._vc.value
            if out._inference is not a._inference:
                out._inference = a._inference
            return


def graph_node(t):
    """``t.grad_fn``, rebuilt first if ``t`` is a view whose base was changed in place
    since: the view's values now come from the base's new history (AsStridedBackward0)."""
    base = t._base
    if (base is not None and base._grad_fn is not None
            and t._view_version != t._version_counter.value):
        if _one_of_several_views(t):
            raise RuntimeError(_several_views_message(
                t, "its base or another view of its base has been modified inplace"))
        view, _ = AsStrided._run((base, view_positions(t._data, base._data)))
        t._grad_fn, t._output_nr = view._grad_fn, 0
        t._requires_grad = view._requires_grad
        t._view_version = t._version_counter.value
    return t._grad_fn


def _one_of_several_views(t):
    """Is ``t`` one of the pieces of split, chunk or unbind? They share one node, so
    PyTorch refuses to rewrite the history of one piece alone."""
    return t._grad_fn is not None and issubclass(t._grad_fn.function, (Split, Unbind))


def _several_views_message(t, what):
    return (f"Output {t._output_nr} of {t._grad_fn.function.__name__} is a view and {what}. "
            f"This view is the output of a function that returns multiple views. Such functions "
            f"do not allow the output views to be modified inplace. You should replace the "
            f"inplace operation by an out-of-place one.")


def view_positions(view_array, base_array):
    """For each element of ``view_array``, its flat position in ``base_array`` (the
    view shares the base's memory, so the addresses tell)."""
    base = addresses(base_array).ravel()
    order = np.argsort(base, kind="stable")
    flat = order[np.searchsorted(base[order], addresses(view_array))]
    return np.unravel_index(flat, base_array.shape)


def addresses(a):
    """Where each element of the NumPy array ``a`` lies in memory."""
    offsets = np.full(a.shape, a.__array_interface__["data"][0], dtype=np.int64)
    for axis, (n, stride) in enumerate(zip(a.shape, a.strides)):
        step = [1] * a.ndim
        step[axis] = n
        offsets = offsets + (np.arange(n, dtype=np.int64) * stride).reshape(step)
    return offsets


# -- writing in place --------------------------------------------------------------------------
def check_inplace_allowed(t):
    if t._inference and not _GradMode.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can make "
            "a clone to get a normal tensor before doing inplace update.See "
            "https://github.com/pytorch/rfcs/pull/17 for more details.")
    if not _GradMode.enabled:
        return
    if t._requires_grad and t._grad_fn is None:
        raise RuntimeError(
            "a leaf Variable that requires grad is being used in an in-place operation. " + hint(
                "To update a parameter, wrap the update in `with torch.no_grad():` (as in "
                "w -= lr * w.grad). To compute with it, make a new tensor (v = w - 1): "
                "writing w = w - 1 would make w an intermediate result, no longer a leaf.",
                "更新参数时，把更新放进 `with torch.no_grad():` 中（如 w -= lr * w.grad）。"
                "要用它计算时，另建一个张量（v = w - 1）：写成 w = w - 1 会让 w 变成中间结果，"
                "不再是叶子节点。"))
    base = t._base
    if base is not None and base._requires_grad and base._grad_fn is None:
        raise RuntimeError(_view_of_leaf_message())
    if base is not None and _one_of_several_views(t):
        raise RuntimeError(_several_views_message(t, "is being modified inplace"))


def inplace(t, function, *args):
    """Compute ``function(t, *args)`` and store the result in ``t``'s memory.

    The op sees a copy of the old value, so it can save it for backward; ``t`` then takes
    over the op's node as its ``grad_fn``.
    """
    check_inplace_allowed(t)
    tracked = _GradMode.enabled and (t._requires_grad or any(
        isinstance(a, Tensor) and a._requires_grad for a in args))
    old = _snapshot(t) if tracked or events.listeners else t
    result, node = function._run((old,) + args)
    _write(t, result)
    if tracked:
        t._grad_fn, t._output_nr, t._requires_grad = result._grad_fn, 0, True
        if t._base is not None:
            _rebase_view(t, node, args)
    if events.listeners:
        events.op_ran(function, (old,) + args, t, node, inplace=True)
    return t


def _snapshot(t):
    """A copy of the current value that keeps ``t``'s place in the graph."""
    old = Tensor._make(t._data.copy(), t._requires_grad)
    old._grad_fn, old._output_nr = t._grad_fn, t._output_nr
    return old


def _write(t, result):
    if result._data.shape != t._data.shape:
        raise RuntimeError(
            f"output with shape {list(t._data.shape)} doesn't match the broadcast shape "
            f"{list(result._data.shape)}")
    if result.dtype.category > t.dtype.category:
        raise RuntimeError(
            f"result type {dtypes.SCALAR_TYPE_NAME[result.dtype]} can't be cast to the desired "
            f"output type {dtypes.SCALAR_TYPE_NAME[t.dtype]}")
    if not t._data.flags.writeable:
        raise RuntimeError(
            "unsupported operation: more than one element of the written-to tensor refers to "
            "a single memory location. Please clone() the tensor before performing the operation.")
    t._data[...] = result._data
    bump_version(t)


def _rebase_view(view, node, args):
    """After an in-place op (``node``, run with ``args``) changed a view, the base's history
    includes it: its new node is a ``WriteThroughView`` wrapping the op, as PyTorch's."""
    base = view._base
    view._view_version = view._version_counter.value  # its grad_fn (just set) is current
    positions = view_positions(view._data, base._data)
    before = Tensor._make(base._data, base._requires_grad)  # the base, keeping its history
    before._grad_fn, before._output_nr = base._grad_fn, base._output_nr
    new_base, _ = WriteThroughView._run((before, positions, InPlaceOp(node)) + args)
    base._grad_fn, base._output_nr, base._requires_grad = new_base._grad_fn, 0, True
    rebuilt, _ = AsStrided._run((base, positions))
    view._grad_fn = rebuilt._grad_fn


def _fill(t, value, function):
    """Set every element of ``t`` to ``value`` (a number already checked and typed)."""
    if _GradMode.enabled and (t._requires_grad or t._base is not None):
        return inplace(t, function, value)
    check_inplace_allowed(t)
    old = _snapshot(t) if events.listeners else None
    t._data[...] = value
    bump_version(t)
    if old is not None:
        events.op_ran(function, (old, value), t, None, inplace=True)
    return t


# -- the Tensor methods (installed by ops/__init__.py) ------------------------------------------
def zero_(self):
    return _fill(self, self._data.dtype.type(0).item(), Zero)  # 0 fits every dtype


def fill_(self, value):
    value = value.item() if isinstance(value, Tensor) else value
    return _fill(self, dtypes.fill_value(value, self.dtype).item(), Fill)  # as PyTorch checks


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    """Fill with normal random numbers of the given mean and standard deviation: the same
    numbers as PyTorch's after the same ``manual_seed`` (``randn`` is ``normal_(0, 1)``)."""
    mean, std = (a.item() if isinstance(a, Tensor) else a for a in (mean, std))
    dtype = random.floating(self.dtype, "normal_kernel_cpu")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    contiguous = self._data.flags.c_contiguous  # else PyTorch makes them one at a time
    values = random.normal_values(generator, self._data.size, dtype, mean, std, contiguous)
    return _fill(self, _in_memory_order(self._data, values), Normal)


def uniform_(self, *bounds, generator=None, **named):
    """Fill with uniform random numbers in [from, to) (``x.uniform_(-1, 1)``), the same
    numbers as PyTorch's after the same ``manual_seed``."""
    for name in named.keys() - {"from", "to"}:  # PyTorch's names: from and to
        raise TypeError(f"uniform_() got an unexpected keyword argument '{name}'")
    low = bounds[0] if bounds else named.get("from", 0.0)
    high = bounds[1] if len(bounds) > 1 else named.get("to", 1.0)
    low, high = (a.item() if isinstance(a, Tensor) else a for a in (low, high))
    dtype = random.floating(self.dtype, "check_uniform_bounds")
    if low > high:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={number(low)} > to={number(high)}")
    values = random.uniform_values(generator, self._data.size, dtype, low, high)
    return _fill(self, _in_memory_order(self._data, values), Uniform)


def _in_memory_order(data, values):
    """``values`` laid out in ``data``'s shape the way PyTorch writes random numbers into
    a tensor: in the order of memory, so a transposed view (x.t().normal_()) gets the
    numbers its base would."""
    if data.flags.c_contiguous:
        return values.reshape(data.shape)
    placed = np.empty(data.size, values.dtype)
    placed[np.argsort(addresses(data).ravel(), kind="stable")] = values
    return placed.reshape(data.shape)


def masked_fill_(self, mask, value):
    """``x[mask] = value`` in place (PyTorch records it as MaskedFillBackward0)."""
    mask = operand(mask, self)._data
    if isinstance(value, Tensor):
        return inplace(self, MaskedFillTensor, value, mask)
    return inplace(self, MaskedFill, mask, value)


def write_out(out, result, name):
    """``torch.add(x, y, out=z)``: the result written into z (resized if its shape differs,
    as PyTorch still does, with its warning). Not differentiable, as in PyTorch."""
    if _GradMode.enabled and (result._requires_grad or out._requires_grad):
        raise RuntimeError(f"{name}(): functions with out=... arguments don't support automatic "
                           f"differentiation, but one of the arguments requires grad.")
    if result.dtype.category > out.dtype.category:  # never down: float into int, int into bool
        raise RuntimeError(f"result type {dtypes.SCALAR_TYPE_NAME[result.dtype]} can't be cast "
                           f"to the desired output type {dtypes.SCALAR_TYPE_NAME[out.dtype]}")
    if out._data.shape != result._data.shape:
        if out._data.size:
            warn(f"An output with one or more elements was resized since it had shape "
                 f"{list(out._data.shape)}, which does not match the required output shape "
                 f"{list(result._data.shape)}. This behavior is deprecated, and in a future "
                 f"PyTorch release outputs will not be resized unless they have zero elements. "
                 f"You can explicitly reuse an out tensor t by resizing it, inplace, to zero "
                 f"elements with t.resize_(0).")
        out._data = np.empty(result._data.shape, dtype=out._data.dtype)
    out._data[...] = result._data
    bump_version(out)
    return out


def copy_(self, src):
    return inplace(self, CopyFrom, operand(src, self))


def setitem(self, key, value):
    """``y[i] = v``: write into part of the tensor; the graph records a CopySlices."""
    key = normalize_index(key)
    if isinstance(value, Tensor) and value._data.dtype != self._data.dtype:
        value = value.to(self.dtype)
    value = operand(value, self, dtype=self.dtype)
    if _GradMode.enabled and self._requires_grad and self._grad_fn is None:
        # PyTorch writes x[i] = v through a view of x, hence the wording
        raise RuntimeError(_view_of_leaf_message())
    check_inplace_allowed(self)
    if _GradMode.enabled and (self._requires_grad or value._requires_grad):
        inplace(self, IndexPut.for_key(key), value, key)
        return
    old = _snapshot(self) if events.listeners else None
    try:
        if (type(key) is np.ndarray and key.dtype == bool and key.shape == self._data.shape
                and value._data.ndim == 0):  # x[x < 0] = 0: NumPy's fast way of the same
            np.copyto(self._data, value._data, where=key)
        else:
            self._data[key] = value._data
    except ValueError:
        raise RuntimeError(_setitem_shape_message(self, key, value)) from None
    bump_version(self)
    if old is not None:
        events.op_ran(IndexPut.for_key(key), (old, value, key), self, None, inplace=True)


def add_(self, other, alpha=1):
    return inplace(self, Add, operand(other if alpha == 1 else other * alpha, self))


def sub_(self, other, alpha=1):
    return inplace(self, Sub, operand(other if alpha == 1 else other * alpha, self))


def mul_(self, other):
    return inplace(self, Mul, operand(other, self))


def div_(self, other):
    return inplace(self, Div, operand(other, self))


def pow_(self, exponent):
    return inplace(self, Pow, exponent)


def square_(self):
    return inplace(self, Pow, 2)


def clamp_(self, min=None, max=None):
    return inplace(self, Clamp, min, max)


def in_place(function, name):
    """``x.exp_()``, ``x.sin_()``, ...: ``function``'s result written into x (the node is the
    op's own, ExpBackward0, as in PyTorch)."""
    def run(self):
        return inplace(self, function)
    run.__name__ = run.__qualname__ = name
    return run


def reshaped(t, function, *args):
    """``x.unsqueeze_(0)`` and friends: x itself takes the new shape (a view of the same
    memory, one version more); in a graph its node is the in-place form's."""
    check_inplace_allowed(t)
    before = Tensor._make(t._data, t._requires_grad)  # t as it was, keeping its history
    before._grad_fn, before._output_nr = t._grad_fn, t._output_nr
    result, node = function._run((before,) + args)
    t._data = result._data
    bump_version(t)
    if result._grad_fn is not None:
        t._grad_fn, t._output_nr = result._grad_fn, 0
    if events.listeners:
        events.op_ran(function, (before,) + args, t, node, inplace=True)
    return t


def unsqueeze_(self, dim):
    return reshaped(self, UnsqueezeInPlace, _dim(dim, self._data.ndim + 1))


def squeeze_(self, dim=None):
    how, dims = squeezing(self, dim)
    return reshaped(self, (SqueezeInPlace, SqueezeDimsInPlace, SqueezeDimInPlace)[how], dims)


def transpose_(self, dim0, dim1):
    n = self._data.ndim
    return reshaped(self, TransposeInPlace, _dim(dim0, n), _dim(dim1, n))


def t_(self):
    return reshaped(self, TInPlace, *_t_dims(self, "t_()"))


def _view_of_leaf_message():
    return ("a view of a leaf Variable that requires grad is being used in an in-place "
            "operation. " + hint("Do the change under `with torch.no_grad():`, or work on a copy "
                                 "(y = x.clone(); y[0] = 1).",
                                 "把修改放进 `with torch.no_grad():` 中，或者在副本上修改"
                                 "（y = x.clone(); y[0] = 1）。"))


def _setitem_shape_message(target, key, value):
    """PyTorch's words: x[i] = v copies v into a view (an expand error); a mask or index
    list is an index_put (a broadcast error)."""
    slot = np.empty(target._data.shape, dtype=bool)[key].shape
    if not is_advanced(key):
        try:
            expanded_shape(value._data.shape, slot)
        except RuntimeError as error:
            return str(error)
    return (f"shape mismatch: value tensor of shape {list(value._data.shape)} cannot be broadcast "
            f"to indexing result of shape {list(slot)}")


# -- the ops of writing --------------------------------------------------------------------------
class IndexPut(Function):
    """out = x with ``out[key] = value``;  the gradient reaches x except at ``key``
    (those values were overwritten) and reaches ``value`` from ``key``"""
    node_name = "IndexPutBackward0"
    notation = Notation("[…]=", lambda args: f"{{0}}[{index_text(args[2])}] = {{1}}",
                        Rule(lambda args: f"{{g}}.index_put([{index_text(args[2])}], 0)",
                             lambda g, x, value, key, out: _overwritten(g, key)),
                        Rule(lambda args: f"{{g}}[{index_text(args[2])}].sum_to_size{shape_text(args[1].shape)}",
                             lambda g, x, value, key, out: sum_to_shape(g[key], value.shape),
                             local="1"))

    @staticmethod
    def forward(ctx, x, value, key):
        ctx.key = key
        out = x._data.copy()
        check_masks(out.shape, key)
        try:
            out[key] = value._data
        except ValueError:
            target = out[key].shape
            if not is_advanced(key):  # PyTorch copies into a view: expand's wording
                expanded_shape(value._data.shape, target)
            raise RuntimeError(
                f"shape mismatch: value tensor of shape {list(value._data.shape)} cannot be "
                f"broadcast to indexing result of shape {list(target)}") from None
        return out

    @staticmethod
    def backward(ctx, grad):
        kept = np.ones(grad._data.shape, dtype=grad._data.dtype)
        kept[ctx.key] = 0
        return grad * from_numpy(kept), Index.apply(grad, ctx.key), None

    @classmethod
    def for_key(cls, key):
        """PyTorch's name for the node. PyTorch writes through a view of y when the key
        has an int or a slice in it (``y[0] = v``, also ``y[0, [1, 2]] = v``): CopySlices.
        A mask or lists alone (``g[g > 0] = 0``) write into y itself: IndexPutBackward0."""
        parts = key if isinstance(key, tuple) else (key,)
        through_a_view = any(isinstance(k, int) and not isinstance(k, bool)
                             or isinstance(k, slice) and k != slice(None) for k in parts)
        return CopySlices if through_a_view or not is_advanced(key) else IndexPut


class CopySlices(IndexPut):
    node_name = "CopySlices"


class WriteThroughView(Function):
    """``v.mul_(3)`` where v is a view of y (``v = y[0]``): y's new node. Its backward runs
    the in-place op's own backward (``op``, MulBackward0) on y's gradient at v's elements;
    elsewhere y's gradient goes on to y's old value unchanged. Its inputs are y's old value
    and the op's other inputs, so ``next_functions`` reads as PyTorch's CopySlices."""
    node_name = "CopySlices"
    notation = Notation("[…]=", lambda args: _through_op_expression(args),
                        # y's old value, then the op's other tensors (add_(w): w; at most 3)
                        *(Rule(lambda args, i=i: _through_op_text(args, i),
                               lambda g, base, positions, op, *rest, i=i: _through_op(g, positions, op.node, i))
                          for i in range(4)), operands=1, infix=True)

    @staticmethod
    def forward(ctx, base, positions, op, *op_args):
        ctx.shape, ctx.positions, ctx.op = base._data.shape, positions, op.node
        return base._data.copy()

    @staticmethod
    def backward(ctx, grad):
        kept = np.ones(grad._data.shape, dtype=grad._data.dtype)
        kept[ctx.positions] = 0
        op_grads = _as_tuple(ctx.op.backward(Index.apply(grad, ctx.positions)))
        base_grad = grad * from_numpy(kept)
        if op_grads[0] is not None:  # the view's old values came from the base
            base_grad = base_grad + IndexGrad.apply(op_grads[0], ctx.shape, ctx.positions)
        return (base_grad, None, None) + op_grads[1:]


class InPlaceOp:
    """The node of the op that wrote into a view, as WriteThroughView's argument: a plain
    holder, so that a drawing reads it as a setting (``mul_``), not as a value."""
    __slots__ = ("node",)

    def __init__(self, node):
        self.node = node

    def __repr__(self):
        return _op_word(self.node) + "_"


def _as_tuple(grads):
    return grads if isinstance(grads, tuple) else (grads,)


def _op_word(node):
    """``mul`` for MulBackward0, ``masked_fill`` for MaskedFillBackward0: the in-place op
    as code names it."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", node.name().split("Backward")[0]).lower()


def _through_op_expression(args):
    """``y[…].mul_(w)``: what was written through the view, as code (``y[…] = v`` for a
    write into the view)."""
    op, rest = args[2].node, args[3:]
    if op.name() in ("CopySlices", "IndexPutBackward0"):  # v[i] = value: value is args[3]
        return "{0}[…] = {3}"
    parts = ["{%d}" % position if not _plain(a) else number(a) if isinstance(a, (int, float))
             else "…" for position, a in enumerate(rest, 3)]
    return f"{{0}}[…].{_op_word(op)}_({', '.join(parts)})"


def _through_op_text(args, i):
    op = _op_word(args[2].node)  # op′: the op's own backward, for its input i
    return f"{{g}}; {{g}}[…] ← {op}′₀({{g}}[…])" if i == 0 else f"{op}′{str(i).translate(_SUB)}({{g}}[…])"


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _through_op(g, positions, op, i):
    """The gradient WriteThroughView gives its input ``i``, in NumPy, by running the op's
    own backward (whichever op it was, its rule is its own)."""
    with no_grad():
        grads = _as_tuple(op.backward(from_numpy(np.ascontiguousarray(g[positions]))))
    if i > 0:  # the op's i-th tensor input
        tensors = [k for k, a in enumerate(op.arguments()) if not _plain(a)]
        grad = grads[tensors[i]]
        return 0.0 if grad is None else grad.numpy()
    out = np.array(g, dtype=float)
    out[positions] = 0 if grads[0] is None else grads[0].numpy()
    return out


def _plain(argument):
    """A setting or number among an op's arguments, not a tensor (which a node remembers
    as a graph.Input, a drawing as a value of its own)."""
    return argument is None or isinstance(argument, (int, float, tuple, list, slice, np.ndarray))


class AsStrided(Function):
    """A view rebuilt from its base after the view was changed in place."""
    node_name = "AsStridedBackward0"
    notation = Notation("view", "{0}",
                        Rule(lambda args: f"zeros{shape_text(args[0].shape)}[…] += {{g}}",
                             lambda g, base, positions, out: placed(g, base.shape, positions),
                             local="1"))

    @staticmethod
    def forward(ctx, base, positions):
        ctx.shape, ctx.key = base._data.shape, positions
        return base._data[positions]

    @staticmethod
    def backward(ctx, grad):
        return IndexGrad.apply(grad, ctx.shape, ctx.key), None


class Fill(Function):
    """Every element set to one number (``fill_``);  no gradient flows back"""
    node_name = "FillBackward2"  # PyTorch's name for fill_ with a number
    notation = Notation("fill", lambda args: f"fill({{0}}, {number(args[1])})", Local("0", zeros))

    @staticmethod
    def forward(ctx, x, value):
        return np.full_like(x._data, value)

    @staticmethod
    def backward(ctx, grad):
        return zeros_like(grad), None


class Zero(Fill):
    """Every element set to 0 (``zero_``);  no gradient flows back"""
    node_name = "ZeroBackward0"
    notation = Notation("zero", "{0}.zero_()", Local("0", zeros))


class Normal(Fill):
    """Every element replaced by a normal random number (``normal_``);  no gradient flows
    back"""
    node_name = "NormalBackward0"
    notation = Notation("normal", "{0}.normal_()", Local("0", zeros))


class Uniform(Fill):
    """Every element replaced by a uniform random number (``uniform_``);  no gradient
    flows back"""
    node_name = "UniformBackward0"
    notation = Notation("uniform", "{0}.uniform_()", Local("0", zeros))


class CopyFrom(Function):
    """``x.copy_(src)``: x takes src's values;  the gradient goes to src"""
    node_name = "CopyBackwards"
    notation = Notation("copy", "{0}.copy_({1})", Local("0", zeros),
                        Local("1", lambda x, src, out: ones(src)))

    @staticmethod
    def forward(ctx, x, src):
        return np.broadcast_to(src._data, x._data.shape).astype(x._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return zeros_like(grad), grad


def _overwritten(g, key):
    """``g`` with 0 where ``out[key] = value`` wrote over x."""
    kept = np.array(g, dtype=float)
    kept[key] = 0
    return kept
