"""Ops that move values around without computing new ones: reshape, transpose,
indexing, writing into a slice, joining tensors, changing dtype.

Their backward puts each gradient back where its value came from: a transpose is
undone by transposing, ``x[0]`` sends its gradient into row 0 of a zero tensor shaped
like ``x``.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule, index_text, number, ones, sum_to_shape, zeros
from ..creation import from_numpy, zeros_like
from ..dtypes import result_type
from ..tensor import Tensor, _dim
from .broadcasting import sum_to


# -- reshaping ------------------------------------------------------------------------
def infer_shape(shape, numel):
    """``reshape(2, -1)`` / ``reshape((2, -1))``: the full shape, -1 worked out."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    shape = tuple(int(s) for s in shape)
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = int(np.prod([s for s in shape if s != -1], dtype=np.int64))
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}: "
                               f"the other sizes must divide {numel}")
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}: the new "
                           f"shape must hold exactly {numel} elements")
    return shape


class View(Function):
    """The same values read in another shape (no copy);  the gradient is reshaped back"""
    node_name = "ViewBackward0"
    notation = Notation("view", lambda args: f"{{0}}.view{_shape(args[1])}",
                        Rule(lambda args: f"{{g}}.reshape{_shape(args[0].shape)}",
                             lambda g, x, shape, out: np.reshape(g, x.shape), local="1"))

    @staticmethod
    def forward(ctx, x, shape):
        ctx.shape = x._data.shape
        try:
            return x._data.reshape(shape, copy=False)
        except ValueError:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead.") from None

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class UnsafeView(View):
    node_name = "UnsafeViewBackward0"


class Clone(Function):
    """A copy in new memory;  the gradient passes through unchanged"""
    node_name = "CloneBackward0"
    notation = Notation("clone", "{0}.clone()", Local("1", ones))

    @staticmethod
    def forward(ctx, x):
        return x._data.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


class Alias(Clone):
    """``x[...]``: the same tensor under another name"""
    node_name = "AliasBackward0"
    notation = Notation("alias", "{0}", Local("1", ones))

    @staticmethod
    def forward(ctx, x):
        return x._data.view()


def view(x, shape):
    return View.apply(x, infer_shape(shape, x._data.size))


def reshape(x, shape):
    """A view when the memory layout allows it, else a copy (as PyTorch does)."""
    shape = infer_shape(shape, x._data.size)
    try:
        x._data.reshape(shape, copy=False)
    except ValueError:
        return UnsafeView.apply(Clone.apply(x), shape)
    return View.apply(x, shape)


def flatten(x, start_dim=0, end_dim=-1):
    if x._data.ndim == 0:
        return reshape(x, (1,))
    start, end = _dim(start_dim, x._data.ndim), _dim(end_dim, x._data.ndim)
    if start == end:
        return x
    shape = x._data.shape
    return reshape(x, shape[:start] + (-1,) + shape[end + 1:])


class Transpose(Function):
    """Swap two dimensions;  the gradient is swapped back"""
    node_name = "TransposeBackward0"
    notation = Notation("ᵀ", lambda args: f"{{0}}.transpose({args[1]}, {args[2]})",
                        Rule(lambda args: f"{{g}}.transpose({args[1]}, {args[2]})",
                             lambda g, x, dim0, dim1, out: np.swapaxes(g, dim0, dim1), local="1"))

    @staticmethod
    def forward(ctx, x, dim0, dim1):
        ctx.dims = dim0, dim1
        return np.swapaxes(x._data, dim0, dim1)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(*ctx.dims), None, None


class T(Transpose):
    node_name = "TBackward0"
    notation = Notation("ᵀ", "{0}ᵀ", Rule("{g}ᵀ", lambda g, x, dim0, dim1, out: np.swapaxes(g, dim0, dim1),
                                          local="1"), infix=True)


