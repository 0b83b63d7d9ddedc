"""The forbidden shortcuts: an exercise that asks for a derivative by reasoning, or for a
derivative built a certain way with autograd, is not answered by getting the same numbers
some other way. check() looks at how the answer was obtained (the backward passes and the
graph the engine recorded), says in both languages what the exercise asks, and the batch
grader, judging the same facts, agrees. Honest variants still pass."""
import json

import numpy as np
import pytest

import minigrad as torch
from minigrad.exercises import check, exercise, set_language
from minigrad.exercises.probing import report
from minigrad.grading.key import solutions
from minigrad.grading.hidden import inputs
from minigrad.grading.scoring import HIDDEN_FAILED, Question, score

KEY = solutions()


@pytest.fixture(autouse=True)
def english_unless_told():
    set_language("en")
    yield
    set_language("en")


def run(exercise_id, source):
    """The namespace after the given code and the answer cell ran, as in a notebook."""
    namespace = {"torch": torch}
    exec(exercise(exercise_id).given(), namespace)
    exec(source, namespace)
    return namespace


def graded(exercise_id, namespace):
    """What the batch grader decides: the facts the student's kernel reports for a fresh
    plan, judged in the grader's process, public test only."""
    ex = exercise(exercise_id)
    probe = {"plans": [ex.plan(np.random.default_rng(7))], "expressions": []}
    facts = json.loads(report(exercise_id, json.dumps(probe), namespace))
    result = score(Question(exercise_id, 1), probe, None, {"public": facts}, _NoHidden(), None)
    return result["tests"][0]


class _NoHidden:
    def for_exercise(self, exercise_id):
        return []


class _Hidden:
    def __init__(self, *checks):
        self.checks = checks

    def for_exercise(self, exercise_id):
        return [c for c in self.checks if c.exercise_id == exercise_id]


def rejected(exercise_id, source, zh, en):
    namespace = run(exercise_id, source)
    answer = namespace[exercise(exercise_id).answer]
    feedback = check(exercise_id, answer)
    assert not feedback.passed, feedback.text("en")
    assert zh in feedback.text("zh") and en in feedback.text("en"), feedback.text("en")
    test = graded(exercise_id, namespace)
    assert not test["passed"] and en in test["message"]["en"], test
    set_language("zh")
    assert zh in check(exercise_id, answer).text()  # the one language switch


def accepted(exercise_id, source):
    namespace = run(exercise_id, source)
    feedback = check(exercise_id, namespace[exercise(exercise_id).answer])
    assert feedback.passed, feedback.text("en")
    test = graded(exercise_id, namespace)
    assert test["passed"], test


# -- lesson 2: the chain rule by hand -------------------------------------------------------

BY_BACKWARD = """
def by_hand(x, y, w):
    x, y, w = (t.clone().requires_grad_() for t in (x, y, w))
    ((x + y) * w).backward()
    return x.grad, y.grad, w.grad
"""
BY_AUTOGRAD_GRAD = """
def by_hand(x, y, w):
    x, y, w = (t.clone().requires_grad_() for t in (x, y, w))
    return torch.autograd.grad((x + y) * w, (x, y, w))
"""
BY_JACOBIAN = """
def by_hand(x, y, w):
    return torch.autograd.functional.jacobian(lambda x, y, w: (x + y) * w, (x, y, w))
"""


@pytest.mark.parametrize("source", [BY_BACKWARD, BY_AUTOGRAD_GRAD, BY_JACOBIAN])
def test_chain_rule_by_backward_inside_by_hand_is_rejected(source):
    rejected("chain_rule", source, "自己用链式法则推出来", "work them out with the chain rule")


@pytest.mark.parametrize("source", [
    KEY["chain_rule"],
    "def by_hand(x, y, w):\n    return w, w, x + y",
    "def by_hand(x, y, w):\n    a = x + y\n    dz_da = w\n    da_dx = torch.ones_like(x)\n"
    "    return dz_da * da_dx, dz_da * 1.0, a",
])
def test_chain_rule_by_formulas_is_right(source):
    accepted("chain_rule", source)


# -- lesson 4: the Jacobian row by row -------------------------------------------------------

