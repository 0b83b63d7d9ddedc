"""Answers turned into facts: plain data (numbers, lists, strings) that can be judged
anywhere.

A check first *probes* the answer where it lives (the student's kernel) and writes down
what it sees; the verdict is then made from those facts alone. The grader does the
probing in the student's kernel and the judging in its own process, so student code
can change what it reports, but not how the report is judged.
"""
import math
import numbers

import numpy as np

from ..tensor import Tensor
from . import limits
from .limits import TookTooLong

MAX_VALUES = 20_000  # a bigger answer is described by its shape only
MAX_ITEMS = 20
MAX_DEPTH = 3  # a list inside a list ... deeper than this is not looked into


def describe(value):
    """The facts about any value a student may pass: its kind, and for tensors their
    shape, dtype, graph attributes, values and gradient. Never raises: an object that
    fails when looked at (its ``__len__``, ``__float__`` or ``.shape`` raise; a list that
    contains itself) is described as unreadable."""
    try:
        return _describe(value, 0)
    except TookTooLong:
        raise
    except BaseException as error:  # any odd object, even one raising SystemExit
        return {"type": "unreadable", "error": _name(error)}


def _describe(value, depth):
    if value is None:
        return {"type": "None"}
    if isinstance(value, Tensor):
        return _describe_tensor(value)
    if isinstance(value, (bool, np.bool_)):
        return {"type": "bool", "value": bool(value)}
    if isinstance(value, (numbers.Number, np.number)):
        if isinstance(value, (complex, np.complexfloating)):
            return {"type": "other", "name": "complex"}
        return {"type": "number", "value": _number(value)}
    if isinstance(value, np.ndarray):
        return {"type": "ndarray", "shape": [int(n) for n in value.shape], **_values(value)}
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        if depth >= MAX_DEPTH:
            return {"type": kind, "length": len(value), "items": []}
        return {"type": kind, "length": len(value),
                "items": [_describe(v, depth + 1) for v in value[:MAX_ITEMS]]}
    if isinstance(value, str):
        return {"type": "str", "value": str(value[:200])}
    if isinstance(value, type):
        return {"type": "class", "name": _text(value.__name__)}
    if callable(value):
        return {"type": "function", "name": _text(getattr(value, "__name__", "function"))}
    return {"type": "other", "name": _text(type(value).__name__)}


def _describe_tensor(t):
    if t._data.dtype == object:  # an autograd.Function whose forward returned None, say
        return describe(t._data.item()) if t._data.size == 1 else {"type": "other",
                                                                    "name": "Tensor"}
    facts = {"type": "tensor", "shape": [int(n) for n in t._data.shape],
             "dtype": str(t.dtype).replace("torch.", ""), "requires_grad": bool(t.requires_grad),
             "is_leaf": bool(t.is_leaf),
             "grad_fn": None if t.grad_fn is None else _text(t.grad_fn.name()), **_values(t._data)}
    if t.is_leaf and t._grad is not None:
        facts["grad"] = _describe_tensor(t._grad)
    return facts


def _values(array):
    if array.size > MAX_VALUES:
        return {"values": None}
    if array.dtype.kind not in "biuf":
        return {"values": None}
    return {"values": [_number(v) for v in np.asarray(array, dtype=np.float64).reshape(-1)]}


def _number(value):
    number = float(value)
    return number if math.isfinite(number) else str(number)


def _text(name):
    return str(name)[:100]


def _name(error):
    return type(error).__name__[:100]


def clip(text, limit=300):
    """``text`` cut to ``limit`` characters, dropping a word cut in two: a path cut half-way
    could no longer be recognised (and hidden) by the grader's report."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace():
        cut = cut[:max(cut.rfind(" "), 0)]
    return cut + " …"


def attempt(function, *args):
    """Call student code; whatever it raises (even ``SystemExit``), or running past the
    check's time limit, becomes a fact too."""
    try:
        return {"ok": True, "result": function(*args)}
    except BaseException as error:  # any mistake in student code is something to explain
        if isinstance(error, TookTooLong) or limits.expired():
            return {"ok": False, "error": "timeout", "message": ""}
        try:
            message = clip(str(error))
        except BaseException:  # an exception whose __str__ raises
            message = ""
        return {"ok": False, "error": _name(error), "message": message}


def failure(outcome):
    """The facts of a failed ``attempt`` (no result to describe)."""
    if outcome["error"] == "timeout":
        return {"type": "timeout"}
    return {"type": "raised", "error": outcome["error"], "message": outcome["message"]}


def call_and_describe(function, *args):
    outcome = attempt(function, *args)
    return describe(outcome["result"]) if outcome["ok"] else failure(outcome)


def as_array(facts):
    """The values of a described tensor, number or list of numbers as a float array, or
    None when the facts hold no numbers."""
    kind = facts.get("type")
    if kind in ("tensor", "ndarray"):
        values = facts.get("values")
        return None if values is None else np.array(values, dtype=np.float64).reshape(facts["shape"])
    if kind in ("number", "bool"):
        value = facts["value"]
        return np.array(float(value))
    if kind in ("list", "tuple") and facts["length"] <= MAX_ITEMS:
        parts = [as_array(item) for item in facts["items"]]
        if parts and all(p is not None for p in parts):
            try:
                return np.array(parts, dtype=np.float64)
            except ValueError:
                return None
    return None
