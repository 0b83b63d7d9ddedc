"""``minigrad.nn``: ``functional`` (losses and activations by name) and ``init`` (starting
values for weights); no layers."""
from . import functional, init


def __getattr__(name):
    """``nn.Linear`` and the other layers: not here; say what to write instead."""
    from ..language import hint
    if name.startswith("__"):
        raise AttributeError(f"module 'minigrad.nn' has no attribute '{name}'")
    raise AttributeError(f"module 'minigrad.nn' has no attribute '{name}'. " + hint(
        "minigrad.nn has only functional (activations and losses, e.g. F.mse_loss) and init; "
        "write a layer with tensors that require grad, e.g. X @ w + b.",
        "minigrad.nn 只有 functional（激活函数和损失，例如 F.mse_loss）和 init；请用需要梯度的"
        "张量自己写一层，例如 X @ w + b。"))
