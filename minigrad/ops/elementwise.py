"""Functions applied to each element: exp, log, sin, tanh, sigmoid, relu, clamp ...

Each backward multiplies the incoming gradient by the function's derivative at that
element. Most ops here have one shape, ``Elementwise``, and say only what is their own:
the function, its gradient and its mathematics.
"""
import math

import numpy as np

from .. import dtypes
from ..autograd.function import Function
from ..autograd.notation import Local, Notation, number, ones, zeros
from ..creation import from_numpy, tensor, zeros_like
from ..dtypes import SCALAR_TYPE_NAME, float_array, result_type, scalar_array
from ..tensor import Tensor
from .broadcasting import broadcast_shape, operand, scalar_like, sum_to, tensor_argument

INPUT, RESULT = "input", "result"  # which tensor an op keeps for its backward
# ln 2 and ln 10 as PyTorch writes them in its log2/log10 derivatives (LN10 is one bit
# off: the gradients would differ in their last digit)
LN2, LN10 = 0.6931471805599453, 2.3025850929940456


# -- one tensor in, one out: out = f(x) --------------------------------------------------------
class Elementwise(Function):
    """out = f(x), element by element. An op of this shape gives

    - ``f``: the NumPy function computing out from x's array;
    - ``gradient(grad, kept)``: the incoming gradient times f′, written with minigrad ops
      so that it can be differentiated again (``create_graph=True``);
    - ``saves``: what ``kept`` is — the INPUT x (``grad_fn._saved_self``), the RESULT out
      (``grad_fn._saved_result``) where the derivative is simplest in terms of it,
      (eˣ)′ = eˣ, tanh′ = 1 − tanh², σ′ = σ(1 − σ), as PyTorch does; or None;
    - PyTorch's ``node_name`` and the ``notation`` captions are drawn from.

    Integer input gives the default float (eˣ of an integer is not one), unless the op
    ``keeps_dtype`` (|x|, relu, round of an integer are integers).
    """
    saves = INPUT
    keeps_dtype = False

    @classmethod
    def forward(cls, ctx, x):
        out = cls.f(x._data if cls.keeps_dtype else float_array(x._data))
        if cls.saves is INPUT:
            ctx.save_for_backward(x)
        elif cls.saves is RESULT:  # the very tensor forward returns, so that it is saved as
            out = Tensor._make(np.asarray(out))  # the node's output, not as a new input
            ctx.save_for_backward(out)
        return out

    @classmethod
    def backward(cls, ctx, grad):
        return cls.gradient(grad, *ctx.saved_tensors)


class Exp(Elementwise):
    """out = eˣ;  ∂out/∂x = eˣ = out"""
    node_name, f, saves = "ExpBackward0", np.exp, RESULT
    gradient = lambda grad, out: grad * out
    notation = Notation("exp", "exp({0})", Local("exp({0})", lambda x, out: out))


class Expm1(Elementwise):
    """out = eˣ − 1, exact for tiny x;  ∂out/∂x = eˣ = out + 1"""
    node_name, f, saves = "Expm1Backward0", np.expm1, RESULT
    gradient = lambda grad, out: grad * (out + 1)
    notation = Notation("eˣ−1", "e^{0} − 1", Local("e^{0}", lambda x, out: out + 1))


class Log(Elementwise):
    """out = ln x;  ∂out/∂x = 1/x"""
    node_name, f = "LogBackward0", np.log
    gradient = lambda grad, x: grad / x
    notation = Notation("ln", "ln({0})", Local("1/{0}", lambda x, out: 1 / x))


class Log1p(Elementwise):
    """out = ln(1 + x), exact for tiny x;  ∂out/∂x = 1/(1 + x)"""
    node_name, f = "Log1PBackward0", np.log1p
    gradient = lambda grad, x: grad / (1 + x)
    notation = Notation("ln(1+x)", "ln(1 + {0})", Local("1/(1 + {0})", lambda x, out: 1 / (1 + x)))


class Log2(Elementwise):
    """out = log₂ x = ln x / ln 2;  ∂out/∂x = 1/(x ln 2)"""
    node_name, f = "Log2Backward0", np.log2
    gradient = lambda grad, x: grad / (x * LN2)
    notation = Notation("log₂", "log₂({0})", Local("1/({0} ln 2)", lambda x, out: 1 / (x * LN2)))


