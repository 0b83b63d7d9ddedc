"""The Tensor: a NumPy array that remembers how it was computed.

Besides its values (``_data``), a tensor knows whether gradients should flow to it
(``requires_grad``), which op made it (``grad_fn``, None for a leaf you created), and
where its gradient lands (``grad``). Every method that computes something hands the
work to an op in ``minigrad/ops``, which records the step in the graph.
"""
import warnings
import weakref

import numpy as np

from . import dtypes, events
from .cuda import device, on_cpu
from .conversions import Conversions
from .language import hint


ACCUMULATED = "accumulated"  # marks a leaf's post-accumulate hooks among its hooks
_new = object.__new__


class Size(tuple):
    """A shape, printed as PyTorch prints it: ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    def numel(self):
        return int(np.prod(self, dtype=np.int64))


class Tensor(Conversions):
    """A multi-dimensional array with automatic differentiation, like ``torch.Tensor``.

    Make tensors with ``minigrad.tensor([...])``, ``minigrad.arange(4.0)`` and friends;
    ``Tensor([...])`` is PyTorch's legacy constructor (always float32).
    """
    # What every tensor sets lives in slots; what few tensors ever set (a view's version,
    # a leaf's hooks, ...) is a class default until a tensor sets its own (then it goes in
    # the tensor's __dict__, which PyTorch's tensors have too: x.label = "a" works). Making
    # a tensor, done for every op, then writes five attributes instead of twelve.
    __slots__ = ("_data", "_requires_grad", "_grad", "_grad_fn", "_output_nr", "_vc", "_base",
                 "_view_version",  # set with _base: the version a view's grad_fn was made at
                 "_wrapped_number", "__dict__", "__weakref__")
    _accumulator = _hooks = None
    _inference = False  # made inside inference_mode
    __array_priority__ = 1000  # numpy_array * tensor calls Tensor.__rmul__

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError(f"Tensor() got unexpected keyword arguments {sorted(kwargs)}; "
                            "use minigrad.tensor(data, dtype=..., requires_grad=...) instead")
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
            data = creation.to_array(args[0], dtypes.float32)
        else:  # Tensor(2, 3): PyTorch leaves the memory uninitialised; zeros are kinder
            data = np.zeros(tuple(int(a) for a in args) if args else (0,), dtype=np.float32)
        Tensor._make(data, into=self)

    @classmethod
    def _make(cls, data, requires_grad=False, into=None):
        """A new tensor around the NumPy array ``data`` (no copy)."""
        t = _new(cls) if into is None else into
        t._data = data
        t._requires_grad = requires_grad
        t._grad = t._grad_fn = t._vc = t._base = None
        t._output_nr = 0
        t._wrapped_number = False  # True for the 2 of x * 2 (see broadcasting.operand)
        if _GradMode.inference:
            t._inference = True
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
            return dtypes.legacy_type_name(self._data.dtype)
        return self.to(dtypes.as_dtype(dtype))  # x.type(torch.DoubleTensor) too

    def is_contiguous(self):
        return self._data.flags.c_contiguous

    def contiguous(self):
        return self if self._data.flags.c_contiguous else self.clone()

    def cpu(self):
        return self

    def cuda(self, device=None, **kwargs):
        on_cpu("cuda")

    # -- the autograd attributes ----------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag):
        if self._grad_fn is not None:  # y.requires_grad = True on a result: PyTorch says no
            raise RuntimeError("you can only change requires_grad flags of leaf variables." + (
                "" if flag else " If you want to use a computed variable in a subgraph that "
                "doesn't require differentiation use var_no_grad = var.detach()."))
        if flag and self._inference and not _GradMode.inference:
            raise RuntimeError("Setting requires_grad=True on inference tensor outside "
                               "InferenceMode is not allowed.")
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
        if not (requires_grad and self._grad_fn is not None):  # a result requires grad already
            self.requires_grad = requires_grad
        return self

    @property
    def grad_fn(self):
        return self._grad_fn if self._base is None else graph_node(self)

    @property
    def is_leaf(self):
        return self.grad_fn is None

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
                    f"attempting to assign a gradient with dtype '{dtypes.CPP_NAME[value.dtype.name]}' "
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

    def register_post_accumulate_grad_hook(self, hook):
        """Call ``hook(tensor)`` once backward has added into this leaf's ``.grad``."""
        if self._grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf "
                               "tensors")
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._hooks is None:
            self._hooks = []
        entry = (ACCUMULATED, hook)  # kept with the leaf's other hooks, run after them
        self._hooks.append(entry)
        return _RemovableHandle(self._hooks, entry)

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
            self._vc = VersionCounter()
        return self._vc

    @property
    def _version(self):
        if self._inference:
            raise RuntimeError("Inference tensors do not track version counter.")
        return self._version_counter.value

    def is_inference(self):
        """Made inside ``inference_mode`` (or a view of such a tensor)."""
        return self._inference

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
        if out._inference is not self._inference:  # inside inference_mode too, as self is
            out._inference = self._inference
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
        out = Tensor._make(self._data)
        if out._inference is not self._inference:
            out._inference = self._inference
        return out

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"data must be a Tensor, not {type(value).__name__}")
        self._data = value._data

    # -- new tensors from this one (its conversions to numbers and arrays: conversions.py)
    def __array_wrap__(self, array, context=None, return_scalar=False):
        """``np.sin(x)`` gives a tensor back, as in PyTorch (a new one: no graph)."""
        return creation.from_numpy(np.asarray(array))

    def new_zeros(self, *size, dtype=None, requires_grad=False):
        return creation.zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, requires_grad=False):
        return creation.ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_full(self, size, fill_value, dtype=None, requires_grad=False):
        return creation.full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_tensor(self, data, dtype=None, requires_grad=False):
        if isinstance(data, Tensor):
            creation.warn_copy_construct("tensor.new_tensor")
            data = data._data
        return creation.tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def __reduce_ex__(self, protocol):
        if self._grad_fn is not None:
            raise RuntimeError("Only leaf tensors can be pickled or deep-copied; call .detach() first.")
        # a program's own attributes (x.label = "w") come along, as in PyTorch; the
        # engine's (hooks, the leaf's AccumulateGrad) belong to this tensor only
        own = {k: v for k, v in vars(self).items() if not k.startswith("_")}
        return (_rebuild, (self._data.copy(), self._requires_grad)) + ((own,) if own else ())

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return tensor_repr(self)


