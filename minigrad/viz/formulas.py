"""Every op as a student sees it: its symbol, its expression, its local derivatives.

One table keyed by the op (the ``Function`` class), as Autodidax keys rules by
primitive: adding an op to the drawings is adding one entry. Each entry says

- ``symbol``: what the op's circle shows (``+``, ``×``, ``∑``, ``exp``);
- ``expression``: how it reads with its inputs (``{0} + {1}``);
- ``derivatives``: the local derivative with respect to each operand, written with
  the operands (``{1}`` for ∂(a × b)/∂a = b), None where no gradient flows;
- ``local``: the same derivative as numbers, for elementwise ops, so a caption can show
  ``local derivative × incoming gradient``;
- ``rules``: for the others (``@``, reshape, indexing), how the gradient is formed,
  in words, with ``{g}`` for the incoming gradient.
"""
import re

import numpy as np

from ..nn import functional as F
from ..ops import arithmetic as A, elementwise as E, linalg as L, reduce as R, shape as S
from .values import number

SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class Op:
    def __init__(self, symbol, expression, en, zh, derivatives=(), local=(), rules=None,
                 infix=False, variadic=False):
        self.symbol = symbol
        self.expression = expression
        self.words = {"en": en, "zh": zh}
        self.derivatives = derivatives
        self.local = local
        self.rules = rules
        self.infix = infix  # operands that are expressions themselves need parentheses
        self.variadic = variadic  # cat/stack: every argument but the last (dim) is an input

    def operands(self, args):
        """How many leading arguments are inputs drawn in the graph (the rest, like a sum's
        dims, are settings)."""
        if self.variadic:
            return len(args) - 1
        return min(len(args), max(len(self.derivatives), len(self.local), 1))

    def symbol_for(self, args):
        if not callable(self.symbol):
            return self.symbol
        try:
            return self.symbol(args)
        except (IndexError, TypeError):  # rebuilt from the grad_fn graph: no plain arguments
            return self.words["en"]

    def expression_for(self, labels, args):
        """``x + y`` from the operands' labels; compound labels get parentheses."""
        if self.infix:
            labels = [grouped(label) for label in labels]
        if callable(self.expression):
            return self.expression(labels, args)
        return self.expression.format(*labels)

    def derivative(self, i, labels, args, lang):
        """The local derivative with respect to operand ``i`` in terms of the operands
        (``w`` for ∂(a × w)/∂a), or None if the op sends no gradient there."""
        derivatives = self.derivatives * len(labels) if self.variadic else self.derivatives
        formula = derivatives[i] if i < len(derivatives) else None
        if formula is None:
            return None
        if isinstance(formula, dict):
            formula = formula[lang]
        labels = [grouped(label) for label in labels]
        try:
            return formula(labels, args) if callable(formula) else formula.format(*labels)
        except (IndexError, TypeError):  # rebuilt from the grad_fn graph: ** 3 lost its 3
            return None

    def rule(self, i, labels, incoming, lang):
        """How the gradient of operand ``i`` is formed, for ops that are not elementwise."""
        if not self.rules or i >= len(self.rules[lang]):
            return None
        return self.rules[lang][i].format(*[grouped(label) for label in labels], g=incoming)

    def local_value(self, i, values, out):
        """The local derivative as numbers (elementwise ops only), else None."""
        if i >= len(self.local) or self.local[i] is None:
            return None
        with np.errstate(all="ignore"):
            try:
                return np.asarray(self.local[i](*values, out))
            except (IndexError, TypeError):  # rebuilt from the grad_fn graph, as above
                return None


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


def power(base, exponent):
    """``x²`` for small integer powers, ``x^0.5`` otherwise."""
    text = number(exponent) if not isinstance(exponent, str) else exponent
    if text.lstrip("-").isdigit() and len(text) <= 2:
        return base + text.translate(SUPERSCRIPTS)
    return f"{base}^{grouped(text)}"


