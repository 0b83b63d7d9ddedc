"""The grader's question to a student's kernel: what do the answers do on these inputs?

``minigrad-grade`` evaluates ``report(...)`` in the kernel after the student's cells ran.
It answers with facts only (JSON); the verdicts are made in the grader's own process.
"""
import json

from . import EXERCISES
from .exercise import MISSING, answers
from .facts import attempt, describe, failure

MAX_REPLY = 4_000_000  # characters; an answer described beyond this is not gradable


def report(exercise_id, probe_json, namespace):
    """Facts for one exercise: the answer passed to its last ``check`` call (or, when no
    check ran, the variable the answer cell defines), tried on each of the grader's
    plans, and the value of each of the teacher's hidden expressions."""
    probe = json.loads(probe_json)
    exercise = EXERCISES[exercise_id]
    answer = answers.get(exercise_id, namespace.get(exercise.answer, MISSING))
    facts = {"plans": [exercise.probe(answer, plan) for plan in probe["plans"]],
             "expressions": [_evaluate(expression, namespace)
                             for expression in probe["expressions"]]}
    text = json.dumps(facts)
    if len(text) > MAX_REPLY:
        text = json.dumps({"type": "too_big"})
    return text


def _evaluate(expression, namespace):
    outcome = attempt(eval, expression, namespace)
    return describe(outcome["result"]) if outcome["ok"] else failure(outcome)
