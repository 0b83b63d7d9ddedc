"""Ops that move values around without computing new ones: reshape, transpose,
squeeze, expand, joining tensors, changing dtype (indexing: ``indexing.py``; writing
into a tensor: ``inplace.py``).

Their backward puts each gradient back where its value came from: a transpose is
undone by transposing, a reshape by reshaping back.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule, index_text, ones, sum_to_shape
from ..dtypes import bool_, result_type
from ..tensor import Tensor, _dim
from ..quiet import warn
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
    notation = Notation("view", lambda args: f"{{0}}.view{shape_text(args[1])}",
                        Rule(lambda args: f"{{g}}.reshape{shape_text(args[0].shape)}",
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
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
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
    notation = Notation("permute", lambda args: f"{{0}}.permute{shape_text(args[1])}",
                        Rule(lambda args: f"{{g}}.permute{shape_text(np.argsort(args[1]))}",
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
    return T.apply(x, *_t_dims(x, "t()"))


def _t_dims(x, name):
    """The dims ``t()`` swaps: 0 and 1 of a matrix; a vector or a number stays as it is."""
    if x._data.ndim > 2:
        raise RuntimeError(f"{name} expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D")
    return (0, 1) if x._data.ndim == 2 else (0, 0)


def permute(x, dims):
    if len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = tuple(dims[0])
    n = x._data.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not "
                           f"match the length of the desired ordering of dimensions i.e. input.dim() "
                           f"= {n} is not equal to len(dims) = {len(dims)}")
    dims = tuple(_dim(d, n) for d in dims)
    if len(set(dims)) != n:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return Permute.apply(x, dims)


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
                        Rule(lambda args: f"{{g}}.reshape{shape_text(args[0].shape)}",
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


class SqueezeDims(Squeeze):
    node_name = "SqueezeBackward2"  # squeeze((1, 3)): several dims named at once
    notation = SqueezeDim.notation


def squeeze(x, dim=None):
    how, dims = squeezing(x, dim)
    return (Squeeze, SqueezeDims, SqueezeDim)[how].apply(x, dims)


def squeezing(x, dim):
    """How ``squeeze(dim)`` is recorded (0: every dim, 1: several named, 2: one named), and
    the dims of size 1 it removes."""
    shape = x._data.shape
    if dim is None:
        return 0, tuple(i for i, s in enumerate(shape) if s == 1)
    if isinstance(dim, (tuple, list)):
        dims = sorted({_dim(d, x._data.ndim) for d in dim})
        return 1, tuple(d for d in dims if shape[d] == 1)
    d = _dim(dim, x._data.ndim)
    return 2, (d,) if x._data.ndim and shape[d] == 1 else ()


# the in-place forms (x.unsqueeze_(0): x itself takes the new shape), named apart by PyTorch
class UnsqueezeInPlace(Unsqueeze):
    node_name = "UnsqueezeBackward1"


class SqueezeInPlace(Squeeze):
    node_name = "SqueezeBackward3"


class SqueezeDimInPlace(SqueezeDim):
    node_name = "SqueezeBackward4"


class SqueezeDimsInPlace(SqueezeDims):
    node_name = "SqueezeBackward5"


class TransposeInPlace(Transpose):
    node_name = "TransposeBackward1"


class TInPlace(T):
    node_name = "TBackward1"


class Repeat(Function):
    """Copies of x side by side: ``x.repeat(2, 1)`` stacks two along dim 0;  the gradient
    adds up what each copy received"""
    node_name = "RepeatBackward0"
    notation = Notation("repeat", lambda args: f"{{0}}.repeat{shape_text(args[1])}",
                        Rule(lambda args: "{g} summed over the copies",
                             lambda g, x, repeats, out: _copies_summed(g, x.shape, repeats),
                             local="1"))

    @staticmethod
    def forward(ctx, x, repeats):
        if len(repeats) < x._data.ndim:
            raise RuntimeError("Number of dimensions of repeat dims can not be smaller than "
                               "number of dimensions of tensor")
        ctx.shape, ctx.repeats = x._data.shape, repeats
        return np.tile(x._data, repeats)

    @staticmethod
    def backward(ctx, grad):
        return _copies_summed(grad, ctx.shape, ctx.repeats), None


def _copies_summed(g, shape, repeats):
    """Split each dim of g into (copy, position) and add the copies up (NumPy or tensor)."""
    padded = (1,) * (len(repeats) - len(shape)) + tuple(shape)
    split = tuple(n for pair in zip(repeats, padded) for n in pair)
    copies = tuple(range(0, 2 * len(repeats), 2))
    return g.reshape(split).sum(copies).reshape(shape)


def repeat(x, *repeats):
    """``x.repeat(2, 1)`` or ``x.repeat((2, 1))``."""
    repeats = repeats[0] if len(repeats) == 1 and isinstance(repeats[0], (tuple, list)) else repeats
    return Repeat.apply(x, tuple(int(r) for r in repeats))


class Expand(Function):
    """Repeat along dimensions of size 1 (no copy);  the gradient sums the repeats"""
    node_name = "ExpandBackward0"
    notation = Notation("expand", lambda args: f"{{0}}.expand{shape_text(args[1])}",
                        Rule(lambda args: f"{{g}}.sum_to_size{shape_text(args[0].shape)}",
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
                        lambda i: Rule(lambda args: f"{{g}}[{dim_index_text(args[-1], _part(args, i))}]",
                                       lambda g, *args: g[dim_key(args[-2], _part(args[:-1], i))],
                                       local="1"), variadic=True)

    @staticmethod
    def forward(ctx, *args):
        # the dim comes last: backward's trailing None for it is dropped, and the
        # gradients line up with the tensors
        *tensors, dim = args
        _check_same_sizes(tensors, dim)
        ctx.dim, ctx.sizes = dim, [t._data.shape[dim] for t in tensors]
        dtype = result_type(*tensors).numpy
        return np.concatenate([t._data.astype(dtype, copy=False) for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        bounds = np.cumsum([0] + ctx.sizes)
        lead = (slice(None),) * ctx.dim
        return tuple(grad[lead + (slice(int(a), int(b)),)]
                     for a, b in zip(bounds[:-1], bounds[1:])) + (None,)


def _check_same_sizes(tensors, dim):
    """cat's rule, in PyTorch's words: the same number of dimensions, the same sizes
    except along ``dim``."""
    first = tensors[0]._data.shape
    for number, t in enumerate(tensors):
        if t._data.ndim != len(first):
            raise RuntimeError(f"Tensors must have same number of dimensions: got {len(first)} "
                               f"and {t._data.ndim}")
        for d, (want, got) in enumerate(zip(first, t._data.shape)):
            if d != dim and want != got:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {dim}. "
                                   f"Expected size {want} but got size {got} for tensor number "
                                   f"{number} in the list.")


class Stack(Function):
    """Stack tensors of one shape along a new dimension;  each gets its slice of the gradient"""
    node_name = "StackBackward0"
    notation = Notation("stack", lambda args: f"stack([{_operand_list(args)}])",
                        lambda i: Rule(lambda args: f"{{g}}[{dim_index_text(args[-1], i)}]",
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


class Split(Function):
    """Consecutive pieces along ``dim``, each ``split_size`` long (the last may be shorter),
    as views;  their gradients are joined back end to end, zeros for a piece that got none"""
    node_name = "SplitBackward0"
    notation = Notation("split", lambda args: f"{{0}}.split({args[1]}, {args[2]})",
                        Rule(lambda args: f"cat({{g}}, {args[2]})",
                             lambda g, x, sizes, dim, out: _joined(g, dim), local="1"))

    @staticmethod
    def sizes(length, split_size, dim):
        """The length of each piece: ``split(2)`` of 5 elements is 2, 2, 1."""
        if split_size < 0:
            raise RuntimeError(f"split expects split_size be non-negative, but got "
                               f"split_size={split_size}")
        if split_size == 0:
            if length:
                raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got "
                                   f"dimension size of {length}")
            return [0]
        return [min(split_size, length - start) for start in range(0, length, split_size)] or [0]

    @classmethod
    def forward(cls, ctx, x, split_size, dim):
        ctx.dim = dim
        bounds = np.cumsum([0] + cls.sizes(x._data.shape[dim], split_size, dim)).tolist()
        lead = (slice(None),) * dim
        return tuple(x._data[lead + (slice(a, b),)] for a, b in zip(bounds[:-1], bounds[1:]))

    @staticmethod
    def backward(ctx, *grads):  # the engine has put zeros where a piece got no gradient
        return cat(grads, ctx.dim), None, None


class SplitWithSizes(Split):
    """``split([1, 2])``: pieces of the lengths given"""
    node_name = "SplitWithSizesBackward0"

    @staticmethod
    def sizes(length, split_sizes, dim):
        if any(s < 0 for s in split_sizes):
            raise RuntimeError(f"split_with_sizes expects split_sizes have only non-negative "
                               f"entries, but got split_sizes={list(split_sizes)}")
        if np.sum(split_sizes) != length:
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {length} "
                               f"(input tensor's size at dimension {dim}), but got "
                               f"split_sizes={list(split_sizes)}")
        return list(split_sizes)


def split(x, split_size_or_sections, dim=0):
    """``x.split(2)``: pieces of 2 along ``dim``; ``x.split([1, 2])``: pieces of 1 and 2."""
    if x._data.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    d = _dim(dim, x._data.ndim)
    if isinstance(split_size_or_sections, (tuple, list)):
        sizes = tuple(whole_number(s, "split_with_sizes", "split_sizes") for s in split_size_or_sections)
        return SplitWithSizes.apply(x, sizes, d)
    return Split.apply(x, whole_number(split_size_or_sections, "split", "split_size"), d)


def chunk(x, chunks, dim=0):
    """``x.chunk(3)``: at most 3 pieces of equal length (the last may be shorter), as
    PyTorch makes them: ``split`` with a length of ceil(size / chunks)."""
    if x._data.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    chunks = whole_number(chunks, "chunk", "chunks")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    d = _dim(dim, x._data.ndim)
    length = x._data.shape[d]
    if length == 0:  # nothing to share out: every chunk is empty
        return SplitWithSizes.apply(x, (0,) * chunks, d)
    return Split.apply(x, -(-length // chunks), d)


def whole_number(value, op, argument, position=1):
    """An int argument, with PyTorch's error for a float or bool; a one-element integer
    tensor counts as its number, as in PyTorch."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, Tensor) and not value.dtype.is_floating_point and value.dtype is not bool_:
        return value.__index__()
    raise TypeError(f"{op}(): argument '{argument}' (position {position}) must be int, not "
                    f"{type(value).__name__}")


