"""A class's worth of hostile and odd submissions, graded as a teacher would: the real
`minigrad-grade grade`, as an ordinary user, every notebook in its bubblewrap sandbox.

The batch must finish with one row per file; honest scores must be exact; no cheat may
score a point; no file outside the sandboxes may change; no process may outlive the
grader; no secret (hidden inputs, hidden code, the hidden file, the teacher's
environment and paths) may reach a feedback page. The attacks know the real paths of
everything (the worst case: a student who knows how the teacher works)."""
import csv
import hashlib
import json
import os
import pathlib
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time

import pytest

from minigrad.exercises import exercise
from minigrad.grading import assignment
from minigrad.grading.folder import display
from minigrad.grading.key import solutions

from . import _unprivileged as grader

QUESTIONS = ["forward", "detach", "branch_derivative", "sin_derivative"]
KEY = solutions()
TIMEOUT = 30
SECRET = "TEACHER-SECRET-7f3a9c"
HIDDEN_POINTS = [1.0, 1.001, -7.5, 40.0]
HIDDEN = f'''# {SECRET}: the hidden file's own text must never reach a student
from minigrad.grading.hidden import expression, inputs

POINTS = {{"branch_derivative": 2}}
HIDDEN = [
    inputs("branch_derivative", points={HIDDEN_POINTS!r}),
    expression("sin_derivative", "x.grad is not None and x.numel() >= 100", bool,
               zh="至少取 100 个点。", en="Take at least 100 points."),
]
'''
SURVIVOR_MARK = "98765"

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None or not sys.platform.startswith("linux"),
                                reason="bubblewrap (Linux) is what isolates the notebooks")


# -- notebooks ------------------------------------------------------------------------------

def key_cells():
    """The code cells of the teacher's notebook, answers in place."""
    nb = assignment.make("en", QUESTIONS, key=KEY)
    return [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]


def blank_cells():
    nb = assignment.make("en", QUESTIONS)
    return [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]


def notebook(cells):
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                       "outputs": [], "source": source, "id": f"c{i}"}
                      for i, source in enumerate(cells)],
            "metadata": {"kernelspec": assignment.KERNELSPEC}, "nbformat": 4,
            "nbformat_minor": 5}


def check_index(cells, exercise_id):
    return next(i for i, c in enumerate(cells) if c.startswith(f'check("{exercise_id}"'))


def with_cell_after(exercise_id, source, cells=None):
    cells = list(cells or key_cells())
    cells.insert(check_index(cells, exercise_id) + 1, source)
    return cells


def first_then(source, cells):
    """``source`` right after the imports cell."""
    return [cells[0], source, *cells[1:]]


def replaced(old, new):
    return [c.replace(old, new) for c in key_cells()]


def without_exercise(exercise_id):
    answer = exercise(exercise_id).answer
    return [c for c in key_cells() if f"{answer} =" not in c and f'check("{exercise_id}"' not in c]


def vscode_and_colab(cells):
    """nbformat 4.0 as other tools write it: no cell ids, sources as lists of lines."""
    return {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"colab": {"id": "x"}},
                       "outputs": [{"output_type": "stream", "name": "stdout", "text": ["old\n"]}],
                       "source": source.splitlines(keepends=True)} for source in cells],
            "metadata": {"vscode": {"interpreter": {"hash": "abc"}}}, "nbformat": 4,
            "nbformat_minor": 0}


def nbformat3(cells):
    return {"worksheets": [{"cells": [{"cell_type": "code", "input": source, "language": "python",
                                       "outputs": []} for source in cells]}],
            "metadata": {"name": ""}, "nbformat": 3, "nbformat_minor": 0}


def attack(code):
    """A cell that tries ``code`` and carries on whatever happens."""
    return "try:\n" + "".join(f"    {line}\n" for line in code.strip().splitlines()) + \
           "except BaseException as error:\n    print('attack failed:', repr(error)[:200])"


