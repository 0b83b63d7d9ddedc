"""Activations and losses used in PyTorch's autograd tutorials: ``F.relu``,
``F.mse_loss``, ``F.binary_cross_entropy_with_logits``, ``F.softmax`` ..."""
import numpy as np

from ..autograd.function import Function
from ..creation import from_numpy
from ..tensor import _operand


def relu(input):
    return input.relu()


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


def _reduce(loss, reduction):
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(f"{reduction} is not a valid value for reduction")


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: mean of (input - target)²."""
    return _reduce((input - target) ** 2, reduction)


class BinaryCrossEntropyWithLogits(Function):
    """loss = mean(-[y·log σ(z) + (1-y)·log(1-σ(z))]);  ∂loss/∂z = (σ(z) - y) / n"""
    node_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx, z, y, reduction):
        ctx.save_for_backward(z, y)
        ctx.reduction = reduction
        x, t = z._data, y._data.astype(z._data.dtype, copy=False)
        # log(1 + e^-|x|) + max(x, 0) - x·t: the stable form of the formula above
        loss = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
        if reduction == "mean":
            return loss.mean()
        return loss.sum() if reduction == "sum" else loss

    @staticmethod
    def backward(ctx, grad):
        z, y = ctx.saved_tensors
        g = (z.sigmoid() - y) * grad
        if ctx.reduction == "mean":
            g = g / z._data.size
        return g, None, None


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    if input.shape != target.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return BinaryCrossEntropyWithLogits.apply(input, _operand(target, input), reduction)


def binary_cross_entropy(input, target, reduction="mean"):
    loss = -(target * input.log() + (1 - target) * (1 - input).log())
    return _reduce(loss, reduction)


def softmax(input, dim):
    shifted = input - input.max(dim=dim, keepdim=True).values.detach()
    e = shifted.exp()
    return e / e.sum(dim=dim, keepdim=True)


def log_softmax(input, dim):
    shifted = input - input.max(dim=dim, keepdim=True).values.detach()
    return shifted - shifted.exp().sum(dim=dim, keepdim=True).log()


def cross_entropy(input, target, reduction="mean"):
    """Softmax cross-entropy for class indices ``target`` (int64)."""
    logp = log_softmax(input, dim=-1)
    picked = logp[from_numpy(np.arange(input.shape[0])), target]
    return _reduce(-picked, reduction)
