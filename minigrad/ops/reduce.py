"""Reductions: sum, mean, max, min, norm — many numbers in, fewer out.

Backward spreads the gradient back over the elements that were reduced: a sum gives
every element the full gradient, a mean 1/n of it, a max only the winning element.
"""
from collections import namedtuple

import numpy as np

from .. import dtypes
from ..language import hint
from ..autograd.function import Function
from ..creation import from_numpy
from ..tensor import Tensor, _dim
from .elementwise import maximum, minimum, where


def normalize_dims(dim, ndim):
    """``dim`` (None, an int, negative, or a tuple) as a sorted tuple of axes."""
    if dim is None:
        return tuple(range(ndim))
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    axes = tuple(sorted({_dim(d, ndim) for d in dims}))
    return axes if ndim else ()


def _kept_shape(shape, axes):
    """The result's shape with ``keepdim=True``: reduced axes become 1."""
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


def _spread(grad, shape, axes):
    """The gradient of a reduction, stretched back over the reduced axes."""
    return grad.reshape(_kept_shape(shape, axes)).expand(shape)


class Sum(Function):
    """out = Σ xᵢ;  ∂out/∂xᵢ = 1, so every element gets the whole gradient"""
    node_name = "SumBackward0"

    @staticmethod
    def forward(ctx, x, axes, keepdim, dtype):
        ctx.shape, ctx.axes = x._data.shape, axes
        data = x._data
        if dtype is None and data.dtype.kind in "bi":  # integer sums are int64, as in PyTorch
            dtype = dtypes.int64
        return data.sum(axis=axes, keepdims=keepdim, dtype=None if dtype is None else dtype.numpy)

    @staticmethod
    def backward(ctx, grad):
        return _spread(grad, ctx.shape, ctx.axes), None, None, None


class SumDim(Sum):
    node_name = "SumBackward1"


class Cumsum(Function):
    """outᵢ = x₀ + … + xᵢ along dim;  xⱼ is in every outᵢ with i ≥ j, so its gradient is the
    sum of those outputs' gradients: the total minus the running sum before j"""
    node_name = "CumsumBackward0"

    @staticmethod
    def forward(ctx, x, dim, dtype):
        ctx.dim = dim
        data = x._data
        if dtype is None and data.dtype.kind in "bi":  # integer running sums are int64, as in PyTorch
            dtype = dtypes.int64
        out = np.cumsum(data, axis=dim if data.ndim else None,
                        dtype=None if dtype is None else dtype.numpy)
        return out.reshape(data.shape)  # a 0-d tensor stays 0-d

    @staticmethod
    def backward(ctx, grad):
        return grad.sum(ctx.dim, keepdim=True) - grad.cumsum(ctx.dim) + grad, None, None


class Var(Function):
    """out = Σ (xᵢ - x̄)² / (n - correction);  ∂out/∂xᵢ = 2 (xᵢ - x̄) / (n - correction)"""
    node_name = "VarBackward0"

    @staticmethod
    def forward(ctx, x, axes, correction, keepdim):
        _remember_spread(ctx, x, axes, correction, "var")
        ctx.save_for_backward(x)
        return np.var(x._data, axis=axes, ddof=correction, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return _spread(grad, ctx.shape, ctx.axes) * 2 * _deviation(ctx, x), None, None, None


class Std(Function):
    """out = √var(x);  ∂out/∂xᵢ = (xᵢ - x̄) / ((n - correction) · out)"""
    node_name = "StdBackward0"

    @staticmethod
    def forward(ctx, x, axes, correction, keepdim):
        _remember_spread(ctx, x, axes, correction, "std")
        out = from_numpy(np.std(x._data, axis=axes, ddof=correction, keepdims=keepdim))
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad, *_):
        x, out = ctx.saved_tensors
        return _spread(grad / out, ctx.shape, ctx.axes) * _deviation(ctx, x), None, None, None


