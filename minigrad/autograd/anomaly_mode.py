"""``torch.autograd.detect_anomaly()`` / ``set_detect_anomaly(True)``: while it is on, the
backward pass checks every node's gradients and stops at the first node that made a NaN,
naming it (PyTorch's error). PyTorch also prints where that node was made in forward;
minigrad's node name says which op it was."""
import warnings

import numpy as np


class _Anomaly:
    enabled = False
    check_nan = True


def is_anomaly_enabled():
    return _Anomaly.enabled


def is_anomaly_check_nan_enabled():
    return _Anomaly.check_nan


class set_detect_anomaly:
    """Turn anomaly detection on or off: as a call, or for a ``with`` block."""

    def __init__(self, mode, check_nan=True):
        self.before = (_Anomaly.enabled, _Anomaly.check_nan)
        _Anomaly.enabled, _Anomaly.check_nan = bool(mode), bool(check_nan)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        _Anomaly.enabled, _Anomaly.check_nan = self.before
        return False


class detect_anomaly(set_detect_anomaly):
    """``with torch.autograd.detect_anomaly():`` anomaly detection inside the block."""

    def __init__(self, check_nan=True):
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime "
                      "and should only be enabled for debugging.", UserWarning, stacklevel=2)
        self.check_nan = check_nan

    def __enter__(self):
        super().__init__(True, self.check_nan)


def check(node, grads):
    """Called by the engine after each node's backward while anomaly detection is on."""
    for i, g in enumerate(grads):
        if g is not None and np.isnan(g._data).any():
            # PyTorch adds the forward traceback of the node; minigrad keeps none
            warnings.warn(f"Error detected in {node.name()}.", UserWarning, stacklevel=2)
            raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th "
                               f"output.")