class Flip(Function):
    """The values in reverse order along ``dims`` (a copy, not a view);  the gradient is
    flipped back"""
    node_name = "FlipBackward0"
    notation = Notation("flip", lambda args: f"{{0}}.flip({_dims_list(args[1])})",
                        Rule(lambda args: f"{{g}}.flip({_dims_list(args[1])})",
                             lambda g, x, dims, out: np.flip(g, dims), local="1"))

    @staticmethod
    def forward(ctx, x, dims):
        ctx.dims = dims
        return np.flip(x._data, dims).copy()

    @staticmethod
    def backward(ctx, grad):
        return grad.flip(ctx.dims), None


def flip(x, dims):
    """``x.flip(0)``, ``x.flip(0, 1)``, ``torch.flip(x, (0, 1))``."""
    dims = dims if isinstance(dims, (tuple, list)) else (dims,)
    n = x._data.ndim
    axes = []
    for d in dims:
        axis = _dim(d, n)
        if axis in axes:
            raise RuntimeError(f"dim {axis} appears multiple times in the list of dims")
        axes.append(axis)
    return Flip.apply(x, tuple(axes) if n else ())


def fliplr(x):
    """Left and right swapped: the columns in reverse order."""
    if x._data.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return flip(x, (1,))


def flipud(x):
    """Up and down swapped: the rows in reverse order."""
    if x._data.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return flip(x, (0,))