LIBRARY_JACOBIAN = "def jacobian(f, x):\n    return torch.autograd.functional.jacobian(f, x)"


def test_jacobian_from_the_library_is_rejected():
    rejected("jacobian", LIBRARY_JACOBIAN, "到达的是别的张量，而不是传进来的 x",
             "reached other tensors, not the x passed in")


def test_jacobian_from_the_library_plus_one_backward_pass_is_rejected():
    rejected("jacobian", LIBRARY_JACOBIAN.replace("    return", "    f(x).sum().backward()\n"
                                                                "    return"),
             "只有 1 次反向传播到达了 x", "only 1 backward pass reached x")


HIDDEN_CASES = [{"f": "matvec", "x": [0.5, -1.0, 2.0], "A": [[1.0, 2.0, 0.0], [0.0, -1.0, 3.0],
                                                               [2.0, 0.0, 1.0], [1.0, 1.0, 1.0]]}]


@pytest.mark.parametrize("source, message", [
    (LIBRARY_JACOBIAN, "reached other tensors, not the x passed in"),
    # a count of what the student's code did on a hidden input is not shown
    (LIBRARY_JACOBIAN.replace("    return", "    f(x).sum().backward()\n    return"),
     HIDDEN_FAILED.en),
])
def test_jacobian_shortcuts_fail_the_teachers_hidden_inputs_too(source, message):
    hidden = _Hidden(inputs("jacobian", cases=HIDDEN_CASES))
    secret = {"plans": [hidden.checks[0].plan], "expressions": []}
    namespace = run("jacobian", source)
    check("jacobian", namespace["jacobian"])
    facts = json.loads(report("jacobian", json.dumps(secret), namespace))
    result = score(Question("jacobian", 1), {"plans": [], "expressions": []}, secret,
                   {"public": {"plans": []}, "hidden": facts}, hidden, None)
    [test] = result["tests"]
    assert test["hidden"] and not test["passed"], test
    assert message in test["message"]["en"], test


@pytest.mark.parametrize("source", [
    KEY["jacobian"],
    # torch.autograd.grad: a vector-Jacobian product per row as well
    "def jacobian(f, x):\n    y = f(x)\n    rows = []\n    for i in range(len(y)):\n"
    "        v = torch.zeros(len(y))\n        v[i] = 1.0\n"
    "        rows.append(torch.autograd.grad(y, x, v, retain_graph=True)[0])\n"
    "    return torch.stack(rows)",
    # the graph built again for each row, x.grad zeroed in place
    "def jacobian(f, x):\n    rows = []\n    for i in range(len(f(x))):\n"
    "        if x.grad is not None:\n            x.grad.zero_()\n        f(x)[i].backward()\n"
    "        rows.append(x.grad.clone())\n    return torch.stack(rows)",
])
def test_jacobian_row_by_row_is_right(source):
    accepted("jacobian", source)


# -- lesson 9, exercise 3: predict a.grad for a vector or matrix a ------------------------------

@pytest.mark.parametrize("source", [
    "def predicted_grad(a, d):\n    a = a.clone().requires_grad_()\n    f(a).sum().backward()\n"
    "    return a.grad",
    "def predicted_grad(a, d):\n    a = a.clone().requires_grad_()\n"
    "    return torch.autograd.grad(f(a), a, torch.ones_like(a))[0]",
])
def test_vector_control_flow_by_backward_is_rejected(source):
    rejected("vector_control_flow", source, "只用 a 和 d = f(a) 推出 `a.grad`",
             "work out `a.grad` from a and d = f(a) alone")


@pytest.mark.parametrize("source", [
    KEY["vector_control_flow"],
    "def predicted_grad(a, d):\n    k = d[a != 0][0] / a[a != 0][0]\n    return torch.full_like(a, k.item())",
])
def test_vector_control_flow_predicted_is_right(source):
    accepted("vector_control_flow", source)


# -- lesson 9, exercise 1: a second derivative through autograd --------------------------------

