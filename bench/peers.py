"""Where other Python autograd engines land on the same workloads, timed in the same run.

The issue's targets ask minigrad to beat PyTorch on small graphs. These rows show what
that takes: micrograd (scalars, one Python object per op, no NumPy) and MyGrad (NumPy
arrays, like minigrad) run the tiny loop, the 100,000-op chain and the 10,000 branches of
``bench.engine_workloads``, each timed in turn with PyTorch. Optional: ``pip install
micrograd mygrad``; a missing one is skipped.

micrograd's backward sorts the graph recursively, so it runs in a thread with a deep
stack (the 100,000-op chain is 100,000 frames deep).
"""
import sys
import threading

from .engine_workloads import torch
from .timing import in_turn


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


def torch_workloads():
    from .engine_workloads import branches, chain, tiny_loop
    return tiny_loop(torch), chain(torch), branches(torch)


WORKLOADS = [("tiny chapter loop", 2000), ("100,000-op chain", 1), ("10,000 branches summed", 1)]


def run(quick=False):
    """Rows ``(engine, workload, ratio to PyTorch by CPU time)``; [] without PyTorch."""
    if torch is None:
        return []
    peers = []
    for name, module, make in (("micrograd", "micrograd.engine", micrograd_workloads),
                               ("MyGrad", "mygrad", mygrad_workloads)):
        try:
            peers.append((name, make(__import__(module, fromlist=["_"]))))
        except ImportError:
            print(f"({name} is not installed: pip install {name.lower()})")
    rows = []
    baseline = torch_workloads()

    def measure():
        for name, workloads in peers:
            for (workload, number), ours, theirs in zip(WORKLOADS, workloads, baseline):
                (_, mine), (_, base) = in_turn([ours, theirs], 1 if quick else 3, number)
                rows.append((name, workload, mine / base))
    _in_deep_thread(measure)
    return rows


def _in_deep_thread(fn):
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
    print("other engines, time / PyTorch's (CPU), same workloads:")
    for name, workload, ratio in rows:
        print(f"  {name:10s} {workload:26s} {ratio:6.2f}")
