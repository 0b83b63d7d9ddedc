"""Making tensors: ``tensor``, ``arange``, ``zeros``, ``randn`` and friends.

Default dtypes follow PyTorch: Python floats give float32, Python ints give int64,
NumPy arrays keep their dtype (float64 stays float64).
"""
import math
import numbers

import numpy as np

from . import dtypes
from .language import hint
from .cuda import on_cpu
from .quiet import silently, warn
from .tensor import Tensor

pi = float(np.pi)
e = float(np.e)
inf = float("inf")
nan = float("nan")


@silently  # 1e300 into float32 is inf, as in PyTorch, without NumPy's overflow warning
def to_array(data, dtype=None):
    """Turn nested lists, numbers, NumPy arrays or tensors into a NumPy array.

    Numbers go straight into ``dtype`` when it is given, each rounded once:
    ``tensor([0.1], dtype=float64)`` holds 0.1 to the last digit, not 0.1 squeezed
    through float32 first. Without a dtype, PyTorch's rules pick one (``_shape_and_dtype``).
    """
    dtype = dtypes.as_dtype(dtype)
    if isinstance(data, Tensor):
        array = data._data
    elif isinstance(data, np.ndarray):
        array = data
        dtypes.from_numpy(array.dtype)  # rejects types PyTorch has no counterpart for
    else:
        shape, inferred = _shape_and_dtype(data)
        numbers = []
        _flatten(data, numbers)
        return _store(numbers, dtype or inferred or dtypes.default_float()).reshape(shape)
    return array if dtype is None else array.astype(dtype.numpy, copy=False)


def _shape_and_dtype(data, depth=0):
    """The shape of nested lists and the dtype PyTorch infers for them: the promotion of
    every number's own dtype (Python floats the default float32, ints int64, bools bool;
    NumPy numbers and arrays, and one-element tensors, keep theirs). ``[1, 2.5]`` is
    float32, ``[np.float64(1.5), 2]`` float64. None for an empty list."""
    if isinstance(data, np.ndarray):
        return data.shape, dtypes.from_numpy(data.dtype)
    if not isinstance(data, (list, tuple, range)):
        return (), _dtype_of_number(data)
    if _plain_numbers(data):  # the common case, decided without visiting each number
        kinds = set(map(type, data))
        dtype = (dtypes.default_float() if float in kinds else dtypes.int64 if int in kinds else
                 dtypes.bool_ if kinds else None)
        return (len(data),), dtype
    shape = dtype = None
    for item in data:
        item_shape, item_dtype = _shape_and_dtype(item, depth + 1)
        if shape is None:
            shape = item_shape
        elif item_shape != shape:
            _ragged(shape, item_shape, item, depth, dtype)
        if item_dtype is not None:
            dtype = item_dtype if dtype is None else dtypes.promote_types(dtype, item_dtype)
    return (len(data),) + (shape or ()), dtype


def _ragged(expected, got, item, depth, dtype):
    """PyTorch's error for nested lists whose rows differ."""
    for i, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            raise ValueError(f"expected sequence of length {a} at dim {depth + 1 + i} (got {b})")
    if len(got) < len(expected):  # a number where a list was expected
        raise TypeError("not a sequence")
    raise TypeError(f"'{type(item).__name__}' object cannot be interpreted as an integer"
                    if dtype is not None and dtype.category < 2 else
                    f"must be real number, not {type(item).__name__}")


def _dtype_of_number(x):
    if isinstance(x, Tensor):  # a tensor inside a list stands for its one number
        if x._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars. " + hint(
                "To join tensors into one, use torch.stack(tensors).",
                "要把几个张量合成一个，请用 torch.stack(tensors)。"))
        return x.dtype
    if isinstance(x, np.generic):
        return dtypes.from_numpy(x.dtype)
    if isinstance(x, (bool, int, float)):
        return dtypes.scalar_dtype(x)
    if isinstance(x, str):
        raise TypeError(f"new(): invalid data type '{type(x).__name__}'")
    raise RuntimeError(f"Could not infer dtype of {type(x).__name__}")


def _plain_numbers(data):
    """Whether a list holds Python floats, ints and bools only."""
    return set(map(type, data)) <= {float, int, bool}


def _flatten(data, out):
    if isinstance(data, (list, tuple, range)):
        if _plain_numbers(data):
            out.extend(data)
            return
        for item in data:
            _flatten(item, out)
    elif isinstance(data, np.ndarray):
        out.extend(data.ravel().tolist())
    elif isinstance(data, Tensor):
        out.append(data.item())
    else:
        out.append(data)


def _store(numbers, dtype):
    """Python numbers as an array of ``dtype``. Floats and bools convert one by one,
    rounded once; integer types first check that every number fits."""
    if dtype.category != 1:
        return np.array(numbers, dtype=dtype.numpy)
    values = np.array(numbers)
    if values.dtype.kind in "uO":  # integers past int64 (NumPy made uint64 or objects)
        raise ValueError("Overflow when unpacking long long")
    dtypes.check_fits(values, dtype)
    return values.astype(dtype.numpy)


