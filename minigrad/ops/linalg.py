"""Products of vectors and matrices: dot, mm, mv, matmul (``@``).

For out = A·B the gradients are themselves products: ∂L/∂A = ∂L/∂out · Bᵀ and
∂L/∂B = Aᵀ · ∂L/∂out — the shapes only fit one way, which is a good way to remember them.
"""
import numpy as np

from .. import dtypes
from ..language import hint
from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule, sum_to_shape
from ..creation import from_numpy
from ..tensor import _dim
from .arithmetic import save_factors
from .broadcasting import broadcast_shape, sum_to
from .indexing import IndexGrad, placed
from .shape import SqueezeDim, UnsafeView, whole_number


def _same_dtype(a, b, op):
    """Products don't promote in PyTorch: mixing float32 and float64 is an error."""
    if a._data.dtype == b._data.dtype:
        return
    if op == "dot":
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found "
                           f"{dtypes.SCALAR_TYPE_NAME[a.dtype]} and {dtypes.SCALAR_TYPE_NAME[b.dtype]}")
    raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                       f"{dtypes.CPP_NAME[a.dtype.name]} != {dtypes.CPP_NAME[b.dtype.name]}")


class Dot(Function):
    """out = a · b = Σ aᵢbᵢ (two vectors);  ∂out/∂a = b, ∂out/∂b = a"""
    node_name = "DotBackward0"
    notation = Notation("·", "{0} · {1}", Local("{1}", lambda a, b, out: b),
                        Local("{0}", lambda a, b, out: a), infix=True)

    @staticmethod
    def forward(ctx, a, b):
        if a._data.ndim != 1 or b._data.ndim != 1:
            raise RuntimeError(f"1D tensors expected, but got {a._data.ndim}D and {b._data.ndim}D "
                               f"tensors. " + hint("dot is for two vectors; use torch.mm or @ for "
                                                   "matrices.",
                                                   "dot 用于两个向量；矩阵请用 torch.mm 或 @。"))
        if a._data.shape != b._data.shape:
            n, m = a._data.shape[0], b._data.shape[0]
            raise RuntimeError(
                f"inconsistent tensor size, expected tensor [{n}] and src [{m}] to have the same "
                f"number of elements, but got {n} and {m} elements respectively")
        _same_dtype(a, b, "dot")
        save_factors(ctx, a, b)
        return np.dot(a._data, b._data)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if ctx.needs_input_grad[0] else None,
                grad * a if ctx.needs_input_grad[1] else None)


class Mm(Function):
    """out = A @ B (two matrices);  ∂L/∂A = grad @ Bᵀ, ∂L/∂B = Aᵀ @ grad"""
    node_name = "MmBackward0"
    notation = Notation("@", "{0} @ {1}", Rule("{g} @ {1}ᵀ", lambda g, a, b, out: g @ b.T),
                        Rule("{0}ᵀ @ {g}", lambda g, a, b, out: a.T @ g), infix=True)

    @staticmethod
    def forward(ctx, a, b):
        if a._data.ndim != 2:
            raise RuntimeError("self must be a matrix")
        if b._data.ndim != 2:
            raise RuntimeError("mat2 must be a matrix")
        if a._data.shape[1] != b._data.shape[0]:
            (n, k), (k2, m) = a._data.shape, b._data.shape
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m}). " + hint(
                    f"The columns of the first ({k}) must equal the rows of the second ({k2}).",
                    f"第一个矩阵的列数（{k}）必须等于第二个矩阵的行数（{k2}）。"))
        _same_dtype(a, b, "mm")
        save_factors(ctx, a, b)
        return a._data @ b._data

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad.mm(b.t()) if ctx.needs_input_grad[0] else None,
                a.t().mm(grad) if ctx.needs_input_grad[1] else None)


class Mv(Function):
    """out = A @ v (matrix times vector);  ∂L/∂A = grad ⊗ v, ∂L/∂v = Aᵀ @ grad"""
    node_name = "MvBackward0"
    notation = Notation("@", "{0} @ {1}", Rule("{g} ⊗ {1}", lambda g, a, v, out: np.outer(g, v)),
                        Rule("{0}ᵀ @ {g}", lambda g, a, v, out: a.T @ g), infix=True)

    @staticmethod
    def forward(ctx, a, v):
        if a._data.ndim != 2 or v._data.ndim != 1 or a._data.shape[1] != v._data.shape[0]:
            n, k = a._data.shape if a._data.ndim == 2 else (a._data.shape + (1,))[:2]
            raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({v._data.shape[0]})")
        _same_dtype(a, v, "mm")
        save_factors(ctx, a, v)
        return a._data @ v._data

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        return (grad.unsqueeze(1) * v.unsqueeze(0) if ctx.needs_input_grad[0] else None,
                a.t().mv(grad) if ctx.needs_input_grad[1] else None)


