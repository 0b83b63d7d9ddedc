"""Tensors print exactly as PyTorch prints them: the notes compare printed output with
the book's, so every space matters. Each row builds the same tensor in both libraries
and compares ``repr`` (and ``str``)."""
import numpy as np
import pytest

import minigrad

pytestmark = pytest.mark.torch

RNG = np.random.default_rng(7)
NORMAL = RNG.standard_normal((40, 40))


def _np(lib, values, dtype="float32", **kwargs):
    return lib.tensor(np.asarray(values), dtype=getattr(lib, dtype), **kwargs)


REPRS = {
    # integers
    "int vector": lambda lib: lib.tensor([1, 2, 3]),
    "int widths": lambda lib: lib.tensor([-10, 200, 3]),
    "int 0-d": lambda lib: lib.tensor(5),
    "int matrix": lambda lib: lib.tensor([[1, -2], [300, 4]]),
    "int32 suffix": lambda lib: lib.tensor([1, 2], dtype=lib.int32),
    "arange(4)": lambda lib: lib.arange(4),
    "long int line wraps": lambda lib: lib.arange(100) * 1000,
    "int 1001 elements summarized": lambda lib: lib.arange(1001),
    # floats
    "arange(4.0)": lambda lib: lib.arange(4.0),
    "whole floats with widths": lambda lib: lib.tensor([0.0, 4.0, 8.0, 12.0]),
    "negative whole floats": lambda lib: lib.tensor([1.0, -2.0, 30.0]),
    "four decimals": lambda lib: lib.tensor([0.0, 0.5, 1.0, 1.5]),
    "thirds": lambda lib: lib.tensor([1 / 3, 2 / 3, -1 / 3]),
    "float 0-d": lambda lib: lib.tensor(28.0),
    "negative float 0-d": lambda lib: lib.tensor(-5.0),
    "fractional 0-d": lambda lib: lib.tensor(0.8392),
    "zero 0-d": lambda lib: lib.tensor(0.0),
    "negative zero": lambda lib: lib.tensor([-0.0, 1.0]),
    "sci: small values": lambda lib: lib.tensor([1e-5, 1.0]),
    "sci: wide range": lambda lib: lib.tensor([0.001, 2.0, 5.0]),
    "sci: big values": lambda lib: lib.tensor([1e9, 1.0]),
    "sci 0-d": lambda lib: lib.tensor(1.5e-10),
    "big 0-d float": lambda lib: lib.tensor(31519528.0),
    "1000.5 and 1": lambda lib: lib.tensor([1.0, 1000.5]),
    "inf and nan": lambda lib: lib.tensor([1.0, float("inf"), float("nan"), -float("inf")]),
    "only inf": lambda lib: lib.tensor([float("inf")]),
    "float matrix": lambda lib: _np(lib, NORMAL[:2, :3]),
    "float 3-d": lambda lib: _np(lib, NORMAL[:2, :2, None].repeat(3, axis=2)),
    "4-d": lambda lib: lib.arange(16.0).reshape(2, 2, 2, 2),
    "float line wraps": lambda lib: lib.arange(30.0) / 7,
    "linspace(0, 1, 50)": lambda lib: lib.linspace(0, 1, 50),
    "wide matrix wraps rows": lambda lib: _np(lib, NORMAL[:3, :20]),
    "summarized vector": lambda lib: lib.arange(2000.0),
    "summarized matrix": lambda lib: _np(lib, NORMAL),
    "summarized 3-d": lambda lib: lib.arange(3000.0).reshape(10, 10, 30),
    "summarized sci": lambda lib: lib.arange(2000.0) * 1e-6,
    "exactly 1000 elements: not summarized": lambda lib: lib.arange(1000.0) / 3,
    "summarized int matrix": lambda lib: lib.arange(2000).reshape(40, 50),
    "1e8 boundary": lambda lib: lib.tensor([1e8, 1.0]),
    "1e-4 boundary": lambda lib: lib.tensor([1e-4, 0.1]),
    "big whole floats": lambda lib: lib.tensor([12345678.0, 1.0]),
    "negative sci": lambda lib: lib.tensor([-1e-5, 1.0, -250.0]),
    "sci matrix": lambda lib: _np(lib, NORMAL[:3, :3] * 10.0 ** np.arange(-3, 6).reshape(3, 3)),
    "float32 0.1": lambda lib: lib.tensor([0.1, 0.2, 0.3]),
    "Jacobian matrix": lambda lib: lib.tensor([[2.0, 3.0, 2.0, 0.0], [0.0, 4.0, 16.0, 26.0]]),
    # float64 and other dtypes
    "float64 vector": lambda lib: lib.tensor([1.0, 2.5], dtype=lib.float64),
    "float64 0-d": lambda lib: lib.tensor(2.0, dtype=lib.float64),
    "float64 from numpy": lambda lib: lib.tensor(np.array([0.1, 0.2])),
    "float64 long line": lambda lib: lib.arange(20.0, dtype=lib.float64) / 3,
    "float16": lambda lib: lib.tensor([1.5, -2.0], dtype=lib.float16),
    "bool vector": lambda lib: lib.tensor([True, False]),
    "bool 0-d": lambda lib: lib.tensor(True),
    "comparison matrix": lambda lib: lib.arange(6.0).reshape(2, 3) > 2,
    # empty
    "empty": lambda lib: lib.tensor([]),
    "empty 2-d": lambda lib: lib.zeros(0, 3),
    "empty int": lambda lib: lib.zeros(2, 0, dtype=lib.int64),
    "empty float64": lambda lib: lib.zeros(0, dtype=lib.float64),
    # autograd suffixes
    "requires_grad leaf": lambda lib: lib.arange(4.0, requires_grad=True),
    "requires_grad 0-d": lambda lib: lib.tensor(0.8392, requires_grad=True),
    "float64 requires_grad": lambda lib: lib.ones(2, dtype=lib.float64, requires_grad=True),
    "grad_fn": lambda lib: lib.arange(4.0, requires_grad=True) * 2,
    "grad_fn 0-d": lambda lib: lib.arange(4.0, requires_grad=True).sum(),
    "grad_fn with dtype": lambda lib: lib.ones(3, dtype=lib.float64, requires_grad=True).exp(),
    "grad_fn of a long line": lambda lib: (lib.arange(12.0, requires_grad=True) / 7).exp(),
    "suffixes wrap to a new line": lambda lib: lib.arange(7.0, dtype=lib.float64, requires_grad=True) / 7,
    "grad_fn of a matrix": lambda lib: lib.ones(2, 3, requires_grad=True).t(),
    "empty with grad": lambda lib: lib.zeros(0, requires_grad=True) * 2,
}


