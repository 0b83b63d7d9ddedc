"""Exercises with instant feedback: ``check`` says right, or what is wrong and a hint.

>>> from minigrad.exercises import check, set_language
>>> set_language("en")
>>> check("detach", torch.tensor([0.0, 1.0, 4.0, 9.0]))
✓ Detaching: the gradient of z = u * x — Right: u is treated as a constant, ...

Checks try the answer on fresh random inputs (a function right only for the example shown
is caught) and never print the answer. The bank:

    scenes.py     one exercise per lesson of the notebook suite
    chapter.py    the five exercises at the end of the chapter
    exercise.py   what an exercise is: prompt, answer cell, and plan / probe / judge
    facts.py      answers described as plain data; judging.py the common first checks
    history.py    how each .grad came to be (checks ask how, not only what)
    limits.py     the time a check gives the student's code
    variants.py   each student's own numbers (make-assignment --variants)
    feedback.py   the green or red box, in zh and en (minigrad.language)

``exercise(id).prompt("zh")`` gives the prompt text for a notebook. The teacher's answers
are not in this package (students install it too): they live with the teacher's tools,
in the repository's ``exercises/solutions/``.
"""
import os

from . import chapter, history, scenes
from .exercise import MISSING, answers
from .feedback import Feedback
from .variants import set_variant
from ..language import Text, get_language, set_language

EXERCISES = {e.id: e for e in scenes.ALL + chapter.ALL}
history.start()  # from the assignment's first cell on, every .grad's story is kept


def exercises():
    """All exercises, lessons first, then the chapter's five."""
    return list(EXERCISES.values())


def exercise(exercise_id):
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are: "
                       f"{', '.join(EXERCISES)}") from None


def check(exercise_id, answer=MISSING):
    """Check ``answer`` for the exercise ``exercise_id``, e.g. ``check("detach", my_grad)``."""
    if exercise_id not in EXERCISES:
        return Feedback(exercise_id, Text("练习", "Exercise"), False, Text(
            f"没有叫 {exercise_id!r} 的练习。可用的有：{', '.join(EXERCISES)}。",
            f"There is no exercise called {exercise_id!r}. The exercises are: "
            f"{', '.join(EXERCISES)}."))
    feedback = EXERCISES[exercise_id].check(answer)
    if not feedback and os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate"):
        # nbgrader gives a test cell its points unless the cell raises
        raise AssertionError(feedback.text())
    return feedback


__all__ = ["check", "exercise", "exercises", "set_language", "get_language", "set_variant",
           "Feedback", "answers"]