class Log10(Elementwise):
    """out = log₁₀ x = ln x / ln 10;  ∂out/∂x = 1/(x ln 10)"""
    node_name, f = "Log10Backward0", np.log10
    gradient = lambda grad, x: grad / (x * LN10)
    notation = Notation("log₁₀", "log₁₀({0})",
                        Local("1/({0} ln 10)", lambda x, out: 1 / (x * LN10)))


class Sin(Elementwise):
    """out = sin x;  ∂out/∂x = cos x"""
    node_name, f = "SinBackward0", np.sin
    gradient = lambda grad, x: grad * x.cos()
    notation = Notation("sin", "sin({0})", Local("cos({0})", lambda x, out: np.cos(x)))


class Cos(Elementwise):
    """out = cos x;  ∂out/∂x = −sin x"""
    node_name, f = "CosBackward0", np.cos
    gradient = lambda grad, x: -grad * x.sin()
    notation = Notation("cos", "cos({0})", Local("−sin({0})", lambda x, out: -np.sin(x)))


class Tan(Elementwise):
    """out = tan x;  ∂out/∂x = 1 + tan² x = 1 + out²"""
    node_name, f, saves = "TanBackward0", np.tan, RESULT
    gradient = lambda grad, out: grad * (1 + out * out)
    notation = Notation("tan", "tan({0})", Local("1 + tan²({0})", lambda x, out: 1 + out * out))


class Asin(Elementwise):
    """out = arcsin x;  ∂out/∂x = 1/√(1 − x²)"""
    node_name, f = "AsinBackward0", np.arcsin
    gradient = lambda grad, x: grad / (1 - x * x).sqrt()
    notation = Notation("arcsin", "arcsin({0})",
                        Local("1/√(1 − {0}²)", lambda x, out: 1 / np.sqrt(1 - x * x)))


class Acos(Elementwise):
    """out = arccos x;  ∂out/∂x = −1/√(1 − x²)"""
    node_name, f = "AcosBackward0", np.arccos
    gradient = lambda grad, x: -grad / (1 - x * x).sqrt()
    notation = Notation("arccos", "arccos({0})",
                        Local("−1/√(1 − {0}²)", lambda x, out: -1 / np.sqrt(1 - x * x)))


class Atan(Elementwise):
    """out = arctan x;  ∂out/∂x = 1/(1 + x²)"""
    node_name, f = "AtanBackward0", np.arctan
    gradient = lambda grad, x: grad / (1 + x * x)
    notation = Notation("arctan", "arctan({0})", Local("1/(1 + {0}²)", lambda x, out: 1 / (1 + x * x)))


class Sinh(Elementwise):
    """out = sinh x = (eˣ − e⁻ˣ)/2;  ∂out/∂x = cosh x"""
    node_name, f = "SinhBackward0", np.sinh
    gradient = lambda grad, x: grad * x.cosh()
    notation = Notation("sinh", "sinh({0})", Local("cosh({0})", lambda x, out: np.cosh(x)))


class Cosh(Elementwise):
    """out = cosh x = (eˣ + e⁻ˣ)/2;  ∂out/∂x = sinh x"""
    node_name, f = "CoshBackward0", np.cosh
    gradient = lambda grad, x: grad * x.sinh()
    notation = Notation("cosh", "cosh({0})", Local("sinh({0})", lambda x, out: np.sinh(x)))


_erf = np.vectorize(math.erf, otypes=[np.float64])


class Erf(Elementwise):
    """out = erf x = (2/√π) ∫₀ˣ e^(−t²) dt (the normal distribution's integral; GELU uses it);
    ∂out/∂x = (2/√π) e^(−x²)"""
    node_name = "ErfBackward0"
    f = staticmethod(lambda x: _erf(x).astype(x.dtype))
    gradient = lambda grad, x: grad * (2 / math.sqrt(math.pi)) * (-x * x).exp()
    notation = Notation("erf", "erf({0})", Local("(2/√π) e^(−{0}²)",
                                                 lambda x, out: 2 / math.sqrt(math.pi) * np.exp(-x * x)))


class Tanh(Elementwise):
    """out = tanh x;  ∂out/∂x = 1 − tanh² x = 1 − out²"""
    node_name, f, saves = "TanhBackward0", np.tanh, RESULT
    gradient = lambda grad, out: grad * (1 - out * out)
    notation = Notation("tanh", "tanh({0})", Local("1 − tanh²({0})", lambda x, out: 1 - out * out))


