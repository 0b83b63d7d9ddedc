"""Every op minigrad knows, one row each: the name a program calls it by, and what runs.

    arithmetic.py   + - * / and powers             elementwise.py  exp, log, relu, clamp, ...
    reduce.py       sum, mean, var, max, norm      linalg.py       dot, mm, mv, matmul (@)
    shape.py        reshape, transpose, cat, ...   indexing.py     x[0], x[:, 1:], x[mask]
    inplace.py      x += 1, x[i] = v, views        ../nn/functional.py  softmax, losses

Each family file holds the ops as ``Function`` classes, forward and backward side by side.
The table below installs them: a row ``(name, run, where)`` makes ``run`` a ``Tensor``
method (``x.exp()``, ``x + y``), a ``torch.*`` function (``torch.exp(x)``), or both; ``run``
takes the tensor first, so the same function serves both. Adding an op is one
``Function`` in its family and one row here.
"""
import functools
import warnings

import numpy as np

from .. import dtypes
from ..cuda import device as device_type, on_cpu
from ..tensor import Tensor, _dim
from .broadcasting import operand, scalar_like
from . import arithmetic as A, elementwise as E, indexing as I, inplace as W, linalg as L
from . import reduce as R, shape as S

METHOD, FUNCTION, PROPERTY = 1, 2, 4
BOTH = METHOD | FUNCTION


# -- how a row calls its op ----------------------------------------------------------------------
def unary(op, name):
    def run(input):
        if not isinstance(input, Tensor):  # torch.exp([1.0]): say so, not 'list' has no _data
            raise not_a_tensor(name, input, "input", 1)
        return op.apply(input)
    run.__name__ = run.__qualname__ = name
    return run


def binary(op, name):
    """``x * y``, ``x.mul(y)``, ``torch.mul(x, y)``: the other side may be a number or an
    array; ``2 * x`` is ``mul(x, 2)`` as in PyTorch (x first in the graph)."""
    def run(input, other):
        other = operand(other, input)
        return NotImplemented if other is NotImplemented else op.apply(input, other)
    run.__name__ = run.__qualname__ = name
    return run


def not_a_tensor(op, value, argument, position):
    return TypeError(f"{op}(): argument '{argument}' (position {position}) must be Tensor, "
                     f"not {type(value).__name__}")


def by_name(operator, name=None):
    """The named form of an operator (``torch.add(x, [1, 2])``, ``x.lt(None)``): where the
    operator returns NotImplemented, for Python to raise its TypeError ("unsupported operand
    type(s) for +"), the named form raises PyTorch's, naming the argument."""
    name = name or operator.__name__

    @functools.wraps(operator)
    def run(input, other, *args, out=None, **kwargs):
        result = operator(input, other, *args, **kwargs)
        if result is NotImplemented:
            raise not_a_tensor(name, other, "other", 2)
        return result if out is None else W.write_out(out, result, name)
    run.__name__ = run.__qualname__ = name
    return run


def tensors_only(op, name, *arguments):
    """``torch.dot(x, [1, 2])``: ops that take only tensors name the one that is not."""
    @functools.wraps(op)
    def run(*args, **kwargs):
        for position, (value, argument) in enumerate(zip(args, arguments), 1):
            if not isinstance(value, Tensor):
                raise not_a_tensor(name, value, argument, position)
        return op(*args, **kwargs)
    return run


def compared(numpy_op, name, swapped=False):
    """``x < y`` and friends, integer ``//`` and ``%``, and ``&``, ``|``, ``^`` (bitwise on
    integers, logical on bools, none for floats): results without a gradient."""
    def run(input, other):
        return E.compare(numpy_op, other, input) if swapped else E.compare(numpy_op, input, other)
    run.__name__ = run.__qualname__ = name
    return run


def numpy_names(reduction):
    """PyTorch also takes NumPy's names for a reduction's arguments, and the D2L book uses
    them: ``A.sum(axis=1, keepdims=True)`` is ``A.sum(dim=1, keepdim=True)``."""
    @functools.wraps(reduction)
    def with_numpy_names(input, *args, **kwargs):
        if "axis" in kwargs:
            kwargs["dim"] = kwargs.pop("axis")
        if "keepdims" in kwargs:
            kwargs["keepdim"] = kwargs.pop("keepdims")
        return reduction(input, *args, **kwargs)
    return with_numpy_names