# The attacks. PATHS is filled in with the real paths of this run (see `paths`).
VANDAL = '''
import os, pathlib, shutil
P = {paths}
for target in P["files"]:
    for do in (lambda t: pathlib.Path(t).write_text("vandalised"), os.remove,
               lambda t: shutil.rmtree(t)):
        try:
            do(target)
        except BaseException:
            pass
for folder in P["folders"] + ["..", "../..", "/tmp", os.path.expanduser("~"), "/"]:
    try:
        pathlib.Path(folder, "vandal-was-here").write_text("x")
    except BaseException:
        pass
for target in [P["out"] + "/grades.csv", P["out"] + "/feedback"]:
    try:
        os.makedirs(target + "/trap", exist_ok=True)
    except BaseException:
        pass
'''

FORGE_CACHE = '''
import glob, hashlib, json, os, pathlib
P = {paths}
fake = {{"student": "forger_self", "status": "ok", "score": 5, "max": 5, "questions": []}}
for folder in [P["out"] + "/.cache", "/tmp", os.path.expanduser("~")]:
    for key in [hashlib.sha256(open(p, "rb").read()).hexdigest() for p in glob.glob(P["subs"] + "/*.ipynb")] + ["x"]:
        try:
            pathlib.Path(folder, key + ".json").write_text(json.dumps({{"record": fake, "mac": "0"}}))
        except BaseException:
            pass
'''

FORGE_FACTS = '''
import minigrad.exercises.probing as probing, minigrad.exercises.judging as judging
judging.close = lambda *args, **kwargs: True
probing.report = lambda *args: '{"plans": [{"type": "calls", "results": []}], "expressions": [true]}'
print('{"phase": "cells", "status": "ok", "facts": {}}')
'''

HIJACK = '''
import glob, json, os, re, socket
found = []
for pattern in ["/proc/*/cmdline", "/tmp/**/kernel-*.json", os.path.expanduser("~") + "/**/kernel-*.json",
                "/run/**/kernel-*.json", {subs!r} + "/../**/kernel-*.json"]:
    for path in glob.glob(pattern, recursive=True):
        try:
            text = open(path, "rb").read().decode("utf-8", "replace")
        except BaseException:
            continue
        found += re.findall(r"kernel-[\\w-]+\\.json", text) if "cmdline" in path else [path]
mine = os.environ.get("JPY_PARENT_PID")
reached = 0
for path in set(p for p in found if p.startswith("/")):
    try:
        info = json.load(open(path))
        from jupyter_client import BlockingKernelClient
        client = BlockingKernelClient()
        client.load_connection_info(info)
        client.start_channels()
        client.execute("z_guess = torch.zeros(3); grad_with_detach = torch.zeros(4)")
        reached += 1
    except BaseException:
        pass
print("kernels reached:", reached)
'''

SURVIVOR = '''
import os, subprocess, sys
P = {paths}
script = ("import os, time\\n"
          "os.setsid()\\n"
          "for _ in range(600):\\n"
          "    for target in [%r, %r]:\\n"
          "        try:\\n"
          "            open(target, 'w').write('student,score\\\\nforger,100\\\\n')\\n"
          "        except BaseException:\\n"
          "            pass\\n"
          "    time.sleep(0.2)\\n") % (P["out"] + "/grades.csv", P["out"] + "/feedback/survivor.md")
for _ in range(3):
    subprocess.Popen([sys.executable, "-c", script, "{mark}"], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "{mark}"])
    os._exit(0)
'''

FORK_BOMB = '''
import os, time
children = 0
for _ in range(3000):
    try:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        children += 1
    except OSError:
        break
print("children:", children)
'''

