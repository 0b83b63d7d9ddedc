"""The event log: ``with minigrad.trace() as tape`` records what the engine did, with
values frozen at the moment they happened — enough to caption every step of the
step-through player."""
import numpy as np
import pytest

import minigrad
from minigrad import events
from minigrad.events import (BackwardFinished, BackwardStarted, BackwardStep, Detached,
                             GradAccumulated, GradModeChanged, GradReset, OpRan)


def _numbers(values):
    return "[" + ", ".join(f"{v:g}" for v in np.asarray(values).ravel().tolist()) + "]"


def _kinds(tape):
    return [type(e).__name__ for e in tape]


def test_the_accumulation_caption_from_the_tape():
    """x.grad: [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13] — the notes' accumulation."""
    x = minigrad.arange(4.0, requires_grad=True)
    with minigrad.trace() as tape:
        y = 2 * minigrad.dot(x, x)
        y.backward()
        y = x.sum()
        y.backward()
    added = [e for e in tape.of_type(GradAccumulated) if e.tensor is x]
    assert len(added) == 2
    first, second = added
    assert first.before is None
    caption = (f"x.grad: {_numbers(second.before)} + {_numbers(second.incoming)} = "
               f"{_numbers(second.after)}")
    assert caption == "x.grad: [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]"
    np.testing.assert_array_equal(first.after, 4 * np.arange(4.0))