class Sigmoid(Elementwise):
    """out = σ(x) = 1 / (1 + e⁻ˣ);  ∂out/∂x = σ(x)(1 − σ(x)) = out · (1 − out)"""
    node_name, saves = "SigmoidBackward0", RESULT
    # PyTorch's formula: for x < -88 (float32) e⁻ˣ overflows to inf and σ(x) is exactly 0,
    # never nan
    f = lambda x: 1 / (1 + np.exp(-x))
    gradient = lambda grad, out: grad * out * (1 - out)
    notation = Notation("σ", "σ({0})", Local("σ({0}) × (1 − σ({0}))", lambda x, out: out * (1 - out)))


class Rsqrt(Elementwise):
    """out = 1/√x;  ∂out/∂x = −1/(2 x√x) = −out³/2"""
    node_name, f, saves = "RsqrtBackward0", (lambda x: 1 / np.sqrt(x)), RESULT
    gradient = lambda grad, out: grad * out ** 3 * -0.5
    notation = Notation("1/√", "1/√{0}", Local("−1/(2{0}√{0})", lambda x, out: -0.5 * out ** 3))


def _frac(x):
    if x.dtype.kind != "f":  # an integer has no part after the point: PyTorch refuses
        raise NotImplementedError(f'"frac_cpu" not implemented for '
                                  f"'{SCALAR_TYPE_NAME[dtypes.from_numpy(x.dtype)]}'")
    return x - np.trunc(x)


class Frac(Elementwise):
    """out = x − trunc(x), the part after the point;  ∂out/∂x = 1 (between the jumps)"""
    node_name, f, saves, keeps_dtype = "FracBackward0", _frac, None, True
    gradient = lambda grad: grad
    notation = Notation("frac", "frac({0})", Local("1", ones))


class Sqrt(Elementwise):
    """out = √x;  ∂out/∂x = 1 / (2√x) = 1 / (2 · out)"""
    node_name, f, saves = "SqrtBackward0", np.sqrt, RESULT
    gradient = lambda grad, out: grad / (2 * out)
    notation = Notation("√", "√{0}", Local("1/(2√{0})", lambda x, out: 1 / (2 * out)), infix=True)


def _abs(x):
    if x.dtype == bool:
        raise NotImplementedError('"abs_cpu" not implemented for \'Bool\'')
    return np.abs(x)


class Abs(Elementwise):
    """out = |x|;  ∂out/∂x = sign(x) (0 at x = 0)"""
    node_name, f, keeps_dtype = "AbsBackward0", _abs, True
    gradient = lambda grad, x: grad * sign(x)
    notation = Notation("|x|", "|{0}|", Local("sign({0})", lambda x, out: np.sign(x)))


def _relu(x):
    if x.dtype == bool:
        raise RuntimeError("Boolean inputs not supported for relu")
    return np.maximum(x, 0, dtype=x.dtype)


class Relu(Elementwise):
    """out = max(x, 0);  ∂out/∂x = 1 where x > 0, else 0 (also at x = 0, as in PyTorch)"""
    node_name, f, saves, keeps_dtype = "ReluBackward0", _relu, RESULT, True
    gradient = lambda grad, out: ReluGrad.apply(grad, out)
    notation = Notation("relu", "relu({0})", Local("𝟙({0} > 0)", lambda x, out: out > 0))


class ReluGrad(Function):
    """relu's backward as an op of its own (PyTorch's threshold_backward): the gradient
    passes where out > 0. Its derivative with respect to ``out`` is 0, but the edge is
    there, so a second derivative of relu comes out as zeros (as in PyTorch), not None."""
    node_name = "ThresholdBackwardBackward0"
    notation = Notation("relu′", "relu′({1}) × {0}", Local("relu′({1})", lambda g, o, out: o > 0),
                        Local("0", lambda g, o, out: zeros(o)))

    @staticmethod
    def forward(ctx, grad, out):
        ctx.passes = ~(out._data <= 0)  # NaN passes too: relu(nan) is nan, with gradient 1
        return grad._data * ctx.passes

    @staticmethod
    def backward(ctx, grad):
        return grad * from_numpy(ctx.passes), zeros_like(grad)


class Step(Elementwise):
    """A step function (sign, round, floor, ceil, trunc): flat between its jumps, so its
    derivative is 0 wherever it exists and backward needs nothing kept. Integers stay
    integers."""
    saves, keeps_dtype = None, True
    gradient = lambda grad: zeros_like(grad)