# -- the operators ------------------------------------------------------------------------------
add_ = binary(A.Add, "add")
mul_ = binary(A.Mul, "mul")
div_ = binary(A.Div, "div")


def sub_(input, other):
    """``x - y``. A Python bool stays a bool here, which PyTorch refuses to subtract
    (``x + True`` is fine: True counts as 1)."""
    other = operand(other, input, dtype=dtypes.bool_ if type(other) is bool else None)
    return NotImplemented if other is NotImplemented else A.Sub.apply(input, other)


def add(input, other, alpha=1):
    return add_(input, other if alpha == 1 else other * alpha)


def sub(input, other, alpha=1):
    return sub_(input, other if alpha == 1 else other * alpha)


def rsub(input, other):
    """``2 - x``: PyTorch's rsub(x, 2), x first in the graph."""
    if scalar_like(other):
        return A.Rsub.apply(input, other)
    other = operand(other, input)
    return NotImplemented if other is NotImplemented else A.Sub.apply(other, input)


def rdiv(input, other):
    """``2 / x``: PyTorch computes it as x.reciprocal() * 2."""
    if scalar_like(other):
        return A.Reciprocal.apply(input) * other
    other = operand(other, input)
    return NotImplemented if other is NotImplemented else A.Div.apply(other, input)


def pow(input, exponent):
    """``x ** 2``, ``x ** y``, and ``torch.pow(2, x)`` with a number first."""
    if not isinstance(input, Tensor):
        return rpow(exponent, input)
    if scalar_like(exponent):
        return A.Pow.apply(input, exponent)
    exponent = operand(exponent, input)
    return NotImplemented if exponent is NotImplemented else A.PowTensor.apply(input, exponent)


def rpow(input, base):
    """``2 ** x``."""
    if scalar_like(base):
        return A.RPow.apply(input, base)
    base = operand(base, input)
    return NotImplemented if base is NotImplemented else A.PowTensor.apply(base, input)


def matmul(input, other):
    other = operand(other, input)
    return NotImplemented if other is NotImplemented else L.matmul(input, other)


def rmatmul(input, other):
    other = operand(other, input)
    return NotImplemented if other is NotImplemented else L.matmul(other, input)


def positive(input):
    return input


neg = unary(A.Neg, "neg")


def outer(input, vec2):
    """The outer product: ``outer(a, b)[i, j] = a[i] * b[j]`` (built from ops, as in PyTorch)."""
    return input.reshape(-1, 1) * vec2


_round = unary(E.Round, "round")


def rounded(input, *, decimals=None):
    """``x.round()``, or ``x.round(decimals=2)`` to 2 places (PyTorch's other overload)."""
    if decimals is None:
        return _round(input)
    return E.RoundDecimals.apply(input, S.whole_number(decimals, "round", "decimals"))


def clamp_min(input, min):
    return E.clamp(input, min=min) if isinstance(min, Tensor) else E.ClampMin.apply(input, min, None)


def clamp_max(input, max):
    return E.clamp(input, max=max) if isinstance(max, Tensor) else E.ClampMax.apply(input, None, max)


def square(input):
    return pow(input, 2)


# -- reductions ---------------------------------------------------------------------------------
# reduce.py's functions take PyTorch's arguments in PyTorch's order; the rows add NumPy's names
# (numpy_names), and for var and std PyTorch's two ways of saying what n is lessened by.
def corrected(spread):
    """``var``, ``std``: divide by n - correction, 1 (Bessel's) unless ``unbiased=False``."""
    def run(input, dim=None, unbiased=True, keepdim=False, *, correction=None):
        return spread(input, dim, int(bool(unbiased)) if correction is None else correction,
                      keepdim)
    run.__name__ = run.__qualname__ = spread.__name__  # not wraps: help() shows run's arguments
    return numpy_names(run)


@numpy_names
def all(input, dim=None, keepdim=False):
    return R.logical_reduce(np.all, input, dim, keepdim)


@numpy_names
def any(input, dim=None, keepdim=False):
    return R.logical_reduce(np.any, input, dim, keepdim)


