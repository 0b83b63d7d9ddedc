"""Whole derivatives at once: ``jacobian``, ``hessian``, ``vjp``.

``jacobian`` does what the chapter's notes do by hand — one backward pass per output
element, each giving one row — so students can compare their loop with the library call.
"""
from ..creation import zeros_like
from ..ops.shape import stack
from ..tensor import Tensor
from .engine import grad


def _as_tuple(x):
    return (x,) if isinstance(x, Tensor) else tuple(x)


def vjp(func, inputs, v=None, create_graph=False):
    """``(func(inputs), vᵀ·J)``: the vector–Jacobian product that ``backward(v)`` computes."""
    inputs = _as_tuple(inputs)
    xs = tuple(x.detach().requires_grad_(True) for x in inputs)
    out = func(*xs)
    grads = grad(out, xs, v, create_graph=create_graph, allow_unused=True, materialize_grads=True)
    grads = grads[0] if isinstance(inputs, tuple) and len(inputs) == 1 else grads
    return out.detach() if not create_graph else out, grads


def jacobian(func, inputs, create_graph=False):
    """J[i, j] = ∂ output_i / ∂ input_j, built one row (one backward pass) at a time.
    With several inputs, returns one Jacobian per input."""
    single = isinstance(inputs, Tensor)
    xs = tuple(x.detach().requires_grad_(True) for x in _as_tuple(inputs))
    out = func(*xs)
    flat = out.reshape(-1)
    rows = [[] for _ in xs]
    for i in range(flat.shape[0]):
        grads = grad(flat[i], xs, retain_graph=True, create_graph=create_graph,
                     allow_unused=True, materialize_grads=True)
        for row, g in zip(rows, grads):
            row.append(g)
    jacobians = tuple(
        (stack(row) if row else zeros_like(x).reshape(0, *x.shape)).reshape(*out.shape, *x.shape)
        for row, x in zip(rows, xs))
    return jacobians[0] if single else jacobians


def hessian(func, inputs):
    """The matrix of second derivatives of a scalar function: the Jacobian of its gradient."""
    single = isinstance(inputs, Tensor)

    def gradient(*xs):
        return grad(func(*xs), xs, create_graph=True, materialize_grads=True)[0]

    if not single:
        raise NotImplementedError("hessian of several inputs: call it once per input")
    return jacobian(gradient, inputs)
