"""What the backward pass checks, with PyTorch's errors: the gradients a program starts
it with, and what each node's backward (or a hook) hands back — one gradient per input,
of that input's shape and dtype (a broadcast input's gradient is summed back to it)."""
import numpy as np

from .. import dtypes
from ..language import hint
from ..ops.broadcasting import operand, sum_to
from ..tensor import Tensor


def seed_gradients(outputs, grad_outputs, caller):
    """The starting gradients: 1 for a scalar output, otherwise the one the user gave."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    elif isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,)
    for g in grad_outputs:  # y.backward([1.0, 1.0]): the list is read as one entry per output
        if g is not None and not isinstance(g, Tensor):
            raise TypeError(f"gradients can be either Tensors or None, but got "
                            f"{type(g).__name__}")
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(f"grad can be implicitly created only for scalar outputs; got "
                           f"{len(grad_outputs)} gradients for {len(outputs)} outputs")
    seeds = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if not out._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn. " + hint(
                    "Make the inputs require gradients first, e.g. x.requires_grad_(True) or "
                    "torch.arange(4.0, requires_grad=True), then recompute the output.",
                    "先让输入需要梯度，例如 x.requires_grad_(True) 或 "
                    "torch.arange(4.0, requires_grad=True)，然后重新计算输出。"))
        if g is None:
            if out._data.size != 1:
                raise RuntimeError(
                    f"grad can be implicitly created only for scalar outputs. " + hint(
                        f"This output has shape {list(out._data.shape)}: reduce it first "
                        f"({REDUCED[caller]}) or pass the weights of each element, e.g. "
                        f"{WEIGHTED[caller]}.",
                        f"这个输出的形状是 {list(out._data.shape)}：先把它化成标量"
                        f"（{REDUCED[caller]}），或者传入每个元素的权重，例如 "
                        f"{WEIGHTED[caller]}。"))
            g = Tensor._make(np.ones(out._data.shape, out._data.dtype))
        else:
            g = operand(g, out)
            if g is NotImplemented:
                raise TypeError(f"gradients can be either Tensors or None, but got "
                                f"{type(grad_outputs[i]).__name__}")
            if g._data.shape != out._data.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[{i}] has a shape of torch.Size("
                    f"{list(g._data.shape)}) and output[{i}] has a shape of torch.Size("
                    f"{list(out._data.shape)}).")
            if g._data.dtype != out._data.dtype:
                g = g.to(out.dtype)
        seeds.append(g)
    return seeds


# how the hint above writes the fix, for y.backward() and torch.autograd.grad(y, x)
REDUCED = {"backward": "y.sum().backward()", "grad": "torch.autograd.grad(y.sum(), x)"}
WEIGHTED = {"backward": "y.backward(torch.ones_like(y))",
             "grad": "torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y))"}


def hook_result(hook, grad, replaced):
    """A hook may replace a gradient, not change what it is the gradient of: a leaf of
    shape (2,) must not end up with a .grad of shape (3,)."""
    if not isinstance(replaced, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(replaced).__name__}'")
    name = getattr(hook, "__name__", "<unknown>")
    advice = hint(" Return a tensor of the gradient's own shape and dtype, or None to keep it.",
                  " 钩子要返回与原梯度形状、dtype 都相同的张量，或返回 None 保留原梯度。")
    if replaced._data.shape != grad._data.shape:
        raise RuntimeError(f"hook '{name}' has changed the size of value." + advice)
    if replaced._data.dtype != grad._data.dtype:
        raise RuntimeError(f"hook '{name}' has changed the type of value (was "
                           f"{dtypes.legacy_type_name(grad._data.dtype)} got "
                           f"{dtypes.legacy_type_name(replaced._data.dtype)})." + advice)


def of_tensor_inputs(node, outputs):
    """``backward`` returns one entry per argument of ``forward``; the engine needs those
    of the tensor arguments only (the others must be None)."""
    positions = node._input_positions
    if len(outputs) <= positions[-1] or any(
            g is not None for i, g in enumerate(outputs) if i not in positions):
        return outputs  # let the count check below explain what is wrong
    return tuple([outputs[i] for i in positions])


def drop_extra_nones(node, outputs, expected):
    """``backward`` returns one entry per forward argument, plain numbers included
    (``Pow(x, 2)`` returns ``grad, None``); keep the entries of the tensor inputs."""
    if len(outputs) > expected and all(g is None for g in outputs[expected:]):
        return outputs[:expected]
    raise RuntimeError(f"function {node.name()} returned an incorrect number of gradients "
                       f"(expected {expected}, got {len(outputs)})")


def fit_gradient(node, index, g, shape, dtype):
    """A gradient must have its input's shape (it is summed down if it was broadcast)
    and is converted to its input's dtype, as PyTorch does."""
    if not isinstance(g, Tensor):
        raise TypeError(f"function {node.name()} returned a gradient of type "
                        f"{type(g).__name__} at index {index}; gradients must be Tensors or None")
    if g._data.shape != shape:
        try:
            expandable = np.broadcast_shapes(g._data.shape, shape) == g._data.shape
        except ValueError:
            expandable = False
        if not expandable:
            raise RuntimeError(f"Function {node.name()} returned an invalid gradient at index "
                               f"{index} - got {list(g._data.shape)} but expected shape compatible "
                               f"with {list(shape)}")
        g = sum_to(g, shape)
    if g._data.dtype != dtype:
        g = g.to(dtypes.from_numpy(dtype))
    return g
