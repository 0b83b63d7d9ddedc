"""The Tensor: a NumPy array that remembers how it was computed.

Besides its values (``_data``), a tensor knows whether gradients should flow to it
(``requires_grad``), which op made it (``grad_fn``, None for a leaf you created), and
where its gradient lands (``grad``). Every method that computes something hands the
work to an op in ``minigrad/ops``, which records the step in the graph.
"""
import functools
import numbers
import warnings
import weakref

import numpy as np

from . import dtypes, events
from .language import hint


class Size(tuple):
    """A shape, printed as PyTorch prints it: ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    def numel(self):
        return int(np.prod(self, dtype=np.int64))


class _VersionCounter:
    """Counts in-place changes to a block of memory, shared by all tensors that view it."""
    __slots__ = ("value",)

    def __init__(self):
        self.value = 0


class device:
    """minigrad computes on the CPU; ``device('cpu')`` is accepted so PyTorch code runs."""

    def __init__(self, type="cpu", index=None):
        type = str(type)
        if type != "cpu":
            raise RuntimeError(
                f"minigrad runs on the CPU only, so device '{type}' is not available. " + hint(
                    "Use device='cpu' (or leave the device out).",
                    "请用 device='cpu'（或者不写 device）。"))
        self.type = type
        self.index = index

    def __repr__(self):
        return "device(type='cpu')"

    def __str__(self):
        return "cpu"

    def __eq__(self, other):
        return str(other) == "cpu"

    def __hash__(self):
        return hash("cpu")


_LEGACY_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
                 "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor",
                 "int8": "CharTensor", "uint8": "ByteTensor", "bool": "BoolTensor"}


def legacy_type_name(np_dtype):
    return "torch." + _LEGACY_NAMES[np.dtype(np_dtype).name]


def _scalar_like(value):
    return isinstance(value, (numbers.Number, np.number, np.bool_)) and not isinstance(value, Tensor)


def _numpy_names(reduction):
    """PyTorch also takes NumPy's names for a reduction's arguments, and the D2L book uses
    them: ``A.sum(axis=1, keepdims=True)`` is ``A.sum(dim=1, keepdim=True)``."""
    @functools.wraps(reduction)
    def with_numpy_names(self, *args, **kwargs):
        if "axis" in kwargs:
            kwargs["dim"] = kwargs.pop("axis")
        if "keepdims" in kwargs:
            kwargs["keepdim"] = kwargs.pop("keepdims")
        return reduction(self, *args, **kwargs)
    return with_numpy_names


def _correction(unbiased, correction):
    """var/std divide by n - correction: 1 (Bessel's correction) unless unbiased=False."""
    return correction if correction is not None else int(bool(unbiased))


class Tensor:
    """A multi-dimensional array with automatic differentiation, like ``torch.Tensor``.

    Make tensors with ``minigrad.tensor([...])``, ``minigrad.arange(4.0)`` and friends;
    ``Tensor([...])`` is PyTorch's legacy constructor (always float32).
    """
    __slots__ = ("_data", "_requires_grad", "_grad", "_grad_fn", "_output_nr",
                 "_vc", "_base", "_view_version", "_accumulator", "_hooks", "__weakref__")
    __array_priority__ = 1000  # numpy_array * tensor calls Tensor.__rmul__

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError(f"Tensor() got unexpected keyword arguments {sorted(kwargs)}; "
                            "use minigrad.tensor(data, dtype=..., requires_grad=...) instead")
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
            data = creation.to_array(args[0], dtypes.float32)
        else:  # Tensor(2, 3): PyTorch leaves the memory uninitialised; zeros are kinder
            data = np.zeros(tuple(int(a) for a in args), dtype=np.float32)
        self._init(data, False)

    def _init(self, data, requires_grad):
        self._data = data
        self._requires_grad = requires_grad
        self._grad = self._grad_fn = self._vc = self._base = self._view_version = None
        self._accumulator = self._hooks = None
        self._output_nr = 0

    @classmethod
    def _make(cls, data, requires_grad=False):
        """A new tensor around the NumPy array ``data`` (no copy)."""
        t = object.__new__(cls)
        t._init(data, requires_grad)
        return t

    @classmethod
    def _alias(cls, other):
        """A second tensor over the same memory (what ``view`` and ``detach`` return)."""
        t = cls._make(other._data)
        t._vc = other._version_counter
        t._base = other._base if other._base is not None else other
        t._view_version = t._vc.value
        return t

    # -- what the tensor is ---------------------------------------------------------
    @property
    def shape(self):
        return Size(self._data.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[_dim(dim, self._data.ndim)]

    def dim(self):
        return self._data.ndim

    ndim = property(dim)

    def numel(self):
        return self._data.size

    def nelement(self):
        return self._data.size

    def element_size(self):
        return self._data.itemsize

    @property
    def dtype(self):
        return dtypes.FROM_NUMPY[self._data.dtype]

    def is_floating_point(self):
        return self.dtype.is_floating_point

    @property
    def device(self):
        return device("cpu")

    is_cuda = False
    is_sparse = False

    def type(self, dtype=None):
        if dtype is None:
            return legacy_type_name(self._data.dtype)
        return self.to(dtype)

    def is_contiguous(self):
        return self._data.flags.c_contiguous

    def contiguous(self):
        return self if self._data.flags.c_contiguous else self.clone()

    def cpu(self):
        return self

    def cuda(self, *args, **kwargs):
        raise RuntimeError("minigrad runs on the CPU only: .cuda() is not available. " + hint(
            "Remove the .cuda() call; everything works on the CPU.",
            "去掉 .cuda() 即可，所有计算都在 CPU 上进行。"))

    # -- the autograd attributes ----------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag):
        if self._grad_fn is not None:
            if flag:
                return
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use a "
                "computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach().")
        if flag and not self.dtype.is_floating_point:
            raise RuntimeError(
                f"only Tensors of floating point dtype can require gradients (this one is "
                f"{self.dtype}). " + hint(
                    "Make it a float tensor first, e.g. x = x.float(), or torch.arange(4.0) "
                    "instead of torch.arange(4).",
                    "先把它变成浮点张量，例如 x = x.float()，或者用 torch.arange(4.0) 代替 "
                    "torch.arange(4)。"))
        self._requires_grad = bool(flag)

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def grad_fn(self):
        return self._graph_node()

    @property
    def is_leaf(self):
        return self._graph_node() is None

    def _graph_node(self):
        """``grad_fn``, rebuilt first if this is a view whose base was changed in place
        since: the view's values now come from the base's new history (PyTorch's
        AsStridedBackward0)."""
        base = self._base
        if (base is not None and base._grad_fn is not None
                and self._view_version != self._version_counter.value):
            view, _ = AsStrided._run((base, view_positions(self._data, base._data)))
            self._grad_fn, self._output_nr = view._grad_fn, 0
            self._requires_grad = view._requires_grad
            self._view_version = self._version_counter.value
        return self._grad_fn

    @property
    def grad(self):
        if self._grad_fn is not None and not self.retains_grad:
            # PyTorch warns here; the message tells a student why .grad stayed None.
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                ".grad attribute won't be populated during autograd.backward(). If you indeed want "
                "the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the "
                "non-leaf Tensor before calling backward.", UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of "
                                f"type {type(value).__name__}")
            if value._data.shape != self._data.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value._data.shape)}' to a "
                    f"tensor of size '{list(self._data.shape)}'. Please ensure that the gradient "
                    f"and the tensor are the same size")
            if value._data.dtype != self._data.dtype:
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{_CPP_NAME[value.dtype.name]}' "
                    f"to a tensor with grad_dtype '{dtypes.SCALAR_TYPE_NAME[self.dtype]}'. " + hint(
                        f"The gradient must match the tensor's dtype: convert it first, e.g. "
                        f"g.to({self.dtype!r}).",
                        f"梯度的数据类型必须与张量一致：先转换，例如 g.to({self.dtype!r})。"))
        self._grad = value
        if events.listeners:
            events.announce(events.GradReset(self, value))

    @grad.deleter
    def grad(self):
        self.grad = None

    @property
    def retains_grad(self):
        node = self._grad_fn
        return node is not None and node._retained is not None and self._output_nr in node._retained

    def retain_grad(self):
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        node = self._grad_fn
        if node is not None:
            if node._retained is None:
                node._retained = {}
            node._retained[self._output_nr] = weakref.ref(self)

    def register_hook(self, hook):
        """Call ``hook(grad)`` when this tensor's gradient is computed; a returned tensor
        replaces the gradient."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        entry = (self._output_nr, hook)
        if self._grad_fn is None:  # a leaf keeps its own hooks: its AccumulateGrad may come and go
            if self._hooks is None:
                self._hooks = []
            self._hooks.append(entry)
            return _RemovableHandle(self._hooks, entry)
        node = self._grad_fn
        if not isinstance(node._pre_hooks, list):
            node._pre_hooks = list(node._pre_hooks)
        node._pre_hooks.append(entry)
        return _RemovableHandle(node._pre_hooks, entry)

    def _accumulate_grad_node(self):
        """The leaf's AccumulateGrad node; one per leaf, alive as long as a graph uses it."""
        ref = self._accumulator
        node = ref() if ref is not None else None
        if node is None:
            node = AccumulateGrad(self)
            self._accumulator = weakref.ref(node)
        return node

    @property
    def _version_counter(self):
        if self._vc is None:
            self._vc = _VersionCounter()
        return self._vc

    @property
    def _version(self):
        return self._version_counter.value

    @property
    def output_nr(self):
        return self._output_nr

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Compute the gradient of this tensor with respect to the leaves of its graph
        and add it into their ``.grad``."""
        engine.backward((self,), None if gradient is None else (gradient,),
                        retain_graph, create_graph, inputs)

    # -- leaving the graph ----------------------------------------------------------
    def detach(self):
        """The same values (same memory), cut from the graph: treated as a constant."""
        out = Tensor._make(self._data)
        out._vc = self._version_counter
        if events.listeners:
            events.announce(events.Detached(self, out))
        return out

    def detach_(self):
        if self._base is not None and self._base._requires_grad:
            raise RuntimeError("Can't detach views in-place. Use detach() instead.")
        self._grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self):
        """The values without history. Changes through ``.data`` are invisible to autograd."""
        return Tensor._make(self._data)

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
        self._data = value._data

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

    def unbind(self, dim=0):
        """The slices along ``dim``, as a tuple of tensors (views)."""
        return ops.Unbind.apply(self, _dim(dim, self._data.ndim))

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return tensor_repr(self)

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return format(repr(self), spec)

    def __reduce_ex__(self, protocol):
        if self._grad_fn is not None:
            raise RuntimeError("Only leaf tensors can be pickled or deep-copied; call .detach() first.")
        return (_rebuild, (self._data.copy(), self._requires_grad))

    # -- in-place changes ------------------------------------------------------------
    def _check_inplace_allowed(self):
        if not _GradMode.enabled:
            return
        if self._requires_grad and self._grad_fn is None:
            raise RuntimeError(
                "a leaf Variable that requires grad is being used in an in-place operation. " + hint(
                    "Wrap the update in `with torch.no_grad():` (as in w -= lr * w.grad), or use "
                    "an out-of-place operation (w = w - 1).",
                    "把更新放进 `with torch.no_grad():` 中（如 w -= lr * w.grad），或者改用非就地"
                    "操作（w = w - 1）。"))
        base = self._base
        if base is not None and base._requires_grad and base._grad_fn is None:
            raise RuntimeError(_view_of_leaf_message())

    def _bump_version(self):
        self._version_counter.value += 1

    def _inplace(self, function, *args):
        """Compute ``function(self, *args)`` and store the result in this tensor's memory.

        The op sees a copy of the old value, so it can save it for backward; the tensor
        then takes over the op's node as its ``grad_fn``.
        """
        self._check_inplace_allowed()
        tracked = _GradMode.enabled and (self._requires_grad or any(
            isinstance(a, Tensor) and a._requires_grad for a in args))
        old = self._snapshot() if tracked or events.listeners else self
        result, node = function._run((old,) + args)
        self._write(result, function)
        if tracked:
            self._grad_fn, self._output_nr, self._requires_grad = result._grad_fn, 0, True
            if self._base is not None:
                self._rebase_view()
        if events.listeners:
            events.op_ran(function, (old,) + args, self, node, inplace=True)
        return self

    def _snapshot(self):
        """A copy of the current value that keeps this tensor's place in the graph."""
        t = Tensor._make(self._data.copy(), self._requires_grad)
        t._grad_fn, t._output_nr = self._grad_fn, self._output_nr
        return t

    def _write(self, result, function):
        if result._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self._data.shape)} doesn't match the broadcast shape "
                f"{list(result._data.shape)}")
        if not _can_cast(result.dtype, self.dtype):
            raise RuntimeError(
                f"result type {dtypes.SCALAR_TYPE_NAME[result.dtype]} can't be cast to the desired "
                f"output type {dtypes.SCALAR_TYPE_NAME[self.dtype]}")
        if not self._data.flags.writeable:
            raise RuntimeError(
                "unsupported operation: more than one element of the written-to tensor refers to "
                "a single memory location. Please clone() the tensor before performing the operation.")
        self._data[...] = result._data
        self._bump_version()

    def _rebase_view(self):
        """After an in-place change to a view, make the base's history include it."""
        base = self._base
        self._view_version = self._version_counter.value  # its grad_fn (just set) is current
        positions = view_positions(self._data, base._data)
        new_base, _ = CopySlices._run((Tensor._alias_keeping_graph(base), self, positions))
        base._grad_fn, base._output_nr, base._requires_grad = new_base._grad_fn, 0, True
        view, _ = AsStrided._run((base, positions))
        self._grad_fn = view._grad_fn

    @classmethod
    def _alias_keeping_graph(cls, other):
        t = cls._make(other._data, other._requires_grad)
        t._grad_fn, t._output_nr = other._grad_fn, other._output_nr
        return t

    def zero_(self):
        return self._fill_inplace(0, Zero)

    def fill_(self, value):
        return self._fill_inplace(value, Fill)

    def _fill_inplace(self, value, function):
        if _GradMode.enabled and (self._requires_grad or self._base is not None):
            return self._inplace(function, float(value) if self.dtype.is_floating_point else value)
        old = self._snapshot() if events.listeners else None
        self._data[...] = value
        self._bump_version()
        if old is not None:
            events.op_ran(function, (old, value), self, None, inplace=True)
        return self

    def copy_(self, src):
        return self._inplace(CopyFrom, _operand(src, self))

    def add_(self, other, alpha=1):
        return self._inplace(ops.Add, _operand(other if alpha == 1 else other * alpha, self))

    def sub_(self, other, alpha=1):
        return self._inplace(ops.Sub, _operand(other if alpha == 1 else other * alpha, self))

    def mul_(self, other):
        return self._inplace(ops.Mul, _operand(other, self))

    def div_(self, other):
        return self._inplace(ops.Div, _operand(other, self))

    def pow_(self, exponent):
        return self._inplace(ops.Pow, exponent)

    def clamp_(self, min=None, max=None):
        return self._inplace(ops.Clamp, min, max)

    def relu_(self):
        return self._inplace(ops.Relu)

    def exp_(self):
        return self._inplace(ops.Exp)

    def neg_(self):
        return self._inplace(ops.Neg)

    __iadd__ = add_
    __isub__ = sub_
    __imul__ = mul_
    __itruediv__ = div_

    def __setitem__(self, key, value):
        """``y[i] = v``: write into part of the tensor; the graph records a CopySlices."""
        key = normalize_index(key)
        if isinstance(value, Tensor) and value._data.dtype != self._data.dtype:
            value = value.to(self.dtype)
        value = _operand(value, self, dtype=self.dtype)
        if _GradMode.enabled and self._requires_grad and self._grad_fn is None:
            # PyTorch writes x[i] = v through a view of x, hence the wording
            raise RuntimeError(_view_of_leaf_message())
        self._check_inplace_allowed()
        if _GradMode.enabled and (self._requires_grad or value._requires_grad):
            self._inplace(IndexPut.for_key(key), value, key)
            return
        old = self._snapshot() if events.listeners else None
        try:
            self._data[key] = value._data
        except ValueError:
            raise RuntimeError(_setitem_shape_message(self, key, value)) from None
        self._bump_version()
        if old is not None:
            events.op_ran(IndexPut.for_key(key), (old, value, key), self, None, inplace=True)

    # -- everything else is an op ------------------------------------------------------
    def __add__(self, other):
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Add.apply(self, other)

    def __radd__(self, other):  # PyTorch: 2 + x is add(x, 2), x first in the graph
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Add.apply(self, other)

    def __sub__(self, other):
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Sub.apply(self, other)

    def __rsub__(self, other):
        if _scalar_like(other):
            return ops.Rsub.apply(self, other)
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Sub.apply(other, self)

    def __mul__(self, other):
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Mul.apply(self, other)

    def __rmul__(self, other):  # PyTorch: 2 * x is mul(x, 2), x first in the graph
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Mul.apply(self, other)

    def __truediv__(self, other):
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Div.apply(self, other)

    def __rtruediv__(self, other):
        if _scalar_like(other):  # PyTorch computes 1 / x as x.reciprocal() * 1
            return ops.Reciprocal.apply(self) * other
        other = _operand(other, self)
        return NotImplemented if other is NotImplemented else ops.Div.apply(other, self)

    def __pow__(self, exponent):
        if _scalar_like(exponent):
            return ops.Pow.apply(self, exponent)
        exponent = _operand(exponent, self)
        return NotImplemented if exponent is NotImplemented else ops.PowTensor.apply(self, exponent)

    def __rpow__(self, base):
        if _scalar_like(base):
            return ops.RPow.apply(self, base)
        base = _operand(base, self)
        return NotImplemented if base is NotImplemented else ops.PowTensor.apply(base, self)

    def __matmul__(self, other):
        return ops.matmul(self, _operand(other, self))

    def __rmatmul__(self, other):
        return ops.matmul(_operand(other, self), self)

    def __neg__(self):
        return ops.Neg.apply(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return ops.Abs.apply(self)

    def __floordiv__(self, other):
        return ops.compare(np.floor_divide, self, other)

    def __rfloordiv__(self, other):
        return ops.compare(np.floor_divide, other, self)

    def __mod__(self, other):
        return ops.compare(np.remainder, self, other)

    def __lt__(self, other):
        return ops.compare(np.less, self, other)

    def __le__(self, other):
        return ops.compare(np.less_equal, self, other)

    def __gt__(self, other):
        return ops.compare(np.greater, self, other)

    def __ge__(self, other):
        return ops.compare(np.greater_equal, self, other)

    def __eq__(self, other):
        return ops.compare(np.equal, self, other)

    def __ne__(self, other):
        return ops.compare(np.not_equal, self, other)

    def __and__(self, other):
        return ops.compare(np.logical_and if self.dtype is dtypes.bool_ else np.bitwise_and, self, other)

    def __or__(self, other):
        return ops.compare(np.logical_or if self.dtype is dtypes.bool_ else np.bitwise_or, self, other)

    def __invert__(self):
        return ops.invert(np.logical_not if self.dtype is dtypes.bool_ else np.invert, self)

    def __getitem__(self, key):
        return ops.getitem(self, key)

    def select(self, dim, index):
        return ops.Select.apply(self, _dim(dim, self._data.ndim), index)

    def add(self, other, alpha=1):
        return self + (other if alpha == 1 else other * alpha)

    def sub(self, other, alpha=1):
        return self - (other if alpha == 1 else other * alpha)

    def mul(self, other):
        return self * other

    def div(self, other):
        return self / other

    multiply, divide, subtract = mul, div, sub

    def neg(self):
        return -self

    def pow(self, exponent):
        return self ** exponent

    def reciprocal(self):
        return ops.Reciprocal.apply(self)

    def eq(self, other):
        return self == other

    def ne(self, other):
        return self != other

    def lt(self, other):
        return self < other

    def le(self, other):
        return self <= other

    def gt(self, other):
        return self > other

    def ge(self, other):
        return self >= other

    def exp(self):
        return ops.Exp.apply(self)

    def log(self):
        return ops.Log.apply(self)

    def sin(self):
        return ops.Sin.apply(self)

    def cos(self):
        return ops.Cos.apply(self)

    def tanh(self):
        return ops.Tanh.apply(self)

    def sigmoid(self):
        return ops.Sigmoid.apply(self)

    def relu(self):
        return ops.Relu.apply(self)

    def sqrt(self):
        return ops.Sqrt.apply(self)

    def abs(self):
        return ops.Abs.apply(self)

    def square(self):
        return self ** 2

    def clamp(self, min=None, max=None):
        return ops.clamp(self, min, max)

    clip = clamp

    @_numpy_names
    def sum(self, dim=None, keepdim=False, dtype=None):
        return ops.sum(self, dim, keepdim, dtype)

    @_numpy_names
    def cumsum(self, dim, dtype=None):
        return ops.cumsum(self, dim, dtype)

    @_numpy_names
    def var(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        return ops.var(self, dim, _correction(unbiased, correction), keepdim)

    @_numpy_names
    def std(self, dim=None, unbiased=True, keepdim=False, *, correction=None):
        return ops.std(self, dim, _correction(unbiased, correction), keepdim)

    def softmax(self, dim):
        from .nn.functional import softmax
        return softmax(self, dim)

    def log_softmax(self, dim):
        from .nn.functional import log_softmax
        return log_softmax(self, dim)

    @_numpy_names
    def mean(self, dim=None, keepdim=False, dtype=None):
        return ops.mean(self, dim, keepdim, dtype)

    @_numpy_names
    def max(self, dim=None, keepdim=False):
        return ops.max(self, dim, keepdim)

    @_numpy_names
    def min(self, dim=None, keepdim=False):
        return ops.min(self, dim, keepdim)

    @_numpy_names
    def argmax(self, dim=None, keepdim=False):
        return ops.argmax(self, dim, keepdim)

    @_numpy_names
    def argmin(self, dim=None, keepdim=False):
        return ops.argmin(self, dim, keepdim)

    @_numpy_names
    def norm(self, p="fro", dim=None, keepdim=False):
        return ops.norm(self, p, dim, keepdim)

    @_numpy_names
    def all(self, dim=None):
        return ops.logical_reduce(np.all, self, dim)

    @_numpy_names
    def any(self, dim=None):
        return ops.logical_reduce(np.any, self, dim)

    def dot(self, other):
        return ops.dot(self, other)

    def mm(self, other):
        return ops.mm(self, other)

    def mv(self, other):
        return ops.mv(self, other)

    def matmul(self, other):
        return ops.matmul(self, other)

    def reshape(self, *shape):
        return ops.reshape(self, shape)

    def view(self, *shape):
        return ops.view(self, shape)

    def view_as(self, other):
        return ops.view(self, other.shape)

    def reshape_as(self, other):
        return ops.reshape(self, other.shape)

    def flatten(self, start_dim=0, end_dim=-1):
        return ops.flatten(self, start_dim, end_dim)

    def transpose(self, dim0, dim1):
        return ops.transpose(self, dim0, dim1)

    def t(self):
        return ops.t(self)

    def permute(self, *dims):
        return ops.permute(self, dims)

    @property
    def T(self):
        if self._data.ndim not in (0, 2):
            warnings.warn(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release.", UserWarning, stacklevel=2)
        return ops.permute(self, tuple(reversed(range(self._data.ndim))))

    @property
    def mT(self):
        return ops.transpose(self, -2, -1)

    def unsqueeze(self, dim):
        return ops.unsqueeze(self, dim)

    def squeeze(self, dim=None):
        return ops.squeeze(self, dim)

    def expand(self, *sizes):
        return ops.expand(self, sizes)

    def expand_as(self, other):
        return ops.expand(self, other.shape)

    def clone(self):
        return ops.Clone.apply(self)

    def to(self, *args, dtype=None, **kwargs):
        for a in args:
            if isinstance(a, dtypes.dtype):
                dtype = a
            elif isinstance(a, (str, device)):
                device(a)
        return self if dtype is None or dtype is self.dtype else ops.ToCopy.apply(self, dtype)

    def double(self):
        return self.to(dtypes.float64)

    def float(self):
        return self.to(dtypes.float32)

    def half(self):
        return self.to(dtypes.float16)

    def long(self):
        return self.to(dtypes.int64)

    def int(self):
        return self.to(dtypes.int32)

    def bool(self):
        return self.to(dtypes.bool_)

    def new_zeros(self, *size, dtype=None, requires_grad=False):
        return creation.zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, requires_grad=False):
        return creation.ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_tensor(self, data, dtype=None, requires_grad=False):
        return creation.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)


# ``type(y)`` shows as ``torch.Tensor``, as the chapter prints it after ``import minigrad as torch``.
Tensor.__module__ = "torch"
_CPP_NAME = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
             "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
             "bool": "bool"}


