"""One JupyterLab server and one Chromium for all the real-browser tests.

The server runs from this Python (the project's own install) on a free port, with a
throw-away notebook folder and config (so no news pop-up, no saved workspace). Tests
write a notebook into that folder, open it, run it, and wait on what a student sees.
Without Chromium or playwright the tests are skipped, not failed.
"""
import importlib.util
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOKEN = "minigrad-test"
REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "browser"
SLOW = 90_000  # ms: starting a kernel on a busy 2-core CI machine


def pytest_collection_modifyitems(config, items):
    missing = ("Chromium is not installed (scripts/install-system-deps.sh --browser)"
               if CHROMIUM is None else
               "playwright is not installed (pip install playwright)"
               if importlib.util.find_spec("playwright") is None else None)
    if missing:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=missing))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A JupyterLab 4 server (which also serves Notebook 7's /notebooks/ pages)."""
    root = tmp_path_factory.mktemp("jupyter")
    notebooks = root / "notebooks"
    config = root / "config"
    (config / "labconfig").mkdir(parents=True)
    notebooks.mkdir()
    # The "official Jupyter news?" toast would sit on top of our screenshots.
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "tests"),
                                                       os.environ.get("PYTHONPATH")]))}
    log = open(root / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         f"--ServerApp.token={TOKEN}", "--ServerApp.ip=127.0.0.1", "--allow-root",
         f"--notebook-dir={notebooks}"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api?token={TOKEN}", process, root / "server.log")
        yield {"url": url, "dir": notebooks}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for(url, process, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited:\n{log_path.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)  # polling a port: there is nothing on screen to wait on yet
    raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-background-networking",
            "--disable-component-update", "--disable-default-apps", "--no-first-run",
            "--disable-sync", "--metrics-recording-only"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def notebook(cells):
    """A notebook (nbformat 4 JSON) of code cells, with the kernelspec Jupyter needs
    to start without asking which kernel to use."""
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}",
                   "metadata": {}, "outputs": [], "source": source}
                  for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def stand_in_cell():
    """Until minigrad.viz lands, the kernel uses the tests' stand-in (see tests/lab)."""
    if importlib.util.find_spec("minigrad.viz") is not None:
        return []
    return ["from lab import stand_in_viz\nstand_in_viz.install()"]


def open_notebook(browser, server, name, cells, ui="lab"):
    """Write the notebook ``name``, open it in JupyterLab (``ui="lab"``) or Notebook 7
    (``ui="notebook"``), wait until its kernel is idle, and return the page."""
    (server["dir"] / f"{name}.ipynb").write_text(json.dumps(notebook(stand_in_cell() + cells)))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    path = "lab/tree" if ui == "lab" else "notebooks"
    page.goto(f"{server['url']}/{path}/{name}.ipynb?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=SLOW)
    return page


def run_all(page):
    """Run every cell, as a student would from the Run menu."""
    page.click(".jp-Cell .jp-InputArea-editor")
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
