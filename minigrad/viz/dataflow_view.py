"""The data-flow view, the way the chapter draws ``z = (x + y) * w``: a box for every
value, a circle for every op, arrows in the direction the values flow, and a cut (✂)
where ``detach()`` stopped the gradient."""
from .model import Graph, Node

LIMIT = 1_000_000  # values walked at most: beyond this, the drawing says it stopped


def build(roots, lineage):
    """The graph of everything ``roots`` (Values) were computed from."""
    graph = Graph("dataflow")
    graph.roots = [value.key for value in roots]
    outputs = set(graph.roots)
    stack = list(reversed(roots))
    seen = set()
    while stack:
        value = stack.pop()
        if value.key in seen:
            continue
        if len(seen) >= LIMIT:
            graph.truncated = True
            break
        seen.add(value.key)
        lineage.resolve(value)
        graph.add(Node(value.key, "variable", "output" if value.key in outputs else role(value),
                       value=value))
        if value.cut_from is not None:
            graph.connect(value.cut_from.key, value.key, "cut")
            stack.append(value.cut_from)
        step = value.step
        if step is None:
            continue
        if step.key not in graph.nodes:
            graph.add(Node(step.key, "operation", step=step, order=step.order))
            for value_in in step.inputs:
                graph.connect(value_in.key, step.key)
            stack.extend(reversed(step.inputs))
        graph.connect(step.key, value.key)
    _place_variables(graph)
    return graph


def role(value):
    """The colour a value's box gets (see ``model.Node``)."""
    if value.detached or not value.requires_grad:
        return "constant"
    return "leaf" if value.is_leaf else "result"


def _place_variables(graph):
    """A value is drawn just after the op that made it, an input just before the first op
    that used it (in argument order): the left-to-right order of the code."""
    for node in graph.nodes.values():
        if node.kind != "operation":
            continue
        for position, value in enumerate(node.step.inputs):
            user = graph.nodes.get(value.key)
            if user is not None and user.value.step is None:
                first_use = node.order - 1 + position / 100
                user.order = first_use if user.order == 0 else min(user.order, first_use)
        for value in node.step.outputs:
            made = graph.nodes.get(value.key)
            if made is not None:
                made.order = node.order + 0.5
    for node in graph.nodes.values():
        if node.kind == "variable" and node.value.cut_from is not None:
            source = graph.nodes.get(node.value.cut_from.key)
            if source is not None and node.order == 0:
                node.order = source.order + 0.25
