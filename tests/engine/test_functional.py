"""``torch.autograd.functional``: jacobian, hessian, vjp, jvp, vhp, hvp, as PyTorch's docs
call them (one and several inputs, one and several outputs), against PyTorch and against
finite differences."""
import numpy as np
import pytest

import minigrad
from .helper import same_in_both


def exp_reducer(x):
    return x.exp().sum(dim=1)


def exp_adder(x, y):
    return 2 * x.exp() + 3 * y


def two_outputs(x):
    return x.sin(), (x * x).sum()


def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2) * x).sum()


def values(lib):
    return lib.tensor([[0.1, 0.2], [0.3, -0.4]], dtype=lib.float64)


CALLS = {
    "jacobian": lambda lib, F: F.jacobian(exp_reducer, values(lib)),
    "jacobian of two inputs": lambda lib, F: F.jacobian(
        exp_adder, (lib.tensor([0.5, 1.0]), lib.tensor([1.0, 2.0]))),
    "jacobian of two outputs": lambda lib, F: F.jacobian(two_outputs, lib.tensor([0.5, 1.0])),
    "jacobian of a constant": lambda lib, F: F.jacobian(lambda x: lib.ones(2), lib.ones(3)),
    "hessian": lambda lib, F: F.hessian(lambda x: x.pow(3).sum(), values(lib)),
    "hessian of two inputs": lambda lib, F: F.hessian(
        pow_adder_reducer, (lib.tensor([1.0, 2.0]), lib.tensor([3.0, 4.0]))),
    "vjp": lambda lib, F: F.vjp(exp_reducer, values(lib), lib.ones(2, dtype=lib.float64)),
    "jvp": lambda lib, F: F.jvp(exp_reducer, values(lib), lib.ones(2, 2, dtype=lib.float64)),
    "jvp of two inputs": lambda lib, F: F.jvp(
        exp_adder, (lib.tensor([0.5, 1.0]), lib.tensor([1.0, 2.0])),
        (lib.tensor([1.0, -1.0]), lib.tensor([2.0, 0.5]))),
    "vhp": lambda lib, F: F.vhp(lambda x: x.pow(3).sum(), lib.tensor([1.0, 2.0]),
                                lib.tensor([1.0, -2.0])),
    "hvp of two inputs": lambda lib, F: F.hvp(
        pow_adder_reducer, (lib.tensor([1.0, 2.0]), lib.tensor([3.0, 4.0])),
        (lib.ones(2), lib.tensor([0.5, -1.0]))),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_as_pytorch_computes_it(call, torch):
    import torch.autograd.functional as torch_functional
    ours = call(minigrad, minigrad.autograd.functional)
    theirs = call(torch, torch_functional)
    same_in_both(lambda lib: ours if lib is minigrad else theirs, torch)


def test_jvp_is_the_directional_derivative():
    x = np.array([[0.1, 0.2], [0.3, -0.4]])
    v = np.array([[1.0, -0.5], [0.25, 2.0]])
    _, tangent = minigrad.autograd.functional.jvp(exp_reducer, minigrad.tensor(x),
                                                  minigrad.tensor(v))
    eps = 1e-6
    f = lambda a: np.exp(a).sum(axis=1)  # noqa: E731
    expected = (f(x + eps * v) - f(x - eps * v)) / (2 * eps)
    np.testing.assert_allclose(tangent.numpy(), expected, rtol=1e-6)


def test_hvp_is_the_hessian_times_v():
    x, v = minigrad.tensor([1.0, 2.0], dtype=minigrad.float64), minigrad.tensor([1.0, -2.0])
    _, product = minigrad.autograd.functional.hvp(lambda x: x.pow(3).sum(), x, v.double())
    assert product.tolist() == [6.0 * 1.0 * 1.0, 6.0 * 2.0 * -2.0]  # H = diag(6x)
