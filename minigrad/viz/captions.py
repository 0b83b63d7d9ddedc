"""The arithmetic of each step, in words a teacher says aloud while pointing at the picture
(notation: /work/shared/NOTATION.md). One function per kind of step, each returning the
caption in one language.

    forward      a = x + y = 2 + 3 = 5
    backward     ∂z/∂a = w = 4; ∂z/∂w = a = 5                  (the op that made z)
                 ∂a/∂x = 1; ∂a/∂y = 1. With the incoming ∂z/∂a = 4: x gets ∂z/∂x = 1 × 4 = 4, …
                 first factor: ∂y/∂(first x) = x = 3; second factor: ∂y/∂(second x) = x = 3;
                 x gets the sum of both, 3 + 3 = 6, so dy/dx = 2x = 6
    accumulate   x.grad = [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]
    detach       u = y.detach(): the gradient stops here

Local derivatives belong to edges: one clause per input position, named by the operand
(by its position when one tensor fills several). Only leaves have a ``.grad``; what
reaches an intermediate ``a`` is written ∂z/∂a, and a backward step never claims that a
``.grad`` changed: the accumulation is a frame of its own, where the box changes too.
"""
import re

import numpy as np

from ..autograd.notation import sum_to_shape
from ..ops.elementwise import Compare
from .formulas import describe, grouped
from .model import Value
from .values import CAPTION_MAX_ELEMENTS, plain