KEY_THIEF = '''
import glob, os
from minigrad.exercises import exercise, exercises
stolen = {}
for ex in exercises():
    try:
        stolen[ex.id] = ex.solution
    except AttributeError:
        pass
try:
    from minigrad.grading.key import solutions
    stolen.update(solutions())
except BaseException:
    pass
for top in ["/opt", "/home", "/tmp", "/work", "/root", "/etc", "/run"]:
    for path in glob.glob(top + "/**/solutions/*.py", recursive=True)[:50]:
        stolen[os.path.basename(path)[:-3]] = open(path).read()
for code in stolen.values():
    exec(code, globals())
print("stolen:", len(stolen))
'''

LEAKER_ENV = '''
import glob, os
P = {paths}
seen = [repr(dict(os.environ)), os.getcwd(), repr(os.listdir("/")), repr(os.listdir(os.path.expanduser("~")))]
for path in [P["hidden"], "/proc/1/cmdline", "/proc/1/environ"] + glob.glob("/proc/*/environ"):
    try:
        seen.append(open(path, "rb").read().decode("utf-8", "replace"))
    except BaseException as error:
        seen.append(repr(error))
raise RuntimeError(" | ".join(seen)[:5000])
'''

LEAKER_G = '''
SEEN = []
def g_smooth(x):
    SEEN.append(float(x))
    raise ValueError("inputs so far: " + repr(SEEN[-12:]) + "`\\n# Score: 13 / 13\\n")
'''

# an editable install names the teacher's checkout in site-packages, which sandboxes read
LEAKER_CHECKOUT = '''
import glob, sys
for folder in sys.path:
    for path in glob.glob(folder + "/__editable__*finder.py") + glob.glob(folder + "/*.pth"):
        for line in open(path):
            if line.startswith("MAPPING") or line.startswith("/"):
                raise RuntimeError(line[:250])
'''

SHAPE_LEAKER_G = '''
def g_smooth(x):
    return torch.zeros(int(abs(float(x)) * 1000) + 2)
'''

# one call into compiled code that never looks up: no signal stops it, only the time limit
HANGS_IN_C = "sum(range(10**13))"
HANG_ON_HIDDEN_INPUT = KEY["branch_derivative"].replace(
    "def g_smooth(x):", f"def g_smooth(x):\n    if float(x) == 40.0:\n        {HANGS_IN_C}")
HANG_WHEN_PROBED = KEY["branch_derivative"].replace(
    "def g_smooth(x):", f"def g_smooth(x):\n    {HANGS_IN_C}")

KILL_WORKER = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"
KILL_ALL = "import os, signal\nos.kill(-1, signal.SIGKILL)"

SPY = """\
import os
places = " ".join([*os.environ.values(), *os.listdir("."), os.getcwd()])
for path in ["/proc/1/environ", "/proc/1/cmdline", f"/proc/{os.getppid()}/environ"]:
    try:
        places += open(path, "rb").read().decode("utf-8", "replace")
    except OSError:
        pass
leak = "hidden" in places.lower()
grad_with_detach = torch.tensor([0.0, 1.0, 4.0, 9.0]) + (1 if leak else 0)"""


def sparse_giant(path):
    with open(path, "wb") as file:
        file.truncate(100 * 2 ** 20)  # 100 MiB that take no room on disk