def _dims_list(dims):
    return ", ".join(map(str, dims))


_INDEXING_WARNING = ("torch.meshgrid: in an upcoming release, it will be required to pass the "
                     "indexing argument.")


def meshgrid(*tensors, indexing=None):
    """Coordinate grids: ``meshgrid(x, y, indexing='ij')`` gives X[i, j] = x[i] and
    Y[i, j] = y[j]; ``indexing='xy'`` (as NumPy and plotting) swaps the first two axes.
    Built from ops, as in PyTorch: each input is viewed along its own axis, then expanded."""
    if len(tensors) == 1 and isinstance(tensors[0], (tuple, list)):
        tensors = tuple(tensors[0])
    if indexing is None:
        warn(_INDEXING_WARNING)
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but '
                           f'received: {indexing}')
    tensors = _tensor_list(tensors, "meshgrid")
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    for t in tensors:
        if t._data.ndim > 1:
            raise RuntimeError(f"torch.meshgrid: Expected 0D or 1D tensor in the tensor list but "
                               f"got a {t._data.ndim}D tensor of shape {list(t._data.shape)}")
        if t.dtype is not tensors[0].dtype:
            raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    order = list(range(len(tensors)))
    if indexing == "xy" and len(tensors) > 1:  # x runs along the columns: axes 0 and 1 swap
        order[0], order[1] = 1, 0
    shape = tuple(tensors[i]._data.size for i in order)
    grids = [None] * len(tensors)
    for axis, i in enumerate(order):
        along = [1] * len(shape)
        along[axis] = -1
        grids[i] = view(tensors[i], along).expand(*shape)
    return tuple(grids)


