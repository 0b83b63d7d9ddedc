"""The rules of autograd a student meets, each pinned against PyTorch and, where it
has one, the closed-form answer.

Most tests are a small program written once for both libraries (``lib``) and run by
``same_in_both``: whatever the program returns (tensors with their dtype, flags and
grad_fn name, plain values) must agree.
"""
import subprocess
import sys
import textwrap
import warnings
import weakref

import numpy as np
import pytest

import minigrad
from .helper import same_in_both


# -- gradients add up -----------------------------------------------------------------------
def test_grad_accumulates_across_backward_calls(torch):
    def program(lib):
        x = lib.arange(4.0, requires_grad=True)
        (2 * lib.dot(x, x)).backward()
        first = x.grad.clone()
        x.sum().backward()
        return first, x.grad

    first, second = same_in_both(program, torch)
    x = np.arange(4.0)
    np.testing.assert_array_equal(first.numpy(), 4 * x)
    np.testing.assert_array_equal(second.numpy(), 4 * x + 1)


def test_grad_of_several_outputs_of_one_node(torch):
    """The rows of ``x.unbind()`` share one node: as roots together, it runs once."""
    def program(lib):
        x = lib.arange(6.0).reshape(3, 2).requires_grad_()
        rows = x.unbind(0)
        weights = [lib.full((2,), float(i)) for i in range(3)]
        grad, = lib.autograd.grad(rows, x, weights, retain_graph=True)
        lib.autograd.backward(rows, weights)
        return grad, x.grad

    grad, accumulated = same_in_both(program, torch)
    np.testing.assert_array_equal(grad.numpy(), [[0, 0], [1, 1], [2, 2]])
    np.testing.assert_array_equal(accumulated.numpy(), grad.numpy())


def test_grad_accumulates_within_a_graph_where_a_tensor_is_used_twice(torch):
    def program(lib):
        x = lib.tensor([1.0, -2.0, 3.0], requires_grad=True)
        (x * x + 3 * x + x).sum().backward()
        return x.grad

    grad = same_in_both(program, torch)
    np.testing.assert_allclose(grad.numpy(), 2 * np.array([1.0, -2.0, 3.0]) + 4)


def test_zero_grad_in_place_resets_and_keeps_the_same_tensor(torch):
    def program(lib):
        x = lib.arange(4.0, requires_grad=True)
        x.sum().backward()
        g = x.grad
        returned = x.grad.zero_()
        x.sum().backward()
        return returned is g, x.grad is g, x.grad

    same, kept, grad = same_in_both(program, torch)
    assert same and kept
    np.testing.assert_array_equal(grad.numpy(), np.ones(4))


def test_grad_is_none_until_the_first_backward(torch):
    def program(lib):
        x = lib.arange(4.0, requires_grad=True)
        before = x.grad
        y = (x * x).sum()
        after_forward = x.grad
        y.backward()
        return before, after_forward, x.grad

    before, after_forward, grad = same_in_both(program, torch)
    assert before is None and after_forward is None and grad is not None


def test_setting_grad_to_none_starts_over(torch):
    def program(lib):
        a = lib.randn((), dtype=lib.float64, requires_grad=True)
        a.data = lib.tensor(0.5, dtype=lib.float64)
        (a * 3).backward()
        a.grad = None
        (a * 5).backward()
        return a.grad

    assert same_in_both(program, torch).item() == 5


# -- retain_graph, create_graph, autograd.grad ----------------------------------------------
def test_retain_graph_allows_a_second_backward_that_adds_up(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = (x.exp() * x).sum()
        y.backward(retain_graph=True)
        once = x.grad.clone()
        y.backward()
        return once, x.grad

    once, twice = same_in_both(program, torch)
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(once.numpy(), np.exp(x) * (1 + x), rtol=1e-6)
    np.testing.assert_allclose(twice.numpy(), 2 * once.numpy(), rtol=1e-6)


def test_second_derivative_through_create_graph(torch):
    def program(lib):
        x = lib.tensor([0.5, 1.0, 2.0], dtype=lib.float64, requires_grad=True)
        y = (x ** 3).sum()
        g, = lib.autograd.grad(y, x, create_graph=True)
        g2, = lib.autograd.grad(g.sum(), x)
        return g, g2

    g, g2 = same_in_both(program, torch)
    x = np.array([0.5, 1.0, 2.0])
    np.testing.assert_allclose(g.detach().numpy(), 3 * x ** 2)
    np.testing.assert_allclose(g2.numpy(), 6 * x)


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True:UserWarning")  # torch's
def test_backward_with_create_graph_gives_a_grad_with_history(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], dtype=lib.float64, requires_grad=True)
        (x.sin() * x).sum().backward(create_graph=True)
        first = x.grad
        x.grad = None
        first.sum().backward()
        # (which node made x.grad is PyTorch's internal affair: CopyBackwards there)
        return first.detach(), first.requires_grad, x.grad

    first, has_history, second = same_in_both(program, torch)
    x = np.array([1.0, 2.0])
    assert has_history
    np.testing.assert_allclose(first.numpy(), np.cos(x) * x + np.sin(x))
    np.testing.assert_allclose(second.numpy(), 2 * np.cos(x) - x * np.sin(x))


