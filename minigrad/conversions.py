"""How a tensor turns into Python numbers, NumPy arrays and text: ``item()``,
``tolist()``, ``numpy()``, ``float(x)``, ``int(x)``, ``bool(x)`` (an ``if`` or ``while``
deciding which ops run), ``len(x)``, ``for row in x`` and f-strings. ``Tensor``
(tensor.py) inherits them from ``Conversions``.
"""
import warnings

import numpy as np

from . import dtypes, events
from .language import hint

_warned_float = False  # float(x) of a tensor that requires grad: warned already


class Conversions:
    __slots__ = ()  # the tensor's own slots are declared in Tensor

    def numpy(self, *, force=False):
        if self._requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. "
                               "Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype, copy=False)

    def item(self):
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to "
                               f"Scalar. " + hint(
                                   "Use .tolist() for all the values, or pick one element first, "
                                   "e.g. x[0].item().",
                                   "要得到所有的值请用 .tolist()，或者先取出一个元素，例如 "
                                   "x[0].item()。"))
        return self._data.reshape(()).item()

    def tolist(self):
        return self._data.tolist()

    def __float__(self):
        global _warned_float
        if self._requires_grad and not _warned_float:  # PyTorch warns once per program
            _warned_float = True
            warnings.warn("Converting a tensor with requires_grad=True to a scalar may lead to "
                          "unexpected behavior.\nConsider using tensor.detach() first.",
                          UserWarning, stacklevel=2)
        return float(self._one_element())

    def __int__(self):
        return int(self._one_element())

    def __index__(self):
        if self.dtype.is_floating_point or self.dtype is dtypes.bool_ or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._data.reshape(()))

    def _one_element(self):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __bool__(self):
        if self._data.size == 1:
            result = bool(self._data.reshape(()))
            if events.listeners:  # an if/while deciding which ops run: a player shows it
                events.checked(self, result)
            return result
        if self._data.size == 0:
            raise RuntimeError("Boolean value of Tensor with no values is ambiguous")
        raise RuntimeError(
            "Boolean value of Tensor with more than one value is ambiguous. " + hint(
                "Reduce it to one value first, e.g. with .all(), .any() or .sum() > 0.",
                "先把它化成一个值，例如用 .all()、.any() 或 .sum() > 0。"))

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        if spec:  # f"{x:.2f}" of a whole tensor: PyTorch's TypeError, not str's ValueError
            raise TypeError("unsupported format string passed to Tensor.__format__")
        return repr(self)
