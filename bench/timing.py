"""Best-of-N timing, the cycle collector left on (as a user's program has it)."""
import gc
import time


def best_times(fn, repeat, number=1):
    """``(wall, cpu)``: the fastest run by the wall clock and by this process's CPU time.
    On a shared machine the wall clock also counts the time others had the CPU; the CPU
    time does not (one thread, see bench/__main__.py), so both are printed."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        # Each run starts from a collected heap: otherwise what an earlier workload (or the
        # other library) left behind decides when the collector's full scans fall, and a
        # 10,000-branch graph took 0.27 s or 0.41 s CPU depending on what ran before it.
        gc.collect()
        start, used = time.perf_counter(), time.process_time()
        for _ in range(number):
            fn()
        wall = min(wall, (time.perf_counter() - start) / number)
        cpu = min(cpu, (time.process_time() - used) / number)
    return wall, cpu


def in_turn(runs, repeat, number=1):
    """``[(wall, cpu), ...]``, best of ``repeat`` for each of ``runs``, timed in turn so that
    a busy moment of the machine hits all of them alike."""
    best = [[float("inf")] * 2 for _ in runs]
    for _ in range(repeat):
        for times, fn in zip(best, runs):
            wall, cpu = best_times(fn, 1, number)
            times[:] = min(times[0], wall), min(times[1], cpu)
    return [tuple(times) for times in best]
