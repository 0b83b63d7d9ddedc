"""The teacher's side, end to end: the real `minigrad-grade grade` on a folder of sample
submissions — correct, partly wrong, and every hostile or broken kind we know of — in
real kernels, no mocks."""
import csv
import hashlib
import json
import pathlib
import subprocess
import sys
import time

import pytest

from minigrad.exercises import exercise
from minigrad.grading import assignment
from minigrad.grading.key import solutions

QUESTIONS = ["forward", "detach", "branch_derivative", "sin_derivative"]
KEY = solutions()
TIMEOUT = 20

HIDDEN = '''
from minigrad.grading.hidden import expression, inputs

POINTS = {"branch_derivative": 2}
HIDDEN = [
    inputs("branch_derivative", points=[1.0, 1.001, -7.5, 40.0]),
    expression("sin_derivative", "x.grad is not None and x.numel() >= 100", bool,
               zh="至少取 100 个点。", en="Take at least 100 points."),
]
'''


def key_cells():
    """The code cells of the teacher's notebook, solutions in place."""
    nb = assignment.make("en", QUESTIONS, key=KEY)
    return [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]


def notebook(cells, **extra):
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                       "outputs": [], "source": source, "id": f"c{i}"}
                      for i, source in enumerate(cells)],
            "metadata": {"kernelspec": assignment.KERNELSPEC}, "nbformat": 4,
            "nbformat_minor": 5, **extra}


def check_index(cells, exercise_id):
    return next(i for i, c in enumerate(cells) if c.startswith(f'check("{exercise_id}"'))


def with_cell_after(exercise_id, source):
    cells = key_cells()
    cells.insert(check_index(cells, exercise_id) + 1, source)
    return cells


def replaced(old, new):
    return [c.replace(old, new) for c in key_cells()]


def without_exercise(exercise_id):
    cells = key_cells()
    answer = exercise(exercise_id).answer
    return [c for c in cells if f"{answer} =" not in c and f'check("{exercise_id}"' not in c]


def vscode_and_colab(cells):
    """nbformat 4.0 as other tools write it: no cell ids, sources as lists of lines,
    their own metadata, no kernelspec."""
    return {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"colab": {"id": "x"}},
                       "outputs": [{"output_type": "stream", "name": "stdout", "text": ["old\n"]}],
                       "source": source.splitlines(keepends=True)} for source in cells],
            "metadata": {"vscode": {"interpreter": {"hash": "abc"}}, "colab": {"provenance": []},
                         "accelerator": "GPU"}, "nbformat": 4, "nbformat_minor": 0}


def nbformat3(cells):
    return {"worksheets": [{"cells": [{"cell_type": "code", "input": source, "language": "python",
                                       "outputs": []} for source in cells]}],
            "metadata": {"name": ""}, "nbformat": 3, "nbformat_minor": 0}


SPY = """\
import os
def readable(path):
    try:
        return open(path, "rb").read().decode("utf-8", "replace")
    except OSError:  # an undumpable worker, when the grader does not run as root
        return ""
worker = os.getppid()
places = " ".join([*os.environ.values(), *os.listdir("."), os.getcwd(),
                   readable(f"/proc/{worker}/environ"), readable(f"/proc/{worker}/cmdline")])
leak = "hidden" in places.lower()
grad_with_detach = torch.tensor([0.0, 1.0, 4.0, 9.0]) + (1 if leak else 0)"""

FORGE = """\
import minigrad.exercises.judging as judging, minigrad.exercises.probing as probing
judging.close = lambda *args, **kwargs: True
probing.report = lambda *args: '{"plans": [{"type": "tensor"}], "expressions": [true]}'
print('{"status": "ok", "facts": {}}')
z_guess = torch.tensor([1.0, 1.0, 1.0])"""

