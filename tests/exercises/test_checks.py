"""The student's side: check() says right for right answers, gives the matching hint for
wrong ones (in both languages), never the answer, and never a stack trace."""
import json
import linecache

import matplotlib
import numpy as np
import pytest

import minigrad as torch
from minigrad.exercises import check, exercise, exercises, set_language
from minigrad.exercises.exercise import still_has_placeholder
from minigrad.grading.key import solutions

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LANGS = ("zh", "en")
KEY = solutions()  # the teacher's answers, from exercises/solutions/ (not in the package)


@pytest.fixture(autouse=True)
def english_unless_told():
    set_language("en")
    yield
    set_language("en")


def run(source, *setups):
    """The namespace after running a cell the way a notebook would."""
    namespace = {"torch": torch, "plt": plt}
    for code in (*setups, source):
        exec(code, namespace)
    return namespace


def answer_from(exercise_id, source):
    ex = exercise(exercise_id)
    return run(source, ex.setup)[ex.answer]


def says(feedback, lang, *fragments):
    text = feedback.text(lang)
    return all(f in text for f in fragments)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_the_solution_is_right_in_both_languages(ex, lang):
    set_language(lang)
    feedback = check(ex.id, answer_from(ex.id, KEY[ex.id]))
    assert feedback.passed, feedback.text()
    assert feedback.text().startswith("✓")


@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_the_untouched_template_runs_is_not_right_and_says_why(ex):
    # A notebook handed out must run top to bottom before anyone answers: the untouched
    # answer cell runs without an error, and check() then says what is still to do.
    namespace = run(ex.template, ex.setup)
    feedback = check(ex.id, namespace.get(ex.answer))
    assert not feedback.passed
    assert "Traceback" not in feedback.text()


