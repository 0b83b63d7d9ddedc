"""``python -m bench.engine_profile``: where the engine's time goes, in numbers that do not
depend on how busy the machine is — what to look at when a ratio of ``python -m bench``
misses its target.

For each workload: Python function calls per op (forward) and per node (backward), the
objects per op that Python's cycle collector must keep scanning (tracked objects that
outlive the op), and the share of the CPU time spent in the collector's pauses.
"""
import cProfile
import gc
import pstats
import sys
import time

import minigrad

from .engine_workloads import tiny_loop


def calls(fn):
    profile = cProfile.Profile()
    profile.enable()
    fn()
    profile.disable()
    return pstats.Stats(profile).total_calls


def tracked_per_op(step, n=10_000):
    """Objects the cycle collector keeps tracking for each op of a chain."""
    x = minigrad.tensor(1.0, requires_grad=True)
    gc.collect()
    before = len(gc.get_objects())
    y = x
    for _ in range(n):
        y = step(y)
    gc.collect()
    return (len(gc.get_objects()) - before) / n


def collector_share(n=100_000):
    """CPU seconds of the chain's forward and backward, and how many of them were the
    cycle collector's pauses (generation 2: the whole graph scanned again)."""
    paused = [0.0]
    started = []

    def pause(phase, info):
        if phase == "start":
            started.append(time.process_time())
        else:
            paused[0] += time.process_time() - started.pop()
    gc.callbacks.append(pause)
    try:
        x = minigrad.tensor(1.0, requires_grad=True)
        start = time.process_time()
        y = x
        for _ in range(n):
            y = y * 1.0000001
        y.backward()
        return time.process_time() - start, paused[0]
    finally:
        gc.callbacks.remove(pause)


def microseconds(libraries, n=100_000, repeat=3):
    """CPU microseconds per op of the chain's forward and per node of its backward, for
    each library (fewest of ``repeat`` runs), in this one process."""
    rows = {}
    for name, lib in libraries:
        best = [float("inf")] * 2
        for _ in range(repeat):
            x = lib.tensor(1.0, requires_grad=True)
            start = time.process_time()
            y = x
            for _ in range(n):
                y = y * 1.0000001
            middle = time.process_time()
            y.backward()
            end = time.process_time()
            best = [min(best[0], middle - start), min(best[1], end - middle)]
        rows[name] = [t / n * 1e6 for t in best]
    return rows


def main():
    x = minigrad.tensor(1.0, requires_grad=True)
    made = []

    def forward(n=1000):
        y = x
        for _ in range(n):
            y = y * 1.0000001
        made.append(y)
    per_op = calls(forward) / 1000
    per_node = calls(lambda: made[-1].backward()) / 1000
    tiny = tiny_loop(minigrad)
    tiny()
    print(f"100,000-op chain: {per_op:.0f} Python calls per op (forward), "
          f"{per_node:.0f} per node (backward)")
    print(f"tiny chapter loop: {calls(tiny)} Python calls per iteration")
    print(f"tracked objects per op: y * 1.0000001 {tracked_per_op(lambda y: y * 1.0000001):.1f}, "
          f"y.exp() {tracked_per_op(lambda y: y.exp()):.1f}")
    # first, while this process holds no PyTorch (as a student's does not): with it
    # imported, each full collection also walks PyTorch's ~145,000 Python objects
    total, paused = collector_share()
    print(f"100,000-op chain: {total:.2f} s CPU, of which {paused:.2f} s "
          f"({paused / total:.0%}) in the cycle collector's pauses")
    libraries = [("minigrad", minigrad)]
    try:
        import torch
        libraries.append(("PyTorch", torch))
    except ImportError:
        pass
    for name, (forward_us, backward_us) in microseconds(libraries).items():
        print(f"100,000-op chain, {name}: {forward_us:.2f} us per op (forward), "
              f"{backward_us:.2f} us per node (backward), CPU time (PyTorch imported)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
