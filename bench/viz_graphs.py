"""``python -m bench.viz_graphs``: how fast ``minigrad.viz`` draws big graphs (also
printed by ``python -m bench``).

Targets (printed next to each time, never asserted):
  - a 1,000-node graph (a chain of different ops, nothing to fold) to SVG   < 0.5 s
  - a 100,000-op chain to a folded view (DOT text), either view              < 1 s
  - a live ``show()`` of that chain (DOT, then SVG by Graphviz's dot)         < 1 s
  - the same view brought up to date after a cell that changed nothing       < 1 s
Each time is the best of a few runs (the machine may be busy with other work), wall
clock, with the CPU time of this process next to it (what ``dot``, a separate
program, and other people's work on a shared machine do not inflate); the graph is
built before the clock starts: we time drawing, not the engine.
"""
import argparse
import gc
import sys
import time

import minigrad as torch
from minigrad import viz



def varied_chain(n_ops):
    """``n_ops`` ops in a row, cycling through four kinds so that nothing folds."""
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = x
    for i in range(n_ops):
        y = (y * 1.001, y + 0.5, y.tanh(), y - 0.25)[i % 4]
    return y


def long_chain(n_ops):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x
    for _ in range(n_ops):
        y = y * 1.0001
    return y


def run(quick=False):
    """``[(name, target seconds or None, wall seconds, cpu seconds)]``."""
    repeat = 2 if quick else 3
    viz.history.enable()
    rows = []
    y = varied_chain(500)  # 500 ops + 501 values = 1,001 nodes in the data-flow view
    nodes = len(viz.model(y, max_nodes=10_000).nodes)
    rows.append((f"{nodes:,}-node graph -> SVG (data-flow)", 0.5,
                 *timed(lambda: viz.to_svg(viz.draw(y, names={}, max_nodes=10_000)), repeat)))
    rows.append((f"{nodes:,}-node graph -> DOT only", None,
                 *timed(lambda: viz.draw(y, names={}, max_nodes=10_000), repeat)))
    y = long_chain(100_000)
    gc.collect()
    rows.append(("100,000-op chain -> folded view (data-flow)", 1.0,
                 *timed(lambda: viz.draw(y, names={}), repeat)))
    rows.append(("100,000-op chain -> folded view (autograd)", 1.0,
                 *timed(lambda: viz.draw(y, names={}, view="autograd"), repeat)))
    rows.append(("100,000-op chain -> folded view -> SVG", None,
                 *timed(lambda: viz.to_svg(viz.draw(y, names={})), repeat)))
    try:
        from minigrad.lab import show
    except ImportError as exc:  # the lab extra is not installed: say so, time the rest
        print(f"(no show() timing: {exc})")
        return rows
    views = []
    rows.append(("100,000-op chain -> live show() (DOT + SVG)", 1.0,
                 *timed(lambda: views.append(show(y, names={"y": y})), repeat)))
    rows.append(("  ... brought up to date after a cell", 1.0,
                 *timed(views[-1].refresh, repeat)))
    for view in views:
        view.close()
    return rows


def timed(fn, repeat):
    """``(best wall seconds, best CPU seconds of this process)``."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def report(rows):
    """The rows as a table, each time next to its target."""
    print(f"{'drawing':48} {'wall':>9}   {'cpu':>7}")
    for name, target, seconds, cpu in rows:
        verdict = "" if target is None else (
            f"  target < {target:g} s  [{'ok' if seconds < target else 'MISSED'}]")
        print(f"{name:48} {seconds:7.3f} s {cpu:7.3f} s{verdict}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.viz_graphs", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
    report(run(args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
