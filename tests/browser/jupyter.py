"""A real Jupyter in a real browser: start a server, launch Chromium, open and run notebooks.

Used by the browser tests (as fixtures, in conftest.py) and by ``bench/lab_frames.py``.
The server runs from this Python (the project's own install) on a free port, with a
throw-away notebook folder and config (no news pop-up, no saved workspace).
"""
import contextlib
import importlib.util
import json
import os
import pathlib
import shutil
import site
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOKEN = "minigrad-test"
REPO = pathlib.Path(__file__).resolve().parents[2]
SLOW = 90_000  # ms: starting a kernel on a busy 2-core CI machine


def missing():
    """Why the browser tests cannot run here, or None if they can."""
    if CHROMIUM is None:
        return "Chromium is not installed (scripts/install-system-deps.sh --browser)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright)"
    return None


def path_without(program, root):
    """A PATH like this one on which ``program`` is not found: the folders that hold it
    are replaced by ``root/bin``, with links to everything else they hold."""
    shims = pathlib.Path(root) / "bin"
    shims.mkdir(parents=True, exist_ok=True)
    folders = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not os.path.exists(os.path.join(folder, program)):
            folders.append(folder)
            continue
        for entry in os.scandir(folder):
            if entry.name != program and not (shims / entry.name).exists():
                (shims / entry.name).symlink_to(entry.path)
    return os.pathsep.join([str(shims), *folders])


@contextlib.contextmanager
def jupyter_server(root, dot=True, python=sys.executable):
    """A JupyterLab 4 server (which also serves Notebook 7's /notebooks/ pages) whose
    notebooks live in ``root/notebooks``; yields ``{"url": ..., "dir": ..., "dot": ...}``.
    ``dot=False``: the server and its kernels run with a PATH that has no Graphviz ``dot``,
    as on a laptop that never installed it. ``python``: the environment to run it from
    (default: this one)."""
    root = pathlib.Path(root)
    notebooks, config = root / "notebooks", root / "config"
    (config / "labconfig").mkdir(parents=True)
    notebooks.mkdir()
    # The "official Jupyter news?" toast would sit on top of our screenshots.
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
           **(base_jupyter_path() if python == sys.executable else {})}
    if not dot:
        env["PATH"] = path_without("dot", root)
    log_path = root / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            # `-m jupyterlab`, not `-m jupyter lab`: jupyter looks `jupyter-lab` up on the
            # PATH first, which may be another environment's (and then so is the kernel).
            [str(python), "-m", "jupyterlab", "--no-browser", f"--port={port}",
             f"--ServerApp.token={TOKEN}", "--ServerApp.ip=127.0.0.1", "--allow-root",
             f"--notebook-dir={notebooks}"],
            stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(f"{url}/api?token={TOKEN}", process, log_path)
            yield {"url": url, "dir": notebooks, "dot": dot}
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def base_jupyter_path():
    """In a virtual environment made with --system-site-packages, Python finds the base
    installation's packages but Jupyter does not find what they put beside them: the
    widgets' front ends (<base>/share/jupyter) and the switches that turn on server
    extensions such as Notebook 7 (<base>/etc/jupyter). Point Jupyter there too."""
    if sys.prefix == sys.base_prefix or not any(
            path.startswith(sys.base_prefix) for path in site.getsitepackages()):
        return {}
    return {variable: os.pathsep.join(filter(None, [os.environ.get(variable),
                                                     os.path.join(sys.base_prefix, *where)]))
            for variable, where in (("JUPYTER_PATH", ("share", "jupyter")),
                                    ("JUPYTER_CONFIG_PATH", ("etc", "jupyter")))}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url, process, log_path, timeout=SLOW / 1000 * 2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited:\n{log_path.read_text()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)  # polling a port: there is nothing on screen to wait on yet
    raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{log_path.read_text()}")


def new_page(browser, height=900):
    """A 1280-wide page whose every wait allows for a busy machine (SLOW, not Playwright's
    30 s): on a shared CI machine JupyterLab's page alone can take longer than that to
    load. A wait ends as soon as what it waits for is on the screen, so it costs nothing
    when the machine is quiet."""
    page = browser.new_page(viewport={"width": 1280, "height": height})
    page.set_default_timeout(SLOW)
    return page


def launch_chromium(playwright):
    """Debian's Chromium (never `playwright install`), quiet: no background traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-default-apps", "--no-first-run", "--disable-sync", "--metrics-recording-only"])


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


def open_notebook(browser, server, name, cells, ui="lab"):
    """Write the notebook ``name``, open it in JupyterLab (``ui="lab"``) or Notebook 7
    (``ui="notebook"``), wait until its kernel is idle, and return the page."""
    (server["dir"] / f"{name}.ipynb").write_text(json.dumps(notebook(cells)))
    page = new_page(browser)
    path = "lab/tree" if ui == "lab" else "notebooks"
    # reset: open this notebook alone, not the tabs a previous test left in the workspace
    page.goto(f"{server['url']}/{path}/{name}.ipynb?reset&token={TOKEN}")
    page.wait_for_function(KERNEL_READY, timeout=SLOW)
    return page


# The indicator says "idle" once before any kernel is attached ("No Kernel"); a run
# started then is lost. Ready means: a kernel is named and it is idle.
KERNEL_READY = r"""() => {
    const name = document.querySelector('.jp-Toolbar-kernelName');
    const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return name && /\S/.test(name.textContent) && !/No Kernel/.test(name.textContent)
        && status && status.dataset.status === 'idle';
}"""


def run_all(page, menu_item="Run All Cells"):
    """Run the cells from the Run menu, as a student would (the selected cell decides
    where "Run All Above Selected Cell" stops)."""
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(f".lm-Menu-itemLabel:text-is('{menu_item}')")
