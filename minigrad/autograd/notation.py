"""What an op means in mathematics, written next to its backward: the source every caption,
label and inspector line is drawn from.

A ``Function`` says it with ``notation = Notation(symbol, expression, *derivatives)``:

    class Mul(Function):
        notation = Notation("×", "{0} × {1}",
                            Local("{1}", lambda a, b, out: b),     # ∂out/∂a
                            Local("{0}", lambda a, b, out: a),     # ∂out/∂b
                            infix=True, commutative=True)

- ``symbol``: what the op's circle shows (``×``, ``·`` for dot, ``@``, ``exp``, ``∑``);
- ``expression``: how the result reads, over the labels of forward's arguments (``{0}``,
  ``{1}`` by argument position);
- one derivative per TENSOR input, in the order of ``node.next_functions``:

  * ``Local(formula, value)`` for an elementwise op: the local derivative ∂out/∂input as
    text over the labels, and ``value(*args, out)`` giving it as numbers; the input's
    gradient is ``value × g``, summed back to the input's shape where it was broadcast;
  * ``Rule(formula, gradient, local=None)`` for the others (``@``, reshape, indexing,
    reductions along dims, softmax): the input's gradient as text over the labels and
    ``{g}`` (the incoming gradient), and ``gradient(g, *args, out)`` computing it;
    ``local`` is ∂out/∂input where a short formula exists (``1/3`` for a mean);
  * ``None`` where no gradient flows.

Any text may instead be a function of forward's arguments that returns the text: that is
how a setting shows (``x ** 3`` gives ``3 × {0}²``; ``var(correction=0)`` divides by n).
Evaluators receive forward's arguments as NumPy arrays (tensors) and plain values
(settings), ``out`` (a tuple when the op has several outputs) and ``g`` likewise.

Design, and why: the derivative lives with the backward that computes it, as data a test
can run — tests/engine/test_notation.py walks every ``Function`` in ``ops/`` and ``nn/``
and checks the notation against backward on random inputs, so the two cannot drift.
Only mathematics here (NOTATION.md: × elementwise, · the dot product, @ the matrix
product); the words a student reads (乘法 / multiplication, "reshaped back to the shape
of x") live in ``minigrad.viz``, keyed by the node's name. Everything is NumPy, so a
drawing computes its captions without running a single engine op. One class-level
object per op: nothing is added to the nodes a program makes.
"""
import re

import numpy as np

SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class Local:
    """An elementwise local derivative: ``formula`` (text) and ``value(*args, out)``."""
    __slots__ = ("formula", "value")
    rule = gradient = None

    def __init__(self, formula, value=None):
        self.formula = formula
        self.value = value

    @property
    def local(self):
        return self.formula


class Rule:
    """How an input's gradient is formed from ``{g}``: ``formula`` (text),
    ``gradient(g, *args, out)``, and ``local``, ∂out/∂input when it has a short form."""
    __slots__ = ("rule", "gradient", "local")
    value = None

    def __init__(self, formula, gradient=None, local=None):
        self.rule = formula
        self.gradient = gradient
        self.local = local


class Notation:
    __slots__ = ("symbol", "expression", "derivatives", "operands", "infix", "variadic",
                 "commutative")

    def __init__(self, symbol, expression, *derivatives, operands=None, infix=False,
                 variadic=False, commutative=False):
        self.symbol = symbol
        self.expression = expression
        self.derivatives = derivatives  # one per tensor input; variadic: one for all
        # how many leading arguments are drawn as the op's operands: its tensors, and a
        # number that takes part (x ** 2's 2), but not a setting (a sum's dims)
        self.operands = len(derivatives) if operands is None else operands
        self.infix = infix              # an operand that is an expression needs parentheses
        self.variadic = variadic        # cat/stack: every argument but the last is a tensor
        self.commutative = commutative  # 2 × x may be written with the number first

    # -- text ---------------------------------------------------------------------------
    def symbol_for(self, args):
        return _text(self.symbol, args)

    def expression_for(self, labels, args):
        """``x + y`` from the arguments' labels; compound labels get parentheses."""
        if self.infix:
            labels = [grouped(label) for label in labels]
        return _format(_text(self.expression, args), labels)

    def derivative(self, i):
        """The derivative of tensor input ``i`` (a ``Local``, a ``Rule``), or None."""
        if self.variadic:
            return self.derivatives[0](i) if self.derivatives else None
        return self.derivatives[i] if i < len(self.derivatives) else None

    def local_formula(self, i, labels, args):
        """∂out/∂input ``i`` as text over the labels, or None."""
        d = self.derivative(i)
        if d is None or d.local is None:
            return None
        return _format(_text(d.local, args), [grouped(label) for label in labels])

    def rule_formula(self, i, labels, args, g, out="out"):
        """Input ``i``'s gradient as text, ``g`` standing for the incoming gradient, or None."""
        d = self.derivative(i)
        if d is None or d.rule is None:
            return None
        return _format(_text(d.rule, args), [grouped(label) for label in labels],
                       g=grouped(g), out=grouped(out))

    # -- numbers ------------------------------------------------------------------------
    def local_value(self, i, values, out):
        """∂out/∂input ``i`` as numbers (elementwise ops), or None."""
        d = self.derivative(i)
        if d is None or d.value is None:
            return None
        with np.errstate(all="ignore"):
            return np.asarray(d.value(*values, out))

    def gradient_value(self, i, g, values, out, shape):
        """Input ``i``'s gradient as numbers, shaped ``shape``, or None if unknown."""
        d = self.derivative(i)
        if d is None:
            return None
        with np.errstate(all="ignore"):
            if d.value is not None:
                return sum_to_shape(np.asarray(d.value(*values, out)) * g, shape)
            if d.gradient is not None:
                return sum_to_shape(np.asarray(d.gradient(g, *values, out)), shape)
        return None


