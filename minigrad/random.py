"""Random tensors with PyTorch's numbers: after ``manual_seed(0)``, ``randn(3)`` prints
exactly what PyTorch prints.

PyTorch's CPU generator is the classic Mersenne Twister (mt19937), which NumPy ships
too. Everything else is arithmetic on its 32-bit outputs ("draws"), redone here the
way PyTorch's C++ kernels do it:

    rand      one draw per float32 (its low 24 bits), two per float64 (53 bits)
    randint   draw % (high - low) + low
    randperm  Fisher-Yates swaps, position i swapped with i + draw % (n - i)
    randn     Box-Muller, two uniforms -> two normals. Fewer than 16 numbers are made one
              at a time in double precision, and the second normal of each pair waits in
              the generator for the next call. 16 or more are made in blocks of 16 by a
              vectorised kernel, copied here step by step.

>>> _ = minigrad.manual_seed(0)
>>> minigrad.rand(2)
tensor([0.4963, 0.7682])
"""
import math
import os

import numpy as np

from . import dtypes
from .creation import _finish, _size
from .cuda import device as _device
from .tensor import Tensor

_DEFAULT_SEED = 67280421310721  # what a new torch.Generator() starts from
_MT_N = 624  # mt19937 keeps 624 32-bit words and re-mixes ("twists") them every 624 draws

# torch.get_rng_state() is the bytes of PyTorch's CPUGeneratorImplState; the same layout
# lets a saved state print, and load, as it does in PyTorch.
_LEGACY_STATE = np.dtype([
    ("the_initial_seed", "<u8"), ("left", "<i4"), ("seeded", "<i4"), ("next", "<u8"),
    ("state", "<u8", _MT_N),
    ("normal_x", "<f8"), ("normal_y", "<f8"), ("normal_rho", "<f8"), ("normal_is_valid", "<i4"),
], align=True)
_STATE = np.dtype([("legacy_pod", _LEGACY_STATE), ("next_float_normal_sample", "<f4"),
                   ("is_next_float_normal_sample_valid", "u1")], align=True)


def _as_uint64(seed):
    """PyTorch takes seeds in [-2**63, 2**64) and keeps negative ones as their 64-bit
    two's complement."""
    seed = int(seed)
    if not -2**63 <= seed < 2**64:
        raise ValueError("Overflow when unpacking long long")
    return seed % 2**64


def _init_genrand(seed):
    """mt19937's reference seeding, which PyTorch uses: the first word is the seed's low
    32 bits, each next word a scrambled copy of the one before."""
    words = [seed & 0xFFFFFFFF]
    for i in range(1, _MT_N):
        previous = words[-1]
        words.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xFFFFFFFF)
    return np.array(words, dtype=np.uint32)


