"""Each student's own numbers (make-assignment --variants): the answer worked out for one
student's numbers is right for them and wrong for a classmate's, and the standard numbers
are the ones the lessons are written with."""
import numpy as np
import pytest

import minigrad as torch
from minigrad.exercises import check, exercise, exercises, set_language, set_variant, variants
from minigrad.grading.key import solutions

VARYING = [e for e in exercises() if e.numbers is not None]
RAW_KEY = solutions(filled=False)
# exercises whose answer is a formula of the given variables: right for any numbers
GENERIC = {"vector_control_flow", "forward", "detach"}


@pytest.fixture(autouse=True)
def no_variant():
    set_language("en")
    yield
    set_variant(None)


def answer_for(ex, numbers):
    namespace = {"torch": torch}
    exec(ex.given(numbers), namespace)
    exec(ex.fill(RAW_KEY[ex.id], numbers), namespace)
    return namespace[ex.answer]


def test_the_standard_numbers_are_the_ones_the_lessons_show():
    assert exercise("forward").setup.startswith("x = torch.tensor([1.0, 2.0, 3.0])")
    assert "y = x * x" in exercise("detach").setup
    assert "while b.norm() < 1000" in exercise("control_flow").setup
    assert "if x > 1:" in exercise("branch_derivative").setup
    assert variants.numbers(exercise("forward")) == exercise("forward").numbers.standard


def test_students_get_numbers_of_their_own_the_same_every_time():
    for ex in VARYING:
        alice = variants.numbers(ex, "alice", "2026")
        assert alice == variants.numbers(ex, "alice", "2026")
    drawn = {repr(variants.numbers(exercise("forward"), f"student{n}", "2026")) for n in range(20)}
    assert len(drawn) == 20
    assert variants.numbers(exercise("forward"), "alice", "2026") != \
        variants.numbers(exercise("forward"), "alice", "2027")


@pytest.mark.parametrize("ex", VARYING, ids=lambda e: e.id)
@pytest.mark.parametrize("student", ["alice", "bob", "carol", "dan"])
def test_the_key_for_a_students_numbers_is_right_for_that_student(ex, student):
    set_variant(student, "2026")
    feedback = check(ex.id, answer_for(ex, variants.numbers(ex, student, "2026")))
    assert feedback.passed, (variants.numbers(ex, student, "2026"), feedback.text())


@pytest.mark.parametrize("ex", [e for e in VARYING if e.id not in GENERIC], ids=lambda e: e.id)
def test_an_answer_copied_from_a_classmate_with_other_numbers_fails(ex):
    students = [f"student{n}" for n in range(40)]
    numbers = {s: variants.numbers(ex, s, "2026") for s in students}
    mine = students[0]
    other = next(s for s in students[1:] if numbers[s] != numbers[mine])
    set_variant(mine, "2026")
    assert not check(ex.id, answer_for(ex, numbers[other])).passed


def test_a_copied_prediction_fails_too():
    """Value answers computed from a classmate's given code: right there, wrong here."""
    for exercise_id in ("forward", "detach", "accumulation"):
        ex = exercise(exercise_id)
        alice, bob = (variants.numbers(ex, s, "2026") for s in ("alice", "bob"))
        if alice == bob:
            continue
        set_variant("bob", "2026")
        assert not check(ex.id, answer_for(ex, alice)).passed, exercise_id


def test_the_plan_carries_the_numbers_as_plain_data():
    import json
    for ex in VARYING:
        plan = ex.plan(np.random.default_rng(0), variants.numbers(ex, "alice", "x"))
        assert json.loads(json.dumps(plan)) == plan and plan["numbers"]
