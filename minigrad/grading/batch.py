"""Grade every file of a folder: one sandboxed worker per notebook, as many at once as
there are cores, each result cached so that a rerun resumes.

Only this process writes results, from data it validated (``reply``) and judged
(``scoring``). Ctrl-C or SIGTERM stops the batch at once: every sandbox is killed (and
its kernel with it), the notebooks already graded are kept, nothing is left in /tmp.
"""
import hashlib
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from ..language import Text
from . import reply, sandbox, scoring, submission
from .cache import Cache
from .folder import NOTES, NotGraded
from .runner import Stopped, Workers
from .submission import Unreadable, code_cells, content_hash

GRACE = 20  # seconds for starting and stopping the sandbox and kernel, beyond the limits


class Settings:
    """``salt``: the assignment's variants (``make-assignment --variants``), or None."""

    def __init__(self, timeout=120, memory_mb=2048, jobs=None, lang="en", sandboxed=True,
                 salt=None):
        self.timeout, self.memory_mb, self.lang, self.sandboxed = timeout, memory_mb, lang, sandboxed
        self.salt = salt
        self.jobs = jobs or _cores()
        # after a cell is stopped at the time limit, the answers above it are still asked for
        self.reserve = min(15.0, max(5.0, timeout / 4))


def _cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Batch:
    """What one run needs: a private folder (mode 0700, removed at the end), the runtime
    the sandboxes see, and the list of live workers. Raises ``sandbox.Unavailable`` on
    entry when sandboxing was asked for and cannot work here."""

    def __init__(self, settings):
        self.settings = settings
        self.workers = Workers()

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="minigrad-grade-")
        try:
            self.runtime = sandbox.prepare(self.folder)
            if self.settings.sandboxed:
                sandbox.check(self.runtime)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        return self

    def __exit__(self, *exc):
        self.workers.stop_all()
        shutil.rmtree(self.folder, ignore_errors=True)
        return False


