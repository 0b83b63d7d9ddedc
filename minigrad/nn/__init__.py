"""``minigrad.nn``: only ``functional`` for now (losses and activations by name)."""
from . import functional


def __getattr__(name):
    """``nn.Linear`` and the other layers: not here; say what to write instead."""
    from ..language import hint
    if name.startswith("__"):
        raise AttributeError(f"module 'minigrad.nn' has no attribute '{name}'")
    raise AttributeError(f"module 'minigrad.nn' has no attribute '{name}'. " + hint(
        "minigrad.nn has only functional (activations and losses, e.g. F.mse_loss); write a "
        "layer with tensors that require grad, e.g. X @ w + b.",
        "minigrad.nn 只有 functional（激活函数和损失，例如 F.mse_loss）；请用需要梯度的张量自己写"
        "一层，例如 X @ w + b。"))
