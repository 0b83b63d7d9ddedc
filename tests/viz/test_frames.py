"""Step-through frames and their captions, for the chapter's programs, in both languages."""
import minigrad as torch
from minigrad import viz

from .programs import recorded_dot, recorded_z


def captions(frames, lang):
    return [(f.kind, f.caption(lang)) for f in frames]


def in_leaf_order(pairs):
    """The engine runs AccumulateGrad nodes that are ready together in no fixed order
    (as PyTorch does): compare those frames sorted."""
    return pairs[:6] + sorted(pairs[6:8]) + pairs[8:]


def test_z_of_the_notes_forward_then_backward(history):
    tape, v = recorded_z()
    frames = viz.Frames(tape, names=v)
    assert in_leaf_order(captions(frames, "en")) == [
        ("forward", "a = x + y = 2 + 3 = 5"),
        ("forward", "z = a × w = 5 × 4 = 20"),
        ("start", "Backward pass from z: ∂z/∂z = 1"),
        # z's own op: its local derivatives are the gradients a and w get
        ("backward", "∂z/∂a = w = 4; ∂z/∂w = a = 5"),
        ("accumulate", "w.grad = 5 (it was None)"),
        # the chain rule: local derivative × the gradient that reached a; no .grad for a
        ("backward", "∂a/∂x = 1; ∂a/∂y = 1. With the incoming ∂z/∂a = 4: "
                     "x gets ∂z/∂x = 1 × 4 = 4; y gets ∂z/∂y = 1 × 4 = 4"),
        ("accumulate", "x.grad = 4 (it was None)"),
        ("accumulate", "y.grad = 4 (it was None)"),
        ("end", "Backward pass done: the saved tensors are freed (backward(retain_graph=True) "
                "would keep them for another backward pass)"),
    ]


def test_z_of_the_notes_in_chinese(history):
    tape, v = recorded_z()
    frames = viz.Frames(tape, names=v)
    assert [c for _, c in in_leaf_order(captions(frames, "zh"))] == [
        "a = x + y = 2 + 3 = 5",
        "z = a × w = 5 × 4 = 20",
        "反向传播从 z 开始：∂z/∂z = 1",
        "∂z/∂a = w = 4；∂z/∂w = a = 5",
        "w.grad 原来是 None，现在 w.grad = 5",
        "∂a/∂x = 1；∂a/∂y = 1。乘以传入的梯度 ∂z/∂a = 4：x 得到 ∂z/∂x = 1 × 4 = 4；"
        "y 得到 ∂z/∂y = 1 × 4 = 4",
        "x.grad 原来是 None，现在 x.grad = 4",
        "y.grad 原来是 None，现在 y.grad = 4",
        "反向传播结束：为反向传播保存的张量已被释放（若要再次反向传播，请使用 retain_graph=True 保留计算图）",
    ]


def test_two_x_dot_x(history):
    tape, v = recorded_dot()
    frames = viz.Frames(tape, names=v)
    assert captions(frames, "en")[:6] == [
        ("forward", "x · x = [0, 1, 2, 3] · [0, 1, 2, 3] = 14"),
        ("forward", "y = 2 × (x · x) = 2 × 14 = 28"),
        ("start", "Backward pass from y: ∂y/∂y = 1"),
        ("backward", "∂y/∂(x · x) = 2"),
        # one clause per edge, named by position: x fills both places of the dot product
        ("backward", "first factor: ∂(x · x)/∂(first x) = x = [0, 1, 2, 3]; "
                     "second factor: ∂(x · x)/∂(second x) = x = [0, 1, 2, 3]. "
                     "With the incoming ∂y/∂(x · x) = 2: x gets the sum of both, "
                     "[0, 1, 2, 3] × 2 + [0, 1, 2, 3] × 2 = [0, 4, 8, 12]"),
        ("accumulate", "x.grad = [0, 4, 8, 12] (it was None)"),
    ]
    assert frames[4].caption("zh") == (
        "第一个因子：∂(x · x)/∂(第一个 x) = x = [0, 1, 2, 3]；"
        "第二个因子：∂(x · x)/∂(第二个 x) = x = [0, 1, 2, 3]。"
        "乘以传入的梯度 ∂y/∂(x · x) = 2：x 两处都用到，梯度相加："
        "[0, 1, 2, 3] × 2 + [0, 1, 2, 3] × 2 = [0, 4, 8, 12]")
    assert frames[5].caption("zh") == "x.grad 原来是 None，现在 x.grad = [0, 4, 8, 12]"


def test_y_equals_x_times_x_as_the_notation_says_it(history):
    x = torch.tensor(3.0, requires_grad=True)
    with torch.trace() as tape:
        y = x * x
        y.backward()
    frames = viz.Frames(tape, names={"x": x, "y": y})
    assert frames[2].caption("en") == (
        "first factor: ∂y/∂(first x) = x = 3; second factor: ∂y/∂(second x) = x = 3; "
        "x gets the sum of both, 3 + 3 = 6, so dy/dx = 2x = 6")
    assert frames[2].caption("zh") == (
        "第一个因子：∂y/∂(第一个 x) = x = 3；第二个因子：∂y/∂(第二个 x) = x = 3；"
        "x 两处都用到，梯度相加：3 + 3 = 6，即 dy/dx = 2x = 6")