def fingerprint(questions, hidden_source, settings):
    """Everything besides the submission that decides its grade: a change to any of it
    (the checks' code included) means grading again rather than using the cache."""
    digest = hashlib.sha256()
    digest.update(json.dumps([(q.id, q.points) for q in questions]).encode())
    digest.update(hidden_source)
    digest.update(f"{settings.timeout}/{settings.memory_mb}/{settings.sandboxed}/"
                  f"{settings.salt}".encode())
    here = pathlib.Path(__file__).resolve().parent
    for source in sorted([*here.glob("*.py"), *(here.parent / "exercises").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def grade_all(batch, entries, out, questions, hidden, hidden_source, progress):
    """Grade ``entries`` (``folder.scan``). Returns (records, finished): ``finished`` is
    False when the teacher stopped the batch; the records are those done by then."""
    settings = batch.settings
    cache = Cache(pathlib.Path(out) / ".cache")
    key = fingerprint(questions, hidden_source, settings)
    context = (batch, cache, key, questions, hidden)
    records, finished = [], True
    with ThreadPoolExecutor(max_workers=settings.jobs) as pool:
        futures = [pool.submit(_guarded, entry, *context) for entry in entries]
        try:
            for done, future in enumerate(as_completed(futures), 1):
                record, cached = future.result()
                records.append(record)
                progress(done, len(futures), record, cached)
        except (KeyboardInterrupt, Stopped):
            finished = False
            _no_more_interrupts()  # a second Ctrl-C must not cost the table of what is done
            batch.workers.stop_all()
            for future in futures:
                future.cancel()
    if not finished:  # those that ended between the stop and the last progress line
        records = [f.result()[0] for f in futures
                   if f.done() and not f.cancelled() and f.exception() is None]
    return sorted(records, key=lambda r: r["student"]), finished


def _no_more_interrupts():
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)


def _guarded(entry, *context):
    """``grade_one``, and a row saying so if the grader itself fails on a file: whatever a
    submission is, it costs its own row, never the batch (and the table of the others)."""
    batch = context[0]
    try:
        return grade_one(entry, *context)
    except Stopped:
        raise
    except Exception as error:
        if batch.workers.stopping:  # its worker was killed under it: not graded, no row
            raise Stopped from None
        print(f"warning: the grader failed on {entry.student!r}: {type(error).__name__}: "
              f"{str(error)[:200]}", file=sys.stderr)
        return not_graded(entry.student, "grader_failed", context[3]), False


def grade_one(entry, batch, cache, key, questions, hidden):
    if entry.note is not None:
        return not_graded(entry.student, entry.note, questions), False
    try:
        data = entry.read()
    except NotGraded as problem:
        return not_graded(entry.student, problem.note, questions), False
    digest = content_hash(data)
    entry_key = cache.key(key, entry.student, digest)
    record = cache.load(entry_key)
    if record is not None:
        return record, True
    started = time.monotonic()
    student, note = _variant(entry.student, data, batch.settings.salt)
    public, secret = scoring.plan_tests(questions, hidden, digest, student, batch.settings.salt)
    try:
        cells = code_cells(data)
    except Unreadable as problem:
        outcome = {"status": "unreadable", "where": None, "cell_errors": [], "public": {},
                   "hidden": {}}
        detail = problem.reason
    else:
        outcome = run_notebook(cells, public, secret, batch)
        if batch.workers.stopping:
            raise Stopped
        detail = _detail(outcome)
    record = {"student": entry.student, "hash": digest, "status": outcome["status"],
              "detail": detail.as_dict(),
              "teacher_note": {lang: " ".join(filter(None, [note and note.get(lang),
                                                            outcome.get("note", "")]))
                               for lang in ("zh", "en")},
              "cell_errors": outcome["cell_errors"]}
    stopped = None if outcome["status"] == "ok" else detail
    facts = {"public": outcome["public"], "hidden": outcome["hidden"]}
    record["questions"] = [
        scoring.score(q, public[q.id], secret.get(q.id),
                      {part: facts[part].get(q.id) for part in facts}, hidden, stopped)
        for q in questions]
    record["score"] = round(sum(q["earned"] for q in record["questions"]), 2)
    record["max"] = sum(q.points for q in questions)
    record["seconds"] = round(time.monotonic() - started, 1)
    cache.store(entry_key, record)
    return record, False


def _variant(student, data, salt):
    """Whose numbers a submission is graded with: the student its file (or folder) is named
    after — ``alice.ipynb``, ``alice/hw.ipynb`` —, whatever the notebook says. A notebook
    made for someone else (copied) is noted for the teacher."""
    if salt is None:
        return None, None
    owner = student.split("/")[0]
    claimed = submission.made_for(data)
    if claimed and claimed != owner:
        claimed = reply.text(claimed, 60)  # the notebook's own words: one short line
        return owner, Text(f"这份笔记本是给 {claimed} 的，按 {owner} 的数字评分。",
                           f"made for {claimed}, graded with {owner}'s numbers.")
    return owner, None


def not_graded(student, note, questions):
    status, text = NOTES[note]
    return {"student": student, "hash": "", "status": status, "detail": text.as_dict(),
            "teacher_note": {"zh": "", "en": ""}, "cell_errors": [],
            "questions": [{"id": q.id, "points": q.points, "earned": 0, "tests": []}
                          for q in questions],
            "score": 0, "max": sum(q.points for q in questions), "seconds": 0}


def run_notebook(cells, public, secret, batch):
    """Run one notebook in a worker (in its sandbox) and collect what it says, checked."""
    settings = batch.settings
    job = {"cells": cells, "public": public, "timeout": settings.timeout,
           "reserve": settings.reserve, "memory_mb": settings.memory_mb, "lang": settings.lang}
    worker_argv = [sys.executable, "-m", "minigrad.grading.worker"]
    scratch = None
    if settings.sandboxed:
        job.update(home=sandbox.HOME, tmp="/tmp", python_path=sandbox.RUNTIME)
        argv, options = sandbox.command(batch.runtime, worker_argv)
        with options:
            worker = batch.workers.start(argv, cwd="/", **options.popen)
    else:  # trusted work only: the kernel runs as the teacher, next to the teacher's files
        scratch = pathlib.Path(tempfile.mkdtemp(dir=batch.folder))
        (scratch / "home").mkdir()
        (scratch / "tmp").mkdir()
        job.update(home=str(scratch / "home"), tmp=str(scratch / "tmp"),
                   python_path=str(batch.runtime))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "PYTHONPATH": str(batch.runtime), "HOME": job["home"], "TMPDIR": job["tmp"]}
        worker = batch.workers.start(worker_argv, cwd=str(scratch / "home"), env=env)
    try:
        worker.send(job)
        first = worker.receive(time.monotonic() + settings.timeout + settings.reserve + GRACE)
        outcome = reply.cells(first, public)
        if outcome is None:
            running = worker.process.poll() is None
            return {"status": "timeout" if running else "worker_error", "where": None,
                    "cell_errors": [], "public": {}, "hidden": {}, "note": worker.exit_note()}
        worker.send({"probes": secret})
        second = worker.receive(time.monotonic() + settings.reserve + GRACE)
        outcome["hidden"] = reply.hidden(second, secret)
        if scratch is not None:  # let the worker shut its kernel down; no PID namespace here
            try:
                worker.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        return outcome
    finally:
        batch.workers.finished(worker)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


_STATUS = {
    "ok": Text("正常运行完毕", "ran to the end"),
    "timeout": Text("超过时间限制，在{where}停止", "stopped by the time limit at {where}"),
    "kernel_died": Text("内核崩溃了，在{where}", "the kernel died at {where}"),
    "worker_error": Text("评分进程出错（可能超出了内存限制）", "the grading process failed "
                         "(perhaps over the memory limit)"),
}


def _detail(outcome):
    where = outcome.get("where")
    if isinstance(where, int):
        where_zh, where_en = f"第 {where} 个代码单元格", f"code cell {where}"
    elif where == "checks":
        where_zh, where_en = "最后检查答案时", "the final checks of the answers"
    elif where == "start":
        where_zh, where_en = "启动时", "start-up"
    else:
        where_zh, where_en = "某处", "some point"
    text = _STATUS[outcome["status"]]
    return Text(text.zh.format(where=where_zh), text.en.format(where=where_en))
