"""Every op as a student reads it: its mathematics from the engine, its words from here.

The mathematics — symbol, expression, local derivatives, gradient rules, and the same as
numbers — is the op's ``notation``, written next to its backward in ``minigrad/ops`` (see
``minigrad/autograd/notation.py``). This module adds only what is said in words, in
each language, keyed by the node's name: the op's name (乘法 / multiplication) and, where
a sentence reads better than a formula, a derivative or a rule in words ("1 where x > 0,
else 0", "reshaped back to the shape of x"). An op without a notation (a custom
``autograd.Function``) is drawn by its name, with every tensor input.
"""
from ..autograd.notation import grouped  # noqa: F401 (the drawing's modules take it from here)


class Words:
    def __init__(self, en, zh, derivatives=None, rules=None):
        self.names = {"en": en, "zh": zh}
        self.derivatives = derivatives or {}  # tensor input -> {"en": ..., "zh": ...}
        self.rules = rules or {}


_RESHAPED_BACK = {0: {"en": "{g} reshaped back to the shape of {0}", "zh": "把 {g} 变回 {0} 的形状"}}
_PUT_BACK = {0: {"en": "{g} put back where {0}'s values were taken from, zeros elsewhere",
                 "zh": "把 {g} 放回 {0} 中被取出的位置，其余位置为 0"}}
_MATMUL = {0: {"en": "{g} @ {1}ᵀ", "zh": "{g} @ {1}ᵀ"}, 1: {"en": "{0}ᵀ @ {g}", "zh": "{0}ᵀ @ {g}"}}
_BOUNDS = {0: {"en": "1 inside the bounds, else 0", "zh": "在上下界之内为 1，否则为 0"}}
_WRITE = {0: {"en": "1 except where it was overwritten", "zh": "被覆盖的位置为 0，其余为 1"},
          1: {"en": "1 at the written positions", "zh": "写入的位置为 1"}}


def _larger(word_en, word_zh):
    return {i: {"en": f"1 where {{{i}}} is the {word_en} (½ on ties)",
                "zh": f"{{{i}}} 较{word_zh}处为 1（相等时为 ½）"} for i in (0, 1)}


def _extreme(word_en, word_zh, where_en="", where_zh=""):
    return {0: {"en": f"1 at the {word_en} element{where_en}" + (
        " (shared on ties), else 0" if not where_en else ", else 0"),
        "zh": f"{where_zh}{word_zh}元素处为 1" + ("（并列时平分），否则为 0" if not where_zh else "，否则为 0")}}


# words two node names share: PyTorch names split by sizes apart, and diagonal's copy apart
_SPLITTING = Words("splitting into pieces", "切分", rules={
    0: {"en": "the pieces' gradients joined back end to end", "zh": "把各块的梯度按原顺序拼接回去"}})
_DIAGONAL = Words("taking the diagonal", "取对角线", rules={
    0: {"en": "{g} put on the diagonal, zeros elsewhere", "zh": "把 {g} 放在对角线上，其余为 0"}})