def _sign(x):
    if x.dtype == bool:
        return x.copy()  # True stays True
    return np.nan_to_num(np.sign(x), nan=0)  # PyTorch: sign(nan) = 0


class Sign(Step):
    """out = sign(x): −1, 0 or 1"""
    node_name, f = "SignBackward0", _sign
    notation = Notation("sign", "sign({0})", Local("0", zeros))


class Sgn(Sign):
    """out = sgn(x), the sign (for real numbers the same as sign(x))"""
    node_name = "SgnBackward0"
    notation = Notation("sgn", "sgn({0})", Local("0", zeros))


def _rounding(numpy_function):
    """``f`` for round, floor, ceil and trunc: an integer is whole already; PyTorch refuses bools."""
    def f(x):
        if x.dtype == bool:
            raise NotImplementedError(
                f'"{numpy_function.__name__}_vml_cpu" not implemented for \'Bool\'')
        return numpy_function(x) if x.dtype.kind == "f" else x.copy()
    return f


class Round(Step):
    """out = x rounded to the nearest integer (halves to even, like PyTorch and NumPy)"""
    node_name, f = "RoundBackward0", _rounding(np.round)
    notation = Notation("round", "round({0})", Local("0", zeros))


class RoundDecimals(Function):
    """out = x rounded to ``decimals`` places (``x.round(decimals=2)``; negative: to tens,
    hundreds, ...); its derivative is 0 wherever it exists"""
    node_name = "RoundBackward1"
    notation = Notation("round", lambda args: f"round({{0}}, decimals={args[1]})", Local("0", zeros))

    @staticmethod
    def forward(ctx, x, decimals):
        if x._data.dtype.kind != "f":
            raise NotImplementedError(f'"round_cpu" not implemented for '
                                      f"'{SCALAR_TYPE_NAME[x.dtype]}'")
        return np.round(x._data, decimals)  # x·10ᵈ rounded, ÷10ᵈ, in x's dtype: PyTorch's bits

    @staticmethod
    def backward(ctx, grad):
        return zeros_like(grad), None


class Floor(Step):
    """out = the largest integer ≤ x"""
    node_name, f = "FloorBackward0", _rounding(np.floor)
    notation = Notation("⌊x⌋", "⌊{0}⌋", Local("0", zeros))


class Ceil(Step):
    """out = the smallest integer ≥ x"""
    node_name, f = "CeilBackward0", _rounding(np.ceil)
    notation = Notation("⌈x⌉", "⌈{0}⌉", Local("0", zeros))


class Trunc(Step):
    """out = x without its fractional part (towards 0)"""
    node_name, f = "TruncBackward0", _rounding(np.trunc)
    notation = Notation("trunc", "trunc({0})", Local("0", zeros))


# -- the others: bounds, choices, comparisons --------------------------------------------------
class Clamp(Function):
    """out = min(max(x, low), high);  ∂out/∂x = 1 inside [low, high] (ends included), else 0"""
    node_name = "ClampBackward1"
    notation = Notation("clamp", lambda args: f"clamp({{0}}, {_bounds(args[1], args[2])})",
                        Local(lambda args: f"𝟙({_between('{0}', args[1], args[2])})",
                              lambda x, low, high, out: _inside(x, low, high)))

    @staticmethod
    def forward(ctx, x, low, high):
        ctx.save_for_backward(x)
        ctx.low, ctx.high = low, high
        dtype = result_type(x, *(b for b in (low, high) if b is not None)).numpy
        return np.clip(x._data.astype(dtype, copy=False), low, high)

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * from_numpy(_inside(x._data, ctx.low, ctx.high)), None, None


class ClampMin(Clamp):
    """``x.clamp_min(low)``: clamp with a lower bound only (PyTorch's node of its own)"""
    node_name = "ClampMinBackward0"


class ClampMax(Clamp):
    """``x.clamp_max(high)``: clamp with an upper bound only"""
    node_name = "ClampMaxBackward0"