@pytest.mark.parametrize("build", REPRS.values(), ids=REPRS.keys())
def test_repr_is_pytorchs(build, torch):
    ours, theirs = build(minigrad), build(torch)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


OTHER = {
    "Size": lambda lib: lib.ones(2, 3).shape,
    "Size of 0-d": lambda lib: lib.tensor(1.0).shape,
    "dtype": lambda lib: lib.arange(4.0).dtype,
    "dtypes": lambda lib: [lib.float32, lib.float64, lib.int64, lib.bool, lib.float, lib.long],
    "max(dim)": lambda lib: lib.tensor([[1.0, 5.0], [3.0, 2.0]]).max(dim=1),
    "min(dim) with grad": lambda lib: lib.tensor([[1.0, 5.0], [3.0, 2.0]], requires_grad=True).min(0),
    "grad_fn object": lambda lib: (lib.ones(2, requires_grad=True) * 2).grad_fn,
    "no_grad result": lambda lib: _no_grad_result(lib),
    "f-string of 0-d": lambda lib: f"{lib.tensor(2.5)} {lib.tensor(2.5):.3f} {lib.tensor(7):d}",
    "tolist": lambda lib: lib.tensor([[1.5, 2.0]]).tolist(),
    "item": lambda lib: lib.tensor([3.25]).item(),
    "device": lambda lib: lib.ones(1).device,
    "type()": lambda lib: [lib.ones(1).type(), lib.ones(1, dtype=lib.int64).type()],
}


def _no_grad_result(lib):
    with lib.no_grad():
        return lib.ones(2, requires_grad=True) * 2


@pytest.mark.parametrize("build", OTHER.values(), ids=OTHER.keys())
def test_other_reprs_are_pytorchs(build, torch):
    import re
    ours, theirs = (re.sub(r"0x[0-9a-f]+", "0x…", repr(build(lib))) for lib in (minigrad, torch))
    assert ours == theirs


@pytest.mark.parametrize("spec", ["", ".2f", ">20"])
@pytest.mark.parametrize("values", [1.5, [1.5], [[1.0, 2.0]]])
def test_format_of_a_tensor_is_pytorchs(values, spec, torch):
    def formatted(lib):
        try:
            return format(lib.tensor(values), spec)
        except Exception as error:
            return type(error).__name__, str(error)
    assert formatted(minigrad) == formatted(torch)