class Permute(Function):
    """Reorder the dimensions;  the gradient is put back in the original order"""
    node_name = "PermuteBackward0"
    notation = Notation("permute", lambda args: f"{{0}}.permute{_shape(args[1])}",
                        Rule(lambda args: f"{{g}}.permute{_shape(np.argsort(args[1]))}",
                             lambda g, x, dims, out: np.transpose(g, np.argsort(dims)), local="1"))

    @staticmethod
    def forward(ctx, x, dims):
        ctx.inverse = tuple(np.argsort(dims))
        return np.transpose(x._data, dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(*ctx.inverse), None


def transpose(x, dim0, dim1):
    n = x._data.ndim
    return Transpose.apply(x, _dim(dim0, n), _dim(dim1, n))


def t(x):
    if x._data.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D")
    return T.apply(x, 0, x._data.ndim - 1) if x._data.ndim == 2 else T.apply(x, 0, 0)


def permute(x, dims):
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = tuple(dims[0])
    n = x._data.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not "
                           f"match the length of the desired ordering of dimensions i.e. input.dim() "
                           f"= {n} is not equal to len(dims) = {len(dims)}")
    return Permute.apply(x, tuple(_dim(d, n) for d in dims))


class Unsqueeze(Function):
    """Insert a dimension of size 1;  the gradient drops it again"""
    node_name = "UnsqueezeBackward0"
    notation = Notation("unsqueeze", lambda args: f"{{0}}.unsqueeze({args[1]})",
                        Rule(lambda args: f"{{g}}.squeeze({args[1]})",
                             lambda g, x, dim, out: np.squeeze(g, dim), local="1"))

    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        return np.expand_dims(x._data, dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None


class Squeeze(Function):
    """Remove dimensions of size 1;  the gradient gets them back"""
    node_name = "SqueezeBackward0"
    notation = Notation("squeeze", "{0}.squeeze()",
                        Rule(lambda args: f"{{g}}.reshape{_shape(args[0].shape)}",
                             lambda g, x, dims, out: np.reshape(g, x.shape), local="1"))

    @staticmethod
    def forward(ctx, x, dims):
        ctx.shape = x._data.shape
        return np.squeeze(x._data, axis=dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class SqueezeDim(Squeeze):
    node_name = "SqueezeBackward1"
    notation = Notation("squeeze", lambda args: f"{{0}}.squeeze({', '.join(map(str, args[1]))})",
                        *Squeeze.notation.derivatives)


def unsqueeze(x, dim):
    return Unsqueeze.apply(x, _dim(dim, x._data.ndim + 1))


def squeeze(x, dim=None):
    shape = x._data.shape
    if dim is None:
        return Squeeze.apply(x, tuple(i for i, s in enumerate(shape) if s == 1))
    d = _dim(dim, x._data.ndim)
    return SqueezeDim.apply(x, (d,) if x._data.ndim and shape[d] == 1 else ())


class Expand(Function):
    """Repeat along dimensions of size 1 (no copy);  the gradient sums the repeats"""
    node_name = "ExpandBackward0"
    notation = Notation("expand", lambda args: f"{{0}}.expand{_shape(args[1])}",
                        Rule(lambda args: f"{{g}}.sum_to_size{_shape(args[0].shape)}",
                             lambda g, x, shape, out: sum_to_shape(g, x.shape), local="1"))

    @staticmethod
    def forward(ctx, x, shape):
        ctx.shape = x._data.shape
        return np.broadcast_to(x._data, shape)

    @staticmethod
    def backward(ctx, grad):
        return sum_to(grad, ctx.shape), None


def expand(x, sizes):
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = tuple(sizes[0])
    return Expand.apply(x, expanded_shape(x._data.shape, sizes))


def expanded_shape(shape, sizes):
    """The shape ``expand(*sizes)`` gives a tensor of ``shape``, or PyTorch's error."""
    lead = len(sizes) - len(shape)
    if lead < 0:
        raise RuntimeError(f"expand: the number of sizes provided ({len(sizes)}) must be greater or "
                           f"equal to the number of dimensions in the tensor ({len(shape)})")
    target = []
    for i, size in enumerate(sizes):
        old = shape[i - lead] if i >= lead else 1
        if size == -1:
            size = old
        if old != 1 and size != old:
            raise RuntimeError(
                f"The expanded size of the tensor ({size}) must match the existing size ({old}) at "
                f"non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: "
                f"{list(shape)}")
        target.append(size)
    return tuple(target)


# -- indexing ---------------------------------------------------------------------------
def normalize_index(key):
    """An index with tensors and lists turned into NumPy arrays, ready for NumPy."""
    if isinstance(key, tuple):
        return tuple(_index_part(k) for k in key)
    return _index_part(key)


def _index_part(k):
    if isinstance(k, Tensor):
        if k._data.ndim == 0 and k._data.dtype.kind == "i":  # x[torch.tensor(1)] is x[1]
            return int(k._data)
        return k._data if k._data.dtype.kind in "bi" else _bad_index(k)
    if isinstance(k, list):
        return np.asarray(k)
    if isinstance(k, (np.integer,)):
        return int(k)
    return k


def _bad_index(k):
    raise IndexError("tensors used as indices must be long, int, byte or bool tensors")


def is_advanced(key):
    parts = key if isinstance(key, tuple) else (key,)
    return any(isinstance(k, (np.ndarray, bool)) for k in parts)


class Select(Function):
    """out = x[..., i, ...] along one dimension;  the gradient goes back to position i"""
    node_name = "SelectBackward0"
    notation = Notation("[i]", lambda args: f"{{0}}[{_dim_index(args[1], args[2])}]",
                        Rule(lambda args: f"zeros{_shape(args[0].shape)}[{_dim_index(args[1], args[2])}] ← {{g}}",
                             lambda g, x, dim, index, out: _placed(g, x.shape, _dim_key(dim, index)),
                             local="1"))

    @staticmethod
    def forward(ctx, x, dim, index):
        size = x._data.shape[dim]
        if not -size <= index < size:
            raise IndexError(f"index {index} is out of bounds for dimension {dim} with size {size} "
                             f"(valid indices: 0 to {size - 1}, or -{size} to -1 from the end)")
        ctx.shape, ctx.key = x._data.shape, (slice(None),) * dim + (index,)
        return x._data[ctx.key + (Ellipsis,)]  # the Ellipsis makes NumPy return a view, even of one element

    @staticmethod
    def backward(ctx, grad):
        return IndexGrad.apply(grad, ctx.shape, ctx.key), None, None


class Slice(Select):
    """out = x[..., a:b:s, ...] along one dimension;  the gradient goes back to those positions"""
    node_name = "SliceBackward0"
    notation = Notation("[a:b]", Select.notation.expression, *Select.notation.derivatives)

    @staticmethod
    def forward(ctx, x, dim, part):
        if part.step is not None and part.step <= 0:
            raise ValueError("step must be greater than zero")
        ctx.shape, ctx.key = x._data.shape, (slice(None),) * dim + (part,)
        return x._data[ctx.key]


class Index(Function):
    """out = x[indices] with integer lists/tensors or a boolean mask;  each gradient
    goes back to where its value was taken from (added up where an index repeats)"""
    node_name = "IndexBackward0"
    notation = Notation("[…]", lambda args: f"{{0}}[{index_text(args[1])}]",
                        Rule(lambda args: f"zeros{_shape(args[0].shape)}[{index_text(args[1])}] += {{g}}",
                             lambda g, x, key, out: _placed(g, x.shape, key), local="1"))

    @staticmethod
    def forward(ctx, x, key):
        ctx.shape, ctx.key = x._data.shape, key
        check_masks(x._data.shape, key)
        try:
            return x._data[key]
        except IndexError as error:
            raise IndexError(str(error).replace("axis", "dimension")) from None

    @staticmethod
    def backward(ctx, grad):
        return IndexGrad.apply(grad, ctx.shape, ctx.key), None


class IndexGrad(Function):
    """The backward of indexing, as an op of its own so it can be differentiated again:
    zeros shaped like the indexed tensor, with ``grad`` added in at ``key``."""
    node_name = "IndexBackwardBackward0"
    notation = Notation("index′", lambda args: f"zeros{_shape(args[1])}[{index_text(args[2])}] += {{0}}",
                        Rule(lambda args: f"{{g}}[{index_text(args[2])}]",
                             lambda g, grad, shape, key, out: g[key], local="1"))

    @staticmethod
    def forward(ctx, grad, shape, key):
        ctx.key = key
        out = np.zeros(shape, dtype=grad._data.dtype)
        if is_advanced(key):
            np.add.at(out, key, grad._data)
        else:
            out[key] = grad._data
        return out

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx.key), None, None


def check_masks(shape, key):
    """PyTorch's error for a boolean mask that does not fit the dimensions it indexes
    (NumPy's wording talks about axes and arrays)."""
    dim = 0
    for k in key if isinstance(key, tuple) else (key,):
        if k is Ellipsis:
            return  # the dims after it are counted from the end: NumPy checks those
        if isinstance(k, np.ndarray) and k.dtype == np.bool_:
            for j, size in enumerate(k.shape):
                if dim + j >= len(shape) or shape[dim + j] != size:
                    raise IndexError(f"The shape of the mask {list(k.shape)} at index {j} does not "
                                     f"match the shape of the indexed tensor {list(shape)} at "
                                     f"index {dim + j}")
            dim += k.ndim
        elif k is not None:
            dim += 1


def getitem(x, key):
    """``x[key]``, recorded the way PyTorch records it: an int index is a Select, a
    slice a Slice (one op per dimension), lists/tensors/masks one Index op."""
    key = normalize_index(key)
    if is_advanced(key):
        if isinstance(key, tuple):
            x, key = _basic_parts_first(x, key)
        return Index.apply(x, key)
    if x._data.ndim == 0 and key is not Ellipsis and key is not None:
        if isinstance(key, slice):
            raise IndexError("slice() cannot be applied to a 0-dim tensor.")
        if not isinstance(key, tuple):
            raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
    if isinstance(key, slice):
        return Slice.apply(x, 0, key)
    parts = key if isinstance(key, tuple) else (key,)
    used = sum(1 for k in parts if k is not None and k is not Ellipsis)
    if used > x._data.ndim:
        raise IndexError(f"too many indices for tensor of dimension {x._data.ndim}")
    out, dim = x, 0
    for k in parts:
        if k is None:
            out = Unsqueeze.apply(out, dim)
            dim += 1
        elif k is Ellipsis:
            dim += x._data.ndim - used
        elif isinstance(k, slice):
            if k != slice(None):
                out = Slice.apply(out, dim, k)
            dim += 1
        else:
            out = Select.apply(out, dim, int(k))
    return Alias.apply(x) if out is x else out


def _basic_parts_first(x, key):
    """``x[[0, 1], 1:, 2]``: PyTorch first applies the ints, slices and Nones as views
    (Select, Slice, Unsqueeze), then indexes with the lists/tensors alone."""
    def width(k):  # how many of x's dims a part of the key indexes
        if k is None or k is Ellipsis or isinstance(k, bool):
            return 0
        return k.ndim if isinstance(k, np.ndarray) and k.dtype == np.bool_ else 1
    spanned = x._data.ndim - sum(width(k) for k in key)  # the dims an Ellipsis stands for
    rest, dim = [], 0  # dim: where the next part applies, in x as it is now
    for k in key:
        if isinstance(k, (np.ndarray, bool)) or k is Ellipsis:
            rest.append(k)
            dim += spanned if k is Ellipsis else width(k)
        elif isinstance(k, slice) or k is None:
            if k is None:
                x = Unsqueeze.apply(x, dim)
            elif k != slice(None):
                x = Slice.apply(x, dim, k)
            rest.append(slice(None))
            dim += 1
        else:  # an int: the dim goes away
            x = Select.apply(x, dim, int(k))
    return x, tuple(rest)


class IndexPut(Function):
    """out = x with ``out[key] = value``;  the gradient reaches x except at ``key``
    (those values were overwritten) and reaches ``value`` from ``key``"""
    node_name = "IndexPutBackward0"
    notation = Notation("[…]=", lambda args: f"{{0}}[{index_text(args[2])}] = {{1}}",
                        Rule(lambda args: f"{{g}}.index_put([{index_text(args[2])}], 0)",
                             lambda g, x, value, key, out: _overwritten(g, key)),
                        Rule(lambda args: f"{{g}}[{index_text(args[2])}].sum_to_size{_shape(args[1].shape)}",
                             lambda g, x, value, key, out: sum_to_shape(g[key], value.shape),
                             local="1"))

    @staticmethod
    def forward(ctx, x, value, key):
        ctx.key, ctx.value_shape = key, value._data.shape
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
        grad_value = sum_to(Index.apply(grad, ctx.key), ctx.value_shape)
        return grad * from_numpy(kept), grad_value, None

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


def view_positions(view_array, base_array):
    """For each element of ``view_array``, its flat position in ``base_array`` (the
    view shares the base's memory, so the addresses tell)."""
    def addresses(a):
        offsets = np.full(a.shape, a.__array_interface__["data"][0], dtype=np.int64)
        for axis, (n, stride) in enumerate(zip(a.shape, a.strides)):
            step = [1] * a.ndim
            step[axis] = n
            offsets = offsets + (np.arange(n, dtype=np.int64) * stride).reshape(step)
        return offsets
    base = addresses(base_array).ravel()
    order = np.argsort(base, kind="stable")
    flat = order[np.searchsorted(base[order], addresses(view_array))]
    return np.unravel_index(flat, base_array.shape)


class AsStrided(Function):
    """A view rebuilt from its base after the view was changed in place."""
    node_name = "AsStridedBackward0"
    notation = Notation("view", "{0}",
                        Rule(lambda args: f"zeros{_shape(args[0].shape)}[…] += {{g}}",
                             lambda g, base, positions, out: _placed(g, base.shape, positions),
                             local="1"))

    @staticmethod
    def forward(ctx, base, positions):
        ctx.shape, ctx.key = base._data.shape, positions
        return base._data[positions]

    @staticmethod
    def backward(ctx, grad):
        return IndexGrad.apply(grad, ctx.shape, ctx.key), None


# -- writing ------------------------------------------------------------------------------
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


class CopyFrom(Function):
    """``x.copy_(src)``: x takes src's values;  the gradient goes to src"""
    node_name = "CopyBackwards"
    notation = Notation("copy", "{0}.copy_({1})", Local("0", zeros),
                        Local("1", lambda x, src, out: ones(src)))

    @staticmethod
    def forward(ctx, x, src):
        ctx.src_shape = src._data.shape
        return np.broadcast_to(src._data, x._data.shape).astype(x._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return zeros_like(grad), sum_to(grad, ctx.src_shape)


class ToCopy(Function):
    """The same values in another dtype;  the gradient is converted back"""
    node_name = "ToCopyBackward0"
    notation = Notation("to", lambda args: f"{{0}}.to({args[1]!r})", Local("1", ones))

    @staticmethod
    def forward(ctx, x, dtype):
        ctx.dtype = x.dtype
        return x._data.astype(dtype.numpy)

    @staticmethod
    def backward(ctx, grad):
        return grad.to(ctx.dtype), None


# -- joining ------------------------------------------------------------------------------
class Cat(Function):
    """Join tensors end to end along ``dim``;  each gets its own piece of the gradient"""
    node_name = "CatBackward0"
    notation = Notation("cat", lambda args: f"cat([{_operand_list(args)}])",
                        lambda i: Rule(lambda args: f"{{g}}[{_dim_index(args[-1], _part(args, i))}]",
                                       lambda g, *args: g[_dim_key(args[-2], _part(args[:-1], i))],
                                       local="1"), variadic=True)

    @staticmethod
    def forward(ctx, *args):
        # the dim comes last: backward's trailing None for it is dropped, and the
        # gradients line up with the tensors
        *tensors, dim = args
        ctx.dim, ctx.sizes = dim, [t._data.shape[dim] for t in tensors]
        dtype = result_type(*tensors).numpy
        try:
            return np.concatenate([t._data.astype(dtype, copy=False) for t in tensors], axis=dim)
        except ValueError:
            shapes = ", ".join(str(list(t._data.shape)) for t in tensors)
            raise RuntimeError(f"Sizes of tensors must match except in dimension {dim}. "
                               f"Got shapes {shapes}") from None

    @staticmethod
    def backward(ctx, grad):
        bounds = np.cumsum([0] + ctx.sizes)
        lead = (slice(None),) * ctx.dim
        return tuple(grad[lead + (slice(int(a), int(b)),)]
                     for a, b in zip(bounds[:-1], bounds[1:])) + (None,)


class Stack(Function):
    """Stack tensors of one shape along a new dimension;  each gets its slice of the gradient"""
    node_name = "StackBackward0"
    notation = Notation("stack", lambda args: f"stack([{_operand_list(args)}])",
                        lambda i: Rule(lambda args: f"{{g}}[{_dim_index(args[-1], i)}]",
                                       lambda g, *args: np.take(g, i, axis=args[-2]), local="1"),
                        variadic=True)

    @staticmethod
    def forward(ctx, *args):
        *tensors, dim = args  # dim last, as in Cat
        shapes = {t._data.shape for t in tensors}
        if len(shapes) > 1:
            first, other = tensors[0]._data.shape, next(
                t._data.shape for t in tensors if t._data.shape != tensors[0]._data.shape)
            raise RuntimeError(f"stack expects each tensor to be equal size, but got "
                               f"{list(first)} at entry 0 and {list(other)} at entry 1")
        ctx.dim, ctx.count = dim, len(tensors)
        dtype = result_type(*tensors).numpy
        return np.stack([t._data.astype(dtype, copy=False) for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        return tuple(grad.select(ctx.dim, i) for i in range(ctx.count)) + (None,)


class Unbind(Function):
    """The slices along ``dim`` as separate tensors (``for row in x``);  their gradients
    are stacked back, zeros for a slice that got none"""
    node_name = "UnbindBackward0"
    notation = Notation("unbind", lambda args: f"{{0}}.unbind({args[1]})",
                        Rule(lambda args: f"stack({{g}}, {args[1]})",
                             lambda g, x, dim, out: np.stack(g, dim), local="1"))

    @staticmethod
    def forward(ctx, x, dim):
        ctx.dim = dim
        key = (slice(None),) * dim
        return tuple(x._data[key + (i, Ellipsis)] for i in range(x._data.shape[dim]))

    @staticmethod
    def backward(ctx, *grads):  # the engine has put zeros where a slice got no gradient
        return stack(grads, ctx.dim), None


def cat(tensors, dim=0):
    tensors = tuple(tensors)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    return Cat.apply(*tensors, _dim(dim, tensors[0]._data.ndim))


def stack(tensors, dim=0):
    tensors = tuple(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    return Stack.apply(*tensors, _dim(dim, tensors[0]._data.ndim + 1))


# -- the notation's helpers: where a value went, as code and in NumPy ------------------------
def _shape(shape):
    return tuple(int(n) for n in shape)


def _dim_key(dim, index):
    """``x[:, :, 2]`` as a NumPy key: ``index`` (an int or a slice) at ``dim``."""
    return (slice(None),) * dim + (index,)


def _dim_index(dim, index):
    return ":, " * dim + index_text(index)


def _placed(g, shape, key, into=None):
    """``into`` (zeros of ``shape`` if not given) with ``g`` added at ``key``."""
    out = np.zeros(shape) if into is None else into
    if is_advanced(key):
        np.add.at(out, key, g)
    else:
        out[key] = out[key] * 0 + g
    return out


def _overwritten(g, key):
    """``g`` with 0 where ``out[key] = value`` wrote over x."""
    kept = np.array(g, dtype=float)
    kept[key] = 0
    return kept


def _part(args, i):
    """Where input ``i`` of a cat is in the result: a slice along the cat's dim."""
    *tensors, dim = args
    start = sum(t.shape[dim] for t in tensors[:i])
    return slice(start, start + tensors[i].shape[dim])


def _operand_list(args):
    return ", ".join("{%d}" % i for i in range(len(args) - 1))
