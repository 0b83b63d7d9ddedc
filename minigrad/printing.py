"""Print tensors exactly as PyTorch does: ``tensor([ 0.,  4.,  8., 12.])``.

A port of the rules in PyTorch's ``torch/_tensor_str.py``: one width for all elements,
integers in float tensors written as ``4.``, four decimals otherwise, scientific
notation when the values span more than three orders of magnitude, and ``...`` for
tensors over 1000 elements.
"""
import math
from dataclasses import dataclass

import numpy as np

from . import dtypes
from .quiet import silently


@dataclass
class PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: object = None


OPTIONS = PrintOptions()


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    """Change how tensors print (same arguments as ``torch.set_printoptions``)."""
    if profile is not None:
        defaults = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80),
                    "full": (4, math.inf, 3, 80)}[profile]
        OPTIONS.precision, OPTIONS.threshold, OPTIONS.edgeitems, OPTIONS.linewidth = defaults
    for name, value in (("precision", precision), ("threshold", threshold),
                        ("edgeitems", edgeitems), ("linewidth", linewidth)):
        if value is not None:
            setattr(OPTIONS, name, value)
    OPTIONS.sci_mode = sci_mode


class _Formatter:
    """Chooses one format for all elements, so that the columns line up."""

    def __init__(self, values, floating):
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = values.reshape(-1)
        if not floating:
            for v in flat.tolist():
                self.max_width = max(self.max_width, len(str(v)))
            return
        finite = flat[np.isfinite(flat) & (flat != 0)]
        if finite.size == 0:
            return
        as_double = finite.astype(np.float64)
        abs_values = np.abs(as_double)
        low, high = abs_values.min(), abs_values.max()
        self.int_mode = bool(np.all(finite == np.ceil(finite)))
        self.sci_mode = (high / low > 1000.0 or high > 1.0e8 or low < 1.0e-4
                         if OPTIONS.sci_mode is None else OPTIONS.sci_mode)
        p = OPTIONS.precision
        for v in as_double.tolist():
            if self.sci_mode:
                width = len(f"{v:.{p}e}")
            elif self.int_mode:
                width = len(f"{v:.0f}") + 1
            else:
                width = len(f"{v:.{p}f}")
            self.max_width = max(self.max_width, width)

    def format(self, value):
        if self.floating:
            p = OPTIONS.precision
            if self.sci_mode:
                text = f"{value:{self.max_width}.{p}e}"
            elif self.int_mode:
                text = f"{value:.0f}"
                if not (math.isinf(value) or math.isnan(value)):
                    text += "."
            else:
                text = f"{value:.{p}f}"
        else:
            text = f"{value}"
        return (self.max_width - len(text)) * " " + text


def _summarized(values):
    """Only the first and last ``edgeitems`` rows of each dimension (for the widths)."""
    n = OPTIONS.edgeitems
    if values.ndim == 0:
        return values
    if values.shape[0] > 2 * n:
        values = np.concatenate([values[:n], values[-n:]])
    if values.ndim == 1:
        return values
    return np.stack([_summarized(row) for row in values])


def _vector_str(values, indent, summarize, formatter):
    element_length = formatter.max_width + 2
    per_line = max(1, math.floor((OPTIONS.linewidth - indent) / element_length))
    n = OPTIONS.edgeitems
    if summarize and values.shape[0] > 2 * n:
        data = ([formatter.format(v) for v in values[:n].tolist()] + [" ..."] +
                [formatter.format(v) for v in values[-n:].tolist()])
    else:
        data = [formatter.format(v) for v in values.tolist()]
    lines = [", ".join(data[i:i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str(values, indent, summarize, formatter):
    if values.ndim == 0:
        return formatter.format(values.item())
    if values.ndim == 1:
        return _vector_str(values, indent, summarize, formatter)
    n = OPTIONS.edgeitems
    if summarize and values.shape[0] > 2 * n:
        rows = ([_tensor_str(values[i], indent + 1, summarize, formatter) for i in range(n)]
                + ["..."]
                + [_tensor_str(values[i], indent + 1, summarize, formatter)
                   for i in range(len(values) - n, len(values))])
    else:
        rows = [_tensor_str(values[i], indent + 1, summarize, formatter)
                for i in range(values.shape[0])]
    return "[" + ("," + "\n" * (values.ndim - 1) + " " * (indent + 1)).join(rows) + "]"


def _add_suffixes(text, suffixes, indent):
    parts = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > OPTIONS.linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


@silently  # the ratio of the largest to the smallest value may overflow to inf: fine
def format_values(values, dtype, indent=0):
    """The bracketed part of the repr, for a NumPy array of the tensor's values."""
    if values.size == 0:
        return "[]"
    summarize = values.size > OPTIONS.threshold
    floating = dtype.is_floating_point
    sample = _summarized(values) if summarize else values
    formatter = _Formatter(sample, floating)
    return _tensor_str(values, indent, summarize, formatter)


def tensor_repr(t):
    prefix = "tensor("
    indent = len(prefix)
    values = t._data
    dtype = t.dtype
    suffixes = []
    if values.size == 0:
        if values.ndim != 1:
            suffixes.append(f"size={tuple(values.shape)}")
        if dtype is not dtypes.default_float():
            suffixes.append(f"dtype={dtype!r}")
        body = "[]"
    else:
        if dtype not in (dtypes.default_float(), dtypes.int64, dtypes.bool_):
            suffixes.append(f"dtype={dtype!r}")
        body = format_values(values, dtype, indent)
    if t._grad_fn is not None:
        suffixes.append(f"grad_fn=<{t._grad_fn.name()}>")
    elif t._requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
