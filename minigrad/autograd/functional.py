"""Whole derivatives at once: ``jacobian``, ``hessian``, and the products ``vjp``, ``jvp``,
``vhp``, ``hvp``.

``jacobian`` does what the chapter's notes do by hand — one backward pass per output
element, each giving one row — so students can compare their loop with the library call.
The products never build the whole matrix: each is one or two backward passes.
"""
from ..creation import zeros, zeros_like
from ..ops.shape import stack
from ..tensor import Tensor
from .engine import grad


def _as_tuple(x):
    return (x,) if isinstance(x, Tensor) else tuple(x)


def _leaves(inputs):
    """Fresh leaves with the inputs' values: the derivatives are taken with respect to them."""
    return tuple(x.detach().requires_grad_(True) for x in _as_tuple(inputs))


def _like_inputs(inputs, results):
    """One result for a single tensor input, a tuple for a tuple of inputs, as PyTorch."""
    return results[0] if isinstance(inputs, Tensor) else tuple(results)


def _result(out, create_graph):
    return out if create_graph else out.detach()


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·J)``: the vector–Jacobian product that ``backward(v)`` computes."""
    xs = _leaves(inputs)
    out = func(*xs)
    grads = grad(out, xs, v, create_graph=create_graph, allow_unused=True, materialize_grads=True)
    return _result(out, create_graph), _like_inputs(inputs, grads)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), J·v)``: how the output moves when the inputs move along v. Two
    backward passes: g(u) = uᵀ·J is linear in u, and the gradient of g(u)·v with respect
    to u is J·v."""
    xs = _leaves(inputs)
    out = func(*xs)
    u = zeros_like(out).requires_grad_(True)
    grads = grad(out, xs, u, create_graph=True, allow_unused=True, materialize_grads=True)
    tangent = grad(grads, u, _as_tuple(v) if v is not None else None,
                   create_graph=create_graph)[0]
    return _result(out, create_graph), tangent


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·H)`` for a scalar func: the gradient of (∇f · v)."""
    xs = _leaves(inputs)
    out = func(*xs)
    grads = grad(out, xs, create_graph=True, allow_unused=True, materialize_grads=True)
    products = grad(grads, xs, _as_tuple(v) if v is not None else None,
                    create_graph=create_graph, allow_unused=True, materialize_grads=True)
    return _result(out, create_graph), _like_inputs(inputs, products)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), H·v)``: the Hessian is symmetric, so H·v is vᵀ·H."""
    return vhp(func, inputs, v, create_graph, strict)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """J[i, j] = ∂ output_i / ∂ input_j, built one row (one backward pass) at a time.
    With several inputs, one Jacobian per input; with several outputs, one per output."""
    xs = _leaves(inputs)
    outs = func(*xs)
    per_output = []
    for out in _as_tuple(outs):
        flat = out.reshape(-1)
        rows = [[] for _ in xs]
        for i in range(flat.shape[0]):
            if flat.requires_grad:
                grads = grad(flat[i], xs, retain_graph=True, create_graph=create_graph,
                             allow_unused=True, materialize_grads=True)
            else:  # an output that does not depend on the inputs: its rows are zeros
                grads = [zeros_like(x) for x in xs]
            for row, g in zip(rows, grads):
                row.append(g)
        per_output.append(_like_inputs(inputs, [
            (stack(row) if row else zeros(0, *x.shape, dtype=x.dtype)).reshape(
                *out.shape, *x.shape) for row, x in zip(rows, xs)]))
    return per_output[0] if isinstance(outs, Tensor) else tuple(per_output)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The matrix of second derivatives of a scalar function: the Jacobian of its gradient.
    With several inputs, H[i][j] holds ∂²f / ∂input_i ∂input_j."""
    def gradient(*xs):
        return _like_inputs(inputs, grad(func(*xs), xs, create_graph=True, allow_unused=True,
                                         materialize_grads=True))

    return jacobian(gradient, inputs, create_graph=create_graph)
