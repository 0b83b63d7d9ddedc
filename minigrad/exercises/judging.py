"""What most checks ask first: is this a tensor of the right shape, a number, did the
student's code raise? Each helper returns a ``wrong(...)`` verdict with a hint, or None
when the answer passes that step."""
import numpy as np

from .exercise import kind_name, raised, unfinished, wrong
from .facts import as_array
from ..language import Text


def expect_tensor(facts, shape, *, may_require_grad=False, what=Text("答案", "The answer"),
                  shape_hint=None):
    """A floating-point tensor of ``shape`` that (usually) does not require grad.
    ``shape_hint`` replaces the message that names the right shape, where the shape is
    itself part of what the student should work out."""
    verdict = unfinished(facts) or raised(facts)
    if verdict:
        return verdict
    kind = facts["type"]
    if kind == "tuple" and facts["length"] == 1 and facts["items"][0]["type"] == "tensor":
        return wrong(what + Text("是只装着一个张量的元组：`torch.autograd.grad` 返回的是元组（每个输入一个梯度）。"
                                 "把它拆开：`dy_dx, = torch.autograd.grad(...)`（注意逗号）。",
                                 "is a tuple holding one tensor: `torch.autograd.grad` returns a "
                                 "tuple, one gradient per input. Unpack it: "
                                 "`dy_dx, = torch.autograd.grad(...)` (note the comma)."))
    if kind in ("list", "tuple") and as_array(facts) is not None:
        container = "列表" if kind == "list" else "元组"
        return wrong(what + Text(f"是 Python 的{container}；请用 `torch.tensor([...])` 把它变成张量。",
                                 f"is a Python {kind}; make it a tensor with `torch.tensor([...])`."))
    if kind != "tensor":
        return wrong(Text(f"{what.zh}应该是一个张量，现在是{kind_name(facts, 'zh')}。",
                          f"{what.en} should be a tensor; it is {kind_name(facts, 'en')}."),
                     quotes=True)
    if facts["requires_grad"] and facts["is_leaf"] and "grad" in facts:
        return wrong(Text(f"{what.zh}是一个叶子张量本身；它的梯度在 `.grad` 里（比如交 `x.grad`）。",
                          f"{what.en} is a leaf tensor itself; its gradient is in `.grad` "
                          f"(pass `x.grad`, for example)."))
    if tuple(facts["shape"]) != tuple(shape):
        if shape_hint is not None:
            return wrong(Text(f"{what.zh}的形状是 {_shape(facts['shape'])}，不对。",
                              f"{what.en} has shape {_shape(facts['shape'])}, which is not right.")
                         + shape_hint, quotes=True)
        return wrong(Text(f"{what.zh}的形状是 {_shape(facts['shape'])}，应该是 {_shape(shape)}。",
                          f"{what.en} has shape {_shape(facts['shape'])}; it should be "
                          f"{_shape(shape)}."), quotes=True)
    if not facts["dtype"].startswith("float"):
        return wrong(Text(f"{what.zh}是整数张量（{facts['dtype']}）；梯度和这里的结果都是浮点数："
                          f"写 `2.` 而不是 `2`，或者用 `.float()`。",
                          f"{what.en} is an integer tensor ({facts['dtype']}); gradients and "
                          f"results here are floats: write `2.` rather than `2`, or use `.float()`."),
                     quotes=True)
    if facts["requires_grad"] and not may_require_grad:
        return wrong(Text(f"{what.zh}还连着计算图（`requires_grad=True`）。交一个普通张量："
                          f"比如 `x.grad`，或者用 `.detach()` 切断它。",
                          f"{what.en} is still part of a graph (`requires_grad=True`). Pass a "
                          f"plain tensor: `x.grad`, for example, or cut it with `.detach()`."))
    if facts["values"] is None:
        return wrong(Text(f"{what.zh}太大了，检查不了。", f"{what.en} is too big to check."))
    return None


def expect_number(facts, what):
    """A single number: a Python number or a one-element tensor."""
    verdict = unfinished(facts) or raised(facts)
    if verdict:
        return verdict
    values = as_array(facts)
    if facts["type"] not in ("number", "tensor") or values is None or values.size != 1:
        shape = f" {_shape(facts['shape'])}" if facts["type"] == "tensor" else ""
        return wrong(Text(f"{what.zh}应该是一个数（或只有一个元素的张量），现在是"
                          f"{kind_name(facts, 'zh')}{shape}。",
                          f"{what.en} should be one number (or a one-element tensor); it is "
                          f"{kind_name(facts, 'en')}{shape}."), quotes=True)
    return None


def close(got, expected, rtol=1e-4, atol=1e-5):
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def _shape(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"

