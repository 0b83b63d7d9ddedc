"""minigrad-grade: the teacher's command.

Make the assignment, then grade the class's notebooks:

  minigrad-grade make-assignment --lang zh assignment-zh.ipynb    # hand this out
  minigrad-grade make-assignment --lang zh --solutions key-zh.ipynb
  minigrad-grade make-assignment --lang zh --variants roster.txt handout/   # one per student
  minigrad-grade hidden-template hidden_checks.py                  # keep this to yourself
  minigrad-grade grade submissions/ --assignment assignment-zh.ipynb --hidden hidden_checks.py --out grades/
  minigrad-grade to-otter key-zh.ipynb otter-master.ipynb

grade writes grades/grades.csv and grades/feedback/<student>.md. Each notebook runs in a
sandbox of its own (bubblewrap, on Linux). Run it again after an interruption or with new
submissions and it picks up where it was.
"""
import argparse
import json
import os
import pathlib
import re
import secrets
import signal
import sys

from ..exercises import EXERCISES
from ..language import get_language
from . import assignment, batch, folder, hidden, key, otter, report, sandbox
from .files import make_room
from .scoring import Question
from .submission import Unreadable, code_cells
from .worker import CHECK_CALL

DESCRIPTION = __doc__.split("\n\n", 1)[1]  # the module's first line is for readers of the code