SAY = {
    "inplace": {"en": " (in place)", "zh": "（就地操作）"},
    "no_grad": {"en": " (under no_grad: not recorded in the graph)",
                "zh": "（在 no_grad 下：不记录到计算图中）"},
    "start": {"en": "Backward pass from {root}: ∂{group}/∂{group} = {seed}",
              "zh": "反向传播从 {root} 开始：∂{group}/∂{group} = {seed}"},
    "start_with": {"en": "Backward pass from {root} with gradient {weight} = {seed}: it "
                         "computes the gradient of {quantity} (each element of {root} weighted "
                         "by {weight})",
                   "zh": "反向传播从 {root} 开始，gradient 为 {weight} = {seed}：计算的是 "
                         "{quantity} 的梯度（{weight} 是 {root} 每个元素的权重）"},
    "local": {"en": "∂{out}/∂{input} = {derivative}", "zh": "∂{out}/∂{input} = {derivative}"},
    "position": {"en": "{title}: ∂{out}/∂({ordinal} {input}) = {derivative}",
                 "zh": "{title}：∂{out}/∂({ordinal} {input}) = {derivative}"},
    "incoming": {"en": "With the incoming ∂{quantity}/∂{out} = {incoming}: ",
                 "zh": "乘以传入的梯度 ∂{quantity}/∂{out} = {incoming}："},
    "sentence": {"en": ". ", "zh": "。"},
    "gets": {"en": "{input} gets ∂{quantity}/∂{group} = {terms}{result}",
             "zh": "{input} 得到 ∂{quantity}/∂{group} = {terms}{result}"},
    "gets_part": {"en": "{input} gets {terms}{result} along this path (path {k} of {n} to {input})",
                  "zh": "{input} 沿这条路径得到 {terms}{result}（{input} 共有 {n} 条路径，这是第 {k} 条）"},
    "both": {"en": "{input} gets the sum of {all}, {terms}{result}",
             "zh": "{input} {all}都用到，梯度相加：{terms}{result}"},
    "both_part": {"en": "{input} gets the sum of {all}, {terms}{result} along these paths "
                        "(paths {k} of {n} to {input})",
                  "zh": "{input} {all}都用到，沿这些路径得到 {terms}{result}"
                        "（{input} 共有 {n} 条路径，这是其中第 {k} 条）"},
    "in_all": {"en": ", so in all ∂{quantity}/∂{input} = {terms} = {result}",
               "zh": "，合计 ∂{quantity}/∂{input} = {terms} = {result}"},
    "total": {"en": ", so {d}{quantity}/{d}{input} = {formula} = {result}",
              "zh": "，即 {d}{quantity}/{d}{input} = {formula} = {result}"},
    "no_gradient": {"en": "{node}: no gradient flows on from here",
                    "zh": "{node}：梯度不再继续向前传"},
    "first_grad": {"en": "{leaf}.grad = {after} (it was None)",
                   "zh": "{leaf}.grad 原来是 None，现在 {leaf}.grad = {after}"},
    "accumulate": {"en": "{leaf}.grad = {before} + {incoming} = {after}",
                   "zh": "梯度累积：{leaf}.grad 原来是 {before}，加上 {incoming}，现在 {leaf}.grad = {after}"},
    "accumulates": {"en": " (.grad adds up across backward() calls until you zero it)",
                    "zh": "（.grad 会在多次 backward() 之间累加，直到清零）"},
    "zero": {"en": "{leaf}.grad.zero_(): {leaf}.grad = {value}",
             "zh": "梯度清零：{leaf}.grad.zero_() 之后 {leaf}.grad = {value}"},
    "reset_none": {"en": "{leaf}.grad = None", "zh": "{leaf}.grad 被设为 None"},
    "reset": {"en": "{leaf}.grad = {value}", "zh": "{leaf}.grad 被设为 {value}"},
    "detach": {"en": "{result} = {source}.detach(): the gradient stops here ({result} has "
                     "{source}'s values but no history: a constant)",
               "zh": "{result} = {source}.detach()：分离计算，{result} 与 {source} 的值相同，"
                     "但被视为常数，梯度在这里停止"},
    "end": {"en": "Backward pass done: the saved tensors are freed (backward(retain_graph=True) "
                  "would keep them for another backward pass)",
            "zh": "反向传播结束：为反向传播保存的张量已被释放（若要再次反向传播，请使用 "
                  "retain_graph=True 保留计算图）"},
    "end_kept": {"en": "Backward pass done; retain_graph=True kept the graph for another "
                       "backward pass",
                 "zh": "反向传播结束；retain_graph=True 保留了计算图，可以再次反向传播"},
    "end_returned": {"en": "; torch.autograd.grad returns these gradients instead of adding "
                           "them into .grad",
                     "zh": "；torch.autograd.grad 直接返回这些梯度，不会累加到 .grad 中"},
    "separator": {"en": "; ", "zh": "；"},
    "factor": {"en": "factor", "zh": "因子"},
    "input": {"en": "input", "zh": "输入"},
    "both_words": {"en": ("both", "all {k}"), "zh": ("两处", "{k} 处")},
    "custom": {"en": "Our own {op}.backward ran (the one written above), with the incoming "
                     "gradient ∂{quantity}/∂{out} = {incoming}: ",
               "zh": "这里运行的是我们自己写的 {op}.backward，传入的梯度是 "
                     "∂{quantity}/∂{out} = {incoming}："},
}
ORDINALS = {"en": ("first", "second", "third", "fourth", "fifth"),
            "zh": ("第一个", "第二个", "第三个", "第四个", "第五个")}
FACTORS = ("×", "·")  # the ops whose inputs are called factors