class Roll(Function):
    """The values moved ``shifts`` places along ``dims``, those pushed off the end coming
    back at the start;  the gradient is rolled back the other way"""
    node_name = "RollBackward0"
    notation = Notation("roll", lambda args: f"{{0}}.roll({_roll_text(args)})",
                        Rule(lambda args: f"{{g}}.roll({_roll_text(args, back=True)})",
                             lambda g, x, shifts, dims, out: _rolled(g, x.shape, shifts, dims, -1),
                             local="1"))

    @staticmethod
    def forward(ctx, x, shifts, dims):
        ctx.shifts, ctx.dims = shifts, dims
        return _rolled(x._data, x._data.shape, shifts, dims, 1)

    @staticmethod
    def backward(ctx, grad):
        return Roll.apply(grad, tuple(-s for s in ctx.shifts), ctx.dims), None, None


def _rolled(a, shape, shifts, dims, direction):
    """np.roll, with no dims meaning: roll the flattened values, as PyTorch does."""
    shifts = tuple(direction * s for s in shifts)
    if not dims:
        return np.roll(np.reshape(a, -1), shifts[0]).reshape(shape)
    return np.roll(a, shifts, dims)


def _roll_text(args, back=False):
    shifts = tuple(-s for s in args[1]) if back else args[1]
    if not args[2]:
        return str(shifts[0])
    return f"{_dims_list(shifts)}, {_dims_list(args[2])}" if len(shifts) == 1 else \
        f"{shifts}, {args[2]}"


