"""Reductions: sum, mean, max, min, norm — many numbers in, fewer out.

Backward spreads the gradient back over the elements that were reduced: a sum gives
every element the full gradient, a mean 1/n of it, a max only the winning element.
"""
from collections import namedtuple

import numpy as np

from .. import dtypes
from ..language import hint
from ..quiet import warn
from ..autograd.function import Function
from ..autograd.grad_mode import is_grad_enabled
from ..autograd.notation import Local, Notation, Rule, count, number, ones, power, spread
from ..creation import from_numpy, zeros_like
from ..dtypes import float_array
from ..tensor import Tensor, _dim
from .elementwise import maximum, minimum, where
from .indexing import Index
from .shape import stack


def normalize_dims(dim, ndim):
    """``dim`` (None, an int, negative, or a tuple) as a sorted tuple of axes. None and
    an empty tuple mean every axis, as in PyTorch."""
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    if dim is None or not dims:
        return tuple(range(ndim))
    axes = []
    for d in dims:
        axis = _dim(d, ndim)
        if axis in axes:  # x.sum(dim=(1, -1)) would count the same elements twice
            raise RuntimeError(f"dim {axis} appears multiple times in the list of dims")
        axes.append(axis)
    return tuple(sorted(axes)) if ndim else ()


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
        return _running(np.cumsum, x, dim, dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum(ctx.dim, keepdim=True) - grad.cumsum(ctx.dim) + grad, None, None


class Cumprod(Function):
    """outᵢ = x₀ × x₁ × … × xᵢ along dim;  xⱼ is a factor of every outᵢ with i ≥ j, so its
    gradient is Σ over i ≥ j of gᵢ times the other factors of outᵢ"""
    node_name = "CumprodBackward0"
    notation = Notation("cumprod", lambda args: f"{{0}}.cumprod({args[1]})",
                        Rule("Σ over i ≥ j of {g}ᵢ × ∏ over k ≤ i, k ≠ j of {0}ₖ",
                             lambda g, x, dim, dtype, out: _cumprod_gradient(g, x, dim, np.stack)))

    @staticmethod
    def forward(ctx, x, dim, dtype):
        ctx.dim = dim
        ctx.save_for_backward(x)
        return _running(np.cumprod, x, dim, dtype)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return _cumprod_gradient(grad, x, ctx.dim, stack), None, None


def _running(numpy_op, x, dim, dtype):
    """A running sum or product along ``dim``; integers and bools run in int64 unless a
    dtype is given, as in PyTorch."""
    data = x._data
    if dtype is None and data.dtype.kind in "bi":
        dtype = dtypes.int64
    out = numpy_op(data, axis=dim if data.ndim else None, dtype=None if dtype is None else dtype.numpy)
    return out.reshape(data.shape)  # a 0-d tensor stays 0-d


def _cumprod_gradient(g, x, dim, stack):
    """Σ over i ≥ j of gᵢ × ∏ over k ≤ i, k ≠ j of xₖ, never dividing by xⱼ (so zeros are
    fine): running back from the end, sⱼ = gⱼ + xⱼ₊₁ × sⱼ₊₁ collects Σ over i ≥ j of
    gᵢ × xⱼ₊₁ × … × xᵢ, and xⱼ's gradient is sⱼ times the product of the x before it.
    Written once for NumPy arrays (the notation) and tensors (backward, differentiable)."""
    if x.ndim == 0 or x.shape[dim] == 0:
        return g
    n = x.shape[dim]
    lead = (slice(None),) * dim
    tails = [g[lead + (n - 1,)]]
    for j in range(n - 2, -1, -1):
        tails.append(g[lead + (j,)] + x[lead + (j + 1,)] * tails[-1])
    before, parts = 1, []
    for j, tail in enumerate(reversed(tails)):
        parts.append(tail * before)
        before = before * x[lead + (j,)]
    return stack(parts, dim)


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
        return _variance(x._data, axes, ctx.divisor, keepdim)

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
        out = from_numpy(np.sqrt(_variance(x._data, axes, ctx.divisor, keepdim)))
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad, *_):
        x, out = ctx.saved_tensors
        # where all values are equal (out = 0) PyTorch gives 0, not 0/0
        per_std = where(out == 0, zeros_like(grad), grad / out)
        return _spread(per_std, ctx.shape, ctx.axes) * _deviation(ctx, x), None, None, None


