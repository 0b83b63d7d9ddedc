"""The widgets in a real JupyterLab 4 and Notebook 7, in Chromium, as a student sees them.

One notebook is opened in JupyterLab for the first tests (graph, player, inspector,
live update), once with Graphviz's ``dot`` on the kernel's PATH and once without: the
browser draws the graphs either way. Notebook 7 gets its own small notebook. Every wait
is on something that appears on the screen; screenshots go to artifacts/browser/.
"""
import pytest

from .jupyter import SLOW, open_notebook, run_all

pytestmark = pytest.mark.browser

SETUP = ("%load_ext minigrad\n"
         "import minigrad as torch\n"
         "from minigrad.lab import show, play\n"
         "import shutil\n"
         "print('dot on the PATH:', shutil.which('dot') is not None)\n"
         "torch.lab.set_language('en')")
LIVE = ("x = torch.arange(4.0, requires_grad=True)\n"
        "y = 2 * torch.dot(x, x)\n"
        "show(y)")
PLAYER = ("u = torch.tensor(2.0, requires_grad=True)\n"
          "v = torch.tensor(3.0, requires_grad=True)\n"
          "w = torch.tensor(4.0, requires_grad=True)\n"
          "with torch.trace() as tape:\n"
          "    a = u + v\n"
          "    z = a * w\n"
          "    z.backward()\n"
          "play(tape)")
BACKWARD = "y.backward()"

LIVE_SVG = ".minigrad-live .minigrad-picture svg"
PLAYER_SVG = ".minigrad-player .minigrad-picture svg"
CAPTION = ".minigrad-player .minigrad-caption"
CURRENT = ".minigrad-player g.node.minigrad-current"
HAS_CHINESE = "(sel) => /[\\u4e00-\\u9fff]/.test(document.querySelector(sel).textContent)"


@pytest.fixture(scope="module")
def lab(browser, any_server, artifacts):
    """The test notebook in JupyterLab, run up to (not including) the backward cell."""
    page = open_notebook(browser, any_server, "lab_widgets", [SETUP, LIVE, PLAYER, BACKWARD])
    page.locator(".jp-Cell .jp-InputArea-editor").last.click()
    run_all(page, "Run All Above Selected Cell")
    try:
        page.wait_for_selector(f".jp-OutputArea-output:has-text('dot on the PATH: "
                               f"{any_server['dot']}')", timeout=SLOW)
        page.wait_for_selector(f"{LIVE_SVG} g.node", timeout=SLOW)
        page.wait_for_selector(f"{PLAYER_SVG} g.node", timeout=SLOW)
    except Exception:
        page.screenshot(path=artifacts / "lab_failed_to_start.png", full_page=True)
        raise
    page.shots = "" if any_server["dot"] else "_no_dot"  # screenshots of both runs
    yield page
    page.close()


def _text(page, selector):
    return page.locator(selector).first.text_content()


def test_the_graph_appears_as_svg(lab, artifacts):
    assert lab.locator(f"{LIVE_SVG} g.node").count() >= 3
    lab.locator(".minigrad-live").screenshot(path=artifacts / f"lab_live_view{lab.shots}.png")


def test_next_changes_the_caption_and_the_highlighted_node(lab, artifacts):
    lab.wait_for_selector(CURRENT)
    caption, current = _text(lab, CAPTION), lab.locator(CURRENT).first.get_attribute("id")
    lab.locator(".minigrad-player").screenshot(path=artifacts / f"lab_player_step1_en{lab.shots}.png")
    lab.click(".minigrad-player button:has-text('Next')")
    lab.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                          arg=[CAPTION, caption])
    lab.wait_for_function("([sel, old]) => document.querySelector(sel)?.id !== old",
                          arg=[CURRENT, current])
    lab.locator(".minigrad-player").screenshot(path=artifacts / f"lab_player_step2_en{lab.shots}.png")