class BatchedMatmul(Function):
    """out[i] = A[i] @ B[i] for a batch of matrices (PyTorch's bmm);  the same rules as mm,
    one matrix pair at a time"""
    node_name = "BmmBackward0"
    notation = Notation("@", "{0} @ {1}",
                        Rule("{g} @ {1}ᵀ", lambda g, a, b, out: g @ np.swapaxes(b, -1, -2)),
                        Rule("{0}ᵀ @ {g}", lambda g, a, b, out: np.swapaxes(a, -1, -2) @ g),
                        infix=True)

    @staticmethod
    def forward(ctx, a, b):
        _same_dtype(a, b, "mm")
        if a._data.shape[2] != b._data.shape[1]:
            raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                               f"[{b._data.shape[0]}, {a._data.shape[2]}] but got: "
                               f"[{b._data.shape[0]}, {b._data.shape[1]}].")
        save_factors(ctx, a, b)
        return np.matmul(a._data, b._data)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (BatchedMatmul.apply(grad, b.mT) if ctx.needs_input_grad[0] else None,
                BatchedMatmul.apply(a.mT, grad) if ctx.needs_input_grad[1] else None)


class SqueezeProduct(SqueezeDim):
    """vector @ matrix is computed as (1, n) @ matrix, then squeezed; PyTorch squeezes in
    place (``squeeze_(0)``), which names the node SqueezeBackward4."""
    node_name = "SqueezeBackward4"


def dot(a, b):
    return Dot.apply(a, b)


def mm(a, b):
    return Mm.apply(a, b)


def mv(a, b):
    return Mv.apply(a, b)


def matmul(a, b):
    """``a @ b``, decomposed into the same steps as PyTorch's matmul, so that the graph
    (``grad_fn`` and ``next_functions``) is the one PyTorch shows: dot for two vectors, mv
    for matrix @ vector, mm for matrices; with batch dimensions, either the batch is
    folded into the rows of one mm/mv, or both sides are expanded to a common batch
    and multiplied with bmm."""
    da, db = a._data.ndim, b._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{da}D and {db}D")
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:
        return SqueezeProduct.apply(Mm.apply(a.unsqueeze(0), b), (0,))
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    if _should_fold(a, b):
        return _folded(a, b)
    return _batched(a, b)


def _should_fold(a, b):
    """PyTorch's rule: fold when the larger side has 3+ dimensions and the other at most
    2, and the fold costs no copy (or the small side requires grad)."""
    a_larger = a._data.ndim >= b._data.ndim
    t1 = a._data if a_larger else np.swapaxes(b._data, -1, -2)
    small = b if a_larger else a
    if not (t1.ndim >= 3 and small._data.ndim <= 2):
        return False
    if small._requires_grad:
        return True
    if a._data.ndim == 2:
        return False
    if t1.size == 0:
        return True
    return all(t1.strides[i] == t1.strides[i + 1] * t1.shape[i + 1] for i in range(t1.ndim - 2))


def _folded(a, b):
    """(..., n, k) @ (k, m): the batch folded into the rows of a single mm (or mv)."""
    transpose = b._data.ndim > a._data.ndim  # matrix @ batch: computed as (bᵀ @ aᵀ)ᵀ
    t1 = b.mT if transpose else a
    t2 = (a.t() if a._data.ndim == 2 else a) if transpose else b
    out_shape = t1._data.shape[:-1]
    folded = t1.reshape(int(np.prod(out_shape, dtype=np.int64)), t1._data.shape[-1])
    if t2._data.ndim == 1:
        return UnsafeView.apply(Mv.apply(folded, t2), out_shape)
    out = UnsafeView.apply(Mm.apply(folded, t2), out_shape + (t2._data.shape[1],))
    return out.mT.contiguous() if transpose else out


def _batched(a, b):
    """Both sides expanded to the common batch shape, flattened to 3-D, one bmm."""
    da, db = a._data.ndim, b._data.ndim
    n, k = (a._data.shape[-2] if da > 1 else 1), a._data.shape[-1]
    k2, p = (b._data.shape[-2], b._data.shape[-1]) if db > 1 else (b._data.shape[0], 1)
    batch_a, batch_b = a._data.shape[:max(da - 2, 0)], b._data.shape[:max(db - 2, 0)]
    if da == 3 and db == 3 and batch_a[0] != batch_b[0]:
        if batch_a[0] == 1 and a._requires_grad:
            return matmul(a.squeeze(0), b)
        if batch_b[0] == 1 and b._requires_grad:
            return matmul(a, b.squeeze(0))
    batch = broadcast_shape(batch_a, batch_b)
    count = int(np.prod(batch, dtype=np.int64))
    a3 = a.expand(*batch, n, k).reshape(count, n, k)
    if db == 1:
        b3 = b.expand(*batch, k2).reshape(count, k2).unsqueeze(2)
    else:
        b3 = b.expand(*batch, k2, p).reshape(count, k2, p)
    out = BatchedMatmul.apply(a3, b3)
    if db == 1:
        out = out.squeeze(-1)
    out_shape = batch + ((n,) if da > 1 else ()) + ((p,) if db > 1 else ())
    return UnsafeView.apply(out, out_shape)


