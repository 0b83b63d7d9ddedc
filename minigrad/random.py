"""Random tensors: ``rand`` (uniform in [0, 1)), ``randn`` (standard normal), ``randint``.

``manual_seed(n)`` makes a run repeatable. The numbers are NumPy's, not PyTorch's:
the same seed gives different values in the two libraries.
"""
import numpy as np

from . import dtypes
from .creation import _finish, _size

_generator = np.random.default_rng()


def manual_seed(seed):
    """Restart the random numbers from ``seed``, so that a notebook gives the same
    values every time it runs."""
    global _generator
    _generator = np.random.default_rng(int(seed))
    return _generator


seed = manual_seed


def _shape(size, kwargs):
    """``randn(2, 3)``, ``randn((2, 3))`` and ``randn(size=(2, 3))`` mean the same."""
    if "size" in kwargs:
        size = (kwargs.pop("size"),)
    if kwargs:
        raise TypeError(f"got unexpected keyword arguments {sorted(kwargs)}")
    return _size(size)


def rand(*size, dtype=None, device=None, requires_grad=False, generator=None, **kwargs):
    """Uniform random numbers in [0, 1)."""
    dtype = dtype or dtypes.default_float()
    values = _generator.random(_shape(size, kwargs)).astype(dtype.numpy)
    return _finish(values, requires_grad, device)


def randn(*size, dtype=None, device=None, requires_grad=False, generator=None, **kwargs):
    """Random numbers from the standard normal distribution (mean 0, variance 1)."""
    dtype = dtype or dtypes.default_float()
    values = _generator.standard_normal(_shape(size, kwargs)).astype(dtype.numpy)
    return _finish(values, requires_grad, device)


def randint(low, high=None, size=None, dtype=None, device=None, requires_grad=False):
    if high is None:
        low, high = 0, low
    if size is None:
        raise TypeError("randint() missing required argument 'size'")
    dtype = dtype or dtypes.int64
    values = _generator.integers(low, high, size=_size((size,))).astype(dtype.numpy)
    return _finish(values, requires_grad, device)


def rand_like(input, dtype=None, requires_grad=False):
    return rand(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def randn_like(input, dtype=None, requires_grad=False):
    return randn(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad)


def normal(mean=0.0, std=1.0, size=None, requires_grad=False):
    values = _generator.normal(mean, std, size=_size((size,)) if size is not None else None)
    return _finish(np.asarray(values, dtype=np.float32), requires_grad)
