"""Every notebook runs top to bottom in a fresh kernel, the way a student runs it.

The notebooks are executed two at a time (one kernel per core) the first time a test
asks for a result; each test then checks one notebook, so a failure names it. The
executed copies are kept in artifacts/notebooks/ (git-ignored) for reading.
"""
import concurrent.futures
import multiprocessing

import pytest

from _notebooks import LANGUAGES, every_notebook, execute, lessons, solved

pytest.importorskip("nbclient")

_results = {}
_USERS = ("test_notebook_runs_without_error", "test_every_exercise_passes_with_its_solution_in_place",
          "test_an_unanswered_exercise_says_not_yet")


@pytest.fixture
def result(request):
    if not _results:
        wanted = [item.callspec.params["notebook"] for item in request.session.items
                  if item.originalname in _USERS]
        # spawn, not fork: the test process may already run threads (the lab's renderer)
        spawn = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
            _results.update(zip(wanted, pool.map(execute, wanted)))
    notebook = request.node.callspec.params["notebook"]
    if notebook not in _results:
        _results[notebook] = execute(notebook)
    return _results[notebook]


# What a lesson prints to stderr on purpose, as PyTorch would: lesson 2 reads the .grad of an
# intermediate result to show that it is None, and PyTorch warns there.
EXPECTED_STDERR = {"02_backward": "UserWarning: The .grad attribute of a Tensor that is not a leaf"}


@pytest.mark.parametrize("notebook", every_notebook())
def test_notebook_runs_without_error(notebook, result):
    error, stderr, _ = result
    assert error is None, f"{notebook} failed:\n{error}"
    lesson = notebook.rsplit("/", 1)[-1].removesuffix(".ipynb")
    expected = EXPECTED_STDERR.get(lesson)
    unexpected = [text for text in stderr if not (expected and expected in text)]
    assert not unexpected, f"{notebook} wrote to stderr:\n" + "\n".join(unexpected)
    if expected:
        assert any(expected in text for text in stderr), f"{notebook}: no {expected!r}"


# One language is enough: both run the same code cells.
@pytest.mark.parametrize("notebook", [solved(f"{LANGUAGES[0]}/{name}.ipynb") for name in lessons()])
def test_every_exercise_passes_with_its_solution_in_place(notebook, result):
    error, stderr, verdicts = result
    assert error is None, f"{notebook} failed:\n{error}"
    assert verdicts and all(v.startswith("✓") for v in verdicts), "\n".join(verdicts)


# As handed out: every check() runs and says what is still to do (no ✓ before any answer).
@pytest.mark.parametrize("notebook", [f"{LANGUAGES[0]}/{name}.ipynb" for name in lessons()])
def test_an_unanswered_exercise_says_not_yet(notebook, result):
    _, _, verdicts = result
    assert verdicts and all(v.startswith("✗") for v in verdicts), "\n".join(verdicts)
