"""Control flow in pictures and players (lesson 6): the tests of ``while`` and ``if`` are
drawn as checks, not outputs; a loop's repeated steps fold into one frame; a loop's values
are called by the names its code gave them; comparisons are never chained with ``=``."""
import re

import minigrad as torch
from minigrad import viz


def f(a):
    """The chapter's function (lesson 6)."""
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


def grow(x):
    if x.sum() > 0:
        x = x * 3
    return x


def recorded(a):
    with torch.trace() as tape:
        d = f(a)
        d.backward()
    return tape, d


def test_the_chapter_loop_plays_in_a_few_frames(history):
    a2 = torch.tensor(-1.25, requires_grad=True)  # b: -2.5, -5, …, -1280: ten doublings
    tape, d2 = recorded(a2)
    frames = viz.Frames(tape, names={"a2": a2, "d2": d2})
    assert [f.kind for f in frames] == ["forward", "check", "check", "forward", "start",
                                        "backward", "backward", "accumulate", "end"]
    captions = [f.caption("en") for f in frames]
    assert captions[0] == (
        "× 2, 10 times in a row (one node in the picture): b₁ = 2 × a2 = 2 × -1.25 = -2.5, "
        "then b₂ = -5, b₃ = -10, …, b₁₀ = -1280; in between, \"while b.norm() < 1000\" was "
        "checked 9 times: true each time, so the loop went on")
    assert captions[1] == ("\"while b.norm() < 1000\" checks ‖b₁₀‖ = 1280 < 1000: false, "
                           "so the loop stops")
    assert captions[2] == "\"if b.sum() > 0\" checks ∑b₁₀ = -1280 > 0: false, so the else block runs"
    assert captions[3] == "d2 = 100 × b₁₀ = 100 × -1280 = -128000"
    assert captions[6] == ("Back through the 10 steps of × 2 (one node): each multiplies the "
                           "gradient by its local derivative 2: 100 → 200 → 400 → … → 102400, "
                           "which reaches a2")
    assert frames[1].caption("zh") == ("“while b.norm() < 1000”检查 ‖b₁₀‖ = 1280 < 1000："
                                       "不成立，所以循环结束")
    assert frames[2].caption("zh").endswith("不成立，所以执行 else 下面的代码")
    assert "；其间，“while b.norm() < 1000”检查了 9 次" in frames[0].caption("zh")  # no space by “ ”
    assert a2.grad.item() == 102400


def test_tests_are_drawn_as_checks_not_outputs(history):
    a2 = torch.tensor(-1.25, requires_grad=True)
    tape, d2 = recorded(a2)
    frames = viz.Frames(tape, names={"a2": a2, "d2": d2})
    graph = frames.graph
    outputs = [n for n in graph.nodes.values() if n.role == "output"]
    assert [n.value.tensor for n in outputs] == [d2]
    notes = [n for n in graph.nodes.values() if n.kind == "check"]
    assert sorted(len(n.checks) for n in notes) == [1, 1, 9]
    into, _ = graph.neighbours(("check",))
    fold = next(n for n in graph.nodes.values() if n.kind == "fold")
    assert sum(into.get(n.id) == [fold.id] for n in notes) == 1  # the loop's 9 true tests
    svg = frames[-1].svg("en")
    assert "checked 9 times → true each time" in svg
    assert "checked: ‖b₁₀‖ &lt; 1000 → false" in svg and "checked: ∑b₁₀ &gt; 0 → false" in svg
    assert "while b.norm() &lt; 1000" in svg
    assert not re.search(r">(True|False)</text>", svg)  # no test drawn as a yellow output
    assert "if / while" in svg  # the legend says what a dashed note is
    zh = frames[-1].svg("zh")
    assert "检查：‖b₁₀‖ &lt; 1000 → 不成立" in zh


def test_a_short_loop_is_not_folded_and_each_test_says_what_it_decided(history):
    a = torch.tensor(300.0, requires_grad=True)  # b = 600 (< 1000), then 1200
    tape, d = recorded(a)
    frames = viz.Frames(tape, names={"a": a, "d": d})
    checks = [f.caption("en") for f in frames if f.kind == "check"]
    assert checks == [
        "\"while b.norm() < 1000\" checks ‖b‖ = 600 < 1000: true, so the loop goes on",
        "\"while b.norm() < 1000\" checks ‖d‖ = 1200 < 1000: false, so the loop stops",
        "\"if b.sum() > 0\" checks ∑d = 1200 > 0: true, so the if block runs",
    ]
    forward = [f.caption("en") for f in frames if f.kind == "forward"]
    # the loop's b held 600 and then 1200, which the notebook calls d
    assert forward == ["b = 2 × a = 2 × 300 = 600", "d = 2 × b = 2 × 600 = 1200"]