def test_third_derivative(torch):
    def program(lib):
        x = lib.tensor(0.7, dtype=lib.float64, requires_grad=True)
        y = x.sin() * x.exp()
        d1, = lib.autograd.grad(y, x, create_graph=True)
        d2, = lib.autograd.grad(d1, x, create_graph=True)
        d3, = lib.autograd.grad(d2, x)
        return d1, d2, d3

    d1, d2, d3 = same_in_both(program, torch)
    # (sin x · eˣ)''' = 2eˣ(cos x - sin x)
    assert np.isclose(d3.item(), 2 * np.exp(0.7) * (np.cos(0.7) - np.sin(0.7)))


def test_autograd_grad_does_not_fill_dot_grad(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        g = lib.autograd.grad((x * x).sum(), x)
        return type(g).__name__, len(g), g[0], x.grad

    kind, n, g, grad = same_in_both(program, torch)
    assert kind == "tuple" and n == 1 and grad is None
    np.testing.assert_array_equal(g.numpy(), 2 * np.arange(3.0))


def test_autograd_grad_with_grad_outputs_and_several_inputs(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        w = lib.tensor([3.0, -1.0], requires_grad=True)
        y = x * w
        return lib.autograd.grad(y, (x, w), grad_outputs=lib.tensor([1.0, 10.0]))

    gx, gw = same_in_both(program, torch)
    np.testing.assert_array_equal(gx.numpy(), [3.0, -10.0])
    np.testing.assert_array_equal(gw.numpy(), [1.0, 20.0])


def test_autograd_grad_allow_unused_gives_none(torch):
    def program(lib):
        x, unused = lib.ones(2, requires_grad=True), lib.ones(2, requires_grad=True)
        return lib.autograd.grad((x * 2).sum(), [x, unused], allow_unused=True)

    assert same_in_both(program, torch)[1] is None


# -- which tensors get a .grad ----------------------------------------------------------------
def test_non_leaf_grad_stays_none_and_warns_on_access(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        y = x * 2
        y.sum().backward()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            grad = y.grad
        return grad, [w.category.__name__ for w in caught], "not a leaf Tensor" in str(caught[0].message)

    grad, categories, worded = same_in_both(program, torch)
    assert grad is None and categories == ["UserWarning"] and worded


def test_retain_grad_keeps_a_non_leaf_gradient_without_warning(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        y = x * 2
        y.retain_grad()
        z = (y * y).sum()
        z.backward()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return y.retains_grad, y.grad, x.grad, y.is_leaf

    retains, y_grad, x_grad, is_leaf = same_in_both(program, torch)
    assert retains and not is_leaf
    np.testing.assert_array_equal(y_grad.numpy(), 2 * 2 * np.arange(3.0))
    np.testing.assert_array_equal(x_grad.numpy(), 8 * np.arange(3.0))


def test_leaves_and_grad_fn(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        c = lib.ones(2)
        y = x * c
        with lib.no_grad():
            n = x * 2
        return [(t.is_leaf, t.requires_grad, t.grad_fn is None) for t in (x, c, y, n, y.detach())]

    assert same_in_both(program, torch) == [(True, True, True), (True, False, True),
                                            (False, True, False), (True, False, True),
                                            (True, False, True)]


def test_requires_grad_(torch):
    def program(lib):
        a = lib.randn(2, 2)
        a = (a * 3) / (a - 1)
        before = a.requires_grad
        returned = a.requires_grad_(True)
        b = (a * a).sum()
        a.requires_grad_(False)
        return before, returned is a, b.requires_grad, type(b.grad_fn).__name__, a.requires_grad

    assert same_in_both(program, torch) == (False, True, True, "SumBackward0", False)


def test_backward_with_an_integer_gradient(torch):
    """The notes pass ``gradient=torch.tensor([3, 3, 3, 3])`` (int64) for float x."""
    def program(lib):
        x = lib.arange(4.0, requires_grad=True)
        y = x * x
        y.backward(gradient=lib.tensor([3, 3, 3, 3]))
        return x.grad

    np.testing.assert_array_equal(same_in_both(program, torch).numpy(), 6 * np.arange(4.0))


# -- detach and .data -----------------------------------------------------------------------------
def test_detach_shares_storage_and_version_counter(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        y = x * 2
        d = y.detach()
        d[0] = 100.0
        return y, d, y._version, d._version, d.requires_grad, d.is_leaf

    y, d, version_y, version_d, *_ = same_in_both(program, torch)
    assert y.detach().numpy()[0] == 100.0 and version_y == version_d == 1


def test_data_shares_storage_but_not_the_version_counter(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        y = x.exp()             # exp saves its result for backward
        y.data[0] = 0.0         # invisible to autograd: no error at backward
        y.sum().backward()
        x.data += 1             # the tutorial's update through .data
        return x, x._version, y._version, x.grad

    x, version_x, version_y, grad = same_in_both(program, torch)
    assert version_x == version_y == 0
    np.testing.assert_array_equal(x.detach().numpy(), np.arange(3.0) + 1)
    # the gradient was computed from the changed saved value, as in PyTorch
    np.testing.assert_allclose(grad.numpy(), [0.0, np.e, np.e ** 2], rtol=1e-6)


def test_detach_treats_y_as_a_constant(torch):
    def program(lib):
        x = lib.arange(4.0, requires_grad=True)
        y = x * x
        u = y.detach()
        (u * x).sum().backward()
        first = x.grad.clone()
        x.grad.zero_()
        y.sum().backward()
        return u, first, x.grad

    u, first, second = same_in_both(program, torch)
    np.testing.assert_array_equal(first.numpy(), u.numpy())
    np.testing.assert_array_equal(second.numpy(), 2 * np.arange(4.0))


def test_version_counter_counts_in_place_changes(torch):
    def program(lib):
        a = lib.zeros(3)
        versions = [a._version]
        a += 1
        versions.append(a._version)
        a[0] = 2.0
        versions.append(a._version)
        a.zero_()
        versions.append(a._version)
        a.mul_(2)
        versions.append(a._version)
        view = a[1:]
        view.add_(1)
        versions.append((a._version, view._version))
        return versions

    same_in_both(program, torch)


# -- in-place ops inside a graph ------------------------------------------------------------------
def test_in_place_on_a_non_leaf_keeps_the_graph(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        y += 1
        after_add = type(y.grad_fn).__name__
        y *= 3
        y.sum().backward()
        return after_add, y, x.grad

    after_add, y, grad = same_in_both(program, torch)
    assert after_add == "AddBackward0"
    np.testing.assert_array_equal(grad.numpy(), [6.0, 6.0])


def test_in_place_on_a_view_of_a_non_leaf_rewrites_the_base_history(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 1
        y[1:].mul_(10)
        y.sum().backward()
        return y, x.grad

    y, grad = same_in_both(program, torch)
    assert y.grad_fn.name() == "CopySlices"
    np.testing.assert_array_equal(grad.numpy(), [1.0, 10.0, 10.0])


def test_a_view_sees_an_in_place_change_of_its_base(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        a = x * 1
        v = a[1:]
        a.mul_(2)
        (v * v).sum().backward()
        return v, x.grad

    v, grad = same_in_both(program, torch)
    np.testing.assert_array_equal(grad.numpy(), [0.0, 16.0, 24.0])  # d(2x)²/dx = 8x


def test_split_and_chunk_give_views_and_flip_a_copy(torch):
    """PyTorch's split and chunk pieces share the tensor's memory and version counter;
    flip copies."""
    def program(lib):
        x = lib.arange(6.0)
        a, b = x.split([2, 4])
        c = x.chunk(3)[2]
        f = x.flip(0)
        x.add_(10)
        return (a, b, c, f, a._version, c._version, f._version, b.data_ptr() - x.data_ptr(),
                c._base is x, f._base is None)

    a, b, c, f, *_ = same_in_both(program, torch)
    assert c.tolist() == [14.0, 15.0] and f.tolist() == [5.0, 4.0, 3.0, 2.0, 1.0, 0.0]


def test_split_pieces_refuse_a_base_changed_in_place(torch):
    """The pieces share one node, so after ``y.mul_(3)`` PyTorch will not rebuild their
    history (a slice ``y[:2]`` would be rebuilt): the error says to work out of place."""
    for lib in (minigrad, torch):
        y = lib.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True) * 1
        first, second = y.chunk(2)
        y.mul_(3)
        with pytest.raises(RuntimeError, match="Output 0 of Split is a view and its base or "
                                               "another view of its base has been modified inplace"):
            first * second
        with pytest.raises(RuntimeError, match="Output 1 of Split is a view and its base"):
            second.grad_fn


@pytest.mark.parametrize("indexing", ["ij", "xy"])
def test_meshgrid_is_numpys_meshgrid(indexing, torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = lib.tensor([10.0, 20.0, 30.0], requires_grad=True)
        X, Y = lib.meshgrid(x, y, indexing=indexing)
        (X * Y).sum().backward()
        return X, Y, x.grad, y.grad

    X, Y, *_ = same_in_both(program, torch)
    np_X, np_Y = np.meshgrid([1.0, 2.0], [10.0, 20.0, 30.0], indexing=indexing)
    np.testing.assert_array_equal(X.detach().numpy(), np_X)
    np.testing.assert_array_equal(Y.detach().numpy(), np_Y)


def test_meshgrid_without_indexing_warns_and_takes_ij(torch):
    for lib in (minigrad, torch):
        with pytest.warns(UserWarning) as caught:
            X, Y = lib.meshgrid(lib.arange(2), lib.arange(3))
        assert str(caught[0].message).startswith(
            "torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
            "argument."), lib.__name__
        assert X.tolist() == [[0, 0, 0], [1, 1, 1]] and Y.tolist() == [[0, 1, 2], [0, 1, 2]]
    assert caught[0].filename != __file__  # PyTorch points into torch/functional.py
    with pytest.warns(UserWarning) as caught:
        minigrad.meshgrid(minigrad.arange(2), minigrad.arange(3))
    assert caught[0].filename == __file__  # minigrad at the student's line


def test_questions_about_values_have_no_gradient(torch):
    """nonzero, unique, count_nonzero, isin: answers about values (indices, counts, yes or
    no), not computations a gradient could flow through. (PyTorch's unique of a tensor that
    requires grad records a node whose backward raises "not implemented"; minigrad's result
    simply does not require grad, hence the detach here.)"""
    def program(lib):
        x = lib.tensor([[0.0, 1.5, 1.5], [2.0, 0.0, 1.5]], requires_grad=True)
        rows, cols = x.nonzero(as_tuple=True)
        return (x.nonzero(), lib.argwhere(x > 1), x[rows, cols], lib.nonzero(lib.tensor(3.0)),
                lib.unique(x.detach()), x.detach().unique(return_inverse=True, return_counts=True),
                lib.unique(lib.tensor([[1, 2], [1, 2], [0, 5]]), dim=0),
                lib.count_nonzero(x), x.count_nonzero(dim=1),
                lib.isin(x, lib.tensor([1.5, 2.0])), lib.isin(x, lib.tensor([0.0]), invert=True),
                x.ndimension(), x.nbytes, x.itemsize, x.is_complex(), x.is_signed(),
                lib.tensor([0.0]).is_nonzero())

    same_in_both(program, torch)


def test_where_alone_membership_and_logical_reductions_keeping_dims(torch):
    def program(lib):
        x = lib.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
        return (lib.where(x > 0), lib.where(lib.tensor(True)), 3.0 in x, 7 in x, lib.tensor(5.0) in x,
                (x > 0).any(dim=1, keepdim=True), lib.all(x > -5, dim=0, keepdim=True),
                x.new_empty((2, 1)).shape, repr(lib.set_grad_enabled(True)))

    same_in_both(program, torch)


def test_diagonal_is_a_view_to_write_through(torch):
    def program(lib):
        A = lib.arange(12.0).reshape(3, 4)
        d = A.diagonal(1)
        d.fill_(-1)
        B = lib.zeros(3, 3)
        B.diagonal()[:] = lib.tensor([1.0, 2.0, 3.0])
        x = lib.ones(3, 3, requires_grad=True)
        y = x * 2
        y.diagonal().mul_(10)
        (y * lib.arange(9.0).reshape(3, 3)).sum().backward()
        return A, d, d._version, A._version, B, y, x.grad, y.diagonal()._base is y

    *_, grad, _ = same_in_both(program, torch)
    np.testing.assert_array_equal(grad.numpy(), np.arange(9.0).reshape(3, 3) * np.where(
        np.eye(3), 20, 2))


def test_complex_number_views_of_real_tensors(torch):
    """x.H, x.mH, x.adjoint(), x.conj(), x.real: what they are for real numbers, as PyTorch."""
    def program(lib):
        x = lib.arange(6.0).reshape(2, 3).requires_grad_()
        batch = lib.ones(2, 3, 4)
        return (x.H, x.mH, x.adjoint(), lib.adjoint(batch).shape, batch.mH.shape, x.conj() is x,
                x.real is x, lib.real(x) is x, x.resolve_conj() is x, x.is_conj(),
                lib.isreal(lib.tensor([1.0, float("nan")])))

    same_in_both(program, torch)
    for lib in (minigrad, torch):
        with pytest.raises(RuntimeError, match="imag is not implemented for tensors with "
                                               "non-complex dtypes"):
            lib.ones(2).imag
        with pytest.raises(RuntimeError, match=r"tensor.H is only supported on matrices \(2-D "
                                               r"tensors\). Got 1-D tensor."):
            lib.ones(3).H


def test_in_place_functions_of_torch(torch):
    """``torch.sin_(a)`` (the tensor tutorial) and the other torch.<op>_ functions."""
    def program(lib):
        a = lib.tensor([0.0, 0.5, 1.0])
        b = lib.sin_(a)
        return (b is a, a, lib.exp_(lib.ones(2)), lib.zero_(lib.ones(2)), lib.fill_(lib.ones(2), 3.0),
                lib.clamp_(lib.tensor([-1.0, 2.0]), 0, 1), lib.sqrt_(lib.tensor([4.0])),
                lib.round_(lib.tensor([2.5])), lib.relu_(lib.tensor([-1.0, 1.0])))

    same_in_both(program, torch)


def test_zero_and_fill_in_a_graph(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y, z = x * 1, x * 1
        y.zero_()
        z.fill_(3)
        (y + z).sum().backward()
        return y, z, x.grad

    same_in_both(program, torch)


def test_in_place_ops_in_a_graph(torch):
    """Each in-place op on a non-leaf records the node of its out-of-place twin."""
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        results = []
        for op in (lambda y: y.add_(1), lambda y: y.sub_(lib.ones(2), alpha=2),
                   lambda y: y.mul_(lib.tensor([2.0, 3.0])), lambda y: y.div_(4),
                   lambda y: y.pow_(2), lambda y: y.clamp_(min=1.5), lambda y: y.relu_(),
                   lambda y: y.exp_(), lambda y: y.neg_(),
                   lambda y: y.copy_(lib.tensor([5.0, 6.0]))):
            y = x * 1
            op(y)
            y.sum().backward()
            results.append((y, x.grad.clone()))
            x.grad = None
        return results

    same_in_both(program, torch)


def test_update_of_a_leaf_under_no_grad(torch):
    def program(lib):
        w = lib.ones(3, requires_grad=True)
        (w * w).sum().backward()
        with lib.no_grad():
            w -= 0.1 * w.grad
            w.grad.zero_()
        return w, w.grad, w._version

    w, grad, version = same_in_both(program, torch)
    np.testing.assert_allclose(w.detach().numpy(), 0.8)
    assert version == 1


# -- writing into tensors: y[i] = ... ------------------------------------------------------------
def test_writing_a_result_into_zeros_makes_it_require_grad(torch):
    def program(lib):
        u = lib.tensor([1.0, 2.0], requires_grad=True)
        y = lib.zeros(2)
        before = (y.requires_grad, y.grad_fn is None)
        y[0] = u[0] ** 2
        return before, y, y.is_leaf, y.grad_fn.next_functions[0][0] is None

    before, y, is_leaf, _ = same_in_both(program, torch)
    assert before == (False, True) and y.requires_grad and not is_leaf
    assert type(y.grad_fn).__name__ == "CopySlices"


def test_writing_a_constant_cuts_that_elements_gradient(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 2
        y[1] = 5.0
        y.sum().backward()
        return y, x.grad

    y, grad = same_in_both(program, torch)
    np.testing.assert_array_equal(grad.numpy(), [2.0, 0.0, 2.0])


def test_masked_write_g_mask_equals_zero(torch):
    def program(lib):
        x = lib.tensor([-1.0, 2.0, -3.0], requires_grad=True)
        g = x * 3
        g[g < 0] = 0
        g.sum().backward()
        return g, x.grad

    g, grad = same_in_both(program, torch)
    assert type(g.grad_fn).__name__ == "IndexPutBackward0"
    np.testing.assert_array_equal(grad.numpy(), [0.0, 3.0, 0.0])


def test_writing_into_a_tensor_from_its_own_element(torch):
    """``y[0] = y[1] * 3``: the product keeps only the 3 for backward (not y[1], which the
    write changes), so no "modified by an inplace operation" error."""
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x.clone()
        y[0] = y[1] * 3
        y.sum().backward()
        return y, x.grad

    y, grad = same_in_both(program, torch)
    np.testing.assert_array_equal(grad.numpy(), [0.0, 4.0])


def test_repeated_indices_accumulate(torch):
    def program(lib):
        x = lib.arange(3.0, requires_grad=True)
        (x[[0, 0, 2, 0]] * lib.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
        first = x.grad.clone()
        x.grad = None
        x[lib.tensor([1, 1])].sum().backward()
        return first, x.grad

    first, second = same_in_both(program, torch)
    np.testing.assert_array_equal(first.numpy(), [7.0, 0.0, 3.0])
    np.testing.assert_array_equal(second.numpy(), [0.0, 2.0, 0.0])


# -- the kinks: PyTorch's conventions where the derivative does not exist -------------------
NAN = float("nan")
KINKS = [
    # name, program(lib) -> x.grad, the convention (from PyTorch's documented behaviour)
    ("relu'(0) = 0", lambda lib, x: x.relu(), [-1.0, 0.0, 2.0], [0.0, 0.0, 1.0]),
    ("MyReLU-style clamp(min=0)'(0) = 1", lambda lib, x: x.clamp(min=0), [-1.0, 0.0, 2.0],
     [0.0, 1.0, 1.0]),
    ("clamp gradient is 1 on [min, max], ends included", lambda lib, x: x.clamp(-1.0, 1.0),
     [-2.0, -1.0, 0.0, 1.0, 2.0], [0.0, 1.0, 1.0, 1.0, 0.0]),
    ("clamp(max=)", lambda lib, x: x.clamp(max=1.0), [0.0, 1.0, 2.0], [1.0, 1.0, 0.0]),
    ("abs'(0) = 0", lambda lib, x: x.abs(), [-2.0, 0.0, 3.0], [-1.0, 0.0, 1.0]),
    ("max() splits ties evenly", lambda lib, x: x.max(), [1.0, 3.0, 3.0, 0.0], [0.0, 0.5, 0.5, 0.0]),
    ("min() splits ties evenly", lambda lib, x: x.min(), [1.0, 0.0, 0.0, 0.0],
     [0.0, 1 / 3, 1 / 3, 1 / 3]),
    ("max(dim) sends it to the returned index", lambda lib, x: x.max(dim=0).values,
     [3.0, 1.0, 3.0], None),
    ("amax() splits ties evenly", lambda lib, x: x.amax(), [1.0, 3.0, 3.0, 0.0], [0.0, 0.5, 0.5, 0.0]),
    ("amax(dim) splits ties too, unlike max(dim)", lambda lib, x: x.reshape(2, 2).amax(1),
     [3.0, 3.0, 1.0, 2.0], [0.5, 0.5, 0.0, 1.0]),
    ("amin(0) splits three ways", lambda lib, x: x.reshape(3, 1).amin(0), [1.0, 1.0, 1.0],
     [1 / 3, 1 / 3, 1 / 3]),
    ("prod with one zero: the others' product goes to the zero", lambda lib, x: x.prod(),
     [2.0, 0.0, 3.0], [0.0, 6.0, 0.0]),
    ("prod with two zeros: 0 everywhere", lambda lib, x: x.prod(), [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]),
    ("maximum splits ties evenly", lambda lib, x: lib.maximum(x, lib.tensor([1.0, 1.0, 1.0])),
     [0.0, 1.0, 2.0], [0.0, 0.5, 1.0]),
    ("norm'(0) = 0", lambda lib, x: x.norm(), [0.0, 0.0], [0.0, 0.0]),
    ("d(x ** 0)/dx = 0 at x = 0 (tensor exponent)", lambda lib, x: x ** lib.tensor([0.0, 2.0]),
     [0.0, 2.0], [0.0, 4.0]),
    ("sqrt'(0) = inf", lambda lib, x: x.sqrt(), [0.0, 4.0], [np.inf, 0.25]),
    ("std of equal values: gradient 0, not 0/0", lambda lib, x: x.std(), [2.0, 2.0], [0.0, 0.0]),
    # a NaN in the input: the result is NaN, and PyTorch still says where the gradient goes
    ("max() with NaNs: the NaNs share it", lambda lib, x: x.max(), [1.0, NAN, 3.0, NAN],
     [0.0, 0.5, 0.0, 0.5]),
    ("max() with one NaN", lambda lib, x: x.max(), [1.0, NAN, 3.0], [0.0, 1.0, 0.0]),
    ("min() with a NaN", lambda lib, x: x.min(), [NAN, -1.0], [1.0, 0.0]),
    ("max(dim) with NaNs: the first NaN", lambda lib, x: x.max(dim=0).values, [1.0, NAN, NAN],
     [0.0, 1.0, 0.0]),
    ("relu'(NaN) = 1", lambda lib, x: x.relu(), [NAN, -1.0, 1.0], [1.0, 0.0, 1.0]),
    ("clamp'(NaN) = 0", lambda lib, x: x.clamp(-1.0, 1.0), [NAN, 0.5], [0.0, 1.0]),
    ("abs'(NaN) = sign(NaN) = 0", lambda lib, x: x.abs(), [NAN, -2.0], [0.0, -1.0]),
    ("maximum next to a NaN: both sides get it", lambda lib, x: lib.maximum(
        x, lib.tensor([2.0, NAN])), [NAN, 1.0], [1.0, 1.0]),
    ("minimum next to a NaN", lambda lib, x: lib.minimum(lib.tensor([2.0, NAN]), x), [NAN, 1.0],
     [1.0, 1.0]),
]


@pytest.mark.parametrize("program, values, convention",
                         [pytest.param(p, v, c, id=name) for name, p, v, c in KINKS])
def test_derivative_at_a_kink(program, values, convention, torch):
    def run(lib):
        x = lib.tensor(values, requires_grad=True)
        y = program(lib, x)
        y.backward(lib.ones_like(y))
        return y, x.grad

    _, grad = same_in_both(run, torch)
    if convention is not None:
        np.testing.assert_allclose(grad.numpy(), convention)


def test_logsumexp_is_stable_where_exp_overflows(torch):
    def program(lib):
        x = lib.tensor([[1000.0, 1000.0, -1000.0], [-np.inf, -np.inf, -np.inf]], dtype=lib.float64,
                       requires_grad=True)
        y = x.logsumexp(1)
        y[0].backward()
        return y, x.grad

    y, grad = same_in_both(program, torch)
    assert y.tolist() == [1000.0 + np.log(2.0), -np.inf]
    np.testing.assert_allclose(grad.numpy()[0], [0.5, 0.5, 0.0])  # (row 1: exp(-inf + inf) is nan)


def test_max_dim_gradient_goes_to_the_returned_index(torch):
    def program(lib):
        x = lib.tensor([[3.0, 1.0, 3.0], [2.0, 2.0, 0.0]], requires_grad=True)
        values, indices = x.max(dim=1)
        values.sum().backward()
        return indices, x.grad

    indices, grad = same_in_both(program, torch)
    expected = np.zeros((2, 3))
    expected[[0, 1], indices.numpy()] = 1
    np.testing.assert_array_equal(grad.numpy(), expected)


def test_hook_on_a_leaf_registered_before_use(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        seen = []
        x.register_hook(lambda g: seen.append(g.clone()) or g * 10)
        (x * 3).sum().backward()
        return x.grad, seen

    same_in_both(program, torch)


def test_hooks_on_a_used_leaf_and_on_a_non_leaf(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        y = x * 2
        x.register_hook(lambda g: g + 1)
        y.register_hook(lambda g: g * 10)
        (y * 3).sum().backward()
        return x.grad

    np.testing.assert_array_equal(same_in_both(program, torch).numpy(), [61.0, 61.0])


def test_iterating_over_rows(torch):
    def program(lib):
        x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        rows = list(x)
        (rows[0] * rows[1]).sum().backward()
        return rows, x.grad

    same_in_both(program, torch)


# -- dtypes ---------------------------------------------------------------------------------
def test_default_dtypes(torch):
    def program(lib):
        f32 = lib.ones(2)
        return [t.dtype for t in (
            lib.tensor([1.0, 2.0]), lib.tensor([1, 2]), lib.tensor([True]), lib.tensor(3),
            lib.tensor(3.5), lib.tensor([1, 2.5]), lib.arange(4.0), lib.arange(4), lib.arange(0, 1, 0.25),
            lib.ones(2), lib.zeros(2, 3), lib.randn(2), lib.rand(2), lib.linspace(0, 1, 5),
            lib.tensor(np.array([1.0, 2.0])), lib.tensor(np.float32(2.0)), lib.Tensor([-3.0]),
            lib.Tensor([1, 2]), lib.eye(2), lib.ones_like(lib.arange(3)), lib.zeros_like(f32),
            f32 * 2.5, 2.5 * f32, f32 * 2, f32 + lib.tensor(1.0, dtype=lib.float64),
            f32 + lib.ones(2, dtype=lib.float64), lib.arange(4) * 2.5, lib.arange(4) / 2,
            lib.arange(4) * 2, lib.arange(4).sum(), lib.arange(4.0).mean(), f32 > 0,
            lib.tensor([True, False]).sum(), lib.arange(4) + True, lib.arange(3).exp(),
            lib.arange(3) ** 2, lib.arange(3) ** 0.5, 2 ** lib.arange(3), lib.tensor(2.0) ** lib.arange(3),
            lib.arange(3).float(), lib.arange(3.0).long(), lib.arange(3.0).double(),
        )]

    same_in_both(program, torch)


def test_grad_dtype_is_the_parameter_dtype_even_with_mixed_dtypes(torch):
    def program(lib):
        w = lib.ones(3, requires_grad=True)                        # float32
        b = lib.ones(3, dtype=lib.float64, requires_grad=True)     # float64
        y = w * lib.tensor([1.0, 2.0, 3.0], dtype=lib.float64)     # float64 result
        z = (y + b + w.double() + 2 * w).sum()
        z.backward()
        return y.dtype, z.dtype, w.grad, b.grad

    y_dtype, z_dtype, w_grad, b_grad = same_in_both(program, torch)
    assert repr(w_grad.dtype) == "torch.float32" and repr(b_grad.dtype) == "torch.float64"


def test_numpy_float64_is_preserved_and_from_numpy_shares_memory(torch):
    def program(lib):
        a = np.array([1.0, 2.0])
        t = lib.tensor(a)
        s = lib.from_numpy(a)
        a[0] = 50.0
        return t, s, lib.as_tensor(a).dtype

    t, s, _ = same_in_both(program, torch)
    assert t.tolist() == [1.0, 2.0] and s.tolist() == [50.0, 2.0]


def test_legacy_tensor_constructor(torch):
    def program(lib):
        t = lib.Tensor([-3.0])
        return t, isinstance(t, lib.Tensor), isinstance(lib.tensor(1), lib.Tensor), lib.Tensor(2, 3).shape

    t, *_ = same_in_both(program, torch)
    assert t.tolist() == [-3.0]


# -- grad mode --------------------------------------------------------------------------------
def test_no_grad_as_context_manager_and_decorator(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        seen = [lib.is_grad_enabled()]
        with lib.no_grad():
            seen.append(lib.is_grad_enabled())
            y = x * 2
            with lib.enable_grad():
                seen.append(lib.is_grad_enabled())
                inner = x * 2
        seen.append(lib.is_grad_enabled())

        @lib.no_grad()
        def update(t):
            return lib.is_grad_enabled(), t * 3

        enabled_inside, z = update(x)
        seen += [enabled_inside, lib.is_grad_enabled()]

        @lib.no_grad  # without parentheses, as PyTorch 2 allows
        def scale(t):
            return t * 5

        seen.append(scale(x).requires_grad)
        with lib.set_grad_enabled(False):
            w = x * 4
        seen.append(lib.is_grad_enabled())
        return seen, y, inner, z, w

    seen, y, inner, z, w = same_in_both(program, torch)
    assert seen == [True, False, True, True, False, True, False, True]
    assert not y.requires_grad and inner.requires_grad and not z.requires_grad and not w.requires_grad


def test_no_grad_restores_the_mode_after_an_exception(torch):
    def program(lib):
        try:
            with lib.no_grad():
                raise KeyError("boom")
        except KeyError:
            pass
        return lib.is_grad_enabled()

    assert same_in_both(program, torch) is True


def test_devices_can_be_named_and_the_cpu_used(torch):
    def program(lib):
        cpu, gpu = lib.device("cpu"), lib.device("cuda:0")
        x = lib.ones(2, device="cpu").to(cpu).to("cpu", lib.float64)
        return (repr(cpu), str(gpu), repr(gpu), repr(lib.device("cuda")), cpu == lib.device("cpu"),
                cpu == "cpu", gpu == cpu, x, str(x.device), lib.cuda.is_available())

    same_in_both(program, torch)


def test_inference_mode_makes_inference_tensors(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        normal = lib.zeros(3)
        with lib.inference_mode():
            made = lib.ones(2)
            y = x * 2
            view_of_normal = normal[1:]
            inside = (lib.is_inference_mode_enabled(), lib.is_grad_enabled())
            made.add_(1)  # allowed inside
        outside = (lib.is_inference_mode_enabled(), lib.is_grad_enabled())
        return (made.is_inference(), y.is_inference(), y.requires_grad, y.grad_fn,
                view_of_normal.is_inference(), made[0].is_inference(), made.detach().is_inference(),
                (made * 2).is_inference(), made.clone().is_inference(), x.is_inference(),
                lib.is_inference(made), inside, outside, made)

    same_in_both(program, torch)


def test_inference_tensor_in_a_graph_where_nothing_saves_it(torch):
    def program(lib):
        x = lib.ones(2, requires_grad=True)
        with lib.inference_mode():
            y = x * 2
        z = (y + x).sum()  # Add saves neither input
        z.backward()
        return z, x.grad, (y.clone() * x).sum()  # a clone is a normal tensor

    same_in_both(program, torch)


def test_inference_mode_as_decorator_and_switched_off(torch):
    def program(lib):
        @lib.inference_mode
        def plain(t):
            return t * 2

        @lib.inference_mode()
        def called(t):
            return t * 2

        x = lib.ones(2, requires_grad=True)
        with lib.inference_mode():
            with lib.inference_mode(False):
                off = (x * 2, lib.is_inference_mode_enabled(), lib.is_grad_enabled())
            with lib.enable_grad():
                still = x * 2
        return plain(x).is_inference(), called(x).is_inference(), off, still.requires_grad

    same_in_both(program, torch)


def test_once_differentiable_runs_backward_without_recording(torch):
    def program(lib):
        seen = []

        class Square(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * x

            @staticmethod
            @lib.autograd.function.once_differentiable
            def backward(ctx, grad):
                x, = ctx.saved_tensors
                seen.append(lib.is_grad_enabled())
                return grad * 2 * x

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        Square.apply(x).sum().backward()
        # create_graph with a gradient that has no history: plain results
        g1, = lib.autograd.grad(Square.apply(x).sum(), x, create_graph=True)
        # with one that has history: the result carries an Error node
        y = Square.apply(x)
        g2, = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        return seen, x.grad, g1, g1.requires_grad, g2, g2.requires_grad, Square.backward.__name__

    same_in_both(program, torch)


# -- custom Functions ------------------------------------------------------------------------
def test_custom_function_ctx_and_none_gradient_for_a_number(torch):
    def program(lib):
        class ScaledExp(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, scale):
                y = x.exp() * scale
                ctx.save_for_backward(y)
                ctx.scale = scale
                return y

            @staticmethod
            def backward(ctx, grad):
                y, = ctx.saved_tensors
                return grad * y, None

        x = lib.tensor([0.0, 1.0], requires_grad=True)
        y = ScaledExp.apply(x, 2.0)
        y.sum().backward()
        return y, type(y.grad_fn).__name__, x.grad

    y, name, grad = same_in_both(program, torch)
    assert name == "ScaledExpBackward"
    np.testing.assert_allclose(grad.numpy(), 2 * np.exp([0.0, 1.0]), rtol=1e-6)


def test_custom_function_with_a_number_before_the_tensor(torch):
    def program(lib):
        class Scale(lib.autograd.Function):
            @staticmethod
            def forward(ctx, k, x):
                ctx.k = k
                return x * k

            @staticmethod
            def backward(ctx, grad):
                return None, grad * ctx.k

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        Scale.apply(3.0, x).sum().backward()
        return x.grad

    np.testing.assert_array_equal(same_in_both(program, torch).numpy(), [3.0, 3.0])


def test_saved_tensors_are_freed_after_backward_unless_retain_graph(torch):
    def program(lib):
        contexts = []

        class Square(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                contexts.append(ctx)
                return x * x

            @staticmethod
            def backward(ctx, grad):
                x, = ctx.saved_tensors
                return 2 * x * grad

        def freed(ctx):
            try:
                ctx.saved_tensors
            except RuntimeError as error:
                return "after they have already been freed" in str(error)
            return False

        x = lib.ones(2, requires_grad=True)
        Square.apply(x).sum().backward(retain_graph=True)
        kept = not freed(contexts[0])
        Square.apply(x).sum().backward()
        return kept, freed(contexts[1])

    assert same_in_both(program, torch) == (True, True)


def test_saved_intermediate_is_released_after_backward():
    """Backward without retain_graph lets go of the tensors the graph saved."""
    x = minigrad.ones(3, requires_grad=True)
    a = x * 2
    y = (a * a).sum()
    alive = weakref.ref(a)
    del a
    y.backward(retain_graph=True)
    assert alive() is not None  # still needed for another backward
    y.backward()
    assert alive() is None


# -- deep and wide graphs at the default recursion limit -------------------------------------
DEEP_AND_WIDE = textwrap.dedent("""
    import sys
    import minigrad
    assert sys.getrecursionlimit() == 1000, sys.getrecursionlimit()

    x = minigrad.tensor(1.0, dtype=minigrad.float64, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()
    print(repr(x.grad.item()), repr(y.item()))
    del y  # freeing a 100,000-node chain must not recurse either

    w = minigrad.tensor(2.0, dtype=minigrad.float64, requires_grad=True)
    total = w * 0
    for i in range(10_000):
        total = total + w * i
    total.backward()
    print(repr(w.grad.item()))
    minigrad.stack([w * i for i in range(10_000)]).sum().backward()  # one node, 10,000 edges
    print(repr(w.grad.item()))
""")


def test_backward_through_100000_ops_and_10000_branches_without_recursion():
    run = subprocess.run([sys.executable, "-c", DEEP_AND_WIDE], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    chain_grad, chain_value, branches_grad, both_grad = map(float, run.stdout.split())
    assert np.isclose(chain_grad, 1.00001 ** 100_000, rtol=1e-9)
    assert np.isclose(chain_value, 1.00001 ** 100_000, rtol=1e-9)
    assert branches_grad == sum(range(10_000))
    assert both_grad == 2 * sum(range(10_000))


# -- creation ----------------------------------------------------------------------------------
@pytest.mark.parametrize("start, end, steps, dtype", [
    (-2 * np.pi, 2 * np.pi, 200, "float32"), (-np.pi, np.pi, 2000, "float32"), (0, 1, 5, "float32"),
    (0.1, 0.9, 1000, "float64"), (-3, 7, 37, "float64"), (0, 10, 7, "int64"),
    (-1.5, 7.9, 11, "int64"), (2, 3, 1, "float32")])
def test_linspace_matches_pytorch_to_the_last_bit(start, end, steps, dtype, torch):
    """Exercise 5 plots sin over linspace(-2π, 2π, 200). PyTorch computes start + step·i
    with a fused multiply-add (on CPUs that have one, which PyTorch's kernels use)."""
    def program(lib):
        return lib.linspace(start, end, steps, dtype=getattr(lib, dtype)).numpy()

    ours = program(minigrad)
    theirs = program(torch)
    assert ours.dtype == theirs.dtype
    np.testing.assert_array_equal(ours, theirs)


def test_arange_values_and_dtypes(torch):
    def program(lib):
        return [lib.arange(5), lib.arange(4.0), lib.arange(1, 4), lib.arange(0, 1, 0.1),
                lib.arange(-1.0, 1.0, 0.25), lib.arange(10, 0, -3), lib.arange(0, 5, 2.5)]

    same_in_both(program, torch)
