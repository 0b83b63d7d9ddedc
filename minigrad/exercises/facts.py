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

MAX_VALUES = 20_000  # a bigger answer is described by its shape only
MAX_ITEMS = 20


def describe(value):
    """The facts about any value a student may pass: its kind, and for tensors their
    shape, dtype, graph attributes, values and gradient."""
    if value is None:
        return {"type": "None"}
    if isinstance(value, Tensor):
        return _describe_tensor(value)
    if isinstance(value, (bool, np.bool_)):
        return {"type": "bool", "value": bool(value)}
    if isinstance(value, (numbers.Number, np.number)):
        return {"type": "number", "value": _number(value)}
    if isinstance(value, np.ndarray):
        return {"type": "ndarray", "shape": list(value.shape), **_values(value)}
    if isinstance(value, (list, tuple)):
        return {"type": type(value).__name__, "length": len(value),
                "items": [describe(v) for v in value[:MAX_ITEMS]]}
    if isinstance(value, str):
        return {"type": "str", "value": value[:200]}
    if isinstance(value, type):
        return {"type": "class", "name": value.__name__}
    if callable(value):
        return {"type": "function", "name": getattr(value, "__name__", type(value).__name__)}
    return {"type": "other", "name": type(value).__name__}


def _describe_tensor(t):
    if t._data.dtype == object:  # an autograd.Function whose forward returned None, say
        return describe(t._data.item()) if t._data.size == 1 else {"type": "other",
                                                                    "name": "Tensor"}
    facts = {"type": "tensor", "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
             "requires_grad": t.requires_grad, "is_leaf": t.is_leaf,
             "grad_fn": None if t.grad_fn is None else t.grad_fn.name(), **_values(t._data)}
    if t.is_leaf and t._grad is not None:
        facts["grad"] = _describe_tensor(t._grad)
    return facts


def _values(array):
    if array.size > MAX_VALUES:
        return {"values": None}
    if array.dtype.kind not in "biuf":
        return {"values": None}
    return {"values": np.asarray(array, dtype=np.float64).tolist()}


def _number(value):
    number = float(value)
    return number if math.isfinite(number) else str(number)


def attempt(function, *args):
    """Call student code; an exception becomes a fact too (its type and message)."""
    try:
        return {"ok": True, "result": function(*args)}
    except Exception as error:  # any mistake in student code is something to explain
        return {"ok": False, "error": type(error).__name__, "message": str(error)[:300]}


def failure(outcome):
    """The facts of a failed ``attempt`` (no result to describe)."""
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