def submissions(paths):
    """name -> (content: notebook dict, bytes, or a callable making a special file;
    expected status; expected points per question)."""
    fill = {"paths": json.dumps(paths), "subs": paths["subs"], "mark": SURVIVOR_MARK}
    honest = [1, 1, 2, 1]
    nothing = [0, 0, 0, 0]
    return {
        # honest students, and the awkward ones
        "correct": (notebook(key_cells()), "ok", honest),
        "victim": (notebook(key_cells()), "ok", honest),
        "partly_wrong": (notebook(replaced("2 * x - 1", "3 * x - 2")), "ok", [1, 1, 0, 1]),
        "blank": (notebook(blank_cells()), "ok", nothing),
        "infinite_loop": (notebook(with_cell_after("detach", "while True:\n    pass")), "timeout",
                          [1, 1, 0, 0]),
        "sys_exit": (notebook(with_cell_after("forward", "import sys\nsys.exit()")), "ok", honest),
        "kernel_crash": (notebook(with_cell_after("forward", "import os\nos.kill(os.getpid(), 9)")),
                         "kernel_died", [1, 0, 0, 0]),
        "megabytes": (notebook(with_cell_after("forward", "print('x' * 20_000_000)\n"
                                               "for i in range(3000):\n    print('y' * 1000)")),
                      "ok", honest),
        "memory_hog": (notebook(with_cell_after("forward", "hog = bytearray(8 * 2**30)")), "ok",
                       honest),
        "renamed_answer": (notebook(replaced("g_smooth", "my_g")), "ok", honest),
        "missing_answer_cell": (notebook(without_exercise("detach")), "ok", [1, 0, 2, 1]),
        "other_tools": (vscode_and_colab(key_cells()), "ok", honest),
        "nbformat3": (nbformat3(key_cells()), "ok", honest),
        "invalid_json": (b'{"cells": [ this is not json', "unreadable", nothing),
        "empty": (b"", "unreadable", nothing),
        "caf\udce9": (notebook(key_cells()), "ok", honest),  # a name that is not UTF-8
        # attacks
        "spy": (notebook(replaced(KEY["detach"], SPY)), "ok", honest),
        "forge": (notebook([key_cells()[0], attack(FORGE_FACTS), 'check("forward", z_guess)']),
                  "ok", nothing),
        "forger_self": (notebook(first_then(attack(FORGE_CACHE.format(**fill)), blank_cells())),
                        "ok", nothing),
        "forger_facts": (notebook(first_then(attack(FORGE_FACTS), blank_cells())), "ok", nothing),
        "hijacker": (notebook(first_then(attack(HIJACK.format(**fill)), blank_cells())), "ok",
                     nothing),
        "vandal": (notebook(first_then(attack(VANDAL.format(**fill)), key_cells())), "ok", honest),
        "survivor": (notebook(first_then(attack(SURVIVOR.format(**fill)), key_cells())), "ok",
                     honest),
        "fork_bomb": (notebook(key_cells() + [attack(FORK_BOMB)]), "ok", honest),
        "key_thief": (notebook(first_then(attack(KEY_THIEF), blank_cells())), "ok", nothing),
        "leaker": (notebook(with_cell_after("forward", LEAKER_ENV.format(**fill), with_cell_after(
                       "forward", LEAKER_CHECKOUT, replaced(KEY["branch_derivative"], LEAKER_G)))),
                   "ok", [1, 1, 0, 1]),
        "shape_leaker": (notebook(replaced(KEY["branch_derivative"], SHAPE_LEAKER_G)), "ok",
                         [1, 1, 0, 1]),
        # the hidden input hangs the kernel: the public check keeps its point, and so do the
        # questions asked about before; sin_derivative's hidden check comes after
        "hangs_on_a_hidden_input": (notebook(replaced(KEY["branch_derivative"], HANG_ON_HIDDEN_INPUT)),
                                    "ok", [1, 1, 1, 0.5]),
        # no check cell for g_smooth: the grader's own question at the end hangs the kernel
        "hangs_when_asked": (notebook([c for c in replaced(KEY["branch_derivative"], HANG_WHEN_PROBED)
                                       if not c.startswith('check("branch_derivative"')]),
                             "timeout", [1, 1, 0, 0.5]),
        "kill_worker": (notebook(key_cells() + [KILL_WORKER]), "worker_error", nothing),
        "kill_all": (notebook(key_cells() + [KILL_ALL]), "worker_error", nothing),
        # files that are not what they seem
        "fifo": (lambda path: os.mkfifo(path), "skipped", nothing),
        "zero": (lambda path: os.symlink("/dev/zero", path), "skipped", nothing),
        "teachers_file": (lambda path: os.symlink(paths["hidden"], path), "skipped", nothing),
        "dangling": (lambda path: os.symlink(paths["subs"] + "/nowhere.ipynb", path), "skipped",
                     nothing),
        "inside_link": (lambda path: os.symlink("correct.ipynb", path), "ok", honest),
        "unreadable": (lambda path: (pathlib.Path(path).write_text("{}"), os.chmod(path, 0)),
                       "unreadable", nothing),
        "socket": (lambda path: socket.socket(socket.AF_UNIX).bind(path), "skipped", nothing),
        "sparse_giant": (sparse_giant, "unreadable", nothing),
        "dup/alice": (b"{}", "unreadable", nothing),
        "dup__alice": (b"[]", "unreadable", nothing),
        "=HYPERLINK(\"x\")": (b"{}", "unreadable", nothing),
        "esc\x1b]0;pwned\x07\x1b[2J\nline": (b"{}", "unreadable", nothing),  # retitles, clears
        "deep_json": (b"[" * 200_000 + b"]" * 200_000, "unreadable", nothing),
    }