def _and_mean_notation(op):
    """``var_mean``/``std_mean``: op's rule for the first gradient (g₁) and mean's for the
    second (g₂), added up."""
    name = op.notation.symbol
    return Notation(f"{name}, mean", lambda args: _reduction_text(f"{name}_mean", args),
                    Rule(lambda args: f"{{g}}₁ × {(_var_local if op is Var else _std_local)(args)} + "
                                      f"{{g}}₂ / {count(args[0].shape, args[1])}",
                         lambda g, x, axes, correction, keepdim, out:
                             op.notation.derivative(0).gradient(g[0], x, axes, correction, keepdim, out[0])
                             + spread(g[1], x.shape, axes) / count(x.shape, axes)))


class VarMean(Var):
    """``torch.var_mean``: the variance and the mean of the same elements, at once;  the
    gradient is var's plus mean's"""
    node_name = "VarMeanBackward0"
    first = Var  # the op whose result comes first
    notation = _and_mean_notation(Var)

    @classmethod
    def forward(cls, ctx, x, axes, correction, keepdim):
        ctx.count = _count(x, axes)
        return cls.first.forward(ctx, x, axes, correction, keepdim), average(x._data, axes, keepdim)

    @classmethod
    def backward(cls, ctx, grad, grad_mean):
        x_grad = _spread(grad_mean, ctx.shape, ctx.axes) / ctx.count
        if grad._data.any():  # all zeros: the engine's stand-in for an unused var/std
            x_grad = cls.first.backward(ctx, grad)[0] + x_grad
        return x_grad, None, None, None


class StdMean(VarMean):
    """``torch.std_mean``: the standard deviation and the mean"""
    node_name = "StdMeanBackward0"
    first = Std
    notation = _and_mean_notation(Std)


def _remember_spread(ctx, x, axes, correction, name):
    """What var's and std's backward need: x's shape, the axes, and n - correction."""
    if x._data.dtype.kind != "f":
        raise RuntimeError("std and var only support floating point and complex dtypes" + hint(
            f"; convert first, e.g. x.float().{name}()", f"；先转换，例如 x.float().{name}()"))
    ctx.shape, ctx.axes, ctx.divisor = x._data.shape, axes, _count(x, axes) - correction
    if ctx.divisor <= 0:
        warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than "
             f"the reduction factor (input numel divided by output numel).")


def _variance(data, axes, divisor, keepdim):
    """Σ (xᵢ - x̄)² / divisor, the divisor no less than 0 (then the result is nan or inf,
    as in PyTorch: NumPy's var would add a warning of its own)."""
    squares = np.square(data - average(data, axes, keepdims=True))
    return squares.sum(axis=axes, keepdims=keepdim) / (divisor if divisor > 0 else 0)


