"""What to call a value in a box or a caption: the student's name (``x``), else what it
is: its expression (``x + y``), its number (``2``), or ``x.grad``.

An expression nests at most two levels (``‖2 × a‖``); a value whose expression would
nest deeper, or would mention a value folded into a run (not in the picture), gets a
short name from its op and position instead: ``mul₃``, the third such product. The
names a loop's own code gave its values (``b``, seen by its ``while``) come first:
``b₃`` (see ``checks.local_names``). A graph's short names are shared by the labels of
every language, so that the picture and the captions agree.
"""
import re

from ..autograd.graph import grad_fn_of
from .formulas import describe
from .values import number, plain

MAX_DEPTH = 2    # ``2 × (2 × a)`` is readable on a projector; ``2 × (2 × (2 × a))`` is not
LONG = 28        # an expression longer than this gets a short name too
DEEP = 17        # an expression looks at most this many unnamed ops down; what lies further
                 # gets a short name, so a 100,000-op chain costs no more than a short one
SMALL = 4        # an unnamed constant with at most this many elements is labelled by its values
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

TENSOR = {"en": "tensor", "zh": "张量"}
CONSTANT = {"en": "constant", "zh": "常数"}


class Labels:
    def __init__(self, names, lang, graph=None):
        self.names = names
        self.lang = lang
        self.graph = graph
        self._known = {}
        self._depth = {}      # key -> how deep its label nests (0: a name or a number)

    def of(self, value):
        """The label of ``value`` (computed once; a loop, not recursion)."""
        stack = [value]
        while stack:
            top = stack[-1]
            if top.key in self._known:
                stack.pop()
                continue
            label, depth = self._direct(top), 0
            if label is None and len(stack) > DEEP:
                label = self._short_name(top)
            elif label is None and any(self._folded(v) for v in top.step.inputs):
                label = self._short_name(top)  # its input is not in the picture
            elif label is None:
                waiting = [v for v in top.step.inputs if v.key not in self._known]
                if waiting:
                    stack.extend(waiting)
                    continue
                label = self.expression(top.step)
                depth = 1 + max((self._depth[v.key] for v in top.step.inputs), default=0)
                if depth > MAX_DEPTH or len(label) > LONG:
                    label, depth = self._short_name(top), 0
            self._known[top.key] = label
            self._depth[top.key] = depth
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
        if self.graph is not None:
            given = self.graph.local_names.get(value.key) or \
                self.graph.short_names.get(value.key)
            if given is not None:
                return given
        if value.step is not None:
            return None
        data = value.data
        if data is not None and data.size <= SMALL:
            return plain(data)
        if value.grad_fn is None and value.tensor is None:
            return CONSTANT[self.lang]
        return f"{TENSOR[self.lang]} {'×'.join(str(s) for s in value.shape)}"

    def _short_name(self, value):
        """``mul₃``: the op's name and how many values before got a short name from it."""
        word = _op_word(value.step.node_name)
        if self.graph is None:
            return word
        count = self.graph.short_counts[word] = self.graph.short_counts.get(word, 0) + 1
        name = self.graph.short_names[value.key] = word + str(count).translate(SUBSCRIPTS)
        return name

    def _folded(self, value):
        """Is ``value`` inside a folded run (so not in the picture)?"""
        if self.graph is None:
            return False
        drawn = self.graph.alias.get(value.key)
        made_by = grad_fn_of(value.tensor) if value.tensor is not None else None
        if drawn is None and made_by is not None:
            drawn = self.graph.alias.get(f"f{id(made_by)}")  # autograd view
        return drawn is not None and self.graph.nodes.get(drawn) is not None and \
            self.graph.nodes[drawn].kind == "fold"

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
        return self._known.get(arg.key) or self.of(arg)


def _op_word(node_name):
    """``mul`` from ``MulBackward0``, ``norm`` from ``LinalgVectorNormBackward0``: short,
    and still the name PyTorch gives the op."""
    name = re.sub(r"Backward\d*$", "", node_name) or "v"
    if len(name) > 8:
        name = re.findall(r"[A-Z][a-z]+|[a-z]+|[A-Z]+", name)[-1]
    return name.lower()
