"""The teacher's hidden checks: a Python file that stays on the teacher's machine.

    # hidden_checks.py
    from minigrad.grading.hidden import expression, inputs

    POINTS = {"branch_derivative": 2}          # questions not named here are worth 1
    HIDDEN = [
        # more inputs for an exercise's own check: here the boundary x = 1 of g
        inputs("branch_derivative", points=[1.0, 1.001, -7.5, 40.0]),
        # any fact of the submission, computed in the student's kernel, judged here
        expression("sin_derivative", "x.grad is not None and x.numel() >= 100", bool,
                   zh="至少取 100 个点，曲线才平滑。", en="Take at least 100 points for a smooth curve."),
    ]

``minigrad-grade hidden-template`` writes a starting file with the inputs of every
exercise. The file is run by the grader's process only: the students' kernels receive
the inputs to try and the expressions to evaluate, never the file, its path, or the
predicates that judge the answers.
"""
import runpy

import numpy as np

from ..exercises import EXERCISES
from ..language import Text


class Inputs:
    """More inputs for the exercise's own check."""

    def __init__(self, exercise_id, plan):
        exercise = _exercise(exercise_id)
        if not exercise.live:
            raise ValueError(f"{exercise_id!r} checks a value, not a function: it has no inputs "
                             f"to add (use expression(...) instead)")
        expected = set(exercise.plan(np.random.default_rng(0))) - {"numbers"}
        if set(plan) != expected:
            raise ValueError(f"inputs for {exercise_id!r} take the keys {sorted(expected)}, "
                             f"not {sorted(plan)} (see `minigrad-grade hidden-template`)")
        self.exercise_id, self.plan = exercise_id, plan


class Expression:
    """A value computed in the student's kernel, judged by ``expect`` in the grader."""

    def __init__(self, exercise_id, code, expect, hint):
        _exercise(exercise_id)
        compile(code, "<hidden expression>", "eval")  # a typo shows now, not per student
        self.exercise_id, self.code, self.expect, self.hint = exercise_id, code, expect, hint


def inputs(exercise_id, **plan):
    return Inputs(exercise_id, plan)


def expression(exercise_id, code, expect, *, zh, en):
    """``expect`` receives the value: a number, a NumPy array for a tensor, a string, a
    bool, a list, or None. ``zh`` / ``en`` is the hint shown when it returns False."""
    return Expression(exercise_id, code, expect, Text(zh, en))


class HiddenChecks:
    def __init__(self, points=None, checks=()):
        self.points = dict(points or {})
        self.checks = list(checks)

    def for_exercise(self, exercise_id):
        return [c for c in self.checks if c.exercise_id == exercise_id]


def load(path):
    """Run the teacher's file and collect its ``POINTS`` and ``HIDDEN``."""
    if path is None:
        return HiddenChecks()
    namespace = runpy.run_path(str(path))
    checks = namespace.get("HIDDEN", [])
    for check in checks:
        if not isinstance(check, (Inputs, Expression)):
            raise ValueError(f"HIDDEN holds {check!r}; use inputs(...) or expression(...)")
    points = namespace.get("POINTS", {})
    for exercise_id in points:
        _exercise(exercise_id)
    return HiddenChecks(points, checks)


def template():
    """A hidden-checks file to start from: every exercise's inputs, as its check draws them."""
    rng = np.random.default_rng(2024)
    lines = ['"""Hidden checks: keep this file away from the students (see docs/grading.md)."""',
             "from minigrad.grading.hidden import expression, inputs", "",
             "POINTS = {" + ", ".join(f'"{e}": 1' for e in EXERCISES) + "}", "", "HIDDEN = ["]
    for exercise in EXERCISES.values():
        if exercise.live:
            arguments = ", ".join(f"{key}={value!r}" for key, value in exercise.plan(rng).items()
                                  if key != "numbers")
            lines.append(f'    inputs("{exercise.id}", {arguments}),')
    lines += ['    expression("sin_derivative", "x.grad is not None and x.numel() >= 100", bool,',
              '               zh="至少取 100 个点，曲线才平滑。",',
              '               en="Take at least 100 points for a smooth curve."),', "]", ""]
    return "\n".join(lines)


def _exercise(exercise_id):
    if exercise_id not in EXERCISES:
        raise ValueError(f"no exercise {exercise_id!r}; the exercises are: {', '.join(EXERCISES)}")
    return EXERCISES[exercise_id]
