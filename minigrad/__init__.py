"""minigrad: a small automatic-differentiation engine with PyTorch's API, on NumPy.

Programs written for PyTorch's autograd run unchanged after ``import minigrad as torch``.
The engine is meant to be read. Start here, in this order (about 1,300 lines):

    tensor.py              the Tensor: values, requires_grad, grad_fn, .grad, backward()
    autograd/function.py   Function (an op: forward + backward) and the graph's nodes
    autograd/engine.py     the backward pass: walk the graph, add up the paths
    ops/arithmetic.py      one op family: + - * / and powers, each with its derivative

Then, as you need them:

    ops/__init__.py        the op table: every x.op() and torch.op(), one row each
    ops/                   the other families (elementwise, reduce, linalg, shape, indexing)
                           and inplace.py (x += 1, x[i] = v, views, version counters)
    autograd/saved.py      what save_for_backward keeps, and the check that it is unchanged
    autograd/backward_checks.py  what a backward may hand back (PyTorch's errors)
    autograd/notation.py   each op's mathematics, as the drawings read it
    autograd/              no_grad, gradcheck, jacobian/hessian; graph.py: reading a graph
    conversions.py         item(), tolist(), numpy(), float(x), bool(x), ...
    creation.py            tensor(), arange(), zeros(), ...   random.py: rand(), randn()
    events.py              the engine announces what it does; trace() records it
    printing.py            tensors print exactly as PyTorch prints them
    quiet.py               NumPy's warnings off while the engine computes (PyTorch has none)
"""
from .tensor import Size, Tensor  # first: everything else builds on Tensor
from .cuda import device
from . import accelerator, autograd, cuda, dtypes, events, linalg, nn
from .autograd import (enable_grad, inference_mode, is_anomaly_check_nan_enabled,
                       is_anomaly_enabled, is_grad_enabled, is_inference_mode_enabled, no_grad,
                       set_grad_enabled)
from .creation import (arange, as_tensor, e, empty, empty_like, eye, from_numpy, full, full_like,
                       inf, linspace, nan, ones, ones_like, pi, tensor, zeros, zeros_like)
from .dtypes import (bool_ as bool, dtype, float16, float32, float64, int8, int16, int32, int64,
                     uint8)
from .accelerator import backends
from .events import trace
from .legacy import (BoolTensor, ByteTensor, CharTensor, DoubleTensor, FloatTensor, HalfTensor,
                     IntTensor, LongTensor, ShortTensor)
from .functions import (allclose, can_cast, equal, is_floating_point, is_inference, is_tensor,
                        isclose, promote_types, result_type)
from .ops import functions as _op_functions
globals().update(_op_functions)  # torch.exp, torch.sum, torch.dot, ... (the op table's rows)
from .printing import set_printoptions
from .random import (Generator, default_generator, get_rng_state, initial_seed, manual_seed,
                     normal, rand, rand_like, randint, randn, randn_like, randperm, seed,
                     set_rng_state)

float = float32
double = float64
half = float16
long = int64
int = int32
short = int16


def get_default_dtype():
    return float32




__version__ = "0.1.0"


def __getattr__(name):
    """``torch.optim``, ``torch.sort``, ...: say that minigrad is not all of PyTorch."""
    from .language import hint
    if name.startswith("__"):
        raise AttributeError(f"module 'minigrad' has no attribute '{name}'")
    raise AttributeError(f"module 'minigrad' has no attribute '{name}'. " + hint(
        f"minigrad has PyTorch's tensors and autograd, what the chapter uses; '{name}' is not "
        f"part of it.",
        f"minigrad 只实现了 PyTorch 的张量和自动微分（本章用到的部分）；'{name}' 不在其中。"))


def load_ipython_extension(ipython):
    """``%load_ext minigrad``: live graph views and the ``%%trace`` cell magic in Jupyter.
    The Jupyter side is imported only here, so ``import minigrad`` needs NumPy alone."""
    from .lab import load_ipython_extension as load
    load(ipython)


def unload_ipython_extension(ipython):
    from .lab import unload_ipython_extension as unload
    unload(ipython)
