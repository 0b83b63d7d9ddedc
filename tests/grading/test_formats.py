"""The files the grader reads and writes: the assignment notebook (ours, nbgrader's cell
metadata, otter's format), submissions saved by any tool, the teacher's hidden file."""
import json
import pathlib
import re

import nbformat
import numpy as np
import pytest

from minigrad.exercises import EXERCISES
from minigrad.grading import assignment, folder, hidden, otter, reply, report, scoring
from minigrad.grading.key import solutions
from minigrad.grading.submission import Unreadable, code_cells

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEY = solutions()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_committed_assignment_notebooks_are_the_generated_ones(lang):
    committed = (ROOT / "exercises" / f"assignment-{lang}.ipynb").read_text(encoding="utf-8")
    assert committed == assignment.dumps(assignment.make(lang)), \
        f"run: minigrad-grade make-assignment --lang {lang} exercises/assignment-{lang}.ipynb"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_assignment_is_valid_nbformat_with_outputs_cleared_and_a_python3_kernel(lang):
    nb = nbformat.reads(assignment.dumps(assignment.make(lang)), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells
               if c.cell_type == "code")


def test_every_cell_carries_valid_nbgrader_metadata_and_the_check_cells_carry_points():
    nb = assignment.make("en", key=KEY)
    ids = []
    for cell in nb["cells"]:
        meta = cell["metadata"]["nbgrader"]
        assert {"schema_version", "grade", "locked", "solution", "grade_id"} <= set(meta)
        assert re.fullmatch(r"[a-zA-Z0-9_\-]+", meta["grade_id"])
        assert ("points" in meta) == meta["grade"]
        ids.append(meta["grade_id"])
    assert len(ids) == len(set(ids))
    assert [q.id for q in assignment.questions(nb)] == list(EXERCISES)


def test_the_student_version_holds_templates_and_the_teacher_version_the_solutions():
    student = json.dumps(assignment.make("en"))
    teacher = json.dumps(assignment.make("en", key=KEY))
    assert "BEGIN SOLUTION" not in student and "BEGIN SOLUTION" in teacher
    for exercise in EXERCISES.values():
        assert json.dumps(KEY[exercise.id])[1:-1] not in student


def test_to_otter_makes_one_question_per_exercise_with_its_solution_and_a_test():
    master = otter.to_otter(assignment.make("en", ["detach", "branch_derivative"], key=KEY))
    raw = [c["source"] for c in master["cells"] if c["cell_type"] == "raw"]
    assert raw[0].startswith("# ASSIGNMENT CONFIG")
    questions = [dict(line.split(": ") for line in r.splitlines()[1:])
                 for r in raw if r.startswith("# BEGIN QUESTION")]
    assert questions == [{"name": "detach", "points": "1"},
                         {"name": "branch_derivative", "points": "1"}]
    assert raw.count("# BEGIN SOLUTION") == raw.count("# END SOLUTION") == 2
    assert raw.count("# END QUESTION") == 2
    cells = master["cells"]
    solutions = [cells[i + 1]["source"] for i, c in enumerate(cells)
                 if c["source"] == "# BEGIN SOLUTION"]
    assert solutions == [KEY["detach"], KEY["branch_derivative"]]
    tests = [cells[i + 1]["source"] for i, c in enumerate(cells) if c["source"] == "# BEGIN TESTS"]
    assert tests == ['check("detach", grad_with_detach).passed',
                     'check("branch_derivative", g_smooth).passed']


# -- submissions as other tools save them ------------------------------------------------------

def test_cells_are_read_from_nbformat_4_with_or_without_ids_and_sources_as_lists():
    nb = {"nbformat": 4, "nbformat_minor": 0, "metadata": {},
          "cells": [{"cell_type": "markdown", "source": ["# hi"]},
                    {"cell_type": "code", "source": ["x = 1\n", "y = 2"]},
                    {"cell_type": "code", "source": "z = 3"}, {"cell_type": "code"}]}
    assert code_cells(json.dumps(nb).encode()) == ["x = 1\ny = 2", "z = 3", ""]


