"""The grader's side of one worker: start it (in its sandbox), exchange two messages,
read its answers defensively, and kill it — and, on Ctrl-C, kill every one at once.

What comes back from a worker is data from a process that ran student code, so it is
read as such: at most ``MAX_MESSAGE`` bytes per message, one JSON object per line,
nothing trusted beyond its shape (``scoring`` and ``reply`` check the rest).
"""
import json
import os
import selectors
import signal
import subprocess
import tempfile
import threading
import time

MAX_MESSAGE = 8 * 2 ** 20


class Stopped(Exception):
    """The teacher stopped the batch (Ctrl-C, SIGTERM): no new worker starts."""


class Workers:
    """Every worker alive, so that stopping kills them all."""

    def __init__(self):
        self._lock = threading.Lock()
        self._alive = set()
        self.stopping = False

    def start(self, argv, **popen):
        with self._lock:
            if self.stopping:
                raise Stopped
            worker = Worker(argv, **popen)
            self._alive.add(worker)
            return worker

    def finished(self, worker):
        worker.kill()
        with self._lock:
            self._alive.discard(worker)

    def stop_all(self):
        with self._lock:
            self.stopping = True
            alive = list(self._alive)
        for worker in alive:
            worker.kill()


class Worker:
    def __init__(self, argv, **popen):
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.errors, start_new_session=True, **popen)
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        os.set_blocking(self.process.stdout.fileno(), False)

    def send(self, message):
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def receive(self, deadline):
        """The next message (a dict), or None: end of output, past ``deadline``
        (``time.monotonic()``), too long, or not JSON."""
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or len(self._buffer) > MAX_MESSAGE:
                return None
            if not self._selector.select(timeout=min(left, 1.0)):
                continue
            try:
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            except BlockingIOError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            return None
        return message if isinstance(message, dict) else None

    def exit_note(self):
        """The exit code and the last line the worker wrote to stderr, for the teacher."""
        code = self.process.poll()
        self.errors.seek(0, os.SEEK_END)
        self.errors.seek(max(0, self.errors.tell() - 2000))
        tail = self.errors.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"exit code {code}: {tail[0][:200]}"

    def kill(self):
        """The whole sandbox goes: bwrap is the head of the worker's process group, and
        its PID namespace dies with it."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        self.process.wait()
        self._selector.close()