def _remember_spread(ctx, x, axes, correction, name):
    """What var's and std's backward need: x's shape, the axes, and n - correction."""
    if x._data.dtype.kind != "f":
        raise RuntimeError(f"{name}(): std and var only support floating point and complex "
                           f"dtypes" + hint(f"; convert first, e.g. x.float().{name}()",
                                            f"；先转换，例如 x.float().{name}()"))
    ctx.shape, ctx.axes, ctx.divisor = x._data.shape, axes, _count(x, axes) - correction


def _deviation(ctx, x):
    """(xᵢ - x̄) / (n - correction), written with minigrad ops (for create_graph=True)."""
    return (x - x.mean(ctx.axes, keepdim=True)) / ctx.divisor


def _count(x, axes):
    """How many elements a reduction over ``axes`` takes together."""
    return int(np.prod([x._data.shape[a] for a in axes], dtype=np.int64))


class Mean(Function):
    """out = (1/n) Σ xᵢ;  ∂out/∂xᵢ = 1/n"""
    node_name = "MeanBackward0"

    @staticmethod
    def forward(ctx, x, axes, keepdim, dtype):
        data = x._data if dtype is None else x._data.astype(dtype.numpy)
        if data.dtype.kind != "f":
            raise RuntimeError(
                f"mean(): could not infer output dtype. Input dtype must be either a floating "
                f"point or complex dtype. Got: {dtypes.SCALAR_TYPE_NAME[x.dtype]}. " + hint(
                    "Convert first, e.g. x.float().mean().", "先转换，例如 x.float().mean()。"))
        ctx.shape, ctx.axes = x._data.shape, axes
        ctx.count = _count(x, axes)
        return data.mean(axis=axes, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        return _spread(grad, ctx.shape, ctx.axes) / ctx.count, None, None, None


class MeanDim(Mean):
    node_name = "MeanBackward1"


class Extreme(Function):
    """out = max (or min) of all elements;  the gradient is shared evenly by all
    elements equal to it (PyTorch's rule for ties)"""
    node_name = "MaxBackward1"
    numpy_op = staticmethod(np.max)

    @staticmethod
    def forward(ctx, x):
        if x._data.size == 0:
            raise RuntimeError(
                "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
                "reduction dim with the 'dim' argument.")
        out = from_numpy(np.asarray(ctx.function.numpy_op(x._data)))
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        winners = from_numpy(x._data == out._data)
        return grad * winners / winners._data.sum()


class Min(Extreme):
    node_name = "MinBackward1"
    numpy_op = staticmethod(np.min)


class ExtremeDim(Function):
    """(values, indices) = max (or min) along ``dim``;  the gradient goes to the
    element at the returned index"""
    node_name = "MaxBackward0"
    numpy_arg = staticmethod(np.argmax)

    @staticmethod
    def forward(ctx, x, dim, keepdim):
        indices = np.expand_dims(ctx.function.numpy_arg(x._data, axis=dim), dim)
        values = np.take_along_axis(x._data, indices, axis=dim)
        if not keepdim:
            values, indices = values.squeeze(dim), indices.squeeze(dim)
        indices = from_numpy(indices.astype(np.int64))
        ctx.mark_non_differentiable(indices)
        ctx.shape, ctx.dim, ctx.keepdim = x._data.shape, dim, keepdim
        ctx.save_for_backward(indices)
        return values, indices

    @staticmethod
    def backward(ctx, grad, _grad_indices):
        indices, = ctx.saved_tensors
        positions = indices._data if ctx.keepdim else np.expand_dims(indices._data, ctx.dim)
        chosen = np.zeros(ctx.shape, dtype=bool)
        np.put_along_axis(chosen, positions, True, axis=ctx.dim)
        g = grad if ctx.keepdim else grad.unsqueeze(ctx.dim)
        return g * from_numpy(chosen), None, None


class MinDim(ExtremeDim):
    node_name = "MinBackward0"
    numpy_arg = staticmethod(np.argmin)


class Norm(Function):
    """out = ‖x‖ = √(Σ xᵢ²);  ∂out/∂xᵢ = xᵢ / ‖x‖ (0 where ‖x‖ = 0)"""
    node_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx, x, axes, keepdim):
        data = x._data if x._data.dtype.kind == "f" else x._data.astype(np.float32)
        out = from_numpy(np.sqrt(np.sum(data * data, axis=axes, keepdims=keepdim)))
        ctx.save_for_backward(x, out)
        ctx.axes = axes
        return out

    @staticmethod
    def backward(ctx, grad, *_):
        x, out = ctx.saved_tensors
        shape = x._data.shape
        norm = _spread(out, shape, ctx.axes)
        # divide by the norm tensor itself (not a copy of its numbers), so that
        # create_graph=True can differentiate through it: second derivatives need it
        safe = where(norm == 0, 1.0, norm)
        nonzero = from_numpy(norm._data != 0)
        return _spread(grad, shape, ctx.axes) * x / safe * nonzero, None, None


