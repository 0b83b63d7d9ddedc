"""``torch.is_tensor``, ``torch.allclose`` and the other functions that are not ops (the
ops' ``torch.*`` functions come from the table in ``ops/__init__.py``)."""
import numpy as np

from . import dtypes
from .creation import from_numpy
from .ops.broadcasting import operand
from .tensor import Tensor


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_inference(input):
    return input.is_inference()


def promote_types(type1, type2):
    return dtypes.promote_types(type1, type2)


def result_type(tensor1, tensor2):
    """The dtype ``tensor1 op tensor2`` would have (either may be a plain number)."""
    return dtypes.result_type(tensor1, tensor2)


def can_cast(from_, to):
    """Whether PyTorch's in-place ops may write a ``from_`` result into a ``to`` tensor:
    never down a category (float to integer, integer to bool)."""
    return from_.category <= to.category


def is_floating_point(input):
    return input.dtype.is_floating_point


def equal(a, b):
    """True if both tensors have the same shape and values."""
    b = operand(b, a)
    return a.shape == b.shape and bool((a == b).all())


def stride(input, dim=None):
    """How many elements apart neighbours along each dimension are in memory: (3, 1) for a
    2×3 tensor, (1, 3) for its transpose (a view), 0 along an expanded dimension."""
    steps = tuple(s // input._data.itemsize for s in input._data.strides)
    return steps if dim is None else steps[dim]


def data_ptr(input):
    """The address of the first element: equal for a tensor and a view that starts there."""
    return input._data.__array_interface__["data"][0]


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    b = operand(b, a)
    return bool(np.allclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    b = operand(b, a)
    return from_numpy(np.isclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))