def test_backward_announces_steps_not_its_internal_arithmetic():
    x, y, w = (minigrad.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    with minigrad.trace() as tape:
        z = (x + y) * w
        z.backward()
    assert _kinds(tape) == ["OpRan", "OpRan", "BackwardStarted", "BackwardStep",
                            "GradAccumulated", "BackwardStep", "GradAccumulated",
                            "GradAccumulated", "BackwardFinished"]


def test_first_program_events():
    x = minigrad.arange(4.0, requires_grad=True)
    with minigrad.trace() as tape:
        y = 2 * minigrad.dot(x, x)
        y.backward()
    forward = tape[:tape.index(tape.of_type(BackwardStarted)[0])]
    assert _kinds(forward) == ["OpRan", "OpRan"]
    assert [type(e).__name__ for e in tape if not isinstance(e, OpRan)] == [
        "BackwardStarted", "BackwardStep", "BackwardStep", "GradAccumulated", "BackwardFinished"]
    dot, mul = tape[0], tape[1]
    assert dot.function.__name__ == "Dot" and mul.function.__name__ == "Mul"
    assert mul.output is y and mul.node is y.grad_fn and not mul.inplace
    assert [e.node.name() for e in tape.of_type(BackwardStep)] == ["MulBackward0", "DotBackward0"]
    started, finished = tape.of_type(BackwardStarted)[0], tape.of_type(BackwardFinished)[0]
    assert started.roots == (y,) and not started.retain_graph and not started.create_graph
    np.testing.assert_array_equal(started.values["grad_roots"][0], 1.0)
    assert finished.retain_graph is False
    assert [e.step for e in tape] == sorted(e.step for e in tape)


def test_backward_step_freezes_gradients_in_and_out():
    """z = (x + y) * w from the notes: at the multiplication, 1 arrives and
    w = 4 goes to a = x + y, a = 5 goes to w."""
    x, y, w = (minigrad.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    with minigrad.trace() as tape:
        z = (x + y) * w
        z.backward()
    mul, add = tape.of_type(BackwardStep)
    assert mul.node.name() == "MulBackward0" and add.node.name() == "AddBackward0"
    assert [float(g) for g in mul.values["grads_in"]] == [1.0]
    assert [float(g) for g in mul.values["grads_out"]] == [4.0, 5.0]
    assert [float(g) for g in add.values["grads_out"]] == [4.0, 4.0]
    accumulated = {id(e.tensor): float(e.after) for e in tape.of_type(GradAccumulated)}
    assert accumulated == {id(x): 4.0, id(y): 4.0, id(w): 5.0}


def test_zero_grad_is_an_in_place_op_that_remembers_the_old_value():
    x = minigrad.arange(4.0, requires_grad=True)
    (2 * minigrad.dot(x, x)).backward()
    x.sum().backward()
    with minigrad.trace() as tape:
        x.grad.zero_()
    op, = tape.of_type(OpRan)
    assert op.inplace and op.output is x.grad
    assert op.function.__name__ == "Zero"
    np.testing.assert_array_equal(op.values["inputs"][0], [1.0, 5.0, 9.0, 13.0])
    np.testing.assert_array_equal(op.values["output"], [0.0, 0.0, 0.0, 0.0])


def test_frozen_values_do_not_change_when_the_tensors_do():
    x = minigrad.arange(3.0, requires_grad=True)
    with minigrad.trace() as tape:
        y = x * 2
        y.sum().backward()
    recorded = len(tape)
    x.grad.add_(100)  # after the block: not recorded, and history stays as it was
    with minigrad.no_grad():
        y += 1
    op = tape.of_type(OpRan)[0]
    np.testing.assert_array_equal(op.values["output"], [0.0, 2.0, 4.0])
    np.testing.assert_array_equal(tape.of_type(GradAccumulated)[0].after, [2.0, 2.0, 2.0])
    assert len(tape) == recorded


def test_in_place_op_in_a_graph_records_the_old_value():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    with minigrad.trace() as tape:
        y += 1
    op, = tape.of_type(OpRan)
    assert op.inplace and op.output is y and op.node is y.grad_fn
    np.testing.assert_array_equal(op.values["inputs"][0], [2.0, 4.0])
    np.testing.assert_array_equal(op.values["output"], [3.0, 5.0])


def test_setting_grad_by_hand_detach_and_grad_mode_are_recorded():
    x = minigrad.arange(3.0, requires_grad=True)
    x.sum().backward()
    with minigrad.trace() as tape:
        x.grad = None
        u = (x * x).detach()
        with minigrad.no_grad():
            x * 2
    assert _kinds(tape) == ["GradReset", "OpRan", "Detached", "GradModeChanged", "OpRan",
                            "GradModeChanged"]
    reset, = tape.of_type(GradReset)
    assert reset.tensor is x and reset.value is None and reset.values["value"] is None
    detached, = tape.of_type(Detached)
    assert detached.result is u
    np.testing.assert_array_equal(detached.values["result"], [0.0, 1.0, 4.0])
    assert [e.enabled for e in tape.of_type(GradModeChanged)] == [False, True]
    assert tape.of_type(OpRan)[1].node is None  # nothing recorded under no_grad


def test_retain_graph_and_create_graph_are_reported():
    x = minigrad.tensor([1.0, 2.0], dtype=minigrad.float64, requires_grad=True)
    y = (x ** 3).sum()
    with minigrad.trace() as tape:
        y.backward(retain_graph=True)
        g, = minigrad.autograd.grad(y, x, create_graph=True)
    first, second = tape.of_type(BackwardStarted)
    assert first.retain_graph and not first.create_graph
    assert second.create_graph
    assert [e.retain_graph for e in tape.of_type(BackwardFinished)] == [True, True]
    assert len(tape.of_type(GradAccumulated)) == 1  # autograd.grad leaves .grad alone
    # with create_graph the backward ops themselves are recorded
    assert any(e.node is not None for e in tape.of_type(OpRan)
               if tape.index(e) > tape.index(second))


def test_trace_stops_listening_at_the_end_of_the_block_even_after_an_error():
    before = list(events.listeners)
    with pytest.raises(RuntimeError):
        with minigrad.trace() as tape:
            (minigrad.ones(2, requires_grad=True) * 2).backward()
    assert events.listeners == before
    minigrad.ones(2) * 3
    assert _kinds(tape) == ["OpRan"]


def test_nested_traces_both_record():
    with minigrad.trace() as outer:
        minigrad.ones(2) + 1
        with minigrad.trace() as inner:
            minigrad.ones(2) * 3
    assert _kinds(outer) == ["OpRan", "OpRan"] and _kinds(inner) == ["OpRan"]
    assert outer[1] is inner[0]
