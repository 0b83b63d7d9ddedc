"""Data types, and PyTorch's rule for the dtype of a mixed operation.

NumPy and PyTorch disagree on promotion (NumPy makes ``float32 * float64-scalar-array``
a float64; PyTorch keeps float32), so every op asks ``result_type`` here instead of
letting NumPy decide.
"""
import numpy as np

from .language import hint
from .quiet import silently


class dtype:
    """A tensor's element type. Prints as PyTorch's does (``torch.float32``) so that
    programs written for PyTorch print the same text."""

    def __init__(self, name, numpy_type, category, aliases=()):
        self.name = name
        self.numpy = np.dtype(numpy_type)
        self.category = category  # 0 bool, 1 integer, 2 floating point: promotion order
        self.is_floating_point = category == 2
        self.itemsize = self.numpy.itemsize
        self._legacy_names = aliases

    def __repr__(self):
        return f"torch.{self.name}"

    def __reduce__(self):  # pickling keeps the singleton
        return (_by_name, (self.name,))


bool_ = dtype("bool", np.bool_, 0)
uint8 = dtype("uint8", np.uint8, 1)
int8 = dtype("int8", np.int8, 1)
int16 = dtype("int16", np.int16, 1)
int32 = dtype("int32", np.int32, 1)
int64 = dtype("int64", np.int64, 1)
float16 = dtype("float16", np.float16, 2)
float32 = dtype("float32", np.float32, 2)
float64 = dtype("float64", np.float64, 2)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64)
FROM_NUMPY = {d.numpy: d for d in ALL}
# PyTorch's names for the scalar types, used in its error messages ("Float", "Long").
SCALAR_TYPE_NAME = {bool_: "Bool", uint8: "Byte", int8: "Char", int16: "Short", int32: "Int",
                    int64: "Long", float16: "Half", float32: "Float", float64: "Double"}


def _by_name(name):
    return next(d for d in ALL if d.name == name)


_PYTHON_TYPES = {float: float64, int: int64, bool: bool_}  # torch.zeros(2, dtype=float)


def as_dtype(value, where="dtype"):
    """A dtype argument as PyTorch accepts it: a dtype, Python's ``float``, ``int`` or
    ``bool``, or a legacy tensor type (``torch.DoubleTensor``, ``'torch.DoubleTensor'``)."""
    if value is None or isinstance(value, dtype):
        return value
    if type(value) is type and value in _PYTHON_TYPES:
        return _PYTHON_TYPES[value]
    legacy = getattr(value, "dtype", None)
    if isinstance(legacy, dtype) and isinstance(value, type):
        return legacy
    if isinstance(value, str) and value.startswith("torch.") and value[6:] in _BY_LEGACY_NAME:
        return _BY_LEGACY_NAME[value[6:]]
    raise TypeError(f"{where} must be torch.dtype, not {type(value).__name__}")


def default_float():
    return float32


def from_numpy(np_dtype):
    """The minigrad dtype of a NumPy dtype; raises for types PyTorch has no equivalent of."""
    try:
        return FROM_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        kind = np.dtype(np_dtype).type.__name__  # PyTorch's words: "of type numpy.object_"
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{kind}. The only supported types are: "
            "float64, float32, float16, int64, int32, int16, int8, uint8, and bool." + (hint(
                " An array of objects usually comes from a pandas table whose columns have "
                "different types (get_dummies makes bool columns): convert it first, e.g. "
                "df.to_numpy(dtype=float).",
                " object 类型的数组通常来自各列类型不同的 pandas 表格（get_dummies 会生成 bool "
                "列）：先转换，例如 df.to_numpy(dtype=float)。") if kind == "object_" else "")) from None


def float_array(array):
    """Integer input to a float-valued op (exp, log, 1/x) is computed in the default float."""
    return array if array.dtype.kind == "f" else array.astype(default_float().numpy)


def promote_types(a, b):
    """The smallest dtype that holds both ``a`` and ``b`` (PyTorch's ``promote_types``).
    Across categories the higher one wins outright: int64 with float16 is float16 in
    PyTorch (NumPy would say float64)."""
    if a is b:
        return a
    if a.category != b.category:
        return a if a.category > b.category else b
    return from_numpy(np.promote_types(a.numpy, b.numpy))