def softmax(input, dim, dtype=None):
    return F.softmax(input, dim, dtype=dtype)


def log_softmax(input, dim, dtype=None):
    return F.log_softmax(input, dim, dtype=dtype)


# -- shapes -------------------------------------------------------------------------------------
def reshape(input, *shape):  # x.reshape(2, 3), x.reshape((2, 3)), torch.reshape(x, (2, 3))
    return S.reshape(input, shape)


def view(input, *shape):
    return S.view(input, shape)


def ravel(input):
    return S.view(input.contiguous(), (-1,))  # a copy first where needed, as PyTorch does


def broadcast_to(input, size):
    return S.expand(input, tuple(size))


def view_as(input, other):
    return S.view(input, other.shape)


def reshape_as(input, other):
    return S.reshape(input, other.shape)


def permute(input, *dims):
    return S.permute(input, dims)


def expand(input, *sizes):
    return S.expand(input, sizes)


def expand_as(input, other):
    return S.expand(input, other.shape)


def select(input, dim, index):
    return I.Select.apply(input, _dim(dim, input._data.ndim), index)


def unbind(input, dim=0):
    """The slices along ``dim``, as a tuple of tensors (views)."""
    return S.Unbind.apply(input, _dim(dim, input._data.ndim))


def split_method(input, split_size, dim=0):
    """``x.split(2)``: the method's argument is called split_size (torch.split's is
    split_size_or_sections); either takes an int or a list of sizes."""
    return S.split(input, split_size, dim)


def flip_method(input, *dims, **named):
    """``x.flip(0)``, ``x.flip(0, 1)``, ``x.flip((0, 1))`` or ``x.flip(dims=[0])``: the dims
    to reverse."""
    if "dims" in named:
        dims = (named.pop("dims"),)
    if not dims:  # also x.flip(dim=0): PyTorch's argument is called dims
        raise TypeError('flip() missing 1 required positional arguments: "dims"')
    if named:
        raise TypeError(f"flip() got an unexpected keyword argument '{next(iter(named))}'")
    return S.flip(input, dims[0] if len(dims) == 1 else dims)


def flip_function(input, dims):
    """``torch.flip(x, (0,))``: PyTorch wants the dims as a tuple or list here."""
    if not isinstance(dims, (tuple, list)):
        raise TypeError(f"flip(): argument 'dims' (position 2) must be tuple of ints, not "
                        f"{type(dims).__name__}")
    return S.flip(input, dims)


_warned_transposed = False


def transposed(input):
    """``x.T``: all dimensions reversed."""
    global _warned_transposed
    if input._data.ndim not in (0, 2) and not _warned_transposed:  # once per program, as PyTorch
        _warned_transposed = True
        warnings.warn(
            "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
            "deprecated and it will throw an error in a future release. Consider `x.mT` to "
            "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to "
            "reverse the dimensions of a tensor.", UserWarning, stacklevel=2)
    return S.permute(input, tuple(reversed(range(input._data.ndim))))


def matrix_transposed(input):
    """``x.mT``: the last two dimensions swapped."""
    return S.transpose(input, -2, -1)


def conjugate_transposed(input):
    """``x.H``: a matrix's conjugate transpose; real numbers are their own conjugates, so
    for minigrad (no complex dtypes) it is the transpose."""
    if input._data.ndim != 2:
        raise RuntimeError(f"tensor.H is only supported on matrices (2-D tensors). Got "
                           f"{input._data.ndim}-D tensor.")
    return S.transpose(input, 0, 1)


def itself(input):
    """``x.conj()``, ``x.real``: for real numbers, x itself (PyTorch returns the same tensor)."""
    return input


def imaginary(input):
    raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")


def no(input):
    return False


# -- dtypes -------------------------------------------------------------------------------------
def to(input, *args, dtype=None, device=None, **kwargs):
    for a in args:
        if isinstance(a, Tensor):  # x.to(other): other's dtype
            dtype = a.dtype
        elif isinstance(a, (str, device_type)):
            device = a
        else:  # a dtype, or Python's float, int, bool
            dtype = a
    dtype = dtypes.as_dtype(dtype)
    on_cpu(device)
    return input if dtype is None or dtype is input.dtype else S.ToCopy.apply(input, dtype)


