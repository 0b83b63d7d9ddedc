"""play(tape): stepping, captions, highlight, languages, views, the inspector."""
import minigrad as torch
from minigrad.lab import play, player

from .helpers import recorded_example


def test_the_player_starts_at_the_first_frame_with_its_caption():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    assert p.step == 0
    assert p.caption.value == p.frames[0].caption("en")
    assert p.counter.value == f"Step 1 of {len(p.frames)}"
    assert p.canvas.svg.startswith("<svg")


def test_next_shows_the_next_frame_its_caption_and_its_highlight():
    x, tape = recorded_example()
    p = play(tape)
    first = p.canvas.svg
    p.next_button.click()
    assert p.step == 1
    assert p.caption.value == p.frames[1].caption(p.lang)
    assert p.canvas.svg != first
    assert p.frames[1].highlight != p.frames[0].highlight


def test_previous_and_next_stop_at_the_ends():
    x, tape = recorded_example()
    p = play(tape)
    p.previous()
    assert p.step == 0
    p.go(10_000)
    assert p.step == len(p.frames) - 1
    p.next()
    assert p.step == len(p.frames) - 1


def test_the_slider_and_play_button_cover_every_frame():
    x, tape = recorded_example()
    p = play(tape)
    assert p.slider.max == p.playback.max == len(p.frames) - 1
    p.playback.value = 3  # what the Play button (or the slider, linked to it) does
    assert p.step == 3
    assert p.caption.value == p.frames[3].caption(p.lang)


def test_speed_sets_the_time_between_frames():
    x, tape = recorded_example()
    p = play(tape)
    p.speed.value = 300
    assert p.playback.interval == 300


def test_the_forward_steps_come_before_the_backward_steps():
    x, tape = recorded_example()
    kinds = [f.kind for f in play(tape).frames]
    assert "forward" in kinds and "backward" in kinds
    assert max(i for i, k in enumerate(kinds) if k == "forward") < \
        min(i for i, k in enumerate(kinds) if k == "backward")


def test_switching_to_chinese_changes_caption_and_buttons():
    x, tape = recorded_example()
    p = play(tape, lang="en")
    p.next()
    p.language_toggle.value = "zh"
    assert p.caption.value == p.frames[1].caption("zh")
    assert p.next_button.description == "下一步 ▶"
    assert p.counter.value == f"第 2 步，共 {len(p.frames)} 步"


def test_switching_the_view_keeps_the_step():
    x, tape = recorded_example()
    p = play(tape)
    p.go(2)
    p.view_toggle.value = "autograd"
    assert p.step == 2
    assert p.canvas.svg.startswith("<svg")


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
    p.go(0)  # the same node before backward: no gradient yet
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


def test_the_next_frame_is_rendered_in_the_background(monkeypatch):
    x, tape = recorded_example()
    submitted = []
    monkeypatch.setattr(player._prefetcher, "submit", lambda fn: submitted.append(fn))
    p = play(tape)
    assert submitted and submitted[-1] == p.frames[1].svg


def test_a_frame_that_fails_to_draw_is_a_message(monkeypatch):
    x, tape = recorded_example()
    p = play(tape)
    frame = p.frames[1]

    def broken():
        raise RuntimeError("cannot draw this frame")
    monkeypatch.setattr(frame, "svg", broken)
    p.next()  # must not raise
    assert "cannot draw this frame" in p.canvas.notice
    p.next()
    assert p.canvas.notice == ""


def test_a_missing_dot_shows_each_frame_as_text(monkeypatch, tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    monkeypatch.setenv("PATH", str(tmp_path))  # Graphviz's dot is gone from here on
    p.go(len(p.frames) - 1)  # a frame not rendered yet
    assert p.canvas.svg == ""
    assert p.canvas.text == p.frames[-1].text(p.lang)
    assert "apt-get install graphviz" in p.canvas.notice
