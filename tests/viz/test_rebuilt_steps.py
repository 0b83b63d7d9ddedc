"""Captions of lesson 8's second derivative: a backward pass recorded after the forward
pass, so without history its ops are rebuilt from the grad_fn graph, whose nodes remember
their arguments (``x ** 3`` with its 3); and an ``autograd.grad`` pass, which returns the
gradient rather than adding it to ``x.grad``."""
import pytest

import minigrad as torch
from minigrad import viz


def second_derivative_tape():
    """Lesson 8: dy_dx made with create_graph=True, then only its backward recorded."""
    x = torch.tensor(2.0, requires_grad=True)
    y = x ** 3
    dy_dx, = torch.autograd.grad(y, x, create_graph=True)
    with torch.trace() as tape:
        torch.autograd.grad(dy_dx, x)
    return tape, {"x": x, "dy_dx": dy_dx}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_second_derivative_frames_have_captions_without_history(no_history, lang):
    tape, names = second_derivative_tape()
    captions = [frame.caption(lang) for frame in viz.Frames(tape, names=names)]
    # the node remembers the exponent (x ** 2 in the graph of 3x²) and x: the formula and
    # its value, as with history
    assert captions[2] == {
        "en": "∂x²/∂x = 2 × x = 4. With the incoming ∂dy_dx/∂x² = 3: x gets ∂dy_dx/∂x = 4 × 3 = 12",
        "zh": "∂x²/∂x = 2 × x = 4。乘以传入的梯度 ∂dy_dx/∂x² = 3：x 得到 ∂dy_dx/∂x = 4 × 3 = 12"}[lang]


def test_second_derivative_frames_show_the_formula_with_history(history):
    tape, names = second_derivative_tape()
    frames = viz.Frames(tape, names=names)
    assert frames[1].caption("en") == "∂dy_dx/∂x² = 3"
    assert frames[2].caption("en") == ("∂x²/∂x = 2 × x = 4. With the incoming ∂dy_dx/∂x² = 3: "
                                       "x gets ∂dy_dx/∂x = 4 × 3 = 12")
    # autograd.grad returns the gradient and leaves x.grad alone: the captions say so
    assert "accumulate" not in [f.kind for f in frames]
    assert frames[-1].caption("en").endswith(
        "; torch.autograd.grad returns these gradients instead of adding them into .grad")
    assert names["x"].grad is None


def test_the_same_backward_by_backward_adds_into_x_grad(history):
    x = torch.tensor(2.0, requires_grad=True)
    dy_dx, = torch.autograd.grad(x ** 3, x, create_graph=True)
    with torch.trace() as tape:
        dy_dx.backward()
    captions = [f.caption("en") for f in viz.Frames(tape, names={"x": x, "dy_dx": dy_dx})]
    assert "x.grad = 12 (it was None)" in captions
    assert x.grad.item() == 12


def test_a_power_rebuilt_from_its_node_knows_its_exponent(no_history):
    x = torch.tensor(2.0, requires_grad=True)
    y = (x ** 3).sum()
    with torch.trace() as tape:
        y.backward()
    captions = [frame.caption("en") for frame in viz.Frames(tape, names={"x": x, "y": y})]
    # the node remembers the exponent and x; x³ itself was not kept, and is not needed
    assert "∂x³/∂x = 3 × x² = 12. With the incoming ∂y/∂x³ = 1: x gets ∂y/∂x = 12 × 1 = 12" \
        in captions
    assert "x.grad = 12 (it was None)" in captions
