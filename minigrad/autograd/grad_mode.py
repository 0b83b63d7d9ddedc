"""Whether operations are being recorded into the graph right now.

``no_grad`` turns recording off (for weight updates and evaluation); the backward
pass turns it on only when ``create_graph=True`` asks for a graph of the derivative.
"""
import functools

from .. import events


class _GradMode:
    enabled = True
    inference = False  # inside inference_mode: new tensors are inference tensors


def is_grad_enabled():
    return _GradMode.enabled


def _set(enabled):
    enabled = enabled and not _GradMode.inference  # enable_grad cannot undo inference_mode
    if _GradMode.enabled != enabled:
        _GradMode.enabled = enabled
        if events.listeners:
            events.announce(events.GradModeChanged(enabled))


class set_grad_enabled:
    """Turn recording on or off; works as a call, a ``with`` block or a decorator."""

    def __init__(self, mode):
        self.prev = _GradMode.enabled
        self.mode = bool(mode)
        _set(self.mode)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        _set(self.prev)
        return False

    def __repr__(self):  # what a notebook cell ending in torch.set_grad_enabled(False) shows
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"

    def __call__(self, fn):
        _set(self.prev)  # used as a decorator: the mode applies inside fn only
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(self.mode):
                return fn(*args, **kwargs)
        return wrapper


class _ModeScope:
    """A ``with`` block or decorator that runs its body with recording set to ``mode``."""
    mode = True

    def __new__(cls, orig_func=None):
        # ``@no_grad`` without parentheses decorates the function directly, as in PyTorch
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)

    def __enter__(self):
        self.prev = _GradMode.enabled
        _set(self.mode)

    def __exit__(self, *exc):
        _set(self.prev)
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)
        return wrapper


class no_grad(_ModeScope):
    """Don't record operations: results have ``requires_grad=False`` and no ``grad_fn``.

    >>> w = minigrad.ones(2, requires_grad=True)
    >>> with minigrad.no_grad():
    ...     w -= 0.1 * minigrad.ones(2)   # an update the graph must not see
    """
    mode = False


class enable_grad(_ModeScope):
    """Record operations again inside a ``no_grad`` block."""
    mode = True


class inference_mode(_ModeScope):
    """``no_grad`` for code that will never need gradients: the tensors made inside are
    *inference tensors* (``t.is_inference()``). PyTorch saves work by giving them no
    version counter, so they can never join a graph later: saving one for backward or
    changing one in place outside the block is an error (as in PyTorch). Use ``no_grad``
    for results you may still want to differentiate through.
    """

    def __new__(cls, mode=True):
        if callable(mode):  # @inference_mode without parentheses
            return cls()(mode)
        return super().__new__(cls)

    def __init__(self, mode=True):
        self.mode = not mode  # grad mode: off inside inference mode
        self.inference = bool(mode)

    def __enter__(self):
        self.prev_inference = _GradMode.inference
        _GradMode.inference = self.inference
        super().__enter__()

    def __exit__(self, *exc):
        _GradMode.inference = self.prev_inference
        return super().__exit__(*exc)

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(self.inference):
                return fn(*args, **kwargs)
        return wrapper


def is_inference_mode_enabled():
    return _GradMode.inference
