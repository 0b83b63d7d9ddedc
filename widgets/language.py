"""Every word the widgets say, in both languages.

The switch itself is ``minigrad.language``: one ``set_language("zh")`` changes the widgets,
the graph captions, exercise feedback and the engine's hints together, and each view or
player can still be switched on its own with its toggle.
"""
CHOICES = (("中文", "zh"), ("English", "en"))  # what the language toggle shows

WORDS = {
    "previous": {"zh": "◀ 上一步", "en": "◀ Previous"},
    "next": {"zh": "下一步 ▶", "en": "Next ▶"},
    "play": {"zh": "▶ 播放", "en": "▶ Play"},
    "pause": {"zh": "⏸ 暂停", "en": "⏸ Pause"},
    "speed": {"zh": "速度", "en": "Speed"},
    "step": {"zh": "第 {k} 步，共 {n} 步", "en": "Step {k} of {n}"},
    "dataflow": {"zh": "数据流视图", "en": "Data-flow view"},
    "autograd": {"zh": "autograd 视图", "en": "Autograd view"},
    "click_a_node": {"zh": "点击图中的节点，查看它的值、梯度和局部导数。",
                     "en": "Click a node in the graph to see its value, gradient and local derivative."},
    "inspector": {"zh": "节点详情", "en": "Node details"},
    "kind": {"zh": "类别", "en": "Kind"},
    "name": {"zh": "名称", "en": "Name"},
    "op": {"zh": "操作", "en": "Operation"},
    "shape": {"zh": "形状", "en": "Shape"},
    "dtype": {"zh": "数据类型", "en": "dtype"},
    "value": {"zh": "值", "en": "Value"},
    "grad": {"zh": "梯度（.grad）", "en": "Gradient (.grad)"},
    "arriving": {"zh": "传到这里的梯度", "en": "Gradient reaching it"},
    "requires_grad": {"zh": "requires_grad", "en": "requires_grad"},
    "is_leaf": {"zh": "叶子节点", "en": "Leaf"},
    "grad_fn": {"zh": "grad_fn", "en": "grad_fn"},
    "formula": {"zh": "局部导数", "en": "Local derivative"},
    "local_derivative": {"zh": "局部导数", "en": "Local derivative"},
    "saved": {"zh": "为反向传播保存的张量", "en": "Saved for backward"},
    "note": {"zh": "说明", "en": "Note"},
    "empty_tape": {"zh": "没有记录到任何运算：这段代码里没有张量运算。",
                   "en": "Nothing was recorded: this code ran no tensor operations."},
    "failed": {"zh": "浏览器没能画出这张图：{error}",
               "en": "The browser could not draw this graph: {error}"},
    "node_gone": {"zh": "这个节点已经不在当前的图里了，请重新点击一个节点。",
                  "en": "That node is no longer in the graph on screen; click another one."},
}


def say(key, lang, **values):
    """The widget text ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    return WORDS[key][lang].format(**values)