def converts_to(dtype, name):
    def run(input):
        return to(input, dtype)
    run.__name__ = run.__qualname__ = name
    return run


def type_as(input, other):
    return to(input, other.dtype)


def where_function(condition, input=None, other=None):
    """``torch.where(c, x, y)``: x where c holds, else y; ``torch.where(c)`` alone: the
    indices where c holds, one tensor per dimension (``nonzero(as_tuple=True)``)."""
    if input is None and other is None:
        return plain.nonzero(condition, as_tuple=True)
    if input is None or other is None:
        raise TypeError("where() missing 1 required positional argument: "
                        f"'{'input' if input is None else 'other'}'")
    return E.where(condition, input, other)


def contains(input, element):
    """``3.0 in x``: does any element equal it (PyTorch's rule, as ``(x == 3.0).any()``)."""
    if not isinstance(element, (Tensor, int, float, bool)):
        raise RuntimeError(f"Tensor.__contains__ only supports Tensor or scalar, but you passed "
                           f"in a {type(element)}.")
    return bool((input == element).any())


def where_method(input, condition, other):
    """``x.where(condition, y)``: x where the condition holds, else y."""
    return E.where(condition, input, other)


def detach(input):
    return input.detach()


def numel(input):
    return input.numel()


from ..nn import functional as F  # noqa: E402 (nn's ops build on this package)
from .. import functions as plain  # noqa: E402 (torch.equal & co., not ops: no graph)