def test_a_gradient_that_comes_along_several_paths_is_named_as_a_part_until_the_last(history):
    x = torch.tensor(2.0, requires_grad=True)
    with torch.trace() as tape:
        a = x * 3
        z = a * a + a.exp()
        z.backward()
    frames = viz.Frames(tape, names={"x": x, "a": a, "z": z})
    backward = [f.caption("en") for f in frames if f.kind == "backward"]
    # a is reached three times: twice through a × a, once through exp(a)
    assert any("a gets 403.4288 × 1 = 403.4288 along this path (path 1 of 3 to a)" in c
               for c in backward), backward
    assert any("a gets the sum of both, 6 × 1 + 6 × 1 = 12 along these paths (paths 2–3 of 3 to "
               "a), so in all ∂z/∂a = 403.4288 + 12 = 415.4288" in c for c in backward), backward
    a_box = f"t{id(a)}"
    partial = next(f for f in frames if f.kind == "backward" and "path 1 of 3" in f.caption("en"))
    assert frames[partial.index].inspect(a_box)["arriving"] == "∂z/∂a = 403.4288 + …"


def test_ops_of_backward_formulas_are_not_frames_of_their_own(history):
    tape, v = recorded_dot()
    frames = viz.Frames(tape, names=v)
    assert [f.kind for f in frames] == ["forward", "forward", "start", "backward", "backward",
                                        "accumulate", "end"]


def test_accumulation_then_zero_grad(history):
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward()
    with torch.trace() as tape:
        y = x.sum()
        y.backward()
        x.grad.zero_()
    frames = viz.Frames(tape, names={"x": x, "y": y})
    accumulate = next(f for f in frames if f.kind == "accumulate")
    assert accumulate.caption("en").startswith(
        "x.grad = [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]")
    assert accumulate.caption("zh").startswith(
        "梯度累积：x.grad 原来是 [0, 4, 8, 12]，加上 [1, 1, 1, 1]，现在 x.grad = [1, 5, 9, 13]")
    zero = frames[-1]
    assert zero.kind == "zero"
    assert zero.caption("en") == "x.grad.zero_(): x.grad = [0, 0, 0, 0]"
    assert zero.caption("zh") == "梯度清零：x.grad.zero_() 之后 x.grad = [0, 0, 0, 0]"
    assert zero.highlight == (f"t{id(x)}",)


def test_detach_frame(history):
    x = torch.arange(4.0, requires_grad=True)
    with torch.trace() as tape:
        y = x * x
        u = y.detach()
        z = u * x
        z.sum().backward()
    frames = viz.Frames(tape, names={"x": x, "y": y, "u": u, "z": z})
    detach = frames[1]
    assert detach.kind == "detach"
    assert detach.caption("en").startswith("u = y.detach(): the gradient stops here")
    assert detach.caption("zh").startswith("u = y.detach()：分离计算")
    assert frames[6].caption("en") == (
        "∂z/∂x = u = [0, 1, 4, 9]. With the incoming ∂(∑z)/∂z = [1, 1, 1, 1]: "
        "x gets ∂(∑z)/∂x = [0, 1, 4, 9] × [1, 1, 1, 1] = [0, 1, 4, 9]")


def test_frames_reveal_the_graph_one_step_at_a_time(history):
    tape, v = recorded_z()
    frames = viz.Frames(tape, names=v)
    first = frames[0].digraph().source
    assert f'id=t{id(v["a"])}' in first and f'id=t{id(v["z"])}' not in first
    assert f'id=t{id(v["z"])}' in frames[1].digraph().source


def test_backward_frames_show_gradients_as_they_arrive(history):
    tape, v = recorded_z()
    frames = viz.Frames(tape, names=v)
    a, x = f't{id(v["a"])}', f't{id(v["x"])}'
    assert "arriving" not in frames[2].inspect(a)
    assert frames[3].inspect(a)["arriving"] == "∂z/∂a = 4."
    assert "grad" not in frames[3].inspect(a)       # a is not a leaf: it has no .grad
    assert frames[3].inspect(x)["grad"] == "None"   # not accumulated yet
    accumulated = next(f for f in frames if f.kind == "accumulate" and x in f.highlight)
    assert accumulated.inspect(x)["grad"] == "4."
    assert "x.grad = 4." in accumulated.text()       # the box changes in the same frame


def test_frames_keep_the_values_they_recorded(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.trace() as tape:
        y = (x * 3).sum()
        y.backward()
    with torch.no_grad():
        x += 100  # after the recording: the frames still show what the tape saw
    frames = viz.Frames(tape, names={"x": x})
    assert frames[0].inspect(f"t{id(x)}")["value"] == "[1., 2.]"


def test_svg_is_rendered_once_then_cached(history):
    tape, v = recorded_z()
    frame = viz.Frames(tape, names=v)[3]
    svg = frame.svg()
    assert svg is frame.svg()
    assert f'<g id="t{id(v["a"])}" class="node variable result current"' in svg


def test_autograd_view_frames(history):
    tape, v = recorded_dot()
    frames = viz.Frames(tape, names=v, view="autograd")
    kinds = [f.kind for f in frames]
    assert kinds == ["forward", "forward", "start", "backward", "backward", "accumulate", "end"]
    backward = frames[3].digraph().source
    assert "MulBackward0" in backward and "DotBackward0" in backward
    assert frames[3].highlight[0] == f"f{id(v['y'].grad_fn)}"
