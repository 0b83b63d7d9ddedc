"""What ``save_for_backward`` keeps, and the check that it is still what forward saw.

Backward computes with the values forward saved: ``exp`` keeps eˣ, ``x * y`` keeps x and
y. If a program changes one of them in place before backward runs (``x += 1``), the
gradient would silently use the wrong numbers, so each saved tensor is kept with its
version (every in-place write bumps it, ``ops/inplace.py``) and unpacking compares.
"""
import re

import numpy as np

from ..dtypes import legacy_type_name
from ..language import hint
from ..tensor import Tensor
from .function import share  # records of numbers are shared between nodes (see there)


class SavedOutput:
    """An op's own result kept for backward (``exp`` saves eˣ). It is stored without its
    ``grad_fn`` (the node itself) so that node and result don't keep each other alive;
    ``unpack`` reattaches it."""
    __slots__ = ("data", "requires_grad", "output_nr", "counter", "version")

    def __init__(self, tensor, output_nr):
        self.data = tensor._data
        self.requires_grad = tensor._requires_grad
        self.output_nr = output_nr
        self.counter = tensor._version_counter
        self.version = self.counter.value

    def unpack(self, node):
        if self.counter.value != self.version:
            raise RuntimeError(_modified_in_place_message(
                self.data, self.counter.value, self.version, node.name(), self.output_nr, node))
        t = Tensor._make(self.data, self.requires_grad)
        t._vc = self.counter
        if self.requires_grad:
            t._grad_fn, t._output_nr = node, self.output_nr
        return t


def save(ctx, args, outputs):
    """What ``save_for_backward`` keeps: each input tensor with its version now and its
    position among the arguments (if it is changed in place before backward uses it, the
    gradient would be computed from the wrong numbers, so ``unpack`` raises instead);
    the op's own result as a ``SavedOutput``."""
    saved, at = [], []
    for t in ctx._to_save:
        if t is None:
            saved.append(None)
            at.append(None)
            continue
        if t._inference:  # it has no version counter that could prove it unchanged later
            raise RuntimeError(
                "Inference tensors cannot be saved for backward. Please do not use Tensors "
                "created in inference mode in computation tracked by autograd. To work around "
                "this, you can make a clone to get a normal tensor and use it in autograd, or "
                "use `torch.no_grad()` instead of `torch.inference_mode()`.")
        nr = 0
        for out in outputs:
            if t is out:
                saved.append(SavedOutput(t, nr))
                at.append(None)
                break
            nr += 1
        else:
            position = 0
            for a in args:
                if a is t:
                    break
                position += 1
            else:
                position = None  # a tensor made inside forward
            at.append((t._vc.value if t._vc is not None else 0, position))
            # the 2 of x * 2 (a wrapped number) no program can change in place: its array
            # is enough, and an array is no object the cycle collector scans
            saved.append(t._data if t._wrapped_number else t)
    at = tuple(at)
    ctx._saved, ctx._saved_at = tuple(saved), share(at, at)
    del ctx._to_save  # the node must not keep the tensors alive once backward frees _saved


def unpack(saved, at, node):
    if type(saved) is SavedOutput:
        return saved.unpack(node)
    if type(saved) is np.ndarray:  # a wrapped number (see save); a copy, so that writing
        return Tensor._make(saved.copy())  # into grad_fn._saved_other cannot change a gradient
    now = saved._vc.value if saved._vc is not None else 0
    if now != at[0]:  # PyTorch names the op that made the tensor as it is now
        producer = saved._grad_fn
        raise RuntimeError(_modified_in_place_message(
            saved._data, now, at[0], producer.name() if producer else None, saved._output_nr,
            node))
    return saved


def _modified_in_place_message(data, now, version, producer, output_nr, node):
    # PyTorch names the op that made the tensor without the "Backward0" suffix
    op = re.sub(r"Backward\d*$", "", producer or "")
    origin = f", which is output {output_nr} of {op}," if producer else ""
    return (f"one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: [{legacy_type_name(data.dtype)} {list(data.shape)}]{origin} is "
            f"at version {now}; expected version {version} instead. Hint: " + hint(
                f"{node.name()} needs the value this tensor had when it was used; use an "
                f"out-of-place operation (y = y + 1 instead of y += 1), or .clone() the tensor "
                f"before changing it.",
                f"{node.name()} 需要这个张量被使用时的值；请改用非就地操作（写 y = y + 1 而不是 "
                f"y += 1），或者在修改之前先 .clone() 一份。"))