def scalar_dtype(value):
    """The dtype PyTorch gives a bare Python number when it must give it one."""
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, (int, np.integer)):
        return int64
    return default_float()


@silently  # 1e300 into float32 is inf, as in PyTorch, without NumPy's overflow warning
def scalar_array(value, dtype):
    """A Python number as a 0-d array of ``dtype``, for an op with a tensor. Integers
    wrap around as in PyTorch's kernels (a uint8 tensor + 300 adds 44) where NumPy
    would refuse."""
    if dtype.category == 1 and isinstance(value, (int, np.integer)):
        return np.array(value, dtype=np.int64).astype(dtype.numpy)
    return np.asarray(value, dtype=dtype.numpy)


_FLOAT32_MAX = float(np.finfo(np.float32).max)  # np.finfo takes microseconds each time


def check_fits(values, dtype, type_name=None):
    """Raise PyTorch's error if a number in ``values`` (an array of Python numbers) does
    not fit in ``dtype``: ``torch.tensor([300], dtype=torch.uint8)`` is an error, not a
    silent 44. Unsigned types take negative integers as two's complement (-1 becomes
    255), as PyTorch does; floats may be inf or nan, not finite and too large."""
    if dtype.category == 1:
        info = np.iinfo(dtype.numpy)
        if values.dtype.kind == "f":
            bad = np.isnan(values) | (values < info.min) | (values > info.max)
        else:
            low = -int(info.max) if info.min == 0 else info.min
            bad = (values < low) | (values > info.max)
    elif dtype is float32:  # PyTorch lets float16 overflow to inf; float64 always fits
        bad = np.isfinite(values) & (np.abs(values) > _FLOAT32_MAX)
    else:
        return
    if bad.any():
        raise RuntimeError(f"value cannot be converted to type {type_name or dtype.name} "
                           f"without overflow")


# How PyTorch's fill names the types in its overflow error (their C++ names)
_FILL_TYPE_NAME = {uint8: "uint8_t", int8: "int8_t", int16: "int16_t", int32: "int",
                   int64: "int64_t", float32: "float"}


def fill_value(value, dtype):
    """The number ``full`` or ``fill_`` writes, as a 0-d array of ``dtype``, checked the
    way PyTorch checks it."""
    check_fits(np.asarray(value), dtype, _FILL_TYPE_NAME.get(dtype))
    return scalar_array(value, dtype)


def result_type(*operands):
    """PyTorch's promotion for an op mixing tensors and Python numbers.

    The result's category (bool < integer < floating point) is the highest among the
    operands. Inside that category, tensors with dimensions decide first, then 0-d
    tensors, then Python numbers: ``float32 vector * float64 0-d tensor`` stays float32,
    ``int64 vector * 2.5`` becomes the default float32.
    """
    from .tensor import Tensor
    category = 0
    tiers = ([], [], [])  # Python numbers, 0-d tensors, tensors with dimensions
    for x in operands:
        if isinstance(x, Tensor):
            d = x.dtype
            tiers[2 if x._data.ndim else 1].append(d)
        else:
            d = scalar_dtype(x)
            tiers[0].append(d)
        category = max(category, d.category)
    for tier in (tiers[2], tiers[1]):
        candidates = [d for d in tier if d.category == category]
        if candidates:
            result = candidates[0]
            for d in candidates[1:]:
                result = promote_types(result, d)
            return result
    return (bool_, int64, default_float())[category]


# How PyTorch names dtypes in its messages: legacy tensor types and C++ scalar types
LEGACY_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
                 "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor",
                 "int8": "CharTensor", "uint8": "ByteTensor", "bool": "BoolTensor"}


_BY_LEGACY_NAME = {name: FROM_NUMPY[np.dtype(np_name)] for np_name, name in LEGACY_NAMES.items()}


def legacy_type_name(np_dtype):
    return "torch." + LEGACY_NAMES[np.dtype(np_dtype).name]


CPP_NAME = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
             "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
             "bool": "bool"}
