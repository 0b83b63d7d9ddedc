"""What a box says about gradients, true to PyTorch.

Only a leaf (and a non-leaf that called ``retain_grad()``) has a ``.grad``. An
intermediate result never gets one: during a backward pass it only receives a gradient
and passes it on, and that gradient is written as what it is, ∂z/∂a:

    x.grad = [0., 4., 8., 12.]     a leaf (``x.grad = None`` before the first backward)
    ∂z/∂a = 4.                     a player's frame: the gradient that reached a
    ∂z/∂a = 4. + …                 ... while more is still to come along other paths
    a.grad = 4. (retain_grad)      a non-leaf whose .grad PyTorch keeps because of retain_grad()
"""
from .formulas import grouped
from .values import box_text

RETAINED = {"en": " (retain_grad)", "zh": "（retain_grad）"}
STILL_TO_COME = " + …"


def is_leaf(value):
    """A tensor PyTorch fills ``.grad`` of: made by the student, requiring grad."""
    return value.requires_grad and value.is_leaf and not value.detached


def row(node, scene, labels):
    """``(kind, text)`` for the gradient line of a variable's box, or None.

    ``kind`` is "grad" (a real ``.grad``) or "arriving" (∂z/∂a in a backward pass)."""
    value = node.value
    if node.role == "constant" or node.kind != "variable":
        return None
    grad = scene.grad_of(node)
    name = labels.name(value)
    if is_leaf(value):
        return "grad", f"{name or ''}.grad = {'None' if grad is None else box_text(grad)}"
    if grad is None:
        return None
    shown = box_text(grad)
    if scene.quantity is not None:  # a frame of a backward pass
        quantity = scene.quantity(labels)
        text = f"∂{grouped(quantity)}/∂{grouped(labels.of(value))} = {shown}"
        return "arriving", text + (STILL_TO_COME if node.id in scene.partial else "")
    # outside a backward pass only a retained gradient is left on a non-leaf
    suffix = RETAINED[labels.lang] if _retains(node, scene) else ""
    return "grad", f"{name or labels.of(value)}.grad = {shown}{suffix}"


def _retains(node, scene):
    if node.id in scene.retained:
        return True
    tensor = node.value.tensor
    return scene.grads is None and tensor is not None and tensor.retains_grad