WORDS = {
    "AddBackward0": Words("addition", "加法"),
    "SubBackward0": Words("subtraction", "减法"),
    "RsubBackward1": Words("subtraction", "减法"),
    "MulBackward0": Words("multiplication", "乘法"),
    "DivBackward0": Words("division", "除法"),
    "NegBackward0": Words("negation", "取负"),
    "ReciprocalBackward0": Words("reciprocal", "倒数"),
    "PowBackward0": Words("power", "幂"),
    "PowBackward1": Words("power", "幂"),
    "PowBackward2": Words("power", "幂"),
    "ExpBackward0": Words("exponential", "指数函数"),
    "LogBackward0": Words("natural logarithm", "自然对数"),
    "SinBackward0": Words("sine", "正弦"),
    "CosBackward0": Words("cosine", "余弦"),
    "TanhBackward0": Words("tanh", "双曲正切"),
    "SigmoidBackward0": Words("sigmoid", "sigmoid 函数"),
    "ReluBackward0": Words("ReLU", "ReLU", {0: {"en": "1 where {0} > 0, else 0",
                                                "zh": "{0} > 0 处为 1，否则为 0"}}),
    "SqrtBackward0": Words("square root", "平方根"),
    "AbsBackward0": Words("absolute value", "绝对值"),
    "ClampBackward1": Words("clamp", "截断", _BOUNDS),
    "ClampBackward0": Words("clamp", "截断", {
        **_BOUNDS, 1: {"en": "1 where {0} is below it, else 0", "zh": "{0} 低于下界处为 1，否则为 0"},
        2: {"en": "1 where {0} is above it, else 0", "zh": "{0} 高于上界处为 1，否则为 0"}}),
    "SignBackward0": Words("sign", "符号函数"),
    "WhereBackward0": Words("where", "按条件选择", {
        0: {"en": "1 where the condition holds, else 0", "zh": "条件成立处为 1，否则为 0"},
        1: {"en": "1 where the condition fails, else 0", "zh": "条件不成立处为 1，否则为 0"}}),
    "MaximumBackward0": Words("elementwise maximum", "逐元素最大值", _larger("larger", "大")),
    "MinimumBackward0": Words("elementwise minimum", "逐元素最小值", _larger("smaller", "小")),
    "CompareBackward": Words("comparison", "比较"),
    "InvertBackward": Words("logical not", "逻辑非"),
    "ThresholdBackwardBackward0": Words("ReLU's backward", "ReLU 的反向计算"),
    "DotBackward0": Words("dot product", "点积"),
    "MmBackward0": Words("matrix product", "矩阵乘法", rules=_MATMUL),
    "MvBackward0": Words("matrix–vector product", "矩阵-向量乘法", rules={
        0: {"en": "{g} ⊗ {1} (outer product)", "zh": "{g} ⊗ {1}（外积）"}, 1: _MATMUL[1]}),
    "BmmBackward0": Words("batched matrix product", "批量矩阵乘法", rules=_MATMUL),
    "SumBackward0": Words("sum", "求和"),
    "SumBackward1": Words("sum", "求和"),
    "CumsumBackward0": Words("running sum", "累加", rules={
        0: {"en": "the running sums of {g} taken from the end", "zh": "{g} 从末尾往前的累加和"}}),
    "VarBackward0": Words("variance", "方差"),
    "StdBackward0": Words("standard deviation", "标准差"),
    "MeanBackward0": Words("mean", "平均值"),
    "MeanBackward1": Words("mean", "平均值"),
    "MaxBackward1": Words("maximum", "最大值", _extreme("largest", "最大")),
    "MinBackward1": Words("minimum", "最小值", _extreme("smallest", "最小")),
    "MaxBackward0": Words("maximum", "最大值", _extreme("largest", "最大", " of each row", "每一行")),
    "MinBackward0": Words("minimum", "最小值", _extreme("smallest", "最小", " of each row", "每一行")),
    "LinalgVectorNormBackward0": Words("norm", "范数"),
    "ViewBackward0": Words("view", "改变形状", rules=_RESHAPED_BACK),
    "UnsafeViewBackward0": Words("view", "改变形状", rules=_RESHAPED_BACK),
    "CloneBackward0": Words("copy", "复制"),
    "AliasBackward0": Words("alias", "别名"),
    "TransposeBackward0": Words("transpose", "转置", rules={
        0: {"en": "{g} transposed back", "zh": "把 {g} 转置回去"}}),
    "TBackward0": Words("transpose", "转置"),
    "PermuteBackward0": Words("permute", "重排维度", rules={
        0: {"en": "{g} permuted back", "zh": "把 {g} 的维度换回原来的顺序"}}),
    "UnsqueezeBackward0": Words("unsqueeze", "增加维度", rules=_RESHAPED_BACK),
    "SqueezeBackward0": Words("squeeze", "去掉维度", rules=_RESHAPED_BACK),
    "SqueezeBackward1": Words("squeeze", "去掉维度", rules=_RESHAPED_BACK),
    "SqueezeBackward4": Words("squeeze", "去掉维度", rules=_RESHAPED_BACK),
    "ExpandBackward0": Words("expand", "扩展", rules={
        0: {"en": "{g} summed over the repeated dimensions", "zh": "把 {g} 沿被复制的维度求和"}}),
    "SelectBackward0": Words("indexing", "索引", rules=_PUT_BACK),
    "SliceBackward0": Words("slicing", "切片", rules=_PUT_BACK),
    "IndexBackward0": Words("indexing", "索引", rules=_PUT_BACK),
    "AsStridedBackward0": Words("view", "视图", rules=_PUT_BACK),
    "IndexPutBackward0": Words("writing into part of a tensor", "写入部分元素", _WRITE),
    "CopySlices": Words("writing into part of a tensor", "写入部分元素", _WRITE),
    "WriteThroughView": Words("an in-place op on a view", "对视图的原地操作", *[{
        0: {"en": "1 outside the view; inside it, the in-place op's own derivative",
            "zh": "视图之外为 1；视图之内为原地操作自身的导数"},
        1: {"en": "the in-place op's own derivative, at the view", "zh": "原地操作自身的导数（在视图处）"},
        2: {"en": "the in-place op's own derivative, at the view", "zh": "原地操作自身的导数（在视图处）"}}] * 2),
    "FillBackward2": Words("fill", "填充"),
    "ZeroBackward0": Words("zeroing", "清零"),
    "UnbindBackward0": Words("splitting into slices", "按维拆分", rules=_PUT_BACK),
    "CopyBackwards": Words("copy", "复制"),
    "ToCopyBackward0": Words("dtype conversion", "类型转换"),
    "IndexBackwardBackward0": Words("indexing's backward", "索引的反向计算", rules=_PUT_BACK),
    "CatBackward0": Words("concatenation", "拼接"),
    # the engine's newer ops (a seam from engine: words only, the mathematics is their notation)
    "SplitBackward0": _SPLITTING,
    "SplitWithSizesBackward0": _SPLITTING,
    "FlipBackward0": Words("reversing the order", "翻转", rules={
        0: {"en": "{g} flipped back", "zh": "把 {g} 翻转回去"}}),
    "RollBackward0": Words("rolling", "循环移位", rules={
        0: {"en": "{g} rolled back", "zh": "把 {g} 反向移位回去"}}),
    "TrilBackward0": Words("lower triangle", "下三角", rules={
        0: {"en": "{g} on and below the diagonal, 0 above", "zh": "{g} 在对角线及其下方保留，上方为 0"}}),
    "TriuBackward0": Words("upper triangle", "上三角", rules={
        0: {"en": "{g} on and above the diagonal, 0 below", "zh": "{g} 在对角线及其上方保留，下方为 0"}}),
    "DiagonalBackward0_copy": _DIAGONAL,
    "DiagonalBackward0": _DIAGONAL,
    "DiagEmbedBackward0": Words("diagonal matrix", "对角矩阵", rules={
        0: {"en": "the diagonal of {g}", "zh": "{g} 的对角线"}}),
    "CumprodBackward0": Words("running product", "累乘"),
    "NormalBackward0": Words("filling with normal random numbers", "填充正态分布随机数"),
    "UniformBackward0": Words("filling with uniform random numbers", "填充均匀分布随机数"),
    "AsinBackward0": Words("arcsine", "反正弦"),
    "AcosBackward0": Words("arccosine", "反余弦"),
    "AtanBackward0": Words("arctangent", "反正切"),
    "SinhBackward0": Words("hyperbolic sine", "双曲正弦"),
    "CoshBackward0": Words("hyperbolic cosine", "双曲余弦"),
    "ErfBackward0": Words("error function", "误差函数"),
    "RsqrtBackward0": Words("reciprocal square root", "平方根的倒数"),
    "FracBackward0": Words("fractional part", "小数部分"),
    "RemainderBackward0": Words("remainder", "取余"),
    "RemainderBackward1": Words("remainder", "取余"),
    "FmodBackward0": Words("remainder (C's fmod)", "取余（C 的 fmod）"),
    "FmodBackward1": Words("remainder (C's fmod)", "取余（C 的 fmod）"),
    "RoundBackward1": Words("rounding to decimals", "按小数位取整"),
    "VarMeanBackward0": Words("variance and mean", "方差与平均值"),
    "AminmaxBackward0": Words("minimum and maximum", "最小值与最大值"),
    "LinalgCrossBackward0": Words("cross product", "叉积"),
    "StdMeanBackward0": Words("standard deviation and mean", "标准差与平均值"),
    "SgnBackward0": Words("sign", "符号函数"),
    "MaskedSelectBackward0": Words("selecting by a mask", "按掩码选取", rules=_PUT_BACK),
    "ClampMinBackward0": Words("clamp", "截断", _BOUNDS),
    "ClampMaxBackward0": Words("clamp", "截断", _BOUNDS),
    "UnsqueezeBackward1": Words("unsqueeze", "增加维度", rules=_RESHAPED_BACK),
    "SqueezeBackward3": Words("squeeze", "去掉维度", rules=_RESHAPED_BACK),
    "SqueezeBackward5": Words("squeeze", "去掉维度", rules=_RESHAPED_BACK),
    "TransposeBackward1": Words("transpose", "转置", rules={
        0: {"en": "{g} transposed back", "zh": "把 {g} 转置回去"}}),
    "TBackward1": Words("transpose", "转置"),
    "StackBackward0": Words("stacking", "堆叠"),
    "MseLossBackward0": Words("mean squared error", "均方误差"),
    "BinaryCrossEntropyWithLogitsBackward0": Words("binary cross-entropy", "二元交叉熵"),
    "BinaryCrossEntropyBackward0": Words("binary cross-entropy", "二元交叉熵"),
    "SoftmaxBackward0": Words("softmax", "softmax", {0: {
        "en": "s × (1 − s) on the diagonal, −sᵢsⱼ elsewhere (s = softmax)",
        "zh": "对角线上为 s × (1 − s)，其余为 −sᵢsⱼ（s 为 softmax 的输出）"}}),
    "LogSoftmaxBackward0": Words("log-softmax", "log-softmax", {0: {
        "en": "1 − softmax on the diagonal, −softmax elsewhere",
        "zh": "对角线上为 1 − softmax，其余为 −softmax"}}),
    "NllLossBackward0": Words("negative log-likelihood", "负对数似然", {0: {
        "en": "−1/n at each row's target class, else 0", "zh": "每行目标类别处为 −1/n，其余为 0"}}),
}


