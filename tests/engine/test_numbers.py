"""Numbers into tensors: which dtype PyTorch picks, and that a number given a dtype goes
straight into it (float64 programs written with literals keep every digit).

The exact values are checked against Python's own floats, so these tests need no
PyTorch; the dtype rules are a table, checked against PyTorch where it is installed.
"""
import numpy as np
import pytest

import minigrad
from .helper import same_in_both

f64 = minigrad.float64


# -- a dtype given: each number is rounded once, to that dtype ---------------------------
@pytest.mark.parametrize("make", [
    lambda v: minigrad.tensor(v, dtype=f64),
    lambda v: minigrad.tensor([v], dtype=f64)[0],
    lambda v: minigrad.tensor([[v]], dtype=f64)[0, 0],
    lambda v: minigrad.tensor((v,), dtype=f64)[0],
    lambda v: minigrad.as_tensor([v], dtype=f64)[0],
    lambda v: minigrad.as_tensor(v, dtype=f64),
    lambda v: minigrad.full((2,), v, dtype=f64)[1],
    lambda v: minigrad.full_like(minigrad.zeros(2, dtype=f64), v)[0],
    lambda v: minigrad.zeros(2, dtype=f64).fill_(v)[0],
    lambda v: minigrad.zeros(2, dtype=f64).new_tensor([v])[0],
    lambda v: minigrad.tensor([minigrad.tensor(v, dtype=f64)], dtype=f64)[0],
    lambda v: minigrad.tensor(np.float64(v)),
    lambda v: minigrad.tensor([np.float64(v), 1])[0],
], ids=["tensor(v)", "tensor([v])", "tensor([[v]])", "tensor((v,))", "as_tensor([v])",
        "as_tensor(v)", "full", "full_like", "fill_", "new_tensor", "[0-d float64 tensor]",
        "NumPy float64 scalar", "[NumPy float64, int]"])
@pytest.mark.parametrize("value", [0.1, 1 / 3, 1e300, 1e-50, -2.718281828459045, 5e-324])
def test_float64_from_python_numbers_keeps_every_digit(make, value):
    t = make(value)
    assert t.dtype is f64
    assert t.item() == value


def test_a_float64_vector_of_literals_is_exact():
    x = minigrad.tensor([1e300, 1e-50, 0.1], dtype=f64)
    assert x.tolist() == [1e300, 1e-50, 0.1]
    assert (x * 1e-50).tolist() == [1e300 * 1e-50, 1e-50 * 1e-50, 0.1 * 1e-50]
    assert minigrad.tensor([0.1] * 3, dtype=f64).sum().item() == 0.1 + 0.1 + 0.1


SCALAR_OPS = {  # minigrad's op, and the same op in NumPy float64 (the exact reference)
    "x * c": (lambda x, c: x * c, np.multiply), "c * x": (lambda x, c: c * x, np.multiply),
    "x + c": (lambda x, c: x + c, np.add), "c + x": (lambda x, c: c + x, np.add),
    "x - c": (lambda x, c: x - c, np.subtract),
    "c - x": (lambda x, c: c - x, lambda x, c: c - x),
    "x / c": (lambda x, c: x / c, np.divide),
    "c / x": (lambda x, c: c / x, lambda x, c: c * (1 / x)),  # PyTorch: reciprocal, then times c
    "x ** c": (lambda x, c: x ** c, np.power), "c ** x": (lambda x, c: c ** x, lambda x, c: c ** x),
    "clamp(min=c)": (lambda x, c: x.clamp(min=c), lambda x, c: np.maximum(x, c)),
    "where(x > 1, x, c)": (lambda x, c: minigrad.where(x > 1, x, c),
                           lambda x, c: np.where(x > 1, x, c)),
}


@pytest.mark.parametrize("name", SCALAR_OPS)
def test_float64_ops_with_python_numbers_are_exact(name):
    op, reference = SCALAR_OPS[name]
    values = np.array([0.3, 1.7, 2.5])
    x = minigrad.tensor(values.tolist(), dtype=f64, requires_grad=True)
    got = op(x, 0.1)
    assert got.dtype is f64
    np.testing.assert_array_equal(got.detach().numpy(), reference(values, 0.1))


