"""Random numbers: the same as PyTorch's after the same seed, bit for bit.

The tests that take the ``torch`` fixture draw in both libraries and compare the bits;
the others check what holds without PyTorch (repeatability, shapes, dtypes, ranges,
generators, states) and a few of PyTorch's values written down.
"""
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import minigrad
from minigrad.random import _fma32, _fma64

REPO = Path(__file__).resolve().parents[2]
SIZES = [0, 1, 3, 15, 16, 17, 31, 32, 33, 100, 1000, (64, 1000), (3, 5), ()]
SEEDS = [0, 1, 42, 2**40 + 7, -5]
FLOATS = ["float32", "float64"]


def assert_same_bits(ours, theirs):
    theirs = theirs.numpy()
    assert ours.dtype.name == str(theirs.dtype) and tuple(ours.shape) == theirs.shape
    if theirs.dtype.kind == "f":  # compare bits, so that -0.0 != 0.0 and 1 ulp shows
        ours, theirs = ours._data.view(f"u{theirs.itemsize}"), theirs.view(f"u{theirs.itemsize}")
    else:
        ours = ours._data
    np.testing.assert_array_equal(ours, theirs)


def both(torch, seed):
    torch.manual_seed(seed)
    minigrad.manual_seed(seed)


def size_args(size):
    return size if isinstance(size, tuple) else (size,)


# ---- PyTorch's numbers, compared with PyTorch ---------------------------------------------

@pytest.mark.torch
@pytest.mark.parametrize("function", ["rand", "randn"])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("seed", SEEDS)
def test_rand_and_randn_match_pytorch(torch, function, dtype, size, seed):
    both(torch, seed)
    theirs = getattr(torch, function)(size_args(size), dtype=getattr(torch, dtype))
    ours = getattr(minigrad, function)(size_args(size), dtype=getattr(minigrad, dtype))
    assert_same_bits(ours, theirs)


@pytest.mark.torch
def test_randn_of_size_0d_matches_pytorch(torch):
    both(torch, 3)
    assert_same_bits(minigrad.randn(size=()), torch.randn(size=()))
    assert_same_bits(minigrad.randn(size=()), torch.randn(size=()))  # the cached second value


@pytest.mark.torch
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("size", [1, 5, 16, 40, 100])
def test_normal_with_mean_and_std_matches_pytorch(torch, dtype, size):
    both(torch, 7)
    for mean, std in [(2.5, 3.7), (-1.3, 0.1), (0.0, 0.0)]:
        theirs = torch.normal(mean, std, (size,), dtype=getattr(torch, dtype))
        assert_same_bits(minigrad.normal(mean, std, (size,), dtype=getattr(minigrad, dtype)), theirs)


@pytest.mark.torch
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("shape", [(3,), (2, 20), (4, 5), (0,), ()], ids=str)
@pytest.mark.parametrize("view", ["whole", "transposed", "sliced"])
def test_normal_and_uniform_in_place_match_pytorch(torch, dtype, shape, view):
    """``w.normal_(0, 0.01)``, ``w.uniform_(-a, a)`` (D2L's initialisations): the same bits
    as PyTorch, also into views, which PyTorch fills in the order of memory."""
    pick = {"whole": lambda t: t, "transposed": lambda t: t.t() if t.dim() == 2 else t,
            "sliced": lambda t: t[..., 1:] if t.dim() else t}[view]
    both(torch, 11)
    made = {}
    for lib in (minigrad, torch):
        t = lib.zeros(shape, dtype=getattr(lib, dtype))
        pick(t).normal_(0.5, 0.01)
        u = lib.ones(shape, dtype=getattr(lib, dtype))
        pick(u).uniform_(-1 / 3, 1 / 7)
        v = lib.empty(shape, dtype=getattr(lib, dtype)).uniform_()
        made[lib] = t, u, v, lib.randn(3, dtype=getattr(lib, dtype))  # the generator moved alike
    for ours, theirs in zip(made[minigrad], made[torch]):
        assert_same_bits(ours, theirs)


@pytest.mark.torch
def test_normal_and_uniform_in_place_keyword_arguments(torch):
    for lib in (minigrad, torch):
        lib.manual_seed(2)
    g = {lib: lib.Generator().manual_seed(9) for lib in (minigrad, torch)}
    for lib in (minigrad, torch):
        g[lib] = (lib.empty(17).normal_(mean=1, std=2, generator=g[lib]),
                  lib.empty(3).normal_(lib.tensor(0.5), lib.tensor(2.0)),
                  lib.empty(3).uniform_(lib.tensor(-1.0), 1),
                  lib.empty(5).uniform_(**{"from": 2, "to": 3}), lib.rand(2))
    for ours, theirs in zip(g[minigrad], g[torch]):
        assert_same_bits(ours, theirs)