class Trace(Function):
    """out = tr A = Σᵢ Aᵢᵢ (a matrix's diagonal, summed);  ∂out/∂A = I (1 on the diagonal)"""
    node_name = "TraceBackward0"
    notation = Notation("tr", "tr({0})", Local("I", lambda a, out: np.eye(*a.shape)))

    @staticmethod
    def forward(ctx, a):
        if a._data.ndim != 2:
            raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {a._data.ndim}")
        ctx.shape = a._data.shape
        return np.asarray(np.trace(a._data),  # integers add up in int64, as PyTorch's sums
                          dtype=a._data.dtype if a.dtype.is_floating_point else np.int64)

    @staticmethod
    def backward(ctx, grad):
        return grad * from_numpy(np.eye(*ctx.shape, dtype=grad._data.dtype))


def trace(a):
    return Trace.apply(a)


def bmm(a, b):
    """``torch.bmm(A, B)``: out[i] = A[i] @ B[i] for two batches of matrices of the same
    length (no broadcasting; matmul broadcasts)."""
    for name, t in (("batch1", a), ("batch2", b)):
        if t._data.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(f"expected scalar type {dtypes.SCALAR_TYPE_NAME[a.dtype]} but found "
                           f"{dtypes.SCALAR_TYPE_NAME[b.dtype]}")
    (count, _, k), (count2, k2, _) = a._data.shape, b._data.shape
    if (count2, k2) != (count, k):
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{count}, {k}] but got: [{count2}, {k2}].")
    return BatchedMatmul.apply(a, b)


class Cross(Function):
    """out = a × b, the cross product of 3-vectors along ``dim`` (a vector perpendicular to
    both);  ∂L/∂a = b × grad, ∂L/∂b = grad × a"""
    node_name = "LinalgCrossBackward0"
    notation = Notation("⨯", "{0} ⨯ {1}",  # ⨯, the cross product: not × (elementwise)
                        Rule("{1} ⨯ {g}", lambda g, a, b, dim, out: sum_to_shape(np.cross(b, g, axis=dim), a.shape)),
                        Rule("{g} ⨯ {0}", lambda g, a, b, dim, out: sum_to_shape(np.cross(g, a, axis=dim), b.shape)),
                        infix=True)

    @staticmethod
    def forward(ctx, a, b, dim):
        if a._data.ndim != b._data.ndim:
            raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
        if a._data.shape[dim] != 3 or b._data.shape[dim] != 3:
            raise RuntimeError(f"linalg.cross: inputs dimension {dim - a._data.ndim} must have "
                               f"length 3. Got {a._data.shape[dim]} and {b._data.shape[dim]}")
        if a._data.dtype != b._data.dtype:
            raise RuntimeError(f"expected scalar type {dtypes.SCALAR_TYPE_NAME[a.dtype]} but found "
                               f"{dtypes.SCALAR_TYPE_NAME[b.dtype]}")
        ctx.save_for_backward(a, b)
        ctx.dim = dim
        return np.cross(a._data, b._data, axis=dim)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (sum_to(Cross.apply(b, grad, ctx.dim), a._data.shape) if ctx.needs_input_grad[0] else None,
                sum_to(Cross.apply(grad, a, ctx.dim), b._data.shape) if ctx.needs_input_grad[1] else None,
                None)


def cross(a, b, dim=-1):
    """``torch.linalg.cross(a, b)``: the cross product along ``dim`` (size 3), batches broadcast."""
    return Cross.apply(a, b, _dim(dim, a._data.ndim))


# -- the triangles and the diagonal of a matrix --------------------------------------------------
def _triangle_notation(name, part):
    return Notation(name, lambda args: f"{{0}}.{name}({args[1]})",
                    Rule(lambda args: f"{{g}}.{name}({args[1]})",
                         lambda g, x, diagonal, out: part(g, diagonal)))


