"""What the grader accepts from a worker: its two messages, reduced to plain data of the
expected shape. Anything else is dropped (a missing fact then counts as a failed test).

The worker runs next to the student's kernel, so its messages are treated like the
kernel's: strings are cut short, put on one line and stripped of control characters,
numbers must be numbers, and only the questions that were asked are kept.
"""
import re

from ..exercises.facts import clip

STATUSES = ("ok", "timeout", "kernel_died", "worker_error")
MAX_ERRORS = 50
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\x0b\x0c\r\x85\u2028\u2029]+")  # a page's line is one line of text


def cells(message, asked):
    """The first message: how the cells ran, and the facts for the public inputs."""
    if not isinstance(message, dict) or message.get("phase") != "cells":
        return None
    status = message.get("status")
    return {"status": status if status in STATUSES else "worker_error",
            "where": _where(message.get("detail")),
            "cell_errors": _errors(message.get("cell_errors")),
            "public": facts(message.get("facts"), asked)}


def hidden(message, asked):
    """The second message: the facts for the hidden inputs and expressions."""
    if not isinstance(message, dict) or message.get("phase") != "hidden":
        return {}
    return facts(message.get("facts"), asked)


def facts(value, asked):
    """The facts of the questions asked: a dict each, else nothing (judged as missing).
    The strings of the public plans' facts are cleaned like any text from the kernel: a
    verdict may quote them (an error message, a name) in a feedback page. The expressions'
    values go to the teacher's predicates as they are, and are never quoted."""
    if not isinstance(value, dict):
        return {}
    kept = {}
    for exercise_id in asked:
        fact = value.get(exercise_id)
        if isinstance(fact, dict):
            try:
                kept[exercise_id] = {**fact, "plans": _cleaned(fact.get("plans"))}
            except RecursionError:  # nested deeper than any real answer's facts
                continue
    return kept


def _cleaned(value):
    if isinstance(value, str):
        return text(value, 300)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def text(value, limit):
    """A string from the kernel, safe to show: at most ``limit`` characters (no word cut
    in two), no control characters (nor the ones that reorder text), no backticks (they
    would close the Markdown code span it is shown in)."""
    return clip(_BREAKS.sub(" ", _CONTROL.sub("", str(value))), limit).replace("`", "'")


def _where(detail):
    if detail in ("checks", "start"):
        return detail
    match = re.fullmatch(r"cell (\d{1,6})", detail) if isinstance(detail, str) else None
    return int(match.group(1)) if match else None


def _errors(errors):
    if not isinstance(errors, list):
        return []
    kept = []
    for error in errors[:MAX_ERRORS]:
        if isinstance(error, dict) and isinstance(error.get("cell"), int) and error["cell"] >= 0:
            kept.append({"cell": error["cell"], "error": text(error.get("error", ""), 100),
                         "message": text(error.get("message", ""), 300)})
    return kept
