"""%load_ext minigrad in an IPython shell: %%trace, live views after each cell, unloading."""
import pytest
from IPython.core.interactiveshell import InteractiveShell
from minigrad import viz
from minigrad.lab import Player, live, magics


@pytest.fixture
def shell(monkeypatch):
    """An IPython shell with minigrad loaded; what it displays is collected in shell.shown."""
    ip = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr(magics, "display", shown.append)
    ip.shown = shown
    ip.run_cell("%load_ext minigrad")
    ip.run_cell("import minigrad as torch\nfrom minigrad.lab import show, play")
    yield ip
    ip.run_cell("%unload_ext minigrad")


def test_loading_the_extension_turns_on_history_and_hooks(shell):
    assert viz.history.enabled
    assert live.refresh_all in shell.events.callbacks["post_run_cell"]
    assert "trace" in shell.magics_manager.magics["cell"]


def test_unloading_the_extension_removes_the_hooks(shell):
    shell.run_cell("%unload_ext minigrad")
    assert live.refresh_all not in shell.events.callbacks["post_run_cell"]
    assert not viz.history.enabled
    shell.run_cell("%load_ext minigrad")  # the fixture unloads again


def test_trace_magic_runs_the_cell_and_shows_a_player_below_it(shell):
    result = shell.run_cell("%%trace\n"
                            "x = torch.arange(4.0, requires_grad=True)\n"
                            "y = 2 * torch.dot(x, x)\n"
                            "y.backward()\n")
    assert result.success
    assert str(shell.user_ns["x"].grad) == "tensor([ 0.,  4.,  8., 12.])"
    (player,) = shell.shown
    assert isinstance(player, Player)
    assert len(player.frames) > 2


def test_trace_magic_options_choose_view_language_and_keep_the_tape(shell):
    shell.run_cell("%%trace --view autograd --lang zh --tape my_tape\n"
                   "x = torch.tensor(2.0, requires_grad=True)\n"
                   "(x * x).backward()\n")
    (player,) = shell.shown
    assert (player.view, player.lang) == ("autograd", "zh")
    assert shell.user_ns["my_tape"] is player.tape


def test_an_error_in_a_traced_cell_still_plays_what_happened_before_it(shell):
    result = shell.run_cell("%%trace\n"
                            "x = torch.arange(4.0, requires_grad=True)\n"
                            "y = 2 * torch.dot(x, x)\n"
                            "y.backward()\n"
                            "y.backward()\n")  # the second time: the graph was freed
    (player,) = shell.shown
    assert len(player.frames) > 2
    assert isinstance(result.error_in_exec, magics.TracedCellFailed)  # "Run All" stops here


def test_a_live_view_updates_after_a_later_backward_cell(shell):
    shell.run_cell("x = torch.arange(4.0, requires_grad=True)\n"
                   "y = 2 * torch.dot(x, x)\n"
                   "view = show(y)")
    view = shell.user_ns["view"]
    before = view.canvas.dot
    shell.run_cell("y.backward()")
    assert view.canvas.dot != before
    after = view.canvas.dot
    shell.run_cell("x.grad.zero_()")
    assert view.canvas.dot not in (after, "")


def test_tensors_get_the_notebooks_variable_names(shell):
    shell.run_cell("weight = torch.tensor(4.0, requires_grad=True)\n"
                   "z = weight * 2\n"
                   "view = show(z)")
    assert "<B>weight</B>" in shell.user_ns["view"].canvas.dot


def test_bad_input_in_a_cell_does_not_break_the_next_cells(shell):
    result = shell.run_cell("view = show('not a tensor')")
    assert result.success
    assert "not a tensor" in shell.user_ns["view"].canvas.notice
    assert shell.run_cell("1 + 1").success
