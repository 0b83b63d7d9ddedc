"""Is backward right? Compare it with finite differences.

The derivative of f at x is about (f(x + ε) - f(x - ε)) / 2ε. ``gradcheck`` builds the
whole Jacobian that way (one input element nudged at a time) and compares it with the
Jacobian that backward gives (one output element seeded at a time). Use float64
inputs: in float32 the rounding error of the differences is as big as the tolerance.

>>> x = minigrad.randn(3, dtype=minigrad.float64, requires_grad=True)
>>> minigrad.autograd.gradcheck(lambda x: (x * x).sum(), (x,))
True
"""
import warnings

import numpy as np

from ..language import hint

from .engine import grad as autograd_grad
from .grad_mode import enable_grad


class GradcheckError(RuntimeError):
    """Backward and finite differences disagree."""


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """True if ``func``'s backward matches finite differences at ``inputs``; otherwise
    raises ``GradcheckError`` (or returns False with ``raise_exception=False``)."""
    inputs = _as_tuple(inputs)
    differentiable = _check_inputs(inputs)
    outputs = _float_outputs(func(*inputs))
    for j, out in enumerate(outputs):
        numerical = _numerical_jacobian(func, inputs, differentiable, j, eps)
        analytical = _analytical_jacobian(out, inputs, differentiable)
        for i, num, ana in zip(differentiable, numerical, analytical):
            if not np.allclose(ana, num, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(_mismatch_message(j, i, num, ana))
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  raise_exception=True, **_ignored):
    """Like ``gradcheck``, one order higher: checks the backward of the backward
    (what ``create_graph=True`` builds) against finite differences."""
    from ..random import randn
    inputs = _as_tuple(inputs)
    differentiable = _check_inputs(inputs)
    outputs = _float_outputs(func(*inputs))
    if grad_outputs is None:
        grad_outputs = tuple(randn(*o.shape, dtype=o.dtype, requires_grad=True) for o in outputs)
    grad_outputs = _as_tuple(grad_outputs)
    n = len(inputs)

    def first_derivative(*args):
        xs, vs = args[:n], args[n:]
        outs = _float_outputs(func(*xs))
        grads = autograd_grad(outs, [xs[i] for i in differentiable], vs, create_graph=True,
                              allow_unused=True, materialize_grads=True)
        return tuple(grads)

    return gradcheck(first_derivative, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)


def _as_tuple(x):
    from ..tensor import Tensor
    return (x,) if isinstance(x, Tensor) else tuple(x)


def _check_inputs(inputs):
    from ..tensor import Tensor
    differentiable = [i for i, t in enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad]
    if not differentiable:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, "
                         "but none of them have requires_grad=True.")
    for i in differentiable:
        if inputs[i]._data.dtype != np.float64:
            warnings.warn(f"Input #{i} requires gradient and is not a double precision floating "
                          f"point or complex. This check will likely fail if all the inputs are "
                          f"not of double precision floating point or complex. " + hint(
                              "Use dtype=torch.float64.", "请用 dtype=torch.float64。"),
                          UserWarning, stacklevel=3)
    return differentiable


def _float_outputs(result):
    from ..tensor import Tensor
    outs = (result,) if isinstance(result, Tensor) else tuple(result)
    return tuple(o for o in outs if o is not None and o.dtype.is_floating_point)


def _numerical_jacobian(func, inputs, differentiable, output_index, eps):
    """One matrix per differentiable input: row k is ∂output/∂(input element k)."""
    jacobians = []
    # Recording stays on: in gradgradcheck ``func`` itself calls autograd.grad.
    with enable_grad():
        for i in differentiable:
            values = inputs[i]._data.reshape(-1) if inputs[i]._data.flags.c_contiguous else None
            if values is None:
                raise ValueError(f"gradcheck needs contiguous inputs; input #{i} is not "
                                 f"(call .contiguous() first)")
            rows = []
            for k in range(values.size):
                original = values[k]
                values[k] = original + eps
                plus = _float_outputs(func(*inputs))[output_index]._data.astype(np.float64)
                values[k] = original - eps
                minus = _float_outputs(func(*inputs))[output_index]._data.astype(np.float64)
                values[k] = original
                rows.append(((plus - minus) / (2 * eps)).reshape(-1))
            jacobians.append(np.array(rows).reshape(values.size, -1))
    return jacobians


def _analytical_jacobian(out, inputs, differentiable):
    """The same matrices from backward: column m is the gradient of output element m."""
    from ..creation import zeros_like
    columns = [[] for _ in differentiable]
    for m in range(out._data.size):
        if not out.requires_grad:  # a constant output (the derivative of x ** 0): all zeros
            grads = [None] * len(differentiable)
        else:
            seed = zeros_like(out)
            seed._data.reshape(-1)[m] = 1
            grads = autograd_grad(out, [inputs[i] for i in differentiable], seed,
                                  retain_graph=True, allow_unused=True)
        for column, g, i in zip(columns, grads, differentiable):
            size = inputs[i]._data.size
            column.append(np.zeros(size) if g is None else g._data.astype(np.float64).reshape(-1))
    return [np.array(c).T.reshape(inputs[i]._data.size, -1) if c else
            np.zeros((inputs[i]._data.size, 0)) for c, i in zip(columns, differentiable)]


def _mismatch_message(output_index, input_index, numerical, analytical):
    from ..creation import tensor
    return (f"Jacobian mismatch for output {output_index} with respect to input {input_index},\n"
            f"numerical:{tensor(numerical)!r}\nanalytical:{tensor(analytical)!r}\n"
            f"(row k = derivative of each output element with respect to input element k; "
            f"'numerical' is from finite differences, 'analytical' from backward.)")