class Generator:
    """A stream of random numbers with its own state, like ``torch.Generator``. Pass it
    as ``generator=`` to draw from it without disturbing the global stream:

    >>> g = minigrad.Generator().manual_seed(1)
    >>> minigrad.rand(2, generator=g)
    tensor([0.7576, 0.2793])
    """

    def __init__(self, device="cpu"):
        self.device = _device(device)
        self._mt = np.random.MT19937()
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed):
        seed = _as_uint64(seed)
        self._set_mt(_init_genrand(seed), position=_MT_N)  # the first draw twists
        self._initial_seed = seed
        self._next_normal = None  # the second value of a Box-Muller pair, see _normal_double
        self._fresh = True  # PyTorch's state bytes mark "seeded, nothing drawn" differently
        return self

    def seed(self):
        """Re-seed from the operating system's randomness; returns the seed."""
        seed = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(seed)
        return seed

    def initial_seed(self):
        return self._initial_seed

    def get_state(self):
        """The state as PyTorch's 5056 bytes (a uint8 tensor)."""
        mt = self._mt.state["state"]
        state = np.zeros(1, _STATE)
        legacy = state["legacy_pod"]
        legacy["the_initial_seed"] = self._initial_seed
        legacy["seeded"] = 1
        # PyTorch counts draws left before the next twist; NumPy counts the position.
        legacy["next"] = 0 if self._fresh else mt["pos"]
        legacy["left"] = 1 if self._fresh else _MT_N + 1 - mt["pos"]
        legacy["state"] = mt["key"]
        if self._next_normal is not None:
            legacy["normal_is_valid"] = 1
            legacy["normal_y"] = self._next_normal
        return _finish(state.view(np.uint8), False)

    def set_state(self, new_state):
        """Load a state from ``get_state()`` (PyTorch's own states load too)."""
        if not isinstance(new_state, Tensor) or new_state.dtype is not dtypes.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        data = new_state._data
        if data.size != _STATE.itemsize:
            raise RuntimeError(f"Expected a CPUGeneratorImplState of size {_STATE.itemsize} but "
                               f"found the input RNG state size to be {data.size}")
        legacy = np.ascontiguousarray(data).reshape(-1).view(_STATE)[0]["legacy_pod"]
        left, next_ = int(legacy["left"]), int(legacy["next"])
        if not (legacy["seeded"] and 0 < left <= _MT_N and next_ <= _MT_N):
            raise RuntimeError("Invalid mt19937 state")
        self._set_mt(legacy["state"].astype(np.uint32), position=_MT_N if left == 1 else next_)
        self._initial_seed = int(legacy["the_initial_seed"])
        self._next_normal = float(legacy["normal_y"]) if legacy["normal_is_valid"] else None
        self._fresh = next_ == 0
        return self

    def _set_mt(self, words, position):
        self._mt.state = {"bit_generator": "MT19937", "state": {"key": words, "pos": position}}

    def _uint32(self, n):
        """The next ``n`` draws."""
        if n:
            self._fresh = False
        return self._mt.random_raw(n).astype(np.uint32)

    def _uint64(self, n):
        """PyTorch's random64(): two draws make one 64-bit number, the first the high half."""
        pairs = self._uint32(2 * n).astype(np.uint64).reshape(n, 2)
        return (pairs[:, 0] << np.uint64(32)) | pairs[:, 1]


default_generator = Generator()
default_generator.seed()  # like PyTorch, a new process does not repeat the last one's numbers


def manual_seed(seed):
    """Restart the random numbers from ``seed``, so that a notebook gives the same
    values every time it runs (the same values as PyTorch)."""
    return default_generator.manual_seed(seed)


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


# ---- the distributions, on NumPy arrays -------------------------------------------------

def _uniform(generator, n, dtype):
    """PyTorch's uniform_real_distribution: as many low bits of a draw as the type has
    significand bits, times 2**-bits, so every value is exact and lies in [0, 1)."""
    bits = np.finfo(dtype.numpy).nmant + 1  # 24 for float32, 53 for float64
    draws = generator._uint64(n) if bits > 32 else generator._uint32(n)
    return ((draws & (2**bits - 1)) * 2.0**-bits).astype(dtype.numpy)


def _normal(generator, n, dtype, mean=0.0, std=1.0, in_blocks=True):
    """Normal random numbers; ``value * std + mean`` is one FMA in PyTorch's compiled code.
    ``in_blocks=False``: one at a time however many (PyTorch's way for a tensor whose
    elements are not side by side in memory)."""
    box_muller_16, fma = _kernels(dtype)
    if n < 16 or not in_blocks:
        values = np.array([_normal_double(generator) for _ in range(n)], np.float64)
        return _fma64(values, std, mean).astype(dtype.numpy)
    values = _uniform(generator, n, dtype)
    whole = n - n % 16
    values[:whole] = box_muller_16(values[:whole].reshape(-1, 16)).ravel()
    if n % 16:
        # PyTorch draws 16 fresh uniforms and recomputes the last 16 values; the uniforms
        # drawn above for the incomplete block are never used.
        values[-16:] = box_muller_16(_uniform(generator, 16, dtype).reshape(1, 16))
    return fma(values, dtype.numpy.type(std), dtype.numpy.type(mean))