def _finish(array, requires_grad, device=None):
    """Wrap a freshly made array as a leaf tensor."""
    on_cpu(device)
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
    if isinstance(data, Tensor):
        warn_copy_construct("torch.tensor")
    return _finish(np.array(to_array(data, dtype), copy=True), requires_grad, device)


def warn_copy_construct(made_by):
    """PyTorch's advice when a tensor is made from a tensor: say what you mean."""
    warn(f"To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
         f"clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
         f"{made_by}(sourceTensor).")


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor) and (dtype is None or dtype is data.dtype):
        return data
    return _finish(to_array(data, dtype), False, device)


def from_numpy(array):
    """A tensor sharing memory with the NumPy ``array``. (The ops wrap their NumPy
    results with it too, hence NumPy's scalars are welcome as well.)"""
    if not isinstance(array, (np.ndarray, np.generic)):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
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
    def make(*size, dtype=None, device=None, requires_grad=False, out=None, **kwargs):
        dtype = dtypes.as_dtype(dtype) or dtypes.default_float()
        if "size" in kwargs and not size:  # torch.ones(size=(2, 3))
            size = (kwargs.pop("size"),)
        if kwargs:
            raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")
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
    dtype = dtypes.as_dtype(dtype) or dtypes.scalar_dtype(fill_value)
    value = dtypes.fill_value(fill_value, dtype)
    return _finish(np.full(_size((size,)), value, dtype=dtype.numpy), requires_grad, device)


def _like(fill):
    def make(input, dtype=None, device=None, requires_grad=False):
        dtype = dtypes.as_dtype(dtype) or input.dtype
        return _finish(np.full(input._data.shape, fill, dtype=dtype.numpy), requires_grad, device)
    return make


zeros_like = _like(0)
ones_like = _like(1)
empty_like = _like(0)
zeros_like.__name__, ones_like.__name__, empty_like.__name__ = "zeros_like", "ones_like", "empty_like"


def full_like(input, fill_value, dtype=None, device=None, requires_grad=False):
    dtype = dtypes.as_dtype(dtype) or input.dtype
    value = dtypes.fill_value(fill_value, dtype)
    return _finish(np.full(input._data.shape, value, dtype=dtype.numpy), requires_grad, device)


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False):
    """``arange(4.0)`` is ``tensor([0., 1., 2., 3.])``; ``arange(4)`` gives int64."""
    if end is None:
        start, end = 0, start
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    if step == 0:
        raise RuntimeError("step must be nonzero")
    dtype = dtypes.as_dtype(dtype)
    if dtype is dtypes.bool_:
        raise NotImplementedError("\"arange_cpu\" not implemented for 'Bool'")
    if dtype is None:
        floating = any(isinstance(v, (float, np.floating)) for v in values)
        dtype = dtypes.default_float() if floating else dtypes.int64
    start, end, step = values
    if not all(math.isfinite(v) for v in values):
        raise RuntimeError(f"unsupported range: {start} -> {end}")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if dtype.is_floating_point:
        array = _arange_values(float(start), float(end), float(step), dtype.numpy)
    else:  # integer types take whole numbers first: arange(0, 5, 1.5, dtype=int64) steps by 1
        array = np.arange(int(start), int(end), int(step), dtype=np.int64).astype(dtype.numpy)
    return _finish(array, requires_grad, device)


def _arange_values(start, end, step, dtype):
    """start + i·step, as PyTorch's kernel computes it, to the last bit (so that
    ``arange(-8.0, 8.0, 0.1)`` has the same tiny value near 0, and relu the same
    gradient there). In float64 with a fused multiply-add; within each block of two
    32-byte SIMD vectors, each vector counts on from its own first value, already
    rounded to ``dtype`` (PyTorch's Vectorized::arange); the last partial block element
    by element."""
    if start.is_integer() and step.is_integer() and max(abs(start), abs(end)) + abs(step) <= 2048:
        # whole numbers that every float type holds exactly (float16 up to 2048): any
        # order of computing them gives the same bits, so NumPy's own arange is exact too
        return np.arange(start, end, step, dtype=dtype)
    n = max(math.ceil((end - start) / step), 0)
    width = 32 // dtype.itemsize
    i = np.arange(n)
    k = i % width
    first = _fused(np.float64(step), i - k, start).astype(dtype)  # each vector's first value
    in_blocks = i < n - n % (2 * width)
    return np.where(in_blocks, _fused(np.float64(step), k, first.astype(np.float64)),
                    _fused(np.float64(step), i, start)).astype(dtype)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False):
    """``steps`` evenly spaced values from ``start`` to ``end``, computed the way PyTorch
    does (from both ends towards the middle), so the values match to the last digit."""
    dtype = dtypes.as_dtype(dtype) or dtypes.default_float()
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
    dtype = dtypes.as_dtype(dtype) or dtypes.default_float()
    return _finish(np.eye(n, m, dtype=dtype.numpy), requires_grad, device)