class ClampTensor(Function):
    """out = min(max(x, low), high) with tensor bounds;  the gradient goes to x where
    low ≤ x ≤ high (ends included), to ``low`` where x < low, to ``high`` where x > high"""
    node_name = "ClampBackward0"
    notation = Notation("clamp", "clamp({0}, {1}, {2})",
                        Local("𝟙({1} ≤ {0} ≤ {2})", lambda x, low, high, out: (low <= x) & (x <= high)),
                        Local("𝟙({0} < {1})", lambda x, low, high, out: x < low),
                        Local("𝟙({0} > {2})", lambda x, low, high, out: x > high))

    @staticmethod
    def forward(ctx, x, low, high):
        ctx.save_for_backward(x, low, high)
        dtype = result_type(x, low, high).numpy
        broadcast_shape(broadcast_shape(x._data.shape, low._data.shape), high._data.shape)
        return np.minimum(np.maximum(x._data.astype(dtype, copy=False), low._data), high._data)

    @staticmethod
    def backward(ctx, grad):
        x, low, high = ctx.saved_tensors
        zero = zeros_like(grad)
        below, above = x < low, x > high
        needs = ctx.needs_input_grad
        return (where(below | above, zero, grad) if needs[0] else None,
                where(below, grad, zero) if needs[1] else None,
                where(above, grad, zero) if needs[2] else None)


def _no_bound(x, side):
    """A missing clamp bound as a constant that never binds: PyTorch's ClampBackward0
    still has an edge (None, 0) for it."""
    dtype = x._data.dtype
    info = np.finfo(dtype) if dtype.kind == "f" else np.iinfo(dtype)
    extreme = (-np.inf if side == "min" else np.inf) if dtype.kind == "f" else (
        info.min if side == "min" else info.max)
    return Tensor._make(np.array(extreme, dtype=dtype))


class Where(Function):
    """out = a where cond else b;  the gradient goes to whichever side was chosen"""
    node_name = "WhereBackward0"
    notation = Notation("where", "where(…, {0}, {1})",
                        Local("𝟙(condition)", lambda a, b, cond, out: cond * ones(out)),
                        Local("𝟙(not condition)", lambda a, b, cond, out: ~cond * ones(out)))

    @staticmethod
    def forward(ctx, a, b, cond):
        # the condition comes as a NumPy array, last: like PyTorch, the node has edges
        # for the two sides only
        ctx.cond = cond
        broadcast_shape(broadcast_shape(cond.shape, a._data.shape), b._data.shape)
        dtype = result_type(a, b).numpy
        return np.where(cond, a._data.astype(dtype, copy=False), b._data.astype(dtype, copy=False))

    @staticmethod
    def backward(ctx, grad):
        chosen = from_numpy(np.broadcast_to(ctx.cond, grad._data.shape))
        zero = zeros_like(grad)
        return where(chosen, grad, zero), where(chosen, zero, grad), None


class NanToNum(Function):
    """out = x where finite, else the replacement (nan → 0, ±inf → the largest finite
    values);  ∂out/∂x = 1 where x is finite, 0 where it was replaced"""
    node_name = "NanToNumBackward0"
    notation = Notation("nan_to_num", "nan_to_num({0})",
                        Local("𝟙({0} finite)", lambda x, nan, posinf, neginf, out: np.isfinite(x)))

    @staticmethod
    def forward(ctx, x, nan, posinf, neginf):
        ctx.finite = np.isfinite(x._data)
        if x._data.dtype.kind != "f":  # integers and bools have nothing to replace
            return x._data.copy()
        return np.nan_to_num(x._data, nan=nan, posinf=posinf, neginf=neginf)

    @staticmethod
    def backward(ctx, grad):
        return grad * from_numpy(ctx.finite.astype(grad._data.dtype)), None, None, None


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    return NanToNum.apply(x, nan, posinf, neginf)


class MaskedFill(Function):
    """out = value where mask, else x;  the gradient reaches x only where mask is false"""
    node_name = "MaskedFillBackward0"
    notation = Notation("masked_fill", lambda args: f"{{0}}.masked_fill(mask, {number(args[2])})",
                        Local("𝟙(not mask)", lambda x, mask, value, out: ~np.broadcast_to(
                            mask, np.shape(x))))

    @staticmethod
    def forward(ctx, x, mask, value):
        # the mask comes as a NumPy array: like PyTorch's node, no edge for it
        ctx.mask = _mask_for(mask, x)
        return np.where(ctx.mask, scalar_array(value, x.dtype), x._data)

    @staticmethod
    def backward(ctx, grad):
        return where(from_numpy(ctx.mask), zeros_like(grad), grad), None, None


