"""The graph as plain text: what a student sees when Graphviz is not installed, and
what a terminal or a test can read.

    z = a × w: 20.   [output]
    a = x + y: 5.   [intermediate result]
    x: 2.   [leaf, requires_grad=True]  x.grad = 4.
"""
from . import gradients, loop_captions
from .dot import LEGEND, Scene, _notes
from .formulas import describe
from .values import box_text, shape_text

TITLE = {
    "dataflow": {"en": "Computational graph (data-flow view): {variables} variables, "
                       "{operations} operations",
                 "zh": "计算图（数据流视图）：{variables} 个变量节点，{operations} 个操作节点"},
    "autograd": {"en": "Autograd graph (grad_fn nodes, as PyTorch keeps them): {nodes} nodes",
                 "zh": "autograd 计算图（PyTorch 保存的 grad_fn 节点）：{nodes} 个节点"},
}
ROLE = {"output": "output", "leaf": "leaf", "result": "result", "constant": "constant",
        "saved": "saved"}
FOLDED = {"en": "{symbol} applied {count:,} times to {source} (folded)",
          "zh": "对 {source} 连续做了 {count:,} 次 {symbol}（已折叠）"}
CUT = {"en": "{source}.detach() ✂ (the gradient stops here)",
       "zh": "{source}.detach() ✂（梯度在这里停止）"}


def graph_text(graph, labels, lang, scene=None):
    scene = scene or Scene()
    nodes = [n for n in graph.ordered() if n.id not in scene.hidden]
    into, _ = graph.neighbours()
    if graph.view == "dataflow":
        lines = [TITLE["dataflow"][lang].format(
            variables=sum(n.kind == "variable" for n in nodes),
            operations=sum(n.kind in ("operation", "fold") for n in nodes))]
        lines += [_variable_line(graph, n, into, labels, lang, scene)
                  for n in nodes if n.kind == "variable"]
        lines += [_check_line(n, labels, lang) for n in nodes if n.kind == "check"]
    else:
        lines = [TITLE["autograd"][lang].format(nodes=len(nodes))]
        titles = _fn_titles(nodes, labels, into)
        for node in nodes:
            sources = [titles[s] for s in into.get(node.id, ()) if s in titles]
            lines.append(titles[node.id] + (f"  <-  {', '.join(sources)}" if sources else ""))
    lines += [f"({note})" for note in _notes(graph, lang)]
    return "\n".join(lines)


def _variable_line(graph, node, into, labels, lang, scene):
    value = node.value
    label = labels.of(value)
    origin = ""
    producers = [graph.nodes[s] for s in into.get(node.id, ()) if s in graph.nodes]
    for producer in producers:
        if producer.kind == "operation":
            expression = labels.expression(producer.step)
            origin = "" if expression == label else f" = {expression}"
        elif producer.kind == "fold":
            symbol = describe(producer.step.function, producer.step.node_name).symbol_for(
                producer.step.args)
            source = next((labels.of(graph.nodes[s].value) for s in into.get(producer.id, ())
                           if graph.nodes[s].kind == "variable"), "?")
            origin = " = " + FOLDED[lang].format(symbol=symbol, count=producer.count, source=source)
        elif producer.kind == "variable":
            origin = " = " + CUT[lang].format(source=labels.of(producer.value))
    shown = box_text(value.data) if value.data is not None else shape_text(value.shape)
    text = f"{label}{origin}: {shown.replace(chr(10), ' ')}   [{LEGEND[node.role][lang]}]"
    gradient = gradients.row(node, scene, labels)
    if gradient is not None:
        text += f"  {gradient[1].replace(chr(10), ' ')}"
    return text


def _check_line(node, labels, lang):
    """``checked: ‖b₃‖ < 1000 → true   [while b.norm() < 1000]``"""
    code = node.checks[0].code
    return loop_captions.note(node, labels, lang) + (f"   [{code}]" if code else "")


def _fn_titles(nodes, labels, into):
    """A title per node: a tensor by its name (and its shape unless it is a number), an
    AccumulateGrad by the leaf whose .grad it fills, a second MulBackward0 "MulBackward0 #2"."""
    seen, titles = {}, {}
    variables = {node.id: labels.of(node.value) for node in nodes if node.kind == "variable"}
    for node in nodes:
        if node.kind == "variable":
            shape = node.value.shape
            titles[node.id] = variables[node.id] + (f" {shape_text(shape)}" if shape else "")
            continue
        name = node.grad_fn.name() if node.grad_fn is not None else node.kind
        leaves = [variables[s] for s in into.get(node.id, ()) if s in variables]
        if name == "AccumulateGrad" and leaves:
            name = f"AccumulateGrad ({leaves[0]}.grad)"
        if node.kind == "fold":
            name = f"{name} × {node.count:,}"
        seen[name] = seen.get(name, 0) + 1
        titles[node.id] = name if seen[name] == 1 else f"{name} #{seen[name]}"
    return titles
