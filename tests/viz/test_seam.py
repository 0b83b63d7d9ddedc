"""The drawing reads the engine through its public seam: every op's notation and the
nodes' read-only API. Reading is pure (no engine op runs, no event is announced), and a
custom ``autograd.Function`` is drawn with every tensor input, wherever its plain
arguments are."""
import numpy as np
import pytest

import minigrad as torch
from minigrad import viz
from minigrad.autograd.graph import values


class Shift(torch.autograd.Function):
    """One tensor input, after a number: forward(ctx, k, x) = x + k."""

    @staticmethod
    def forward(ctx, k, x):
        return x + k

    @staticmethod
    def backward(ctx, grad):
        return None, grad


class Blend(torch.autograd.Function):
    """Two tensor inputs around a number: forward(ctx, x, weight, y)."""

    @staticmethod
    def forward(ctx, x, weight, y):
        ctx.weight = weight
        return x * weight + y * (1 - weight)

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.weight, None, grad * (1 - ctx.weight)


class Fused(torch.autograd.Function):
    """Three tensor inputs after a number: forward(ctx, k, x, y, z) = k·x·y + z."""

    @staticmethod
    def forward(ctx, k, x, y, z):
        ctx.save_for_backward(x, y)
        ctx.k = k
        return k * x * y + z

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        return None, grad * ctx.k * y, grad * ctx.k * x, grad


def custom_graph():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0], requires_grad=True)
    z = torch.tensor([5.0, 6.0], requires_grad=True)
    one = Shift.apply(2.0, x)
    two = Blend.apply(x, 0.25, y)
    three = Fused.apply(3.0, x, y, z)
    return {"x": x, "y": y, "z": z, "one": one, "two": two, "three": three}


def op_inputs(graph, output):
    """The ids of the nodes drawn into the op that made ``output`` (its box's producer)."""
    producer = next(e.source for e in graph.edges if e.target == output)
    return {e.source for e in graph.edges if e.target == producer and e.kind == "flow"}


@pytest.mark.parametrize("recorded", ["history", "no_history"])
@pytest.mark.parametrize("view", ["dataflow", "autograd"])
def test_custom_functions_are_drawn_with_every_tensor_input(request, recorded, view):
    request.getfixturevalue(recorded)
    v = custom_graph()
    ids = {name: f"t{id(t)}" for name, t in v.items()}
    for output, inputs in (("one", "x"), ("two", "xy"), ("three", "xyz")):
        graph = viz.model(v[output], view=view, names=v, fold=False)
        drawn = op_inputs(graph, ids[output])
        if view == "autograd":  # each leaf's box feeds its AccumulateGrad node
            drawn = {e.source for e in graph.edges if e.target in drawn}
        assert drawn == {ids[name] for name in inputs}, (output, view)
        text = viz.to_text(v[output], view=view, names=v)
        assert all(f"{name} (2,)" in text or f"{name}: " in text for name in inputs)