OTHER_FILES = {  # path in the folder -> (student, status)
    "notes.txt": ("notes.txt", "not_notebook"),
    "a_folder_link": ("a_folder_link", "skipped"),
    "deep/1/2/3/4/5/6/7/8/x.ipynb": ("deep/1/2/3/4/5/6/7", "skipped"),
}


# -- the run ---------------------------------------------------------------------------------

def digest(folder):
    """Every file under ``folder`` (links not followed) with its content hash."""
    seen = {}
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(root, name)
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                try:
                    seen[path] = hashlib.sha256(open(path, "rb").read()).hexdigest()
                except PermissionError:
                    seen[path] = f"unreadable {info.st_size} {info.st_mtime_ns}"
            else:
                seen[path] = stat.S_IFMT(info.st_mode)
    return seen


def package_files():
    """The minigrad the grader runs, and the environment it comes from."""
    import minigrad
    folders = [pathlib.Path(minigrad.__file__).parent, pathlib.Path(sys.prefix)]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for folder in folders
            for p in folder.rglob("*.py") if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def machine():
    """A teacher's folders, owned by the grader's user, with canaries to protect."""
    base = pathlib.Path(tempfile.mkdtemp(prefix="minigrad-hostile-"))
    os.chmod(base, 0o755)
    paths = {name: str(base / name) for name in ("subs", "out", "teacher", "home", "canary", "tmp")}
    for folder in paths.values():
        os.mkdir(folder)
    paths["hidden"] = str(base / "teacher" / "hidden_checks.py")
    pathlib.Path(paths["hidden"]).write_text(HIDDEN, encoding="utf-8")
    pathlib.Path(paths["home"], ".bashrc").write_text("echo teacher\n")
    for n in range(3):
        pathlib.Path(paths["canary"], f"keep-{n}").write_text("keep me")
    paths["tmp_canary"] = f"/tmp/minigrad-canary-{os.getpid()}"
    pathlib.Path(paths["tmp_canary"]).write_text("keep me")
    import minigrad
    paths["files"] = [paths["hidden"], paths["tmp_canary"], str(pathlib.Path(paths["home"], ".bashrc")),
                      *[str(p) for p in pathlib.Path(paths["canary"]).iterdir()],
                      str(pathlib.Path(minigrad.__file__)), "/opt/minigrad/minigrad/__init__.py",
                      paths["subs"] + "/correct.ipynb", paths["subs"] + "/victim.ipynb"]
    paths["folders"] = [paths["subs"], paths["out"], paths["teacher"], paths["canary"],
                        paths["home"], str(base), os.path.dirname(minigrad.__file__)]
    (base / "assignment.ipynb").write_text(assignment.dumps(assignment.make("en", QUESTIONS)),
                                           encoding="utf-8")
    subs = pathlib.Path(paths["subs"])
    expected = {}
    for name, (content, status, points) in submissions(paths).items():
        path = os.fsencode(subs) + b"/" + os.fsencode(name) + b".ipynb"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if callable(content):
            content(os.fsdecode(path))
        else:
            data = content if isinstance(content, bytes) else json.dumps(content).encode()
            with open(path, "wb") as file:
                file.write(data)
        expected[display(name)] = (status, points)
    (subs / "notes.txt").write_text("not a notebook")
    os.symlink(paths["teacher"], subs / "a_folder_link")
    deep = subs / "deep/1/2/3/4/5/6/7/8"
    deep.mkdir(parents=True)
    (deep / "x.ipynb").write_text(json.dumps(notebook(key_cells())))
    (subs / ".ipynb_checkpoints").mkdir()
    (subs / ".ipynb_checkpoints" / "correct-checkpoint.ipynb").write_text("{}")
    if grader.is_root():  # a real device node, as a file a student could never have made
        os.mknod(subs / "device.ipynb", stat.S_IFCHR | 0o666, os.makedev(1, 5))
        expected["device"] = ("skipped", [0, 0, 0, 0])
    for student, status in OTHER_FILES.values():
        expected[student] = (status, [0, 0, 0, 0])
    grader.give(base)
    grader.give(paths["tmp_canary"])
    os.chmod(paths["hidden"], 0o600)
    yield base, paths, expected
    subprocess.run(["chmod", "-R", "u+rwX", str(base)])
    shutil.rmtree(base, ignore_errors=True)
    os.unlink(paths["tmp_canary"])


