"""Activations and losses used in PyTorch's autograd tutorials: ``F.relu``,
``F.mse_loss``, ``F.binary_cross_entropy_with_logits``, ``F.softmax`` ..."""
import numpy as np

from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule
from ..creation import from_numpy
from ..ops.broadcasting import promoted
from ..ops.broadcasting import operand
from ..tensor import _dim


def relu(input):
    return input.relu()


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


class MseLoss(Function):
    """loss = mean((x - t)²);  ∂loss/∂x = 2(x - t)/n,  ∂loss/∂t = -2(x - t)/n"""
    node_name = "MseLossBackward0"
    notation = Notation("MSE", "mse_loss({0}, {1})",
                        Local(lambda args: "2 × ({0} − {1})" + _per_element(args),
                              lambda x, t, reduction, out: 2 * (x - t) / _count(x, t, reduction)),
                        Local(lambda args: "−2 × ({0} − {1})" + _per_element(args),
                              lambda x, t, reduction, out: -2 * (x - t) / _count(x, t, reduction)))

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
        return (g if ctx.needs_input_grad[0] else None,
                -g if ctx.needs_input_grad[1] else None, None)


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: mean of (input - target)²."""
    _check_reduction(reduction)
    return MseLoss.apply(input, operand(target, input), reduction)


class BinaryCrossEntropyWithLogits(Function):
    """loss = mean(-[y·log σ(z) + (1-y)·log(1-σ(z))]);  ∂loss/∂z = (σ(z) - y) / n,
    ∂loss/∂y = -z / n"""
    node_name = "BinaryCrossEntropyWithLogitsBackward0"
    notation = Notation("BCE", "bce_with_logits({0}, {1})",
                        Local(lambda args: "(σ({0}) − {1})" + _per_element(args),
                              lambda z, y, reduction, out: (1 / (1 + np.exp(-z)) - y) / _count(z, y, reduction)),
                        Local(lambda args: "−{0}" + _per_element(args),
                              lambda z, y, reduction, out: -z / _count(z, y, reduction)))

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
    return BinaryCrossEntropyWithLogits.apply(input, operand(target, input), reduction)


class BinaryCrossEntropy(Function):
    """loss = mean(-[y·log p + (1-y)·log(1-p)]), each log at least -100 (PyTorch's guard
    against log 0 = -inf);  ∂loss/∂p = (p - y) / (p(1 - p)) / n,
    ∂loss/∂y = (log(1-p) - log p) / n"""
    node_name = "BinaryCrossEntropyBackward0"
    notation = Notation("BCE", "binary_cross_entropy({0}, {1})",
                        Local(lambda args: "({0} − {1}) / ({0} × (1 − {0}))" + _per_element(args),
                              lambda p, y, reduction, out:
                                  (p - y) / np.maximum(p * (1 - p), 1e-12) / _count(p, y, reduction)),
                        Local(lambda args: "(ln(1 − {0}) − ln {0})" + _per_element(args),
                              lambda p, y, reduction, out: (np.maximum(np.log1p(-p), -100) - np.maximum(
                                  np.log(p), -100)) / _count(p, y, reduction)))

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
    return BinaryCrossEntropy.apply(input, operand(target, input), reduction)


class Softmax(Function):
    """out = eˣ / Σ eˣ along ``dim``;  ∂L/∂x = out · (grad - Σ grad · out)"""
    node_name = "SoftmaxBackward0"
    notation = Notation("softmax", lambda args: f"softmax({{0}}, dim={args[1]})",
                        Rule(lambda args: f"softmax({{0}}) × ({{g}} − ({{g}} × softmax({{0}})).sum({args[1]}, "
                                          f"keepdim=True))",
                             lambda g, x, dim, out: out * (g - (g * out).sum(axis=dim, keepdims=True))))

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
    notation = Notation("log_softmax", lambda args: f"log_softmax({{0}}, dim={args[1]})",
                        Rule(lambda args: f"{{g}} − softmax({{0}}) × {{g}}.sum({args[1]}, keepdim=True)",
                             lambda g, x, dim, out: g - np.exp(out) * g.sum(axis=dim, keepdims=True)))

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
    notation = Notation("NLL", "nll_loss({0})",
                        Rule(lambda args: "−one_hot(target) × {g}" + _per_element(args, rows=True),
                             lambda g, logp, target, reduction, out: _nll_gradient(g, logp, target, reduction)))

    @staticmethod
    def forward(ctx, logp, target, reduction):
        batched = logp._data.ndim == 2
        index = _picks(logp._data.shape, target)
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


def _picks(shape, target):
    """Where each row's target class is: (rows, classes), or the class of a single sample."""
    return (np.arange(shape[0]), target) if len(shape) == 2 else (target,)


def _nll_gradient(g, logp, target, reduction):
    """NllLoss's backward in NumPy, for its notation: -g (per row, / n for a mean) at the picks."""
    picked = np.zeros(logp.shape)
    picked[_picks(logp.shape, target)] = -1
    if logp.ndim == 2 and reduction == "none":
        g = np.expand_dims(g, 1)
    return picked * g / (logp.shape[0] if logp.ndim == 2 and reduction == "mean" else 1)


def _count(x, t, reduction):
    """How many element losses a mean shares the gradient among (1 for sum and none)."""
    return np.broadcast(x, t).size if reduction == "mean" else 1


def _per_element(args, rows=False):
    """``/4`` after a loss's derivative when the reduction is a mean over 4 elements (rows)."""
    x = args[0]
    if args[2] != "mean" or rows and len(x.shape) != 2:  # a single sample: a mean over 1
        return ""
    n = x.shape[0] if rows else int(np.prod(np.broadcast_shapes(x.shape, args[1].shape)))
    return f" / {n}"


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
        return loss.mean()
    return loss.sum() if reduction == "sum" else loss


def _unreduce(grad, reduction, count):
    """The gradient of one element's loss: a mean shares the gradient among ``count``."""
    return grad / count if reduction == "mean" else grad


def _check_reduction(reduction):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
