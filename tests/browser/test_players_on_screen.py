"""Every lesson's players and views on a classroom screen: the lesson run from the Run menu
in a real JupyterLab 4 and Notebook 7 (Chromium at 1280×720), then every frame of every
player stepped through with Next, as a teacher does in class, and every live view looked at.
Lessons 2, 5 and 6 (the players the issue names) in both languages in both front ends and
in both views (data-flow, then autograd from the toggle); the other lessons once in each
front end, one language each, in the view each cell shows.

Measured in the page, on every frame, with the player scrolled to its top as a teacher
would: the picture is not wider than the player (nothing hidden sideways); the boxes' text
is at least ``readable.MIN_TEXT_PX`` high on screen; there is a caption, whose maths signs
are not drawn full-width by a Chinese face (in either language); the toggles, the
controls, the caption and the picture's box all fit in the notebook's visible height (a
picture taller than that at a readable size scrolls inside its box) and the nodes of the
step are inside the box's visible part; the frames a player shrinks share one scale (a
node keeps its size from step to step). A live view: not wider than its room, readable text.
Each screen is saved in artifacts/screens/ to be looked at.
(Pictures' test, in tests/browser for its server and Chromium.)
"""
import shutil

import pytest

from minigrad.viz import readable

from . import jupyter

pytestmark = pytest.mark.browser

NAMED_IN_THE_ISSUE = ("02_backward", "05_detach", "06_control_flow")
OTHERS = ("01_forward", "03_accumulation", "04_non_scalar", "07_custom_function",
          "08_higher_order", "09_exercises")
NEXT = {"en": "Next", "zh": "下一步"}
SCREEN = {"width": 1280, "height": 720}
RUNS = ([(lesson, ui, lang) for lesson in NAMED_IN_THE_ISSUE
         for ui in ("lab", "notebook") for lang in ("en", "zh")]
        + [(lesson, ui, lang) for lesson in OTHERS
           for ui, lang in (("lab", "zh"), ("notebook", "en"))])

# The boxes' text (not the small shape and legend text) as it is on screen, and the room.
MEASURE = r"""(panel) => {
    const picture = panel.querySelector('.minigrad-picture');
    const svg = picture.querySelector('svg');
    const sizes = [...svg.querySelectorAll('g.node text')]
        .filter(t => parseFloat(t.getAttribute('font-size') || '0') >= 12 && t.textContent.trim())
        .map(t => t.getBoundingClientRect().height);
    let scroller = panel.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 1
                         && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
        scroller = scroller.parentElement;
    }
    const view = (scroller || document.documentElement).getBoundingClientRect();
    const box = picture.getBoundingClientRect();
    const canvas = panel.querySelector('.minigrad-canvas');
    const current = [...picture.querySelectorAll('g.node.minigrad-current')]
        .map(n => n.getBoundingClientRect());
    const caption = panel.querySelector('.minigrad-caption');
    let bars = null;  // how wide ‖ is drawn in the caption, in ems: about 1 if full-width
    if (caption && !caption.hidden) {
        const probe = document.createElement('span');
        probe.textContent = '‖‖‖‖';
        caption.append(probe);
        bars = probe.getBoundingClientRect().width / 4 / parseFloat(getComputedStyle(caption).fontSize);
        probe.remove();
    }
    const shown = svg.getBoundingClientRect().width;
    return {bars, scale: shown / parseFloat(svg.getAttribute('width')),
            floored: Math.abs(shown - parseFloat(svg.style.minWidth || '0')) < 1,
            natural: Math.abs(shown - parseFloat(svg.getAttribute('width')) * 4 / 3) < 1,svg: svg.getBoundingClientRect().width, room: picture.clientWidth,
            sideways: canvas.scrollWidth - canvas.clientWidth,
            text: Math.min(...sizes),
            caption: caption && !caption.hidden ? caption.textContent : null,
            tall: Math.round(box.bottom - panel.getBoundingClientRect().top),
            visible: Math.round(Math.min(view.bottom, innerHeight) - Math.max(view.top, 0)),
            hidden_step: current.some(r => r.top < box.top - 1 || r.bottom > box.bottom + 1),
            counter: panel.textContent.match(/(?:Step|第) (\d+)\D+(\d+)/)};
}"""


@pytest.fixture(scope="module")
def lessons(server):
    """Every lesson in both languages, in the test server's notebook folder."""
    for lang in ("en", "zh"):
        (server["dir"] / lang).mkdir(exist_ok=True)
        for lesson in NAMED_IN_THE_ISSUE + OTHERS:
            shutil.copy(jupyter.REPO / "notebooks" / lang / f"{lesson}.ipynb", server["dir"] / lang)
    return server