def roll(x, shifts, dims=None):
    """``x.roll(1)``: every value one place on (the last comes first); ``x.roll(1, 0)``
    along dim 0; ``x.roll((1, 2), (0, 1))`` along several."""
    shifts = tuple(whole_number(n, "roll", "shifts") for n in (
        shifts if isinstance(shifts, (tuple, list)) else (shifts,)))
    if dims is None:
        if len(shifts) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
        return Roll.apply(x, (int(shifts[0]),), ())
    dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    if len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                           f"dims:{len(dims)}")
    return Roll.apply(x, tuple(int(n) for n in shifts), tuple(_dim(d, x._data.ndim) for d in dims))


# -- other names for the moves above, built from them as PyTorch builds them ---------------------
def movedim(x, source, destination):
    """``x.movedim(0, 2)``: dim 0 moved to position 2, the others keeping their order."""
    n = x._data.ndim
    source = source if isinstance(source, (tuple, list)) else (source,)
    destination = destination if isinstance(destination, (tuple, list)) else (destination,)
    if len(source) != len(destination):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source ({list(source)} "
                           f"dims) should contain the same number of dims as destination "
                           f"({list(destination)} dims)")
    return Permute.apply(x, _moved_order(n, source, destination))


def _moved_order(n, source, destination):
    """The permutation that puts each ``source`` dim at its ``destination``."""
    source = [_dim(d, n) for d in source]
    destination = [_dim(d, n) for d in destination]
    for name, dims in (("source", source), ("destination", destination)):
        if len(set(dims)) != len(dims):
            raise RuntimeError(f"movedim: repeated dim in `{name}` ({dims})")
    order = [d for d in range(n) if d not in source]
    for d, s in sorted(zip(destination, source)):
        order.insert(d, s)
    return tuple(order)


def narrow(x, dim, start, length):
    """``x.narrow(1, 0, 2)``: ``length`` elements of ``dim`` from ``start`` on, a view (the
    same as ``x[:, 0:2]``)."""
    d = _dim(dim, x._data.ndim)
    start, length = whole_number(start, "narrow", "start", 2), whole_number(length, "narrow", "length", 3)
    size = x._data.shape[d]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but "
                         f"got {start})")
    start = start % size if size else 0
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return x[dim_key(d, slice(start, start + length))]


def tile(x, dims):
    """``x.tile((2, 1))``: ``repeat``, with missing leading counts taken as 1."""
    dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    return repeat(x, (1,) * (x._data.ndim - len(dims)) + dims)


def unflatten(x, dim, sizes):
    """``x.unflatten(1, (2, 3))``: dim 1 split into two dims of 2 and 3."""
    d = _dim(dim, x._data.ndim)
    shape = x._data.shape
    sizes = infer_shape(tuple(sizes), shape[d])
    return view(x, shape[:d] + sizes + shape[d + 1:])


def broadcast_tensors(*tensors):
    """The tensors expanded to their common shape (those already of it as they are)."""
    shape = np.broadcast_shapes(*(t._data.shape for t in tensors)) if tensors else ()
    return tuple(t if t._data.shape == shape else expand(t, shape) for t in tensors)