def run_as_cell(source, *setups):
    """Like ``run``, but with each cell's source kept where ``inspect`` finds it, as
    IPython keeps it, so that a function's code can be read back."""
    namespace = {"torch": torch, "plt": plt}
    for number, code in enumerate((*setups, source)):
        filename = f"<cell-{number}-{hash(code)}>"
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        exec(compile(code, filename, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("ex", [e for e in exercises() if e.live], ids=lambda e: e.id)
def test_a_function_or_class_still_holding_the_templates_dots_is_called_unfinished(ex):
    namespace = run_as_cell(ex.template, ex.setup)
    feedback = check(ex.id, namespace[ex.answer])
    assert not feedback.passed and "still holds `...`" in feedback.text("en"), feedback.text("en")
    assert check(ex.id, run_as_cell(KEY[ex.id], ex.setup)[ex.answer]).passed


def test_dots_that_index_are_code_not_a_placeholder():
    namespace = run_as_cell("def first_column(m):\n    return m[..., 0]")
    assert not still_has_placeholder(namespace["first_column"])


@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_every_prompt_exists_in_both_languages(ex):
    assert ex.prompt("zh") != ex.prompt("en")
    assert ex.answer in ex.prompt("en") or ex.answer in ex.template
    assert all("\u4e00" <= ch <= "\u9fff" for ch in ex.prompt("zh") if ch in "练习")


@pytest.mark.parametrize("wrong_type, hint", [
    (None, "`None`"),
    ([0.0, 1.0, 4.0, 9.0], "torch.tensor([...])"),
    (3.0, "should be a tensor"),
    (torch.tensor([0, 1, 4, 9]), "integer tensor"),
    (torch.tensor([0.0, 1.0, 4.0, 9.0], requires_grad=True) * 1, "`requires_grad=True`"),
    (torch.tensor([0.0, 1.0, 4.0]), "shape [3]"),
])
def test_a_wrong_type_gets_its_own_hint_not_a_stack_trace(wrong_type, hint):
    feedback = check("detach", wrong_type)
    assert not feedback.passed
    assert hint in feedback.text("en"), feedback.text("en")


def test_passing_x_itself_instead_of_its_grad_says_where_the_gradient_is():
    x = torch.arange(4.0, requires_grad=True)
    (x * x).sum().backward()
    assert "`.grad`" in check("detach", x).text("en")


@pytest.mark.parametrize("lang, fragment", [("zh", "没有 `detach` 时"), ("en", "without `detach`")])
def test_detach_forgotten_is_recognised(lang, fragment):
    feedback = check("detach", torch.tensor([0.0, 3.0, 12.0, 27.0]))
    assert says(feedback, lang, fragment)


def test_feedback_never_contains_the_answer():
    for guess in ([0.0, 3.0, 12.0, 27.0], [1.0, 1.0, 1.0, 1.0], [5.0, 5.0, 5.0, 5.0]):
        for lang in LANGS:
            text = check("detach", torch.tensor(guess)).text(lang)
            assert "[0, 1, 4, 9]" not in text and "0., 1., 4., 9." not in text
    for lang in LANGS:
        text = check("forward", torch.tensor([9.0, 12.0, 15.0])).text(lang)
        assert not any(n in text for n in ("10", "14", "18"))


@pytest.mark.parametrize("guess, fragment", [
    ([9.0, 12.0, 15.0], "multiplication went first"),
    ([5.0, 7.0, 9.0], "`x + y`"),
    ([1.0, 2.0, 3.0], "shape is right"),
])
def test_forward_hints_name_the_mistake(guess, fragment):
    assert fragment in check("forward", torch.tensor(guess)).text("en")


def test_forward_shape_hint_does_not_give_the_shape_away():
    text = check("forward", torch.tensor(20.0)).text("en")
    assert "broadcast" in text and "should be [3]" not in text


@pytest.mark.parametrize("guess, fragment", [
    ([1.0, 1.0, 1.0, 1.0], "second `backward` alone"),
    ([0.0, 4.0, 8.0, 12.0], "first `backward` alone"),
])
def test_accumulation_hints(guess, fragment):
    assert fragment in check("accumulation", torch.tensor(guess)).text("en")


# -- right for the shown input, wrong elsewhere ------------------------------------------------

@pytest.mark.parametrize("exercise_id, source, fragment", [
    ("branch_derivative", KEY["branch_derivative"].replace("2 * x - 1", "3 * x"), "breaks there"),
    ("branch_derivative", KEY["branch_derivative"].replace("2 * x - 1", "3 * x - 2"), "a corner"),
    ("branch_derivative", KEY["branch_derivative"].replace("x * x", "x * x + 1"),
     "Keep the branch for x > 1"),
    ("branch_derivative", "def g_smooth(x):\n    return float(x) ** 2", "cannot differentiate"),
    ("chain_rule", "def by_hand(x, y, w):\n    return 4.0, 4.0, 5.0", "same numbers every time"),
    ("chain_rule", "def by_hand(x, y, w):\n    return w, w, w", "what does w multiply"),
    ("control_flow", "def slope(a):\n    k = 2.0\n    while abs(k * a) < 1000:\n        k = k * 2\n"
                     "    return k", "negative a"),
    ("control_flow", "def slope(a):\n    return 1024.0", "k is wrong"),
    ("second_derivative", "def second_derivative(f, x):\n    return 6 * x", "Right for x³"),
    ("second_derivative", "def second_derivative(f, x):\n    y = f(x)\n"
                          "    d, = torch.autograd.grad(y, x)\n    return d", "first derivative"),
    ("second_derivative", "def second_derivative(f, x):\n    y = f(x)\n"
                          "    d, = torch.autograd.grad(y, x)\n    d2, = torch.autograd.grad(d, x)\n"
                          "    return d2", "`create_graph=True`"),
    ("second_derivative", "def second_derivative(f, x):\n    y = f(x)\n"
                          "    y.backward(create_graph=True)\n    x.grad.backward()\n    return x.grad",
     "accumulated both"),
    ("jacobian", "def jacobian(f, x):\n    return torch.eye(len(x)) * 2 * x", "shape"),
    ("jacobian", "def jacobian(f, x):\n    y = f(x)\n    rows = []\n    for i in range(len(y)):\n"
                 "        v = torch.zeros(len(y))\n        v[i] = 1.0\n"
                 "        y.backward(gradient=v, retain_graph=True)\n"
                 "        rows.append(x.grad.clone())\n    return torch.stack(rows)", "accumulates"),
    ("vector_control_flow", "def predicted_grad(a, d):\n    k = d / a\n"
                            "    return k if a.sum() > 0 else k / 100", "negative"),
    ("vector_control_flow", "def predicted_grad(a, d):\n    return d.norm() / a.norm()", "shape of a"),
    ("vector_control_flow", "def predicted_grad(a, d):\n    return d / a", "where an element of a is 0"),
    ("backward_twice", "def backward_twice(x):\n    y = 2 * torch.dot(x, x)\n    y.backward()\n"
                       "    y.backward()", "keeps the graph"),
    ("backward_twice", "def backward_twice(x):\n    y = 2 * torch.dot(x, x)\n"
                       "    y.backward(retain_graph=True)\n    x.grad.zero_()\n    y.backward()",
     "one backward pass only"),
])
def test_answers_right_only_where_shown_are_caught_with_a_hint(exercise_id, source, fragment):
    feedback = check(exercise_id, answer_from(exercise_id, source))
    assert not feedback.passed
    assert fragment in feedback.text("en"), feedback.text("en")
    assert feedback.text("zh") != feedback.text("en")


def test_checks_use_fresh_random_inputs():
    ex = exercise("branch_derivative")
    assert ex.plan() != ex.plan()


def test_passing_the_result_instead_of_the_function_is_explained():
    ns = run(KEY["branch_derivative"], exercise("branch_derivative").setup)
    text = check("branch_derivative", ns["g_smooth"](torch.tensor(2.0))).text("en")
    assert "Pass the function itself" in text


# -- custom function ---------------------------------------------------------------------------

SIGMOID = KEY["custom_function"]


@pytest.mark.parametrize("change, fragment", [
    (("return grad_output * s * (1 - s)", "return s * (1 - s)"), "incoming gradient"),
    (("return grad_output * s * (1 - s)", "return grad_output * s"), "does not match forward"),
    (("s = 1 / (1 + torch.exp(-x))", "s = 1 / (1 + torch.exp(x))"), "forward gives wrong values"),
    (("        ctx.save_for_backward(s)\n", ""), "ctx.save_for_backward"),
    (("class Sigmoid(torch.autograd.Function):", "class Sigmoid:"), "must be a subclass"),
])
def test_custom_function_hints(change, fragment):
    source = SIGMOID.replace(*change)
    assert source != SIGMOID
    feedback = check("custom_function", answer_from("custom_function", source))
    assert not feedback.passed and fragment in feedback.text("en"), feedback.text("en")


def test_custom_function_accepts_apply_and_refuses_an_instance():
    cls = answer_from("custom_function", SIGMOID)
    assert check("custom_function", cls.apply).passed
    assert "not an instance" in check("custom_function", cls()).text("en")


# -- the chapter's exercises 1 and 5 -----------------------------------------------------------

def test_second_derivative_cost_explains_with_node_counts_when_right():
    feedback = check("second_derivative_cost", answer_from("second_derivative_cost",
                                                           KEY["second_derivative_cost"]))
    assert feedback.passed and "3 operation nodes" in feedback.text("en")


def test_second_derivative_cost_without_create_graph_is_explained():
    source = KEY["second_derivative_cost"].replace(", create_graph=True", "")
    ns = run(source.split("d2y_dx2, =")[0] + "d2y_dx2 = dy_dx\nderivatives = (x, dy_dx, d2y_dx2)")
    assert "no `grad_fn`" in check("second_derivative_cost", ns["derivatives"]).text("en")


SIN = "x = torch.linspace(-6, 6, 100, requires_grad=True)\n"


@pytest.mark.parametrize("source, fragment", [
    (SIN + "x.grad = torch.cos(x)", "assigned by hand"),
    (SIN + "x.grad = torch.cos(x).detach()", "assigned by hand"),
    (SIN + "(x * torch.cos(x).detach()).sum().backward()", "did not pass through sin"),
    (SIN + "torch.sin(x).sum().backward()\nx.grad.copy_(torch.cos(x).detach() * 1.0001)",
     "changed after backward"),
    (SIN + "y = torch.sin(x)", "still `None`"),
    (SIN + "y = torch.sin(x)\ny.backward(torch.ones_like(x))\ny = torch.sin(x)\n"
     "y.backward(torch.ones_like(x))", "twice"),
    (SIN + "x = torch.cos(x)", "Pass x itself"),
    ("x = torch.linspace(-6, 6, 100)", "`requires_grad=True`"),
    ("x = torch.linspace(-6, 6, 5, requires_grad=True)\ntorch.sin(x).sum().backward()", "Too few"),
])
def test_sin_derivative_must_come_from_autograd(source, fragment):
    feedback = check("sin_derivative", run(source)["x"])
    assert not feedback.passed and fragment in feedback.text("en"), feedback.text("en")


@pytest.mark.parametrize("source", [
    SIN + "torch.sin(x).sum().backward()",
    SIN + "y = torch.sin(x)\ny.backward(torch.ones_like(x))",
    SIN + "x.grad, = torch.autograd.grad(torch.sin(x).sum(), x)",  # autograd too
    SIN + "(x * torch.cos(x).detach()).sum().backward()\nx.grad.zero_()\n"
          "torch.sin(x).sum().backward()",
])
def test_sin_derivative_by_autograd_through_sin_is_right(source):
    feedback = check("sin_derivative", run(source)["x"])
    assert feedback.passed, feedback.text("en")


TWICE = "def backward_twice(x):\n    y = 2 * torch.dot(x, x)\n"


@pytest.mark.parametrize("body, fragment", [
    ("    x.grad = 8 * x.detach()", "assigned"),
    ("    y.backward()\n    x.grad = 2 * x.grad", "assigned"),
    ("    y.backward()\n    x.grad.mul_(2)", "doubled some other way"),
    ("    y.backward()\n    y = 2 * torch.dot(x, x)\n    y.backward()", "two different graphs"),
    ("    (y + 0 * x.sum()).backward(retain_graph=True)\n    y.backward()", "two different graphs"),
    ("    y.backward(retain_graph=True)\n    y.backward(retain_graph=True)\n"
     "    y.backward(retain_graph=True)\n    x.grad.mul_(2 / 3)", "3 backward passes"),
    ("    y.backward(retain_graph=True)\n    y.backward()\n    x.grad.mul_(1.00001)",
     "changed after the second backward"),
    ("    pass", "still `None`"),
])
def test_backward_twice_must_really_run_backward_twice_on_one_graph(body, fragment):
    feedback = check("backward_twice", answer_from("backward_twice", TWICE + body))
    assert not feedback.passed and fragment in feedback.text("en"), feedback.text("en")


def test_backward_twice_with_retain_graph_is_right():
    feedback = check("backward_twice", answer_from("backward_twice", TWICE +
                     "    y.backward(retain_graph=True)\n    y.backward()"))
    assert feedback.passed, feedback.text("en")


@pytest.mark.parametrize("lang", LANGS)
def test_a_tuple_from_autograd_grad_is_to_be_unpacked_not_wrapped(lang):
    source = KEY["second_derivative_cost"].replace("dy_dx, = ", "dy_dx = ")
    feedback = check("second_derivative_cost", answer_from("second_derivative_cost", source))
    text = feedback.text(lang)
    assert not feedback.passed and "dy_dx, = torch.autograd.grad" in text, text
    assert "torch.tensor([" not in text


@pytest.mark.parametrize("lang, verdict", [("zh", "还不对"), ("en", "Not yet")])
def test_no_hint_repeats_the_verdict(lang, verdict):
    """The box already says "Not yet": a message starting with it reads twice."""
    for ex in exercises():
        answer = run_as_cell(ex.template, ex.setup).get(ex.answer)
        for attempt in (answer, 0, None, "x", [1.0], torch.zeros(3)):
            text = check(ex.id, attempt).text(lang)
            assert text.count(verdict) == 1, text


@pytest.mark.parametrize("cell, curves", [(exercise("sin_derivative").template, ["sin(x)"]),
                                          (KEY["sin_derivative"], ["sin(x)", "df/dx"])])
def test_sin_derivative_cell_draws_the_derivative_once_there_is_one(cell, curves):
    plt.figure()
    try:
        run(cell)
        assert [line.get_label() for line in plt.gca().get_lines()] == curves
    finally:
        plt.close()


# -- the feedback box and the language switch --------------------------------------------------

def test_feedback_renders_as_a_small_green_or_red_box_without_external_assets():
    good = check("detach", torch.tensor([0.0, 1.0, 4.0, 9.0]))._repr_html_()
    bad = check("detach", torch.tensor([0.0, 3.0, 12.0, 27.0]))._repr_html_()
    assert "#2e7d32" in good and "#c62828" in bad
    for html in (good, bad):
        assert "<script" not in html and "http" not in html and "<link" not in html
    assert "<code" in bad  # `backticked` words show as code


def test_html_escapes_what_the_student_wrote():
    feedback = check("branch_derivative", answer_from(
        "branch_derivative", "def g_smooth(x):\n    raise ValueError('<b>boom</b>')"))
    assert "<b>boom" not in feedback._repr_html_()


def test_set_language_switches_the_feedback():
    set_language("zh")
    assert "正确" in repr(check("detach", torch.tensor([0.0, 1.0, 4.0, 9.0])))


def test_an_unknown_exercise_is_a_box_listing_the_exercises():
    feedback = check("q3", 1)
    assert not feedback.passed and "detach" in feedback.text("en")


def test_facts_are_plain_data_so_the_grader_can_judge_them_elsewhere():
    for ex in exercises():
        answer = answer_from(ex.id, KEY[ex.id])
        plan = ex.plan(np.random.default_rng(0))
        facts = json.loads(json.dumps(ex.probe(answer, plan)))
        assert ex.judge(facts, plan).passed, ex.id


def test_under_nbgrader_a_wrong_answer_raises_so_the_cell_loses_its_points(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert check("detach", torch.tensor([0.0, 1.0, 4.0, 9.0]))
    with pytest.raises(AssertionError, match="without `detach`"):
        check("detach", torch.tensor([0.0, 3.0, 12.0, 27.0]))
