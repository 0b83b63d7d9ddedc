"""``python -m bench``: minigrad against PyTorch (and NumPy by hand), in one process, other
Python engines on the same workloads (``bench.peers``), then how fast big graphs are drawn
(``bench.viz_graphs``).

Each workload runs in both libraries in turn, several times; the best time of each is
compared. Ratios are minigrad time / baseline time: below 1 means minigrad is faster.
Nothing here asserts: the numbers are printed, with the target next to each.

Both libraries compute on one thread (NumPy's BLAS and PyTorch's intra-op pool): the
workloads are small, so threads buy little, and on a busy machine a BLAS pool that spins
while it waits makes the two-layer net 25 times slower in one run and not the next. One
thread each compares the engines, not the thread pools.
"""
import argparse
import os
import sys

for _pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")  # before NumPy is imported: its BLAS reads them once

from . import engine_workloads, event_overhead, peers  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for a smoke run)")
    args = parser.parse_args(argv)
    rows = engine_workloads.run(quick=args.quick) + event_overhead.run(quick=args.quick)
    width = max(len(r["name"]) for r in rows)
    print(f"{'workload':{width}}  {'minigrad':>10}  {'baseline':>10}  {'ratio':>6}  "
          f"{'cpu':>5}  target   baseline is")
    for r in rows:
        ratio = r["ours"] / r["base"] if r["base"] else float("nan")
        cpu = r["ours_cpu"] / r["base_cpu"] if r.get("base_cpu") else float("nan")
        mark = "ok" if ratio <= r["target"] else "MISSED"
        print(f"{r['name']:{width}}  {_fmt(r['ours'])}  {_fmt(r['base'])}  {ratio:6.2f}  "
              f"{cpu:5.2f}  <= {r['target']:<4} {r['baseline']}  [{mark}]")
    print("ratio: by the wall clock; cpu: by this process's CPU time (what a busy machine "
          "does not inflate)")
    print()
    peers.report(peers.run(quick=args.quick))
    print()
    _drawing(args.quick)
    return 0


def _drawing(quick):
    """The drawing times (``bench.viz_graphs``), if the drawing's extra is installed."""
    try:
        from . import viz_graphs
    except ImportError as exc:
        print(f"(no drawing times: {exc}; pip install 'minigrad-classroom[lab]')")
        return
    viz_graphs.report(viz_graphs.run(quick=quick))


def _fmt(seconds):
    return f"{seconds * 1e3:8.2f}ms" if seconds < 10 else f"{seconds:9.2f}s"


if __name__ == "__main__":
    sys.exit(main())
