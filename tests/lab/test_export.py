"""Files for slides and web pages: one frame as SVG, the whole player as one HTML page."""
import json
import re

import pytest
from minigrad.lab import export, play

from .helpers import recorded_example


def test_any_frame_can_be_saved_as_svg(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_svg(tmp_path / "step3.svg", step=3)
    assert (tmp_path / "step3.svg").read_text(encoding="utf-8") == p.frames[3].svg()


def _page_data(page):
    block = re.search(r'<script type="application/json" id="minigrad-frames">(.*?)</script>',
                      page, re.S).group(1)
    return json.loads(block.replace("<\\/", "</"))


def test_the_html_player_holds_every_frame_and_both_languages(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_html(tmp_path / "lesson.html")
    page = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    data = _page_data(page)
    assert len(data["frames"]) == len(p.frames)
    for frame, saved in zip(p.frames, data["frames"]):
        assert saved["caption"] == {"zh": frame.caption("zh"), "en": frame.caption("en")}
        assert saved["svg"].startswith("<svg")
    assert data["words"]["next"] == {"zh": "下一步 ▶", "en": "Next ▶"}


def test_the_html_player_needs_nothing_from_outside(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_html(tmp_path / "lesson.html")
    page = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', page)
    assert page.count("<script") == 2  # the frames (JSON) and the player's few lines
    assert 'id="previous"' in page and 'id="play"' in page and 'id="next"' in page


def test_the_html_player_starts_in_the_players_language(tmp_path):
    x, tape = recorded_example()
    play(tape, lang="zh").save_html(tmp_path / "zh.html")
    assert '<html lang="zh">' in (tmp_path / "zh.html").read_text(encoding="utf-8")


def test_text_that_looks_like_a_closing_script_tag_cannot_break_the_page():
    class Frame:
        kind = "forward"
        highlight = ()

        def caption(self, lang):
            return "</script><b>oops</b>"

        def svg(self):
            return "<svg></svg>"
    page = export.player_page([Frame()], "en")
    assert _page_data(page)["frames"][0]["caption"]["en"] == "</script><b>oops</b>"
    assert page.count("</script>") == 2


def test_a_huge_recording_is_refused_with_a_reason():
    class Many(list):
        pass
    with pytest.raises(ValueError, match="too many"):
        export.player_page(Many([None] * (export.MAX_FRAMES + 1)), "en")


def test_saving_before_anything_is_drawn_says_so(tmp_path):
    with pytest.raises(ValueError, match="no graph"):
        export.write(tmp_path / "empty.svg", "")