def _kernels(dtype):
    """PyTorch's compiled steps for ``dtype``: Box-Muller on 16 uniforms, and FMA."""
    if dtype not in _BOX_MULLER_16:
        raise NotImplementedError(f"minigrad makes random floats as float32 or float64, not {dtype}")
    return _BOX_MULLER_16[dtype]


def _normal_double(generator):
    """One value of PyTorch's normal_distribution<double>. Box-Muller turns two uniforms
    into two normals; the second one is kept in the generator for the next call."""
    if generator._next_normal is not None:
        value, generator._next_normal = generator._next_normal, None
        return value
    u1, u2 = _uniform(generator, 2, dtypes.float64).tolist()
    radius = math.sqrt(-2.0 * math.log1p(-u2))
    theta = 2.0 * math.pi * u1
    generator._next_normal = radius * math.sin(theta)
    return radius * math.cos(theta)


def _box_muller_16_float64(u):
    """PyTorch's normal_fill_16<double> on rows of 16 uniforms: the first 8 give radii,
    the last 8 angles; cosines fill the first half of the row, sines the second."""
    radius = np.sqrt(-2 * _c_log(1 - u[:, :8]))
    theta = 2 * math.pi * u[:, 8:]
    return np.hstack([radius * np.cos(theta), radius * np.sin(theta)])


def _c_log(x):
    """The C library's log, which PyTorch's C++ calls. NumPy's own vectorised log differs
    from it in the last bit for about 1 value in 300 (its sin and cos agree)."""
    return np.fromiter(map(math.log, x.ravel().tolist()), np.float64, x.size).reshape(x.shape)


# float32, 16 or more values: on x86 CPUs with AVX2 (any from the last decade) PyTorch
# runs normal_fill_16_AVX2, which takes log, sin and cos from avx_mathfun.h (Julien
# Pommier's SIMD port of the Cephes float functions) rather than from the C library.
# The three functions below redo that code operation by operation in float32, so the
# values come out identical to the bit. PyTorch's wheels are compiled by GCC, which
# fuses a multiplication followed by an addition into one FMA instruction (a*b + c
# with a single rounding); _fma32 marks the places where it does (found by comparing
# millions of values with PyTorch's). Elsewhere (ARM, or x86 without AVX2) PyTorch
# uses the C library's float functions, and its numbers can differ from these in the
# last bit.

def _fma32(a, b, c):
    """float32 ``a*b + c`` rounded once, like the FMA instruction: the float64 product of
    two float32 numbers is exact, and a sum rounded to odd rounds correctly to float32."""
    return _add_to_odd(np.asarray(a, np.float64) * b, c).astype(np.float32)


def _fma64(a, b, c):
    """float64 ``a*b + c`` rounded once (Boldo and Melquiond's emulation of FMA): the
    exact product as two doubles, added to c, the small parts summed rounded to odd."""
    product, product_error = _two_product(np.asarray(a, np.float64), b)
    total, total_error = _two_sum(product, c)
    return total + _add_to_odd(total_error, product_error)


def _two_sum(a, b):
    """``a + b`` and its rounding error, exactly (Knuth)."""
    total = a + b
    rest = total - a
    return total, (a - (total - rest)) + (b - rest)


def _two_product(a, b):
    """``a * b`` and its rounding error, exactly (Dekker, splitting each factor in halves
    whose products need no rounding)."""
    product = a * b
    a_high, a_low = _split(a)
    b_high, b_low = _split(b)
    error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    return product, error


def _split(a):
    scaled = 134217729.0 * a  # 2**27 + 1
    high = scaled - (scaled - a)
    return high, a - high


def _add_to_odd(a, b):
    """float64 ``a + b`` rounded "to odd": if inexact, the neighbour whose last bit is 1.
    Rounded once more to a type at least 2 bits shorter, it gives the correctly rounded
    sum, which rounding to nearest twice would not always do."""
    total, error = _two_sum(a, b)
    even = (total.view(np.int64) & 1) == 0
    return np.where((error != 0) & even, np.nextafter(total, np.copysign(np.inf, error)), total)


