"""From facts to points, in the grader's own process.

For each question the grader draws the inputs before the notebook runs: one public plan
(the same kind of random inputs ``check`` uses) and the teacher's hidden inputs and
expressions, seeded by the submission's content, so re-grading gives the same table. The
kernel answers with facts; here each fact is judged by the exercise's own ``judge`` or
by the teacher's ``expect``. A fact that is missing or cannot be judged (student code may
hand back anything) fails its test; it never stops the batch.

A hidden test's feedback never repeats what the student's code said about a hidden input
(an error message, a shape, a type name): that code saw the input, and could spell it
out there. It gets a fixed sentence instead.
"""
import numpy as np

from ..exercises import EXERCISES, variants
from ..exercises.facts import as_array
from ..language import Text
from .hidden import Expression, Inputs

HIDDEN_FAILED = Text("答案在检查没有试过的输入上不对（隐藏的输入不会显示）。",
                     "The answer is not right on inputs the public check did not try (hidden "
                     "inputs are not shown).")
HIDDEN_PASSED = Text("隐藏检查通过。", "Hidden check passed.")


class Question:
    def __init__(self, exercise_id, points):
        self.id, self.points = exercise_id, points


def plan_tests(questions, hidden, seed, student=None, salt=""):
    """The inputs of every question: public ones (sent to the worker with the notebook)
    and hidden ones (sent only after the notebook's cells have run). With ``student``,
    the exercises that vary use that student's numbers (``variants``)."""
    rng = np.random.default_rng(int(seed[:16], 16))
    public, secret = {}, {}
    for question in questions:
        exercise = EXERCISES[question.id]
        numbers = variants.numbers(exercise, student, salt) if student else None
        checks = hidden.for_exercise(question.id)
        plan = exercise.plan(rng, numbers)
        public[question.id] = {"plans": [plan], "expressions": []}
        plans = [{**c.plan, "numbers": plan["numbers"]} if "numbers" in plan else c.plan
                 for c in checks if isinstance(c, Inputs)]
        expressions = [c.code for c in checks if isinstance(c, Expression)]
        if plans or expressions:
            secret[question.id] = {"plans": plans, "expressions": expressions}
    return public, secret


def score(question, public, secret, facts, hidden, stopped):
    """Points and per-test feedback for one question. ``public`` and ``secret`` are its
    probes (``secret`` may be None), ``facts`` what came back for each:
    ``{"public": ..., "hidden": ...}``. ``stopped`` explains missing facts (the notebook
    timed out or its kernel died before the question was reached)."""
    exercise = EXERCISES[question.id]
    expressions = [c for c in hidden.for_exercise(question.id) if isinstance(c, Expression)]
    missing = _unavailable(stopped)
    tests = _plans(exercise, public["plans"], facts.get("public"), False, missing)
    if secret:
        tests += _plans(exercise, secret["plans"], facts.get("hidden"), True, missing)
        found = _list(facts.get("hidden"), "expressions")
        tests += [_expected(check, found[i] if i < len(found) else None)
                  for i, check in enumerate(expressions)]
    passed = sum(t["passed"] for t in tests)
    return {"id": question.id, "points": question.points,
            "earned": round(question.points * passed / len(tests), 2), "tests": tests}


def _plans(exercise, plans, facts, hidden, missing):
    if isinstance(facts, dict) and facts.get("type") == "too_big":
        missing = Text("答案太大，无法评判。", "The answer is too big to judge.")
    found = _list(facts, "plans")
    return [_judged(exercise, plan, found[i], hidden) if i < len(found)
            else _test(hidden, False, missing) for i, plan in enumerate(plans)]


def _judged(exercise, plan, fact, hidden):
    if not isinstance(fact, dict):
        return _test(hidden, False, _unavailable(None))
    if fact.get("type") == "probe_failed":
        return _test(hidden, False, HIDDEN_FAILED if hidden else Text(
            "检查这道题时内核出错了。", "The kernel failed while this answer was checked."))
    try:
        feedback = exercise.judge(fact, plan)
    except Exception:  # the facts came from the student's kernel: anything is possible
        return _test(hidden, False, Text("这个答案无法评判（内核返回的信息不完整）。",
                                         "This answer could not be judged (the kernel's report "
                                         "was incomplete)."))
    message = feedback.message
    if hidden and feedback.quotes:
        message = HIDDEN_PASSED if feedback.passed else HIDDEN_FAILED
    return _test(hidden, feedback.passed, message)


def _expected(check, fact):
    try:
        passed = bool(check.expect(_value(fact)))
    except Exception:  # a teacher's predicate meeting an odd value counts as a fail
        passed = False
    return _test(True, passed, HIDDEN_PASSED if passed else check.hint)


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


def _unavailable(stopped):
    if stopped:
        return stopped
    return Text("没能从内核取回这道题的答案。",
                "The answer to this question could not be read from the kernel.")


def _list(facts, key):
    value = facts.get(key) if isinstance(facts, dict) else None
    return value if isinstance(value, list) else []


def _test(hidden, passed, message):
    return {"hidden": hidden, "passed": bool(passed), "message": message.as_dict()}
