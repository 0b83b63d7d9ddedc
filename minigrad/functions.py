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


def nbytes(input):
    """How many bytes the values take: numel × element_size."""
    return input._data.nbytes


def is_complex(input):
    return False  # minigrad has no complex dtypes


def isreal(input):
    """True everywhere: minigrad's numbers are all real (no complex dtypes)."""
    return from_numpy(np.ones(input._data.shape, dtype=bool))


def is_signed(input):
    return input.dtype is not dtypes.uint8 and input.dtype is not dtypes.bool_


def is_nonzero(input):
    return bool(input)  # with PyTorch's error for no values or several


def nonzero(input, *, as_tuple=False):
    """The indices of the elements that are not 0 (or False): one row per element, or with
    ``as_tuple=True`` one index tensor per dimension (what ``x[...]`` takes)."""
    found = np.nonzero(np.atleast_1d(input._data))
    if as_tuple:
        return tuple(from_numpy(i.astype(np.int64)) for i in found)
    if input._data.ndim == 0:  # one row (a nonzero number) or none, of no indices
        return from_numpy(np.zeros((np.count_nonzero(input._data), 0), dtype=np.int64))
    return from_numpy(np.stack(found, axis=1).astype(np.int64))


def argwhere(input):
    return nonzero(input)


def count_nonzero(input, dim=None):
    return from_numpy(np.asarray(np.count_nonzero(input._data, axis=dim), dtype=np.int64))


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values, in increasing order; ``return_counts=True`` also says how often
    each occurs, ``return_inverse=True`` where each element's value is in the result."""
    values, inverse, counts = np.unique(input._data, return_inverse=True, return_counts=True,
                                        axis=dim)
    result = (from_numpy(values),)
    if return_inverse:
        shape = input._data.shape if dim is None else (input._data.shape[dim],)
        result += (from_numpy(inverse.astype(np.int64).reshape(shape)),)
    if return_counts:
        result += (from_numpy(counts.astype(np.int64)),)
    return result[0] if len(result) == 1 else result


def isin(elements, test_elements, *, invert=False):
    """For each element, whether it is among ``test_elements``."""
    test = test_elements._data if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    data = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    return from_numpy(np.isin(data, test, invert=invert))
