"""make-assignment --variants: one notebook per student, each with numbers of its own; the
grader judges each submission with the numbers of the student it is named after, so a
notebook copied from a classmate fails — and says whose it was."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from minigrad.grading import assignment

IDS = "forward,accumulation,detach,backward_twice,control_flow"


def cli(*args, **options):
    return subprocess.run([sys.executable, "-m", "minigrad.grading.cli", *map(str, args)],
                          capture_output=True, text=True, **options)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("variants")
    (tmp / "roster.txt").write_text("alice\nbob  # a comment\n\ncarol\n")
    for folder, extra in (("notebooks", []), ("keys", ["--solutions"])):
        run = cli("make-assignment", tmp / folder, "--lang", "en", "--exercises", IDS,
                  "--variants", tmp / "roster.txt", "--salt", "2026", *extra)
        assert run.returncode == 0, run.stderr
    return tmp


def code(path):
    return [c["source"] for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_each_student_gets_a_notebook_with_numbers_of_their_own(made):
    names = sorted(p.name for p in (made / "notebooks").iterdir())
    assert names == ["alice.ipynb", "assignment.ipynb", "bob.ipynb", "carol.ipynb"]
    alice, bob = code(made / "notebooks" / "alice.ipynb"), code(made / "notebooks" / "bob.ipynb")
    assert "set_variant('alice', '2026')" in alice[0] and "set_variant('bob', '2026')" in bob[0]
    assert alice[1:] != bob[1:]  # the given code differs
    assert assignment.salt(json.loads((made / "notebooks" / "assignment.ipynb").read_text())) == "2026"
    again = cli("make-assignment", made / "again", "--lang", "en", "--exercises", IDS,
                "--variants", made / "roster.txt", "--salt", "2026")
    assert again.returncode == 0
    assert code(made / "again" / "alice.ipynb") == alice


@pytest.mark.parametrize("roster, problem", [("alice\nalice\n", "twice"),
                                             ("../evil\n", "cannot be a file name")])
def test_a_roster_that_cannot_name_files_is_refused(tmp_path, roster, problem):
    (tmp_path / "roster.txt").write_text(roster)
    run = cli("make-assignment", tmp_path / "out", "--variants", tmp_path / "roster.txt")
    assert run.returncode == 2 and problem in run.stderr


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="grading runs in bubblewrap")
def test_a_copied_notebook_fails_and_is_named_in_the_note(made, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(made / "keys" / "alice.ipynb", subs / "alice.ipynb")
    shutil.copy(made / "keys" / "bob.ipynb", subs / "bob.ipynb")
    shutil.copy(made / "keys" / "alice.ipynb", subs / "carol.ipynb")  # carol hands in alice's
    grade = ["grade", subs, "--assignment", made / "notebooks" / "assignment.ipynb", "--out",
             tmp_path / "out", "--jobs", "2", "--timeout", "60"]
    run = cli(*grade, timeout=900)
    assert run.returncode == 0, run.stderr
    with open(tmp_path / "out" / "grades.csv", newline="", encoding="utf-8") as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    assert rows["alice"]["score"] == rows["bob"]["score"] == "5.0"
    assert float(rows["carol"]["score"]) <= 1.0
    assert "made for alice, graded with carol's numbers" in rows["carol"]["note"]
    in_chinese = cli(*grade, "--lang", "zh", timeout=900)  # from the cache
    assert in_chinese.returncode == 0 and in_chinese.stderr.count("(cached)") == 3
    table = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    assert "这份笔记本是给 alice 的，按 carol 的数字评分。" in table
