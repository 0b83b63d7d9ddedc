"""What to call a value in a box or a caption: the student's name (``x``), else what it
is: its expression (``x + y``), its number (``2``), or ``x.grad``.

An expression is built from its inputs' labels, so a long chain would give a label as
long as the chain: inputs with long labels are written ``…``.
"""
from .formulas import describe
from .values import number, plain

LONG = 16        # an input label longer than this is written "…" inside an expression
DEEP = LONG + 1  # an expression looks at most this many unnamed ops down; what lies further
                 # is written "…" too, so a 100,000-op chain costs no more than a short one
SMALL = 4        # an unnamed constant with at most this many elements is labelled by its values

TENSOR = {"en": "tensor", "zh": "张量"}
CONSTANT = {"en": "constant", "zh": "常数"}


class Labels:
    def __init__(self, names, lang):
        self.names = names
        self.lang = lang
        self._known = {}
        self._elided = set()  # keys of values met too deep down to matter: "…" in expressions

    def of(self, value):
        """The label of ``value`` (computed once; a loop, not recursion)."""
        stack = [value]
        while stack:
            top = stack[-1]
            if top.key in self._known or (top.key in self._elided and top is not value):
                stack.pop()
                continue
            label = self._direct(top)
            if label is None:
                if len(stack) > DEEP:
                    self._elided.add(top.key)
                    stack.pop()
                    continue
                waiting = [v for v in top.step.inputs
                           if v.key not in self._known and v.key not in self._elided]
                if waiting:
                    stack.extend(waiting)
                    continue
                label = self.expression(top.step)
            self._known[top.key] = label
            self._elided.discard(top.key)
            stack.pop()
        return self._known[value.key]

    def name(self, value):
        """The student's name for ``value``, or None."""
        for tensor in (value.tensor, value.former):
            if tensor is not None:
                name = self.names.of(tensor)
                if name is not None:
                    return name
        return None

    def _direct(self, value):
        """A label that needs no expression, or None."""
        name = self.name(value)
        if name is not None:
            return name
        if value.step is not None:
            return None
        data = value.data
        if data is not None and data.size <= SMALL:
            return plain(data)
        if value.grad_fn is None and value.tensor is None:
            return CONSTANT[self.lang]
        return f"{TENSOR[self.lang]} {'×'.join(str(s) for s in value.shape)}"

    def expression(self, step):
        """``x + y`` for the op of ``step``, from its arguments' labels."""
        op = describe(step.function, step.node_name)
        labels = [self._short(arg) for arg in step.args]
        try:
            return op.expression_for(labels, step.args)
        except (IndexError, KeyError, TypeError, AttributeError):
            # a step rebuilt from the grad_fn graph knows its tensor inputs only
            symbol = op.symbol if isinstance(op.symbol, str) else op.words[self.lang]
            return f"{symbol}({', '.join(labels)})"

    def _short(self, arg):
        if not hasattr(arg, "key"):
            return number(arg) if isinstance(arg, (int, float)) else str(arg)
        if arg.key in self._elided:
            return "…"
        label = self._known.get(arg.key) or self.of(arg)
        return label if len(label) <= LONG else "…"