def test_cells_are_read_from_nbformat_3_worksheets():
    nb = {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": ["a = 1"]}]}]}
    assert code_cells(json.dumps(nb).encode()) == ["a = 1"]


def test_a_byte_order_mark_is_fine():
    assert code_cells(b"\xef\xbb\xbf" + json.dumps({"cells": []}).encode()) == []


@pytest.mark.parametrize("data, reason", [
    (b"{not json", "not valid JSON"), (b"\xff\xfe\x00", "not valid JSON"),
    (b"[1, 2]", "not a notebook"), (b'{"cells": 3}', "no list of cells"),
])
def test_what_is_not_a_notebook_is_said_in_both_languages(data, reason):
    with pytest.raises(Unreadable) as caught:
        code_cells(data)
    assert reason in caught.value.reason.en and caught.value.reason.zh


@pytest.mark.parametrize("data, cells", [
    (b"[" * 200_000 + b"]" * 200_000, None),  # deeper than the JSON parser's stack
    (b'{"cells": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None),
    (json.dumps({"worksheets": [None, 1, {"cells": 5}], "nbformat": 3}).encode(), []),
    (json.dumps({"worksheets": {"cells": []}}).encode(), []),
    (json.dumps({"cells": [1, None, "x", {"cell_type": "code", "source": 5},
                           {"cell_type": "code", "source": [1, None]}]}).encode(), ["", "1None"]),
], ids=["deep list", "deep cells", "odd worksheets", "worksheets not a list", "odd cells"])
def test_a_file_built_to_break_the_parser_is_unreadable_or_read_never_an_exception(data, cells):
    if cells is None:
        with pytest.raises(Unreadable):
            code_cells(data)
    else:
        assert code_cells(data) == cells


def test_names_are_printable_and_pages_unique_and_short_enough_for_the_file_system():
    name = folder.display("esc\x1b]0;pwned\x07\x1b[2J\nnext\u202eline")
    assert name == "esc\\x1b]0;pwned\\x07\\x1b[2J\\nnext\\u202eline"
    assert name.isprintable()
    students = ["dup/alice", "dup__alice", "Alice", "alice", "作业" * 100, "x" * 300 + "/" + "y" * 250]
    pages = report.page_names(students)
    assert len({p.lower() for p in pages}) == len(students)
    assert all(len(p.encode()) <= 255 for p in pages)
    assert pages[:2] == ["dup__alice.md", "dup__alice~2.md"]


def test_text_from_the_kernel_stays_on_its_line_of_a_feedback_page():
    said = reply.cells({"phase": "cells", "status": "ok", "cell_errors": [
        {"cell": 0, "error": "ValueError", "message": "`\n# Score: 13 / 13\r\n**ok**\u2028x"}],
        "facts": {"detach": {"plans": [{"type": "raised", "error": "E\n# Score",
                                        "message": "`\n# 13 / 13"}]}}}, ["detach"])
    error = said["cell_errors"][0]["message"]
    assert "\n" not in error and "`" not in error and "# Score: 13 / 13" in error
    fact = said["public"]["detach"]["plans"][0]
    assert "\n" not in fact["error"] + fact["message"] and "`" not in fact["message"]


# -- the teacher's hidden file -----------------------------------------------------------------

def test_the_hidden_template_loads_and_covers_every_function_exercise(tmp_path):
    path = tmp_path / "hidden_checks.py"
    path.write_text(hidden.template(), encoding="utf-8")
    checks = hidden.load(path)
    live = {e.id for e in EXERCISES.values() if e.live}
    assert {c.exercise_id for c in checks.checks if isinstance(c, hidden.Inputs)} == live
    assert set(checks.points) == set(EXERCISES)


@pytest.mark.parametrize("line, message", [
    ('inputs("nope", points=[1.0])', "no exercise 'nope'"),
    ('inputs("branch_derivative", xs=[1.0])', "take the keys ['points']"),
    ('inputs("detach", points=[1.0])', "checks a value"),
    ('expression("detach", "x +", bool, zh="", en="")', "invalid syntax"),
])
def test_mistakes_in_the_hidden_file_are_reported_before_grading(tmp_path, line, message):
    path = tmp_path / "hidden_checks.py"
    path.write_text(f"from minigrad.grading.hidden import expression, inputs\nHIDDEN = [{line}]\n")
    with pytest.raises((ValueError, SyntaxError), match=re.escape(message)):
        hidden.load(path)


FORGED = [
    None, 7, "text", [], {}, {"plans": "x"}, {"plans": []}, {"plans": [None]}, {"plans": [{}]},
    {"plans": [{"type": "weird"}], "expressions": [{"type": "weird"}]},
    {"plans": [{"type": "calls", "results": []}]},  # "no results" must never mean "right"
    {"plans": [{"type": "calls", "results": [{}] * 50}]},
    {"plans": [{"type": "calls", "results": [{"type": "number"}]}], "expressions": []},
    {"plans": [{"type": "calls"}]}, {"plans": [{"type": "tensor"}]},
    {"plans": [{"type": "tensor", "shape": [4], "dtype": "float32", "requires_grad": False,
                "is_leaf": True, "grad_fn": None, "values": []}]},
    {"type": "too_big"}, {"plans": [{"type": "probe_failed", "error": "X", "message": "m"}]},
]


@pytest.mark.parametrize("facts", FORGED, ids=repr)
@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_forged_or_broken_facts_earn_nothing_and_never_crash_the_grader(exercise_id, facts):
    question = scoring.Question(exercise_id, 2)
    live = EXERCISES[exercise_id].live
    checks = hidden.HiddenChecks(checks=[
        hidden.inputs(exercise_id, **{key: value for key, value in
                                      EXERCISES[exercise_id].plan(np.random.default_rng(1)).items()
                                      if key != "numbers"})
        if live else hidden.expression(exercise_id, "1", bool, zh="", en="")])
    public, secret = scoring.plan_tests([question], checks, "ab" * 32)
    result = scoring.score(question, public[exercise_id], secret[exercise_id],
                           {"public": facts, "hidden": facts}, checks, None)
    assert result["earned"] == 0 and len(result["tests"]) == 2, result


def test_inputs_are_drawn_from_the_submission_hash_so_grading_again_draws_the_same():
    questions = [scoring.Question(e, 1) for e in EXERCISES]
    first, _ = scoring.plan_tests(questions, hidden.HiddenChecks(), "12" * 32)
    assert first == scoring.plan_tests(questions, hidden.HiddenChecks(), "12" * 32)[0]
    assert first != scoring.plan_tests(questions, hidden.HiddenChecks(), "34" * 32)[0]
    assert json.loads(json.dumps(first)) == first  # plain data: it travels to the worker
    assert np.isfinite(first["branch_derivative"]["plans"][0]["points"]).all()


def test_without_an_assignment_the_questions_are_the_exercises_the_submissions_check(tmp_path):
    from minigrad.grading import cli
    (tmp_path / "a.ipynb").write_text(json.dumps(assignment.make("en", ["jacobian", "detach"])))
    (tmp_path / "b.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": "check('forward', z)"}]}))
    (tmp_path / "c.ipynb").write_bytes(b"not even json, check('second_derivative', z)")
    checks = hidden.HiddenChecks(points={"detach": 3})
    questions = cli._questions(None, folder.scan(tmp_path), checks)
    assert [(q.id, q.points) for q in questions] == [("forward", 1), ("jacobian", 1), ("detach", 3)]