def _pow_derivative(labels, args):
    p = args[1]
    if isinstance(p, (int, float)):
        if p == 1:
            return "1"
        lowered = power(labels[0], p - 1) if p != 2 else labels[0]
        return f"{number(p)}·{lowered}"
    return f"{labels[1]}·{power(labels[0], labels[1] + ' − 1')}"


def _product(labels, args):
    """``2 × x`` with the number first, as one writes it, although ``2 * x`` runs as
    ``mul(x, 2)`` (PyTorch's order, kept in the graph)."""
    if len(args) > 1 and _is_number(args[1]) and not _is_number(args[0]):
        return f"{labels[1]} × {labels[0]}"
    return f"{labels[0]} × {labels[1]}"


def _is_number(arg):
    """A plain number, or the 0-d constant (no history, no gradient) ``2 * x`` makes of it."""
    if isinstance(arg, (int, float)):
        return True
    tensor = getattr(arg, "tensor", None)  # a Value of the graph model
    return (tensor is not None and tensor._data.ndim == 0 and not tensor._requires_grad
            and arg.step is None)


def _ones(a, *rest):
    return np.ones_like(np.asarray(a, dtype=float))


def _dims(args):
    axes = args[1] if len(args) > 1 else ()
    return ", ".join(str(d) for d in axes)


def _index_text(key):
    parts = key if isinstance(key, tuple) else (key,)
    return ", ".join(_index_part(k) for k in parts)


def _index_part(k):
    if isinstance(k, slice):
        text = f"{'' if k.start is None else k.start}:{'' if k.stop is None else k.stop}"
        return text + (f":{k.step}" if k.step not in (None, 1) else "")
    if k is Ellipsis:
        return "..."
    if isinstance(k, np.ndarray):
        return "mask" if k.dtype == np.bool_ else str(k.tolist())
    return str(k)


def _selected(labels, args):
    """``x[2]``, ``x[:, 0]``: dim and index (or slice) put back into indexing syntax."""
    dim, index = args[1], args[2]
    return f"{labels[0]}[{':, ' * dim}{_index_part(index)}]"


def _comparison(args):
    return _COMPARISONS.get(args[2], "?")


_COMPARISONS = {np.less: "<", np.less_equal: "≤", np.greater: ">", np.greater_equal: "≥",
                np.equal: "==", np.not_equal: "≠", np.logical_and: "and", np.logical_or: "or",
                np.bitwise_and: "&", np.bitwise_or: "|", np.floor_divide: "//",
                np.remainder: "%"}

_RESHAPED_BACK = {"en": ("{g} reshaped back to the shape of {0}",),
                  "zh": ("把 {g} 变回 {0} 的形状",)}
_PUT_BACK = {"en": ("{g} put back where {0}'s values were taken from, zeros elsewhere",),
             "zh": ("把 {g} 放回 {0} 中被取出的位置，其余位置为 0",)}
_OWN_PART = ({"en": "1 on its own part", "zh": "自己那一段为 1"},)
_MATMUL = {"en": ("{g} @ {1}ᵀ", "{0}ᵀ @ {g}"), "zh": ("{g} @ {1}ᵀ", "{0}ᵀ @ {g}")}

