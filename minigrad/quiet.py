"""The engine's warnings: NumPy's silenced, PyTorch's own ones given.

PyTorch computes 1/0, log 0, inf - inf or the mean of nothing without a word (inf,
-inf, nan); NumPy gives the same numbers and a RuntimeWarning too. So the engine turns
NumPy's floating-point warnings off while it computes (``silenced``) and on again when
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
except ImportError:  # NumPy 1.x: the public, slower way
    _error_state = None


class silenced:
    """``with silenced(): ...`` runs NumPy without floating-point warnings."""
    __slots__ = ("token",)

    def __enter__(self):
        if _error_state is not None:
            self.token = _error_state.set(_IGNORE_ALL)
        else:
            self.token = np.seterr(all="ignore")

    def __exit__(self, *exc):
        if _error_state is not None:
            _error_state.reset(self.token)
        else:
            np.seterr(**self.token)


def silently(fn):
    """A function that runs ``silenced``."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with silenced():
            return fn(*args, **kwargs)
    return wrapper


_PACKAGE = os.path.dirname(__file__)


def warn(message, category=UserWarning):
    """Warn as PyTorch does, pointing at the first line outside minigrad (the student's)."""
    frame, level = sys._getframe(1), 2  # stacklevel 2 is warn's caller
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE + os.sep):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