class Op:
    """One op for the drawing: the engine's notation (None for a custom Function) and the
    words for it. Derivatives are asked for by TENSOR input (``i``-th entry of
    ``next_functions``); expressions get every argument's label."""

    def __init__(self, notation, name, words):
        self.notation = notation
        self.name = name
        self.words = words.names if words is not None else {"en": name, "zh": name}
        self._words = words

    @property
    def symbol(self):
        """The symbol, or None if it depends on the op's settings."""
        symbol = self.notation.symbol if self.notation is not None else self.name
        return symbol if isinstance(symbol, str) else None

    def operands(self, args):
        """How many leading arguments are drawn as inputs when they are plain numbers
        (``x ** 2``'s 2 is, a sum's dims are not). Tensors are always drawn."""
        if self.notation is None:
            return 0
        return len(args) - 1 if self.notation.variadic else self.notation.operands

    def symbol_for(self, args):
        if self.notation is None:
            return self.name
        try:
            return self.notation.symbol_for(args)
        except (IndexError, TypeError, AttributeError):  # a step that lacks its settings
            return self.words["en"]

    def expression_for(self, labels, args):
        """``x + y`` from the arguments' labels (``2 × x`` with a number first for a
        commutative op, as one writes it, although ``2 * x`` runs as ``mul(x, 2)``)."""
        if self.notation is None:
            return f"{self.name}({', '.join(labels)})"
        if self.notation.commutative and len(args) > 1 and _is_number(args[1]) and \
                not _is_number(args[0]):
            labels, args = [labels[1], labels[0], *labels[2:]], (args[1], args[0], *args[2:])
        return self.notation.expression_for(labels, args)

    def derivative(self, i, labels, args, lang):
        """The local derivative for tensor input ``i`` written with the operands (``w`` for
        ∂(a × w)/∂a), in words where a sentence reads better; else the gradient's rule
        with ∂L/∂out for the incoming gradient; None if no gradient flows there."""
        words = self._words.derivatives.get(i) if self._words is not None else None
        if words is not None:
            return words[lang].format(*[grouped(label) for label in labels])
        if self.notation is None:
            return None
        try:
            return (self.notation.local_formula(i, labels, args) or
                    self.notation.rule_formula(i, labels, args, "∂L/∂out"))
        except (IndexError, KeyError, TypeError, AttributeError):
            return None  # a step that lacks its settings

    def rule(self, i, labels, args, incoming, lang):
        """How the gradient of tensor input ``i`` is formed, for ops that are not elementwise."""
        words = self._words.rules.get(i) if self._words is not None else None
        if words is not None:
            return words[lang].format(*[grouped(label) for label in labels], g=incoming)
        if self.notation is None:
            return None
        try:
            return self.notation.rule_formula(i, labels, args, incoming)
        except (IndexError, KeyError, TypeError, AttributeError):
            return None

    def local_value(self, i, values, out):
        """The local derivative of tensor input ``i`` as numbers (elementwise ops only)."""
        if self.notation is None:
            return None
        try:
            local = self.notation.local_value(i, values, out)
            return None if local is None or local.dtype == object else local
        except (IndexError, TypeError, AttributeError, ValueError):
            return None  # a value it needs is not known (a step rebuilt from the grad_fn graph)


def _is_number(arg):
    """A plain number, or the 0-d constant (no history, no gradient) ``2 * x`` makes of it."""
    if isinstance(arg, (int, float)) and not isinstance(arg, bool):
        return True
    shape = getattr(arg, "shape", None)  # a Value of the graph model
    return (shape == () and getattr(arg, "step", 1) is None and getattr(arg, "tensor", None)
            is not None and not arg.requires_grad)


def describe(function, node_name=None):
    """The op of a ``Function`` (or, known only by its node's name, a custom one)."""
    name = node_name or (function._Node.__name__ if function is not None else "?")
    notation = getattr(function, "notation", None)
    if notation is None:
        short = function.__name__ if function is not None else name.removesuffix("Backward")
        return Op(None, short, WORDS.get(name))
    # two ops PyTorch names alike (CopySlices: y[0] = v, and y[0].mul_(w)) are told apart
    # by the Function's own name where it has words of its own
    return Op(notation, name, WORDS.get(function.__name__) or WORDS.get(name))