class Quantity:
    """What a backward pass differentiates: ``z`` for ``z.backward()``; ``v · y`` for
    ``y.backward(gradient=v)`` (the gradient of the weighted sum, a vector–Jacobian product);
    a sum of such terms for several roots. Called with labels, it says it in their words."""

    def __init__(self, roots, seeds):
        self.roots = list(roots)
        self.seeds = list(seeds)
        self.keys = {root.key for root in self.roots}

    def weighted(self, index):
        """Does root ``index`` start with a seed other than the scalar 1 (gradient=)?"""
        root, seed = self.roots[index], self.seeds[index]
        if seed is None:
            return False
        size = np.size(root.data) if root.data is not None else int(np.prod(root.shape))
        return not (np.size(seed) == 1 and float(np.ravel(seed)[0]) == 1 and size <= 1)

    @property
    def plain(self):
        """One root, differentiated as it is (``z.backward()`` on a scalar)."""
        return len(self.roots) == 1 and not self.weighted(0)

    def weight_name(self, index):
        return "v" if len(self.roots) == 1 else f"v{str(index + 1).translate(SUBSCRIPTS)}"

    def term(self, index, label):
        """``v · y`` (a dot product, for a vector y), ``v × y`` for a scalar y, or ``y``."""
        if not self.weighted(index):
            return label
        root = self.roots[index]
        size = np.size(root.data) if root.data is not None else int(np.prod(root.shape))
        return f"{self.weight_name(index)} {'·' if size > 1 else '×'} {grouped(label)}"

    def __call__(self, labels):
        return " + ".join(self.term(index, labels.of(root))
                          for index, root in enumerate(self.roots))


SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def forward(step, no_grad, *, labels, lang):
    """``a = x + y = 2 + 3 = 5``."""
    op = describe(step.function, step.node_name)
    output = step.outputs[0]
    expression = labels.expression(step)
    name = labels.of(output)
    text = expression if name == expression else f"{name} = {expression}"
    # a comparison is not an equation: "m = x > 0: [1, -1] > 0 → [True, False]", never
    # "x > 0 = [1, -1] > 0 = [True, False]"
    compares = step.function is Compare
    values = [_value_text(arg) for arg in step.args]
    if all(v is not None for v in values) and any(isinstance(arg, Value) for arg in step.args):
        substituted = op.expression_for(values, step.args)
        if substituted != expression:
            text += f": {substituted}" if compares else f" = {substituted}"
    if output.data is not None:
        text += f" → {plain(output.data)}" if compares else f" = {plain(output.data)}"
    if step.inplace:
        text += SAY["inplace"][lang]
    if no_grad:
        text += SAY["no_grad"][lang]
    return text


def _value_text(arg):
    """An argument as numbers in a caption, or None if it is too big to read."""
    if not isinstance(arg, Value):
        return _plain_arg(arg)
    data = arg.data
    if data is None or data.size > CAPTION_MAX_ELEMENTS:
        return None
    return plain(data)


def start(quantity, *, labels, lang):
    """``Backward pass from z: ∂z/∂z = 1`` (or the ``gradient=`` the student gave)."""
    parts = []
    for index, (root, seed) in enumerate(zip(quantity.roots, quantity.seeds)):
        name = labels.of(root)
        if quantity.weighted(index):
            weight = quantity.weight_name(index)
            parts.append(SAY["start_with"][lang].format(
                root=name, seed=plain(seed), weight=weight, quantity=quantity.term(index, name)))
        else:
            parts.append(SAY["start"][lang].format(root=name, group=grouped(name), seed="1"))
    return SAY["separator"][lang].join(parts)