TABLE = {
    A.Add: Op("+", "{0} + {1}", "addition", "加法", ("1", "1"), (_ones, _ones), infix=True),
    A.Sub: Op("−", "{0} − {1}", "subtraction", "减法", ("1", "−1"),
              (_ones, lambda a, b, out: -_ones(b)), infix=True),
    A.Rsub: Op("−", "{1} − {0}", "subtraction", "减法", ("−1", None),
               (lambda a, c, out: -_ones(a),), infix=True),
    A.Mul: Op("×", lambda labels, args: _product(labels, args), "multiplication", "乘法", ("{1}", "{0}"),
              (lambda a, b, out: b, lambda a, b, out: a), infix=True),
    A.Div: Op("÷", "{0} / {1}", "division", "除法", ("1/{1}", "−{0}/{1}²"),
              (lambda a, b, out: 1 / b, lambda a, b, out: -a / (b * b)), infix=True),
    A.Neg: Op("−", "−{0}", "negation", "取负", ("−1",), (lambda a, out: -_ones(a),), infix=True),
    A.Reciprocal: Op("1/x", "1/{0}", "reciprocal", "倒数", ("−1/{0}²",),
                     (lambda a, out: -out * out,), infix=True),
    A.Pow: Op(lambda args: power("x", args[1]), lambda labels, args: power(labels[0], args[1]),
              "power", "幂", (_pow_derivative,),  # the exponent is in the symbol (x²), not an input
              (lambda a, p, out: p * np.power(a, p - 1),), infix=True),
    A.PowTensor: Op("^", lambda labels, args: power(labels[0], labels[1]), "power", "幂",
                    (_pow_derivative, "{0}^{1}·ln {0}"),
                    (lambda a, b, out: b * np.power(a, b - 1),
                     lambda a, b, out: out * np.log(a)), infix=True),
    A.RPow: Op("^", lambda labels, args: power(number(args[1]), labels[0]), "power", "幂",
               (lambda labels, args: f"{number(args[1])}^{labels[0]}·ln {number(args[1])}",),
               (lambda a, c, out: out * np.log(c),), infix=True),
    E.Exp: Op("exp", "exp({0})", "exponential", "指数函数", ("exp({0})",),
              (lambda a, out: out,)),
    E.Log: Op("ln", "ln({0})", "natural logarithm", "自然对数", ("1/{0}",),
              (lambda a, out: 1 / a,)),
    E.Sin: Op("sin", "sin({0})", "sine", "正弦", ("cos({0})",), (lambda a, out: np.cos(a),)),
    E.Cos: Op("cos", "cos({0})", "cosine", "余弦", ("−sin({0})",),
              (lambda a, out: -np.sin(a),)),
    E.Tanh: Op("tanh", "tanh({0})", "tanh", "双曲正切", ("1 − tanh²({0})",),
               (lambda a, out: 1 - out * out,)),
    E.Sigmoid: Op("σ", "σ({0})", "sigmoid", "sigmoid 函数", ("σ({0})·(1 − σ({0}))",),
                  (lambda a, out: out * (1 - out),)),
    E.Relu: Op("relu", "relu({0})", "ReLU", "ReLU", (
        {"en": "1 where {0} > 0, else 0", "zh": "{0} > 0 处为 1，否则为 0"},),
        (lambda a, out: (out > 0).astype(float),)),
    E.Sqrt: Op("√", "√{0}", "square root", "平方根", ("1/(2√{0})",),
               (lambda a, out: 1 / (2 * out),), infix=True),
    E.Abs: Op("|x|", "|{0}|", "absolute value", "绝对值", ("sign({0})",),
              (lambda a, out: np.sign(a),)),
    E.Clamp: Op("clamp", lambda labels, args: f"clamp({labels[0]}, {_bounds(args)})",
                "clamp", "截断", ({"en": "1 inside the bounds, else 0",
                                   "zh": "在上下界之内为 1，否则为 0"},),
                (lambda a, low, high, out: _inside(a, low, high),)),
    E.ClampTensor: Op("clamp", "clamp({0}, {1}, {2})", "clamp", "截断", (
        {"en": "1 inside the bounds, else 0", "zh": "在上下界之内为 1，否则为 0"},
        {"en": "1 where {0} is below it, else 0", "zh": "{0} 低于下界处为 1，否则为 0"},
        {"en": "1 where {0} is above it, else 0", "zh": "{0} 高于上界处为 1，否则为 0"})),
    E.Sign: Op("sign", "sign({0})", "sign", "符号函数", ("0",), (lambda a, out: 0 * _ones(a),)),
    E.Where: Op("where", "where(…, {0}, {1})", "where", "按条件选择", (
        {"en": "1 where the condition holds, else 0", "zh": "条件成立处为 1，否则为 0"},
        {"en": "1 where the condition fails, else 0", "zh": "条件不成立处为 1，否则为 0"})),
    E.Maximum: Op("max", "max({0}, {1})", "elementwise maximum", "逐元素最大值", (
        {"en": "1 where {0} is the larger (½ on ties)", "zh": "{0} 较大处为 1（相等时为 ½）"},
        {"en": "1 where {1} is the larger (½ on ties)", "zh": "{1} 较大处为 1（相等时为 ½）"})),
    E.Minimum: Op("min", "min({0}, {1})", "elementwise minimum", "逐元素最小值", (
        {"en": "1 where {0} is the smaller (½ on ties)", "zh": "{0} 较小处为 1（相等时为 ½）"},
        {"en": "1 where {1} is the smaller (½ on ties)", "zh": "{1} 较小处为 1（相等时为 ½）"})),
    E.Compare: Op(_comparison, lambda labels, args: f"{labels[0]} {_comparison(args)} {labels[1]}",
                  "comparison", "比较", (None, None), infix=True),
    E.Invert: Op("not", "not {0}", "logical not", "逻辑非", (None,), infix=True),
    E.ReluGrad: Op("relu′", "relu′({1})·{0}", "ReLU's backward", "ReLU 的反向计算",
                   ("relu′({1})", "0")),
    L.Dot: Op("·", "{0} · {1}", "dot product", "点积", ("{1}", "{0}"),
              (lambda a, b, out: b, lambda a, b, out: a), infix=True),
    L.Mm: Op("@", "{0} @ {1}", "matrix product", "矩阵乘法", ("∂L/∂out @ {1}ᵀ", "{0}ᵀ @ ∂L/∂out"),
             rules=_MATMUL, infix=True),
    L.Mv: Op("@", "{0} @ {1}", "matrix–vector product", "矩阵-向量乘法",
             ("∂L/∂out ⊗ {1}", "{0}ᵀ @ ∂L/∂out"),
             rules={"en": ("{g} ⊗ {1} (outer product)", "{0}ᵀ @ {g}"),
                    "zh": ("{g} ⊗ {1}（外积）", "{0}ᵀ @ {g}")}, infix=True),
    L.BatchedMatmul: Op("@", "{0} @ {1}", "batched matrix product", "批量矩阵乘法",
                        ("∂L/∂out @ {1}ᵀ", "{0}ᵀ @ ∂L/∂out"), rules=_MATMUL, infix=True),
    R.Sum: Op("∑", "∑{0}", "sum", "求和", ("1",), (_ones,), infix=True),
    R.SumDim: Op("∑", lambda labels, args: f"{labels[0]}.sum({_dims(args)})", "sum", "求和",
                 ("1",), (_ones,)),
    R.Cumsum: Op("cumsum", lambda labels, args: f"{labels[0]}.cumsum({args[1]})", "running sum",
                 "累加", ("1",), rules={"en": ("the running sums of {g} taken from the end",),
                                        "zh": ("{g} 从末尾往前的累加和",)}),
    R.Var: Op("var", "var({0})", "variance", "方差", ("1",), rules={
        "en": ("{g} × 2({0} − its mean) / (n − 1)",), "zh": ("{g} × 2({0} − 均值) / (n − 1)",)}),
    R.Std: Op("std", "std({0})", "standard deviation", "标准差", ("1",), rules={
        "en": ("{g} × ({0} − its mean) / ((n − 1) · std)",),
        "zh": ("{g} × ({0} − 均值) / ((n − 1) · 标准差)",)}),
    R.Mean: Op("mean", "mean({0})", "mean", "平均值", (lambda labels, args: f"1/{np.size(args[0])}",),
               (lambda a, axes, keepdim, dtype, out: _ones(a) * np.size(out) / np.size(a),)),
    R.MeanDim: Op("mean", lambda labels, args: f"{labels[0]}.mean({_dims(args)})", "mean",
                  "平均值", ("1/n",),
                  (lambda a, axes, keepdim, dtype, out: _ones(a) * np.size(out) / np.size(a),)),
    R.Extreme: Op("max", "max({0})", "maximum", "最大值", (
        {"en": "1 at the largest element (shared on ties), else 0",
         "zh": "最大元素处为 1（并列时平分），否则为 0"},),
        (lambda a, out: (a == out) / np.sum(a == out),)),
    R.Min: Op("min", "min({0})", "minimum", "最小值", (
        {"en": "1 at the smallest element (shared on ties), else 0",
         "zh": "最小元素处为 1（并列时平分），否则为 0"},),
        (lambda a, out: (a == out) / np.sum(a == out),)),
    R.ExtremeDim: Op("max", lambda labels, args: f"{labels[0]}.max(dim={args[1]})", "maximum",
                     "最大值", ({"en": "1 at the largest element of each row, else 0",
                                "zh": "每一行最大元素处为 1，否则为 0"},)),
    R.MinDim: Op("min", lambda labels, args: f"{labels[0]}.min(dim={args[1]})", "minimum",
                 "最小值", ({"en": "1 at the smallest element of each row, else 0",
                            "zh": "每一行最小元素处为 1，否则为 0"},)),
    R.Norm: Op("‖x‖", "‖{0}‖", "norm", "范数", ("{0}/‖{0}‖",),
               (lambda a, axes, keepdim, out: a / out if np.size(out) == 1 else None,)),
    S.View: Op("view", lambda labels, args: f"{labels[0]}.view{_shape(args[1])}", "view",
               "改变形状", ("1",), rules=_RESHAPED_BACK),
    S.UnsafeView: Op("view", lambda labels, args: f"{labels[0]}.view{_shape(args[1])}", "view",
                     "改变形状", ("1",), rules=_RESHAPED_BACK),
    S.Clone: Op("clone", "{0}.clone()", "copy", "复制", ("1",), (_ones,)),
    S.Alias: Op("alias", "{0}", "alias", "别名", ("1",), (_ones,)),
    S.Transpose: Op("ᵀ", lambda labels, args: f"{labels[0]}.transpose({args[1]}, {args[2]})",
                    "transpose", "转置", ("1",),
                    rules={"en": ("{g} transposed back",), "zh": ("把 {g} 转置回去",)}),
    S.T: Op("ᵀ", "{0}ᵀ", "transpose", "转置", ("1",),
            rules={"en": ("{g}ᵀ",), "zh": ("{g}ᵀ",)}, infix=True),
    S.Permute: Op("permute", lambda labels, args: f"{labels[0]}.permute{tuple(args[1])}",
                  "permute", "重排维度", ("1",),
                  rules={"en": ("{g} permuted back",), "zh": ("把 {g} 的维度换回原来的顺序",)}),
    S.Unsqueeze: Op("unsqueeze", lambda labels, args: f"{labels[0]}.unsqueeze({args[1]})",
                    "unsqueeze", "增加维度", ("1",), rules=_RESHAPED_BACK),
    S.Squeeze: Op("squeeze", "{0}.squeeze()", "squeeze", "去掉维度", ("1",),
                  rules=_RESHAPED_BACK),
    S.SqueezeDim: Op("squeeze", "{0}.squeeze()", "squeeze", "去掉维度", ("1",),
                     rules=_RESHAPED_BACK),
    S.Expand: Op("expand", lambda labels, args: f"{labels[0]}.expand{_shape(args[1])}", "expand",
                 "扩展", ("1",), rules={
                     "en": ("{g} summed over the repeated dimensions",),
                     "zh": ("把 {g} 沿被复制的维度求和",)}),
    S.Select: Op("[i]", _selected, "indexing", "索引", ("1",), rules=_PUT_BACK),
    S.Slice: Op("[a:b]", _selected, "slicing", "切片", ("1",), rules=_PUT_BACK),
    S.Index: Op("[…]", lambda labels, args: f"{labels[0]}[{_index_text(args[1])}]", "indexing",
                "索引", ("1",), rules=_PUT_BACK),
    S.AsStrided: Op("view", "{0}", "view", "视图", ("1",), rules=_PUT_BACK),
    S.IndexPut: Op("[…]=", lambda labels, args: f"{labels[0]}[{_index_text(args[2])}] = {labels[1]}",
                   "writing into part of a tensor", "写入部分元素", (
                       {"en": "1 except where it was overwritten", "zh": "被覆盖的位置为 0，其余为 1"},
                       {"en": "1 at the written positions", "zh": "写入的位置为 1"})),
    S.CopySlices: Op("[…]=", lambda labels, args: f"{labels[0]}[{_index_text(args[2])}] = {labels[1]}",
                     "writing into part of a tensor", "写入部分元素", (
                         {"en": "1 except where it was overwritten",
                          "zh": "被覆盖的位置为 0，其余为 1"},
                         {"en": "1 at the written positions", "zh": "写入的位置为 1"})),
    S.Fill: Op("fill", lambda labels, args: f"fill({labels[0]}, {number(args[1])})", "fill",
               "填充", ("0",), (lambda a, value, out: 0 * _ones(a),)),
    S.Zero: Op("zero", "{0}.zero_()", "zeroing", "清零", ("0",), (lambda a, value, out: 0 * _ones(a),)),
    S.Unbind: Op("unbind", "{0}.unbind()", "splitting into slices", "按维拆分", ("1",),
                 rules=_PUT_BACK),
    S.CopyFrom: Op("copy", "{0}.copy_({1})", "copy", "复制", ("0", "1")),
    S.ToCopy: Op("to", lambda labels, args: f"{labels[0]}.to({args[1]!r})", "dtype conversion",
                 "类型转换", ("1",), (_ones,)),
    S.IndexGrad: Op("index′", "index′({0})", "indexing's backward", "索引的反向计算", ("1",),
                    rules=_PUT_BACK),
    S.Cat: Op("cat", lambda labels, args: f"cat([{', '.join(labels)}])", "concatenation", "拼接",
              _OWN_PART, variadic=True),
    S.Stack: Op("stack", lambda labels, args: f"stack([{', '.join(labels)}])", "stacking", "堆叠",
                _OWN_PART, variadic=True),
    F.MseLoss: Op("MSE", "mse_loss({0}, {1})", "mean squared error", "均方误差",
                  ("2({0} − {1})/n", "−2({0} − {1})/n")),
    F.BinaryCrossEntropyWithLogits: Op("BCE", "bce_with_logits({0}, {1})", "binary cross-entropy",
                                       "二元交叉熵", ("(σ({0}) − {1})/n", "−{0}/n")),
    F.Softmax: Op("softmax", "softmax({0})", "softmax", "softmax", (
        {"en": "s·(1 − s) on the diagonal, −sᵢsⱼ elsewhere (s = softmax)",
         "zh": "对角线上为 s·(1 − s)，其余为 −sᵢsⱼ（s 为 softmax 的输出）"},)),
    F.LogSoftmax: Op("log_softmax", "log_softmax({0})", "log-softmax", "log-softmax", (
        {"en": "1 − softmax on the diagonal, −softmax elsewhere",
         "zh": "对角线上为 1 − softmax，其余为 −softmax"},)),
    F.NllLoss: Op("NLL", "nll_loss({0})", "negative log-likelihood", "负对数似然", (
        {"en": "−1/n at each row's target class, else 0",
         "zh": "每行目标类别处为 −1/n，其余为 0"},)),
}

def _shape(shape):
    return tuple(int(s) for s in shape)


def _bounds(args):
    low, high = args[1], args[2]
    parts = ([f"min={number(low)}"] if low is not None else []) + (
        [f"max={number(high)}"] if high is not None else [])
    return ", ".join(parts)


def _inside(a, low, high):
    inside = np.ones(np.shape(a), dtype=bool)
    if low is not None:
        inside &= a >= low
    if high is not None:
        inside &= a <= high
    return inside.astype(float)


def describe(function, node_name=None):
    """The entry for an op; a custom ``autograd.Function`` gets one from its name."""
    op = TABLE.get(function)
    if op is not None:
        return op
    name = function.__name__ if function is not None else (node_name or "?").removesuffix("Backward")
    return Op(name, name + "({0})", name, name)

