"""Stopping a batch, as a teacher does with Ctrl-C (or a system with SIGTERM): it stops at
once, every sandbox and kernel goes, the table of what is done is written, nothing is
left behind, and the same command then resumes."""
import csv
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from minigrad.grading import assignment

from . import _unprivileged as grader
from .test_hostile_batch import QUESTIONS, key_cells, notebook

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None or not sys.platform.startswith("linux"),
                                reason="bubblewrap (Linux) is what isolates the notebooks")


@pytest.fixture
def folders():
    base = pathlib.Path(tempfile.mkdtemp(prefix="minigrad-stop-"))
    os.chmod(base, 0o755)
    for name in ("subs", "out", "tmp", "home"):
        (base / name).mkdir()
    (base / "assignment.ipynb").write_text(assignment.dumps(assignment.make("en", QUESTIONS)))
    (base / "subs" / "a_done.ipynb").write_text(json.dumps(notebook(key_cells())))
    for n in range(4):
        slow = key_cells() + ["import time\ntime.sleep(600)"]
        (base / "subs" / f"b_slow{n}.ipynb").write_text(json.dumps(notebook(slow)))
    grader.give(base)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def start(base):
    argv = [sys.executable, "-m", "minigrad.grading.cli", "grade", str(base / "subs"),
            "--assignment", str(base / "assignment.ipynb"), "--out", str(base / "out"),
            "--timeout", "500", "--jobs", "2"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base / "home"),
           "TMPDIR": str(base / "tmp"), "LANG": "C.UTF-8"}
    log = open(base / "log.txt", "w+b")
    return subprocess.Popen(grader.command(argv), stdout=log, stderr=log, env=env), log


def sandboxes(base):
    return [pid for pid, line in grader.processes() if "bwrap" in line]


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_kills_every_sandbox_writes_what_is_done_and_a_rerun_resumes(folders, signal_number):
    base = folders
    process, log = start(base)
    try:
        assert wait_for(lambda: b"[1/5] a_done" in (base / "log.txt").read_bytes(), 300), \
            (base / "log.txt").read_text()
        assert wait_for(lambda: len(sandboxes(base)) >= 2, 60)  # two slow ones are running
        process.send_signal(signal_number)
        process.wait(timeout=60)  # a guard against a hang, not a measure of speed
    finally:
        if process.poll() is None:
            process.kill()
    said = (base / "log.txt").read_text()
    assert process.returncode == 130, said
    assert "Stopped: 1 of 5 files graded" in said and "Traceback" not in said
    with open(base / "out" / "grades.csv", newline="", encoding="utf-8") as file:
        table = list(csv.DictReader(file))
    assert [(row["student"], row["score"]) for row in table] == [("a_done", "4.0")]
    assert (base / "out" / "feedback" / "a_done.md").exists()
    time.sleep(1)
    assert sandboxes(base) == [] and grader.processes() == []
    assert os.listdir(base / "tmp") == []  # the batch's private folder is gone

    for n in range(4):
        (base / "subs" / f"b_slow{n}.ipynb").unlink()
    process, log = start(base)
    assert process.wait(timeout=600) == 0
    said = (base / "log.txt").read_text()
    assert "a_done" in said and "(cached)" in said