@pytest.mark.parametrize("op", ["log2", "log10"])
def test_log2_and_log10_gradients_are_pytorch_s_to_the_last_bit(op, torch):
    """Their derivatives divide by x · ln 2 and x · ln 10 with PyTorch's constants
    (math.log(10) is one bit larger and shifts the last digit)."""
    grads = []
    for lib in (minigrad, torch):
        x = lib.tensor([0.5, 1.5, 3.0, 7.25], dtype=lib.float64, requires_grad=True)
        getattr(x, op)().sum().backward()
        grads.append(x.grad.tolist())
    assert grads[0] == grads[1]


def test_integer_dtype_given_truncates_and_refuses_what_does_not_fit():
    assert minigrad.tensor([1.7, -1.7], dtype=minigrad.int64).tolist() == [1, -1]
    assert minigrad.tensor([-1, -255], dtype=minigrad.uint8).tolist() == [255, 1]  # two's complement
    for data, dtype in [([300], "uint8"), ([-0.5], "uint8"), ([1e20], "int64"),
                        ([float("nan")], "int64"), ([-129], "int8")]:
        with pytest.raises(RuntimeError, match=f"value cannot be converted to type {dtype} "
                                               f"without overflow"):
            minigrad.tensor(data, dtype=getattr(minigrad, dtype))


# -- no dtype: PyTorch's inference ----------------------------------------------------------
INFERRED = [
    # (data as a function of lib, the dtype PyTorch infers)
    (lambda lib: 0.1, "float32"), (lambda lib: 3, "int64"), (lambda lib: True, "bool"),
    (lambda lib: [1, 2.5], "float32"), (lambda lib: [True, 2], "int64"),
    (lambda lib: [True, 2.0], "float32"), (lambda lib: [], "float32"),
    (lambda lib: [[1, 2], [3, 4.0]], "float32"), (lambda lib: (1, 2), "int64"),
    (lambda lib: range(3), "int64"), (lambda lib: [range(2), range(2)], "int64"),
    (lambda lib: np.float64(1.5), "float64"), (lambda lib: np.int32(3), "int32"),
    (lambda lib: np.float32(3), "float32"), (lambda lib: np.bool_(True), "bool"),
    (lambda lib: [np.float64(1.5), 2], "float64"), (lambda lib: [np.int32(3)], "int32"),
    (lambda lib: [np.int32(3), 2], "int64"), (lambda lib: [np.float16(3), 2], "float16"),
    (lambda lib: [np.float32(0.1), np.float64(0.1)], "float64"),
    (lambda lib: np.array([1.5]), "float64"), (lambda lib: np.array([1], dtype=np.int16), "int16"),
    (lambda lib: [np.array([1.5, 2.0]), [3, 4]], "float64"),
    (lambda lib: [np.array([1, 2], dtype=np.int32), np.array([3, 4], dtype=np.int16)], "int32"),
    (lambda lib: [lib.tensor(1.5, dtype=lib.float64), 2.0], "float64"),
    (lambda lib: [lib.tensor(1.5, dtype=lib.float16), 2], "float16"),
    (lambda lib: [lib.tensor([1.5]), lib.tensor([2])], "float32"),
    (lambda lib: [2 ** 63, 1.0], "float32"),
]


@pytest.mark.parametrize("data, dtype", INFERRED, ids=[f"{i}-{d}" for i, (_, d) in enumerate(INFERRED)])
def test_inferred_dtype(data, dtype):
    assert minigrad.tensor(data(minigrad)).dtype is getattr(minigrad, dtype)


@pytest.mark.torch
@pytest.mark.parametrize("data, dtype", INFERRED, ids=[f"{i}-{d}" for i, (_, d) in enumerate(INFERRED)])
@pytest.mark.filterwarnings("ignore:Creating a tensor from a list of numpy.ndarrays")
def test_inferred_dtype_and_values_as_pytorch(data, dtype, torch):
    same_in_both(lambda lib: lib.tensor(data(lib)), torch)


def test_python_floats_round_once_to_float32():
    """0.1 becomes the float32 nearest to 0.1: rounding through another type first could
    land on a neighbour."""
    assert minigrad.tensor([0.1]).item() == float(np.float32(0.1))
    assert minigrad.tensor([1e300]).item() == float("inf")  # tensor() lets floats overflow