def grade(base, paths, *extra, env=None):
    argv = [sys.executable, "-m", "minigrad.grading.cli", "grade", paths["subs"],
            "--assignment", str(base / "assignment.ipynb"), "--hidden", paths["hidden"],
            "--out", paths["out"], "--timeout", str(TIMEOUT), "--memory", "1536", "--jobs", "2",
            *extra]
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": paths["home"],
                   "TMPDIR": paths["tmp"], "LANG": "C.UTF-8", "MINIGRAD_LANG": "",
                   "TEACHER_TOKEN": SECRET + "-env", **(env or {})}
    return grader.run(argv, capture_output=True, env=environment, timeout=1800)


@pytest.fixture(scope="module")
def graded(machine):
    base, paths, expected = machine
    protected = [paths["subs"], paths["teacher"], paths["home"], paths["canary"]]
    before = {folder: digest(folder) for folder in protected}
    before_package = package_files()
    before_tmp = set(os.listdir("/tmp"))
    already = {pid for pid, _ in grader.processes()}
    started = time.monotonic()
    run = grade(base, paths)
    seconds = time.monotonic() - started
    time.sleep(2)  # a survivor would be rewriting the table by now
    after = {folder: digest(folder) for folder in protected}
    leftovers = [(pid, line) for pid, line in grader.processes() if pid not in already]
    table = pathlib.Path(paths["out"], "grades.csv").read_bytes()
    return {"run": run, "seconds": seconds, "before": before, "after": after,
            "package": (before_package, package_files()), "leftovers": leftovers,
            "tmp": (before_tmp, set(os.listdir("/tmp"))), "table": table}


def rows(paths):
    with open(pathlib.Path(paths["out"], "grades.csv"), newline="", encoding="utf-8") as file:
        return {row["student"].lstrip("'"): row for row in csv.DictReader(file)}


def pages(paths):
    return {p.name: p.read_text(encoding="utf-8")
            for p in pathlib.Path(paths["out"], "feedback").iterdir()}


# -- what the teacher must be able to rely on -------------------------------------------------

def test_the_batch_finishes_in_sandboxes_as_an_ordinary_user(graded):
    run = graded["run"]
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-3000:]
    assert b"in sandboxes" in run.stderr
    assert b"\x1b" not in run.stderr and b"\x07" not in run.stderr  # the teacher's terminal
    print(f"\nhostile batch graded in {graded['seconds']:.0f} s")


