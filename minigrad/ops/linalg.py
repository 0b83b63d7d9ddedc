"""Products of vectors and matrices: dot, mm, mv, matmul (``@``).

For out = A·B the gradients are themselves products: ∂L/∂A = ∂L/∂out · Bᵀ and
∂L/∂B = Aᵀ · ∂L/∂out — the shapes only fit one way, which is a good way to remember them.
"""
import numpy as np

from .. import dtypes
from ..autograd.function import Function
from .broadcasting import sum_to


_CPP_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
              "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
              "bool": "bool"}


def _same_dtype(a, b, op):
    """Products don't promote in PyTorch: mixing float32 and float64 is an error."""
    if a._data.dtype == b._data.dtype:
        return
    if op == "dot":
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{dtypes.SCALAR_TYPE_NAME[a.dtype]} and {dtypes.SCALAR_TYPE_NAME[b.dtype]}")
    raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                       f"{_CPP_NAMES[a.dtype.name]} != {_CPP_NAMES[b.dtype.name]}")


class Dot(Function):
    """out = a · b = Σ aᵢbᵢ (two vectors);  ∂out/∂a = b, ∂out/∂b = a"""
    node_name = "DotBackward0"

    @staticmethod
    def forward(ctx, a, b):
        if a._data.ndim != 1 or b._data.ndim != 1:
            raise RuntimeError(f"1D tensors expected, but got {a._data.ndim}D and {b._data.ndim}D "
                               f"tensors. dot is for two vectors; use torch.mm or @ for matrices.")
        if a._data.shape != b._data.shape:
            n, m = a._data.shape[0], b._data.shape[0]
            raise RuntimeError(
                f"inconsistent tensor size, expected tensor [{n}] and src [{m}] to have the same "
                f"number of elements, but got {n} and {m} elements respectively")
        _same_dtype(a, b, "dot")
        ctx.save_for_backward(a, b)
        return np.dot(a._data, b._data)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if ctx.needs_input_grad[0] else None,
                grad * a if ctx.needs_input_grad[1] else None)


class Mm(Function):
    """out = A @ B (two matrices);  ∂L/∂A = grad @ Bᵀ, ∂L/∂B = Aᵀ @ grad"""
    node_name = "MmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        if a._data.ndim != 2:
            raise RuntimeError("self must be a matrix")
        if b._data.ndim != 2:
            raise RuntimeError("mat2 must be a matrix")
        if a._data.shape[1] != b._data.shape[0]:
            (n, k), (k2, m) = a._data.shape, b._data.shape
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m}). The columns "
                f"of the first ({k}) must equal the rows of the second ({k2}).")
        _same_dtype(a, b, "mm")
        ctx.save_for_backward(a, b)
        return a._data @ b._data

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad.mm(b.t()) if ctx.needs_input_grad[0] else None,
                a.t().mm(grad) if ctx.needs_input_grad[1] else None)


class Mv(Function):
    """out = A @ v (matrix times vector);  ∂L/∂A = grad ⊗ v, ∂L/∂v = Aᵀ @ grad"""
    node_name = "MvBackward0"

    @staticmethod
    def forward(ctx, a, v):
        if a._data.ndim != 2 or v._data.ndim != 1 or a._data.shape[1] != v._data.shape[0]:
            n, k = a._data.shape if a._data.ndim == 2 else (a._data.shape + (1,))[:2]
            raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({v._data.shape[0]})")
        _same_dtype(a, v, "mm")
        ctx.save_for_backward(a, v)
        return a._data @ v._data

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        return (grad.unsqueeze(1) * v.unsqueeze(0) if ctx.needs_input_grad[0] else None,
                a.t().mv(grad) if ctx.needs_input_grad[1] else None)


class BatchedMatmul(Function):
    """out = A @ B with batch dimensions (broadcast like NumPy's matmul)"""
    node_name = "BmmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        _same_dtype(a, b, "mm")
        try:
            out = np.matmul(a._data, b._data)
        except ValueError:
            raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to match "
                               f"those of batch1: shapes {list(a._data.shape)} and "
                               f"{list(b._data.shape)} cannot be multiplied") from None
        ctx.save_for_backward(a, b)
        return out

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (sum_to(grad.matmul(b.mT), a._data.shape) if ctx.needs_input_grad[0] else None,
                sum_to(a.mT.matmul(grad), b._data.shape) if ctx.needs_input_grad[1] else None)


def dot(a, b):
    return Dot.apply(a, b)


def mm(a, b):
    return Mm.apply(a, b)


def mv(a, b):
    return Mv.apply(a, b)


def matmul(a, b):
    """``a @ b``: dot for two vectors, mm for two matrices, mv for matrix @ vector."""
    da, db = a._data.ndim, b._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{da}D and {db}D")
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:
        return Mm.apply(a.unsqueeze(0), b).squeeze(0)
    a2 = a.unsqueeze(0) if da == 1 else a
    b2 = b.unsqueeze(-1) if db == 1 else b
    out = BatchedMatmul.apply(a2, b2)
    out = out.squeeze(-2) if da == 1 else out
    return out.squeeze(-1) if db == 1 else out