def backward(step, grads_in, grads_out, node_name, quantity, paths, *, labels, lang):
    """The chain rule at one op: its local derivative along each edge, then what each
    input gets: local derivative × the gradient that came in. ``quantity``: what the pass
    differentiates; ``paths``: for each input reached, (how many gradients it got earlier
    in this pass, how many it gets in all, their sum so far), so that a part is not called
    the whole ∂z/∂a."""
    op = describe(step.function, node_name)
    output = step.outputs[0] if step.outputs else None
    out = grouped(labels.of(output)) if output is not None else node_name
    incoming = next((g for g in grads_in if g is not None), None)
    input_labels = [labels.of(a) if isinstance(a, Value) else _plain_arg(a) for a in step.args]
    values = [a.data if isinstance(a, Value) else a for a in step.args]
    known = all(a.data is not None for a in step.args if isinstance(a, Value))
    # the output's value may be unknown (a step rebuilt from the grad_fn graph): a local
    # derivative that needs it (exp's) then stays a formula
    numbers = (values, output.data) if known and output is not None and \
        incoming is not None else None
    positions = [i for i, a in enumerate(step.args) if isinstance(a, Value)]
    reached = {}   # the key of each input reached -> [(argument position, gradient)]
    for edge_index, g in enumerate(grads_out):
        if g is not None and edge_index < len(positions):
            i = positions[edge_index]
            reached.setdefault(step.args[i].key, []).append((i, g))
    if not reached:
        return SAY["no_gradient"][lang].format(node=node_name)
    differentiated = grouped(quantity(labels))
    grads = {i: g for items in reached.values() for i, g in items}
    context = _Edges(op, step, input_labels, values, numbers, incoming, grads, out,
                     differentiated, lang)
    direct = quantity.plain and output is not None and output.key in quantity.keys
    locals_ = [context.local(i) for items in reached.values() for i, _ in items]
    gets = [context.gets(key, items, paths.get(key, (0, len(items))), direct)
            for key, items in reached.items()]
    text = SAY["separator"][lang].join(part for part in locals_ if part)
    gets = [part for part in gets if part]
    if _written_by_student(step.function) and incoming is not None:
        # its derivative is the student's code, not a formula: say whose backward ran
        return SAY["custom"][lang].format(op=step.function.__name__, quantity=differentiated,
                                          out=out, incoming=plain(incoming)) + \
            SAY["separator"][lang].join([text] * bool(text) + gets)
    if direct or not gets:
        return SAY["separator"][lang].join([text] * bool(text) + gets)
    with_incoming = SAY["incoming"][lang].format(quantity=differentiated, out=out,
                                                 incoming=plain(incoming))
    return (text + SAY["sentence"][lang] if text else "") + with_incoming + \
        SAY["separator"][lang].join(gets)


def _written_by_student(function):
    """A ``Function`` subclass of the notebook's (the built-in ops name their node)."""
    return function is not None and getattr(function, "node_name", "") is None


def local_derivatives(step, node_name, *, labels, lang):
    """The local derivative along each edge of an op, one line per input position, as
    the inspector lists them: ``∂z/∂a = w``, ``first factor: ∂y/∂(first x) = x``."""
    op = describe(step.function, node_name)
    output = step.outputs[0] if step.outputs else None
    out = grouped(labels.of(output)) if output is not None else node_name
    input_labels = [labels.of(a) if isinstance(a, Value) else _plain_arg(a) for a in step.args]
    values = [a.data if isinstance(a, Value) else a for a in step.args]
    edges = _Edges(op, step, input_labels, values, None, None, {}, out, None, lang)
    lines = [edges.local(i) for i, arg in enumerate(step.args) if _has_edge(arg)]
    return [line for line in lines if line]


def _has_edge(arg):
    """Only a tensor that requires grad gets an edge, so a local derivative: a constant
    (``y * 1.0001``'s 1.0001, a detached tensor) gets none, as in PyTorch's next_functions."""
    if not isinstance(arg, Value):
        return False
    constant = arg.tensor is not None and arg.step is None and not arg.requires_grad
    return not (constant or arg.detached)


