"""The graph as plain text (what a page without widgets and without dot keeps)."""
import minigrad as torch
from minigrad.lab import show


def autograd_text(panel):
    panel.view = "autograd"
    text = panel.still()[1]
    panel.close()
    return text


def test_the_autograd_text_names_each_accumulator_by_its_leaf(history):
    x = torch.tensor(3., requires_grad=True)
    w = torch.ones(3, requires_grad=True)
    y = (x * x * w).sum()
    lines = autograd_text(show(y)).splitlines()  # names from this frame
    assert "AccumulateGrad (x.grad)  <-  x" in lines
    assert "AccumulateGrad (w.grad)  <-  w (3,)" in lines
    assert "y  <-  SumBackward0" in lines
    assert not any("()" in line for line in lines)  # a number has no shape to write
