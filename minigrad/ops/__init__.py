"""Every op minigrad knows, each a ``Function`` with its forward and backward side by side.

    arithmetic.py   + - * / and powers
    elementwise.py  exp, log, sin, tanh, sigmoid, relu, clamp, where, comparisons
    reduce.py       sum, mean, var, std, max, min, amax, amin, prod, logsumexp, norm, cumsum
    linalg.py       dot, mm, mv, matmul
    shape.py        reshape, transpose, indexing, writing into slices, cat, stack, dtype
"""
from .arithmetic import Add, Div, Mul, Neg, Pow, PowTensor, Reciprocal, RPow, Rsub, Sub
from .elementwise import (Abs, Ceil, Clamp, Cos, Exp, Floor, Log, MaskedFill, MaskedFillTensor,
                          Relu, Round, Sigmoid, Sin, Sqrt, Tanh, Trunc, bitwise, clamp, compare,
                          invert, isfinite, isinf, isnan, logical_not, masked_fill, maximum,
                          minimum, sign, where)
from .linalg import dot, matmul, mm, mv
from .reduce import (amax, amin, argmax, argmin, cumsum, logical_reduce, logsumexp, max, mean,
                     min, norm, prod, std, sum, var)
from .shape import (Clone, Select, ToCopy, Unbind, cat, expand, flatten, getitem, permute, reshape,
                    squeeze, stack, t, transpose, unsqueeze, view)
