"""Activations and losses used in PyTorch's autograd tutorials: ``F.relu``,
``F.mse_loss``, ``F.binary_cross_entropy_with_logits``, ``F.softmax`` ..."""
import numpy as np

from .. import dtypes
from ..autograd.function import Function
from ..autograd.notation import Local, Notation, Rule, number, zeros
from ..creation import from_numpy, zeros_like
from ..language import hint
from ..ops.broadcasting import broadcast_shape, operand, promoted
from ..ops.reduce import average
from ..quiet import warn
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
    return MseLoss.apply(*_same_size(input, operand(target, input)), reduction)


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
    """loss = -w[t]·logp[t] for each sample's target class t, then their mean (divided by
    Σ w[t], the weights used), sum, or each ('none');  ∂loss/∂logp = -w[t] (divided by
    Σ w[t] for the mean) at each sample's target entry, 0 elsewhere.

    w is ``weight`` (1 for every class by default) and 0 for targets equal to
    ``ignore_index``. ``target`` and ``weight`` come as NumPy arrays: PyTorch's node has
    no edge for them. The classes are along dim 1 (dim 0 for one unbatched sample)."""
    node_name = "NllLossBackward0"
    notation = Notation("NLL", "nll_loss({0})",
                        Rule(lambda args: _nll_rule(args[1:], "{g}"),
                             lambda g, logp, *settings_and_out: _nll_gradient(
                                 g, logp, *settings_and_out[:-1])))

    @staticmethod
    def forward(ctx, logp, target, weight, ignore_index, reduction):
        ctx.save_for_backward(logp)
        ctx.settings = target, weight, ignore_index, reduction
        picks = _Picks(logp._data, *ctx.settings)
        losses = -picks.weights * np.take_along_axis(
            logp._data, picks.where, axis=picks.class_dim).squeeze(picks.class_dim)
        if reduction == "none":
            return losses
        return losses.sum() / picks.total if reduction == "mean" else losses.sum()

    @staticmethod
    def backward(ctx, grad):
        logp, = ctx.saved_tensors
        return ctx.function.gradient.apply(grad, logp, ctx.settings), None, None, None, None


class NllLossGradient(Function):
    """nll_loss's backward as an op of its own (PyTorch's nll_loss_backward): -w[t]·grad
    (divided by Σ w[t] for the mean) at each target entry. It is linear in ``grad`` and
    does not depend on logp's values, so its own derivatives are nll_loss again (for
    ``grad``) and 0 (for logp): second derivatives through it come out as PyTorch's."""
    node_name = "NllLossBackwardBackward0"

    notation = Notation("NLL′", lambda args: _nll_rule(args[2], "{0}"),
                        Rule("nll_loss({g})", lambda g, grad, logp, settings, out: np.sum(
                            _nll_gradient(np.ones(np.shape(grad)), logp, *settings) * g,
                            axis=_class_dim(logp) if settings[3] == "none" else None)),
                        Local("0", lambda grad, logp, settings, out: zeros(logp)))

    @staticmethod
    def forward(ctx, grad, logp, settings):
        ctx.settings = settings
        return _nll_gradient(grad._data, logp._data, *settings)

    @staticmethod
    def backward(ctx, grad):
        return ctx.function.loss.apply(grad, *ctx.settings), zeros_like(grad), None

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




def _nll_gradient(g, logp, target, weight, ignore_index, reduction):
    """nll_loss's gradient with respect to logp, in NumPy: -w[t]·g at each sample's
    target entry (÷ Σ w[t] for the mean), 0 elsewhere."""
    picks = _Picks(logp, target, weight, ignore_index, reduction)
    if reduction == "none" and np.ndim(g):
        g = np.expand_dims(g, picks.class_dim)  # each sample's gradient for its own pick
    elif reduction == "mean":
        g = g / picks.total
    share = np.expand_dims(picks.weights, picks.class_dim)
    out = np.zeros_like(logp)
    # ignored samples are left at 0 (not -0·g, which is nan when Σ w[t] = 0)
    values = np.where(share != 0, -g * share, 0).astype(out.dtype)
    np.put_along_axis(out, picks.where, values, axis=picks.class_dim)
    return out


def _nll_rule(settings, g):
    """The gradient as a formula: −one_hot(target) × g, weighted, ÷ Σ w[t] for a mean."""
    target, weight, ignore_index, reduction = settings
    picked = "−one_hot(target)" if weight is None else "−weight[target] × one_hot(target)"
    if reduction != "mean":
        return f"{picked} × {g}"
    used = target != ignore_index
    total = used.sum() if weight is None else weight[np.where(used, target, 0)][used].sum()
    return f"{picked} × {g} / {number(total)}"


def _class_dim(logp):
    return 1 if np.ndim(logp) >= 2 else 0


class _Picks:
    """Where each sample's target class is (``where``, along ``class_dim``), its weight
    w[t] (0 for an ignored sample) and their sum (``total``)."""

    def __init__(self, logp, target, weight, ignore_index, reduction):
        self.class_dim = _class_dim(logp)
        used = target != ignore_index
        chosen = np.where(used, target, 0)
        self.where = np.expand_dims(chosen, self.class_dim)
        w = np.ones(chosen.shape) if weight is None else weight[chosen]
        self.weights = np.where(used, w, 0).astype(logp.dtype)
        self.total = self.weights.sum()