class MaskedFillTensor(Function):
    """out = value (a 0-d tensor) where mask, else x;  x gets the gradient where mask is
    false, value the sum of the gradient where it is true"""
    node_name = "MaskedFillBackward1"
    notation = Notation("masked_fill", "{0}.masked_fill(mask, {1})",
                        Local("𝟙(not mask)", lambda x, v, mask, out: ~np.broadcast_to(
                            mask, np.shape(x))),
                        Local("𝟙(mask)", lambda x, v, mask, out: np.broadcast_to(
                            mask, np.shape(x)) * ones(x)))

    @staticmethod
    def forward(ctx, x, value, mask):
        if value._data.ndim:
            raise RuntimeError(f"masked_fill_ only supports a 0-dimensional value tensor, but "
                               f"got tensor with {value._data.ndim} dimension(s).")
        ctx.mask = _mask_for(mask, x)
        return np.where(ctx.mask, value._data.astype(x._data.dtype), x._data)

    @staticmethod
    def backward(ctx, grad):
        chosen, zero = from_numpy(ctx.mask), zeros_like(grad)
        return where(chosen, zero, grad), where(chosen, grad, zero).sum(), None


def _mask_for(mask, x):
    """The mask stretched to x's shape (it may broadcast; x may not)."""
    if mask.dtype != bool:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{_CPP_NAMES.get(mask.dtype.name, mask.dtype.name)}")
    if broadcast_shape(mask.shape, x._data.shape) != x._data.shape:
        raise RuntimeError(f"The size of the mask {list(mask.shape)} does not broadcast to the "
                           f"tensor's size {list(x._data.shape)}")
    return np.broadcast_to(mask, x._data.shape)


_CPP_NAMES = {"int64": "long int", "int32": "int", "uint8": "unsigned char", "float32": "float",
              "float64": "double"}


def masked_fill(x, mask, value):
    """``value`` where ``mask`` is True, else x (``value`` a number or a 0-d tensor)."""
    mask = tensor_argument(mask, x, "masked_fill", "mask", 1)._data
    if isinstance(value, Tensor):
        return MaskedFillTensor.apply(x, value, mask)
    if not scalar_like(value):
        raise TypeError(f"masked_fill(): argument 'value' must be a number or a 0-dim Tensor, "
                        f"not {type(value).__name__}")
    return MaskedFill.apply(x, mask, value)


class Pairwise(Function):
    """out = f(a, b) element by element, the two tensors broadcast against each other and
    kept for backward (max, min, a mod b)."""

    @classmethod
    def forward(cls, ctx, a, b):
        ctx.save_for_backward(a, b)
        return cls.f(*_same_dtype(a, b))


class Maximum(Pairwise):
    """out = max(a, b) elementwise;  the gradient goes to the larger, split evenly on ties"""
    node_name, f, loses = "MaximumBackward0", np.maximum, np.less
    notation = Notation("max", "max({0}, {1})",
                        Local("𝟙({0} > {1}) + ½ × 𝟙({0} = {1})",
                              lambda a, b, out: np.where(a == b, 0.5, a > b)),
                        Local("𝟙({1} > {0}) + ½ × 𝟙({0} = {1})",
                              lambda a, b, out: np.where(a == b, 0.5, b > a)))

    @classmethod
    def backward(cls, ctx, grad):
        a, b = ctx.saved_tensors
        return _split(grad, a, b, cls.loses)


class Minimum(Maximum):
    """out = min(a, b) elementwise;  the gradient goes to the smaller, split evenly on ties"""
    node_name, f, loses = "MinimumBackward0", np.minimum, np.greater
    notation = Notation("min", "min({0}, {1})",
                        Local("𝟙({0} < {1}) + ½ × 𝟙({0} = {1})",
                              lambda a, b, out: np.where(a == b, 0.5, a < b)),
                        Local("𝟙({1} < {0}) + ½ × 𝟙({0} = {1})",
                              lambda a, b, out: np.where(a == b, 0.5, b < a)))


def _remainder(a, b):
    """Python's % (the sign of b), computed as PyTorch does from fmod, so that a zero keeps
    a's sign (1.5 % -1.5 is 0.0; NumPy's remainder gives -0.0)."""
    mod = np.fmod(a, b)
    return np.where((mod != 0) & ((b < 0) != (mod < 0)), mod + b, mod)