def average(data, axes, keepdims):
    """NumPy's mean (float16 summed in float32), without its warning for the mean of no
    elements: PyTorch gives nan silently."""
    count = int(np.prod([data.shape[a] for a in axes], dtype=np.int64))
    total = data.sum(axis=axes, keepdims=keepdims,
                     dtype=np.float32 if data.dtype == np.float16 else None)
    return (total / count).astype(data.dtype, copy=False)


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
        return average(data, axes, keepdim)

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
    name = "max"
    notation = Notation("max", "max({0})", Local(
        "𝟙({0} = max({0})) / ∑𝟙({0} = max({0}))", lambda x, out: (x == out) / np.sum(x == out)))
    numpy_op = staticmethod(np.max)

    @staticmethod
    def forward(ctx, x):
        _check_not_empty(ctx.function.name, x, None)
        out = from_numpy(np.asarray(ctx.function.numpy_op(x._data)))
        ctx.save_for_backward(x, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        # a NaN wins (the result is NaN), and NaN == NaN is false: look for NaNs instead
        winners = from_numpy(np.isnan(x._data) if np.isnan(out._data) else x._data == out._data)
        return grad * winners / winners._data.sum()


class Min(Extreme):
    node_name = "MinBackward1"
    name = "min"
    notation = Notation("min", "min({0})", Local(
        "𝟙({0} = min({0})) / ∑𝟙({0} = min({0}))", lambda x, out: (x == out) / np.sum(x == out)))
    numpy_op = staticmethod(np.min)


def _check_not_empty(name, x, axes):
    """A max or min needs something to choose from: PyTorch's errors when it has nothing
    (``axes`` None: over all elements)."""
    if axes is None:
        if x._data.size == 0:
            raise RuntimeError(f"{name}(): Expected reduction dim to be specified for "
                               f"input.numel() == 0. Specify the reduction dim with the 'dim' "
                               f"argument.")
        return
    for axis in axes:
        if x._data.shape[axis] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {axis} to have non-zero size.")


class ExtremeDim(Function):
    """(values, indices) = max (or min) along ``dim``;  the gradient goes to the
    element at the returned index"""
    node_name = "MaxBackward0"
    name = "max"
    notation = Notation("max", lambda args: f"{{0}}.max(dim={args[1]})",
                        Rule(lambda args: f"one_hot(argmax({{0}}, dim={args[1]})) × {{g}}",
                             lambda g, x, dim, keepdim, out: _at_indices(g[0], x, dim, keepdim, out[1])))
    numpy_arg = staticmethod(np.argmax)

    @staticmethod
    def forward(ctx, x, dim, keepdim):
        _check_not_empty(ctx.function.name, x, (dim,) if x._data.ndim else ())
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
    name = "min"
    notation = Notation("min", lambda args: f"{{0}}.min(dim={args[1]})",
                        Rule(lambda args: f"one_hot(argmin({{0}}, dim={args[1]})) × {{g}}",
                             lambda g, x, dim, keepdim, out: _at_indices(g[0], x, dim, keepdim, out[1])))
    numpy_arg = staticmethod(np.argmin)


def _extreme_notation(name):
    """amax's and amin's: 𝟙(x = max) / ∑𝟙(x = max) of the gradient stretched back."""
    def result(args):
        return f"{name}({{0}})" if _all_dims(args) else f"{{0}}.a{name}({_dims_text(args)})"
    return Notation(name, result, Rule(
        lambda args: f"{_spread_text(*args[:3])} × 𝟙({{0}} = {result(args)}) / "
                     f"∑𝟙({{0}} = {result(args)})",
        lambda g, x, axes, keepdim, all_dims, out: _shared(g, x, axes, out)))


class Amax(Function):
    """out = the largest element (along ``dims``);  elements tied for it share the gradient
    evenly, 1/count each (max(dim) instead gives all of it to the one it returns)"""
    node_name = "AmaxBackward0"
    name = "amax"
    notation = _extreme_notation("max")
    numpy_op = staticmethod(np.max)

    @staticmethod
    def forward(ctx, x, axes, keepdim, all_dims):
        _check_not_empty(ctx.function.name, x, None if all_dims else axes)
        out = from_numpy(np.asarray(ctx.function.numpy_op(x._data, axis=axes, keepdims=keepdim)))
        ctx.save_for_backward(x, out)
        ctx.axes = axes
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        return _among_ties(grad, x, out, ctx.axes), None, None, None


def _among_ties(grad, x, out, axes):
    """The gradient of a max or min, shared evenly among the elements equal to it."""
    winners = x._data == out._data.reshape(_kept_shape(x._data.shape, axes))
    count = winners.sum(axis=axes, keepdims=True)
    return _spread(grad, x._data.shape, axes) / from_numpy(count) * from_numpy(winners)


class Amin(Amax):
    node_name = "AminBackward0"
    name = "amin"
    notation = _extreme_notation("min")
    numpy_op = staticmethod(np.min)


class Logsumexp(Function):
    """out = log Σ exp(xᵢ), computed as m + log Σ exp(xᵢ - m) with m the largest xᵢ, so
    that exp cannot overflow;  ∂out/∂xᵢ = exp(xᵢ - out), the softmax of x"""
    node_name = "LogsumexpBackward0"
    notation = Notation("logsumexp", lambda args: "logsumexp({0})" if _all_dims(args) else
                        f"{{0}}.logsumexp({_dims_text(args)})",
                        Rule(lambda args: f"{_spread_text(*args)} × softmax({{0}})",
                             lambda g, x, axes, keepdim, out: spread(g, x.shape, axes) * np.exp(
                                 x - spread(out, x.shape, axes)),
                             local="softmax({0})"))

    @staticmethod
    def forward(ctx, x, axes, keepdim):
        data = float_array(x._data)
        largest = np.max(data, axis=axes, keepdims=True) if data.size else np.zeros(())
        shift = np.where(np.isinf(largest), 0, largest)  # all -inf (or an inf): no shift
        total = np.exp(data - shift).sum(axis=axes, keepdims=True)
        out = np.log(total) + shift
        out = from_numpy(out if keepdim else np.squeeze(out, axis=axes))
        ctx.save_for_backward(x, out)
        ctx.axes = axes
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        shape = x._data.shape
        return _spread(grad, shape, ctx.axes) * (x - _spread(out, shape, ctx.axes)).exp(), None, None


class Prod(Function):
    """out = Π xᵢ;  ∂out/∂xᵢ = the product of the other elements: out / xᵢ when no
    element is 0 (PyTorch's formula), else multiplied out without xᵢ"""
    node_name = "ProdBackward0"
    notation = Notation("∏", lambda args: "∏ {0}" if args[1] is None else
                        f"{{0}}.prod({args[1]}{', keepdim=True' * (args[2] is True)})",
                        Rule(lambda args: f"{_prod_spread_text(args)} × ∏ⱼ≠ᵢ {{0}}ⱼ",
                             lambda g, x, dim, keepdim, dtype, out: _prod_gradient(g, x, dim),
                             local="∏ⱼ≠ᵢ {0}ⱼ"))

    @staticmethod
    def forward(ctx, x, dim, keepdim, dtype):
        data = x._data
        if dtype is None and data.dtype.kind in "bi":  # integer products are int64
            dtype = dtypes.int64
        axis = dim if data.ndim else None  # a 0-d tensor takes dim 0 or -1
        out = from_numpy(np.asarray(np.prod(data, axis=axis, keepdims=keepdim,
                                            dtype=None if dtype is None else dtype.numpy)))
        ctx.save_for_backward(x, out)
        ctx.dim, ctx.keepdim = dim, keepdim
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        if x._data.ndim == 0:
            return grad, None, None, None
        if ctx.dim is not None and not ctx.keepdim:
            grad, out = grad.unsqueeze(ctx.dim), out.unsqueeze(ctx.dim)
        if not (x._data == 0).any():
            return grad * (out / x), None, None, None
        if ctx.dim is None:  # all elements: one long slice
            return grad * _product_of_others(x.reshape(-1), 0).reshape(x.shape), None, None, None
        return grad * _product_of_others(x, ctx.dim), None, None, None


class ProdDim(Prod):
    node_name = "ProdBackward1"


def _product_of_others(x, dim):
    """For each element, the product of the other elements of its slice along ``dim``,
    without dividing by anything (the slice has zeros).

    For one backward, the way PyTorch does it: the running products from the left and
    from the right, [1, a, ab] × [bc, c, 1]. For create_graph=True (a second derivative),
    with ops it can differentiate: the slice repeated once per element, that element
    replaced by 1, and each copy multiplied out."""
    if not is_grad_enabled():
        return from_numpy(_others_product(x._data, dim))
    n = x._data.shape[dim]
    copies = x.unsqueeze(dim).expand(*x.shape[:dim], n, n, *x.shape[dim + 1:])
    itself = np.eye(n, dtype=bool).reshape((n, n) + (1,) * (x._data.ndim - dim - 1))
    return where(from_numpy(itself), 1.0, copies).prod(dim + 1)


class Norm(Function):
    """out = ‖x‖ₚ = (Σ |xᵢ|ᵖ)^(1/p): p = 2 the length √(Σ xᵢ²), p = 1 the sum of
    |xᵢ|, p = ∞ the largest |xᵢ|, p = 0 how many xᵢ are not 0.
    ∂out/∂xᵢ = xᵢ / ‖x‖ for p = 2 (0 where ‖x‖ = 0), sign(xᵢ) for p = 1, sign(xᵢ) shared
    evenly by the largest |xᵢ| for p = ∞, none for p = 0, and sign(xᵢ)·|xᵢ|^(p-1) / ‖x‖^(p-1)
    in general (PyTorch's linalg_vector_norm_backward, case by case)"""
    node_name = "LinalgVectorNormBackward0"
    notation = Notation("‖x‖", lambda args: _norm_text(args),
                        Rule(lambda args: f"{_spread_text(*args[:3])} × {_norm_local(args)}",
                             lambda g, x, axes, keepdim, p, out: _norm_gradient(g, x, axes, p, out),
                             local=lambda args: _norm_local(args)))

    @staticmethod
    def forward(ctx, x, axes, keepdim, p):
        if x._data.dtype.kind != "f":
            raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor "
                               f"as input. Got {dtypes.SCALAR_TYPE_NAME[x.dtype]}")
        size = np.abs(x._data)
        if p == 2:
            out = np.sqrt(np.sum(x._data * x._data, axis=axes, keepdims=keepdim))
        elif p == 1:
            out = np.sum(size, axis=axes, keepdims=keepdim)
        elif np.isinf(p):
            out = (np.max if p > 0 else np.min)(size, axis=axes, keepdims=keepdim)
        elif p == 0:
            out = np.sum(size != 0, axis=axes, keepdims=keepdim).astype(size.dtype)
        else:
            out = np.sum(size ** p, axis=axes, keepdims=keepdim) ** (1 / p)
        out = from_numpy(np.asarray(out, dtype=size.dtype))
        ctx.save_for_backward(x, out)
        ctx.axes, ctx.p = axes, p
        return out

    @staticmethod
    def backward(ctx, grad, *_):
        x, out = ctx.saved_tensors
        p, shape = ctx.p, x._data.shape
        grad, norm = _spread(grad, shape, ctx.axes), _spread(out, shape, ctx.axes)
        if p == 0:  # a count: no gradient at all (PyTorch leaves x out of the graph's answer)
            return None, None, None, None
        zero = zeros_like(x)
        if p == 1:
            return x.sign() * grad, None, None, None
        if p == 2:  # divide by the norm tensor itself, so that create_graph=True can go on
            return grad * where(norm == 0, zero, x / norm), None, None, None
        if np.isinf(p):  # the largest (smallest) |xᵢ| share it, as amax's ties do
            winners = (x.abs() == norm) | x.isnan()
            count = winners._data.sum(axis=ctx.axes, keepdims=True)
            return x.sign() * (grad / from_numpy(count) * winners), None, None, None
        if p < 1:
            scaled = x.sign() * where(x == 0, zero, x.abs() ** (p - 1))
            return scaled * grad * norm ** (1 - p), None, None, None
        scaled = x.sign() * x.abs() ** (p - 1) if p < 2 else x * x.abs() ** (p - 2)
        return scaled * where(norm == 0, zero, grad / norm ** (p - 1)), None, None, None