class _Edges:
    """The words for the edges of one backward step (see ``backward``)."""

    def __init__(self, op, step, input_labels, values, numbers, incoming, grads, out, quantity,
                 lang):
        """``grads``: argument position -> the gradient backward sent along that edge;
        ``quantity``: what the pass differentiates, as written in ∂quantity/∂a."""
        self.op, self.step, self.lang = op, step, lang
        self.input_labels, self.values, self.numbers = input_labels, values, numbers
        self.incoming, self.grads, self.out, self.quantity = incoming, grads, out, quantity
        self.filled = {}   # key -> the argument positions a tensor fills
        self.edge = {}     # argument position -> its tensor input (entry of next_functions)
        for i, arg in enumerate(step.args):
            if isinstance(arg, Value):
                self.filled.setdefault(arg.key, []).append(i)
                self.edge[i] = len(self.edge)
        self.formulas, self.locals = {}, {}
        for positions in self.filled.values():
            for i in positions:
                self.formulas[i] = op.derivative(self.edge[i], input_labels, step.args, lang)
                self.locals[i] = self._local(i)

    def _local(self, i):
        """``(array, text)`` of the local derivative along edge ``i`` as numbers, or None
        (also when local × incoming is not what backward sent: an op whose derivative is
        not elementwise is said in words instead)."""
        g, formula = self.grads.get(i), self.formulas[i]
        if g is None or self.incoming is None:
            return None
        if _is_number(formula):  # ∂(x + y)/∂x = 1 is known without knowing x and y
            local = np.asarray(float(formula.replace("−", "-")))
        elif self.numbers is not None:
            local = self.op.local_value(self.edge[i], *self.numbers)
        else:
            return None
        if local is None or not _matches(local, self.incoming, g):
            return None
        text = plain(local)
        first = np.ravel(local)[:1]
        if np.size(local) > 1 and formula == plain(first[0]) and np.all(local == first):
            text = formula  # ∂y/∂x = 1 for every element: not "= [1, 1, 1, 1]" too
        return local, text

    def local(self, i):
        """``∂z/∂a = w = 4``; ``first factor: ∂y/∂(first x) = x = 3``; None if unknown."""
        formula, local = self.formulas[i], self.locals[i]
        text = None if local is None else local[1]
        if formula is None and text is None:
            return None
        derivative = formula if text in (None, formula) else \
            (text if formula is None else f"{formula} = {text}")
        arg = self.step.args[i]
        positions = self.filled[arg.key]
        if len(positions) == 1:
            return SAY["local"][self.lang].format(out=self.out, input=grouped(
                self.input_labels[i]), derivative=derivative)
        ordinal = _ordinal(positions.index(i), self.lang)
        word = SAY["factor" if self.op.symbol in FACTORS else "input"][self.lang]
        title = f"{ordinal} {word}" if self.lang == "en" else f"{ordinal}{word}"
        return SAY["position"][self.lang].format(title=title, out=self.out, ordinal=ordinal,
                                                 input=grouped(self.input_labels[i]),
                                                 derivative=derivative)

    def gets(self, key, items, paths, direct):
        """What input ``key`` gets along its edges ``items`` (position, gradient); in a
        step of the op that made the output (``direct``), only what the local derivatives
        above do not already say."""
        lang = self.lang
        label = self.input_labels[items[0][0]]
        name = grouped(label)
        total = items[0][1] if len(items) == 1 else sum(g for _, g in items)
        result = plain(total)
        terms = self._terms(items, direct)
        earlier, count, before = paths
        partial = count > earlier + len(items)
        if direct and len(items) == 1 and terms is not None and not partial:
            return None  # "∂z/∂w = a = 5" is already the gradient w gets
        shown = "" if terms is None or terms == result else f"{terms} = "
        last = earlier > 0  # the last of several paths: say what they add up to
        values = dict(input=label, group=name, terms=shown, result=result, n=count, quantity=self.quantity,
                      k=earlier + 1)
        if len(items) > 1:
            singular, plural = SAY["both_words"][lang]
            values["all"] = singular if len(items) == 2 else plural.format(k=len(items))
            if partial or last:
                values["k"] = f"{earlier + 1}–{earlier + len(items)}"
            text = SAY["both_part" if partial or last else "both"][lang].format(**values)
        else:
            text = SAY["gets_part" if partial or last else "gets"][lang].format(**values)
        if last and not partial:
            return text + SAY["in_all"][lang].format(
                quantity=self.quantity, input=name, terms=f"{plain(before)} + {result}",
                result=plain(before + total))
        return text + self._total(key, items, total, direct, partial)

    def _terms(self, items, direct):
        """``3 × 2 + 3 × 2``: local derivative × incoming gradient for each edge (just the
        local derivatives in a ``direct`` step), or a rule in words, or None."""
        terms = []
        for i, g in items:
            local = self.locals[i]
            if local is None:
                if len(items) == 1 and not direct:
                    return self.op.rule(self.edge[i], self.input_labels, self.step.args,
                                        f"∂{self.quantity}/∂{self.out}", self.lang)
                return None
            term = local[1] if direct else f"{local[1]} × {plain(self.incoming)}"
            product = np.broadcast_shapes(np.shape(local[0]), np.shape(self.incoming))
            if not direct and np.prod(product, dtype=int) > np.size(g):
                term = f"∑({term})"  # broadcasting: the products are summed back to g's shape
            terms.append(term)
        return " + ".join(terms)

    def _total(self, key, items, total, direct, partial):
        """``, so dy/dx = 2x = 6``: when one tensor is every input of the op that made the
        output, its derivative is the sum of the local derivatives."""
        formulas = {self.formulas[i] for i, _ in items}
        if not direct or partial or len(items) < 2 or len(formulas) != 1 or None in formulas \
                or len(self.filled) != 1:
            return ""
        formula = formulas.pop()
        count = len(items)
        written = f"{count}{formula}" if formula.isidentifier() else \
            f"{count} × {grouped(formula)}"
        return SAY["total"][self.lang].format(
            d="d" if np.size(total) == 1 else "∂",  # d: the whole derivative of a scalar
            quantity=self.quantity, input=grouped(self.input_labels[items[0][0]]),
            formula=written, result=plain(total))


