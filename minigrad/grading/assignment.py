"""The assignment notebook, made from the exercise bank: what the teacher hands out.

Per exercise: the prompt (Markdown), the given code, the answer cell, and the check
cell ``check("id", answer)``. The cells carry nbgrader's cell metadata (prompt and given
code locked, the answer cell a solution cell, the check cell locked, with its points)
so the notebook opens as an assignment in nbgrader too, and a ``minigrad`` entry naming
the exercise and the cell's role, which is how ``minigrad-grade`` finds the questions.
With ``solutions=True`` the answer cells hold the teacher's answers between
``### BEGIN SOLUTION`` / ``### END SOLUTION`` (the markers nbgrader and otter-grader strip).
"""
import json

from ..exercises import EXERCISES
from ..language import Text
from .scoring import Question

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
INTRO = Text(
    "# 自动微分 · 作业\n\n每道题有一个答案单元格和一个检查单元格。把答案写进答案单元格，运行检查单元格，"
    "马上就能看到反馈：哪里不对、怎样想，但不会直接给出答案。提交前请从头到尾运行一遍"
    "（Kernel → Restart & Run All）。请不要删除或改名检查单元格和答案变量。",
    "# Automatic differentiation · assignment\n\nEach exercise has an answer cell and a check "
    "cell. Write your answer in the answer cell and run the check cell for instant feedback: "
    "what is wrong and how to think about it, never the answer itself. Before you hand it in, "
    "run everything from the top (Kernel → Restart & Run All). Please do not delete or rename "
    "the check cells or the answer variables.")
IMPORTS = ("import minigrad as torch\nimport matplotlib.pyplot as plt\n"
           "from minigrad.exercises import check, set_language\n\nset_language({lang!r})")


def make(lang, exercise_ids=None, solutions=False, points=None):
    """An nbformat 4.5 notebook (as a dict) with outputs cleared."""
    cells = [_markdown(INTRO.get(lang), "intro"), _code(IMPORTS.format(lang=lang), "imports")]
    for exercise_id in exercise_ids or list(EXERCISES):
        exercise = EXERCISES[exercise_id]
        tag = {"exercise": exercise.id}
        cells.append(_markdown(f"## {exercise.title.get(lang)}\n\n{exercise.prompt(lang)}",
                               f"{exercise.id}_prompt", tag, role="prompt"))
        if exercise.setup:
            cells.append(_code(exercise.setup, f"{exercise.id}_given", tag, role="given"))
        answer = (f"### BEGIN SOLUTION\n{exercise.solution}\n### END SOLUTION" if solutions
                  else exercise.template)
        cells.append(_code(answer, f"{exercise.id}_answer", tag, role="answer", solution=True))
        cells.append(_code(f'check("{exercise.id}", {exercise.answer})', exercise.id, tag,
                           role="check", points=(points or {}).get(exercise.id, 1)))
    return {"cells": cells, "metadata": {"kernelspec": KERNELSPEC,
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def questions(notebook):
    """The questions of an assignment notebook: its check cells, with their points."""
    found = []
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {})
        if meta.get("minigrad", {}).get("role") == "check":
            found.append(Question(meta["minigrad"]["exercise"], meta.get("nbgrader", {}).get("points", 1)))
    return found


def dumps(notebook):
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


def _markdown(source, grade_id, tag=None, role=None):
    return _cell("markdown", source, grade_id, tag, role)


def _code(source, grade_id, tag=None, role=None, solution=False, points=None):
    cell = _cell("code", source, grade_id, tag, role, solution, points)
    cell.update(execution_count=None, outputs=[])
    return cell


def _cell(kind, source, grade_id, tag, role, solution=False, points=None):
    nbgrader = {"grade": points is not None, "grade_id": grade_id, "locked": not solution,
                "schema_version": 3, "solution": solution}
    if points is not None:
        nbgrader["points"] = points
    metadata = {"nbgrader": nbgrader}
    if tag:
        metadata["minigrad"] = {**tag, "role": role}
    return {"cell_type": kind, "id": grade_id.replace("_", "-"), "metadata": metadata,
            "source": source}
