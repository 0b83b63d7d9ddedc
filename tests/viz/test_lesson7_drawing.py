"""Lesson 7's drawing review: the exponent of a power is drawn once, a custom Function's
backward step says that our own backward ran, and the legend pictures every entry."""
import minigrad as torch
from minigrad import viz


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


def test_a_power_shows_its_exponent_in_the_symbol_only(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x ** 2).sum()
    graph = viz.model(y, names={"x": x, "y": y})
    power = next(n for n in graph.nodes.values() if n.kind == "operation"
                 and n.step.node_name == "PowBackward0")
    into, _ = graph.neighbours()
    assert [graph.nodes[i].value.tensor for i in into[power.id]] == [x]  # no box for the 2
    assert 'label="x²"' in viz.draw(y, names={"x": x, "y": y}).source
    assert not any(n.kind == "variable" and n.role == "constant" for n in graph.nodes.values())


def test_a_tensor_exponent_is_still_an_input(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    p = torch.tensor([2.0, 3.0], requires_grad=True)
    graph = viz.model((x ** p).sum(), names={"x": x, "p": p})
    power = next(n for n in graph.nodes.values() if n.kind == "operation"
                 and n.step.node_name == "PowBackward1")
    into, _ = graph.neighbours()
    assert len(into[power.id]) == 2


def test_the_custom_backward_step_says_our_backward_ran(history):
    s = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
    r = MyReLU.apply(s)
    with torch.trace() as tape:
        r.sum().backward()
    frames = viz.Frames(tape, names={"s": s, "r": r})
    ours = [f for f in frames if f.kind == "backward" and "MyReLU" in f.caption("en")]
    assert len(ours) == 1
    # s is a leaf: it gets ∂(∑r)/∂s here, and its .grad changes in the next frame
    assert ours[0].caption("en") == ("Our own MyReLU.backward ran (the one written above), with "
                                     "the incoming gradient ∂(∑r)/∂r = [1, 1, 1, 1]: "
                                     "s gets ∂(∑r)/∂s = [0, 0, 1, 1]")
    assert ours[0].caption("zh").startswith("这里运行的是我们自己写的 MyReLU.backward")
    built_in = [f for f in frames if f.kind == "backward" and f is not ours[0]]
    assert built_in and not any("Our own" in f.caption("en") for f in built_in)


def test_every_legend_entry_has_a_picture(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x
    for _ in range(6):
        y = y * 2
    u = y.detach()
    z = (u * x).sum()
    source = viz.draw(z, names={"x": x, "u": u, "z": z}).source
    legend = source[source.rindex("label=<<TABLE"):]  # the graph's label comes last
    assert legend.count('<TD ALIGN="LEFT">') == 6  # output, leaf, result, constant, cut, fold
    assert "<TD></TD><TD" not in legend  # no entry without its swatch
