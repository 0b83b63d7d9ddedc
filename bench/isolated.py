"""Each library timed in a process of its own, as a program runs it.

Python's cycle collector scans every object a process holds. Timed in one process with
PyTorch imported, each of minigrad's full collections also walked PyTorch's ~145,000
Python objects: a bare node-and-tuple chain paid 1.9 µs per op in the collector with
PyTorch imported and 0.5 µs without (same machine, same run). A student runs minigrad
without PyTorch, and PyTorch's own graph gives the collector nothing to scan, so one
shared process charged minigrad for PyTorch's objects. Here each library runs its
workloads in a fresh process (``python -m bench.isolated LIBRARY WORKLOAD...``, which
prints its times as JSON); the processes take turns, round after round, so that a busy
moment of the machine hits all of them alike, and the best round of each counts.
"""
import json
import os
import subprocess
import sys

from .timing import best_times

def workloads(library):
    """``{name: (run, calls per timing)}`` for one library, imported here and only here."""
    from . import engine_workloads as w
    if library == "numpy":
        return {"two-layer net": (w.two_layer_net_numpy(), 1)}
    if library in ("micrograd", "mygrad"):
        from . import peers
        tiny, chain, branches = peers.WORKLOADS_OF[library]()
        return {"tiny loop": (tiny, 2000), "chain": (chain, 1), "branches": (branches, 1)}
    lib = __import__(library)
    if library == "torch":
        lib.set_num_threads(1)  # one thread, as NumPy's BLAS (see bench/__main__.py)
    return {"tiny loop": (w.tiny_loop(lib), 2000), "two-layer net": (w.two_layer_net(lib), 1),
            "chain": (w.chain(lib), 1), "branches": (w.branches(lib), 1)}


def measure(libraries, names, rounds):
    """``{library: {workload: (wall, cpu)}}``, best of ``rounds`` rounds, or None for a
    library that is not installed."""
    best = {lib: {} for lib in libraries}
    for _ in range(rounds):
        for lib in libraries:
            if best[lib] is None:
                continue
            done = subprocess.run([sys.executable, "-m", "bench.isolated", lib, *names],
                                  capture_output=True, text=True,
                                  cwd=os.path.dirname(os.path.dirname(__file__)))
            if done.returncode == 3:  # not installed
                best[lib] = None
                continue
            if done.returncode:
                raise RuntimeError(f"bench.isolated {lib} failed:\n{done.stderr}")
            for name, (wall, cpu) in json.loads(done.stdout).items():
                old = best[lib].get(name, (float("inf"), float("inf")))
                best[lib][name] = (min(old[0], wall), min(old[1], cpu))
    return best


def main(argv):
    library, names = argv[0], argv[1:]
    try:
        runs = workloads(library)
    except ImportError:
        return 3
    times = {}

    def time_them():
        for name in names:
            if name in runs:
                run, number = runs[name]
                run()  # once untimed: a fresh process pays its first-use costs here
                times[name] = best_times(run, 1, number)
    if library == "micrograd":
        from .peers import in_deep_thread
        in_deep_thread(time_them)
    else:
        time_them()
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
