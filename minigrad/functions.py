"""``torch.exp(x)``-style functions: each calls the tensor method of the same name."""
from .tensor import Tensor, _operand
from . import dtypes, ops


def _calls_method(name):
    def function(input, *args, **kwargs):
        return getattr(input, name)(*args, **kwargs)
    function.__name__ = name
    function.__doc__ = f"Same as ``input.{name}(...)``."
    return function


for _name in ("exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "sqrt", "abs", "neg",
              "square", "reciprocal", "clamp", "clip", "sum", "prod", "cumsum", "mean", "var", "std", "softmax", "log_softmax", "max", "min", "amax", "amin", "logsumexp", "argmax",
              "argmin", "norm", "all", "any", "dot", "mm", "mv", "matmul", "reshape", "transpose",
              "t", "permute", "unsqueeze", "squeeze", "flatten", "clone", "detach", "numel",
              "eq", "ne", "lt", "le", "gt", "ge", "add", "sub", "mul", "div", "select",
              "masked_fill", "isnan", "isinf", "isfinite", "round", "floor", "ceil", "trunc", "logical_not", "logical_and", "logical_or", "logical_xor", "bitwise_not",
              "bitwise_and", "bitwise_or", "bitwise_xor"):
    globals()[_name] = _calls_method(_name)

negative, multiply, divide, subtract = neg, mul, div, sub  # noqa: F821 (defined just above)
where, maximum, minimum, sign, cat, stack = (ops.where, ops.maximum, ops.minimum, ops.sign,
                                             ops.cat, ops.stack)
concat = concatenate = cat


def outer(input, vec2):
    """The outer product: ``outer(a, b)[i, j] = a[i] * b[j]`` (built from ops, as in PyTorch)."""
    return input.reshape(-1, 1) * vec2


ger = outer


def pow(input, exponent):
    """``input ** exponent``; either side may be a plain number."""
    if isinstance(input, Tensor):
        return input ** exponent
    return exponent.__rpow__(input)


def promote_types(type1, type2):
    return dtypes.promote_types(type1, type2)


def result_type(tensor1, tensor2):
    """The dtype ``tensor1 op tensor2`` would have (either may be a plain number)."""
    return dtypes.result_type(tensor1, tensor2)


def can_cast(from_, to):
    """Whether PyTorch's in-place ops may write a ``from_`` result into a ``to`` tensor:
    never down a category (float to integer, integer to bool)."""
    return from_.category <= to.category


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_inference(input):
    return input.is_inference()


def is_floating_point(input):
    return input.dtype.is_floating_point


def equal(a, b):
    """True if both tensors have the same shape and values."""
    b = _operand(b, a)
    return a.shape == b.shape and bool((a == b).all())


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    import numpy as np
    b = _operand(b, a)
    return bool(np.allclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    import numpy as np
    from .creation import from_numpy
    b = _operand(b, a)
    return from_numpy(np.isclose(a._data, b._data, rtol=rtol, atol=atol, equal_nan=equal_nan))