@pytest.mark.torch
def test_nn_init_fills_weights_with_pytorchs_numbers(torch):
    """``nn.init.xavier_uniform_(w)`` and friends on a leaf that requires grad: PyTorch's
    numbers after the same seed, the leaf still a leaf."""
    made = {}
    for lib in (minigrad, torch):
        lib.manual_seed(3)
        init = lib.nn.init
        w = lib.empty(3, 5, requires_grad=True)
        init.xavier_uniform_(w)
        made[lib] = (w.detach(), init.xavier_normal_(lib.empty(4, 4), gain=init.calculate_gain("tanh")),
                     init.kaiming_uniform_(lib.empty(2, 3, 2)),
                     init.kaiming_normal_(lib.empty(3, 2), mode="fan_out", nonlinearity="relu"),
                     init.normal_(lib.empty(20), 0, 0.01), init.uniform_(lib.empty(2), -1, 1),
                     init.constant_(lib.empty(2), 0.3), init.zeros_(lib.empty(2)), init.ones_(lib.empty(1)))
        assert w.is_leaf and w.requires_grad
    for ours, theirs in zip(made[minigrad], made[torch]):
        assert_same_bits(ours, theirs)


def test_normal_in_place_after_manual_seed_is_randn():
    """``randn`` is ``normal_(0, 1)`` into a new tensor: the same numbers from the same seed."""
    for shape in [(5,), (40,), (3, 7)]:
        minigrad.manual_seed(4)
        expected = minigrad.randn(shape)
        minigrad.manual_seed(4)
        np.testing.assert_array_equal(minigrad.empty(shape).normal_()._data, expected._data)
        minigrad.manual_seed(4)
        expected = minigrad.rand(shape) * 2 - 1
        minigrad.manual_seed(4)
        np.testing.assert_allclose(minigrad.empty(shape).uniform_(-1, 1)._data, expected._data,
                                   atol=1e-7)


def test_normal_and_uniform_in_place_record_no_gradient():
    """On a tensor in a graph they are recorded (NormalBackward0, UniformBackward0) and cut
    the gradient: the new values do not depend on the old ones."""
    w = minigrad.ones(3, requires_grad=True)
    y = w * 2
    y.normal_()
    assert type(y.grad_fn).__name__ == "NormalBackward0" and y._version == 1
    z = w * 3
    z[1:].uniform_(0, 1)
    assert type(z.grad_fn).__name__ == "CopySlices"
    (y.sum() + z.sum()).backward()
    assert w.grad.tolist() == [3.0, 0.0, 0.0]
    with minigrad.no_grad():
        w.uniform_(-0.1, 0.1)
    assert w.is_leaf and ((w >= -0.1) & (w < 0.1)).all()


@pytest.mark.torch
@pytest.mark.parametrize("low", [0, -5, -2**40])
@pytest.mark.parametrize("span", [1, 7, 1000, 2**28 - 1, 2**28, 2**31, 2**32 + 1, 2**45])
def test_randint_matches_pytorch(torch, low, span):
    both(torch, 11)
    for dtype in ["int64", "float64"]:
        theirs = torch.randint(low, low + span, (2, 9), dtype=getattr(torch, dtype))
        assert_same_bits(minigrad.randint(low, low + span, (2, 9), dtype=getattr(minigrad, dtype)),
                         theirs)


@pytest.mark.torch
@pytest.mark.parametrize("n", [0, 1, 2, 10, 1000])
def test_randperm_matches_pytorch(torch, n):
    both(torch, 5)
    assert_same_bits(minigrad.randperm(n), torch.randperm(n))


CALLS = st.sampled_from(["rand", "randn", "randint", "randperm", "normal"])
COUNTS = st.sampled_from([0, 1, 2, 3, 5, 15, 16, 17, 31, 33, 64, 100])


