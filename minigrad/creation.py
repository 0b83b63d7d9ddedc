"""Making tensors: ``tensor``, ``arange``, ``zeros``, ``randn`` and friends.

Default dtypes follow PyTorch: Python floats give float32, Python ints give int64,
NumPy arrays keep their dtype (float64 stays float64).
"""
import numbers

import numpy as np

from . import dtypes
from .language import hint
from .cuda import device as _device
from .tensor import Tensor

pi = float(np.pi)
e = float(np.e)
inf = float("inf")
nan = float("nan")


def to_array(data, dtype=None):
    """Turn nested lists, numbers, NumPy arrays or tensors into a NumPy array with
    PyTorch's default dtype (or ``dtype``)."""
    if isinstance(data, Tensor):
        array = data._data
    elif isinstance(data, np.ndarray):
        array = data
        dtypes.from_numpy(array.dtype)  # rejects types PyTorch has no counterpart for
    elif isinstance(data, (np.number, np.bool_)):  # a NumPy scalar keeps its dtype
        array = np.asarray(data)
        dtypes.from_numpy(array.dtype)
    elif isinstance(data, numbers.Number):
        array = np.asarray(data, dtype=dtypes.scalar_dtype(data).numpy)
    elif isinstance(data, (list, tuple)):
        array = _from_nested(data)
    else:
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if dtype is not None:
        array = array.astype(dtype.numpy, copy=False)
    return array


def _from_nested(data):
    shape, kinds = _check_nested(data)
    if "float" in kinds:
        target = dtypes.default_float()
    elif "int" in kinds:
        target = dtypes.int64
    elif kinds == {"bool"}:
        target = dtypes.bool_
    else:
        target = dtypes.default_float()  # an empty list
    flat = []
    _flatten(data, flat)
    return np.array(flat, dtype=target.numpy).reshape(shape)


def _check_nested(data, depth=0):
    """The shape of a nested list, and which kinds of numbers it holds; raises
    PyTorch's error for ragged lists."""
    if isinstance(data, Tensor):
        return data._data.shape, {"float" if data.dtype.is_floating_point else
                                  "bool" if data.dtype is dtypes.bool_ else "int"}
    if isinstance(data, np.ndarray):
        return data.shape, {"float" if data.dtype.kind == "f" else "bool" if data.dtype.kind == "b" else "int"}
    if isinstance(data, (bool, np.bool_)):
        return (), {"bool"}
    if isinstance(data, (int, np.integer)):
        return (), {"int"}
    if isinstance(data, (float, np.floating)):
        return (), {"float"}
    if not isinstance(data, (list, tuple)):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    if not data:
        return (0,), set()
    kinds = set()
    first = None
    for item in data:
        shape, k = _check_nested(item, depth + 1)
        kinds |= k
        if first is None:
            first = shape
        elif shape != first:
            got = len(item) if isinstance(item, (list, tuple)) else 0
            raise ValueError(f"expected sequence of length {first[0] if first else 0} at dim "
                             f"{depth + 1} (got {got})")
    return (len(data),) + first, kinds


def _flatten(data, out):
    if isinstance(data, (list, tuple)):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, Tensor):
        out.extend(data._data.ravel().tolist())
    elif isinstance(data, np.ndarray):
        out.extend(data.ravel().tolist())
    else:
        out.append(data)


def _finish(array, requires_grad, device=None):
    """Wrap a freshly made array as a leaf tensor."""
    if device is not None:
        _device(device)
    if requires_grad and array.dtype.kind != "f":
        raise RuntimeError(
            "Only Tensors of floating point and complex dtype can require gradients. " + hint(
                "Write the numbers as floats (1.0 instead of 1) or pass dtype=torch.float32.",
                "把数写成浮点数（写 1.0 而不是 1），或者传入 dtype=torch.float32。"))
    return Tensor._make(array, bool(requires_grad))


def tensor(data, dtype=None, device=None, requires_grad=False):
    """A new leaf tensor holding a copy of ``data``.

    >>> minigrad.tensor([1.0, 2.0], requires_grad=True)
    tensor([1., 2.], requires_grad=True)
    """
    return _finish(np.array(to_array(data, dtype), copy=True), requires_grad, device)


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor) and (dtype is None or dtype is data.dtype):
        return data
    return _finish(to_array(data, dtype), False, device)


