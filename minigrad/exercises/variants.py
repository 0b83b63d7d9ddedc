"""Each student's own numbers: the same exercises with different numbers, so that a
notebook copied from a classmate fails.

An exercise that varies declares its ``Numbers``: the standard ones (the lessons use
them, and ``check`` whenever no student is named) and how to draw others. The notebook
``make-assignment --variants`` makes for a student starts with
``set_variant("alice", "<salt>")``, so that ``check`` judges with alice's numbers; the
grader draws the same numbers from the name of the file alice hands in. The salt (chosen
per assignment, kept in the notebook's metadata) makes this year's numbers differ from
last year's.
"""
import hashlib

import numpy as np

_chosen = {"student": None, "salt": ""}


class Numbers:
    """``standard``: a dict of the numbers the exercise is written with; ``draw(rng)``:
    another such dict."""

    def __init__(self, standard, draw):
        self.standard, self.draw = standard, draw


def set_variant(student, salt=""):
    """Judge with ``student``'s numbers from now on (None: the standard ones)."""
    _chosen.update(student=None if student is None else str(student), salt=str(salt))


def numbers(exercise, student=None, salt=None):
    """The numbers of ``exercise`` for ``student`` (default: the one ``set_variant``
    named), or its standard numbers; {} for an exercise that does not vary."""
    if exercise.numbers is None:
        return {}
    student = _chosen["student"] if student is None else student
    salt = _chosen["salt"] if salt is None else salt
    if not student:
        return dict(exercise.numbers.standard)
    seed = hashlib.sha256(f"{salt}\0{student}\0{exercise.id}".encode()).digest()
    return exercise.numbers.draw(np.random.default_rng(int.from_bytes(seed[:8], "big")))