def main(argv=None):
    parser = argparse.ArgumentParser(prog="minigrad-grade", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    grade = commands.add_parser("grade", help="grade a folder of submitted notebooks",
                                description="Grade every notebook in SUBMISSIONS, each in a "
                                            "sandbox of its own.")
    grade.add_argument("submissions", type=pathlib.Path, metavar="SUBMISSIONS",
                       help="the folder of submitted notebooks (alice.ipynb or alice/hw.ipynb)")
    grade.add_argument("--out", type=pathlib.Path, required=True, metavar="FOLDER",
                       help="folder for grades.csv and the feedback pages")
    grade.add_argument("--assignment", type=pathlib.Path, metavar="NOTEBOOK",
                       help="the notebook handed out: its check cells are the questions, "
                            "its language the feedback's")
    grade.add_argument("--hidden", type=pathlib.Path, metavar="FILE",
                       help="the teacher's hidden checks file")
    grade.add_argument("--timeout", type=_positive(float), default=120, metavar="SECONDS",
                       help="time limit per notebook (default 120)")
    grade.add_argument("--memory", type=_positive(int), default=2048, metavar="MIB",
                       help="memory limit per notebook (default 2048)")
    grade.add_argument("--jobs", type=_positive(int), metavar="N",
                       help="notebooks at once (default: the cores)")
    grade.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of the feedback (default: the assignment's)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run notebooks without a sandbox, as you: only for work you trust "
                            "(a submission could then read your files and change the marks)")

    make = commands.add_parser("make-assignment", help="write the assignment notebook",
                               description="Write the assignment notebook (with --variants: a "
                                           "folder of notebooks, one per student).")
    make.add_argument("out", type=pathlib.Path, metavar="OUT",
                      help="the notebook to write (with --variants: a folder)")
    make.add_argument("--lang", choices=("zh", "en"), default=None)
    make.add_argument("--exercises", metavar="IDS", help="comma-separated ids (default: all of them)")
    make.add_argument("--solutions", action="store_true",
                      help="the teacher's version, with the answer key in the answer cells")
    make.add_argument("--key", type=pathlib.Path, metavar="FOLDER",
                      help="the answer key's folder (default: exercises/solutions of this checkout)")
    make.add_argument("--variants", type=pathlib.Path, metavar="ROSTER",
                      help="a file of student ids, one a line: each student gets the same "
                           "exercises with numbers of their own, in OUT/<id>.ipynb; grade "
                           "with --assignment OUT/assignment.ipynb")
    make.add_argument("--salt", help="with --variants: makes the numbers (default: new ones "
                                     "each time)")

    template = commands.add_parser("hidden-template", help="write a hidden checks file to edit")
    template.add_argument("out", type=pathlib.Path, metavar="FILE")

    to_otter = commands.add_parser("to-otter", help="convert a --solutions notebook to otter")
    to_otter.add_argument("notebook", type=pathlib.Path, metavar="NOTEBOOK")
    to_otter.add_argument("out", type=pathlib.Path, metavar="OUT")

    args = parser.parse_args(argv)
    return {"grade": _grade, "make-assignment": _make, "hidden-template": _template,
            "to-otter": _to_otter}[args.command](args)


def _positive(kind):
    """An argparse type: a number above 0 (``--jobs -1`` would otherwise be a traceback)."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not 0 < value < float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r}: a finite number above 0 is needed")
        return value
    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def _grade(args):
    problem = _check_folders(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    checks = hidden.load(args.hidden)
    entries = folder.scan(args.submissions)
    handed_out = _read_assignment(args.assignment)
    questions = _questions(handed_out, entries, checks)
    if not questions:
        print("No questions: pass --assignment, or submissions with check(...) cells.",
              file=sys.stderr)
        return 2
    lang = args.lang or _language(handed_out, entries) or get_language()
    settings = batch.Settings(args.timeout, args.memory, args.jobs, lang,
                              sandboxed=not args.no_sandbox,
                              salt=assignment.salt(handed_out) if handed_out else None)
    hidden_source = args.hidden.read_bytes() if args.hidden else b""
    with _stopped_by_signals():
        try:
            with batch.Batch(settings) as run:
                print(f"Grading {len(entries)} files, {len(questions)} questions, "
                      f"{settings.jobs} at a time, {settings.timeout:g} s each"
                      f"{', in sandboxes' if settings.sandboxed else ', WITHOUT a sandbox'}.",
                      file=sys.stderr)
                records, finished = batch.grade_all(run, entries, args.out, questions, checks,
                                                    hidden_source, _progress)
                # the folder minigrad runs from: an editable install's checkout is named in
                # site-packages, which every sandbox reads
                here = pathlib.Path(__file__).resolve().parents[2]
                scrub = report.scrubber([sys.prefix, sys.base_prefix, os.path.expanduser("~"),
                                         os.getcwd(), run.folder, here, args.submissions, args.out,
                                         args.hidden, args.hidden and args.hidden.parent,
                                         args.assignment and args.assignment.parent])
        except sandbox.Unavailable as why:
            print(f"Not grading: {why}\nThe notebooks are students' code; without a sandbox "
                  f"they run as you, can read your files (the hidden checks too) and change "
                  f"the marks. Only for work you trust: --no-sandbox.", file=sys.stderr)
            return 3
        except KeyboardInterrupt:  # before any grading started
            print("Stopped.", file=sys.stderr)
            return 130
        report.write_table(args.out / "grades.csv", records, questions, lang)
        report.write_pages(args.out / "feedback", records, lang, scrub)
    print(f"Wrote {args.out / 'grades.csv'} and {len(records)} pages in "
          f"{args.out / 'feedback'}.", file=sys.stderr)
    if not finished:
        print(f"Stopped: {len(records)} of {len(entries)} files graded, and in the table. "
              f"Run the same command again to grade the rest.", file=sys.stderr)
        return 130
    return 0


def _check_folders(args):
    if not args.submissions.is_dir():
        return f"{args.submissions} is not a folder."
    submissions, out = args.submissions.resolve(), args.out.resolve()
    if out == submissions or submissions in out.parents:
        return "--out must not be inside the submissions folder (the results would be graded too)."
    if args.hidden and submissions in args.hidden.resolve().parents:
        return "The hidden checks file must not be inside the submissions folder."
    try:
        os.makedirs(out.parent, exist_ok=True)
        make_room(out, directory=True)
        out.mkdir(exist_ok=True)
    except OSError as error:
        return f"Cannot write the results in {args.out}: {error.strerror}."
    return None


class _stopped_by_signals:
    """SIGTERM and SIGHUP stop the batch as Ctrl-C does (the batch then ignores further
    ones until its table is written); the previous handlers come back at the end."""

    def __enter__(self):
        self.previous = {signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler)}
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                self.previous[number] = signal.signal(number, _interrupt)
        return self

    def __exit__(self, kind, *rest):
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        return False


def _interrupt(number, frame):
    raise KeyboardInterrupt


def _read_assignment(path):
    if path is None:
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _questions(handed_out, entries, checks):
    """The handed-out notebook's check cells; without it, every exercise some submission
    checks. The hidden file's POINTS override the points."""
    if handed_out is not None:
        found = assignment.questions(handed_out)
    else:
        seen = set()
        for cells in _submitted_cells(entries):
            seen.update(CHECK_CALL.findall("\n".join(cells)))
        found = [Question(e, 1) for e in EXERCISES if e in seen]
    return [Question(q.id, checks.points.get(q.id, q.points)) for q in found]


def _language(handed_out, entries):
    """The assignment's language; without the assignment, the one most submissions (the
    students' copies of it) were made in."""
    if handed_out is not None:
        return assignment.language(handed_out)
    counts = {}
    for cells in _submitted_cells(entries):
        lang = assignment.language({"cells": [{"cell_type": "code", "source": c} for c in cells]})
        if lang:
            counts[lang] = counts.get(lang, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _submitted_cells(entries):
    for entry in entries:
        if entry.note is None:
            try:
                yield code_cells(entry.read())
            except (Unreadable, folder.NotGraded):
                continue


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
    answers = None
    if args.solutions:
        try:
            answers = key.solutions(args.key, filled=False)
        except key.NoKey as missing:
            print(missing, file=sys.stderr)
            return 2
        absent = [e for e in ids or EXERCISES if e not in answers]
        if absent:
            print(f"The answer key in {args.key or key.default_folder()} has no answer for "
                  f"{', '.join(absent)}.", file=sys.stderr)
            return 2
    lang = args.lang or get_language()
    if args.variants is None:
        args.out.write_text(assignment.dumps(assignment.make(lang, ids, answers)), encoding="utf-8")
        return 0
    students, problem = _roster(args.variants)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    salt = args.salt or secrets.token_hex(8)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "assignment.ipynb").write_text(
        assignment.dumps(assignment.make(lang, ids, answers, salt=salt)), encoding="utf-8")
    for student in students:
        (args.out / f"{student}.ipynb").write_text(assignment.dumps(
            assignment.make(lang, ids, answers, student=student, salt=salt)), encoding="utf-8")
    print(f"Wrote {len(students)} notebooks in {args.out}, one per student, each with numbers "
          f"of its own. Hand out <id>.ipynb to each; have them handed in under the same name "
          f"(alice.ipynb or alice/...), and grade with --assignment "
          f"{args.out / 'assignment.ipynb'}.", file=sys.stderr)
    return 0


def _roster(path):
    """The student ids of a roster file (one a line; blank lines and # comments skipped)."""
    students = []
    for line in path.read_text(encoding="utf-8").splitlines():
        student = line.split("#", 1)[0].strip()
        if not student:
            continue
        if not re.fullmatch(r"[\w][\w.@+-]*", student) or student == "assignment":
            return [], (f"{student!r} in {path} cannot be a file name: use letters, digits and "
                        f"_ . @ + - only (and not 'assignment').")
        students.append(student)
    if len(set(students)) != len(students):
        return [], f"{path} names a student twice."
    return students, None


def _template(args):
    args.out.write_text(hidden.template(), encoding="utf-8")
    return 0


def _to_otter(args):
    notebook = json.loads(args.notebook.read_text(encoding="utf-8"))
    args.out.write_text(assignment.dumps(otter.to_otter(notebook)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
