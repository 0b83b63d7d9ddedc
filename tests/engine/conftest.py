"""Fixtures shared by the engine tests.

``torch`` is the reference: a test that takes the ``torch`` fixture is skipped when
PyTorch is not installed. The engine itself is always imported as ``minigrad``.
"""
import pytest

import minigrad


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _repeatable_minigrad():
    """Same random numbers in every run (gradgradcheck draws its grad_outputs with randn),
    and every test starts with recording on."""
    minigrad.manual_seed(0)
    yield
    assert minigrad.is_grad_enabled(), "a test left grad mode switched off"
