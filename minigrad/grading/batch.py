"""Grade every notebook of a folder: one worker process each, as many at once as there
are cores, each result cached under the submission's content hash.

A worker that outlives its time limit (plus a grace period for starting and stopping
the kernel) is killed with its whole process group; its kernel, a child that runs in a
session of its own, notices that its parent is gone and exits (ipykernel's parent
poller), and the CPU-time limit it inherited stops it in any case.
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
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from ..language import Text
from . import scoring
from .submission import Unreadable, code_cells, content_hash

GRACE = 20  # seconds for kernel start-up and shutdown beyond the notebook's time limit
PACKAGE_ROOT = pathlib.Path(__file__).resolve().parents[2]  # the folder holding minigrad/


class Settings:
    def __init__(self, timeout=120, memory_mb=2048, jobs=None, lang="en"):
        self.timeout, self.memory_mb, self.lang = timeout, memory_mb, lang
        self.jobs = jobs or _cores()


def _cores():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def find_submissions(folder):
    """(student, path) for every notebook under ``folder``; the student is the path
    without ``.ipynb``, so ``alice.ipynb`` and ``alice/hw.ipynb`` both work."""
    folder = pathlib.Path(folder)
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue  # .ipynb_checkpoints and other hidden folders
        found.append((relative.with_suffix("").as_posix(), path))
    return found


def fingerprint(questions, hidden_source, settings):
    """Everything besides the submission that decides its grade: a change to any of it
    (the checks' code included) means grading again rather than using the cache."""
    digest = hashlib.sha256()
    digest.update(json.dumps([(q.id, q.points) for q in questions]).encode())
    digest.update(hidden_source)
    digest.update(f"{settings.timeout}/{settings.memory_mb}".encode())
    here = pathlib.Path(__file__).resolve().parent
    for source in sorted([*here.glob("*.py"), *(here.parent / "exercises").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def grade_all(submissions, out, questions, hidden, hidden_source, settings, progress):
    """Grade ``submissions`` ((student, path) pairs); returns one record per student."""
    cache = pathlib.Path(out) / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    key = fingerprint(questions, hidden_source, settings)
    records = []
    with ThreadPoolExecutor(max_workers=settings.jobs) as pool:
        futures = [pool.submit(grade_one, student, path, cache, key, questions, hidden, settings)
                   for student, path in submissions]
        for done, future in enumerate(as_completed(futures), 1):
            record, cached = future.result()
            records.append(record)
            progress(done, len(futures), record, cached)
    return sorted(records, key=lambda r: r["student"])


def grade_one(student, path, cache, key, questions, hidden, settings):
    data = path.read_bytes()  # the submission is read once and never written
    digest = content_hash(data)
    entry = cache / f"{hashlib.sha256((key + digest).encode()).hexdigest()}.json"
    if entry.exists():
        record = json.loads(entry.read_text(encoding="utf-8"))
        record["student"] = student
        return record, True
    started = time.monotonic()
    record = {"student": student, "hash": digest}
    probes = scoring.plan_tests(questions, hidden, digest)
    try:
        cells = code_cells(data)
    except Unreadable as problem:
        outcome, detail = {"status": "unreadable"}, problem.reason
    else:
        outcome = run_worker(cells, probes, data, settings)
        detail = _detail(outcome)
    record.update(status=outcome["status"], detail=detail.as_dict(),
                  cell_errors=outcome.get("cell_errors", []))
    results = outcome.get("facts", {})
    stopped = None if outcome["status"] == "ok" else detail
    record["questions"] = [scoring.score(q, probes[q.id], results.get(q.id), hidden, stopped)
                           for q in questions]
    record["score"] = round(sum(q["earned"] for q in record["questions"]), 2)
    record["max"] = sum(q.points for q in questions)
    record["seconds"] = round(time.monotonic() - started, 1)
    temporary = entry.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, entry)
    return record, False


def run_worker(cells, probes, data, settings):
    """Run one notebook in a worker process, in a scratch copy that is removed afterwards."""
    scratch = tempfile.mkdtemp(prefix="minigrad-grade-")
    try:
        pathlib.Path(scratch, "submission.ipynb").write_bytes(data)
        job = {"cells": cells, "probes": probes, "timeout": settings.timeout,
               "memory_mb": settings.memory_mb, "scratch": scratch,
               "python_path": str(PACKAGE_ROOT), "lang": settings.lang}
        worker = subprocess.Popen([sys.executable, "-m", "minigrad.grading.worker"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=scratch, start_new_session=True,
                                  env={**os.environ, "PYTHONPATH": str(PACKAGE_ROOT)})
        try:
            out, err = worker.communicate(json.dumps(job).encode(), timeout=settings.timeout + GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.communicate()
            return {"status": "timeout", "detail": ""}
        try:
            return json.loads(out)
        except ValueError:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            return {"status": "worker_error",
                    "detail": f"exit code {worker.returncode}: {tail[0][:200]}"}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


_STATUS = {
    "ok": Text("正常运行完毕", "ran to the end"),
    "timeout": Text("超过时间限制，在{where}停止", "stopped by the time limit at {where}"),
    "kernel_died": Text("内核崩溃了，在{where}", "the kernel died at {where}"),
    "worker_error": Text("评分进程出错（可能超出了内存限制）：{where}",
                         "the grading process failed (perhaps over the memory limit): {where}"),
}


def _detail(outcome):
    where = outcome.get("detail", "")
    if where.startswith("cell "):
        where_zh, where_en = f"第 {where[5:]} 个代码单元格", f"code cell {where[5:]}"
    elif where == "checks":
        where_zh, where_en = "最后检查答案时", "the final checks of the answers"
    else:
        where_zh = where_en = where or "?"
    text = _STATUS.get(outcome["status"], _STATUS["worker_error"])
    return Text(text.zh.format(where=where_zh), text.en.format(where=where_en))
