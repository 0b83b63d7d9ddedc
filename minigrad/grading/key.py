"""The answer key: the teacher's answer cell for each exercise, kept outside the package.

Students install minigrad too, so nothing they can import holds an answer. The key lives
with the teacher's tools, in the repository: ``exercises/solutions/<id>.py`` is the answer
cell of exercise ``id``. ``make-assignment --solutions`` reads it from there (from the
checkout this minigrad runs from, or from ``--key FOLDER``).
"""
import importlib.util
import pathlib


class NoKey(Exception):
    """The answer key is not where it was looked for; the message says where to get it."""


def default_folder():
    """``exercises/solutions`` of the checkout minigrad was loaded from, or None."""
    package = pathlib.Path(importlib.util.find_spec("minigrad").origin).parent
    folder = package.parent / "exercises" / "solutions"
    return folder if folder.is_dir() else None


def solutions(folder=None, numbers=None, filled=True):
    """{exercise id: the answer cell's code} for every file of the key. An exercise with
    numbers has its answer written with ``{name}`` fields: filled with ``numbers[id]``, or
    the standard numbers (or left as they are: ``filled=False``)."""
    from ..exercises import EXERCISES
    folder = pathlib.Path(folder) if folder else default_folder()
    if folder is None or not folder.is_dir():
        raise NoKey("The answer key is not part of the installed package (students install it "
                    "too). It is in the repository, in exercises/solutions/: clone it and pass "
                    "--key path/to/exercises/solutions.")
    found = {path.stem: path.read_text(encoding="utf-8").rstrip("\n")
             for path in sorted(folder.glob("*.py"))}
    if not filled:
        return found
    return {exercise_id: EXERCISES[exercise_id].fill(code, (numbers or {}).get(exercise_id))
            if exercise_id in EXERCISES else code for exercise_id, code in found.items()}