# ``type(y)`` shows as ``torch.Tensor``, as the chapter prints it after ``import minigrad as torch``.
Tensor.__module__ = "torch"


class _RemovableHandle:
    def __init__(self, hooks, entry):
        self.hooks, self.entry = hooks, entry

    def remove(self):
        if self.entry in self.hooks:
            self.hooks.remove(self.entry)


def _rebuild(data, requires_grad):
    return Tensor._make(data, requires_grad)


def _dim(d, ndim):
    """A dimension index checked and made non-negative, with PyTorch's error."""
    if not isinstance(d, (int, np.integer)):
        try:
            d = d.__index__()  # a one-element integer tensor is a fine dim, as in PyTorch
        except (AttributeError, TypeError):
            raise TypeError(f"argument 'dim' must be int, not {type(d).__name__}") from None
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    if not low <= d <= high:
        raise IndexError(f"Dimension out of range (expected to be in range of [{low}, {high}], "
                         f"but got {d})")
    return d % max(ndim, 1)


# Everything below builds on Tensor, so it loads once the class exists.
from .autograd import engine  # noqa: E402
from .autograd.function import AccumulateGrad  # noqa: E402
from .autograd.grad_mode import _GradMode  # noqa: E402
from . import creation, ops  # noqa: E402  (ops installs the methods that compute: x.exp(), x + y)
from .ops.inplace import VersionCounter, graph_node  # noqa: E402
from .printing import tensor_repr  # noqa: E402