class NllLoss2D(NllLoss):
    node_name = "NllLoss2DBackward0"


class NllLoss2DGradient(NllLossGradient):
    node_name = "NllLoss2DBackwardBackward0"


NllLoss.gradient, NllLossGradient.loss = NllLossGradient, NllLoss
NllLoss2D.gradient, NllLoss2DGradient.loss = NllLoss2DGradient, NllLoss2D


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """The negative log-likelihood of the target classes, given log-probabilities
    ``input`` of shape (N, C), (C,) or (N, C, d1, ...) and class indices ``target``."""
    _check_reduction(reduction)
    _check_targets(input, target, weight, ignore_index)
    weight = None if weight is None else weight._data
    if input.ndim == 4:
        return NllLoss2D.apply(input, target._data, weight, ignore_index, reduction)
    if input.ndim >= 3:  # PyTorch folds the extra dims into one and calls the 4-d version
        n, c = input.shape[:2]
        loss = NllLoss2D.apply(input.reshape(n, c, 1, -1), target._data.reshape(n, 1, -1),
                               weight, ignore_index, reduction)
        return loss.view(target.shape) if reduction == "none" else loss
    return NllLoss.apply(input, target._data, weight, ignore_index, reduction)


def _check_targets(input, target, weight, ignore_index):
    """PyTorch's errors for targets that cannot be class indices of ``input``."""
    if target.dtype not in (dtypes.int64, dtypes.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got "
                           f"{dtypes.SCALAR_TYPE_NAME[target.dtype]}")
    if input.ndim >= 2 and target.ndim and input.shape[0] != target.shape[0]:
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target "
                         f"batch_size ({target.shape[0]}).")
    classes = input.shape[1 if input.ndim >= 2 else 0]
    if weight is not None and weight.shape != (classes,):
        raise RuntimeError(f"weight tensor should be defined either for all {classes} classes or "
                           f"no classes but got weight tensor of shape: {list(weight.shape)}")
    t = target._data
    wrong = (t != ignore_index) & ((t < 0) | (t >= classes))
    if wrong.any():
        raise IndexError(f"Target {t[wrong].flat[0]} is out of bounds.")


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    return Softmax.apply(*_softmax_input(input, dim, dtype, "softmax"))


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    return LogSoftmax.apply(*_softmax_input(input, dim, dtype, "log_softmax"))


def _softmax_input(input, dim, dtype, name):
    """The input in ``dtype`` (converted first, a ToCopyBackward0 in the graph) and the dim.
    Integer and bool input has no softmax in PyTorch: it does not guess a float type."""
    dim = _dim(_implicit_dim(dim, input, name), input.ndim)
    if dtype is not None:
        input = input.to(dtype)
    if not input.dtype.is_floating_point:
        kernel = "lastdim_kernel_impl" if dim == max(input.ndim - 1, 0) else "kernel_impl"
        raise NotImplementedError(f'"{name}_{kernel}" not implemented for '
                                  f"'{dtypes.SCALAR_TYPE_NAME[input.dtype]}'")
    return input, dim


def _implicit_dim(dim, input, name):
    """PyTorch still guesses a missing dim (0 for 0-, 1- and 3-d input, else 1), with a
    warning: the guess is often not the classes' dim."""
    if dim is not None:
        return dim
    warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to "
         f"include dim=X as an argument.")
    return 0 if input.ndim in (0, 1, 3) else 1


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """Softmax cross-entropy for class indices ``target`` (int64): log_softmax over the
    classes (dim 1; dim 0 for one unbatched sample), then nll_loss, as PyTorch records it."""
    if target.dtype.is_floating_point:
        raise NotImplementedError(
            "minigrad's cross_entropy takes class indices (an int64 tensor), not class "
            "probabilities. " + hint("For probabilities p, write -(p * x.log_softmax(1)).sum(1).mean().",
                                     "若目标是概率 p，请写 -(p * x.log_softmax(1)).sum(1).mean()。"))
    return nll_loss(log_softmax(input, 1 if input.ndim >= 2 else 0), target, weight,
                    ignore_index, reduction)


def l1_loss(input, target, reduction="mean"):
    """Mean absolute error: mean of |input - target| (PyTorch builds it from these ops)."""
    _check_reduction(reduction)
    input, target = _same_size(input, operand(target, input))
    loss = (input - target).abs()
    return loss.mean() if reduction == "mean" else loss.sum() if reduction == "sum" else loss


def _same_size(input, target):
    """PyTorch's losses broadcast a target of another size, with a warning: it is usually
    a mistake (a (3,) target against (3, 1) predictions compares every pair)."""
    if input.shape == target.shape:
        return input, target
    warn(f"Using a target size ({target.shape}) that is different to the input size "
         f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
         f"Please ensure they have the same size.")
    shape = broadcast_shape(input._data.shape, target._data.shape)
    return (input if input.shape == shape else input.expand(shape),
            target if target.shape == shape else target.expand(shape))


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
