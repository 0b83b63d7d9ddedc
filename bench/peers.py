"""Where other Python autograd engines land on the same workloads, timed in the same run.

The issue's targets ask minigrad to beat PyTorch on small graphs. These rows show what
that takes: micrograd (scalars, one Python object per op, no NumPy) and MyGrad (NumPy
arrays, like minigrad) run the tiny loop, the 100,000-op chain and the 10,000 branches of
``bench.engine_workloads``, timed in turn with PyTorch. Optional: ``pip install
micrograd mygrad``; a missing one is skipped.

micrograd's backward sorts the graph recursively, so it runs in a thread with a deep
stack (the 100,000-op chain is 100,000 frames deep). Each engine runs in a process of its
own (``bench.isolated``).
"""
import sys
import threading

from . import isolated


def micrograd_workloads(engine):
    Value = engine.Value

    def tiny():  # the chapter's y = 2 x·x with x = 0, 1, 2, 3, one scalar at a time
        xs = [Value(float(i)) for i in range(4)]
        y = 2 * sum((x * x for x in xs), Value(0.0))
        y.backward()

    def chain(n=100_000):
        y = x = Value(1.0)
        for _ in range(n):
            y = y * 1.0000001
        y.backward()

    def branches(n=10_000):
        x = Value(1.0)
        total = x * 0.0
        for i in range(n):
            total = total + x * float(i)
        total.backward()
    return tiny, chain, branches


def mygrad_workloads(mg):
    def tiny():
        x = mg.arange(4.0)
        y = 2 * mg.matmul(x, x)
        y.backward()

    def chain(n=100_000):
        y = x = mg.tensor(1.0)
        for _ in range(n):
            y = y * 1.0000001
        y.backward()

    def branches(n=10_000):
        x = mg.tensor(1.0)
        total = x * 0.0
        for i in range(n):
            total = total + x * float(i)
        total.backward()
    return tiny, chain, branches


WORKLOADS_OF = {  # the library's workloads, imported only when asked for
    "micrograd": lambda: micrograd_workloads(__import__("micrograd.engine", fromlist=["_"])),
    "mygrad": lambda: mygrad_workloads(__import__("mygrad")),
}
NAMES = [("tiny loop", "tiny chapter loop"), ("chain", "100,000-op chain"),
         ("branches", "10,000 branches summed")]


def run(quick=False):
    """Rows ``(engine, workload, ratio to PyTorch by CPU time)``, each engine in a process
    of its own (``bench.isolated``); none for an engine that is not installed."""
    best = isolated.measure(["micrograd", "mygrad", "torch"], [n for n, _ in NAMES],
                            rounds=1 if quick else 3)
    if best["torch"] is None:
        return []
    rows = []
    for engine, shown in (("micrograd", "micrograd"), ("mygrad", "MyGrad")):
        if best[engine] is None:
            print(f"({shown} is not installed: pip install {engine})")
            continue
        for name, label in NAMES:
            rows.append((shown, label, best[engine][name][1] / best["torch"][name][1]))
    return rows


def in_deep_thread(fn):
    """Run ``fn`` where a 100,000-deep recursion fits (micrograd's backward)."""
    limit = sys.getrecursionlimit()
    size = threading.stack_size(1 << 29)
    try:
        sys.setrecursionlimit(1_000_000)
        thread = threading.Thread(target=fn)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(size)


def report(rows):
    if not rows:
        return
    print("other engines, time / PyTorch's (CPU, each in its own process), same workloads:")
    for name, workload, ratio in rows:
        print(f"  {name:10s} {workload:26s} {ratio:6.2f}")