@pytest.mark.parametrize("lesson, ui, lang", RUNS)
def test_every_frame_and_view_is_readable_at_1280x720(browser, lessons, lesson, ui, lang):
    (jupyter.REPO / "artifacts" / "screens").mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=SCREEN)
    prefix = "lab/tree" if ui == "lab" else "notebooks"
    page.goto(f"{lessons['url']}/{prefix}/{lang}/{lesson}.ipynb?reset&token={jupyter.TOKEN}")
    page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
    page.locator(".jp-CodeCell .jp-InputArea-editor").first.click()
    jupyter.run_all(page)
    page.wait_for_function(jupyter.KERNEL_READY, timeout=jupyter.SLOW)
    problems = []
    panels = page.locator(".minigrad-player, .minigrad-live")
    panels.last.locator(".minigrad-picture svg g.node").first.wait_for(timeout=jupyter.SLOW)
    # every view of lessons 2, 5, 6; the data-flow view (the one each cell shows) of the others
    views = ("dataflow", "autograd") if lesson in NAMED_IN_THE_ISSUE else ("dataflow",)
    for index in range(panels.count()):
        panel = panels.nth(index)
        player = "minigrad-player" in (panel.get_attribute("class") or "")
        panel.locator(".minigrad-picture svg g.node").first.wait_for(timeout=jupyter.SLOW)
        panel.evaluate("p => p.scrollIntoView({block: 'start'})")  # as a teacher scrolls to it
        for view in views:
            if view != "dataflow":
                switch_view(page, panel, VIEW_BUTTON[view][lang], player)
            name = f"{ui}_{lang}_{lesson}_{'player' if player else 'view'}{index + 1}_{view}"
            problems += look(page, panel, name, player, lang)
    page.close()
    assert not problems, "\n".join(problems)


VIEW_BUTTON = {"autograd": {"en": "Autograd view", "zh": "autograd 视图"}}


def switch_view(page, panel, label, player):
    """Click the view toggle; a player then goes back to its first frame (its slider)."""
    before = panel.locator(".minigrad-picture").inner_html()
    panel.locator(f"button:has-text('{label}')").click()
    page.wait_for_function(
        "([p, old]) => p.querySelector('.minigrad-picture svg g.node')"
        " && p.querySelector('.minigrad-picture').innerHTML !== old",
        arg=[panel.element_handle(), before], timeout=jupyter.SLOW)
    if player:
        panel.evaluate("p => { const s = p.querySelector('.minigrad-slider'); s.value = 0;"
                       " s.dispatchEvent(new Event('input')); }")
        page.wait_for_function("p => p.textContent.match(/(?:Step|第) (\\d+)/)[1] == '1'",
                               arg=panel.element_handle(), timeout=jupyter.SLOW)


def look(page, panel, name, player, lang):
    """Measure (and screenshot) the panel's picture, and each frame of a player; return
    what is wrong."""
    folder = jupyter.REPO / "artifacts" / "screens"
    problems, step, scales = [], 1, {}
    if player:  # every frame drawn: the scale they share comes from all of them
        page.wait_for_function("p => { const c = p.querySelector('.minigrad-canvas');"
                               " return c.dataset.pictures && c.dataset.drawn === c.dataset.pictures; }",
                               arg=panel.element_handle(), timeout=jupyter.SLOW)
    while True:
        seen = panel.evaluate(MEASURE)
        what = f"{name}_frame{step:02d}" if player else name
        page.screenshot(path=folder / f"{what}.png")
        where = what.replace("_", " ")
        print(f"{where}: picture {seen['svg']:.0f} px in {seen['room']} px, boxes' text "
              f"{seen['text']:.1f} px, {seen['tall']} px tall in {seen['visible']} px; "
              f"caption: {seen['caption']}")
        if seen["svg"] > seen["room"] + 1 or seen["sideways"] > 1:
            problems.append(f"{where}: the picture is wider than the player")
        if seen["text"] < readable.MIN_TEXT_PX - 0.05:
            problems.append(f"{where}: the boxes' text is {seen['text']:.1f} px high")
        if not player:
            return problems
        if not (seen["caption"] or "").strip():
            problems.append(f"{where}: no caption")
        if seen["bars"] > 0.7:  # a Chinese face drew the maths (‖b‖, ·, ×) full-width
            problems.append(f"{where}: ‖ in the caption is {seen['bars']:.2f} em wide")
        if seen["tall"] > seen["visible"] + 1:
            problems.append(f"{where}: controls, caption and picture are {seen['tall']} px "
                            f"tall, the screen shows {seen['visible']} px")
        if seen["hidden_step"]:
            problems.append(f"{where}: the node of the step is scrolled out of the picture")
        if not (seen["floored"] or seen["natural"]):  # shrunk to fit: by the shared scale
            scales[step] = seen["scale"]
        current, last = (int(n) for n in seen["counter"][1:])
        if current >= last:
            if scales and max(scales.values()) > 1.02 * min(scales.values()):
                problems.append(f"{name}: the frames are drawn at different scales (px per pt, "
                                f"by frame): {scales}")
            return problems
        before = panel.locator(".minigrad-picture").inner_html()
        panel.locator(f"button:has-text('{NEXT[lang]}')").click()
        page.wait_for_function(  # the counter, and the picture, of the next frame
            "([p, k, old]) => p.textContent.match(/(?:Step|第) (\\d+)/)[1] == k"
            " && p.querySelector('.minigrad-picture').innerHTML !== old",
            arg=[panel.element_handle(), str(current + 1), before], timeout=jupyter.SLOW)
        step += 1
