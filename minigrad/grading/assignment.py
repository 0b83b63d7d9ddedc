"""The assignment notebook, made from the exercise bank: what the teacher hands out.

Per exercise: the prompt (Markdown), the given code, the answer cell, and the check
cell ``check("id", answer)``. The cells carry nbgrader's cell metadata (prompt and given
code locked, the answer cell a solution cell, the check cell locked, with its points)
so the notebook opens as an assignment in nbgrader too, and a ``minigrad`` entry naming
the exercise and the cell's role, which is how ``minigrad-grade`` finds the questions.
With ``key`` (the answer key, ``key.solutions()``) the answer cells hold the teacher's
answers between
``### BEGIN SOLUTION`` / ``### END SOLUTION`` (the markers nbgrader and otter-grader strip).
"""
import json
import re

from ..exercises import EXERCISES, variants
from ..language import LANGUAGES, Text
from .scoring import Question

SET_LANGUAGE = re.compile(r"""set_language\(\s*["'](zh|en)["']\s*\)""")
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
VARIANT = "\n\nfrom minigrad.exercises import set_variant\nset_variant({student!r}, {salt!r})"


def make(lang, exercise_ids=None, key=None, points=None, student=None, salt=None):
    """An nbformat 4.5 notebook (as a dict) with outputs cleared. ``key`` (the answer
    key, ``key.solutions(filled=False)``) puts the teacher's answers in. With ``salt``, the
    assignment has variants (``variants.py``); with ``student`` too, it is that student's
    own notebook: their numbers, and ``set_variant`` so that ``check`` uses them."""
    imports = IMPORTS.format(lang=lang)
    if student is not None:
        imports += VARIANT.format(student=student, salt=salt)
    cells = [_markdown(INTRO.get(lang), "intro"), _code(imports, "imports")]
    for exercise_id in exercise_ids or list(EXERCISES):
        exercise = EXERCISES[exercise_id]
        numbers = variants.numbers(exercise, student, salt) if student is not None else None
        tag = {"exercise": exercise.id}
        cells.append(_markdown(f"## {exercise.title.get(lang)}\n\n{exercise.prompt(lang, numbers)}",
                               f"{exercise.id}_prompt", tag, role="prompt"))
        if exercise.setup:
            cells.append(_code(exercise.given(numbers), f"{exercise.id}_given", tag, role="given"))
        answer = (f"### BEGIN SOLUTION\n{exercise.fill(key[exercise.id], numbers)}\n"
                  f"### END SOLUTION" if key else exercise.answer_cell(numbers))
        cells.append(_code(answer, f"{exercise.id}_answer", tag, role="answer", solution=True))
        cells.append(_code(f'check("{exercise.id}", {exercise.answer})', exercise.id, tag,
                           role="check", points=(points or {}).get(exercise.id, 1)))
    about = {"lang": lang}
    if salt is not None:
        about["variants"] = {"salt": salt}
    if student is not None:
        about["student"] = student
    return {"cells": cells, "metadata": {"kernelspec": KERNELSPEC,
                                         "language_info": {"name": "python"},
                                         "minigrad": about},
            "nbformat": 4, "nbformat_minor": 5}


def salt(notebook):
    """The variants' salt of an assignment made with ``--variants``, else None."""
    about = _about(notebook)
    found = about.get("variants", {}).get("salt") if isinstance(about.get("variants"), dict) else None
    return found if isinstance(found, str) else None


def _about(notebook):
    meta = notebook.get("metadata") if isinstance(notebook, dict) else None
    about = meta.get("minigrad") if isinstance(meta, dict) else None
    return about if isinstance(about, dict) else {}


def language(notebook):
    """The language an assignment was made in: its metadata says, or (for a notebook
    whose metadata an editor dropped) its ``set_language(...)`` call; else None."""
    lang = _about(notebook).get("lang")
    if lang in LANGUAGES:
        return lang
    for cell in notebook.get("cells") or [] if isinstance(notebook, dict) else []:
        source = cell.get("source") if isinstance(cell, dict) else None
        source = "".join(source) if isinstance(source, list) else source
        found = SET_LANGUAGE.search(source) if isinstance(source, str) else None
        if found:
            return found.group(1)
    return None


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
