import pytest

pytest.importorskip("graphviz")

from minigrad import viz  # noqa: E402


@pytest.fixture
def history():
    """``viz.history`` switched on for one test (as ``%load_ext minigrad`` does)."""
    was_on = viz.history.enabled
    viz.history.enable()
    yield viz.history
    if not was_on:
        viz.history.disable()


@pytest.fixture
def no_history():
    was_on = viz.history.enabled
    viz.history.disable()
    yield
    if was_on:
        viz.history.enable()
