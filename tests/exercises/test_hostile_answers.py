"""Whatever a student passes to check(), or whatever their function does when called, the
answer is a hint in a box: never a stack trace, never a hang, never "right"."""
import numpy as np
import pytest

import minigrad as torch
from minigrad.exercises import check, exercises, limits, set_language


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(limits, "CHECK_SECONDS", 0.5)
    set_language("en")


def self_containing():
    box = []
    box.append(box)
    return box


def wide_and_self_containing():
    box = []
    box.extend([box] * 20)
    return box


class FloatRaises(float):
    def __float__(self):
        raise ValueError("no float for you")


class LenRaises(list):
    def __len__(self):
        raise RuntimeError("no len")


class GetItemRaises(tuple):
    def __getitem__(self, index):
        raise SystemExit("bye")


class ShapeRaises(np.ndarray):
    @property
    def shape(self):
        raise RuntimeError("no shape")


class ClassRaises:
    @property
    def __class__(self):
        raise RuntimeError("who am I")


class EverythingRaises:
    def __getattr__(self, name):
        raise KeyboardInterrupt

    def __eq__(self, other):
        raise SystemExit

    def __bool__(self):
        raise SystemExit

    def __repr__(self):
        raise SystemExit


class StrRaisingError(Exception):
    def __str__(self):
        raise SystemExit


class TensorWithBrokenGrad(torch.Tensor):
    @property
    def grad(self):
        raise RuntimeError("no grad")


def raiser(error):
    def function(*args, **kwargs):
        raise error
    return function


def forever(*args, **kwargs):
    while True:
        pass


def recurse(*args):
    return recurse(*args)


def returns(value):
    return lambda *args, **kwargs: value


def broken_shape_array():
    return np.zeros(3).view(ShapeRaises)


ODD_VALUES = {
    "self-containing list": self_containing, "wide self-containing list": wide_and_self_containing,
    "float whose __float__ raises": lambda: FloatRaises(1.0),
    "list whose __len__ raises": lambda: LenRaises([1.0, 2.0]),
    "tuple whose items raise SystemExit": lambda: GetItemRaises((1.0,)),
    "array whose .shape raises": broken_shape_array, "object whose __class__ raises": ClassRaises,
    "object where everything raises": EverythingRaises,
    "tensor whose .grad raises": lambda: TensorWithBrokenGrad([1.0, 2.0]),
    "huge int": lambda: 10 ** 400, "nan": lambda: float("nan"), "complex": lambda: 1 + 2j,
    "bytes": lambda: b"\xff", "dict": lambda: {"a": 1}, "set": lambda: {1.0}, "generator": lambda: (i for i in range(3)),
    "object array": lambda: np.array([object(), 1], dtype=object),
    "string array": lambda: np.array(["a", "b"]), "empty tensor": lambda: torch.tensor([]),
    "integer tensor": lambda: torch.arange(3), "module": lambda: np,
}
ODD_FUNCTIONS = {
    "raises SystemExit": lambda: raiser(SystemExit(3)),
    "raises KeyboardInterrupt": lambda: raiser(KeyboardInterrupt()),
    "raises GeneratorExit": lambda: raiser(GeneratorExit()),
    "raises an error whose str raises": lambda: raiser(StrRaisingError()),
    "never returns": lambda: forever, "recurses forever": lambda: recurse,
    "returns a self-containing list": lambda: returns(self_containing()),
    "returns an object where everything raises": lambda: returns(EverythingRaises()),
    "returns a list whose len raises": lambda: returns(LenRaises([1.0])),
    "returns nan": lambda: returns(float("nan")), "returns itself": lambda: (f := lambda *a: f),
}


def hint_not_trace(exercise_id, answer):
    feedback = check(exercise_id, answer)
    text = feedback.text("en")
    assert not feedback.passed, text
    assert "Traceback" not in text and "not yet" not in text[text.index("—") + 9:].lower()
    assert feedback.text("zh") and feedback._repr_html_()
    return text


@pytest.mark.parametrize("value", ODD_VALUES, ids=str)
@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_odd_values_get_a_hint(ex, value):
    hint_not_trace(ex.id, ODD_VALUES[value]())


@pytest.mark.parametrize("function", ODD_FUNCTIONS, ids=str)
@pytest.mark.parametrize("ex", [e for e in exercises() if e.live], ids=lambda e: e.id)
def test_odd_functions_get_a_hint(ex, function):
    hint_not_trace(ex.id, ODD_FUNCTIONS[function]())


@pytest.mark.parametrize("ex", [e for e in exercises() if e.live and e.expects == "function"],
                         ids=lambda e: e.id)
def test_a_function_that_never_returns_is_stopped_and_named(ex):
    text = hint_not_trace(ex.id, forever)
    assert "did not finish within 0.5 seconds" in text, text


def test_a_custom_function_whose_backward_never_returns_is_stopped():
    class Stuck(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return 1 / (1 + torch.exp(-x))

        @staticmethod
        def backward(ctx, grad):
            while True:
                pass

    assert "did not finish" in hint_not_trace("custom_function", Stuck)


def test_the_time_limit_leaves_no_alarm_behind():
    import signal
    hint_not_trace("branch_derivative", forever)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
