"""Numbers, short enough for a box or a caption.

Boxes print like PyTorch (``[0., 1., 2., 3.]``) without its column padding; captions
print plain arithmetic (``[0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]``). A big tensor
shows its shape and its first few values, never all of them: formatting must stay
cheap for a (64, 1000) activation.
"""
import re

import numpy as np

from .. import dtypes
from ..autograd.notation import number
from ..printing import format_values

BOX_MAX_ELEMENTS = 8     # more than this: the first few values and "…"
CAPTION_MAX_ELEMENTS = 6
FEW = 3                  # how many values a big tensor shows


def shape_text(shape):
    """``(4,)``, ``(64, 100)``: Python's way of writing a shape, which ``x.shape`` echoes."""
    return str(tuple(int(s) for s in shape))


def box_text(values):
    """The values of a NumPy array as PyTorch prints them, compacted for a graph box."""
    dtype = dtypes.from_numpy(values.dtype)
    if values.size <= BOX_MAX_ELEMENTS and values.ndim <= 2:
        return _unpadded(format_values(values, dtype))
    first = format_values(np.ascontiguousarray(values.reshape(-1)[:FEW]), dtype)
    return _unpadded(first)[:-1] + ", …]"


def _unpadded(text):
    """PyTorch pads columns (``[ 0.,  4., 12.]``); a box reads better without."""
    lines = [re.sub(r"(?<=[\[,]) +", "", line.strip()) for line in text.split("\n")]
    lines = [re.sub(r",(?=\S)", ", ", line) for line in lines if line]
    return "\n ".join(lines)


def plain(values):
    """Values for arithmetic in a caption: ``3``, ``0.8392``, ``[0, 4, 8, 12]``, and for a big
    tensor its shape and first values: ``64×100 [0.1, -1.2, 0.5, …]``."""
    values = np.asarray(values)
    if values.size <= CAPTION_MAX_ELEMENTS:
        return _nested(values)
    shape = "×".join(str(s) for s in values.shape)
    first = ", ".join(number(v) for v in values.reshape(-1)[:FEW])
    return f"{shape} [{first}, …]"


def _nested(values):
    if values.ndim == 0:
        return number(values.item())
    return "[" + ", ".join(_nested(row) for row in values) + "]"
