"""One Jupyter server and one Chromium for all the real-browser tests (see jupyter.py).
Without Chromium or playwright the tests are skipped, not failed."""
import pytest

from . import jupyter


def pytest_collection_modifyitems(config, items):
    reason = jupyter.missing()
    if reason:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    with jupyter.jupyter_server(tmp_path_factory.mktemp("jupyter")) as running:
        yield running


@pytest.fixture(scope="session")
def server_without_dot(tmp_path_factory):
    """Like ``server``, but no Graphviz ``dot`` on the PATH of the server and its kernels."""
    with jupyter.jupyter_server(tmp_path_factory.mktemp("jupyter"), dot=False) as running:
        yield running


@pytest.fixture(scope="session", params=["dot", "no dot"])
def any_server(request):
    """Each test that uses it runs twice: with and without Graphviz's ``dot`` on the PATH
    (graphs are drawn in the browser either way)."""
    return request.getfixturevalue("server" if request.param == "dot" else "server_without_dot")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = jupyter.launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts():
    folder = jupyter.REPO / "artifacts" / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