class _RemovableHandle:
    def __init__(self, hooks, entry):
        self.hooks, self.entry = hooks, entry

    def remove(self):
        if self.entry in self.hooks:
            self.hooks.remove(self.entry)


def _view_of_leaf_message():
    return ("a view of a leaf Variable that requires grad is being used in an in-place "
            "operation. " + hint("Do the change under `with torch.no_grad():`, or work on a copy "
                                 "(y = x.clone(); y[0] = 1).",
                                 "把修改放进 `with torch.no_grad():` 中，或者在副本上修改"
                                 "（y = x.clone(); y[0] = 1）。"))


def _rebuild(data, requires_grad):
    return Tensor._make(data, requires_grad)


def _can_cast(src, dst):
    return src.category <= dst.category


def _setitem_shape_message(target, key, value):
    """PyTorch's words: x[i] = v copies v into a view (an expand error); a mask or index
    list is an index_put (a broadcast error)."""
    slot = np.empty(target._data.shape, dtype=bool)[key].shape
    if not ops.shape.is_advanced(key):
        try:
            ops.shape.expanded_shape(value._data.shape, slot)
        except RuntimeError as error:
            return str(error)
    return (f"shape mismatch: value tensor of shape {list(value._data.shape)} cannot be broadcast "
            f"to indexing result of shape {list(slot)}")