class Tril(Function):
    """The lower triangle: the elements on and below diagonal k kept, the others 0
    (of the last two dimensions);  the gradient is cut the same way"""
    node_name = "TrilBackward0"
    part = staticmethod(np.tril)
    notation = _triangle_notation("tril", np.tril)

    @classmethod
    def forward(cls, ctx, x, diagonal):
        if x._data.ndim < 2:
            raise RuntimeError(f"{cls.__name__.lower()}: input tensor must have at least 2 dimensions")
        ctx.diagonal = diagonal
        return cls.part(x._data, diagonal)

    @classmethod
    def backward(cls, ctx, grad):
        return cls.apply(grad, ctx.diagonal), None


class Triu(Tril):
    """The upper triangle: the elements on and above diagonal k kept, the others 0"""
    node_name = "TriuBackward0"
    part = staticmethod(np.triu)
    notation = _triangle_notation("triu", np.triu)


def tril(x, diagonal=0):
    return Tril.apply(x, whole_number(diagonal, "tril", "diagonal"))


def triu(x, diagonal=0):
    return Triu.apply(x, whole_number(diagonal, "triu", "diagonal"))


def diagonal_positions(shape, diagonal):
    """The (rows, columns) of diagonal k of a matrix of ``shape``: k > 0 above the main
    diagonal, k < 0 below it; empty when k lies outside the matrix."""
    n, m = shape
    rows = np.arange(max(0, -diagonal), min(n, m - diagonal))
    return rows, rows + diagonal


class Diagonal(Function):
    """``diag(A, k)`` of a matrix: the elements of its diagonal k, as a vector (a copy);
    the gradient goes back onto that diagonal, zeros elsewhere"""
    node_name = "DiagonalBackward0_copy"  # PyTorch's name: diag copies (diagonal() would be a view)
    notation = Notation("diag", lambda args: _diag_text(args),
                        Rule(lambda args: f"diag({{g}}, {args[1]}) shaped {tuple(args[0].shape)}",
                             lambda g, a, diagonal, out: placed(g, a.shape, diagonal_positions(
                                 a.shape, diagonal))))

    @staticmethod
    def forward(ctx, a, diagonal):
        ctx.shape, ctx.key = a._data.shape, diagonal_positions(a._data.shape, diagonal)
        return a._data[ctx.key]

    @staticmethod
    def backward(ctx, grad):
        return IndexGrad.apply(grad, ctx.shape, ctx.key), None


class DiagonalView(Diagonal):
    """``A.diagonal(k)``: the same elements as ``diag(A, k)``, but a view: writing into it
    writes into A"""
    node_name = "DiagonalBackward0"

    @staticmethod
    def forward(ctx, a, diagonal):
        ctx.shape, ctx.key = a._data.shape, diagonal_positions(a._data.shape, diagonal)
        view = np.diagonal(a._data, diagonal)
        view.flags.writeable = a._data.flags.writeable  # NumPy hands it out read-only
        return view


class DiagEmbed(Function):
    """``diag(v, k)`` of a vector: a square matrix with v on its diagonal k, zeros
    elsewhere;  the gradient is read back from that diagonal"""
    node_name = "DiagEmbedBackward0"
    notation = Notation("diag", lambda args: _diag_text(args),
                        Rule(lambda args: f"diag({{g}}, {args[1]})",
                             lambda g, v, diagonal, out: g[diagonal_positions(g.shape, diagonal)]))

    @staticmethod
    def forward(ctx, v, diagonal):
        ctx.diagonal = diagonal
        return np.diag(v._data, diagonal)

    @staticmethod
    def backward(ctx, grad):
        return Diagonal.apply(grad, ctx.diagonal), None


def diag(x, diagonal=0):
    """``torch.diag(v)``: the matrix with v on its diagonal; ``torch.diag(A)``: the
    diagonal of A as a vector. ``diagonal=k`` takes the diagonal k above (k < 0: below)."""
    diagonal = whole_number(diagonal, "diag", "diagonal")
    if x._data.ndim == 1:
        return DiagEmbed.apply(x, diagonal)
    if x._data.ndim == 2:
        return Diagonal.apply(x, diagonal)
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {x._data.ndim}D")


def diagonal(a, offset=0, dim1=0, dim2=1):
    """``A.diagonal()``: the diagonal of a matrix as a view (``offset=k``: the diagonal k
    above, k < 0 below)."""
    if a._data.ndim != 2 or {_dim(dim1, 2), _dim(dim2, 2)} != {0, 1}:
        raise NotImplementedError("minigrad's diagonal() takes the diagonal of a matrix (a 2-D "
                                  "tensor, dim1=0, dim2=1); for batches use torch.stack of each "
                                  "matrix's diagonal")
    return DiagonalView.apply(a if _dim(dim1, 2) == 0 else a.t(), whole_number(offset, "diagonal", "offset"))


def _diag_text(args):
    return "diag({0})" if args[1] == 0 else f"diag({{0}}, {args[1]})"