def test_dtype_promotion_across_categories(torch):
    def program(lib):
        return [lib.promote_types(a, b) for a in (lib.int64, lib.uint8, lib.bool)
                for b in (lib.float16, lib.float32, lib.int8, lib.bool)] + [
            lib.result_type(lib.tensor([1]), 1.0), lib.result_type(lib.tensor([1.0]), 2),
            lib.can_cast(lib.float64, lib.int32), lib.can_cast(lib.int32, lib.float16)]

    same_in_both(program, torch)


# -- factories and ops with numbers, against PyTorch ---------------------------------------
FACTORIES = {
    "full with an int": lambda lib: lib.full((2,), 3),
    "full with a bool": lambda lib: lib.full((2,), True),
    "full(-1.5, int64) truncates": lambda lib: lib.full((2,), -1.5, dtype=lib.int64),
    "full(1.5, bool)": lambda lib: lib.full((2,), 1.5, dtype=lib.bool),
    "full_like of an int tensor with 2.7": lambda lib: lib.full_like(lib.tensor([1, 2]), 2.7),
    "fill_(-1) of uint8 wraps": lambda lib: lib.zeros(2, dtype=lib.uint8).fill_(-1),
    "fill_(1.5) of int64": lambda lib: lib.zeros(2, dtype=lib.int64).fill_(1.5),
    "arange(0, 5, 1.5, dtype=int64) steps by 1": lambda lib: lib.arange(0, 5, 1.5, dtype=lib.int64),
    "arange(0.5, 5, dtype=int64)": lambda lib: lib.arange(0.5, 5, dtype=lib.int64),
    "arange(300, dtype=uint8) wraps": lambda lib: lib.arange(300, dtype=lib.uint8),
    "arange(0, 1, 0.1, float64)": lambda lib: lib.arange(0, 1, 0.1, dtype=lib.float64),
    "arange past 2**53 in int64": lambda lib: lib.arange(2 ** 53, 2 ** 53 + 3),
    "linspace(0, 0.1, 3, float64)": lambda lib: lib.linspace(0, 0.1, 3, dtype=lib.float64),
    "Tensor() is empty": lambda lib: lib.Tensor(),
    "Tensor([0.1]) is float32": lambda lib: lib.Tensor([0.1]),
    "uint8 * 300 wraps": lambda lib: lib.ones(2, dtype=lib.uint8) * 300,
    "300 - uint8": lambda lib: 300 - lib.ones(2, dtype=lib.uint8),
    "int64 == 16777216.0 compares in float32": lambda lib: lib.tensor([16777217]) == 16777216.0,
    "int64 < 1.5": lambda lib: lib.tensor([1, 2]) < 1.5,
    "0.1 - int64 in float32": lambda lib: 0.1 - lib.tensor([16777217, 3]),
    "where(mask, 0.1, 0.2)": lambda lib: lib.where(lib.tensor([True, False]), 0.1, 0.2),
    "where(mask, 1, 2)": lambda lib: lib.where(lib.tensor([True, False]), 1, 2),
    "where(mask, 1, 2.5)": lambda lib: lib.where(lib.tensor([True, False]), 1, 2.5),
    "bool & int is bitwise": lambda lib: lib.tensor([True, False]) & lib.tensor([1, 3]),
    "bool ^ bool": lambda lib: lib.tensor([True, False]) ^ lib.tensor([True, True]),
    "int | bool": lambda lib: lib.tensor([4, 2]) | lib.tensor([True, False]),
    "~int": lambda lib: ~lib.tensor([1, 2]),
    "logical_xor": lambda lib: lib.logical_xor(lib.tensor([1, 0]), lib.tensor([True, True])),
    "logical_not of floats": lambda lib: lib.logical_not(lib.tensor([0.0, 2.0])),
    "sign of bool": lambda lib: lib.tensor([True, False]).sign(),
    "float16 + int64": lambda lib: lib.tensor([1, 2], dtype=lib.float16) + lib.tensor([3]),
    "uint8 - int8": lambda lib: lib.tensor([1, 2], dtype=lib.uint8) - lib.tensor([3], dtype=lib.int8),
    "isnan, isinf, isfinite": lambda lib: [f(lib.tensor([1.0, float("nan"), float("inf"), -float("inf")]))
                                           for f in (lib.isnan, lib.isinf, lib.isfinite)],
    "round halves to even": lambda lib: lib.tensor([0.5, 1.5, 2.5, -0.5, -1.5]).round(),
    "floor, ceil, trunc of negatives": lambda lib: [f(lib.tensor([-1.5, 1.5])) for f in (
        lib.floor, lib.ceil, lib.trunc)],
    "round of an int tensor": lambda lib: lib.tensor([1, 2]).round(),
    "floor, ceil, trunc, abs, relu, sign of uint8 keep uint8": lambda lib: [
        f(lib.tensor([3, 0], dtype=lib.uint8)) for f in (lib.floor, lib.ceil, lib.trunc, lib.abs,
                                                         lib.relu, lib.sign)],
    "a step function's gradient is 0 even where the incoming one is inf or nan": lambda lib: [
        lib.autograd.grad(f(x), x, lib.tensor([float("inf"), float("nan")]))[0]
        for x in [lib.tensor([1.5, -2.0], requires_grad=True)] for f in (lib.sign, lib.round)],
    "arange(-8.0, 8.0, 0.1), the D2L activation plots": lambda lib: lib.arange(-8.0, 8.0, 0.1),
    "arange(0, 1000, 0.37)": lambda lib: lib.arange(0, 1000, 0.37),
    "arange(5.0, -3.0, -0.7) in float64": lambda lib: lib.arange(5.0, -3.0, -0.7, dtype=lib.float64),
    "sigmoid far below 0 is exactly 0": lambda lib: lib.tensor([-100.0, -88.0, 0.0, 100.0]).sigmoid(),
}