def _operand(value, like, dtype=None):
    """Turn the other side of a binary op into a tensor, typed the way PyTorch types it.

    A Python number becomes a 0-d tensor (which does not require grad): ``x * 2``
    records ``MulBackward0`` with two inputs, like PyTorch.
    """
    if isinstance(value, Tensor):
        return value
    if type(value) is float and dtype is None:  # the common case, decided quickly
        kind = like._data.dtype
        return Tensor._make(np.array(value, dtype=kind if kind.kind == "f" else np.float32))
    if _scalar_like(value):
        target = dtype or dtypes.result_type(like, value)
        return Tensor._make(np.asarray(value, dtype=target.numpy))
    if isinstance(value, (np.ndarray, list, tuple)):
        return creation.tensor(value, dtype=dtype)
    return NotImplemented


def _dim(d, ndim):
    """A dimension index checked and made non-negative, with PyTorch's error."""
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    if not low <= d <= high:
        raise IndexError(f"Dimension out of range (expected to be in range of [{low}, {high}], "
                         f"but got {d})")
    return d % max(ndim, 1)


# Everything below builds on Tensor, so it loads once the class exists.
from .autograd import engine  # noqa: E402
from .autograd.function import AccumulateGrad  # noqa: E402
from .autograd.grad_mode import _GradMode  # noqa: E402
from . import creation, ops  # noqa: E402
from .ops.shape import (AsStrided, CopyFrom, CopySlices, Fill, IndexPut, Zero,  # noqa: E402
                        normalize_index, view_positions)
from .printing import tensor_repr  # noqa: E402