def from_numpy(array):
    """A tensor sharing memory with the NumPy ``array``."""
    array = np.asarray(array)
    dtypes.from_numpy(array.dtype)
    return Tensor._make(array)


def _size(size):
    """``zeros(2, 3)``, ``zeros((2, 3))`` and ``zeros([2, 3])`` all mean shape (2, 3)."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    for s in size:
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            raise TypeError(f"size must be a tuple of ints, but got an element of type "
                            f"{type(s).__name__}")
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(size)}")
    return tuple(int(s) for s in size)


def _factory(fill, name):
    def make(*size, dtype=None, device=None, requires_grad=False, out=None):
        dtype = dtype or dtypes.default_float()
        try:
            shape = _size(size)
        except RuntimeError:
            if name == "zeros":  # PyTorch words this one differently
                raise RuntimeError("zeros: Dimension size must be non-negative.") from None
            raise
        return _finish(np.full(shape, fill, dtype=dtype.numpy), requires_grad, device)
    make.__name__ = name
    return make


zeros = _factory(0, "zeros")
ones = _factory(1, "ones")
empty = _factory(0, "empty")  # PyTorch leaves it uninitialised; zeros make runs repeatable
zeros.__doc__ = "A tensor of zeros: ``zeros(2, 3)`` or ``zeros((2, 3))``; float32 unless ``dtype``."
ones.__doc__ = "A tensor of ones: ``ones(4)``; float32 unless ``dtype``."


def full(size, fill_value, dtype=None, device=None, requires_grad=False):
    dtype = dtype or dtypes.scalar_dtype(fill_value)
    return _finish(np.full(_size((size,)), fill_value, dtype=dtype.numpy), requires_grad, device)


def _like(fill):
    def make(input, dtype=None, device=None, requires_grad=False):
        dtype = dtype or input.dtype
        return _finish(np.full(input._data.shape, fill, dtype=dtype.numpy), requires_grad, device)
    return make


zeros_like = _like(0)
ones_like = _like(1)
empty_like = _like(0)
zeros_like.__name__, ones_like.__name__, empty_like.__name__ = "zeros_like", "ones_like", "empty_like"


def full_like(input, fill_value, dtype=None, device=None, requires_grad=False):
    dtype = dtype or input.dtype
    return _finish(np.full(input._data.shape, fill_value, dtype=dtype.numpy), requires_grad, device)


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False):
    """``arange(4.0)`` is ``tensor([0., 1., 2., 3.])``; ``arange(4)`` gives int64."""
    if end is None:
        start, end = 0, start
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if dtype is None:
        floating = any(isinstance(v, (float, np.floating)) for v in values)
        dtype = dtypes.default_float() if floating else dtypes.int64
    start, end, step = values
    array = np.arange(start, end, step, dtype=np.float64).astype(dtype.numpy)
    return _finish(array, requires_grad, device)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False):
    """``steps`` evenly spaced values from ``start`` to ``end``, computed the way PyTorch
    does (from both ends towards the middle), so the values match to the last digit."""
    dtype = dtype or dtypes.default_float()
    if steps == 1:
        array = np.array([start], dtype=dtype.numpy)
    else:
        work = dtype.numpy if dtype.is_floating_point else np.dtype(np.float64)
        if not dtype.is_floating_point:  # the ends become integers first (-6.28 -> -6)
            start, end = int(start), int(end)
        start_, end_ = work.type(start), work.type(end)
        step = (end_ - start_) / work.type(steps - 1)
        i = np.arange(steps)
        half = steps // 2
        array = np.where(i < half, _fused(step, i, start_),
                         _fused(-step, steps - 1 - i, end_)).astype(dtype.numpy)
    return _finish(array, requires_grad, device)


def _fused(a, n, c):
    """a·n + c rounded once, to ``a``'s type: PyTorch's kernel computes start + step·i, which
    the compiler turns into a fused multiply-add on CPUs that have one (all recent x86 and
    ARM). A wider type holds the product (exactly, for float32) before the one rounding."""
    wide = np.float64 if a.dtype == np.float32 else np.longdouble
    return (wide(a) * n.astype(wide) + wide(c)).astype(a.dtype)


def eye(n, m=None, dtype=None, device=None, requires_grad=False):
    dtype = dtype or dtypes.default_float()
    return _finish(np.eye(n, m, dtype=dtype.numpy), requires_grad, device)