class Remainder(Function):
    """out = x mod c for a number c (the sign of c, as Python's %);  ∂out/∂x = 1 between
    the jumps"""
    node_name, f = "RemainderBackward0", staticmethod(_remainder)
    notation = Notation("mod", "{0} mod {1}", Local("1", ones), operands=2, infix=True)

    @classmethod
    def forward(cls, ctx, x, c):
        return cls.f(x._data, x._data.dtype.type(c))  # computed in x's dtype, as PyTorch

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class Fmod(Remainder):
    """out = fmod(x, c) (the sign of x, as C's fmod);  ∂out/∂x = 1 between the jumps"""
    node_name, f = "FmodBackward0", staticmethod(np.fmod)
    notation = Notation("fmod", "fmod({0}, {1})", Local("1", ones), operands=2)


class RemainderTensor(Pairwise):
    """out = a mod b = a − ⌊a/b⌋ × b;  ∂out/∂a = 1, ∂out/∂b = −⌊a/b⌋"""
    node_name, f = "RemainderBackward1", staticmethod(_remainder)
    whole = staticmethod(lambda t: t.floor())  # how many whole b's a holds
    notation = Notation("mod", "{0} mod {1}", Local("1", ones),
                        Local("−⌊{0}/{1}⌋", lambda a, b, out: -np.floor(a / b)), infix=True)

    @classmethod
    def backward(cls, ctx, grad):
        a, b = ctx.saved_tensors
        return sum_to(grad, a._data.shape), sum_to(-grad * cls.whole(a / b), b._data.shape)


class FmodTensor(RemainderTensor):
    """out = fmod(a, b) = a − trunc(a/b) × b;  ∂out/∂a = 1, ∂out/∂b = −trunc(a/b)"""
    node_name, f = "FmodBackward1", staticmethod(np.fmod)
    whole = staticmethod(lambda t: t.trunc())
    notation = Notation("fmod", "fmod({0}, {1})", Local("1", ones),
                        Local("−trunc({0}/{1})", lambda a, b, out: -np.trunc(a / b)))


def remainder(a, b):
    """``x % y``: with a gradient for floats; for integers no gradient is needed."""
    return _modulo(Remainder, RemainderTensor, np.remainder, a, b)


def fmod(a, b):
    return _modulo(Fmod, FmodTensor, np.fmod, a, b)


def _modulo(by_number, by_tensor, numpy_op, a, b):
    if scalar_like(b) and a.dtype.is_floating_point:
        return by_number.apply(a, b)
    b = operand(b, a)
    if b is NotImplemented:
        return NotImplemented
    if result_type(a, b).is_floating_point:
        return by_tensor.apply(a, b)
    return compare(numpy_op, a, b)


def _same_dtype(a, b):
    broadcast_shape(a._data.shape, b._data.shape)
    dtype = result_type(a, b).numpy
    return a._data.astype(dtype, copy=False), b._data.astype(dtype, copy=False)


def _split(grad, a, b, loses):
    """Each side's share of the gradient: half on a tie, none where it ``loses`` to the
    other, else all of it. Next to a NaN nobody loses, so both sides get all of it
    (PyTorch's rule; the result is NaN there)."""
    x, y, dtype = a._data, b._data, grad._data.dtype
    share_a = from_numpy(np.where(x == y, 0.5, np.where(loses(x, y), 0.0, 1.0)).astype(dtype))
    share_b = from_numpy(np.where(x == y, 0.5, np.where(loses(y, x), 0.0, 1.0)).astype(dtype))
    return grad * share_a, grad * share_b