START = "x = torch.tensor(1.5, requires_grad=True)\ny = torch.sin(x) * x ** 2\n"
FIRST_BY_HAND = "dy_dx = torch.cos(x) * x ** 2 + 2 * x * torch.sin(x)\n"
SECOND_BY_HAND = "d2y_dx2 = ((2 - x ** 2) * torch.sin(x) + 4 * x * torch.cos(x)).detach()\n"
ANSWER = "derivatives = (x, dy_dx, d2y_dx2)"


@pytest.mark.parametrize("source", [
    START + FIRST_BY_HAND + "d2y_dx2, = torch.autograd.grad(dy_dx, x)\n" + ANSWER,
    START + FIRST_BY_HAND + SECOND_BY_HAND + ANSWER,
    # a first derivative by autograd once, then typed anyway
    START + "torch.autograd.grad(y, x, create_graph=True)\n" + FIRST_BY_HAND +
    "d2y_dx2, = torch.autograd.grad(dy_dx, x)\n" + ANSWER,
])
def test_second_derivative_cost_with_a_first_derivative_typed_by_hand_is_rejected(source):
    rejected("second_derivative_cost", source, "它是你自己写出的公式", "you typed its formula yourself")


def test_second_derivative_cost_with_a_second_derivative_typed_by_hand_is_rejected():
    source = START + "dy_dx, = torch.autograd.grad(y, x, create_graph=True)\n" + SECOND_BY_HAND + ANSWER
    rejected("second_derivative_cost", source, "不是从 dy_dx 反向传播到 x 得到的",
             "no backward pass from dy_dx to x")


@pytest.mark.parametrize("source", [
    KEY["second_derivative_cost"],
    START + "dy_dx = torch.autograd.grad(y, x, create_graph=True)[0]\n"
            "d2y_dx2 = torch.autograd.grad(dy_dx, x, create_graph=True)[0]\n" + ANSWER,
    # backward(create_graph=True) and x.grad, cleared before the second pass
    START + "y.backward(create_graph=True)\ndy_dx = x.grad\nx.grad = None\n"
            "dy_dx.backward()\nd2y_dx2 = x.grad\n" + ANSWER,
    START + "y.backward(create_graph=True)\ndy_dx = x.grad.clone()\nx.grad = None\n"
            "d2y_dx2, = torch.autograd.grad(dy_dx, x)\n" + ANSWER,
])
def test_second_derivative_cost_through_autograd_is_right(source):
    accepted("second_derivative_cost", source)


# -- lesson 8: a second derivative by autograd ---------------------------------------------------

def test_second_derivative_by_finite_differences_is_rejected():
    rejected("second_derivative", "def second_derivative(f, x):\n    h = 1e-4\n"
             "    with torch.no_grad():\n        return (f(x + h) - 2 * f(x) + f(x - h)) / h ** 2",
             "没有一次反向传播到达 x", "no backward pass reached x")


def test_second_derivative_by_one_pass_and_a_difference_is_rejected():
    rejected("second_derivative", "def second_derivative(f, x):\n    h = 1e-5\n"
             "    g = lambda t: torch.autograd.grad(f(t), t)[0]\n"
             "    return (g((x + h).detach().requires_grad_()) - g((x - h).detach().requires_grad_())) / (2 * h)",
             "到达的是别的张量，而不是传进来的 x", "reached other tensors, not the x passed in")


def test_second_derivative_from_the_library_is_rejected():
    rejected("second_derivative", "def second_derivative(f, x):\n"
             "    return torch.autograd.functional.hessian(f, x)",
             "`torch.autograd.functional.hessian` 求导的就是 x 的副本",
             "`torch.autograd.functional.hessian`, for one, differentiates a copy of x")


@pytest.mark.parametrize("source", [
    KEY["second_derivative"],
    "def second_derivative(f, x):\n    y = f(x)\n    y.backward(create_graph=True)\n"
    "    g = x.grad\n    x.grad = None\n    g.backward()\n    return x.grad",
    "def second_derivative(f, x):\n    dy = torch.autograd.grad(f(x), x, create_graph=True)[0]\n"
    "    return torch.autograd.grad(dy, x)[0].item()",
])
def test_second_derivative_twice_by_autograd_is_right(source):
    accepted("second_derivative", source)
