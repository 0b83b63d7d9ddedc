"""The autograd view: the graph PyTorch keeps for the backward pass, drawn as torchviz
draws it. A node per ``grad_fn`` (``MulBackward0``, ...), linked by ``next_functions``;
an ``AccumulateGrad`` node in front of each leaf that requires grad, with the leaf's box;
the output's box; and, in orange, the tensors each node saved for backward."""
from ..autograd.function import AccumulateGrad
from ..autograd.graph import grad_fn_of
from .model import Graph, Node

LIMIT = 1_000_000


def fn_id(node):
    return f"f{id(node)}"


def build(root_tensors, lineage, freed_too=False):
    """``freed_too``: also draw saved tensors that backward has freed since (a player's
    frames show the graph as it was before)."""
    graph = Graph("autograd")
    stack = []
    for tensor in root_tensors:
        value = lineage.values.get(id(tensor)) or lineage.value(tensor)
        graph.roots.append(value.key)
        node = grad_fn_of(tensor)
        graph.add(Node(value.key, "variable", "output", value=value,
                       order=node.sequence_nr + 0.5 if node is not None else 0))
        if node is not None:
            graph.connect(fn_id(node), value.key)
            stack.append((node, 0))
    seen = set()
    while stack:
        node, parent_order = stack.pop()
        if id(node) in seen:
            continue
        if len(seen) >= LIMIT:
            graph.truncated = True
            break
        seen.add(id(node))
        nid = fn_id(node)
        leaf = isinstance(node, AccumulateGrad)
        order = parent_order - 0.5 if leaf else node.sequence_nr
        drawn = graph.add(Node(nid, "grad_fn", grad_fn=node, order=order))
        if leaf:
            value = lineage.values.get(id(node.variable)) or lineage.value(node.variable)
            graph.add(Node(value.key, "variable", "leaf", value=value, order=order - 0.1))
            graph.connect(value.key, nid)
        else:
            drawn.step = lineage.step_of_node(node)
            saved = {value.key: value for value in lineage.saved_of(drawn.step, freed_too)}
            for value in saved.values():
                graph.add(Node(value.key, "variable", "saved", value=value, order=order - 0.2))
                graph.connect(value.key, nid, "saved")
        for child, _ in node.next_functions:
            if child is not None:
                graph.connect(fn_id(child), nid)
                stack.append((child, order))
    return graph
