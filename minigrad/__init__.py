"""minigrad: a small automatic-differentiation engine with PyTorch's API, on NumPy.

Programs written for PyTorch's autograd run unchanged after ``import minigrad as torch``.
The engine is meant to be read:

    tensor.py        the Tensor: values + requires_grad, grad_fn, grad
    ops/             every op, its forward and backward side by side
    autograd/        Function and graph nodes, the backward pass, no_grad, gradcheck
    creation.py      tensor(), arange(), zeros(), ...   random.py: rand(), randn()
    events.py        the engine announces what it does; trace() records it
    printing.py      tensors print exactly as PyTorch prints them
"""
from .tensor import Size, Tensor, device  # first: everything else builds on Tensor
from . import autograd, cuda, dtypes, events, linalg, nn
from .autograd import (enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled,
                       no_grad, set_grad_enabled)
from .creation import (arange, as_tensor, e, empty, empty_like, eye, from_numpy, full, full_like,
                       inf, linspace, nan, ones, ones_like, pi, tensor, zeros, zeros_like)
from .dtypes import (bool_ as bool, dtype, float16, float32, float64, int8, int16, int32, int64,
                     uint8)
from .events import trace
from .functions import *  # noqa: F401,F403  (torch.exp, torch.sum, torch.dot, ...)
from .functions import (pow, is_tensor, is_floating_point, is_inference, equal, allclose, isclose,
                        promote_types, result_type, can_cast)
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


def load_ipython_extension(ipython):
    """``%load_ext minigrad``: live graph views and the ``%%trace`` cell magic in Jupyter.
    The Jupyter side is imported only here, so ``import minigrad`` needs NumPy alone."""
    from .lab import load_ipython_extension as load
    load(ipython)


def unload_ipython_extension(ipython):
    from .lab import unload_ipython_extension as unload
    unload(ipython)
