"""Big graphs fold while they are walked (issue 12: a 100,000-op chain's view must not build
100,000 steps first). The walk may only take the shortcut where history proves a run;
whatever it folds must be exactly what folding the whole graph afterwards gives."""
import pytest

import minigrad as torch
from minigrad import viz
from minigrad.viz.fold import fold_runs
from minigrad.viz.labels import Labels
from minigrad.viz.names import tensor_names


def chain(n, step, start=None):
    x = start if start is not None else torch.tensor([1.0, 2.0], requires_grad=True)
    y = x
    for _ in range(n):
        y = step(y)
    return x, y


def program(kind):
    """``(names, outputs)`` of small programs with and without runs to fold."""
    if kind == "constant":
        x, y = chain(50, lambda y: y * 1.0001)
        return {"x": x}, [y]
    if kind == "shared leaf":
        w = torch.tensor([0.5, 0.25], requires_grad=True)
        x, y = chain(10, lambda y: y * w)
        return {"x": x, "w": w}, [y]
    if kind == "named inside":
        x, mid = chain(6, lambda y: y + 1.0)
        _, y = chain(6, lambda y: y + 1.0, start=mid)
        return {"x": x, "mid": mid}, [y]
    if kind == "used twice":
        x, a = chain(6, lambda y: y.tanh())
        _, b = chain(6, lambda y: y.tanh(), start=a)
        return {"x": x}, [b + a]
    if kind == "alternating":
        x, y = chain(12, lambda y: y.exp() if y.sum() < 0 else y - 3.0)
        return {"x": x}, [y]
    if kind == "tested in a loop":  # the values are also used by b.norm(): no shortcut
        a = torch.tensor(0.3, requires_grad=True)
        b = a * 2
        while b.norm() < 1000:
            b = b * 2
        return {"a": a}, [b]
    if kind == "both inputs":
        x, y = chain(6, lambda y: y * y)
        return {"x": x}, [y]
    if kind == "different constants":
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x
        for k in range(8):
            y = y * float(k + 2)
        return {"x": x}, [y]
    if kind == "two outputs":
        x, y = chain(5, lambda y: y * 3.0)
        _, z = chain(5, lambda y: y * 3.0, start=y)
        return {"x": x}, [y, z]
    raise ValueError(kind)


KINDS = ["constant", "shared leaf", "named inside", "used twice", "alternating",
         "tested in a loop", "both inputs", "different constants", "two outputs"]


def shape(graph):
    nodes = sorted((n.id, n.kind, n.role, n.count) for n in graph.nodes.values())
    edges = sorted({(e.source, e.target, e.kind) for e in graph.edges})
    return nodes, edges


@pytest.mark.parametrize("view", ["dataflow", "autograd"])
@pytest.mark.parametrize("kind", KINDS)
def test_folding_while_walking_draws_what_folding_afterwards_draws(history, kind, view):
    names, outputs = program(kind)
    walked = viz.model(*outputs, names=names, view=view)
    whole = viz.model(*outputs, names=names, view=view, fold=False)
    english = Labels(tensor_names(names), "en")
    afterwards = fold_runs(whole, lambda value: english.name(value) is not None)
    assert shape(walked) == shape(afterwards)


def test_the_shortcut_is_taken_for_a_long_chain(history):
    names, outputs = program("constant")
    graph = viz.model(*outputs, names=names)
    fold = next(n for n in graph.nodes.values() if n.kind == "fold")
    assert fold.count == 50
    # the shortcut built no step for the ops inside the run: only the top and the bottom
    assert len(graph.lineage.steps) == 2


def test_without_history_the_chain_still_folds(no_history):
    names, outputs = program("constant")
    graph = viz.model(*outputs, names=names)
    assert [n.count for n in graph.nodes.values() if n.kind == "fold"] == [50]


def test_the_inspector_of_a_fold_gives_no_derivative_for_its_constant(history):
    """``y = y * 1.0001`` in a loop: the fold's local derivative is along the edge from
    the chain only; the constant 1.0001 requires no grad, so it has no edge (as in
    PyTorch's next_functions) and no derivative."""
    names, outputs = program("constant")
    graph = viz.model(*outputs, names=names)
    fold = next(n for n in graph.nodes.values() if n.kind == "fold")
    formula = viz.inspect(outputs[0], fold.id, "en", names=names)["formula"]
    assert formula.count("\n") == 0 and "/∂x" in formula, formula