def sum(x, dim=None, keepdim=False, dtype=None):
    axes = normalize_dims(dim, x._data.ndim)
    op = Sum if dim is None else SumDim
    return op.apply(x, axes, keepdim, dtype)


def cumsum(x, dim, dtype=None):
    return Cumsum.apply(x, _dim(dim, x._data.ndim or 1), dtype)  # a 0-d tensor takes dim 0 or -1


def var(x, dim=None, correction=1, keepdim=False):
    return Var.apply(x, normalize_dims(dim, x._data.ndim), correction, keepdim)


def std(x, dim=None, correction=1, keepdim=False):
    return Std.apply(x, normalize_dims(dim, x._data.ndim), correction, keepdim)


def mean(x, dim=None, keepdim=False, dtype=None):
    axes = normalize_dims(dim, x._data.ndim)
    op = Mean if dim is None else MeanDim
    return op.apply(x, axes, keepdim, dtype)


MaxResult = namedtuple("max", ["values", "indices"])
MinResult = namedtuple("min", ["values", "indices"])
for _result in (MaxResult, MinResult):
    _result.__repr__ = lambda self: (f"torch.return_types.{type(self).__name__}(\n"
                                     f"values={self.values!r},\nindices={self.indices!r})")


def max(x, dim=None, keepdim=False):
    if isinstance(dim, Tensor):  # torch.max(a, b): elementwise maximum
        return maximum(x, dim)
    if dim is None:
        return Extreme.apply(x)
    return MaxResult(*ExtremeDim.apply(x, _dim(dim, x._data.ndim), keepdim))


def min(x, dim=None, keepdim=False):
    if isinstance(dim, Tensor):
        return minimum(x, dim)
    if dim is None:
        return Min.apply(x)
    return MinResult(*MinDim.apply(x, _dim(dim, x._data.ndim), keepdim))


def argmax(x, dim=None, keepdim=False):
    return _arg(np.argmax, x, dim, keepdim)


def argmin(x, dim=None, keepdim=False):
    return _arg(np.argmin, x, dim, keepdim)


def _arg(numpy_arg, x, dim, keepdim):
    if dim is None:
        index = numpy_arg(x._data)
        return from_numpy(np.full((1,) * x._data.ndim if keepdim else (), index, dtype=np.int64))
    d = _dim(dim, x._data.ndim)
    return from_numpy(numpy_arg(x._data, axis=d, keepdims=keepdim).astype(np.int64))


def norm(x, p="fro", dim=None, keepdim=False):
    if p not in ("fro", 2, 2.0):
        if p in (1, 1.0):
            return x.abs().sum(dim=dim, keepdim=keepdim)
        if p == float("inf"):
            return x.abs().max() if dim is None else x.abs().max(dim=dim, keepdim=keepdim).values
        return (x.abs() ** p).sum(dim=dim, keepdim=keepdim) ** (1.0 / p)
    return Norm.apply(x, normalize_dims(dim, x._data.ndim), keepdim)


def logical_reduce(numpy_op, x, dim=None):
    axis = None if dim is None else _dim(dim, x._data.ndim)
    return from_numpy(np.asarray(numpy_op(x._data, axis=axis)))