def _others_product(data, dim):
    """NumPy: each element's product of the others along ``dim``, as PyTorch computes it:
    the running products from the left and from the right, [1, a, ab] × [bc, c, 1]."""
    data = np.moveaxis(data, dim, -1)
    unit = np.ones(data.shape[:-1] + (1,), dtype=data.dtype)
    left = np.cumprod(np.concatenate([unit, data[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([unit, data[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return np.moveaxis(left * right, -1, dim)


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


def _shared(g, x, axes, out):
    """amax/amin: the gradient shared evenly among the elements equal to the result."""
    winners = x == spread(out, x.shape, axes)
    return spread(g, x.shape, axes) * winners / winners.sum(axis=axes, keepdims=True)


def _prod_spread_text(args):
    x, dim, keepdim = args[:3]
    return _spread_text(x, tuple(range(len(x.shape))) if dim is None else (dim,), keepdim)


def _prod_gradient(g, x, dim):
    if np.ndim(x) == 0:
        return g * np.ones(())
    if dim is None:
        return g * _others_product(np.reshape(x, -1), 0).reshape(np.shape(x))
    return spread(g, x.shape, (dim,)) * _others_product(x, dim)


def _norm_text(args):
    """‖x‖, ‖x‖₁, ‖x‖∞, or x.norm(3, dim=1)."""
    p = args[3]
    if not _all_dims(args):
        return f"{{0}}.norm({number(p)}, dim={_dims_text(args)})"
    names = {2: "", 1: "₁", 0: "₀", np.inf: "∞", -np.inf: "₋∞"}
    return f"‖{{0}}‖{names[p]}" if p in names else f"‖{{0}}‖_{number(p)}"


def _norm_local(args):
    """∂‖x‖ₚ/∂x for the norm's p (see Norm)."""
    x, p = "{0}", args[3]
    norm = _norm_text((args[0], tuple(range(len(args[0].shape))), False, p))
    if p == 0:
        return "0"
    if p == 1:
        return f"sign({x})"
    if p == 2:
        return f"{x}/{norm}"
    if np.isinf(p):
        return f"sign({x}) × 𝟙(|{x}| = {norm}) / ∑𝟙(|{x}| = {norm})"
    return f"sign({x}) × {power(f'|{x}|', p - 1)} / {power(norm, p - 1)}"


def _norm_gradient(g, x, axes, p, out):
    """The norm's backward in NumPy, PyTorch's case by case (see Norm)."""
    g, norm = spread(g, x.shape, axes), spread(out, x.shape, axes)
    if p == 0:
        return np.zeros(x.shape)
    if p == 1:
        return np.sign(x) * g
    if p == 2:
        return np.where(norm == 0, 0, g * x / norm)
    if np.isinf(p):
        winners = (np.abs(x) == norm) | np.isnan(x)
        return np.sign(x) * g * winners / winners.sum(axis=axes, keepdims=True)
    if p < 1:
        return np.sign(x) * np.where(x == 0, 0, np.abs(x) ** (p - 1)) * g * norm ** (1 - p)
    scaled = np.sign(x) * np.abs(x) ** (p - 1) if p < 2 else x * np.abs(x) ** (p - 2)
    return scaled * np.where(norm == 0, 0, g / norm ** (p - 1))


def sum(input, dim=None, keepdim=False, dtype=None):
    axes = normalize_dims(dim, input._data.ndim)
    op = Sum if dim is None else SumDim
    return op.apply(input, axes, keepdim, dtype)


def cumsum(input, dim, dtype=None):  # a 0-d tensor takes dim 0 or -1
    return Cumsum.apply(input, _dim(dim, input._data.ndim or 1), dtype)


def cumprod(input, dim, dtype=None):
    return Cumprod.apply(input, _dim(dim, input._data.ndim or 1), dtype)


def var(input, dim=None, correction=1, keepdim=False):
    return Var.apply(input, normalize_dims(dim, input._data.ndim), correction, keepdim)


def std(input, dim=None, correction=1, keepdim=False):
    return Std.apply(input, normalize_dims(dim, input._data.ndim), correction, keepdim)


def var_mean(input, dim=None, correction=1, keepdim=False):
    return VarMean.apply(input, normalize_dims(dim, input._data.ndim), correction, keepdim)


def std_mean(input, dim=None, correction=1, keepdim=False):
    return StdMean.apply(input, normalize_dims(dim, input._data.ndim), correction, keepdim)


def mean(input, dim=None, keepdim=False, dtype=None):
    axes = normalize_dims(dim, input._data.ndim)
    op = Mean if dim is None else MeanDim
    return op.apply(input, axes, keepdim, dtype)


def _values_and_indices(name, fields=("values", "indices")):
    """What max(dim), min(dim), sort, topk and aminmax return, printed as PyTorch prints it."""
    result = namedtuple(name, fields)
    result.__repr__ = lambda self: (f"torch.return_types.{name}(\n" + ",\n".join(
        f"{field}={value!r}" for field, value in zip(fields, self)) + ")")
    return result


MaxResult, MinResult, SortResult, TopkResult = map(_values_and_indices,
                                                   ("max", "min", "sort", "topk"))
AminmaxResult = _values_and_indices("aminmax", ("min", "max"))


class Aminmax(Function):
    """(the smallest, the largest) element at once;  each one's gradient is shared evenly
    among the elements tied for it, as amin's and amax's"""
    node_name = "AminmaxBackward0"
    notation = Notation("min, max", lambda args: "aminmax({0})" if _all_dims(args) else
                        f"{{0}}.aminmax({_dims_text(args)})",
                        Rule("{g}₁ shared by the minima + {g}₂ shared by the maxima",
                             lambda g, x, axes, keepdim, all_dims, out:
                                 _shared(g[0], x, axes, out[0]) + _shared(g[1], x, axes, out[1])))

    @staticmethod
    def forward(ctx, x, axes, keepdim, all_dims):
        if x._data.size == 0:  # PyTorch words it its own way for aminmax
            raise (RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                                "the operation has no identity.") if all_dims else
                   IndexError(f"aminmax: Expected reduction dim {axes[0]} to have non-zero size."))
        low, high = (from_numpy(np.asarray(op(x._data, axis=axes, keepdims=keepdim)))
                     for op in (np.min, np.max))
        ctx.save_for_backward(x, low, high)
        ctx.axes = axes
        return low, high

    @staticmethod
    def backward(ctx, grad_min, grad_max):
        x, low, high = ctx.saved_tensors
        return (_among_ties(grad_min, x, low, ctx.axes) + _among_ties(grad_max, x, high, ctx.axes),
                None, None, None)


def aminmax(input, *, dim=None, keepdim=False):
    """``torch.aminmax(x)``: (min, max) of all elements, or along one ``dim``."""
    axes = normalize_dims(dim, input._data.ndim)
    return AminmaxResult(*Aminmax.apply(input, axes, keepdim, dim is None))


class Sort(Index):
    """The values in order along ``dim``;  each gradient goes back to where its value was"""
    node_name = "SortBackward0"


class Topk(Index):
    """The k largest (or smallest) values along ``dim``;  their gradients go back to where
    they were, the others get 0"""
    node_name = "TopkBackward0"


def _picked(op, x, dim, order):
    """``x``'s values at ``order`` (indices along ``dim``), as a differentiable pick."""
    key = tuple(order if d == dim else np.arange(n).reshape((-1,) + (1,) * (order.ndim - d - 1))
                for d, n in enumerate(order.shape))
    return op.apply(x, key), from_numpy(order.astype(np.int64))


def argsort(input, dim=-1, descending=False, stable=False):
    data = input._data if input._data.ndim else input._data.reshape(1)
    d = _dim(dim, data.ndim)
    # stable, so that equal values keep their order (PyTorch's CPU sort does for these sizes)
    order = np.argsort(-data if descending else data, axis=d, kind="stable")
    return from_numpy(order.astype(np.int64).reshape(input._data.shape))


def sort(input, dim=-1, descending=False, stable=False):
    order = argsort(input, dim, descending)._data
    if input._data.ndim == 0:
        return SortResult(input.clone(), from_numpy(np.zeros((), dtype=np.int64)))
    return SortResult(*_picked(Sort, input, _dim(dim, input._data.ndim), order))


def topk(input, k, dim=-1, largest=True, sorted=True):
    d = _dim(dim, input._data.ndim or 1)  # (max is the op here)
    if not 0 <= k <= (input._data.shape[d] if input._data.ndim else 1):
        raise RuntimeError("selected index k out of range")
    order = argsort(input, d, descending=largest)._data
    if input._data.ndim == 0:
        return TopkResult(input.clone(), from_numpy(np.zeros((), dtype=np.int64)))
    return TopkResult(*_picked(Topk, input, d, np.take(order, np.arange(k), axis=d)))


def max(input, dim=None, keepdim=False):
    if isinstance(dim, Tensor):  # torch.max(a, b): elementwise maximum
        return maximum(input, dim)
    if dim is None:
        return Extreme.apply(input)
    return MaxResult(*ExtremeDim.apply(input, _dim(dim, input._data.ndim), keepdim))


def min(input, dim=None, keepdim=False):
    if isinstance(dim, Tensor):
        return minimum(input, dim)
    if dim is None:
        return Min.apply(input)
    return MinResult(*MinDim.apply(input, _dim(dim, input._data.ndim), keepdim))


def amax(input, dim=(), keepdim=False):
    return Amax.apply(input, normalize_dims(dim, input._data.ndim), keepdim, dim in ((), []))


def amin(input, dim=(), keepdim=False):
    return Amin.apply(input, normalize_dims(dim, input._data.ndim), keepdim, dim in ((), []))


def logsumexp(input, dim, keepdim=False):
    return Logsumexp.apply(input, normalize_dims(dim, input._data.ndim), keepdim)


def prod(input, dim=None, keepdim=False, dtype=None):
    if dim is None:
        return Prod.apply(input, None, False, dtype)
    if isinstance(dim, (tuple, list)):
        raise TypeError(f"prod(): argument 'dim' must be int, not {type(dim).__name__}")
    return ProdDim.apply(input, _dim(dim, input._data.ndim), keepdim, dtype)


def argmax(input, dim=None, keepdim=False):
    return _arg(np.argmax, input, dim, keepdim)


def argmin(input, dim=None, keepdim=False):
    return _arg(np.argmin, input, dim, keepdim)


def _arg(numpy_arg, x, dim, keepdim):
    name = numpy_arg.__name__
    if dim is None:
        if x._data.size == 0:  # PyTorch raises an IndexError here, a RuntimeError for max()
            raise IndexError(f"{name}(): Expected reduction dim to be specified for "
                             f"input.numel() == 0.")
        index = numpy_arg(x._data)
        return from_numpy(np.full((1,) * x._data.ndim if keepdim else (), index, dtype=np.int64))
    d = _dim(dim, x._data.ndim)
    _check_not_empty(name, x, (d,))
    return from_numpy(numpy_arg(x._data, axis=d, keepdims=keepdim).astype(np.int64))


def norm(input, p="fro", dim=None, keepdim=False):
    """The vector norm of the input (over ``dim``): p = 2 (and "fro") the length, 1, inf, -inf, 0,
    or any other number."""
    if isinstance(p, str) and p != "fro":
        raise RuntimeError(f"minigrad's norm takes a number p (or 'fro'), not {p!r}")
    return Norm.apply(input, normalize_dims(dim, input._data.ndim), keepdim, 2 if p == "fro" else p)


def logical_reduce(numpy_op, x, dim=None, keepdim=False):
    axis = None if dim is None else normalize_dims(dim, x._data.ndim)
    return from_numpy(np.asarray(numpy_op(x._data, axis=axis, keepdims=keepdim)))
