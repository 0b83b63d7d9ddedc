"""+ - * / and powers. Each op: the forward value, then its local derivatives.

Backward receives ``grad`` = ∂L/∂out and returns ∂L/∂input for each input: the chain
rule, ∂L/∂a = ∂L/∂out × ∂out/∂a. Where the forward pass broadcast an input, the engine
sums its gradient back to the input's shape (``broadcasting.sum_to``), for every op.
"""
import numpy as np

from ..autograd.function import Function
from ..autograd.notation import Local, Notation, number, ones, power
from ..creation import from_numpy, zeros_like
from ..dtypes import float_array, result_type
from .broadcasting import promoted
from .elementwise import where


class Add(Function):
    """out = a + b;  ∂out/∂a = 1, ∂out/∂b = 1"""
    node_name = "AddBackward0"
    notation = Notation("+", "{0} + {1}", Local("1", ones), Local("1", lambda a, b, out: ones(b)),
                        infix=True)

    @staticmethod
    def forward(ctx, a, b):
        x, y = promoted(a, b)
        return x + y

    @staticmethod
    def backward(ctx, grad):
        return grad, grad


class Sub(Function):
    """out = a - b;  ∂out/∂a = 1, ∂out/∂b = -1"""
    node_name = "SubBackward0"
    notation = Notation("−", "{0} − {1}", Local("1", ones),
                        Local("−1", lambda a, b, out: -ones(b)), infix=True)

    @staticmethod
    def forward(ctx, a, b):
        x, y = promoted(a, b)
        return x - y

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad


class Rsub(Function):
    """out = c - a for a plain number c (``2 - x``);  ∂out/∂a = -1"""
    node_name = "RsubBackward1"
    notation = Notation("−", "{1} − {0}", Local("−1", lambda a, c, out: -ones(a)), operands=2,
                        infix=True)

    @staticmethod
    def forward(ctx, a, c):
        return (c - a._data).astype(result_type(a, c).numpy, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


def save_factors(ctx, a, b):
    """For a product, a's gradient needs b and b's needs a: save only what a gradient will
    use, as PyTorch does. ``y[1] * 3`` keeps just the 3, so writing into y afterwards
    (``y[0] = y[1] * 3``) is no "modified by an inplace operation" error."""
    needs = ctx.needs_input_grad
    if needs:  # empty when the op is not recorded
        ctx.save_for_backward(a if needs[1] else None, b if needs[0] else None)


class Mul(Function):
    """out = a * b;  ∂out/∂a = b, ∂out/∂b = a"""
    node_name = "MulBackward0"
    notation = Notation("×", "{0} × {1}", Local("{1}", lambda a, b, out: b),
                        Local("{0}", lambda a, b, out: a), infix=True, commutative=True)

    @staticmethod
    def forward(ctx, a, b):
        save_factors(ctx, a, b)
        x, y = promoted(a, b)
        return x * y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if ctx.needs_input_grad[0] else None,
                grad * a if ctx.needs_input_grad[1] else None)


class Div(Function):
    """out = a / b;  ∂out/∂a = 1/b, ∂out/∂b = -a/b²"""
    node_name = "DivBackward0"
    notation = Notation("÷", "{0} / {1}", Local("1/{1}", lambda a, b, out: 1 / b),
                        Local("−{0}/{1}²", lambda a, b, out: -a / (b * b)), infix=True)

    @staticmethod
    def forward(ctx, a, b):
        if ctx.needs_input_grad:  # a only for b's gradient, like PyTorch (see save_factors)
            ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b)
        x, y = promoted(a, b)
        if x.dtype.kind != "f":  # true division of integers gives the default float
            x, y = x.astype(np.float32), y.astype(np.float32)
        return x / y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad / b if ctx.needs_input_grad[0] else None,
                -grad * a / (b * b) if ctx.needs_input_grad[1] else None)


class Neg(Function):
    """out = -a;  ∂out/∂a = -1"""
    node_name = "NegBackward0"
    notation = Notation("−", "−{0}", Local("−1", lambda a, out: -ones(a)), infix=True)

    @staticmethod
    def forward(ctx, a):
        return -a._data

    @staticmethod
    def backward(ctx, grad):
        return -grad


