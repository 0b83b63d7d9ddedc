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