class Compare(Function):
    """A comparison (``x < 1``), an integer op (``//``, ``%``) or a bitwise one (``&``,
    ``|``, ``^``; logical on bools): its result has no gradient."""
    notation = Notation(lambda args: _SYMBOLS.get(args[2], "?"),
                        lambda args: f"{{0}} {_SYMBOLS.get(args[2], '?')} {{1}}", None, None,
                        infix=True)

    @staticmethod
    def forward(ctx, a, b, numpy_op):
        x, y = a._data, b._data
        if x.dtype != y.dtype:  # PyTorch compares in the promoted dtype too: for an int64
            dtype = result_type(a, b).numpy  # tensor, x == 16777216.0 is a float32 comparison
            x, y = x.astype(dtype, copy=False), y.astype(dtype, copy=False)
        broadcast_shape(x.shape, y.shape)
        if numpy_op in _BITWISE and x.dtype.kind == "f":  # bitwise on integers, logical on bools
            raise NotImplementedError(f'"{numpy_op.__name__}_cpu" not implemented for '
                                      f"'{SCALAR_TYPE_NAME[result_type(a, b)]}'")
        if numpy_op in _DIVISIONS:
            if x.dtype == bool:
                raise NotImplementedError(f'"{_DIVISIONS[numpy_op]}_cpu" not implemented for '
                                          f"'Bool'")
            if x.dtype.kind in "iu" and not y.all():
                raise RuntimeError("ZeroDivisionError")  # NumPy would give 0 and a warning
        out = from_numpy(np.asarray(numpy_op(x, y)))
        ctx.mark_non_differentiable(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        return None, None, None


_DIVISIONS = {np.floor_divide: "div_floor", np.remainder: "remainder"}  # PyTorch's kernel names
_BITWISE = (np.bitwise_and, np.bitwise_or, np.bitwise_xor)
_SYMBOLS = {np.less: "<", np.less_equal: "≤", np.greater: ">", np.greater_equal: "≥",
            np.equal: "==", np.not_equal: "≠", np.logical_and: "and", np.logical_or: "or",
            np.logical_xor: "xor", np.bitwise_and: "&", np.bitwise_or: "|", np.bitwise_xor: "^",
            np.floor_divide: "//", np.remainder: "%"}


class Invert(Function):
    """``~mask`` (logical not of a boolean tensor, bitwise not of an integer one), and
    other tests of single elements (``isnan``): the result has no gradient."""
    notation = Notation(lambda args: _TESTS.get(args[1], "not"),
                        lambda args: f"{_TESTS.get(args[1], 'not')} {{0}}", None, infix=True)

    @staticmethod
    def forward(ctx, a, numpy_op):
        out = from_numpy(numpy_op(a._data))
        ctx.mark_non_differentiable(out)
        return out


def _bounds(low, high):
    """``min=0, max=1``: the bounds a clamp was given."""
    bounds = [] if low is None else [f"min={number(low)}"]
    return ", ".join(bounds + ([] if high is None else [f"max={number(high)}"]))


def _between(x, low, high):
    """``0 ≤ x ≤ 1``, ``x ≥ 0``: where a clamp lets the gradient through."""
    if high is None:
        return f"{x} ≥ {number(low)}"
    if low is None:
        return f"{x} ≤ {number(high)}"
    return f"{number(low)} ≤ {x} ≤ {number(high)}"


def _inside(x, low, high):
    inside = np.ones(np.shape(x), dtype=bool)
    if low is not None:
        inside &= x >= low
    if high is not None:
        inside &= x <= high
    return inside


def compare(numpy_op, a, b):
    like = a if isinstance(a, Tensor) else b
    b = operand(b, like)
    if b is NotImplemented:  # x == None, x == "text": not comparable
        return NotImplemented
    return Compare.apply(operand(a, like), b, numpy_op)


def invert(a):
    """``~x``: logical not of a bool tensor, bitwise not of an integer one."""
    if a.dtype.is_floating_point:
        raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                        "tensors")
    return Invert.apply(a, np.invert)


def logical_not(a):
    return Invert.apply(a, np.logical_not)


_TESTS = {np.isnan: "isnan", np.isinf: "isinf", np.isfinite: "isfinite"}


def isnan(a):
    return Invert.apply(a, np.isnan)


def isinf(a):
    return Invert.apply(a, np.isinf)


def isfinite(a):
    return Invert.apply(a, np.isfinite)


def clamp(x, min=None, max=None):
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        low = _no_bound(x, "min") if min is None else operand(min, x)
        high = _no_bound(x, "max") if max is None else operand(max, x)
        return ClampTensor.apply(x, low, high)
    return Clamp.apply(x, min, max)


def sign(x):
    return Sign.apply(x)


def where(condition, input, other):
    """``input`` where ``condition`` holds, else ``other`` (numbers allowed on either side)."""
    like = input if isinstance(input, Tensor) else other
    if not isinstance(like, Tensor):  # where(mask, 1.0, 0.0): the numbers decide the dtype
        like = input = tensor(input)
    return Where.apply(tensor_argument(input, like, "where", "input", 2),
                       tensor_argument(other, like, "where", "other", 3),
                       tensor_argument(condition, like, "where", "condition", 1)._data)


def maximum(a, b):
    return Maximum.apply(a, tensor_argument(b, a, "maximum"))


def minimum(a, b):
    return Minimum.apply(a, tensor_argument(b, a, "minimum"))
