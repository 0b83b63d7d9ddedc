"""PyTorch's "Autograd mechanics" notes, pinned: what a node saved (``grad_fn._saved_self``),
hooks on nodes and after a leaf's gradient is added up, and which arguments ops refuse.
Each program is written once for both libraries (``lib``) and run by ``same_in_both``;
the answers are also checked against the arithmetic by hand.
"""
import pytest

import minigrad
from .helper import same_in_both


# -- what an op saved for backward ---------------------------------------------------------
def test_saved_self_is_the_input_itself_and_saved_result_a_new_tensor(torch):
    def program(lib):
        x = lib.tensor([0.5, -1.0, 2.0], requires_grad=True)
        y = x.pow(2)
        e = x.exp()
        r = e.grad_fn._saved_result
        return (y.grad_fn._saved_self is x, y.grad_fn._saved_exponent, r is e, r.equal(e),
                r.grad_fn is e.grad_fn)

    assert same_in_both(program, torch) == (True, 2, False, True, True)


def test_a_product_saves_only_the_factors_a_gradient_needs(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        w = lib.tensor([3.0, 4.0], requires_grad=True)
        both = (x * w).grad_fn
        one = (x * lib.tensor([5.0, 6.0])).grad_fn
        return both._saved_self is x, both._saved_other is w, one._saved_self, one._saved_other

    _, _, kept_x, kept_other = same_in_both(program, torch)
    assert kept_x is None and kept_other.tolist() == [5.0, 6.0]


def test_the_number_of_a_product_is_saved_as_its_value_and_stays_that_value():
    """``x * 2`` keeps only the 2's array (PyTorch's "wrapped number"; no tensor object per op
    for the cycle collector): a tensor read from the node is a copy, so writing into it
    changes no gradient."""
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2.0
    saved = y.grad_fn._saved_other
    assert saved.item() == 2.0 and saved.grad_fn is None and not saved.requires_grad
    assert [(s.kind, s.index, s.values.item()) for s in y.grad_fn.saved_values()] == [
        ("input", 1, 2.0)]
    saved.add_(1)
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]


