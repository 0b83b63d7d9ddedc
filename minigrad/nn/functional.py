"""Activations and losses used in PyTorch's autograd tutorials: ``F.relu``,
``F.mse_loss``, ``F.binary_cross_entropy_with_logits``, ``F.softmax`` ..."""
import numpy as np

from ..autograd.function import Function
from ..creation import from_numpy
from ..ops.broadcasting import promoted, sum_to
from ..ops.reduce import average
from ..tensor import _dim, _operand


def relu(input):
    return input.relu()


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


class MseLoss(Function):
    """loss = mean((x - t)²);  ∂loss/∂x = 2(x - t)/n,  ∂loss/∂t = -2(x - t)/n"""
    node_name = "MseLossBackward0"

    @staticmethod
    def forward(ctx, input, target, reduction):
        ctx.save_for_backward(input, target)
        ctx.reduction = reduction
        x, t = promoted(input, target)
        loss = (x - t) ** 2
        ctx.count = loss.size
        return _reduce(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        g = (input - target) * 2 * _unreduce(grad, ctx.reduction, ctx.count)
        return (sum_to(g, input._data.shape) if ctx.needs_input_grad[0] else None,
                sum_to(-g, target._data.shape) if ctx.needs_input_grad[1] else None, None)


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: mean of (input - target)²."""
    _check_reduction(reduction)
    return MseLoss.apply(input, _operand(target, input), reduction)


class BinaryCrossEntropyWithLogits(Function):
    """loss = mean(-[y·log σ(z) + (1-y)·log(1-σ(z))]);  ∂loss/∂z = (σ(z) - y) / n,
    ∂loss/∂y = -z / n"""
    node_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx, z, y, reduction):
        ctx.save_for_backward(z, y)
        ctx.reduction = reduction
        x, t = z._data, y._data.astype(z._data.dtype, copy=False)
        # log(1 + e^-|x|) + max(x, 0) - x·t: the stable form of the formula above
        loss = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
        return _reduce(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        z, y = ctx.saved_tensors
        grad = _unreduce(grad, ctx.reduction, z._data.size)
        grad_z = (z.sigmoid() - y) * grad if ctx.needs_input_grad[0] else None
        grad_y = -z * grad if ctx.needs_input_grad[1] else None  # PyTorch lets targets learn too
        return grad_z, grad_y, None


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    if input.shape != target.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    _check_reduction(reduction)
    return BinaryCrossEntropyWithLogits.apply(input, _operand(target, input), reduction)


class BinaryCrossEntropy(Function):
    """loss = mean(-[y·log p + (1-y)·log(1-p)]), each log at least -100 (PyTorch's guard
    against log 0 = -inf);  ∂loss/∂p = (p - y) / (p(1 - p)) / n,
    ∂loss/∂y = (log(1-p) - log p) / n"""
    node_name = "BinaryCrossEntropyBackward0"

    @staticmethod
    def forward(ctx, p, y, reduction):
        x, t = promoted(p, y)
        if ((x < 0) | (x > 1)).any():
            raise RuntimeError("all elements of input should be between 0 and 1")
        ctx.save_for_backward(p, y)
        ctx.reduction = reduction
        loss = -(t * np.maximum(np.log(x), -100) + (1 - t) * np.maximum(np.log1p(-x), -100))
        return _reduce(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        p, y = ctx.saved_tensors
        grad = _unreduce(grad, ctx.reduction, p._data.size)
        # p(1 - p) is kept from 0 as PyTorch does, so p = 0 or 1 gives a large number, not inf
        grad_p = grad * (p - y) / (p * (1 - p)).clamp(min=1e-12) if ctx.needs_input_grad[0] else None
        grad_y = (grad * ((1 - p).log().clamp(min=-100) - p.log().clamp(min=-100))
                  if ctx.needs_input_grad[1] else None)
        return grad_p, grad_y, None


def binary_cross_entropy(input, target, reduction="mean"):
    if input.shape != target.shape:
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input "
                         f"size ({input.shape}) is deprecated. Please ensure they have the same size.")
    _check_reduction(reduction)
    return BinaryCrossEntropy.apply(input, _operand(target, input), reduction)


class Softmax(Function):
    """out = eˣ / Σ eˣ along ``dim``;  ∂L/∂x = out · (grad - Σ grad · out)"""
    node_name = "SoftmaxBackward0"

    @staticmethod
    def forward(ctx, x, dim):
        data = x._data
        e = np.exp(data - data.max(axis=dim, keepdims=True))  # shifted: never overflows
        out = from_numpy(e / e.sum(axis=dim, keepdims=True))
        ctx.save_for_backward(out)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_tensors
        return out * (grad - (grad * out).sum(dim=ctx.dim, keepdim=True)), None


class LogSoftmax(Function):
    """out = x - log Σ eˣ along ``dim``;  ∂L/∂x = grad - softmax(x) · Σ grad"""
    node_name = "LogSoftmaxBackward0"

    @staticmethod
    def forward(ctx, x, dim):
        shifted = x._data - x._data.max(axis=dim, keepdims=True)
        out = from_numpy(shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True)))
        ctx.save_for_backward(out)
        ctx.dim = dim
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_tensors
        return grad - out.exp() * grad.sum(dim=ctx.dim, keepdim=True), None


class NllLoss(Function):
    """loss = mean over rows of -logp[row, target[row]];  the gradient -1/n goes to the
    picked entries only. ``target`` comes as a NumPy array: class indices have no gradient
    (and PyTorch's node has no edge for them). A single sample may come unbatched:
    logp of shape (C,) with a 0-d target."""
    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, logp, target, reduction):
        batched = logp._data.ndim == 2
        index = (np.arange(logp._data.shape[0]), target) if batched else (target,)
        picked = np.zeros(logp._data.shape, dtype=logp._data.dtype)
        picked[index] = -1
        ctx.picked, ctx.reduction, ctx.batched = picked, reduction, batched
        loss = -logp._data[index]
        return _reduce(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        if not ctx.batched:
            return grad * from_numpy(ctx.picked), None, None
        if ctx.reduction == "none":
            grad = grad.unsqueeze(1)  # one loss per row: each row's gradient for its pick
        grad = _unreduce(grad, ctx.reduction, ctx.picked.shape[0])
        return grad * from_numpy(ctx.picked), None, None


def softmax(input, dim):
    return Softmax.apply(input, _dim(dim, input.ndim))


def log_softmax(input, dim):
    return LogSoftmax.apply(input, _dim(dim, input.ndim))


def cross_entropy(input, target, reduction="mean"):
    """Softmax cross-entropy for class indices ``target`` (int64): log_softmax, then
    the negative log-likelihood of the right classes, as PyTorch records it."""
    _check_reduction(reduction)
    return NllLoss.apply(log_softmax(input, dim=-1), target._data, reduction)


def _reduce(loss, reduction):
    """The per-element losses (a NumPy array), reduced as ``reduction`` asks."""
    if reduction == "mean":
        return average(loss, tuple(range(loss.ndim)), keepdims=False)
    return loss.sum() if reduction == "sum" else loss


def _unreduce(grad, reduction, count):
    """The gradient of one element's loss: a mean shares the gradient among ``count``."""
    return grad / count if reduction == "mean" else grad


def _check_reduction(reduction):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
