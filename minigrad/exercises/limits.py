"""How long a check lets the student's code run: a function that never returns gets a
hint, not a notebook that hangs.

``time_limit(seconds)`` stops the code inside it by raising ``TookTooLong`` — a
``BaseException``, so the student's ``except Exception:`` does not swallow it — and,
should their code swallow it anyway (a bare ``except:``), raises it again every tenth
of a second until the block ends. It uses a timer signal in the main thread (Linux,
macOS: where Jupyter runs a cell); elsewhere (Windows) a timer thread interrupts the main
thread. Where neither is possible (called from another thread) the code runs unlimited.
"""
import _thread
import contextlib
import signal
import threading

CHECK_SECONDS = 10.0
_over = threading.Event()  # set once the current limit has passed


class TookTooLong(BaseException):
    """The student's code ran past the check's time limit."""


def expired():
    """Has the current time limit passed? (Whatever the student's code then raised.)"""
    return _over.is_set()


@contextlib.contextmanager
def time_limit(seconds=None):
    seconds = CHECK_SECONDS if seconds is None else seconds
    _over.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
    elif hasattr(signal, "setitimer"):
        with _by_signal(seconds):
            yield
    else:
        with _by_thread(seconds):
            yield


@contextlib.contextmanager
def _by_signal(seconds):
    active = [True]

    def stop(number, frame):
        if active[0]:  # a signal already on its way when the block ended does nothing
            _over.set()
            raise TookTooLong

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        active[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _by_thread(seconds):
    done = threading.Event()

    def interrupt():
        _over.set()
        while not done.wait(0.1):
            _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if _over.is_set():
            raise TookTooLong from None
        raise
    finally:
        done.set()
        timer.cancel()