def _matches(local, incoming, g):
    """Does local × incoming (summed back to the input's shape) give what backward gave?
    If not (an op whose derivative is not elementwise), the caption says it in words."""
    try:
        product = np.broadcast_to(local * incoming, np.broadcast_shapes(
            np.shape(local), np.shape(incoming), np.shape(g)))
        summed = sum_to_shape(np.asarray(product, dtype=float), np.shape(g))
    except (ValueError, RuntimeError):
        return False
    return summed.shape == np.shape(g) and np.allclose(summed, g, rtol=1e-4, atol=1e-6,
                                                        equal_nan=True)


def _is_number(text):
    return text is not None and re.fullmatch(r"−?\d+(\.\d+)?", text) is not None


def _plain_arg(arg):
    return plain(arg) if isinstance(arg, (int, float, np.number)) else str(arg)


def _ordinal(k, lang):
    words = ORDINALS[lang]
    return words[k] if k < len(words) else (f"#{k + 1}" if lang == "en" else f"第 {k + 1} 个")


def accumulate(leaf, before, incoming, after, *, labels, lang):
    """``x.grad = [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]``. (When the gradient came
    along several paths, the step before has said what they add up to.)"""
    leaf = grouped(labels.of(leaf))
    if before is None:
        return SAY["first_grad"][lang].format(leaf=leaf, after=plain(after))
    text = SAY["accumulate"][lang].format(leaf=leaf, before=plain(before),
                                          incoming=plain(incoming), after=plain(after))
    if np.any(before != 0):
        text += SAY["accumulates"][lang]
    return text


def zero(leaf, value, *, labels, lang):
    return SAY["zero"][lang].format(leaf=labels.of(leaf), value=plain(value))


def reset(leaf, value, *, labels, lang):
    if value is None:
        return SAY["reset_none"][lang].format(leaf=labels.of(leaf))
    return SAY["reset"][lang].format(leaf=labels.of(leaf), value=plain(value))


def detach(result, source, *, labels, lang):
    return SAY["detach"][lang].format(result=labels.of(result), source=labels.of(source))


def end(retain_graph, returned, *, labels, lang):
    """``returned``: an ``autograd.grad`` pass, which hands gradients back instead."""
    return SAY["end_kept" if retain_graph else "end"][lang] + \
        (SAY["end_returned"][lang] if returned else "")
