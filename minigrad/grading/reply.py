"""What the grader accepts from a worker: its two messages, reduced to plain data of the
expected shape. Anything else is dropped (a missing fact then counts as a failed test).

The worker runs next to the student's kernel, so its messages are treated like the
kernel's: strings are cut short and stripped of control characters, numbers must be
numbers, and only the questions that were asked are kept.
"""
import re

from ..exercises.facts import clip

STATUSES = ("ok", "timeout", "kernel_died", "worker_error")
MAX_ERRORS = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


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
    """The facts of the questions asked: a dict each, else nothing (judged as missing)."""
    if not isinstance(value, dict):
        return {}
    return {exercise_id: value[exercise_id] for exercise_id in asked
            if isinstance(value.get(exercise_id), dict)}


def text(value, limit):
    """A string from the kernel, safe to show: at most ``limit`` characters (no word cut
    in two), no control characters (nor the ones that reorder text), no backticks (they
    would close the Markdown code span it is shown in)."""
    return clip(_CONTROL.sub("", str(value)), limit).replace("`", "'")


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
