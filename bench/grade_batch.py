"""How long grading a class takes: N honest notebooks (the full assignment, every exercise
answered by the key), graded with --jobs J in sandboxes and without, in the same run.

    python -m bench.grade_batch               # 40 notebooks, --jobs 2
    python -m bench.grade_batch --n 10 --jobs 1

Each notebook carries a comment naming its student, so none is graded from the cache. The
ratio (sandboxed / not) is what to compare across machines; the seconds depend on the
machine and on what else runs on it (the load average is printed).
"""
import argparse
import csv
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from minigrad.grading import assignment
from minigrad.grading.key import solutions


def build(folder, n):
    notebook = assignment.make("en", key=solutions(filled=False))
    for i in range(n):
        own = json.loads(json.dumps(notebook))
        own["cells"][1]["source"] += f"\n# student {i:03d}"
        (folder / f"student{i:03d}.ipynb").write_text(json.dumps(own), encoding="utf-8")
    (folder.parent / "assignment.ipynb").write_text(assignment.dumps(assignment.make("en")))


def grade(base, out, jobs, *extra):
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "minigrad.grading.cli", "grade", str(base / "subs"),
                          "--assignment", str(base / "assignment.ipynb"), "--out", str(out),
                          "--jobs", str(jobs), "--timeout", "300", *extra],
                         capture_output=True, text=True)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        raise SystemExit(run.stderr[-2000:])
    with open(out / "grades.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    full = sum(1 for row in rows if float(row["score"]) == float(row["max_score"]))
    return seconds, full, len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-sandbox-first", action="store_true",
                        help="grade without the sandbox first (to see the load's drift)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp)
        (base / "subs").mkdir()
        build(base / "subs", args.n)
        print(f"{args.n} notebooks, {len(assignment.make('en')['cells'])} cells each, "
              f"--jobs {args.jobs}, load average {os.getloadavg()[0]:.1f}", flush=True)
        timings = {}
        modes = [("sandbox", []), ("no sandbox", ["--no-sandbox"])]
        for label, extra in modes[::-1] if args.no_sandbox_first else modes:
            seconds, full, rows = grade(base, base / label.replace(" ", "-"), args.jobs, *extra)
            timings[label] = seconds
            print(f"  {label:<11} {seconds:6.1f} s  ({seconds / args.n:.2f} s per notebook; "
                  f"{full}/{rows} full marks)", flush=True)
        print(f"  ratio sandbox / no sandbox: {timings['sandbox'] / timings['no sandbox']:.2f}; "
              f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