class Reciprocal(Function):
    """out = 1/a;  ∂out/∂a = -1/a² = -out²"""
    node_name = "ReciprocalBackward0"
    notation = Notation("1/x", "1/{0}", Local("−1/{0}²", lambda a, out: -out * out), infix=True)

    @staticmethod
    def forward(ctx, a):
        out = from_numpy(1 / float_array(a._data))
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_tensors
        return -grad * out * out


class Pow(Function):
    """out = a ** p for a plain number p;  ∂out/∂a = p · a^(p-1)"""
    node_name = "PowBackward0"
    notation = Notation(lambda args: power("x", args[1]), lambda args: power("{0}", args[1]),
                        Local(lambda args: _times_power(args[1]),
                              lambda a, p, out: np.zeros_like(a) if p == 0 else p * a ** (p - 1)),
                        infix=True)  # the exponent shows in the symbol (x²), not as an input

    @staticmethod
    def forward(ctx, a, p):
        dtype = result_type(a, p)
        if not dtype.is_floating_point and p < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        ctx.save_for_backward(a)
        ctx.exponent = p
        return np.power(a._data.astype(dtype.numpy, copy=False), p)

    @staticmethod
    def backward(ctx, grad):
        a, = ctx.saved_tensors
        p = ctx.exponent
        return (zeros_like(a) if p == 0 else grad * p * a ** (p - 1)), None


class PowTensor(Function):
    """out = a ** b for tensors;  ∂out/∂a = b · a^(b-1),  ∂out/∂b = out · ln a"""
    node_name = "PowBackward1"
    notation = Notation("^", "{0}^{1}",
                        Local("{1} × {0}^({1} − 1)",
                              lambda a, b, out: np.where(b == 0, 0, b * a ** (b - 1))),
                        Local("{0}^{1} × ln {0}",
                              lambda a, b, out: np.where((a == 0) & (b >= 0), 0, out * np.log(a))),
                        infix=True)

    @staticmethod
    def forward(ctx, a, b):
        x, y = promoted(a, b)
        out = from_numpy(np.power(x, y))
        ctx.save_for_backward(a, b, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        grad_a = grad_b = None
        if ctx.needs_input_grad[0]:
            # where b = 0 the derivative is 0, also at a = 0 (where 0 · 0^-1 would be nan)
            grad_a = where(b == 0, zeros_like(grad), grad * b * a ** (b - 1))
        if ctx.needs_input_grad[1]:
            # at a = 0 (b >= 0) the formula gives 0 · ln 0 = 0 · (-inf); the limit is 0
            limit_zero = (a == 0) & (b >= 0)
            grad_b = where(limit_zero, zeros_like(out), grad * out * a.log())
        return grad_a, grad_b


class RPow(Function):
    """out = c ** a for a plain number c (``2 ** x``);  ∂out/∂a = out · ln c"""
    node_name = "PowBackward2"
    notation = Notation("^", lambda args: number(args[1]) + "^{0}",
                        Local(lambda args: f"{number(args[1])}^{{0}} × ln {number(args[1])}",
                              lambda a, c, out: np.zeros_like(out) if c == 0 else out * np.log(c)),
                        infix=True)

    @staticmethod
    def forward(ctx, a, c):
        dtype = result_type(a, c).numpy
        out = from_numpy(np.power(np.asarray(c, dtype=dtype), a._data.astype(dtype, copy=False)))
        ctx.save_for_backward(out)
        ctx.base = c
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_tensors
        if ctx.base == 0:
            return zeros_like(out), None
        return grad * out * float(np.log(ctx.base)), None



def _times_power(p):
    """∂(x^p)/∂x written out: 1, 2 × x, 3 × x², 0.5 × x^-0.5."""
    if p == 0:
        return "0"
    if p == 1:
        return "1"
    return f"{number(p)} × {'{0}' if p == 2 else power('{0}', p - 1)}"
