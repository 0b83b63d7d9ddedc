"""What the teacher gets: a grade table (CSV) and one feedback page per student (Markdown).

The feedback pages hold the same hints as ``check`` — what is wrong, never the answer —
so they can be handed back to the students as they are: they never show a hidden input,
hidden code, or a path of the teacher's machine (``scrub``). The table is for the
teacher: a name that a spreadsheet would run as a formula (``=cmd|...``) is quoted.
"""
import csv
import io
import os
import re

from ..exercises import EXERCISES
from ..language import Text
from .files import make_room, write_atomically

HEADINGS = {
    "feedback": Text("反馈", "Feedback"), "score": Text("得分", "Score"),
    "run": Text("运行情况", "Run"), "public": Text("检查", "Check"),
    "hidden": Text("隐藏检查", "Hidden check"),
    "errors": Text("出错的单元格", "Cells that raised an error"),
    "cell": Text("第 {n} 个代码单元格", "code cell {n}"),
}


def write_table(path, records, questions, lang):
    """One row per file: status, total, points per question, and a note."""
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(["student", "status", "score", "max_score", *[q.id for q in questions],
                    "note"])
    for r in records:
        earned = {q["id"]: q["earned"] for q in r["questions"]}
        note = "; ".join(filter(None, [r["detail"][lang], r["teacher_note"][lang]]))
        table.writerow([_cell(r["student"]), r["status"], r["score"], r["max"],
                        *[earned.get(q.id, 0) for q in questions], _cell(note)])
    write_atomically(path, buffer.getvalue())


def write_pages(folder, records, lang, scrub):
    """One page per record, named by ``page_names``; ``scrub`` cleans each page."""
    make_room(folder, directory=True)
    folder.mkdir(exist_ok=True)
    names = page_names([r["student"] for r in records])
    for record, name in zip(records, names):
        write_atomically(folder / name, scrub(feedback_page(record, lang)))
    return names


def feedback_page(record, lang):
    """A Markdown page for one student."""
    say = {key: text.get(lang) for key, text in HEADINGS.items()}
    colon = "：" if lang == "zh" else ": "
    lines = [f"# {say['feedback']}{colon}{_plain(record['student'])}", "",
             f"**{say['score']}{colon}{record['score']} / {record['max']}**  ",
             f"{say['run']}{colon}{record['detail'][lang]}", ""]
    for question in record["questions"]:
        if not question["tests"]:
            continue  # a file that was not graded: its note says why
        exercise = EXERCISES[question["id"]]
        mark = "✓" if all(t["passed"] for t in question["tests"]) else "✗"
        lines += [f"## {mark} {exercise.title.get(lang)} ({question['earned']} / "
                  f"{question['points']})", ""]
        hidden = 0
        for test in question["tests"]:
            if test["hidden"]:
                hidden += 1
                label = f"{say['hidden']} {hidden}"
            else:
                label = say["public"]
            mark = "✓" if test["passed"] else "✗"
            lines.append(f"- {mark} {label}{colon}{test['message'][lang]}")
        lines.append("")
    if record["cell_errors"]:
        lines += [f"## {say['errors']}", ""]
        for error in record["cell_errors"]:
            where = HEADINGS["cell"].format(n=error["cell"] + 1).get(lang)
            lines.append(f"- {where}{colon}`{error['error']}: {error['message']}`")
        lines.append("")
    return "\n".join(lines)


def page_names(students):
    """A file name for each of ``students`` (in that order), unique even when two names
    would flatten alike (``dup/alice`` and ``dup__alice``, ``Alice`` and ``alice``): the
    later one in sorted order gets ``~2``."""
    names, taken = [None] * len(students), set()
    for i in sorted(range(len(students)), key=lambda i: students[i]):
        base = _fits(re.sub(r"[^\w.-]", "_", students[i].replace("/", "__"))).lstrip(".") or "_"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}~{n}"
        taken.add(name.lower())
        names[i] = name + ".md"
    return names


def _fits(name, limit=200):
    """``name`` cut to ``limit`` bytes of UTF-8 (a file name may have 255: room is left for
    ``~2.md``); 120 Chinese characters are 360 bytes."""
    while len(name.encode("utf-8", "surrogatepass")) > limit:
        name = name[:-1]
    return name


def scrubber(paths):
    """A function that replaces each of ``paths`` (the teacher's folders) by ``…``."""
    known = sorted({os.path.abspath(p) for p in paths if p and os.path.abspath(p) != "/"},
                   key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in known)) if known else None
    return (lambda text: pattern.sub("…", text)) if pattern else (lambda text: text)


def _plain(text):
    return text.replace("`", "'").replace("\n", " ")


def _cell(text):
    """A spreadsheet runs a cell that starts with = + - @ as a formula: quote it."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
