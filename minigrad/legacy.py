"""``torch.FloatTensor`` and the other legacy tensor types, which older tutorials and
answers on the web still use: ``torch.FloatTensor([1, 2])`` makes a float32 tensor,
``isinstance(x, torch.LongTensor)`` asks for an int64 one, ``x.type(torch.DoubleTensor)``
converts. Each is a name for a dtype, not a class of its own: every tensor is a ``Tensor``.
"""
import numpy as np

from . import creation, dtypes
from .tensor import Tensor


class _LegacyType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj.dtype is cls.dtype

    def __call__(cls, *args):
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):  # FloatTensor([1, 2])
            return creation.as_tensor(args[0], dtype=cls.dtype).clone()
        return creation.zeros(*args, dtype=cls.dtype)  # FloatTensor(2, 3): a size

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _legacy(name, dtype):
    return _LegacyType(name, (), {"dtype": dtype})


FloatTensor = _legacy("FloatTensor", dtypes.float32)
DoubleTensor = _legacy("DoubleTensor", dtypes.float64)
HalfTensor = _legacy("HalfTensor", dtypes.float16)
LongTensor = _legacy("LongTensor", dtypes.int64)
IntTensor = _legacy("IntTensor", dtypes.int32)
ShortTensor = _legacy("ShortTensor", dtypes.int16)
CharTensor = _legacy("CharTensor", dtypes.int8)
ByteTensor = _legacy("ByteTensor", dtypes.uint8)
BoolTensor = _legacy("BoolTensor", dtypes.bool_)
