"""Operands and broadcasting, done once for every op.

Operands: the other side of ``x * 2`` becomes a 0-d tensor, typed as PyTorch types it.

Forward: NumPy stretches a ``(3,)`` tensor against a ``(2, 3)`` one. Backward: the
gradient arrives with the stretched shape ``(2, 3)`` and must be summed back to the
input's own shape ``(3,)`` (``sum_to``), because each input element was used once per
copy.
"""
import numbers

import numpy as np

from .. import creation, dtypes
from ..dtypes import result_type
from ..language import hint
from ..quiet import mute, unmute
from ..tensor import Tensor


def broadcast_shape(a, b):
    """The shape NumPy/PyTorch broadcasting gives, or PyTorch's error."""
    if a == b:
        return a
    n = max(len(a), len(b))
    a1, b1 = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    shape = [0] * n
    for i in reversed(range(n)):  # PyTorch reports the last mismatching dimension
        x, y = a1[i], b1[i]
        if x != y and x != 1 and y != 1:
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at "
                f"non-singleton dimension {i}. " + hint(
                    f"Shapes {list(a)} and {list(b)} cannot be broadcast: compared from the "
                    f"right, each pair of sizes must be equal or 1.",
                    f"形状 {list(a)} 和 {list(b)} 无法广播：从右往左逐维比较，每一对大小必须相等或其中一个为 1。"))
        shape[i] = 0 if 0 in (x, y) else max(x, y)
    return tuple(shape)


def promoted(a, b):
    """The NumPy arrays of tensors ``a`` and ``b``, in the dtype PyTorch computes
    ``a op b`` in; raises PyTorch's error if their shapes don't broadcast."""
    x, y = a._data, b._data
    if x.shape != y.shape and x.ndim and y.ndim:
        broadcast_shape(x.shape, y.shape)
    if x.dtype != y.dtype:
        common = result_type(a, b).numpy
        x, y = x.astype(common, copy=False), y.astype(common, copy=False)
    return x, y


def sum_to(grad, shape):
    """Sum ``grad`` down to ``shape``, undoing broadcasting (a differentiable op)."""
    if grad._data.shape == shape:
        return grad
    lead = grad._data.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and grad._data.shape[lead + i] != 1)
    return grad.sum(dim=dims, keepdim=True).reshape(shape) if dims else grad.reshape(shape)


def operand(value, like, dtype=None):
    """Turn the other side of a binary op into a tensor, typed the way PyTorch types it.

    A Python number becomes a 0-d tensor (which does not require grad): ``x * 2``
    records ``MulBackward0`` with two inputs, like PyTorch.
    """
    if isinstance(value, Tensor):
        return value
    kind = like._data.dtype
    if dtype is None and kind.kind == "f" and type(value) in (float, int):
        # x * 0.5, 2 * x: the number takes the float tensor's dtype (the common case)
        numpy_warnings = mute()  # 1e300 into float32 is inf, as in PyTorch, without a warning
        try:
            array = np.array(value, dtype=kind)
        finally:
            unmute(numpy_warnings)
    elif scalar_like(value):
        array = dtypes.scalar_array(value, dtype or dtypes.result_type(like, value))
    elif isinstance(value, np.ndarray):
        return creation.tensor(value, dtype=dtype)
    else:  # a list, None, text: x + [1, 2] is Python's TypeError, as in PyTorch
        return NotImplemented
    # PyTorch's "wrapped number": no program holds this tensor, so an op that saves it for
    # backward keeps just its array (objects fewer for the cycle collector: autograd/saved.py)
    number = Tensor._make(array)
    number._wrapped_number = True
    return number


def tensor_argument(value, like, op, argument="other", position=2):
    """``operand`` for an op called by name (``torch.add(x, [1, 2])``): what the operator
    form leaves to Python's TypeError, PyTorch's error names here."""
    other = operand(value, like)
    if other is NotImplemented:
        raise TypeError(f"{op}(): argument '{argument}' (position {position}) must be Tensor, "
                        f"not {type(value).__name__}")
    return other


def scalar_like(value):
    return isinstance(value, (numbers.Number, np.number, np.bool_)) and not isinstance(value, Tensor)