def test_saved_values_are_gone_after_backward(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()
        y.sum().backward()
        try:
            y.grad_fn._saved_result
        except RuntimeError as error:
            return str(error).startswith("Trying to backward through the graph a second time")

    assert same_in_both(program, torch) is True


@pytest.mark.parametrize("name", ["_saved_self", "_saved_bogus"])
def test_a_name_the_op_did_not_save_is_an_attribute_error(name):
    y = minigrad.tensor([1.0], requires_grad=True).exp()  # exp saves its result only
    with pytest.raises(AttributeError, match=name):
        getattr(y.grad_fn, name)


# -- hooks -------------------------------------------------------------------------------------
def test_node_prehook_and_hook_see_and_replace_the_gradients(torch):
    def program(lib):
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        b = a * 3
        seen = []
        b.grad_fn.register_prehook(lambda go: seen.append(("pre", go[0].tolist())))
        b.grad_fn.register_hook(lambda gi, go: (gi[0] * 10, gi[1]))
        (b * b).sum().backward()
        return seen, a.grad

    seen, grad = same_in_both(program, torch)
    assert seen == [("pre", [6.0, 12.0])]          # ∂(b²)/∂b = 2b = 2·3a
    assert grad.tolist() == [180.0, 360.0]         # 2b · 3, times the hook's 10


def test_a_removed_node_hook_no_longer_runs():
    a = minigrad.tensor([1.0], requires_grad=True)
    b = a * 2
    handle = b.grad_fn.register_hook(lambda gi, go: (gi[0] * 0, None))
    handle.remove()
    b.sum().backward()
    assert a.grad.tolist() == [2.0]


def test_post_accumulate_grad_hook_runs_after_grad_is_added_up(torch):
    def program(lib):
        w = lib.tensor([1.0, -1.0], requires_grad=True)
        seen = []
        w.register_post_accumulate_grad_hook(lambda p: seen.append(p.grad.tolist()))
        (w * 2).sum().backward()
        (w * 3).sum().backward()
        return seen

    assert same_in_both(program, torch) == [[2.0, 2.0], [5.0, 5.0]]


def test_post_accumulate_grad_hook_only_on_leaves(torch):
    def program(lib):
        y = lib.ones(2, requires_grad=True) * 2
        try:
            y.register_post_accumulate_grad_hook(print)
        except RuntimeError as error:
            return str(error)

    assert "non-leaf" in same_in_both(program, torch)


def test_retained_grad_is_the_one_after_every_tensor_hook(torch):
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        y.register_hook(lambda g: g * 10)
        y.retain_grad()
        y.register_hook(lambda g: g * 100)
        y.sum().backward()
        return y.grad, x.grad

    retained, grad = same_in_both(program, torch)
    assert retained.tolist() == [1000.0, 1000.0] and grad.tolist() == [2000.0, 2000.0]


def test_grad_fn_is_a_graph_node_and_its_type_prints_as_pytorchs(torch):
    def program(lib):
        y = lib.ones(1, requires_grad=True) * 2
        return isinstance(y.grad_fn, lib.autograd.graph.Node), repr(type(y.grad_fn))

    assert same_in_both(program, torch) == (True, "<class 'MulBackward0'>")


# -- arguments an op refuses -----------------------------------------------------------------
REFUSED = [
    lambda lib, t: t + [1.0, 2.0],
    lambda lib, t: t * (1.0, 2.0),
    lambda lib, t: t < [1.0, 2.0],
    lambda lib, t: t @ [1.0, 2.0],
    lambda lib, t: lib.add(t, [1.0, 2.0]),
    lambda lib, t: t.mul([1.0, 2.0]),
    lambda lib, t: lib.dot(t, [1.0, 2.0]),
    lambda lib, t: lib.maximum(t, [1.0, 2.0]),
    lambda lib, t: lib.where(t > 1, t, [1.0, 2.0]),
    lambda lib, t: lib.exp([1.0, 2.0]),
    lambda lib, t: t.masked_fill(t > 1, [0.0]),
]


@pytest.mark.parametrize("attempt", REFUSED)
def test_lists_are_no_tensors_for_an_op(attempt, torch):
    """x + [1, 2] is a TypeError in PyTorch, not a quiet conversion."""
    for lib in (minigrad, torch):
        with pytest.raises(TypeError):
            attempt(lib, lib.tensor([1.0, 2.0]))


def test_a_list_equals_no_tensor(torch):
    def program(lib):
        return lib.tensor([1.0, 2.0]) == [1.0, 2.0]

    assert same_in_both(program, torch) is False


@pytest.mark.parametrize("index, error", [(1.0, IndexError), ("a", TypeError)])
def test_float_and_text_indices_are_refused(index, error, torch):
    for lib in (minigrad, torch):
        with pytest.raises(error):
            lib.zeros(3)[index]


@pytest.mark.parametrize("call", [lambda x: x.argmax(), lambda x: x.argmin(),
                                  lambda x: x.reshape(2, 0).argmax(dim=1)])
def test_argmax_of_nothing_is_an_index_error(call, torch):
    for lib in (minigrad, torch):
        with pytest.raises(IndexError, match="Expected reduction dim"):
            call(lib.tensor([]))


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_of_integers_is_not_implemented_and_dtype_converts_first(name, torch):
    def program(lib):
        x = lib.tensor([1, 2, 3])
        try:
            getattr(x, name)(0)
        except NotImplementedError as error:
            message = str(error)
        y = getattr(lib, name)(x, 0, dtype=lib.float64)
        return message, y

    message, y = same_in_both(program, torch)
    assert "not implemented for 'Long'" in message and y.dtype is minigrad.float64


def test_softmax_with_dtype_records_the_conversion(torch):
    def program(lib):
        x = lib.ones(3, requires_grad=True)
        y = lib.softmax(x, 0, dtype=lib.float64)
        return y.grad_fn.name(), y.grad_fn.next_functions[0][0].name()

    assert same_in_both(program, torch) == ("SoftmaxBackward0", "ToCopyBackward0")


def test_requires_grad_of_a_result_cannot_be_set_but_requires_grad_is_a_no_op(torch):
    def program(lib):
        y = lib.ones(2, requires_grad=True) * 2
        said = []
        for flag in (True, False):
            try:
                y.requires_grad = flag
            except RuntimeError as error:
                said.append(str(error).split(". ")[0])
        return said, y.requires_grad_() is y, y.requires_grad

    said, same, flag = same_in_both(program, torch)
    assert len(said) == 2 and same and flag


# -- anomaly detection ----------------------------------------------------------------------
def test_detect_anomaly_names_the_node_whose_gradient_is_nan(torch):
    def program(lib):
        x = lib.tensor([0.0, 1.0], requires_grad=True)
        with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
            mode = lib.autograd.detect_anomaly()
        with mode, pytest.warns(UserWarning, match="Error detected in SqrtBackward0"):
            try:
                (x.sqrt() * 0).sum().backward()
            except RuntimeError as error:
                said = str(error)
        return said, lib.is_anomaly_enabled()

    assert same_in_both(program, torch) == (
        "Function 'SqrtBackward0' returned nan values in its 0th output.", False)


def test_without_anomaly_mode_nan_gradients_pass_silently(torch):
    def program(lib):
        x = lib.tensor([0.0, 1.0], requires_grad=True)
        with lib.autograd.set_detect_anomaly(True, check_nan=False):
            (x.sqrt() * 0).sum().backward()
        return x.grad.isnan().tolist()

    assert same_in_both(program, torch) == [True, False]


@pytest.mark.parametrize("seed", [[1.0, 1.0], 2.0])
def test_a_gradient_given_as_numbers_is_a_type_error(seed, torch):
    for lib in (minigrad, torch):
        x = lib.ones(2, requires_grad=True)
        with pytest.raises(TypeError):
            (x * 2).sum().backward(seed)


def test_gradients_summed_in_place_never_reach_another_path(torch):
    """The engine adds the third and later gradients for one place into the sum it made
    itself. v's sum (three paths) is handed on twice by v = p + q; p then gets one more
    path (p * 5, made earlier, so its node runs later). Had that been added into v's sum in
    place, q would see p's gradient too."""
    def program(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        p, q = x * 2, x * 3
        seen = {}
        p.register_hook(lambda g: seen.__setitem__("p", g.clone()))
        q.register_hook(lambda g: seen.__setitem__("q", g.clone()))
        extra = p * 5
        v = p + q
        z = (v + v + v + extra).sum()
        z.backward()
        return x.grad, seen["p"], seen["q"]

    same_in_both(program, torch)
    grad, at_p, at_q = program(minigrad)
    assert grad.tolist() == [25.0, 25.0] and at_p.tolist() == [8.0, 8.0] and at_q.tolist() == [3.0, 3.0]


def test_a_leaf_used_many_times_gets_every_path_and_the_seed_is_untouched(torch):
    def program(lib):
        x = lib.tensor(2.0, requires_grad=True)
        ys = [x * float(i) for i in range(1, 6)]
        total = ys[0]
        for y in ys[1:]:
            total = total + y
        seed = lib.tensor(1.5)
        total.backward(seed)
        return x.grad, seed

    same_in_both(program, torch)
    grad, seed = program(minigrad)
    assert grad.item() == 1.5 * 15 and seed.item() == 1.5


def test_a_programs_own_attributes_on_a_tensor_survive_copies(torch):
    import copy
    import pickle

    def program(lib):
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        w.label = "weight"
        w.register_hook(lambda g: g * 2)
        copied, unpickled = copy.deepcopy(w), pickle.loads(pickle.dumps(w.detach()))
        copied.sum().backward()  # the original's hook is not the copy's
        return copied.label, copied.grad, getattr(unpickled, "label", None), unpickled

    same_in_both(program, torch)
