"""The exported player page works on its own, opened from a file (as on a slide)."""
import pytest

import minigrad as torch
from minigrad.lab import play

pytestmark = pytest.mark.browser


def test_the_exported_page_steps_and_switches_language(browser, tmp_path, artifacts):
    u = torch.tensor(2.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    with torch.trace() as tape:
        z = (u + 3) * w
        z.backward()
    player = play(tape, lang="en")
    player.save_html(tmp_path / "lesson.html")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto((tmp_path / "lesson.html").as_uri())
    page.wait_for_selector("#picture svg g.node")
    assert page.text_content("#caption") == player.frames[0].caption("en")
    page.click("#next")
    page.wait_for_function("(text) => document.querySelector('#caption').textContent === text",
                           arg=player.frames[1].caption("en"))
    page.keyboard.press("ArrowRight")  # a presenter's clicker
    page.wait_for_function("(text) => document.querySelector('#caption').textContent === text",
                           arg=player.frames[2].caption("en"))
    page.click("button:text-is('中文')")
    page.wait_for_function("(text) => document.querySelector('#caption').textContent === text",
                           arg=player.frames[2].caption("zh"))
    assert page.text_content("#next") == "下一步 ▶"
    page.screenshot(path=artifacts / "exported_page_zh.png")
    page.close()
