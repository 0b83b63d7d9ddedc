"""The course's own notebooks in both front ends a school may run, as a student meets them:
the index notebook and lesson 1 in JupyterLab 4 (English) and in Notebook 7 (Chinese),
run from the Run menu; the graph, the player and an exercise's feedback checked on screen,
and nothing fetched from outside the Jupyter server. Screenshots go to artifacts/browser/.
"""
import shutil
import time

import pytest

import minigrad

from .jupyter import KERNEL_READY, REPO, SLOW, TOKEN, new_page, open_notebook, run_all

pytestmark = pytest.mark.browser

LESSON = "01_forward.ipynb"
FEEDBACK = {"en": ("✗ Not yet", "✓ Right"), "zh": ("✗ 还不对", "✓ 正确")}
NEXT = {"en": "Next", "zh": "下一步"}


@pytest.fixture(scope="module")
def course(server):
    """The index notebook and lesson 1 in both languages, laid out as in notebooks/."""
    for relative in ("index.ipynb", f"en/{LESSON}", f"zh/{LESSON}"):
        target = server["dir"] / "course" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "notebooks" / relative, target)
    return server


def _open(browser, server, path, ui):
    page = new_page(browser)
    # a classroom may be offline: nothing the page loads may come from outside this server
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith(
        (server["url"], "data:", "blob:", "about:")) else page.outside.append(request.url))
    prefix = "lab/tree" if ui == "lab" else "notebooks"
    start = time.monotonic()
    page.goto(f"{server['url']}/{prefix}/course/{path}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=SLOW)
    opened = time.monotonic() - start
    page.wait_for_function(KERNEL_READY, timeout=SLOW)
    ready = time.monotonic() - start
    print(f"{ui}: {path} shown {opened:.1f} s after the request, its kernel ready after "
          f"{ready:.1f} s (target: shown < 10 s)")
    return page


def _run_everything(page):
    page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
    run_all(page)
    page.wait_for_function(KERNEL_READY, timeout=SLOW)


def _answer(page, old, new, lang):
    """Type an answer into the cell holding ``old``, run it and the check below it."""
    _, right = FEEDBACK[lang]
    cell = page.locator(".jp-CodeCell", has_text=old).last
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(new)
    page.keyboard.press("Shift+Enter")   # runs the answer, selects the check cell
    page.keyboard.press("Shift+Enter")   # runs the check
    checked = page.locator(".jp-CodeCell", has_text="check(").last
    checked.locator(f".jp-OutputArea-output:has-text('{right}')").wait_for(timeout=SLOW)


@pytest.mark.parametrize("ui, lang", [("lab", "en"), ("notebook", "zh")])
def test_the_index_notebook_checks_the_setup(browser, course, artifacts, ui, lang):
    page = _open(browser, course, "index.ipynb", ui)
    _run_everything(page)
    page.wait_for_selector(".jp-OutputArea-output:has-text('tensor([ 0.,  4.,  8., 12.])')",
                           timeout=SLOW)
    page.wait_for_selector(".minigrad-picture svg g.node", timeout=SLOW)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0
    page.screenshot(path=artifacts / f"{ui}_index.png")
    assert page.outside == []
    page.close()


@pytest.mark.parametrize("ui, lang", [("lab", "en"), ("notebook", "zh")])
def test_lesson_one_graph_player_and_exercise(browser, course, artifacts, ui, lang):
    page = _open(browser, course, f"{lang}/{LESSON}", ui)
    _run_everything(page)
    # the graph of z = (x + y) * w, drawn by Graphviz
    page.wait_for_selector(".minigrad-live .minigrad-picture svg g.node", timeout=SLOW)
    # the player: Next moves to another step with another caption
    caption = ".minigrad-player .minigrad-caption"
    page.wait_for_selector(".minigrad-player .minigrad-picture svg g.node", timeout=SLOW)
    page.locator(".minigrad-player").first.scroll_into_view_if_needed()
    before = page.locator(caption).first.text_content()
    page.locator(f".minigrad-player button:has-text('{NEXT[lang]}')").first.click()
    page.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                           arg=[caption, before])
    page.locator(".minigrad-player").first.screenshot(path=artifacts / f"{ui}_lesson1_player.png")
    # the exercise as handed out says "not yet"; the right answer turns it green
    not_yet, _ = FEEDBACK[lang]
    page.wait_for_selector(f".jp-OutputArea-output:has-text('{not_yet}')", timeout=SLOW)
    _answer(page, "z_guess = ...", "z_guess = (x + y) * w", lang)
    page.locator(".jp-CodeCell", has_text="check(").last.screenshot(
        path=artifacts / f"{ui}_lesson1_exercise.png")
    assert page.outside == []
    page.close()


def test_the_kernel_runs_the_project_under_test(browser, server):
    """The notebooks' kernel imports the minigrad these tests import (not another
    environment's install found on the PATH), so the pages above test this checkout."""
    page = open_notebook(browser, server, "which_minigrad",
                         ["import minigrad\nprint('from', minigrad.__file__)"])
    page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
    run_all(page)
    shown = page.locator(".jp-OutputArea-output:has-text('from ')")
    shown.wait_for(timeout=SLOW)
    assert shown.text_content().split() == ["from", minigrad.__file__]
    page.close()