def _log_float32(x):
    """log256_ps (Cephes logf) for 0 < x <= 1: x = m * 2**e with sqrt(1/2) <= m < sqrt(2),
    log(x) = e*log(2) + a polynomial in m - 1."""
    bits = x.view(np.int32)
    e = ((bits >> 23) - 126).astype(np.float32)
    m = ((bits & ~0x7F800000) | 0x3F000000).view(np.float32)  # x's significand, in [0.5, 1)
    small = m < np.float32(0.707106781186547524)
    e = e - small
    m = (m - 1) + np.where(small, m, np.float32(0))  # m - 1, or 2m - 1 when m was doubled
    z = m * m
    y = np.full_like(m, 7.0376836292E-2)
    for c in (-1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
              -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1):
        y = _fma32(y, m, np.float32(c))
    y = _fma32(y * m, z, e * np.float32(-2.12194440e-4))
    y = y - z * np.float32(0.5)
    return (m + y) + e * np.float32(0.693359375)


def _sincos_float32(x):
    """sincos256_ps (Cephes sinf and cosf) for 0 <= x < 2*pi: subtract the nearest even
    multiple j of pi/4 (pi/4 split in three parts, so that little is lost), evaluate the
    sine and the cosine polynomial on the remainder, then swap and sign them by j's octant."""
    j = (x * np.float32(1.27323954473516)).astype(np.int32)  # 4/pi; astype truncates
    j = (j + 1) & ~1
    y = j.astype(np.float32)
    for step in (-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8):  # pi/4
        x = _fma32(y, np.float32(step), x)
    z = x * x
    cos = _fma32(np.float32(2.443315711809948E-005), z, np.float32(-1.388731625493765E-003))
    cos = _fma32(cos, z, np.float32(4.166664568298827E-002))
    cos = _fma32(cos * z, z, -(z * np.float32(0.5))) + np.float32(1)
    sin = _fma32(np.float32(-1.9515295891E-4), z, np.float32(8.3321608736E-3))
    sin = _fma32(sin, z, np.float32(-1.6666654611E-1))
    sin = _fma32(sin * z, x, x)
    swap = (j & 2) != 0
    sin, cos = np.where(swap, cos, sin), np.where(swap, sin, cos)
    return np.where(j & 4, -sin, sin), np.where((j - 2) & 4, cos, -cos)


def _box_muller_16_float32(u):
    """normal_fill_16_AVX2 on rows of 16 uniforms, laid out as in the float64 version."""
    radius = np.sqrt(np.float32(-2) * _log_float32(np.float32(1) - u[:, :8]))
    sin, cos = _sincos_float32(np.float32(2 * math.pi) * u[:, 8:])
    return np.hstack([radius * cos, radius * sin])


_BOX_MULLER_16 = {dtypes.float32: (_box_muller_16_float32, _fma32),
                  dtypes.float64: (_box_muller_16_float64, _fma64)}


# ---- the functions students call ---------------------------------------------------------

def _shape(size, kwargs):
    """``randn(2, 3)``, ``randn((2, 3))`` and ``randn(size=(2, 3))`` mean the same."""
    if "size" in kwargs:
        size = (kwargs.pop("size"),)
    if kwargs:
        raise TypeError(f"got unexpected keyword arguments {sorted(kwargs)}")
    return _size(size)


def floating(dtype, kernel):
    """The dtype random floats are made in (float32 if none), or PyTorch's error for others."""
    dtype = dtypes.as_dtype(dtype) or dtypes.default_float()
    if not dtype.is_floating_point:
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{dtypes.SCALAR_TYPE_NAME[dtype]}'")
    return dtype


def normal_values(generator, n, dtype, mean, std, in_blocks):
    """``n`` normal numbers as ``normal_(mean, std)`` makes them (a NumPy array)."""
    return _normal(generator or default_generator, n, dtype, mean, std, in_blocks)


