"""The engine's warnings: NumPy's silenced, PyTorch's own ones given.

PyTorch computes 1/0, log 0, inf - inf or the mean of nothing without a word (inf,
-inf, nan); NumPy gives the same numbers and a RuntimeWarning too. So the engine turns
NumPy's floating-point warnings off while it computes (``mute``) and on again when
it returns: a student's own NumPy code still warns, and no warning filter (pytest's,
``-W error``) can bring the engine's back. Where PyTorch does warn, ``warn`` says the
same thing, pointing at the student's line.
"""
import functools
import os
import sys
import warnings

import numpy as np

try:
    # NumPy 2 keeps its error state in a context variable. Setting it directly costs a
    # fraction of a microsecond; np.errstate costs several, more than a small op itself.
    from numpy._core._ufunc_config import _extobj_contextvar as _error_state
    with np.errstate(all="ignore"):
        _IGNORE_ALL = _error_state.get()
    # ``token = mute()`` ... ``unmute(token)``: every op does this, and both are C
    # functions, so it adds no Python call to the op.
    mute = functools.partial(_error_state.set, _IGNORE_ALL)
    unmute = _error_state.reset
except ImportError:  # NumPy 1.x: the public, slower way
    mute = functools.partial(np.seterr, all="ignore")

    def unmute(token):
        np.seterr(**token)


def silently(fn):
    """A function that runs with NumPy's floating-point warnings off."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        token = mute()
        try:
            return fn(*args, **kwargs)
        finally:
            unmute(token)
    return wrapper


_PACKAGE = os.path.dirname(__file__)


def warn(message, category=UserWarning):
    """Warn as PyTorch does, pointing at the first line outside minigrad (the student's)."""
    frame, level = sys._getframe(1), 2  # stacklevel 2 is warn's caller
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE + os.sep):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
