"""Reading part of a tensor: ``x[0]``, ``x[:, 1:3]``, ``x[[0, 2]]``, ``x[mask]``.

PyTorch records an int index as a Select and a slice as a Slice, one view per dimension
(a None is an Unsqueeze); lists, tensors and masks are one Index. Each backward puts the
gradient back where the values were taken from: zeros shaped like x, with the gradient
added in at the key (IndexGrad, an op itself so that it can be differentiated again).
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.notation import Notation, Rule, index_text
from ..creation import from_numpy
from ..language import hint
from ..tensor import Tensor, _dim
from .shape import Alias, Unsqueeze, dim_index_text, dim_key, shape_text, whole_number


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
    if isinstance(k, (list, range)):  # y_hat[range(len(y_hat)), y], as the D2L book writes it
        return np.asarray(k)
    if isinstance(k, (np.integer,)):
        return int(k)
    if isinstance(k, (float, np.floating)):  # NumPy would refuse too, in other words
        raise IndexError(_VALID_INDICES + f" (got {type(k).__name__})")
    if isinstance(k, (str, bytes, dict, set)):
        raise TypeError(_VALID_INDICES + f" (got {type(k).__name__})")
    return k


_VALID_INDICES = ("only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                  "Variables are valid indices")


def _bad_index(k):
    raise IndexError("tensors used as indices must be long, int, byte or bool tensors")


def is_advanced(key):
    parts = key if isinstance(key, tuple) else (key,)
    return any(isinstance(k, (np.ndarray, bool)) for k in parts)


class Select(Function):
    """out = x[..., i, ...] along one dimension;  the gradient goes back to position i"""
    node_name = "SelectBackward0"
    notation = Notation("[i]", lambda args: f"{{0}}[{dim_index_text(args[1], args[2])}]",
                        Rule(lambda args: f"zeros{shape_text(args[0].shape)}[{dim_index_text(args[1], args[2])}] ← {{g}}",
                             lambda g, x, dim, index, out: placed(g, x.shape, dim_key(dim, index)),
                             local="1"))

    @staticmethod
    def forward(ctx, x, dim, index):
        size = x._data.shape[dim]
        if not -size <= index < size:
            raise IndexError(f"select(): index {index} out of range for tensor of size "
                             f"{list(x._data.shape)} at dimension {dim}")
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
                        Rule(lambda args: f"zeros{shape_text(args[0].shape)}[{index_text(args[1])}] += {{g}}",
                             lambda g, x, key, out: placed(g, x.shape, key), local="1"))

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


class MaskedSelect(Index):
    """``x.masked_select(mask)``: the elements where the mask is True, as a vector (the
    same as ``x[mask]``, the mask broadcast to x's shape)"""
    node_name = "MaskedSelectBackward0"


def masked_select(x, mask):
    if not isinstance(mask, Tensor) or mask._data.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    shape = np.broadcast_shapes(x._data.shape, mask._data.shape)
    if x._data.shape != shape:
        x = x.expand(*shape)
    return MaskedSelect.apply(x, np.broadcast_to(mask._data, shape))


class Gather(Index):
    """out[i][j] = x[i][index[i][j]] (for dim=1; along any dim): each value picked from x;
    its gradient goes back to where it was picked (added up where an index repeats)"""
    node_name = "GatherBackward0"


class IndexSelect(Index):
    """out = x[:, index] (for dim=1; along any dim): whole slices picked;  the gradient
    goes back to the slices (added up where an index repeats)"""
    node_name = "IndexSelectBackward0"


def gather(x, dim, index):
    """``y_hat.gather(1, y.view(-1, 1))``: one value per row, chosen by ``index``."""
    dim = _dim(dim, x._data.ndim)
    picks = index._data
    if picks.dtype.kind not in "iu":
        raise RuntimeError("gather(): Expected dtype int32/int64 for index")
    if picks.ndim != x._data.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for d, (n, size) in enumerate(zip(picks.shape, x._data.shape)):
        if d != dim and n > size:
            raise RuntimeError(f"Size does not match at dimension {d} expected index "
                               f"{list(picks.shape)} to be no larger than self "
                               f"{list(x._data.shape)} apart from dimension {dim}")
    wrong = (picks < -x._data.shape[dim]) | (picks >= x._data.shape[dim])
    if wrong.any():
        raise RuntimeError(f"index {picks[wrong].flat[0]} is out of bounds for dimension {dim} "
                           f"with size {x._data.shape[dim]}")
    key = tuple(picks if d == dim else np.arange(n).reshape((-1,) + (1,) * (picks.ndim - d - 1))
                for d, n in enumerate(picks.shape))
    return Gather.apply(x, key)


def index_select(x, dim, index):
    dim = _dim(dim, x._data.ndim)
    if index._data.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    return IndexSelect.apply(x, (slice(None),) * dim + (index._data.reshape(-1),))


def repeat_interleave(x, repeats=None, dim=None, *, output_size=None):
    """Each element repeated in place: ``tensor([1, 2]).repeat_interleave(2)`` is
    ``[1, 1, 2, 2]`` (``repeat`` would give ``[1, 2, 1, 2]``). ``repeats`` may be a tensor
    of counts, one per element; alone, ``torch.repeat_interleave(counts)`` gives each index
    that many times. Built from ops as PyTorch builds it."""
    if repeats is None:  # torch.repeat_interleave(tensor([1, 2])) -> tensor([0, 1, 1])
        counts = x._data.reshape(-1)
        return from_numpy(np.repeat(np.arange(counts.size, dtype=np.int64), counts))
    if dim is None:
        x, dim = x.reshape(-1), 0
    dim = _dim(dim, x._data.ndim)
    if isinstance(repeats, Tensor):  # a count per element (one count: the same for all)
        size = x._data.shape[dim]
        if repeats._data.size == 1:
            repeats = from_numpy(np.full(size, repeats.item(), dtype=np.int64))
        if repeats._data.ndim != 1 or repeats._data.size != size:
            raise RuntimeError("repeats must have the same size as input along dim, but got "
                               f"repeats.size(0) = {repeats._data.size} and input.size({dim}) = {size}")
        if (repeats._data < 0).any():
            raise RuntimeError("Repeats must be non-negative")
        return index_select(x, dim, repeat_interleave(repeats))
    repeats = whole_number(repeats, "repeat_interleave", "repeats")
    if repeats < 0:
        raise RuntimeError("Repeats must be non-negative")
    shape = x._data.shape
    copies = shape[:dim + 1] + (repeats,) + shape[dim + 1:]
    return x.unsqueeze(dim + 1).expand(*copies).clone().view(
        *shape[:dim], shape[dim] * repeats, *shape[dim + 1:])


class IndexGrad(Function):
    """The backward of indexing, as an op of its own so it can be differentiated again:
    zeros shaped like the indexed tensor, with ``grad`` added in at ``key``."""
    node_name = "IndexBackwardBackward0"
    notation = Notation("index′", lambda args: f"zeros{shape_text(args[1])}[{index_text(args[2])}] += {{0}}",
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
    if sum(1 for k in parts if k is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(1 for k in parts if k is not None and k is not Ellipsis)
    if used > x._data.ndim:
        raise IndexError(f"too many indices for tensor of dimension {x._data.ndim}")
    out, dim, source = x, 0, 0  # dim: where the next part applies in out; source: in x
    for k in parts:
        if k is None:
            out = Unsqueeze.apply(out, dim)
            dim += 1
        elif k is Ellipsis:
            dim += x._data.ndim - used
            source += x._data.ndim - used
        elif isinstance(k, slice):
            if k != slice(None):
                out = Slice.apply(out, dim, k)
            dim += 1
            source += 1
        else:
            out = Select.apply(out, dim, _checked_index(k, x, source))
            source += 1
    return Alias.apply(x) if out is x else out


def _checked_index(k, x, dim):
    """An int index into dimension ``dim`` of ``x``, with PyTorch's error (naming the
    dimension of x, not of the partly indexed result) if it is out of range."""
    size = x._data.shape[dim]
    if not -size <= k < size:
        raise IndexError(f"index {k} is out of bounds for dimension {dim} with size {size}. " + hint(
            f"Valid indices there: 0 to {size - 1}, or -{size} to -1 from the end.",
            f"这一维的有效下标：0 到 {size - 1}，或从末尾数 -{size} 到 -1。"))
    return int(k)


def _basic_parts_first(x, key):
    """``x[[0, 1], 1:, 2]``: PyTorch first applies the ints, slices and Nones as views
    (Select, Slice, Unsqueeze), then indexes with the lists/tensors alone."""
    def width(k):  # how many of x's dims a part of the key indexes
        if k is None or k is Ellipsis or isinstance(k, bool):
            return 0
        return k.ndim if isinstance(k, np.ndarray) and k.dtype == np.bool_ else 1
    spanned = x._data.ndim - sum(width(k) for k in key)  # the dims an Ellipsis stands for
    original = x
    rest, dim, source = [], 0, 0  # dim: where the next part applies, in x as it is now
    for k in key:
        if isinstance(k, (np.ndarray, bool)) or k is Ellipsis:
            rest.append(k)
            dim += spanned if k is Ellipsis else width(k)
            source += spanned if k is Ellipsis else width(k)
        elif isinstance(k, slice) or k is None:
            if k is None:
                x = Unsqueeze.apply(x, dim)
            elif k != slice(None):
                x = Slice.apply(x, dim, k)
            rest.append(slice(None))
            dim += 1
            source += k is not None
        else:  # an int: the dim goes away
            x = Select.apply(x, dim, _checked_index(k, original, source))
            source += 1
    return x, tuple(rest)


# -- the notation's helpers ---------------------------------------------------------------------
def placed(g, shape, key):
    """Zeros of ``shape`` with ``g`` added at ``key`` (NumPy: where indexing took values from)."""
    out = np.zeros(shape)
    if is_advanced(key):
        np.add.at(out, key, g)
    else:
        out[key] = g
    return out
