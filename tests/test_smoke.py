"""The chapter's first program, as a student runs it."""
import minigrad as torch


def test_gradient_of_2_xTx_is_4x():
    x = torch.arange(4.0)
    x.requires_grad_(True)
    y = 2 * torch.dot(x, x)
    assert repr(y) == "tensor(28., grad_fn=<MulBackward0>)"
    assert x.grad is None
    y.backward()
    assert repr(x.grad) == "tensor([ 0.,  4.,  8., 12.])"
    assert bool((x.grad == 4 * x).all())


def test_import_needs_numpy_only():
    import subprocess
    import sys
    code = ("import sys, minigrad; bad = [m for m in ('ipywidgets', 'IPython', 'graphviz', "
            "'anywidget', 'matplotlib', 'torch') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