@pytest.mark.parametrize("name", FACTORIES)
def test_factories_and_number_ops_as_pytorch(name, torch):
    same_in_both(FACTORIES[name], torch)


# -- every operator on every pair of operand kinds -------------------------------------------
KINDS = ([("number", v) for v in (True, 3, 2.5)] +
         [(rank, d) for rank in ("0-d", "1-d") for d in ("bool", "uint8", "int8", "int32", "int64",
                                                          "float16", "float32", "float64")])
SAMPLE = {"bool": [True, False], "uint8": [3, 200], "int8": [-3, 7], "int32": [5, -2],
          "int64": [7, -4], "float16": [1.5, -2.25], "float32": [0.5, 3.25], "float64": [1.25, -0.75]}
OPERATORS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
             "/": lambda a, b: a / b, "**": lambda a, b: a ** b, "//": lambda a, b: a // b,
             "%": lambda a, b: a % b, "<": lambda a, b: a < b, "==": lambda a, b: a == b,
             "&": lambda a, b: a & b, "|": lambda a, b: a | b, "^": lambda a, b: a ^ b}


def _operand_of(lib, kind):
    rank, what = kind
    if rank == "number":
        return what
    values = SAMPLE[what]
    return lib.tensor(values[0] if rank == "0-d" else values, dtype=getattr(lib, what))


def _outcome(lib, name, a, b):
    """What ``a op b`` gives: the dtype and the values, or the exception's type."""
    try:
        result = OPERATORS[name](_operand_of(lib, a), _operand_of(lib, b))
    except Exception as error:  # noqa: BLE001 - the type is compared with PyTorch's
        return type(error).__name__
    return repr(result.dtype), result.detach().numpy().astype(np.float64).reshape(-1)


@pytest.mark.parametrize("name", OPERATORS)
def test_every_operand_pairing_gives_pytorch_s_dtype_values_or_error(name, torch):
    """Python numbers, 0-d and 1-d tensors of every dtype, on both sides: PyTorch's
    promotion rules, integer wrap-around and bool refusals, case by case."""
    import warnings
    mismatches = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch's own warnings (integer division)
        for a in KINDS:
            for b in KINDS:
                if a[0] == b[0] == "number":
                    continue
                ours, theirs = _outcome(minigrad, name, a, b), _outcome(torch, name, a, b)
                same = (ours == theirs if isinstance(theirs, str) or isinstance(ours, str) else
                        ours[0] == theirs[0] and np.allclose(ours[1], theirs[1], rtol=1e-6,
                                                             equal_nan=True))
                if not same:
                    mismatches.append(f"{a} {name} {b}: minigrad {ours}, torch {theirs}")
    assert not mismatches, "\n".join(mismatches)