def test_the_language_switch_puts_the_caption_in_chinese(lab, artifacts):
    lab.click(".minigrad-player button:text-is('中文')")
    lab.wait_for_selector(".minigrad-player button:has-text('下一步')")
    # a forward step's caption is only arithmetic (a = u + v = 2 + 3 = 5); the backward
    # steps have words: step on until one shows, in Chinese
    for _ in range(8):
        if lab.evaluate(HAS_CHINESE, CAPTION):
            break
        before = _text(lab, CAPTION)
        lab.click(".minigrad-player button:has-text('下一步')")
        lab.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                              arg=[CAPTION, before])
    assert lab.evaluate(HAS_CHINESE, CAPTION), _text(lab, CAPTION)
    lab.locator(".minigrad-player").screenshot(path=artifacts / f"lab_player_zh{lab.shots}.png")
    lab.click(".minigrad-player button:text-is('English')")
    lab.wait_for_selector(".minigrad-player button:has-text('Next')")


def test_clicking_a_node_fills_the_inspector(lab, artifacts):
    lab.locator(f"{PLAYER_SVG} g.node").first.click()
    lab.wait_for_selector(".minigrad-player .minigrad-inspector table")
    lab.wait_for_selector(f"{PLAYER_SVG} g.node.minigrad-selected")
    lab.locator(".minigrad-player").screenshot(path=artifacts / f"lab_inspector{lab.shots}.png")


def test_the_live_view_shows_gradients_after_a_backward_cell(lab, artifacts):
    before = _text(lab, LIVE_SVG)
    lab.locator(".jp-Cell .jp-InputArea-editor").last.click()
    lab.keyboard.press("Shift+Enter")
    lab.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                          arg=[LIVE_SVG, before], timeout=SLOW)
    lab.locator(".minigrad-live").screenshot(path=artifacts / f"lab_live_view_after_backward{lab.shots}.png")


def test_notebook_7_shows_the_graph_and_steps_the_player(browser, server, artifacts):
    page = open_notebook(browser, server, "nb7_widgets", [SETUP, PLAYER], ui="notebook")
    page.locator(".jp-Cell .jp-InputArea-editor").first.click()
    run_all(page)
    page.wait_for_selector(f"{PLAYER_SVG} g.node", timeout=SLOW)
    caption = _text(page, CAPTION)
    page.click(".minigrad-player button:has-text('Next')")
    page.wait_for_function("([sel, old]) => document.querySelector(sel).textContent !== old",
                           arg=[CAPTION, caption])
    page.locator(f"{PLAYER_SVG} g.node").first.click()
    page.wait_for_selector(".minigrad-player .minigrad-inspector table")
    page.screenshot(path=artifacts / "notebook7_player.png")
    page.close()


def test_bad_input_is_explained_and_a_missing_dot_changes_nothing(browser, server, artifacts):
    # in Chinese, as the notebook chose; the kernel keeps running after each of them
    cells = [SETUP + "\ntorch.lab.set_language('zh')",
             "show(3)",
             "import os\n"
             "os.environ['PATH'] = ''  # this kernel can no longer find Graphviz's dot\n"
             "x = torch.arange(4.0, requires_grad=True)\n"
             "show(2 * torch.dot(x, x))",
             "from minigrad import viz\n"
             "viz.draw(2 * torch.dot(x, x))  # a plain drawing, shown without dot too",
             "print('still running', 1 + 1)"]
    page = open_notebook(browser, server, "bad_input", cells)
    page.locator(".jp-Cell .jp-InputArea-editor").first.click()
    run_all(page)
    try:
        page.wait_for_selector(".minigrad-live .minigrad-notice:has-text('不是张量')", timeout=SLOW)
        page.wait_for_selector(".jp-OutputArea-output:has-text('still running 2')", timeout=SLOW)
        views = page.locator(".minigrad-live")
        views.nth(1).locator(".minigrad-picture svg g.node").first.wait_for(timeout=SLOW)
        page.locator(".jp-Cell").nth(3).locator(".minigrad-picture svg g.node").first.wait_for(
            timeout=SLOW)
    finally:
        page.screenshot(path=artifacts / "lab_bad_input_zh.png", full_page=True)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                        ).count() == 0  # no traceback anywhere
    assert not views.nth(1).locator(".minigrad-notice").is_visible()  # nothing to install
    # show(3) has no picture, so no inspector hint, no caption, no player controls
    assert not views.nth(0).locator(".minigrad-inspector").is_visible()
    assert not views.nth(0).locator(".minigrad-controls").is_visible()
    page.close()
