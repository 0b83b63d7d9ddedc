"""Best-of-N wall-clock timing, the cycle collector left on (as a user's program has it)."""
import time


def best_time(fn, repeat, number=1):
    """The fastest of ``repeat`` runs of ``number`` calls of ``fn``, per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best