@pytest.mark.torch
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       calls=st.lists(st.tuples(CALLS, COUNTS, st.sampled_from(FLOATS)), max_size=12))
def test_interleaved_calls_leave_the_generator_as_pytorch_does(calls, seed):
    """The stream position and the cached second Box-Muller value evolve as in PyTorch:
    e.g. rand(3), randn(3), randn(20), randn(1) ... and the state bytes agree after."""
    torch = pytest.importorskip("torch")  # not the fixture: hypothesis reruns the body
    both(torch, seed)
    for function, n, dtype in calls:
        def run(lib):
            kind = getattr(lib, dtype)
            if function in ("rand", "randn"):
                return getattr(lib, function)(n, dtype=kind)
            if function == "randint":
                return lib.randint(-3, 2**30, (n,))
            if function == "randperm":
                return lib.randperm(n)
            return lib.normal(0.5, 2.0, (n,), dtype=kind)
        assert_same_bits(run(minigrad), run(torch))
    assert_same_bits(minigrad.get_rng_state(), torch.get_rng_state())


@pytest.mark.torch
def test_rng_state_is_pytorchs_bytes(torch):
    both(torch, 9)
    assert_same_bits(minigrad.get_rng_state(), torch.get_rng_state())  # seeded, nothing drawn
    minigrad.randn(1), torch.randn(1)  # leaves a cached normal
    assert_same_bits(minigrad.get_rng_state(), torch.get_rng_state())
    minigrad.rand(700), torch.rand(700)  # past a twist of the Mersenne Twister
    assert_same_bits(minigrad.get_rng_state(), torch.get_rng_state())


@pytest.mark.torch
def test_a_pytorch_state_loads_into_minigrad(torch):
    torch.manual_seed(4)
    torch.randn(1)
    state = torch.get_rng_state()
    minigrad.set_rng_state(minigrad.tensor(state.numpy()))
    assert_same_bits(minigrad.randn(3), torch.randn(3))
    assert minigrad.initial_seed() == torch.initial_seed() == 4


@pytest.mark.torch
def test_generator_matches_pytorchs_generator(torch):
    assert_same_bits(minigrad.rand(4, generator=minigrad.Generator()),
                     torch.rand(4, generator=torch.Generator()))  # the same default seed
    ours, theirs = minigrad.Generator().manual_seed(5), torch.Generator().manual_seed(5)
    assert_same_bits(minigrad.randn(20, generator=ours), torch.randn(20, generator=theirs))
    assert_same_bits(minigrad.randint(3, 9, (4,), generator=ours),
                     torch.randint(3, 9, (4,), generator=theirs))


@pytest.mark.torch
@pytest.mark.parametrize("seed", [-1, -2**63, 2**64 - 1, 2**32 + 3, 2.7])
def test_unusual_seeds_match_pytorch(torch, seed):
    both(torch, seed)
    assert minigrad.initial_seed() == torch.initial_seed()
    assert_same_bits(minigrad.rand(3), torch.rand(3))


# ---- without PyTorch ------------------------------------------------------------------

def test_known_pytorch_values_after_manual_seed_0():
    minigrad.manual_seed(0)
    assert minigrad.rand(3).tolist() == [0.49625658988952637, 0.7682217955589294,
                                         0.08847743272781372]
    minigrad.manual_seed(0)
    assert minigrad.randn(3).tolist() == [1.5409960746765137, -0.293428897857666,
                                          -2.1787893772125244]
    minigrad.manual_seed(0)
    assert minigrad.randn(17)[[0, 15, 16]].tolist() == [-1.1258398294448853, -0.843676745891571,
                                                        0.9318265914916992]
    minigrad.manual_seed(0)
    assert minigrad.randint(10, (6,)).tolist() == [4, 9, 3, 0, 3, 9]
    assert minigrad.randperm(6).tolist() == [1, 4, 3, 2, 5, 0]


def test_manual_seed_repeats_the_numbers():
    minigrad.manual_seed(123)
    first = [minigrad.rand(5), minigrad.randn(3), minigrad.randn(40), minigrad.randint(9, (4,))]
    minigrad.manual_seed(123)
    again = [minigrad.rand(5), minigrad.randn(3), minigrad.randn(40), minigrad.randint(9, (4,))]
    for a, b in zip(first, again):
        assert minigrad.equal(a, b)


def test_a_new_process_starts_from_an_unpredictable_seed():
    code = "import minigrad; print(minigrad.initial_seed(), minigrad.rand(1).item())"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=REPO).stdout for _ in range(2)}
    assert len(runs) == 2


def test_seed_reseeds_and_reports_the_seed():
    chosen = minigrad.seed()
    assert minigrad.initial_seed() == chosen
    assert minigrad.seed() != chosen
    assert 0 <= chosen < 2**64


@pytest.mark.parametrize("call", [lambda: minigrad.randn(2, 3), lambda: minigrad.randn((2, 3)),
                                  lambda: minigrad.randn([2, 3]),
                                  lambda: minigrad.randn(size=(2, 3))])
