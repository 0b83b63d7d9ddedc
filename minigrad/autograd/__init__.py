"""``minigrad.autograd``: the backward pass, custom ops and gradient checks.

    grad_mode.py  no_grad / enable_grad / inference_mode: whether ops are recorded
    function.py   Function (an op: forward + backward) and the graph's nodes
    engine.py     backward() and grad(): walking the graph from output to leaves
    gradcheck.py  compare backward with finite differences
    anomaly_mode.py detect_anomaly: stop at the node whose backward made a NaN
    functional.py jacobian, hessian, vjp
"""
from . import function, graph
from .anomaly_mode import (detect_anomaly, is_anomaly_check_nan_enabled, is_anomaly_enabled,
                           set_detect_anomaly)
from .engine import backward, grad
from .function import Function, once_differentiable
from .grad_mode import (enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled,
                        no_grad, set_grad_enabled)
from .gradcheck import GradcheckError, gradcheck, gradgradcheck
from . import functional  # noqa: E402  (needs creation, loaded after the engine)

__all__ = ["backward", "grad", "Function", "once_differentiable", "no_grad", "enable_grad",
           "set_grad_enabled", "is_grad_enabled", "inference_mode", "is_inference_mode_enabled",
           "gradcheck", "gradgradcheck", "GradcheckError", "detect_anomaly", "set_detect_anomaly",
           "function", "functional"]