@pytest.mark.parametrize("command", [[], ["grade"], ["make-assignment"], ["hidden-template"],
                                     ["to-otter"]])
def test_help_reads_as_plain_text(command, capsys):
    from minigrad.grading import cli
    with pytest.raises(SystemExit):
        cli.main([*command, "--help"])
    text = capsys.readouterr().out
    assert "``" not in text and "usage: minigrad-grade" in text
    assert "minigrad-grade grade submissions/" in text or command


@pytest.mark.parametrize("lang, note", [("zh", "不是有效的 JSON"), ("en", "not valid JSON")])
def test_the_feedback_speaks_the_assignments_language_without_lang(tmp_path, lang, note):
    import subprocess
    import sys
    (tmp_path / "a.ipynb").write_text(assignment.dumps(assignment.make(lang, ["detach"])))
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "broken.ipynb").write_bytes(b"{not json")
    run = subprocess.run([sys.executable, "-m", "minigrad.grading.cli", "grade",
                          str(tmp_path / "subs"), "--assignment", str(tmp_path / "a.ipynb"),
                          "--out", str(tmp_path / "out"), "--no-sandbox"],
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                               "LANG": "C.UTF-8"})
    assert run.returncode == 0, run.stderr
    assert note in (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    assert note in (tmp_path / "out" / "feedback" / "broken.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("option, value", [("--jobs", "-1"), ("--jobs", "0"), ("--timeout", "inf"),
                                           ("--timeout", "nan"), ("--memory", "lots")])
def test_a_limit_that_is_not_a_number_above_0_is_refused_with_a_message(tmp_path, capsys, option, value):
    from minigrad.grading import cli
    with pytest.raises(SystemExit) as stopped:
        cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "out"), option, value])
    assert stopped.value.code == 2
    assert "a finite number above 0 is needed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
