"""Reductions: sum, mean, max, min, norm — many numbers in, fewer out.

Backward spreads the gradient back over the elements that were reduced: a sum gives
every element the full gradient, a mean 1/n of it, a max only the winning element.
"""
from collections import namedtuple

import numpy as np

from .. import dtypes
from ..language import hint
from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule, count, ones, spread
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
    notation = Notation("∑", "∑{0}", Local("1", ones), infix=True)

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
    notation = Notation("∑", lambda args: f"{{0}}.sum({_dims_text(args)})",
                        Rule(lambda args: _spread_text(*args[:3]), local="1",
                             gradient=lambda g, x, axes, keepdim, dtype, out: spread(g, x.shape, axes)))


class Cumsum(Function):
    """outᵢ = x₀ + … + xᵢ along dim;  xⱼ is in every outᵢ with i ≥ j, so its gradient is the
    sum of those outputs' gradients: the total minus the running sum before j"""
    node_name = "CumsumBackward0"
    notation = Notation("cumsum", lambda args: f"{{0}}.cumsum({args[1]})",
                        Rule(lambda args: "{{g}}.flip({0}).cumsum({0}).flip({0})".format(args[1]),
                             lambda g, x, dim, dtype, out: _reversed_cumsum(g, dim)))

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
    notation = Notation("var", lambda args: _reduction_text("var", args),
                        Rule(lambda args: f"{_spread_text(args[0], args[1], args[3])} × {_var_local(args)}",
                             lambda g, x, axes, correction, keepdim, out:
                                 spread(g, x.shape, axes) * 2 * _deviation_of(x, axes, correction),
                             local=lambda args: _var_local(args)))

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
    notation = Notation("std", lambda args: _reduction_text("std", args),
                        Rule(lambda args: f"{_spread_text(args[0], args[1], args[3])} × {_std_local(args)}",
                             lambda g, x, axes, correction, keepdim, out:
                                 spread(g / out, x.shape, axes) * _deviation_of(x, axes, correction),
                             local=lambda args: _std_local(args)))

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
    notation = Notation("mean", "mean({0})",
                        Local(lambda args: f"1/{count(args[0].shape, args[1])}",
                              lambda x, axes, keepdim, dtype, out: ones(x) / count(x.shape, axes)))

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
    notation = Notation("mean", lambda args: f"{{0}}.mean({_dims_text(args)})",
                        Rule(lambda args: f"{_spread_text(*args[:3])} / {count(args[0].shape, args[1])}",
                             lambda g, x, axes, keepdim, dtype, out:
                                 spread(g, x.shape, axes) / count(x.shape, axes),
                             local=lambda args: f"1/{count(args[0].shape, args[1])}"))


class Extreme(Function):
    """out = max (or min) of all elements;  the gradient is shared evenly by all
    elements equal to it (PyTorch's rule for ties)"""
    node_name = "MaxBackward1"
    notation = Notation("max", "max({0})", Local(
        "𝟙({0} = max({0})) / ∑𝟙({0} = max({0}))", lambda x, out: (x == out) / np.sum(x == out)))
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
    notation = Notation("min", "min({0})", Local(
        "𝟙({0} = min({0})) / ∑𝟙({0} = min({0}))", lambda x, out: (x == out) / np.sum(x == out)))
    numpy_op = staticmethod(np.min)


class ExtremeDim(Function):
    """(values, indices) = max (or min) along ``dim``;  the gradient goes to the
    element at the returned index"""
    node_name = "MaxBackward0"
    notation = Notation("max", lambda args: f"{{0}}.max(dim={args[1]})",
                        Rule(lambda args: f"one_hot(argmax({{0}}, dim={args[1]})) × {{g}}",
                             lambda g, x, dim, keepdim, out: _at_indices(g[0], x, dim, keepdim, out[1])))
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
    notation = Notation("min", lambda args: f"{{0}}.min(dim={args[1]})",
                        Rule(lambda args: f"one_hot(argmin({{0}}, dim={args[1]})) × {{g}}",
                             lambda g, x, dim, keepdim, out: _at_indices(g[0], x, dim, keepdim, out[1])))
    numpy_arg = staticmethod(np.argmin)


class Norm(Function):
    """out = ‖x‖ = √(Σ xᵢ²);  ∂out/∂xᵢ = xᵢ / ‖x‖ (0 where ‖x‖ = 0)"""
    node_name = "LinalgVectorNormBackward0"
    notation = Notation("‖x‖", lambda args: "‖{0}‖" if _all_dims(args) else
                        f"{{0}}.norm(dim={_dims_text(args)})",
                        Rule(lambda args: f"{_spread_text(*args[:3])} × {{0}}/‖{{0}}‖",
                             lambda g, x, axes, keepdim, out: np.where(
                                 spread(out, x.shape, axes) == 0, 0,
                                 spread(g, x.shape, axes) * x / spread(out, x.shape, axes)),
                             local="{0}/‖{0}‖"))

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


# -- the notation's helpers: settings as text, gradients in NumPy ----------------------------
def _all_dims(args):
    return len(args[1]) == len(args[0].shape)


def _dims_text(args):
    """``0`` or ``0, 1``, and ``keepdim=True`` when it was given (sum, mean, norm: the
    arguments are x, axes, keepdim, ...)."""
    return ", ".join([str(d) for d in args[1]] + ["keepdim=True"] * (args[2] is True))


def _spread_text(x, axes, keepdim):
    """``{g}`` stretched back over the reduced axes of x, in code: ``{g}.reshape(2, 1).expand(2, 3)``."""
    shape = tuple(x.shape)
    if not shape or len(axes) == len(shape):
        return "{g}"
    kept = tuple(1 if i in axes else n for i, n in enumerate(shape))
    return "{g}" + ("" if keepdim else f".reshape{kept}") + f".expand{shape}"


def _reduction_text(name, args):
    """``var(x)``, or with its settings: ``x.var(dim=1, correction=0)``."""
    axes, correction = args[1], args[2]
    settings = ([f"dim={', '.join(map(str, axes))}"] * (not _all_dims(args)) +
                [f"correction={correction}"] * (correction != 1))
    return f"{{0}}.{name}({', '.join(settings)})" if settings else f"{name}({{0}})"


def _divisor_text(args):
    """n − correction, as numbers: ``(4 − 1)``, or ``4`` when nothing is subtracted."""
    n, correction = count(args[0].shape, args[1]), args[2]
    return f"({n} − {correction})" if correction else f"{n}"


def _mean_text(args):
    return "mean({0})" if _all_dims(args) else f"{{0}}.mean({', '.join(map(str, args[1]))})"


def _var_local(args):
    return f"2 × ({{0}} − {_mean_text(args)}) / {_divisor_text(args)}"


def _std_local(args):
    return f"({{0}} − {_mean_text(args)}) / ({_divisor_text(args)} × {_reduction_text('std', args)})"


def _deviation_of(x, axes, correction):
    return (x - x.mean(axis=axes, keepdims=True)) / (count(x.shape, axes) - correction)


def _reversed_cumsum(g, dim):
    if np.ndim(g) == 0:
        return g
    return np.flip(np.cumsum(np.flip(g, dim), dim), dim)


def _at_indices(g, x, dim, keepdim, indices):
    chosen = np.zeros(x.shape)
    positions = indices if keepdim else np.expand_dims(indices, dim)
    np.put_along_axis(chosen, positions, 1, axis=dim)
    return chosen * (g if keepdim else np.expand_dims(g, dim))


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
