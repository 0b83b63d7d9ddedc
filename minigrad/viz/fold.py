"""Keeping big graphs readable: fold repeated ops, cap what is drawn.

``while b.norm() < 1000: b = b * 2`` makes a chain of identical ``×`` ops; drawn one by
one it is a ladder nobody reads. A run of at least ``FOLD_AT`` identical ops, each
feeding only the next, with the same side inputs (the same tensor, or constants of the
same value), becomes one node: "× / 1,000 times in a row". Past ``max_nodes``, only the nodes nearest the
outputs are drawn, and a node says how many were left out.
"""
from collections import deque

from .model import Node

FOLD_AT = 4
MORE_EDGES = 12   # the "… more" node points at no more than this many cut-off nodes


def fold_runs(graph, is_named):
    """Fold every run of identical ops (in place). ``is_named(value)``: values the
    student named are never folded away."""
    into, out_of = graph.neighbours(("flow",))
    inputs = {}     # op id -> what it takes, comparable across ops (see ``_described``)
    previous = {}   # op id -> (the op before it in a run, the value between them or None)
    for node in graph.nodes.values():
        if node.kind == "operation" or node.kind == "grad_fn":
            link = _chain_link(graph, node, into, out_of, is_named, inputs)
            if link is not None:
                previous[node.id] = link
    following = {before: op for op, (before, _) in previous.items()}
    touching, saved_by = {}, {}
    for edge in graph.edges:
        touching.setdefault(edge.source, []).append(edge)
        touching.setdefault(edge.target, []).append(edge)
        if edge.kind == "saved":
            saved_by.setdefault(edge.source, set()).add(edge.target)
    removed = set()
    for first in following:
        if first in previous:
            continue  # in the middle of a run
        run = [first]
        while run[-1] in following:
            run.append(following[run[-1]])
        if len(run) >= FOLD_AT:
            removed |= _fold(graph, run, previous, out_of, touching, saved_by)
    if removed:
        graph.nodes = {k: v for k, v in graph.nodes.items() if k not in removed}
        # an edge to or from a folded node now ends at its fold (two runs in a row: fold to
        # fold); edges inside a run disappear
        unique = {}
        for edge in graph.edges:
            source, target = graph.alias.get(edge.source, edge.source) \
                if edge.source in removed else edge.source, \
                graph.alias.get(edge.target, edge.target) if edge.target in removed else edge.target
            if source != target:
                edge.source, edge.target = source, target
                unique.setdefault((source, target, edge.kind), edge)
        graph.edges = list(unique.values())
    return graph


def _chain_link(graph, node, into, out_of, is_named, inputs):
    """``(previous op, value between)`` if ``node`` continues a run of the same op: one
    input comes (through an unnamed value used nowhere else, in the data-flow view) from
    an identical op that feeds nothing else, and the other inputs are those it had."""
    found = None
    for source_id in into.get(node.id, ()):
        source, between = graph.nodes[source_id], None
        if source.kind == "variable":
            producers = into.get(source_id)
            if producers is None or len(producers) != 1 or len(out_of[source_id]) != 1 or \
                    source.role == "output" or is_named(source.value):
                continue
            between, source = source, graph.nodes[producers[0]]
        if source.kind != node.kind or len(out_of[source.id]) != 1 or \
                _op_name(source) != _op_name(node):
            continue
        if found is not None:
            return None  # two inputs could continue a run: neither is clearly the chain
        found = source, between
    if found is None:
        return None
    source, between = found
    chain = source.id if between is None else between.id
    sides = [d for source_id, d in zip(into[node.id], _described(graph, node, into, inputs))
             if source_id != chain]
    earlier = list(_described(graph, source, into, inputs))
    if len(earlier) != len(sides) + 1:
        return None
    for side in sides:
        if side not in earlier:
            return None
        earlier.remove(side)
    return source.id, None if between is None else between.id


def _op_name(node):
    return node.grad_fn.name() if node.kind == "grad_fn" else node.step.node_name


def _described(graph, node, into, inputs):
    """What an op takes, comparable across ops: the id of each input, except a small
    constant, which is described by its value (each ``b * 2`` gets a fresh 2)."""
    found = inputs.get(node.id)
    if found is None:
        found = inputs[node.id] = []
        for source_id in into.get(node.id, ()):
            source = graph.nodes[source_id]
            value = source.value
            data = value.data if source.role == "constant" and value.step is None else None
            if data is not None and data.size <= 16:
                found.append((data.tobytes(), data.shape))
            else:
                found.append(source_id)
    return found


def _fold(graph, run, previous, out_of, touching, saved_by):
    """Replace the ops of ``run`` (and the values between them) by one node; return the
    ids it replaces. ``touching``: the edges at each node; ``saved_by``: which ops use
    each saved tensor. The first op's constants stay visible as the fold's inputs."""
    first = graph.nodes[run[0]]
    fold = Node(f"fold-{run[0]}", "fold", step=first.step, grad_fn=first.grad_fn,
                order=first.order)
    fold.count = len(run)
    graph.nodes[fold.id] = fold
    inner = dict.fromkeys(run)  # ordered: the edges come out in the same order every time
    inner.update(dict.fromkeys(previous[op][1] for op in run[1:] if previous[op][1] is not None))
    members = set(run)
    for op in run:
        for edge in touching.get(op, ()):
            source = edge.source
            if source in inner or edge.target != op:
                continue
            alone = out_of.get(source) == [op] and graph.nodes[source].role == "constant"
            if (alone and op != run[0]) or (edge.kind == "saved" and saved_by[source] <= members
                                           and graph.nodes[source].role == "saved"):
                inner[source] = None  # a constant or saved tensor of this op only
    for node_id in inner:
        graph.alias[node_id] = fold.id
    return set(inner)


def cap(graph, max_nodes):
    """Keep the ``max_nodes`` nodes nearest the outputs; a "more" node stands for the rest."""
    graph.total = len(graph.nodes)
    if graph.total <= max_nodes:
        return graph
    into, _ = graph.neighbours()
    kept, queue = {}, deque(r for r in graph.roots if r in graph.nodes)
    while queue and len(kept) < max_nodes:
        node_id = queue.popleft()
        if node_id not in kept:
            kept[node_id] = graph.nodes[node_id]
            queue.extend(into.get(node_id, ()))
    cut_off = [node_id for node_id in kept
               if any(source not in kept for source in into.get(node_id, ()))]
    more = Node("more", "more", order=-1)
    more.count = graph.total - len(kept)
    graph.nodes = {"more": more, **kept}
    graph.edges = [e for e in graph.edges if e.source in kept and e.target in kept]
    for node_id in cut_off[:MORE_EDGES]:
        graph.connect("more", node_id, "more")
    return graph
