"""The players of lessons 2, 5 and 6 on a classroom screen: the lesson run from the Run
menu in a real JupyterLab 4 and Notebook 7 (Chromium at 1280×720), then every frame of
the lesson's last player stepped through with Next, as a teacher does in class.

On every frame, measured in the page: the picture is not wider than the player (nothing
hidden behind a scroll bar), the boxes' text is at least ``readable.MIN_TEXT_PX`` high
on screen, and there is a caption. It prints the width the output area really has (848 px
in JupyterLab with its file browser open, 1,108 px in Notebook 7), which
``minigrad.viz.readable.AVAILABLE_PX`` assumes. Each frame's screen, the player scrolled to
its top as a teacher would, is saved in artifacts/screens/ to be looked at.
(Pictures' test, in tests/browser for its server and Chromium.)
"""
import shutil

import pytest

from minigrad.viz import readable

from . import jupyter

pytestmark = pytest.mark.browser

LESSONS = ("02_backward", "05_detach", "06_control_flow")
NEXT = {"en": "Next", "zh": "下一步"}
SCREEN = {"width": 1280, "height": 720}

# The boxes' text (not the small shape and legend text) as it is on screen, and the room.
MEASURE = r"""(player) => {
    const picture = player.querySelector('.minigrad-picture');
    const svg = picture.querySelector('svg');
    const sizes = [...svg.querySelectorAll('g.node text')]
        .filter(t => parseFloat(t.getAttribute('font-size') || '0') >= 12 && t.textContent.trim())
        .map(t => t.getBoundingClientRect().height);
    return {svg: svg.getBoundingClientRect().width, room: picture.clientWidth,
            canvas: player.querySelector('.minigrad-canvas').scrollWidth
                    - player.querySelector('.minigrad-canvas').clientWidth,
            text: Math.min(...sizes), caption: player.querySelector('.minigrad-caption').textContent,
            counter: player.textContent.match(/(?:Step|第) (\d+)\D+(\d+)/)};
}"""


@pytest.fixture(scope="module")
def lessons(server):
    """Lessons 2, 5 and 6 in both languages, in the test server's notebook folder."""
    for lang in ("en", "zh"):
        (server["dir"] / lang).mkdir(exist_ok=True)
        for lesson in LESSONS:
            shutil.copy(jupyter.REPO / "notebooks" / lang / f"{lesson}.ipynb", server["dir"] / lang)
    return server


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("ui, lang", [("lab", "en"), ("notebook", "zh")])
def test_every_frame_of_the_player_is_readable_at_1280x720(browser, lessons, lesson, ui, lang):
    folder = jupyter.REPO / "artifacts" / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=SCREEN)
    prefix = "lab/tree" if ui == "lab" else "notebooks"
    page.goto(f"{lessons['url']}/{prefix}/{lang}/{lesson}.ipynb?reset&token={jupyter.TOKEN}")
    page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
    page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
    jupyter.run_all(page)
    page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
    player = page.locator(".minigrad-player").last
    player.locator(".minigrad-picture svg g.node").first.wait_for(timeout=jupyter.SLOW)
    player.evaluate("p => p.scrollIntoView({block: 'start'})")  # as a teacher scrolls to it
    problems, step = [], 1
    while True:
        seen = player.evaluate(MEASURE)
        name = f"{ui}_{lang}_{lesson}_frame{step:02d}"
        page.screenshot(path=folder / f"{name}.png")
        where = f"{ui} {lang} {lesson} frame {step}"
        print(f"{where}: picture {seen['svg']:.0f} px in {seen['room']} px, boxes' text "
              f"{seen['text']:.1f} px; caption: {seen['caption']}")
        if seen["svg"] > seen["room"] + 1 or seen["canvas"] > 1:
            problems.append(f"{where}: the picture is wider than the player")
        if seen["text"] < readable.MIN_TEXT_PX:
            problems.append(f"{where}: the boxes' text is {seen['text']:.1f} px high")
        if not seen["caption"].strip():
            problems.append(f"{where}: no caption")
        current, last = (int(n) for n in seen["counter"][1:])
        if current >= last:
            break
        before = player.locator(".minigrad-picture").inner_html()
        player.locator(f"button:has-text('{NEXT[lang]}')").click()
        page.wait_for_function(  # the counter, and the picture, of the next frame
            "([p, k, old]) => p.textContent.match(/(?:Step|第) (\\d+)/)[1] == k"
            " && p.querySelector('.minigrad-picture').innerHTML !== old",
            arg=[player.element_handle(), str(current + 1), before], timeout=jupyter.SLOW)
        step += 1
    page.close()
    assert not problems, "\n".join(problems)
