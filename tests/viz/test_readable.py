"""Readable at 1280 × 720: the rule (``minigrad.viz.readable``) on real Graphviz output, and
lesson 6's player and lesson 7's net held to it. (The page applies the rule to what it draws:
a wide picture scrolls instead of shrinking, tests/browser/test_graph_text.py.)"""
import shutil

import pytest

import minigrad as torch
from minigrad import viz
from minigrad.viz import readable

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


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


def lesson7_net():
    torch.manual_seed(0)
    x, y = torch.randn(64, 1000), torch.randn(64, 10)
    w1 = torch.randn(1000, 100, requires_grad=True)
    w2 = torch.randn(100, 10, requires_grad=True)
    y_pred = MyReLU.apply(x.mm(w1)).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    return loss, dict(x=x, y=y, w1=w1, w2=w2, y_pred=y_pred, loss=loss)


def test_the_rule_on_a_drawn_graph(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    svg = viz.to_svg(viz.draw((x * 2).sum(), names={"x": x}))
    width_pt, _ = readable.size_pt(svg)
    assert readable.smallest_font_pt(svg) == 10  # the shape "(2,)" next to x
    # 10 pt is 13.3 px at full size: the picture may shrink to 3/4 of it, no further
    assert readable.min_width_px(svg) == pytest.approx(width_pt * 4 / 3 * 0.75)
    assert readable.smallest_text_px(svg, width_px=10_000) == pytest.approx(10 * 4 / 3)
    assert readable.smallest_text_px(svg, width_px=1) == pytest.approx(10)
    assert readable.fits(svg, width_px=readable.min_width_px(svg))
    assert not readable.fits(svg, width_px=readable.min_width_px(svg) - 2)


def test_every_frame_of_lesson_6s_player_fits_the_screen(history):
    torch.manual_seed(8)
    torch.randn(size=())
    a2 = torch.randn(size=(), requires_grad=True)
    with torch.trace() as tape:
        d2 = f(a2)
        d2.backward()
    frames = viz.Frames(tape, names={"a2": a2, "d2": d2})
    assert len(frames) <= 12
    for frame in frames:
        for lang in ("en", "zh"):
            svg = frame.svg(lang)
            assert readable.fits(svg), (frame.index, lang, readable.size_pt(svg))
            assert readable.smallest_text_px(svg) >= readable.MIN_TEXT_PX


def test_lesson_7s_net_is_drawn_to_be_read_not_shrunk(history):
    loss, names = lesson7_net()
    svg = viz.to_svg(viz.draw(loss, names=names))
    # top to bottom: drawn left to right (as it was) it is 1,916 pt wide, text 6 px
    assert readable.fits(svg)
    assert readable.smallest_text_px(svg) >= readable.MIN_TEXT_PX
