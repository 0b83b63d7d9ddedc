"""``torch.is_tensor``, ``torch.allclose`` and the other functions that are not ops (the
ops' ``torch.*`` functions come from the table in ``ops/__init__.py``)."""
import numpy as np

from .creation import from_numpy
from .ops.broadcasting import operand
from .tensor import Tensor


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_floating_point(input):
    return input.dtype.is_floating_point


def equal(a, b):
    """True if both tensors have the same shape and values."""
    b = operand(b, a)
    return a.shape == b.shape and bool((a == b).all())


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    b = operand(b, a)
    return bool(np.allclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    b = operand(b, a)
    return from_numpy(np.isclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))
