"""The data-flow view, the way the chapter draws ``z = (x + y) * w``: a box for every
value, a circle for every op, arrows in the direction the values flow, and a cut (✂)
where ``detach()`` stopped the gradient."""
from .fold import FOLD_AT
from .model import Graph, Node

LIMIT = 1_000_000  # values walked at most: beyond this, the drawing says it stopped


def build(roots, lineage, keep=None):
    """The graph of everything ``roots`` (Values) were computed from. With ``keep`` (the
    ids of the tensors that must stay visible), runs of identical ops that ``history``
    knows are folded while walking, without building their inner steps."""
    graph = Graph("dataflow")
    graph.roots = [value.key for value in roots]
    if keep is not None:  # an output is never folded away
        keep = set(keep) | {id(value.tensor) for value in roots}
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
        drawn = graph.alias.get(step.key, step.key)
        if drawn not in graph.nodes:
            run = lineage.run_below(step, keep) if keep is not None else None
            inputs = step.inputs
            if run is not None and run.count >= FOLD_AT:
                drawn, inputs = _fold_run(graph, step, run, lineage)
            else:
                graph.add(Node(step.key, "operation", step=step, order=step.order))
            for value_in in inputs:
                graph.connect(value_in.key, drawn)
            stack.extend(reversed(inputs))
        graph.connect(drawn, value.key)
    _place_variables(graph)
    return graph


def _fold_run(graph, step, run, lineage):
    """One fold node for ``run`` (ending with ``step``), drawn as ``fold.fold_runs`` draws
    a run: the bottom op stands for it; returns its id and its inputs (the value the run
    started from, then the bottom op's side inputs)."""
    made = lineage.value(run.made)
    lineage.resolve(made)
    bottom = made.step
    fold = graph.add(Node(f"fold-{run.bottom}", "fold", step=bottom, order=run.order))
    fold.count = run.count
    for key in run.inner:
        graph.alias[key] = fold.id
    graph.alias[step.key] = fold.id
    chain = bottom.args[run.position]
    return fold.id, [chain] + [v for v in bottom.inputs if v is not chain]


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
