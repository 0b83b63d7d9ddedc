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
