"""``minigrad-grade``: the teacher's command.

    minigrad-grade make-assignment --lang zh assignment-zh.ipynb   # hand this out
    minigrad-grade make-assignment --lang zh --solutions key-zh.ipynb
    minigrad-grade hidden-template hidden_checks.py                 # keep this to yourself
    minigrad-grade grade submissions/ --assignment assignment-zh.ipynb \\
        --hidden hidden_checks.py --out grades/
    minigrad-grade to-otter key-zh.ipynb otter-master.ipynb

``grade`` writes ``grades/grades.csv`` and ``grades/feedback/<student>.md``; run it again
after an interruption or with new submissions and it picks up where it was.
"""
import argparse
import json
import pathlib
import sys

from ..exercises import EXERCISES
from ..language import get_language
from . import assignment, batch, hidden, otter, report
from .scoring import Question
from .submission import Unreadable, code_cells
from .worker import CHECK_CALL


def main(argv=None):
    parser = argparse.ArgumentParser(prog="minigrad-grade", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a folder of submitted notebooks")
    grade.add_argument("submissions", type=pathlib.Path)
    grade.add_argument("--out", type=pathlib.Path, required=True, help="folder for the results")
    grade.add_argument("--assignment", type=pathlib.Path,
                       help="the notebook handed out (its check cells are the questions)")
    grade.add_argument("--hidden", type=pathlib.Path, help="the teacher's hidden checks file")
    grade.add_argument("--timeout", type=float, default=120, help="seconds per notebook")
    grade.add_argument("--memory", type=int, default=2048, help="MiB per notebook")
    grade.add_argument("--jobs", type=int, help="notebooks at once (default: the cores)")
    grade.add_argument("--lang", choices=("zh", "en"), default=None)

    make = commands.add_parser("make-assignment", help="write the assignment notebook")
    make.add_argument("out", type=pathlib.Path)
    make.add_argument("--lang", choices=("zh", "en"), default=None)
    make.add_argument("--exercises", help="comma-separated ids (default: all of them)")
    make.add_argument("--solutions", action="store_true", help="the teacher's version")

    template = commands.add_parser("hidden-template", help="write a hidden checks file to edit")
    template.add_argument("out", type=pathlib.Path)

    to_otter = commands.add_parser("to-otter", help="convert a --solutions notebook to otter")
    to_otter.add_argument("notebook", type=pathlib.Path)
    to_otter.add_argument("out", type=pathlib.Path)

    args = parser.parse_args(argv)
    return {"grade": _grade, "make-assignment": _make, "hidden-template": _template,
            "to-otter": _to_otter}[args.command](args)


def _grade(args):
    lang = args.lang or get_language()
    checks = hidden.load(args.hidden)
    submissions = batch.find_submissions(args.submissions)
    questions = _questions(args.assignment, submissions, checks)
    if not questions:
        print("No questions: pass --assignment, or submissions with check(...) cells.",
              file=sys.stderr)
        return 2
    settings = batch.Settings(args.timeout, args.memory, args.jobs, lang)
    hidden_source = args.hidden.read_bytes() if args.hidden else b""
    print(f"Grading {len(submissions)} notebooks, {len(questions)} questions, "
          f"{settings.jobs} at a time, {settings.timeout:g} s each.", file=sys.stderr)
    records = batch.grade_all(submissions, args.out, questions, checks, hidden_source, settings,
                              _progress)
    args.out.mkdir(parents=True, exist_ok=True)
    report.write_table(args.out / "grades.csv", records, questions, lang)
    pages = args.out / "feedback"
    pages.mkdir(exist_ok=True)
    for record in records:
        (pages / report.feedback_name(record["student"])).write_text(
            report.feedback_page(record, lang), encoding="utf-8")
    print(f"Wrote {args.out / 'grades.csv'} and {len(records)} pages in {pages}.", file=sys.stderr)
    return 0


def _questions(assignment_path, submissions, checks):
    """The handed-out notebook's check cells; without it, every exercise some submission
    checks. The hidden file's POINTS override the points."""
    if assignment_path:
        found = assignment.questions(json.loads(assignment_path.read_text(encoding="utf-8")))
    else:
        seen = set()
        for _, path in submissions:
            try:
                seen.update(CHECK_CALL.findall("\n".join(code_cells(path.read_bytes()))))
            except Unreadable:
                continue
        found = [Question(e, 1) for e in EXERCISES if e in seen]
    return [Question(q.id, checks.points.get(q.id, q.points)) for q in found]


def _progress(done, total, record, cached):
    note = "cached" if cached else f"{record['seconds']:.1f} s"
    print(f"[{done:>{len(str(total))}}/{total}] {record['student']:<24} {record['status']:<12} "
          f"{record['score']:g}/{record['max']:g}  ({note})", file=sys.stderr, flush=True)


def _make(args):
    ids = args.exercises.split(",") if args.exercises else None
    for exercise_id in ids or []:
        if exercise_id not in EXERCISES:
            print(f"No exercise {exercise_id!r}; they are: {', '.join(EXERCISES)}", file=sys.stderr)
            return 2
    notebook = assignment.make(args.lang or get_language(), ids, args.solutions)
    args.out.write_text(assignment.dumps(notebook), encoding="utf-8")
    return 0


def _template(args):
    args.out.write_text(hidden.template(), encoding="utf-8")
    return 0


def _to_otter(args):
    notebook = json.loads(args.notebook.read_text(encoding="utf-8"))
    args.out.write_text(assignment.dumps(otter.to_otter(notebook)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
