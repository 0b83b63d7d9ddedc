"""The wheel a school installs with pip: the browser's Graphviz and the lessons are inside,
nothing in it loads from another host, and in a fresh environment with no Graphviz on the
PATH, its JupyterLab runs the index notebook and lesson 1 in Chromium: the graph, the
inspector and the player work.

Slow (a fresh environment downloads JupyterLab & co.); skipped without a package index.
"""
import concurrent.futures
import hashlib
import json
import zipfile

import pytest

from .conftest import pip_install
from .test_install import _fresh_env, _run
from .test_offline import _strings, remote_loads

pytestmark = pytest.mark.setup

FRONT_END = ("minigrad/lab/canvas.js", "minigrad/lab/graphviz.js", "minigrad/lab/renderer.js",
             "minigrad/lab/page.js", "minigrad/lab/canvas.css", "minigrad/lab/vendor/viz.js",
             "minigrad/lab/vendor/viz.json")
LESSONS = "minigrad/lessons/notebooks/"


@pytest.fixture(scope="module")
def wheel(clean_clone, tmp_path_factory, index):
    """The wheel built from a clean clone, as `pip wheel .` builds it."""
    out = tmp_path_factory.mktemp("wheel")
    _run(["python3", "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), "."],
         cwd=clean_clone)
    (built,) = out.glob("minigrad_classroom-*.whl")
    return built


def _contents(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_wheel_carries_the_renderer_and_the_lessons(wheel):
    files = _contents(wheel)
    assert set(FRONT_END) <= set(files), sorted(set(FRONT_END) - set(files))
    pinned = json.loads(files["minigrad/lab/vendor/viz.json"])
    assert hashlib.sha256(files["minigrad/lab/vendor/viz.js"]).hexdigest() == pinned["sha256"]
    lessons = {name[len(LESSONS):] for name in files
               if name.startswith(LESSONS) and name.endswith(".ipynb")}
    assert "index.ipynb" in lessons
    for lang in ("zh", "en"):
        assert {f"{lang}/0{n}" for n in range(1, 10)} <= {name[:5] for name in lessons}
    config = json.loads(files["minigrad/lessons/jupyter/labconfig/page_config.json"])
    assert config["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"]
    entry_points = next(text for name, text in files.items() if name.endswith("entry_points.txt"))
    assert b"minigrad-lessons = minigrad.lessons.__main__:main" in entry_points


def test_nothing_in_the_wheel_loads_from_another_host(wheel):
    checked = 0
    for name, data in _contents(wheel).items():
        if name.endswith((".js", ".css", ".html")):
            text = data.decode("utf-8")
        elif name.endswith(".ipynb"):
            text = "\n".join(_strings(json.loads(data)["cells"]))
        else:
            continue
        checked += 1
        assert remote_loads(text) == [], name
    assert checked >= 25


def test_the_wheel_without_dot_in_jupyterlab_in_chromium(wheel, tmp_path, index):
    from browser import jupyter  # tests/browser/jupyter.py
    if jupyter.missing():
        pytest.skip(jupyter.missing())
    python = _fresh_env(tmp_path / "env")
    pip_install(python, [f"{wheel}[lab]"], env=index)
    with jupyter.jupyter_server(tmp_path / "jupyter", dot=False, python=python) as server:
        # the lessons, from the wheel, where this JupyterLab serves them
        _run([str(python.parent / "minigrad-lessons"), "copy", str(server["dir"])],
             cwd=tmp_path)
        # In a thread of its own: the browser tests' Chromium, alive for the whole session,
        # leaves Playwright's event loop running in this one, where a second sync_playwright
        # refuses to start ("using Playwright Sync API inside the asyncio loop").
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
            outside = thread.submit(_student_session, jupyter, server).result()
    assert outside == []


def _student_session(jupyter, server):
    """The index notebook and lesson 1's player in Chromium at 1280×720; returns the
    addresses of other hosts the pages asked for."""
    from playwright.sync_api import sync_playwright
    artifacts = jupyter.REPO / "artifacts" / "browser"
    artifacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = jupyter.launch_chromium(p)
        page = jupyter.new_page(browser, height=720)
        outside = []
        page.on("request", lambda request: None if request.url.startswith(
            (server["url"], "data:", "blob:", "about:")) else outside.append(request.url))
        page.goto(f"{server['url']}/lab/tree/index.ipynb?reset&token={jupyter.TOKEN}")
        page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
        page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
        jupyter.run_all(page)
        page.wait_for_selector(".minigrad-live .minigrad-picture svg g.node", timeout=jupyter.SLOW)
        page.locator(".minigrad-live .minigrad-picture g.node").first.click()
        page.wait_for_selector(".minigrad-live .minigrad-inspector table", timeout=jupyter.SLOW)
        page.wait_for_selector(".minigrad-live g.node.minigrad-selected .minigrad-mark")
        page.screenshot(path=artifacts / "wheel_without_dot_index.png")
        page.goto(f"{server['url']}/lab/tree/en/01_forward.ipynb?reset&token={jupyter.TOKEN}")
        page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
        page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
        jupyter.run_all(page)
        caption = ".minigrad-player .minigrad-caption"
        page.wait_for_selector(".minigrad-player .minigrad-picture svg g.node",
                               timeout=jupyter.SLOW)
        page.locator(".minigrad-player").first.scroll_into_view_if_needed()
        before = page.locator(caption).first.text_content()
        page.locator(".minigrad-player .minigrad-next").first.click()
        page.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                               arg=[caption, before])
        page.locator(".minigrad-player").first.screenshot(
            path=artifacts / "wheel_without_dot_lesson1_player.png")
        browser.close()
    return outside
