"""``@once_differentiable``: a backward that may not be differentiated again."""
import functools

from .function import Function
from .grad_mode import _GradMode, no_grad
from ..tensor import Tensor


def once_differentiable(backward):
    """For a ``backward`` written with plain NumPy (or otherwise not differentiable): it
    runs without recording, and if a second derivative is asked for through it, the
    error says so then, as in PyTorch, instead of a silently wrong answer."""
    @functools.wraps(backward)
    def wrapper(ctx, *grads):
        with no_grad():
            outputs = backward(ctx, *grads)
        if not (_GradMode.enabled and any(isinstance(g, Tensor) and g._requires_grad
                                          for g in grads)):
            return outputs
        # create_graph=True with a gradient that has history: hand back copies whose
        # grad_fn raises when the second backward reaches it
        single = not isinstance(outputs, tuple)
        outputs = (outputs,) if single else outputs
        tensors = [g.detach().requires_grad_() for g in outputs if isinstance(g, Tensor)]
        guarded = iter(_as_tuple(DelayedError.apply(*tensors)) if tensors else ())
        outputs = tuple(next(guarded) if isinstance(g, Tensor) else g for g in outputs)
        return outputs[0] if single else outputs
    return wrapper


def _as_tuple(result):
    return result if isinstance(result, tuple) else (result,)


class DelayedError(Function):
    """The values unchanged; differentiating through them raises (once_differentiable)."""
    node_name = "Error"

    @staticmethod
    def forward(ctx, *tensors):
        values = tuple(t._data for t in tensors)
        return values if len(values) > 1 else values[0]

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError("trying to differentiate twice a function that was marked with "
                           "@once_differentiable")
