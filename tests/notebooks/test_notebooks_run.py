"""Every notebook runs top to bottom in a fresh kernel, the way a student runs it.

The notebooks are executed two at a time (one kernel per core) the first time a test
asks for a result; each test then checks one notebook, so a failure names it.
"""
import concurrent.futures
import multiprocessing

import pytest

from _notebooks import every_notebook, execute

pytest.importorskip("nbclient")

_results = {}


@pytest.fixture
def result(request):
    if not _results:
        wanted = [item.callspec.params["notebook"] for item in request.session.items
                  if item.originalname == "test_notebook_runs_without_error"]
        # spawn, not fork: the test process may already run threads (the lab's renderer)
        spawn = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
            _results.update(zip(wanted, pool.map(execute, wanted)))
    notebook = request.node.callspec.params["notebook"]
    if notebook not in _results:
        _results[notebook] = execute(notebook)
    return _results[notebook]


@pytest.mark.parametrize("notebook", every_notebook())
def test_notebook_runs_without_error(notebook, result):
    error, stderr = result
    assert error is None, f"{notebook} failed:\n{error}"
    assert not stderr, f"{notebook} wrote to stderr:\n" + "\n".join(stderr)
