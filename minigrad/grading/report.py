"""What the teacher gets: a grade table (CSV) and one feedback page per student.

The feedback pages hold the same hints as ``check`` — what is wrong, never the answer —
so they can be handed back to the students as they are.
"""
import csv

from ..exercises import EXERCISES
from ..language import Text

HEADINGS = {
    "feedback": Text("反馈", "Feedback"), "score": Text("得分", "Score"),
    "run": Text("运行情况", "Run"), "public": Text("检查", "Check"),
    "hidden": Text("隐藏检查", "Hidden check"),
    "errors": Text("出错的单元格", "Cells that raised an error"),
    "cell": Text("第 {n} 个代码单元格", "code cell {n}"),
}


def write_table(path, records, questions, lang):
    """One row per student: status, total, points per question, and a note."""
    with open(path, "w", newline="", encoding="utf-8") as file:
        table = csv.writer(file)
        table.writerow(["student", "status", "score", "max_score", *[q.id for q in questions],
                        "note"])
        for r in records:
            earned = {q["id"]: q["earned"] for q in r["questions"]}
            table.writerow([r["student"], r["status"], r["score"], r["max"],
                            *[earned[q.id] for q in questions], r["detail"][lang]])


def feedback_page(record, lang):
    """A Markdown page for one student."""
    say = {key: text.get(lang) for key, text in HEADINGS.items()}
    colon = "：" if lang == "zh" else ": "
    lines = [f"# {say['feedback']}{colon}{record['student']}", "",
             f"**{say['score']}{colon}{record['score']} / {record['max']}**  ",
             f"{say['run']}{colon}{record['detail'][lang]}", ""]
    for question in record["questions"]:
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


def feedback_name(student):
    """``alice/hw`` becomes ``alice__hw.md``: one flat folder of pages."""
    return student.replace("/", "__") + ".md"
