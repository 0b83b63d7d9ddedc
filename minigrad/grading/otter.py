"""The assignment in otter-grader's notebook format (v1: raw cells as delimiters).

``to_otter`` turns our teacher notebook (``make-assignment --solutions``) into an otter
master notebook: each exercise becomes a question between ``# BEGIN QUESTION`` and
``# END QUESTION`` raw cells, with its solution between ``# BEGIN SOLUTION`` /
``# END SOLUTION`` and one test, ``check("id", answer).passed``, whose expected output
is ``True``. ``otter assign`` then makes the student and autograder versions. Hidden
checks have no automatic counterpart there: write them as ``# HIDDEN`` test cells.
"""
import re

SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.M)
CONFIG = "# ASSIGNMENT CONFIG\ninit_cell: true\ncheck_all_cell: false\nexport_cell: false"


def to_otter(notebook):
    cells = [_raw(CONFIG)]
    question = None
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("minigrad", {})
        role = meta.get("role")
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if role == "prompt":
            question = meta["exercise"]
            points = _points(notebook, question)
            cells += [_raw(f"# BEGIN QUESTION\nname: {question}\npoints: {points}"),
                      _plain(cell, source)]
        elif role == "answer":
            solution = SOLUTION_MARKERS.sub("", source).strip("\n")
            cells += [_raw("# BEGIN SOLUTION"), _plain(cell, solution), _raw("# END SOLUTION")]
        elif role == "check":
            test = source.strip() + ".passed"
            cells += [_raw("# BEGIN TESTS"), _code(test), _raw("# END TESTS"),
                      _raw("# END QUESTION")]
            question = None
        else:
            cells.append(_plain(cell, source))
    # nbformat 4.4: cells without ids are valid there
    return {"cells": cells, "metadata": notebook.get("metadata", {}), "nbformat": 4,
            "nbformat_minor": 4}


def _points(notebook, exercise_id):
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {})
        if meta.get("minigrad") == {"exercise": exercise_id, "role": "check"}:
            return meta.get("nbgrader", {}).get("points", 1)
    return 1


def _plain(cell, source):
    copy = {"cell_type": cell["cell_type"], "metadata": {}, "source": source}
    if cell["cell_type"] == "code":
        copy.update(execution_count=None, outputs=[])
    return copy


def _code(source):
    return {"cell_type": "code", "metadata": {}, "source": source, "execution_count": None,
            "outputs": []}


def _raw(source):
    return {"cell_type": "raw", "metadata": {}, "source": source}