TABLE = [
    # name            what runs                                  where
    ("__add__",       add_,                                      METHOD),
    ("__radd__",      add_,                                      METHOD),
    ("__sub__",       sub_,                                      METHOD),
    ("__rsub__",      rsub,                                      METHOD),
    ("__mul__",       mul_,                                      METHOD),
    ("__rmul__",      mul_,                                      METHOD),
    ("__truediv__",   div_,                                      METHOD),
    ("__rtruediv__",  rdiv,                                      METHOD),
    ("__pow__",       pow,                                       METHOD),
    ("__rpow__",      rpow,                                      METHOD),
    ("__matmul__",    matmul,                                    METHOD),
    ("__rmatmul__",   rmatmul,                                   METHOD),
    ("__neg__",       neg,                                       METHOD),
    ("__pos__",       positive,                                  METHOD),
    ("__abs__",       unary(E.Abs, "abs"),                       METHOD),
    ("__floordiv__",  compared(np.floor_divide, "floor_divide"), METHOD),
    ("__rfloordiv__", compared(np.floor_divide, "floor_divide", swapped=True), METHOD),
    ("__mod__",       E.remainder,                               METHOD),
    ("__rmod__",      compared(np.remainder, "remainder", swapped=True), METHOD),
    ("__lt__",        compared(np.less, "lt"),                   METHOD),
    ("__le__",        compared(np.less_equal, "le"),             METHOD),
    ("__gt__",        compared(np.greater, "gt"),                METHOD),
    ("__ge__",        compared(np.greater_equal, "ge"),          METHOD),
    ("__eq__",        compared(np.equal, "eq"),                  METHOD),
    ("__ne__",        compared(np.not_equal, "ne"),              METHOD),
    ("__and__",       compared(np.bitwise_and, "bitwise_and"),   METHOD),
    ("__or__",        compared(np.bitwise_or, "bitwise_or"),     METHOD),
    ("__xor__",       compared(np.bitwise_xor, "bitwise_xor"),   METHOD),
    ("__rand__",      compared(np.bitwise_and, "bitwise_and", swapped=True), METHOD),
    ("__ror__",       compared(np.bitwise_or, "bitwise_or", swapped=True), METHOD),
    ("__rxor__",      compared(np.bitwise_xor, "bitwise_xor", swapped=True), METHOD),
    ("__invert__",    E.invert,                                  METHOD),
    ("bitwise_and",   by_name(compared(np.bitwise_and, "bitwise_and")), BOTH),
    ("bitwise_or",    by_name(compared(np.bitwise_or, "bitwise_or")), BOTH),
    ("bitwise_xor",   by_name(compared(np.bitwise_xor, "bitwise_xor")), BOTH),
    ("bitwise_not",   E.invert,                                  BOTH),
    ("logical_and",   by_name(compared(np.logical_and, "logical_and")), BOTH),
    ("logical_or",    by_name(compared(np.logical_or, "logical_or")), BOTH),
    ("logical_xor",   by_name(compared(np.logical_xor, "logical_xor")), BOTH),
    ("logical_not",   E.logical_not,                             BOTH),
    ("__getitem__",   I.getitem,                                 METHOD),
    ("__contains__",  contains,                                  METHOD),
    ("__setitem__",   W.setitem,                                 METHOD),
    ("__iadd__",      W.add_,                                    METHOD),
    ("__isub__",      W.sub_,                                    METHOD),
    ("__imul__",      W.mul_,                                    METHOD),
    ("__itruediv__",  W.div_,                                    METHOD),
    ("add",           by_name(add),                            BOTH),
    ("sub",           by_name(sub),                            BOTH),
    ("subtract",      by_name(sub, "subtract"),                BOTH),
    ("mul",           by_name(mul_),                           BOTH),
    ("multiply",      by_name(mul_, "multiply"),               BOTH),
    ("div",           by_name(div_),                           BOTH),
    ("divide",        by_name(div_, "divide"),                 BOTH),
    ("neg",           neg,                                       BOTH),
    ("negative",      neg,                                       BOTH),
    ("pow",           by_name(pow, "pow"),                     BOTH),
    ("reciprocal",    unary(A.Reciprocal, "reciprocal"),         BOTH),
    ("square",        square,                                    BOTH),
    ("eq",            by_name(compared(np.equal, "eq")),       BOTH),
    ("ne",            by_name(compared(np.not_equal, "ne")),   BOTH),
    ("lt",            by_name(compared(np.less, "lt")),        BOTH),
    ("le",            by_name(compared(np.less_equal, "le")),  BOTH),
    ("gt",            by_name(compared(np.greater, "gt")),     BOTH),
    ("ge",            by_name(compared(np.greater_equal, "ge")), BOTH),
    ("exp",           unary(E.Exp, "exp"),                       BOTH),
    ("log",           unary(E.Log, "log"),                       BOTH),
    ("log1p",         unary(E.Log1p, "log1p"),                   BOTH),
    ("log2",          unary(E.Log2, "log2"),                     BOTH),
    ("log10",         unary(E.Log10, "log10"),                   BOTH),
    ("expm1",         unary(E.Expm1, "expm1"),                   BOTH),
    ("tan",           unary(E.Tan, "tan"),                       BOTH),
    ("sin",           unary(E.Sin, "sin"),                       BOTH),
    ("cos",           unary(E.Cos, "cos"),                       BOTH),
    ("asin",          unary(E.Asin, "asin"),                     BOTH),
    ("arcsin",        unary(E.Asin, "arcsin"),                   BOTH),
    ("acos",          unary(E.Acos, "acos"),                     BOTH),
    ("arccos",        unary(E.Acos, "arccos"),                   BOTH),
    ("atan",          unary(E.Atan, "atan"),                     BOTH),
    ("arctan",        unary(E.Atan, "arctan"),                   BOTH),
    ("sinh",          unary(E.Sinh, "sinh"),                     BOTH),
    ("cosh",          unary(E.Cosh, "cosh"),                     BOTH),
    ("tanh",          unary(E.Tanh, "tanh"),                     BOTH),
    ("sigmoid",       unary(E.Sigmoid, "sigmoid"),               BOTH),
    ("relu",          unary(E.Relu, "relu"),                     BOTH),
    ("remainder",     by_name(E.remainder, "remainder"),         BOTH),
    ("fmod",          by_name(E.fmod, "fmod"),                   BOTH),
    ("sqrt",          unary(E.Sqrt, "sqrt"),                     BOTH),
    ("rsqrt",         unary(E.Rsqrt, "rsqrt"),                   BOTH),
    ("frac",          unary(E.Frac, "frac"),                     BOTH),
    ("diff",          S.diff,                                    BOTH),
    ("abs",           unary(E.Abs, "abs"),                       BOTH),
    ("sign",          E.sign,                                    BOTH),
    ("sgn",           unary(E.Sgn, "sgn"),                       BOTH),
    ("erf",           unary(E.Erf, "erf"),                       BOTH),
    ("masked_select", tensors_only(I.masked_select, "masked_select", "input", "mask"), BOTH),
    ("round",         rounded,                                   BOTH),
    ("floor",         unary(E.Floor, "floor"),                   BOTH),
    ("ceil",          unary(E.Ceil, "ceil"),                     BOTH),
    ("trunc",         unary(E.Trunc, "trunc"),                   BOTH),
    ("isnan",         E.isnan,                                   BOTH),
    ("isinf",         E.isinf,                                   BOTH),
    ("isfinite",      E.isfinite,                                BOTH),
    ("nan_to_num",    E.nan_to_num,                              BOTH),
    ("masked_fill",   E.masked_fill,                             BOTH),
    ("equal",         plain.equal,                               METHOD),
    ("allclose",      plain.allclose,                            METHOD),
    ("isclose",       plain.isclose,                             METHOD),
    ("stride",        plain.stride,                              METHOD),
    ("data_ptr",      plain.data_ptr,                            METHOD),
    ("ndimension",    Tensor.dim,                                METHOD),
    ("new_empty",     Tensor.new_zeros,                          METHOD),  # its values are arbitrary: zeros are
    ("nbytes",        plain.nbytes,                              PROPERTY),
    ("itemsize",      Tensor.element_size,                       PROPERTY),
    ("is_complex",    plain.is_complex,                          BOTH),
    ("is_signed",     plain.is_signed,                           METHOD),
    ("is_nonzero",    plain.is_nonzero,                          BOTH),
    ("nonzero",       plain.nonzero,                             BOTH),
    ("argwhere",      plain.argwhere,                            BOTH),
    ("count_nonzero", plain.count_nonzero,                       BOTH),
    ("unique",        plain.unique,                              BOTH),
    ("isin",          plain.isin,                                FUNCTION),
    ("clamp",         E.clamp,                                   BOTH),
    ("clip",          E.clamp,                                   BOTH),
    ("clamp_min",     clamp_min,                                 BOTH),
    ("clamp_max",     clamp_max,                                 BOTH),
    ("absolute",      unary(E.Abs, "absolute"),                  BOTH),
    ("fix",           unary(E.Trunc, "fix"),                     BOTH),
    ("true_divide",   by_name(div_, "true_divide"),            BOTH),
    ("where",         where_function,                            FUNCTION),
    ("where",         where_method,                              METHOD),
    ("maximum",       by_name(E.maximum),                      BOTH),
    ("minimum",       by_name(E.minimum),                      BOTH),
    ("sum",           numpy_names(R.sum),                        BOTH),
    ("cumsum",        numpy_names(R.cumsum),                     BOTH),
    ("cumprod",       numpy_names(R.cumprod),                    BOTH),
    ("mean",          numpy_names(R.mean),                       BOTH),
    ("var",           corrected(R.var),                          BOTH),
    ("std",           corrected(R.std),                          BOTH),
    ("var_mean",      corrected(R.var_mean),                     FUNCTION),
    ("aminmax",       R.aminmax,                                 BOTH),
    ("std_mean",      corrected(R.std_mean),                     FUNCTION),
    ("max",           numpy_names(R.max),                        BOTH),
    ("min",           numpy_names(R.min),                        BOTH),
    ("amax",          numpy_names(R.amax),                       BOTH),
    ("amin",          numpy_names(R.amin),                       BOTH),
    ("prod",          numpy_names(R.prod),                       BOTH),
    ("logsumexp",     numpy_names(R.logsumexp),                  BOTH),
    ("argmax",        numpy_names(R.argmax),                     BOTH),
    ("argmin",        numpy_names(R.argmin),                     BOTH),
    ("sort",          R.sort,                                    BOTH),
    ("argsort",       R.argsort,                                 BOTH),
    ("topk",          R.topk,                                    BOTH),
    ("norm",          numpy_names(R.norm),                       BOTH),
    ("all",           all,                                       BOTH),
    ("any",           any,                                       BOTH),
    ("softmax",       softmax,                                   BOTH),
    ("log_softmax",   log_softmax,                               BOTH),
    ("dot",           tensors_only(L.dot, "dot", "input", "tensor"), BOTH),
    ("mm",            tensors_only(L.mm, "mm", "input", "mat2"), BOTH),
    ("mv",            tensors_only(L.mv, "mv", "input", "vec"), BOTH),
    ("matmul",        by_name(matmul),                         BOTH),
    ("outer",         outer,                                     BOTH),
    ("trace",         L.trace,                                   METHOD),  # torch.trace: events.trace
    ("ger",           outer,                                     FUNCTION),
    ("bmm",           tensors_only(L.bmm, "bmm", "input", "mat2"), BOTH),
    ("tril",          L.tril,                                    BOTH),
    ("triu",          L.triu,                                    BOTH),
    ("diag",          L.diag,                                    BOTH),
    ("diagonal",      L.diagonal,                                BOTH),
    ("reshape",       reshape,                                   BOTH),
    ("view",          view,                                      METHOD),
    ("view_as",       view_as,                                   METHOD),
    ("reshape_as",    reshape_as,                                METHOD),
    ("flatten",       S.flatten,                                 BOTH),
    ("transpose",     S.transpose,                               BOTH),
    ("t",             S.t,                                       BOTH),
    ("permute",       permute,                                   BOTH),
    ("T",             transposed,                                PROPERTY),
    ("mT",            matrix_transposed,                         PROPERTY),
    ("mH",            matrix_transposed,                         PROPERTY),  # real: mH is mT
    ("adjoint",       matrix_transposed,                         BOTH),
    ("H",             conjugate_transposed,                      PROPERTY),
    ("conj",          itself,                                    BOTH),
    ("resolve_conj",  itself,                                    BOTH),
    ("resolve_neg",   itself,                                    BOTH),
    ("real",          itself,                                    PROPERTY),
    ("real",          itself,                                    FUNCTION),
    ("imag",          imaginary,                                 PROPERTY),
    ("isreal",        plain.isreal,                              BOTH),
    ("is_conj",       no,                                        BOTH),
    ("is_neg",        no,                                        BOTH),
    ("unsqueeze",     S.unsqueeze,                               BOTH),
    ("squeeze",       S.squeeze,                                 BOTH),
    ("expand",        expand,                                    METHOD),
    ("repeat",        S.repeat,                                  METHOD),
    ("expand_as",     expand_as,                                 METHOD),
    ("select",        select,                                    BOTH),
    ("gather",        I.gather,                                  BOTH),
    ("index_select",  I.index_select,                            BOTH),
    ("repeat_interleave", I.repeat_interleave,                   BOTH),
    ("unbind",        unbind,                                    BOTH),
    ("split",         split_method,                              METHOD),
    ("split",         S.split,                                   FUNCTION),
    ("chunk",         S.chunk,                                   BOTH),
    ("flip",          flip_method,                               METHOD),
    ("flip",          flip_function,                             FUNCTION),
    ("fliplr",        S.fliplr,                                  BOTH),
    ("flipud",        S.flipud,                                  BOTH),
    ("meshgrid",      S.meshgrid,                                FUNCTION),
    ("roll",          S.roll,                                    BOTH),
    ("swapaxes",      S.transpose,                               BOTH),
    ("swapdims",      S.transpose,                               BOTH),
    ("movedim",       S.movedim,                                 BOTH),
    ("moveaxis",      S.movedim,                                 BOTH),
    ("narrow",        S.narrow,                                  BOTH),
    ("tile",          S.tile,                                    BOTH),
    ("unflatten",     S.unflatten,                               BOTH),
    ("ravel",         ravel,                                     BOTH),
    ("broadcast_to",  broadcast_to,                              BOTH),
    ("broadcast_tensors", S.broadcast_tensors,                   FUNCTION),
    ("tensor_split",  S.tensor_split,                            BOTH),
    ("hsplit",        S.hsplit,                                  BOTH),
    ("vsplit",        S.vsplit,                                  BOTH),
    ("hstack",        S.hstack,                                  FUNCTION),
    ("vstack",        S.vstack,                                  FUNCTION),
    ("cat",           S.cat,                                     FUNCTION),
    ("concat",        S.cat,                                     FUNCTION),
    ("concatenate",   S.cat,                                     FUNCTION),
    ("stack",         S.stack,                                   FUNCTION),
    ("clone",         unary(S.Clone, "clone"),                   BOTH),
    ("detach",        detach,                                    FUNCTION),
    ("numel",         numel,                                     FUNCTION),
    ("to",            to,                                        METHOD),
    ("type_as",       type_as,                                   METHOD),
    ("double",        converts_to(dtypes.float64, "double"),     METHOD),
    ("float",         converts_to(dtypes.float32, "float"),      METHOD),
    ("half",          converts_to(dtypes.float16, "half"),       METHOD),
    ("long",          converts_to(dtypes.int64, "long"),         METHOD),
    ("int",           converts_to(dtypes.int32, "int"),          METHOD),
    ("bool",          converts_to(dtypes.bool_, "bool"),         METHOD),
    ("byte",          converts_to(dtypes.uint8, "byte"),         METHOD),
    ("char",          converts_to(dtypes.int8, "char"),          METHOD),
    ("zero_",         W.zero_,                                   BOTH),
    ("fill_",         W.fill_,                                   BOTH),
    ("normal_",       W.normal_,                                 METHOD),
    ("uniform_",      W.uniform_,                                METHOD),
    ("masked_fill_",  W.masked_fill_,                            METHOD),
    ("copy_",         W.copy_,                                   METHOD),
    ("add_",          W.add_,                                    METHOD),
    ("sub_",          W.sub_,                                    METHOD),
    ("mul_",          W.mul_,                                    METHOD),
    ("div_",          W.div_,                                    METHOD),
    ("pow_",          W.pow_,                                    METHOD),
    ("clamp_",        W.clamp_,                                  BOTH),
    ("clip_",         W.clamp_,                                  BOTH),
    ("square_",       W.square_,                                 BOTH),
    ("relu_",         W.in_place(E.Relu, "relu_"),               BOTH),
    ("exp_",          W.in_place(E.Exp, "exp_"),                 BOTH),
    ("neg_",          W.in_place(A.Neg, "neg_"),                 BOTH),
    ("log_",          W.in_place(E.Log, "log_"),                 BOTH),
    ("sin_",          W.in_place(E.Sin, "sin_"),                 BOTH),
    ("cos_",          W.in_place(E.Cos, "cos_"),                 BOTH),
    ("tan_",          W.in_place(E.Tan, "tan_"),                 BOTH),
    ("asin_",         W.in_place(E.Asin, "asin_"),               BOTH),
    ("acos_",         W.in_place(E.Acos, "acos_"),               BOTH),
    ("atan_",         W.in_place(E.Atan, "atan_"),               BOTH),
    ("sinh_",         W.in_place(E.Sinh, "sinh_"),               BOTH),
    ("cosh_",         W.in_place(E.Cosh, "cosh_"),               BOTH),
    ("tanh_",         W.in_place(E.Tanh, "tanh_"),               BOTH),
    ("sigmoid_",      W.in_place(E.Sigmoid, "sigmoid_"),         BOTH),
    ("sqrt_",         W.in_place(E.Sqrt, "sqrt_"),               BOTH),
    ("abs_",          W.in_place(E.Abs, "abs_"),                 BOTH),
    ("reciprocal_",   W.in_place(A.Reciprocal, "reciprocal_"),   BOTH),
    ("floor_",        W.in_place(E.Floor, "floor_"),             BOTH),
    ("ceil_",         W.in_place(E.Ceil, "ceil_"),               BOTH),
    ("round_",        W.in_place(E.Round, "round_"),             BOTH),
    ("trunc_",        W.in_place(E.Trunc, "trunc_"),             BOTH),
    ("unsqueeze_",    W.unsqueeze_,                              METHOD),
    ("squeeze_",      W.squeeze_,                                METHOD),
    ("transpose_",    W.transpose_,                              METHOD),
    ("t_",            W.t_,                                      METHOD),
]

functions = {}  # name -> function: what ``torch.exp`` and friends are (see minigrad/__init__.py)
for _name, _run, _where in TABLE:
    if _where & METHOD:
        setattr(Tensor, _name, _run)
    if _where & PROPERTY:
        setattr(Tensor, _name, property(_run))
    if _where & FUNCTION:
        functions[_name] = _run
