"""A live view stays true to the cell it stands under (the rule in minigrad.lab.live):
it keeps its names, follows backward passes through its own graph and zeroed gradients,
and freezes, with a mark saying why and since when, once a later cell rebinds a name it
shows, changes one of its tensors in place, or adds another graph's gradient into it."""
import pytest
from IPython.core.interactiveshell import InteractiveShell

from minigrad import viz

from .helpers import svg_text


def svg_of(widget):
    """The picture on screen: the DOT text the widget sent, drawn by Graphviz."""
    import graphviz
    return viz.to_svg(graphviz.Source(widget.canvas.dot))


@pytest.fixture
def shell():
    ip = InteractiveShell.instance()
    ip.run_cell("%load_ext minigrad")
    ip.run_cell("import minigrad as torch\nfrom minigrad.lab import show")
    yield ip
    ip.run_cell("%unload_ext minigrad")


def cell(shell, source):
    """Run a cell as a notebook does: with a number ([n]) in the history."""
    result = shell.run_cell(source, store_history=True)
    assert result.success, result.error_in_exec
    return result.execution_count


def box(view, name):
    """The text of the box the picture calls ``name`` (the first such box)."""
    import re
    for group in re.findall(r'<g id="t\d+" class="node variable[^"]*">(.*?)</g>', svg_of(view),
                            flags=re.S):
        text = svg_text(group)
        if text.split()[0] == name:
            return text
    raise AssertionError(f"no box called {name}: {svg_text(svg_of(view))}")


def test_rebinding_the_names_freezes_the_picture_with_its_names_and_a_mark(shell):
    drawn = cell(shell, "x = torch.tensor(2.0, requires_grad=True)\n"
                        "y = torch.tensor(3.0, requires_grad=True)\n"
                        "w = torch.tensor(4.0, requires_grad=True)\n"
                        "a = x + y\nz = a * w\nview = show(z, lang='en')")
    view = shell.user_ns["view"]
    before = svg_of(view)
    assert view.mark.layout.display == "none"
    rebound = cell(shell, "a = x + y\nz = a * w")  # lesson 1's trace cell: new a and z
    assert svg_of(view) == before
    assert box(view, "a").startswith("a 5.") and box(view, "z").startswith("z 20.")
    assert view.mark.layout.display is None
    assert f"Drawn in cell [{drawn}]. In cell [{rebound}], a and z were rebound, so this " \
           f"picture stays as it was." in view.mark.value
    view.language_toggle.value = "zh"  # the same moment, in the other language
    assert box(view, "a").startswith("a 5.")
    assert f"画于第 [{drawn}] 格。第 [{rebound}] 格中 a、z 被重新赋值了" in view.mark.value
    cell(shell, "z.backward()")  # the new z's gradients are not this picture's
    assert "x.grad = None" in svg_text(svg_of(view))


def test_a_backward_pass_through_the_graph_fills_it_in_another_graphs_freezes_it(shell):
    # lesson 5: the detach graph keeps showing the gradient with detach, [0, 1, 4, 9]
    drawn = cell(shell, "x = torch.arange(4.0, requires_grad=True)\n"
                        "y = x * x\nu = y.detach()\nz = u * x\nview = show(z, lang='en')")
    view = shell.user_ns["view"]
    assert "x.grad = None" in box(view, "x")
    filled = cell(shell, "z.sum().backward()")
    assert "x.grad = [0., 1., 4., 9.]" in box(view, "x")
    assert view.mark.layout.display == "none"
    cell(shell, "print(x.grad)")
    other = cell(shell, "x.grad.zero_()\ny.sum().backward(retain_graph=True)")
    assert "x.grad = [0., 1., 4., 9.]" in box(view, "x")
    assert box(view, "u").startswith("u")
    assert f"Drawn in cell [{drawn}] and updated up to cell [{filled}]. In cell [{other}], " \
           f"x.grad was changed by the backward pass of another graph" in view.mark.value
    cell(shell, "x.grad.zero_()\nz = y * x\nz.sum().backward()")
    assert "x.grad = [0., 1., 4., 9.]" in box(view, "x")


def test_zeroing_the_gradient_is_followed(shell):
    cell(shell, "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\n"
                "view = show(y)")
    view = shell.user_ns["view"]
    cell(shell, "y.backward(retain_graph=True)")
    assert "x.grad = [0., 4., 8., 12.]" in box(view, "x")
    cell(shell, "x.grad.zero_()")
    assert "x.grad = [0., 0., 0., 0.]" in box(view, "x")
    cell(shell, "y.backward()")
    assert "x.grad = [0., 4., 8., 12.]" in box(view, "x")
    assert view.mark.layout.display == "none"


def test_changing_a_tensor_in_place_freezes_the_picture(shell):
    cell(shell, "w = torch.tensor([1.0, 2.0], requires_grad=True)\nloss = (w * w).sum()\n"
                "view = show(loss, lang='zh')")
    view = shell.user_ns["view"]
    changed = cell(shell, "with torch.no_grad():\n    w -= 0.5")
    assert box(view, "w").split() == ["w", "(2,)", "[1.,", "2.]", "w.grad", "=", "None"]
    assert f"第 [{changed}] 格中 w 被就地修改了" in view.mark.value


def test_a_frozen_picture_switched_to_the_other_view_keeps_its_numbers(shell):
    cell(shell, "x = torch.tensor(3.0, requires_grad=True)\ny = x * x\nview = show(y)")
    view = shell.user_ns["view"]
    cell(shell, "y.backward()")
    cell(shell, "x = torch.tensor(5.0, requires_grad=True)")
    view.view_toggle.value = "autograd"
    text = svg_text(svg_of(view))
    assert "x.grad = 6." in text and "MulBackward0" in text


def test_a_players_other_view_keeps_the_names_and_gradients_of_its_cell(shell):
    from minigrad.lab import player
    shown = []
    player.Player._ipython_display_ = lambda self: shown.append(self)
    try:
        cell(shell, "x = torch.tensor(3.0, requires_grad=True)\n"
                    "from minigrad.lab import play\n"
                    "with torch.trace() as tape:\n    y = x * x\n"
                    "p = play(tape, lang='en')")
    finally:
        del player.Player._ipython_display_
    p = shell.user_ns["p"]
    cell(shell, "y.backward()")           # x.grad changes after the recording
    cell(shell, "x = torch.tensor(5.0)")  # and x is rebound
    p.view_toggle.value = "autograd"
    text = svg_text(svg_of(p))
    assert "x.grad = None" in text        # as it was when the tape ended
    assert p.frames[0].caption("en") == "y = x × x = 3 × 3 = 9"