def test_an_if_without_else_is_skipped(history):
    x = torch.tensor([-1.0, -2.0], requires_grad=True)
    with torch.trace() as tape:
        y = grow(x)
    frames = viz.Frames(tape, names={"x": x})
    assert [f.caption("en") for f in frames] == [
        "\"if x.sum() > 0\" checks ∑x = -3 > 0: false, so the if block is skipped"]
    assert frames[0].caption("zh").endswith("不成立，所以跳过 if 下面的代码")
    assert y is x


def test_a_tested_value_the_program_also_uses_stays_in_the_graph(history):
    x = torch.tensor([1.0, -1.0], requires_grad=True)
    with torch.trace() as tape:
        m = x > 0
        if m.any():
            y = (x * m).sum()
    frames = viz.Frames(tape, names={"x": x, "m": m, "y": y})
    assert frames[0].caption("en") == "m = x > 0: [1, -1] > 0 → [True, False]"
    assert all(n.kind != "check" for n in frames.graph.nodes.values()
               if n.value is not None and n.value.tensor is m)


def test_no_label_nests_deeper_than_two_levels(history):
    x = torch.tensor([0.5, 1.0], requires_grad=True)
    y = (((x + 1) * 2).exp() * 3).sum()
    text = viz.to_text(y, names={"x": x, "y": y})
    assert "…" not in text
    assert "x + 1" in text and "2 × (x + 1)" in text
    assert "exp₁ = exp(2 × (x + 1))" in text  # depth 3 would be exp(2 × (x + 1)) nested further
    assert "3 × exp₁" in text


def test_no_label_of_the_lesson_loop_is_nested_or_elided(history):
    a2 = torch.tensor(-1.25, requires_grad=True)
    tape, d2 = recorded(a2)
    frames = viz.Frames(tape, names={"a2": a2, "d2": d2})
    for frame in frames:
        for lang in ("en", "zh"):
            texts = re.findall(r"<text[^>]*>([^<]*)</text>", frame.svg(lang))
            texts.append(frame.caption(lang))
            assert not any("(…)" in t or "(2 × (2" in t for t in texts)


def test_the_autograd_view_tells_the_loop_in_one_frame_too(history):
    a2 = torch.tensor(-1.25, requires_grad=True)
    tape, d2 = recorded(a2)
    frames = viz.Frames(tape, names={"a2": a2, "d2": d2}, view="autograd")
    assert [f.kind for f in frames] == ["forward", "start", "backward", "accumulate", "end"]
    first = frames[0].caption("en")
    assert "11 times in a row" in first  # PyTorch's graph: 11 MulBackward0 nodes
    assert "true 9 times, then false, so the loop stops" in first


def test_a_drawn_tape_shows_the_tests_as_notes(history):
    a2 = torch.tensor(-1.25, requires_grad=True)
    tape, d2 = recorded(a2)
    text = viz.to_text(tape, names={"a2": a2, "d2": d2})
    assert "checked: ‖b₁₀‖ < 1000 → false   [while b.norm() < 1000]" in text
    assert "checked 9 times → true each time   [while b.norm() < 1000]" in text
    graph = viz.model(tape, names={"a2": a2, "d2": d2})
    note = next(n for n in graph.nodes.values() if n.kind == "check" and len(n.checks) == 1)
    facts = viz.inspect(tape, note.id, lang="en", names={"a2": a2, "d2": d2})
    assert facts["name"] in ("while b.norm() < 1000", "if b.sum() > 0")
    assert "no gradient" in facts["note"]


def box_names(digraph):
    return re.findall(r"<B>([^<]*)</B>", digraph.source)


def test_a_loop_value_has_one_name_in_the_picture_and_in_the_player(history):
    """``show(d, d2)`` after the loops and the player of a run of the same loop call the
    value the loop ended with ``b₁₀`` both (not ``mul₁`` in one, ``b₁₀`` in the other);
    each run of the loop counts its own ``b``."""
    a = torch.tensor(0.2713, requires_grad=True)   # 12 doublings, the if branch: d is b₁₂
    a2 = torch.tensor(-1.25, requires_grad=True)   # 10 doublings, the else branch
    d, d2 = f(a), f(a2)
    names = {"a": a, "d": d, "a2": a2, "d2": d2}
    assert box_names(viz.draw(d, d2, names=names, lang="en")) == ["a", "d", "a2", "b₁₀", "d2"]
    tape, d2 = recorded(a2)
    names["d2"] = d2
    last = viz.Frames(tape, names=names)[-1]
    assert "b₁₀" in box_names(last.digraph("en"))
    assert box_names(viz.draw(d2, names=names, lang="en")) == ["a2", "b₁₀", "d2"]


def test_a_value_tested_once_keeps_its_plain_name(history):
    def once(t):
        u = t * 3
        if u.sum() > 0:
            u = u + 1
        return u

    x = torch.tensor(2.0, requires_grad=True)
    y = once(x)
    assert box_names(viz.draw(y, names={"x": x, "y": y}, lang="en")) == ["x", "u", "y"]