def uniform_values(generator, n, dtype, low, high):
    """``n`` uniform numbers in [low, high), as ``uniform_(low, high)`` makes them: a number
    in [0, 1) times the width plus low, one FMA in PyTorch's compiled code."""
    _, fma = _kernels(dtype)
    low, high = dtype.numpy.type(low), dtype.numpy.type(high)
    return fma(_uniform(generator or default_generator, n, dtype), high - low, low)


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Uniform random numbers in [0, 1): ``rand(2, 3)``."""
    shape = _shape(size, kwargs)
    dtype = floating(dtype, "check_uniform_bounds")
    values = _uniform(generator or default_generator, math.prod(shape), dtype)
    return _finish(values.reshape(shape), requires_grad, device)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Random numbers from the standard normal distribution (mean 0, variance 1)."""
    shape = _shape(size, kwargs)
    dtype = floating(dtype, "normal_kernel_cpu")
    values = _normal(generator or default_generator, math.prod(shape), dtype)
    return _finish(values.reshape(shape), requires_grad, device)


def normal(mean, std, size=None, *, generator=None, dtype=None, device=None,
           requires_grad=False):
    """``normal(mean, std, size)``: normal random numbers with the given mean and standard
    deviation (numbers, not tensors)."""
    if isinstance(mean, Tensor) or isinstance(std, Tensor) or size is None:
        raise TypeError("minigrad's normal() takes numbers and a size: normal(0.0, 1.0, (2, 3)). "
                        "For tensor means or deviations write mean + std * minigrad.randn(shape).")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    shape = _size((size,))
    dtype = floating(dtype, "normal_kernel_cpu")
    values = _normal(generator or default_generator, math.prod(shape), dtype, mean, std)
    return _finish(values.reshape(shape), requires_grad, device)


def randint(low=0, high=None, size=None, *, generator=None, dtype=None, device=None,
            requires_grad=False):
    """Random integers from ``low`` up to, not including, ``high``:
    ``randint(10, (3,))`` or ``randint(1, 7, (2, 2))``."""
    if size is None and isinstance(high, (tuple, list)):  # randint(high, size)
        low, high, size = 0, low, high
    if high is None:
        low, high = 0, low
    if size is None:
        raise TypeError("randint() missing required argument 'size'")
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    shape = _size((size,))
    dtype = dtypes.as_dtype(dtype) or dtypes.int64
    if dtype.is_floating_point:  # beyond 2**24 PyTorch shifts the bounds (and warns)
        bits = np.finfo(dtype.numpy).nmant + 1
        if low < -2**bits or high - 1 > 2**bits:
            raise ValueError(f"{dtype} holds every integer only within [-2**{bits}, 2**{bits}]; "
                             f"use dtype=minigrad.int64 for randint({low}, {high})")
    generator = generator or default_generator
    span = high - low
    # From 2**28 up, draw % span would favour small numbers noticeably, so PyTorch takes
    # 64-bit numbers. (Its source also shows a 2**32 rule; that one is only for Meta's
    # internal builds, not the published wheels.)
    draws = (generator._uint64 if span >= 2**28 else generator._uint32)(math.prod(shape))
    values = (draws % np.uint64(span)).astype(np.int64) + low  # wraps around as C++ does
    return _finish(values.astype(dtype.numpy).reshape(shape), requires_grad, device)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False):
    """The numbers 0 .. n-1 in random order."""
    (n,) = _size((n,))
    dtype = dtypes.as_dtype(dtype) or dtypes.int64
    offsets = (generator or default_generator)._uint32(max(n - 1, 0)) % np.arange(n, 1, -1)
    order = list(range(n))
    for i, offset in enumerate(offsets.tolist()):  # each swap depends on the ones before
        order[i], order[i + offset] = order[i + offset], order[i]
    return _finish(np.array(order, dtype=dtype.numpy), requires_grad, device)


def rand_like(input, *, generator=None, dtype=None, device=None, requires_grad=False):
    return rand(input.shape, generator=generator, dtype=dtype or input.dtype, device=device,
                requires_grad=requires_grad)


def randn_like(input, *, generator=None, dtype=None, device=None, requires_grad=False):
    return randn(input.shape, generator=generator, dtype=dtype or input.dtype, device=device,
                 requires_grad=requires_grad)
