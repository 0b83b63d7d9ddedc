"""``python -m bench.viz_graphs``: how fast ``minigrad.viz`` draws big graphs.

Targets (printed next to each time, never asserted):
  - a 1,000-node graph (a chain of different ops, nothing to fold) to SVG   < 0.5 s
  - a 100,000-op chain to a folded view (DOT text)                           < 1 s
Each time is the best of a few runs (the machine may be busy with other work); the
graph is built before the clock starts: we time drawing, not the engine.
"""
import argparse
import gc
import sys

import minigrad as torch
from minigrad import viz

from .timing import best_time


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
    repeat = 2 if quick else 3
    viz.history.enable()
    rows = []
    y = varied_chain(500)  # 500 ops + 501 values = 1,001 nodes in the data-flow view
    nodes = len(viz.model(y, max_nodes=10_000).nodes)
    rows.append((f"{nodes:,}-node graph -> SVG (data-flow)", 0.5,
                 best_time(lambda: viz.to_svg(viz.draw(y, names={}, max_nodes=10_000)), repeat)))
    rows.append((f"{nodes:,}-node graph -> DOT only", None,
                 best_time(lambda: viz.draw(y, names={}, max_nodes=10_000), repeat)))
    y = long_chain(100_000)
    gc.collect()
    rows.append(("100,000-op chain -> folded view (data-flow)", 1.0,
                 best_time(lambda: viz.draw(y, names={}), repeat)))
    rows.append(("100,000-op chain -> folded view (autograd)", 1.0,
                 best_time(lambda: viz.draw(y, names={}, view="autograd"), repeat)))
    rows.append(("100,000-op chain -> folded view -> SVG", None,
                 best_time(lambda: viz.to_svg(viz.draw(y, names={})), repeat)))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.viz_graphs", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args(argv)
    for name, target, seconds in run(args.quick):
        verdict = "" if target is None else (
            f"  target < {target:g} s  [{'ok' if seconds < target else 'MISSED'}]")
        print(f"{name:48} {seconds:8.3f} s{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