def test_sizes_can_be_given_several_ways(call):
    assert call().shape == (2, 3)


def test_size_0d_and_empty():
    assert minigrad.randn(size=()).shape == ()
    assert minigrad.rand(0, 4).shape == (0, 4)


def test_dtypes():
    assert minigrad.rand(2).dtype is minigrad.float32
    assert minigrad.randn(20, dtype=minigrad.float64).dtype is minigrad.float64
    assert minigrad.randint(5, (2,)).dtype is minigrad.int64
    assert minigrad.randint(5, (2,), dtype=minigrad.float32).dtype is minigrad.float32
    assert minigrad.randperm(4).dtype is minigrad.int64
    x = minigrad.zeros(2, 3, dtype=minigrad.float64)
    assert minigrad.rand_like(x).dtype is minigrad.float64
    assert minigrad.randn_like(x).shape == (2, 3)


def test_values_lie_in_their_ranges():
    uniform = minigrad.rand(10000)._data
    assert uniform.min() >= 0 and uniform.max() < 1
    ints = minigrad.randint(-3, 4, (1000,))._data
    assert ints.min() == -3 and ints.max() == 3
    assert sorted(minigrad.randperm(50).tolist()) == list(range(50))


def test_randn_looks_standard_normal():
    values = minigrad.randn(64, 1000)._data
    assert abs(values.mean()) < 0.02 and abs(values.std() - 1) < 0.02


def test_requires_grad_and_device():
    x = minigrad.randn(3, requires_grad=True, device="cpu")
    assert x.requires_grad and x.is_leaf
    with pytest.raises(RuntimeError):
        minigrad.randint(3, (2,), requires_grad=True)


def test_a_generator_keeps_its_own_stream():
    minigrad.manual_seed(1)
    expected = minigrad.rand(4)
    minigrad.manual_seed(1)
    g = minigrad.Generator().manual_seed(1)
    from_g = minigrad.rand(4, generator=g)
    assert minigrad.equal(from_g, expected)
    assert minigrad.equal(minigrad.rand(4), expected)  # the global stream did not move
    assert g.initial_seed() == 1 and g.device == minigrad.device("cpu")


def test_get_and_set_rng_state_replay_the_numbers():
    minigrad.randn(1)  # the state now holds a cached normal too
    state = minigrad.get_rng_state()
    first = minigrad.randn(5), minigrad.rand(700)
    minigrad.set_rng_state(state)
    again = minigrad.randn(5), minigrad.rand(700)
    assert all(minigrad.equal(a, b) for a, b in zip(first, again))
    assert state.shape == (5056,) and state.dtype is minigrad.uint8


def test_errors_say_what_pytorch_says():
    with pytest.raises(NotImplementedError, match="normal_kernel_cpu"):
        minigrad.randn(3, dtype=minigrad.int64)
    with pytest.raises(RuntimeError, match="from=5 >= to=5"):
        minigrad.randint(5, 5, (3,))
    with pytest.raises(RuntimeError, match="std >= 0.0"):
        minigrad.normal(0.0, -1.0, (3,))
    with pytest.raises(TypeError, match="ByteTensor"):
        minigrad.set_rng_state(minigrad.zeros(5056))
    with pytest.raises(RuntimeError, match="Invalid mt19937 state"):
        minigrad.set_rng_state(minigrad.zeros(5056, dtype=minigrad.uint8))


def _nearest_float32(exact):
    """The float32 nearest to a Fraction, ties to even, by exact comparison."""
    guess = np.float32(float(exact))
    candidates = [np.nextafter(guess, np.float32(-np.inf)), guess,
                  np.nextafter(guess, np.float32(np.inf))]
    return min(candidates, key=lambda c: (abs(Fraction(float(c)) - exact),
                                          int(np.array(c).view(np.uint32)) & 1))


@settings(max_examples=300)
@given(st.lists(st.floats(-1e10, 1e10, width=32), min_size=3, max_size=3))
def test_fused_multiply_add_float32_rounds_once(abc):
    a, b, c = (np.float32(v) for v in abc)
    exact = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    assert _fma32(np.array([a]), b, c)[0] == _nearest_float32(exact)


MODERATE = st.floats(-1e100, 1e100).filter(lambda x: x == 0 or abs(x) > 1e-100)


@settings(max_examples=300)
@given(st.lists(MODERATE, min_size=3, max_size=3))
def test_fused_multiply_add_float64_rounds_once(abc):
    a, b, c = abc
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    assert _fma64(np.array([a]), b, c)[0] == float(exact)  # Fraction -> float rounds correctly
