"""play(tape): every frame on the page, stepping, captions, highlight, languages, views,
the inspector."""
import minigrad as torch
import pytest
from minigrad.lab import play, player

from .helpers import recorded_example


def _on_screen(p):
    """What the page shows: the frame at the canvas's step."""
    return p.canvas.frames[p.canvas.step - p.canvas.first]


def test_every_frame_goes_to_the_page_with_its_caption_and_highlight():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    assert len(p.canvas.frames) == len(p.frames) > 2
    for frame, sent in zip(p.frames, p.canvas.frames):
        assert sent == {"dot": frame.digraph("en").source, "caption": frame.caption("en"),
                        "highlight": list(frame.highlight)}
    assert p.canvas.player and p.canvas.words["step"] == "Step {k} of {n}"


def test_the_player_starts_at_the_first_frame_with_its_caption():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    assert p.step == p.canvas.step == 0
    assert p.caption == _on_screen(p)["caption"] == p.frames[0].caption("en")


def test_next_shows_the_next_frame_its_caption_and_its_highlight():
    x, tape = recorded_example()
    p = play(tape)
    p.next()
    assert p.step == p.canvas.step == 1
    assert _on_screen(p)["caption"] == p.frames[1].caption(p.lang)
    assert p.canvas.dot == p.frames[1].digraph(p.lang).source != p.frames[0].digraph(p.lang).source
    assert p.frames[1].highlight != p.frames[0].highlight


def test_a_step_taken_in_the_page_reaches_python():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    p.canvas.step = 3  # what Next, Play or the slider do in the browser
    assert p.step == 3 and p.caption == p.frames[3].caption("en")


def test_previous_and_next_stop_at_the_ends():
    x, tape = recorded_example()
    p = play(tape)
    p.previous()
    assert p.step == 0
    p.go(10_000)
    assert p.step == len(p.frames) - 1
    p.next()
    assert p.step == len(p.frames) - 1


def test_a_long_recording_is_sent_a_window_at_a_time(monkeypatch):
    monkeypatch.setattr(player, "WINDOW", 4)
    x, tape = recorded_example()
    p = play(tape, lang="en")
    assert len(p.canvas.frames) == 4 and p.canvas.total == len(p.frames) > 4
    p.canvas.step = len(p.frames) - 1  # the page steps past what it has
    assert p.canvas.first <= p.step < p.canvas.first + 4
    assert _on_screen(p)["caption"] == p.frames[-1].caption("en")


def test_the_forward_steps_come_before_the_backward_steps():
    x, tape = recorded_example()
    kinds = [f.kind for f in play(tape).frames]
    assert "forward" in kinds and "backward" in kinds
    assert max(i for i, k in enumerate(kinds) if k == "forward") < \
        min(i for i, k in enumerate(kinds) if k == "backward")


def test_switching_to_chinese_changes_captions_and_buttons_and_keeps_the_step():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    p.next()
    p.language_toggle.value = "zh"
    assert p.step == 1
    assert _on_screen(p)["caption"] == p.frames[1].caption("zh")
    assert p.canvas.words["next"] == "下一步 ▶"
    assert p.canvas.words["step"] == "第 {k} 步，共 {n} 步"


def test_switching_the_view_keeps_the_step():
    x, tape = recorded_example()
    p = play(tape)
    p.go(2)
    p.view_toggle.value = "autograd"
    assert p.step == 2
    assert "Backward0" in p.canvas.dot


def test_clicking_the_highlighted_node_inspects_it_at_that_step():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    p.go(1)
    operation = [n for n in p.frames[1].highlight if n.startswith("op")][0]
    p.canvas.selected = operation
    assert "<th>Local derivative</th>" in p.inspector.value
    assert "MulBackward0" in p.inspector.value


def test_the_inspector_shows_the_values_of_the_step_on_screen():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    kinds = [f.kind for f in p.frames]
    accumulated = kinds.index("accumulate")
    p.go(accumulated)
    (leaf,) = p.frames[accumulated].highlight  # x, its gradient just added up
    p.canvas.selected = leaf
    assert "<th>Gradient (.grad)</th><td><code>[0., 4., 8., 12.]</code></td>" in p.inspector.value
    p.canvas.step = 0  # the page steps back: the same node before backward, no gradient yet
    assert "<th>Value</th><td><code>[0., 1., 2., 3.]</code></td>" in p.inspector.value
    assert "<th>Gradient (.grad)</th><td><code>None</code></td>" in p.inspector.value


def test_the_inspector_names_what_reaches_an_intermediate_and_claims_no_grad_for_it():
    x, tape = recorded_example()
    p = play(tape, lang="zh")
    times_two = next(f for f in p.frames if f.kind == "backward")  # y = 2 × (x · x)
    p.go(times_two.index)
    (_, intermediate) = times_two.highlight  # the op, then the value its gradient reached
    p.canvas.selected = intermediate
    assert "<th>传到这里的梯度</th><td><code>∂(2 × (x · x))/∂(x · x) = 2.</code></td>" \
        in p.inspector.value
    assert "梯度（.grad）" not in p.inspector.value


def test_an_empty_tape_says_nothing_was_recorded():
    with torch.trace() as tape:
        pass
    p = play(tape, lang="zh")
    assert "没有记录到任何运算" in p.canvas.notice
    assert p.canvas.frames == []


def test_a_frame_that_fails_to_draw_is_a_message(monkeypatch):
    x, tape = recorded_example()
    p = play(tape, lang="en")

    def broken(lang=None):
        raise RuntimeError("cannot draw this frame")
    monkeypatch.setattr(p.frames[1], "digraph", broken)
    p.language_toggle.value = "zh"  # must not raise
    assert "cannot draw this frame" in p.canvas.notice
    monkeypatch.undo()
    p.language_toggle.value = "en"
    assert p.canvas.notice == ""


def test_the_page_keeps_the_last_frame_for_readers_without_widgets():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    still = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in still
    assert still["text/plain"].startswith(f"Step {len(p.frames)} of {len(p.frames)}: ")
    assert "Player(" not in still["text/plain"]
    svg = still.get("image/svg+xml")
    if svg is None:
        pytest.skip("Graphviz's dot is not installed: the text stands in for the picture")
    assert svg == p.frames[-1].svg("en")