@pytest.mark.parametrize("view", ["dataflow", "autograd"])
def test_a_player_draws_and_captions_every_tensor_input_of_a_custom_function(history, view):
    """The same three Functions recorded by ``trace()`` and played: the last frame draws
    every tensor input into its op, and the backward caption of each says what each
    tensor input gets."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0], requires_grad=True)
    z = torch.tensor([5.0, 6.0], requires_grad=True)
    with torch.trace() as tape:
        one, two, three = Shift.apply(2.0, x), Blend.apply(x, 0.25, y), Fused.apply(3.0, x, y, z)
        (one.sum() + two.sum() + three.sum()).backward()
    v = {"x": x, "y": y, "z": z, "one": one, "two": two, "three": three}
    frames = viz.Frames(tape, names=v, view=view)
    # one step each: the ops inside a forward of ours are not steps of the graph
    forward = [f.caption("en").split(" =")[0] for f in frames if f.kind == "forward"]
    assert forward[:3] == ["one", "two", "three"], forward
    ids = {name: f"t{id(t)}" for name, t in v.items()}
    graph = frames.graph
    for output, inputs in (("one", "x"), ("two", "xy"), ("three", "xyz")):
        if view == "dataflow":
            drawn = op_inputs(graph, ids[output])
        else:  # the Function's grad_fn node, fed by each leaf's AccumulateGrad
            node = f"f{id(v[output].grad_fn)}"
            accumulators = {e.source for e in graph.edges if e.target == node}
            drawn = {e.source for e in graph.edges if e.target in accumulators}
        assert drawn == {ids[name] for name in inputs}, (output, view)
        caption = next(f.caption("en") for f in frames
                       if f.caption("en").startswith(f"Our own {type(v[output].grad_fn).__name__[:-8]}"))
        assert all(f"{name} gets" in caption for name in inputs), caption


def test_custom_functions_read_with_their_arguments(no_history):
    v = custom_graph()
    node = v["three"].grad_fn
    arguments = node.arguments()
    assert arguments[0] == 3.0 and [a.index for a in arguments[1:]] == [0, 1, 2]
    assert [s.kind for s in node.saved_values()] == ["input", "input"]
    assert [s.index for s in node.saved_values()] == [1, 2]
    assert node.notation() is None and not node.released()
    text = viz.to_text(v["three"], names=v)
    assert "three = Fused(3, x, y, z)" in text


def program():
    """Most kinds of steps: arithmetic with constants, a custom Function, indexing, an
    in-place write, a reduction along a dim, matmul, detach, backward twice."""
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    w = torch.tensor([[0.5, -1.0], [2.0, 1.0], [1.5, 0.0]], requires_grad=True)
    with torch.trace() as tape:
        h = (x ** 2 + 1) @ w
        s = Shift.apply(3.0, h).relu()
        c = s.clone()
        c[0] = c[1] * 2
        m = c.var(correction=0) + c.mean(dim=0) + x[1:].sum() - x.detach().exp().sum()
        m.backward(retain_graph=True)
        x.grad.zero_()
        m.backward()
    return tape, {"x": x, "w": w, "h": h, "s": s, "c": c, "m": m}


@pytest.mark.parametrize("view", ["dataflow", "autograd"])
def test_reading_captions_labels_and_the_inspector_runs_no_engine_op(history, view):
    tape, names = program()
    frames = viz.Frames(tape, names=names, view=view)
    with torch.trace() as watch:
        for frame in frames:
            for lang in ("en", "zh"):
                frame.caption(lang)
                frame.text(lang)
                frame.digraph(lang)
                for node_id in frames.graph.nodes:
                    frame.inspect(node_id, lang)
        for lang in ("en", "zh"):
            viz.draw(names["m"], view=view, names=names, lang=lang)
            viz.to_text(names["m"], view=view, names=names, lang=lang)
            graph = viz.model(names["m"], view=view, names=names)
            for node_id in graph.nodes:
                viz.inspect(names["m"], node_id, lang=lang, names=names)
    assert list(watch) == []


def test_node_values_are_read_only(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    saved, = y.grad_fn.saved_values()
    assert saved.kind == "output" and np.allclose(saved.values, np.exp([1.0, 2.0]))
    with pytest.raises(ValueError):
        saved.values[0] = 0
    with pytest.raises(ValueError):
        values(x)[0] = 0
    y.sum().backward()
    assert y.grad_fn.released() and y.grad_fn.saved_values() == ()


def test_the_inspector_of_a_custom_function_says_its_backward_is_yours(history):
    v = custom_graph()
    graph = viz.model(v["three"], names=v)
    op = next(e.source for e in graph.edges if e.target == f"t{id(v['three'])}")
    for lang, words in (("en", "Fused.backward"), ("zh", "Fused.backward")):
        facts = viz.inspect(v["three"], op, lang, names=v)
        assert "formula" not in facts and words in facts["note"], facts
