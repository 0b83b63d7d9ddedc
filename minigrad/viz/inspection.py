"""What the inspector shows about one node: the facts a student looks up when they
click it — value, gradient, shape, the op and its local derivatives — in their language.

Keys (absent when they do not apply): name, kind, op, grad_fn, shape, dtype,
requires_grad, is_leaf, value, grad, arriving, formula, saved, note. Values are short
strings. ``grad`` is a real ``.grad`` (a leaf's, or a retained one); an intermediate has
none, and in a backward frame ``arriving`` says what reached it ("∂z/∂a = 4.").
``formula`` has one line per edge, as the captions name them.
"""
from .. import dtypes
from ..autograd.graph import grad_fn_of
from . import captions, gradients, loop_captions
from .dot import Scene
from .errors import unknown_node
from .formulas import describe
from .values import box_text, shape_text

KIND = {
    "variable": {"en": "variable node (a tensor)", "zh": "变量节点（张量）"},
    "operation": {"en": "operation node", "zh": "操作节点"},
    "grad_fn": {"en": "grad_fn node (autograd)", "zh": "grad_fn 节点（autograd）"},
    "fold": {"en": "a run of identical operations, folded", "zh": "一串相同的操作（已折叠）"},
    "more": {"en": "nodes left out of the drawing", "zh": "没有画出的节点"},
    "check": {"en": "a test by if / while (not part of the graph)",
              "zh": "if / while 的条件检查（不属于计算图）"},
}
NOTE = {
    "leaf": {"en": "A leaf you created with requires_grad=True: backward() adds its gradient "
                   "into .grad.",
             "zh": "叶子节点（由你创建，requires_grad=True）：backward() 会把梯度累加到它的 .grad 中。"},
    "result": {"en": "Computed by an op, so not a leaf: PyTorch keeps its .grad only after "
                     "{name}.retain_grad().",
               "zh": "由操作计算得到，不是叶子节点：只有调用 {name}.retain_grad() 后 PyTorch 才会保留它的 .grad。"},
    "output": {"en": "The output: backward() starts here.",
               "zh": "输出：反向传播从这里开始。"},
    "constant": {"en": "A constant: requires_grad=False, so no gradient flows to it.",
                 "zh": "常数：requires_grad=False，梯度不会流向它。"},
    "detached": {"en": "Made by detach(): the same values, but treated as a constant; the "
                       "gradient stops here.",
                 "zh": "由 detach() 得到（分离计算）：值相同，但被视为常数，梯度在这里停止。"},
    "saved": {"en": "Saved by the op for its backward formula.",
              "zh": "操作为计算反向传播公式而保存的张量。"},
    "freed": {"en": "Its saved tensors were freed by backward() (use retain_graph=True to keep "
                    "them).",
              "zh": "它保存的张量已被 backward() 释放（用 retain_graph=True 可以保留）。"},
    "accumulate": {"en": "Adds the gradient that arrives here into {name}.grad.",
                   "zh": "把到达这里的梯度累加到 {name}.grad 中。"},
    "fold": {"en": "{count:,} identical {op} ops in a chain, drawn as one node.",
             "zh": "一条链上的 {count:,} 个相同的 {op} 操作，画成一个节点。"},
    "custom": {"en": "Its local derivatives are what your {op}.backward computes: the drawing "
                     "knows no formula for them.",
               "zh": "它的局部导数由你写的 {op}.backward 计算，图里没有它们的公式。"},
    "check": {"en": "Python asked this tensor for True or False to decide which code runs "
                    "next. The test is not part of the computational graph: no gradient "
                    "flows through it.",
              "zh": "Python 用这个张量的真假来决定接下来执行哪段代码。这个检查不属于计算图，"
                    "梯度不会流经它。"},
    "more": {"en": "{count:,} more nodes are not drawn: draw(..., max_nodes=...) shows more.",
             "zh": "还有 {count:,} 个节点没有画出：draw(..., max_nodes=...) 可以显示更多。"},
}


def facts(graph, node_id, labels, lang, scene=None):
    node = graph.find(node_id)
    if node is None:
        raise unknown_node(node_id)
    scene = scene or Scene()
    found = {"kind": KIND[node.kind][lang]}
    if node.kind == "variable":
        found.update(_variable(node, labels, lang, scene))
    elif node.kind in ("operation", "fold") or (node.kind == "grad_fn" and node.step is not None):
        found.update(_operation(node, labels, lang, graph.lineage))
    elif node.kind == "grad_fn":  # AccumulateGrad
        name = labels.of(_leaf_value(node, graph.lineage))
        found.update(name="AccumulateGrad", grad_fn="AccumulateGrad",
                     note=NOTE["accumulate"][lang].format(name=name))
    elif node.kind == "check":
        first = node.checks[0]
        found.update(name=first.code or loop_captions.test_text(first, labels),
                     op=loop_captions.note(node, labels, lang), note=NOTE["check"][lang])
    else:
        found["note"] = NOTE["more"][lang].format(count=node.count)
    return found


def _variable(node, labels, lang, scene):
    value = node.value
    tensor = value.tensor
    found = {"name": labels.of(value), "shape": shape_text(value.shape)}
    if value.dtype is not None:
        found["dtype"] = repr(dtypes.from_numpy(value.dtype))
    found["requires_grad"] = value.requires_grad and not value.detached
    found["is_leaf"] = value.is_leaf
    if tensor is not None and grad_fn_of(tensor) is not None:
        found["grad_fn"] = grad_fn_of(tensor).name()
    if value.step is not None:
        found["op"] = _made(value, labels)
    if value.data is not None:
        found["value"] = box_text(value.data)
    gradient = gradients.row(node, scene, labels)
    if gradient is not None and gradient[0] == "arriving":
        found["arriving"] = gradient[1]
    elif gradient is not None:
        grad = scene.grad_of(node)
        found["grad"] = "None" if grad is None else box_text(grad)
        if not gradients.is_leaf(value):
            found["grad"] += gradients.RETAINED[lang]
    role = "detached" if value.detached else node.role
    found["note"] = NOTE[role][lang].format(name=labels.of(value))
    return found


def _operation(node, labels, lang, lineage):
    step = node.step
    op = describe(step.function, step.node_name)
    found = {"name": op.words[lang], "op": op.symbol_for(step.args), "grad_fn": step.node_name}
    if step.outputs:
        found["op"] = _made(step.outputs[0], labels)
    formulas = captions.local_derivatives(step, step.node_name, labels=labels, lang=lang)
    if formulas:
        found["formula"] = "\n".join(formulas)
    elif op.notation is None and step.function is not None:  # an autograd.Function of yours
        found["note"] = NOTE["custom"][lang].format(op=step.function.__name__)
    if node.kind == "fold":
        found["note"] = NOTE["fold"][lang].format(count=node.count, op=op.symbol_for(step.args))
    elif node.kind == "grad_fn":
        saved = lineage.saved_of(step)
        if saved:
            found["saved"] = ", ".join(labels.of(v) for v in saved)
        elif step.node is not None and step.node.released():
            found["note"] = NOTE["freed"][lang]
    return found


def _made(value, labels):
    """``a = x + y``, or just ``x + y`` for a value without a name of its own."""
    name, expression = labels.of(value), labels.expression(value.step)
    return expression if name == expression else f"{name} = {expression}"


def _leaf_value(node, lineage):
    variable = node.grad_fn.variable
    return lineage.values.get(id(variable)) or lineage.value(variable)