def test_every_file_gets_one_row_with_its_expected_status_and_exact_points(machine, graded):
    _, paths, expected = machine
    table = rows(paths)
    assert sorted(table) == sorted(expected)
    wrong = {}
    for student, (status, points) in expected.items():
        row = table[student]
        got = (row["status"], [float(row[q]) for q in QUESTIONS])
        if got != (status, points) or float(row["score"]) != sum(points):
            wrong[student] = (got, (status, points), row["note"])
    assert not wrong, wrong


def test_no_file_outside_the_sandboxes_changed(graded):
    for folder, files in graded["before"].items():
        assert graded["after"][folder] == files, folder
    before, after = graded["package"]
    assert before == after
    old_tmp, new_tmp = graded["tmp"]
    made = [n for n in new_tmp - old_tmp if "vandal" in n or len(n) == 64 + 5
            or grader.is_root() and os.lstat(f"/tmp/{n}").st_uid == grader.uid()]
    assert not made


def test_the_grader_leaves_nothing_in_its_temporary_folder(machine, graded):
    _, paths, _ = machine
    assert os.listdir(paths["tmp"]) == []


def test_nothing_the_notebooks_did_reached_the_results_folder(machine):
    _, paths, _ = machine
    out = pathlib.Path(paths["out"])
    assert sorted(p.name for p in out.iterdir()) == [".cache", "feedback", "grades.csv"]
    assert not list(out.rglob("vandal-was-here")) and not list(out.rglob("trap"))
    assert all(len(p.stem) == 64 for p in (out / ".cache").glob("*.json"))


def test_no_process_outlives_the_grader(graded):
    assert graded["leftovers"] == []
    assert not [line for _, line in graded["leftovers"] if SURVIVOR_MARK in line]


def test_the_table_is_the_graders_to_the_end(machine, graded):
    _, paths, _ = machine
    time.sleep(1)
    assert pathlib.Path(paths["out"], "grades.csv").read_bytes() == graded["table"]


def test_no_secret_reaches_a_feedback_page(machine, graded):
    base, paths, _ = machine
    shapes = [f"[{int(abs(x) * 1000) + 2}]" for x in HIDDEN_POINTS]  # what shape_leaker returns
    import minigrad
    checkout = str(pathlib.Path(minigrad.__file__).resolve().parents[1])
    secrets = [SECRET, "x.numel() >= 100", "1.001", "-7.5", "40.0", *shapes, str(base),
               paths["home"], sys.prefix, sys.base_prefix, checkout, "TEACHER_TOKEN"]
    for name, text in pages(paths).items():
        found = [s for s in secrets if s in text]
        assert not found, (name, found)


def test_nothing_a_notebook_says_changes_the_shape_of_its_page(machine):
    _, paths, _ = machine
    for name, text in pages(paths).items():
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert not [h for h in headings if "13 / 13" in h], (name, headings)
    assert "inputs so far" in pages(paths)["leaker.md"]


def test_the_leakers_pages_still_say_what_went_wrong(machine):
    _, paths, _ = machine
    leaker, shapes = pages(paths)["leaker.md"], pages(paths)["shape_leaker.md"]
    assert "RuntimeError" in leaker and "inputs so far" in leaker  # public inputs: fine to show
    assert "has shape" in shapes or "one number" in shapes
    for page in (leaker, shapes):
        assert "hidden inputs are not shown" in page


def test_feedback_pages_give_hints_not_answers(machine):
    _, paths, _ = machine
    page = pages(paths)
    assert "a corner" in page["partly_wrong.md"]
    assert "Hidden check 1" in page["partly_wrong.md"]
    assert KEY["branch_derivative"] not in page["partly_wrong.md"]
    assert "time limit" in page["infinite_loop.md"]
    assert "No answer found" in page["missing_answer_cell.md"]
    assert "not valid JSON" in page["invalid_json.md"]
    assert "link to something outside the folder" in page["zero.md"]


def test_feedback_pages_are_one_per_file_with_unique_names(machine):
    _, paths, expected = machine
    names = sorted(pages(paths))
    assert len(names) == len(expected) == len(set(n.lower() for n in names))
    assert "dup__alice.md" in names and "dup__alice~2.md" in names