def tensor_split(x, indices_or_sections, dim=0):
    """Pieces along ``dim``, as slices: ``tensor_split(3)`` makes 3 nearly equal pieces
    (the first ones one longer), ``tensor_split([1, 4])`` cuts before 1 and before 4."""
    d = _dim(dim, x._data.ndim)
    size = x._data.shape[d]
    if isinstance(indices_or_sections, (tuple, list)):
        cuts = [0] + [int(i) for i in indices_or_sections] + [size]
    else:
        sections = int(indices_or_sections)
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        lengths = [size // sections + (i < size % sections) for i in range(sections)]
        cuts = np.cumsum([0] + lengths).tolist()
    return tuple(x[dim_key(d, slice(a, max(a, b)))] for a, b in zip(cuts[:-1], cuts[1:]))


def _split_evenly(name, dim):
    """hsplit (dim 1, or 0 for a vector), vsplit (dim 0): tensor_split into equal parts."""
    def run(x, indices_or_sections):
        d = dim if dim == 0 or x._data.ndim > 1 else 0
        if x._data.ndim < (2 if name == "vsplit" else 1):
            raise RuntimeError(f"torch.{name} requires a tensor with at least "
                               f"{2 if name == 'vsplit' else 1} dimension, but got a tensor with "
                               f"{x._data.ndim} dimensions!")
        if not isinstance(indices_or_sections, (tuple, list)):
            size = x._data.shape[d]
            if indices_or_sections == 0 or size % indices_or_sections:
                raise RuntimeError(f"torch.{name} attempted to split along dimension {d}, but the "
                                   f"size of the dimension {size} is not divisible by the "
                                   f"split_size {indices_or_sections}!")
        return tensor_split(x, indices_or_sections, d)
    run.__name__ = run.__qualname__ = name
    return run


hsplit, vsplit = _split_evenly("hsplit", 1), _split_evenly("vsplit", 0)


def diff(x, n=1, dim=-1, prepend=None, append=None):
    """Differences of neighbours along ``dim``: out[i] = x[i + 1] − x[i] (``n`` times over),
    built from slices and a subtraction, as PyTorch builds it."""
    if x._data.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    d = _dim(dim, x._data.ndim)
    if prepend is not None or append is not None:
        x = cat([t for t in (prepend, x, append) if t is not None], d)
    for _ in range(n):
        length = x._data.shape[d]
        if length == 0:
            break
        x = x[dim_key(d, slice(1, None))] - x[dim_key(d, slice(None, length - 1))]
    return x


def hstack(tensors):
    """Side by side: vectors end to end, matrices column blocks next to each other."""
    tensors = [t.reshape(1) if t._data.ndim == 0 else t for t in _tensor_list(tensors, "hstack")]
    return cat(tensors, 0 if tensors and tensors[0]._data.ndim == 1 else 1)


def vstack(tensors):
    """One above the other: vectors become the rows of a matrix."""
    tensors = [t.reshape(1, 1) if t._data.ndim == 0 else unsqueeze(t, 0) if t._data.ndim == 1
               else t for t in _tensor_list(tensors, "vstack")]
    return cat(tensors, 0)


def _tensor_list(tensors, op):
    """cat and stack take a list or tuple of tensors (torch.cat(x) is a common slip)."""
    if isinstance(tensors, Tensor):
        raise TypeError(f"{op}(): argument 'tensors' (position 1) must be tuple of Tensors, "
                        f"not Tensor")
    tensors = tuple(tensors)
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(t).__name__}")
    return tensors


def cat(tensors, dim=0):
    tensors = _tensor_list(tensors, "cat")
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    return Cat.apply(*tensors, _dim(dim, tensors[0]._data.ndim))


def stack(tensors, dim=0):
    tensors = _tensor_list(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    return Stack.apply(*tensors, _dim(dim, tensors[0]._data.ndim + 1))


# -- the notation's helpers: where a value went, as code and in NumPy ------------------------
def shape_text(shape):
    """A shape as code writes it: ``(2, 3)``."""
    return tuple(int(n) for n in shape)


def dim_key(dim, index):
    """``x[:, :, 2]`` as a NumPy key: ``index`` (an int or a slice) at ``dim``."""
    return (slice(None),) * dim + (index,)


def dim_index_text(dim, index):
    return ":, " * dim + index_text(index)


def _part(args, i):
    """Where input ``i`` of a cat is in the result: a slice along the cat's dim."""
    *tensors, dim = args
    start = sum(t.shape[dim] for t in tensors[:i])
    return slice(start, start + tensors[i].shape[dim])


def _joined(g, dim):
    """A split's gradient from its pieces' (one piece alone comes as an array, not a tuple)."""
    return np.concatenate(g if isinstance(g, tuple) else (g,), dim)


def _operand_list(args):
    return ", ".join("{%d}" % i for i in range(len(args) - 1))