# name -> (notebook as JSON text or bytes, expected status, expected points per question)
SUBMISSIONS = {
    "correct": (notebook(key_cells()), "ok", [1, 1, 2, 1]),
    "partly_wrong": (notebook(replaced("return x.grad", "return 4.0")), "ok", [1, 1, 0, 1]),
    "infinite_loop": (notebook(with_cell_after("detach", "while True:\n    pass")), "timeout",
                      [1, 1, 0, 0]),
    "sys_exit": (notebook(with_cell_after("forward", "import sys\nsys.exit()")), "ok", [1, 1, 2, 1]),
    "kernel_crash": (notebook(with_cell_after("forward", "import os\nos.kill(os.getpid(), 9)")),
                     "kernel_died", [1, 0, 0, 0]),
    "files": (notebook(with_cell_after("forward", "import os, pathlib\nos.remove('submission.ipynb')\n"
                                       "pathlib.Path('junk.bin').write_bytes(bytes(10**7))\n"
                                       "pathlib.Path('~/.ipython/profile_default/startup').expanduser()"
                                       ".mkdir(parents=True, exist_ok=True)\n"
                                       "pathlib.Path('~/.ipython/profile_default/startup/0.py')"
                                       ".expanduser().write_text('raise SystemExit')")),
              "ok", [1, 1, 2, 1]),
    "megabytes": (notebook(with_cell_after("forward", "print('x' * 20_000_000)\n"
                                           "for i in range(3000):\n    print('y' * 1000)")),
                  "ok", [1, 1, 2, 1]),
    "memory_hog": (notebook(with_cell_after("forward", "hog = bytearray(8 * 2**30)")), "ok",
                   [1, 1, 2, 1]),
    "invalid_json": (b'{"cells": [ this is not json', "unreadable", [0, 0, 0, 0]),
    "renamed_answer": (notebook(replaced("dg", "my_dg")), "ok", [1, 1, 2, 1]),
    "missing_answer_cell": (notebook(without_exercise("detach")), "ok", [1, 0, 2, 1]),
    "other_tools": (vscode_and_colab(key_cells()), "ok", [1, 1, 2, 1]),
    "nbformat3": (nbformat3(key_cells()), "ok", [1, 1, 2, 1]),
    "spy": (notebook(replaced(KEY["detach"], SPY)), "ok", [1, 1, 2, 1]),
    "forge": (notebook([key_cells()[0], FORGE, 'check("forward", z_guess)']), "ok", [0, 0, 0, 0]),
}


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def grade(tmp, out):
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "minigrad.grading.cli", "grade", str(tmp / "subs"),
                          "--assignment", str(tmp / "assignment.ipynb"), "--hidden",
                          str(tmp / "teacher" / "hidden_checks.py"), "--out", str(out),
                          "--timeout", str(TIMEOUT), "--memory", "1536", "--jobs", "2",
                          "--lang", "en"], capture_output=True, text=True, timeout=600)
    return run, time.monotonic() - started


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    (tmp / "subs").mkdir()
    (tmp / "teacher").mkdir()
    (tmp / "teacher" / "hidden_checks.py").write_text(HIDDEN, encoding="utf-8")
    (tmp / "assignment.ipynb").write_text(assignment.dumps(assignment.make("en", QUESTIONS)),
                                          encoding="utf-8")
    for name, (content, _, _) in SUBMISSIONS.items():
        data = content if isinstance(content, bytes) else json.dumps(content).encode()
        (tmp / "subs" / f"{name}.ipynb").write_bytes(data)
    before = digest(tmp / "subs")
    run, seconds = grade(tmp, tmp / "out")
    return tmp, before, run, seconds


def rows(path):
    with open(path, newline="", encoding="utf-8") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


def test_the_command_succeeds(graded):
    _, _, run, seconds = graded
    assert run.returncode == 0, run.stderr
    assert f"[{len(SUBMISSIONS)}/{len(SUBMISSIONS)}]" in run.stderr  # the progress lines


@pytest.mark.parametrize("name", SUBMISSIONS)
def test_each_submission_is_graded_or_marked(graded, name):
    tmp, _, _, _ = graded
    _, status, points = SUBMISSIONS[name]
    row = rows(tmp / "out" / "grades.csv")[name]
    assert row["status"] == status, row
    assert [float(row[q]) for q in QUESTIONS] == points, row
    assert float(row["score"]) == sum(points)
    assert row["max_score"] == "5"


def test_submissions_are_never_modified(graded):
    tmp, before, _, _ = graded
    assert digest(tmp / "subs") == before


def test_every_student_gets_a_feedback_page_with_hints_not_answers(graded):
    tmp, _, _, _ = graded
    pages = tmp / "out" / "feedback"
    assert sorted(p.stem for p in pages.iterdir()) == sorted(SUBMISSIONS)
    wrong = (pages / "partly_wrong.md").read_text(encoding="utf-8")
    assert "same value every time" in wrong and "Hidden check 1" in wrong
    assert KEY["branch_derivative"] not in wrong
    loop = (pages / "infinite_loop.md").read_text(encoding="utf-8")
    assert "time limit" in loop
    missing = (pages / "missing_answer_cell.md").read_text(encoding="utf-8")
    assert "No answer found" in missing
    unreadable = (pages / "invalid_json.md").read_text(encoding="utf-8")
    assert "not valid JSON" in unreadable


def test_the_hidden_checks_never_reach_the_scratch_folder_or_the_kernel(graded):
    tmp, _, _, _ = graded
    assert rows(tmp / "out" / "grades.csv")["spy"]["detach"] == "1.0"


def test_rerunning_gives_the_same_table_from_the_cache_and_resumes_after_a_loss(graded):
    tmp, _, first, _ = graded
    table = (tmp / "out" / "grades.csv").read_text(encoding="utf-8")
    again, seconds = grade(tmp, tmp / "out")
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("(cached)") == len(SUBMISSIONS)
    assert (tmp / "out" / "grades.csv").read_text(encoding="utf-8") == table
    # an interrupted batch: some results were never written; the next run grades only those
    cache = sorted((tmp / "out" / ".cache").glob("*.json"))
    cache[0].unlink()
    resumed, _ = grade(tmp, tmp / "out")
    assert resumed.stderr.count("(cached)") == len(SUBMISSIONS) - 1
    assert (tmp / "out" / "grades.csv").read_text(encoding="utf-8") == table