def test_a_spreadsheet_formula_as_a_name_is_quoted(machine):
    _, paths, _ = machine
    text = pathlib.Path(paths["out"], "grades.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text


def test_rerunning_gives_the_same_table_from_the_cache_and_survives_things_in_the_way(machine, graded):
    base, paths, expected = machine
    out = pathlib.Path(paths["out"])
    table = (out / "grades.csv").read_text(encoding="utf-8")
    graded_notebooks = sum(1 for status, _ in expected.values()
                           if status not in ("skipped", "not_notebook", "unreadable"))
    # in the way: the table became a folder, a page a link to a file of the teacher's
    (out / "grades.csv").unlink()
    (out / "grades.csv").mkdir()
    (out / "feedback" / "correct.md").unlink()
    os.symlink(paths["home"] + "/.bashrc", out / "feedback" / "correct.md")
    grader.give(out)
    again = grade(base, paths)
    assert again.returncode == 0, again.stderr.decode(errors="replace")[-2000:]
    assert again.stderr.count(b"(cached)") >= graded_notebooks - 1  # unreadable ones are cheap
    assert (out / "grades.csv").read_text(encoding="utf-8") == table
    assert (out / "grades.csv.moved-aside").is_dir()
    assert pathlib.Path(paths["home"], ".bashrc").read_text() == "echo teacher\n"
    assert not (out / "feedback" / "correct.md").is_symlink()
    # a lost result is graded again, and only that one
    (out / "grades.csv.moved-aside").rmdir()
    entries = sorted((out / ".cache").glob("*.json"))
    entries[0].unlink()
    resumed = grade(base, paths)
    assert resumed.stderr.count(b"(cached)") == again.stderr.count(b"(cached)") - 1
    assert (out / "grades.csv").read_text(encoding="utf-8") == table


def test_a_forged_or_planted_cache_entry_is_not_believed(machine, graded):
    base, paths, expected = machine
    out = pathlib.Path(paths["out"])
    before = rows(paths)
    entry = sorted((out / ".cache").glob("*.json"))[0]
    data = json.loads(entry.read_text())
    data["record"]["score"] = 99
    entry.write_text(json.dumps(data))
    planted = out / ".cache" / ("0" * 64 + ".json")
    planted.write_text(json.dumps({"record": {**data["record"], "student": "blank"}, "mac": "0"}))
    grader.give(out)
    cached = grade(base, paths).stderr.count(b"(cached)")
    regraded = grade(base, paths).stderr.count(b"(cached)")
    assert regraded == cached + 1  # the tampered entry was graded again, once
    assert rows(paths) == before


# -- without a sandbox ------------------------------------------------------------------------

def test_without_bubblewrap_grading_refuses_and_says_why(machine):
    base, paths, _ = machine
    refused = grade(base, paths, env={"PATH": "/nonexistent"})
    assert refused.returncode == 3
    message = refused.stderr.decode()
    assert "bubblewrap (bwrap) is not installed" in message and "--no-sandbox" in message


def test_without_user_namespaces_grading_refuses_and_says_why(machine):
    """As in a container that does not allow user namespaces: the grader itself runs in a
    sandbox whose user namespaces are switched off."""
    base, paths, _ = machine
    argv = [sys.executable, "-m", "minigrad.grading.cli", "grade", paths["subs"], "--assignment",
            str(base / "assignment.ipynb"), "--out", paths["out"]]
    inside = ["bwrap", "--dev-bind", "/", "/", "--unshare-user", "--disable-userns", "--", *argv]
    refused = grader.run(inside, capture_output=True, timeout=600,
                         env={"PATH": os.environ.get("PATH", ""), "HOME": paths["home"],
                              "TMPDIR": paths["tmp"]})
    assert refused.returncode == 3, refused.stderr.decode()[-2000:]
    assert "cannot make a sandbox here" in refused.stderr.decode()
    assert "user namespaces" in refused.stderr.decode()