def _text(text, args):
    return text(args) if callable(text) else text


def _format(template, labels, **named):
    return template.format(*labels, **named)


# -- helpers for writing notations -----------------------------------------------------------
def grouped(label):
    """``x + y`` -> ``(x + y)`` when it becomes part of a larger expression; names,
    numbers, lists, calls (``exp(x)``), indexing (``x[0]``) and norms (``‖b‖``) stay as they are."""
    if re.fullmatch(r"-?[\w.]+", label) or _one_group(label, "[", "]", r"[\w.]*") or \
            _one_group(label, "(", ")", r"[\w.]+") or re.fullmatch(r"‖[^‖]*‖", label):
        return label
    return f"({label})"


def _one_group(label, opening, closing, head):
    """``exp(x + y)``: a head, then one bracketed group that closes at the very end."""
    start = label.find(opening)
    if start < 0 or not label.endswith(closing) or not re.fullmatch(head, label[:start]):
        return False
    depth = 0
    for position, char in enumerate(label[start:], start):
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return position == len(label) - 1
    return False


def number(v):
    """One number, as a person would write it: 4 not 4.0, 0.8392 not 0.83917236."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    v = float(v) if not isinstance(v, (int, np.integer)) else int(v)
    if isinstance(v, int):
        return str(v)
    if not np.isfinite(v):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    if 1e-4 <= abs(v) < 1e6:
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return f"{v:.4g}"


def power(base, exponent):
    """``x²`` for small integer powers, ``x^0.5`` otherwise (``exponent`` a number or text)."""
    text = number(exponent) if not isinstance(exponent, str) else exponent
    if text.lstrip("-").isdigit() and len(text) <= 2:
        return base + text.translate(SUPERSCRIPTS)
    return f"{base}^{grouped(text)}"


def literal(text):
    """A setting's text inside a template: braces are not placeholders."""
    return str(text).replace("{", "{{").replace("}", "}}")


def ones(x, *rest):
    """1 for every element of ``x`` (the local derivative of a copy or a sum)."""
    return np.ones(np.shape(x))


def zeros(x, *rest):
    return np.zeros(np.shape(x))


def sum_to_shape(values, shape):
    """Sum ``values`` down to ``shape``, undoing broadcasting (NumPy's ``sum_to``)."""
    values = np.asarray(values)
    if values.shape == tuple(shape):
        return values
    lead = values.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape)
                                      if n == 1 and values.shape[lead + i] != 1)
    return values.sum(axis=axes, keepdims=True).reshape(shape) if axes else values.reshape(shape)


def spread(g, shape, axes):
    """A reduction's gradient stretched back over the reduced axes."""
    kept = tuple(1 if i in axes else n for i, n in enumerate(shape))
    return np.broadcast_to(np.reshape(g, kept), shape)


def count(shape, axes):
    """How many elements a reduction over ``axes`` takes together."""
    return int(np.prod([shape[a] for a in axes], dtype=np.int64))


def index_text(key):
    """An index as it is written in code: ``0, 1:3``, ``..., mask``."""
    parts = key if isinstance(key, tuple) else (key,)
    return ", ".join(_index_part(k) for k in parts)


def _index_part(k):
    if isinstance(k, slice):
        text = f"{'' if k.start is None else k.start}:{'' if k.stop is None else k.stop}"
        return text + (f":{k.step}" if k.step not in (None, 1) else "")
    if k is Ellipsis:
        return "..."
    if k is None:
        return "None"
    if isinstance(k, np.ndarray):
        if k.dtype == np.bool_:
            return "mask"
        return str(k.tolist()) if k.size <= 6 else "[…]"
    return str(k)
