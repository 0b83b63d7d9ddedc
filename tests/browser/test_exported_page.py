"""The exported player page works on its own, opened from a file (as on a slide): the
browser draws every frame from DOT with the Graphviz inside the page."""
import pytest

import minigrad as torch
from minigrad.lab import play

pytestmark = pytest.mark.browser

CAPTION = ".minigrad-caption"
SHOWS = "(text) => document.querySelector('.minigrad-caption').textContent === text"


def test_the_exported_page_steps_and_switches_language(browser, tmp_path, artifacts):
    u = torch.tensor(2.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    with torch.trace() as tape:
        z = (u + 3) * w
        z.backward()
    player = play(tape, lang="en")
    player.save_html(tmp_path / "lesson.html")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    outside = []
    page.on("request", lambda request: None if request.url.startswith(
        ("file:", "data:", "blob:", "about:")) else outside.append(request.url))
    page.goto((tmp_path / "lesson.html").as_uri())
    page.wait_for_selector(".minigrad-picture svg g.node")
    assert page.text_content(CAPTION) == player.frames[0].caption("en")
    page.click(".minigrad-next")
    page.wait_for_function(SHOWS, arg=player.frames[1].caption("en"))
    page.keyboard.press("ArrowRight")  # a presenter's clicker
    page.wait_for_function(SHOWS, arg=player.frames[2].caption("en"))
    current = page.locator("g.node.minigrad-current").first.get_attribute("id")
    assert current in player.frames[2].highlight
    page.click("button:text-is('中文')")
    page.wait_for_function(SHOWS, arg=player.frames[2].caption("zh"))
    assert page.text_content(".minigrad-next") == "下一步 ▶"
    page.locator(".minigrad-picture g.node").first.click()
    page.wait_for_selector("g.node.minigrad-selected .minigrad-mark")
    page.screenshot(path=artifacts / "exported_page_zh.png")
    page.click(".minigrad-play")
    page.wait_for_function(SHOWS, arg=player.frames[-1].caption("zh"), timeout=30_000)
    assert outside == []
    page.close()


TEXT_PX = """() => [...document.querySelectorAll('.minigrad-picture svg text')]
    .filter(t => t.textContent.trim())
    .map(t => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')))"""


def test_an_exported_control_flow_player_is_readable_on_a_projector(browser, tmp_path):
    """Lesson 6's tall player, exported: at 1280×720 every frame's text stays at least
    readable.MIN_TEXT_PX (the page's own height rule must not shrink it further)."""
    from minigrad.viz import readable
    torch.manual_seed(0)
    with torch.trace() as tape:
        a = torch.randn(size=(), requires_grad=True)
        b = a * 2
        while b.norm() < 1000:
            b = b * 2
        c = b if b.sum() > 0 else 100 * b
        c.backward()
    player = play(tape, lang="en")
    player.save_html(tmp_path / "loop.html")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((tmp_path / "loop.html").as_uri())
    page.wait_for_selector(".minigrad-picture svg g.node")
    for number, frame in enumerate(player.frames):
        if number:
            page.click(".minigrad-next")
            page.wait_for_function(SHOWS, arg=frame.caption("en"))
        sizes = page.evaluate(TEXT_PX)
        assert sizes and min(sizes) >= readable.MIN_TEXT_PX - 0.5, (number, min(sizes))
    page.close()
