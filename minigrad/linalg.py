"""``torch.linalg``: the vector norms (``torch.linalg.norm(x)`` is ``x.norm()``), and
``torch.linalg.matmul``, the same as ``torch.matmul``, and ``torch.linalg.cross``."""
from .ops import functions as _ops, tensors_only as _tensors_only
from .ops.linalg import cross as _cross
from .ops.reduce import norm as _norm

matmul = _ops["matmul"]
cross = _tensors_only(_cross, "linalg_cross", "input", "other")


def vector_norm(x, ord=2, dim=None, keepdim=False):
    """(Σ |xᵢ|^ord)^(1/ord) over ``dim`` (all elements by default)."""
    return _norm(x, ord, dim, keepdim)


def norm(A, ord=None, dim=None, keepdim=False):
    """Without ``ord``: the length of all elements together (a matrix's Frobenius norm).
    A vector takes any ``ord``; matrix norms other than Frobenius are not in minigrad."""
    if ord is None or ord == "fro":
        return _norm(A, 2, dim, keepdim)
    one_dim = A.ndim == 1 if dim is None else not isinstance(dim, (tuple, list)) or len(dim) == 1
    if not one_dim:
        raise NotImplementedError(f"torch.linalg.norm with ord={ord!r} of a matrix (a matrix "
                                  f"norm) is not in minigrad; vector norms are: use a vector "
                                  f"or pass one dim.")
    return _norm(A, ord, dim, keepdim)
