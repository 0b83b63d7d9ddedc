"""The autograd view: the graph PyTorch keeps for the backward pass, drawn as torchviz
draws it. A node per ``grad_fn`` (``MulBackward0``, ...), linked by ``next_functions``;
an ``AccumulateGrad`` node in front of each leaf that requires grad, with the leaf's box;
the output's box; and, in orange, the tensors each node saved for backward."""
from ..autograd.function import AccumulateGrad
from ..autograd.graph import grad_fn_of
from .fold import FOLD_AT
from .model import Graph, Node

LIMIT = 1_000_000


def fn_id(node):
    return f"f{id(node)}"


def build(root_tensors, lineage, freed_too=False, keep=None):
    """``freed_too``: also draw saved tensors that backward has freed since (a player's
    frames show the graph as it was before). With ``keep`` (the ids of the tensors that
    must stay visible), runs of identical nodes that ``history`` knows are folded while walking."""
    graph = Graph("autograd")
    if keep is not None:  # an output is never folded away; named values are not drawn here
        keep = {id(tensor) for tensor in root_tensors}
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
        run = lineage.run_below_node(node, keep) if keep is not None and not leaf else None
        if run is not None and run.count >= FOLD_AT:
            _fold_run(graph, node, run, lineage, stack, keep)
            continue
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
    if graph.alias:  # edges were drawn to the top node of a run before it was folded
        for edge in graph.edges:
            edge.source = graph.alias.get(edge.source, edge.source)
            edge.target = graph.alias.get(edge.target, edge.target)
    return graph


def _fold_run(graph, node, run, lineage, stack, keep):
    """One fold node for ``run`` (from ``node`` down), fed by what fed its bottom node and
    by the other inputs every node of the run shares."""
    fold = graph.add(Node(f"fold-{run.bottom}", "fold", grad_fn=run.made, order=run.order))
    fold.count = run.count
    fold.step = lineage.step_of_node(run.made)
    graph.alias[run.top] = fold.id
    for key in run.inner:
        graph.alias[key] = fold.id
    sides = [child for i, (child, _) in enumerate(node.next_functions) if i != run.position]
    for child in [run.input] + sides:
        if child is not None:
            graph.connect(fn_id(child), fold.id)
            stack.append((child, run.order))
    # saved tensors drawn anyway (a leaf, an output) keep their link to the run; the others
    # were the run's own business (as ``fold.fold_runs`` decides)
    for step in (fold.step, lineage.step_of_node(node)):
        for value in lineage.saved_of(step):
            if value.tensor is not None and (id(value.tensor) in keep or value.is_leaf and
                                             value.requires_grad):
                graph.add(Node(value.key, "variable", "saved", value=value,
                               order=run.order - 0.2))
                graph.connect(value.key, fold.id, "saved")
