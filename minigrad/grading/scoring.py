"""From facts to points, in the grader's own process.

For each question the grader draws the inputs (one public plan, the same kind of random
inputs ``check`` uses, plus the teacher's hidden inputs) before the notebook runs,
seeded by the submission's content, so re-grading gives the same table. The kernel
answers with facts; here each fact is judged by the exercise's own ``judge`` or by the
teacher's ``expect``. A fact that cannot be judged (a student's code may hand back
anything) fails its test; it never stops the batch.
"""
import numpy as np

from ..exercises import EXERCISES
from ..exercises.facts import as_array
from ..language import Text
from .hidden import Expression, Inputs


class Question:
    def __init__(self, exercise_id, points):
        self.id, self.points = exercise_id, points


def plan_tests(questions, hidden, seed):
    """The inputs for every question: what the worker sends to the kernel."""
    rng = np.random.default_rng(int(seed[:16], 16))
    job = {}
    for question in questions:
        exercise = EXERCISES[question.id]
        checks = hidden.for_exercise(question.id)
        job[question.id] = {
            "plans": [exercise.plan(rng)] + [c.plan for c in checks if isinstance(c, Inputs)],
            "expressions": [c.code for c in checks if isinstance(c, Expression)]}
    return job


def score(question, probe, facts, hidden, stopped):
    """Points and per-test feedback for one question. ``stopped`` explains a missing fact
    (the notebook timed out or its kernel died before the question was reached)."""
    exercise = EXERCISES[question.id]
    expressions = [c for c in hidden.for_exercise(question.id) if isinstance(c, Expression)]
    n_tests = len(probe["plans"]) + len(expressions)
    if not isinstance(facts, dict) or "plans" not in facts:
        reason = _unavailable(facts, stopped)
        tests = [_test(i > 0, False, reason) for i in range(n_tests)]
    else:
        tests = [_judged(exercise, plan, fact, hidden=i > 0)
                 for i, (plan, fact) in enumerate(zip(probe["plans"], _list(facts["plans"])))]
        tests += [_expected(check, fact) for check, fact in zip(expressions, _list(facts.get("expressions")))]
        while len(tests) < n_tests:  # forged or truncated facts: the rest count as failed
            tests.append(_test(True, False, _unavailable(None, stopped)))
    passed = sum(t["passed"] for t in tests)
    return {"id": question.id, "points": question.points,
            "earned": round(question.points * passed / n_tests, 2), "tests": tests}


def _judged(exercise, plan, fact, hidden):
    if isinstance(fact, dict) and fact.get("type") == "probe_failed":
        return _test(hidden, False, Text(
            f"检查这道题时内核出错了：`{fact.get('error')}: {fact.get('message')}`",
            f"The kernel failed while this answer was checked: "
            f"`{fact.get('error')}: {fact.get('message')}`"))
    try:
        feedback = exercise.judge(fact, plan)
        return _test(hidden, feedback.passed, feedback.message)
    except Exception:  # the facts came from the student's kernel: anything is possible
        return _test(hidden, False, Text("这个答案无法评判（内核返回的信息不完整）。",
                                         "This answer could not be judged (the kernel's report "
                                         "was incomplete)."))


def _expected(check, fact):
    try:
        passed = bool(check.expect(_value(fact)))
    except Exception:  # a teacher's predicate meeting an odd value counts as a fail
        passed = False
    return _test(True, passed, Text("隐藏检查通过。", "Hidden check passed.") if passed else check.hint)


def _value(fact):
    """What a teacher's ``expect`` receives: plain Python or NumPy values."""
    kind = fact.get("type")
    if kind in ("tensor", "ndarray", "number"):
        values = as_array(fact)
        return values.item() if values is not None and values.ndim == 0 else values
    if kind in ("bool", "str"):
        return fact["value"]
    if kind in ("list", "tuple"):
        return [_value(item) for item in fact["items"]]
    return None


def _unavailable(facts, stopped):
    if stopped:
        return stopped
    if isinstance(facts, dict) and facts.get("type") == "too_big":
        return Text("答案太大，无法评判。", "The answer is too big to judge.")
    return Text("没能从内核取回这道题的答案。", "The answer to this question could not be read from "
                                                "the kernel.")


def _list(value):
    return value if isinstance(value, list) else []


def _test(hidden, passed, message):
    return {"hidden": hidden, "passed": bool(passed), "message": message.as_dict()}
