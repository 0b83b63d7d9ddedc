"""Files for slides and web pages: one frame as SVG, the whole player as one HTML page
(frames as DOT, drawn by the Graphviz the page carries)."""
import json
import re

import base64
import gzip

import graphviz
import pytest
from minigrad.lab import export, play, renderer

from .helpers import recorded_example


def test_any_frame_can_be_saved_as_svg(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_svg(tmp_path / "step3.svg", step=3)
    assert (tmp_path / "step3.svg").read_text(encoding="utf-8") == p.frames[3].svg()


def _page_data(page, block="minigrad-frames"):
    text = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>',
                     page, re.S).group(1)
    return json.loads(text.replace("<\\/", "</"))


def test_the_html_player_holds_every_frame_and_both_languages(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_html(tmp_path / "lesson.html")
    page = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    data = _page_data(page)
    for lang in ("zh", "en"):
        assert len(data["frames"][lang]) == len(p.frames)
        for frame, saved in zip(p.frames, data["frames"][lang]):
            assert saved["caption"] == frame.caption(lang)
            assert saved["dot"] == frame.digraph(lang).source
            assert saved["highlight"] == list(frame.highlight)
    assert data["words"]["zh"]["next"] == "下一步 ▶" and data["words"]["en"]["next"] == "Next ▶"


def test_the_html_player_carries_the_pinned_graphviz(tmp_path):
    x, tape = recorded_example()
    play(tape).save_html(tmp_path / "lesson.html")
    packed = _page_data((tmp_path / "lesson.html").read_text(encoding="utf-8"),
                        "minigrad-graphviz")
    assert gzip.decompress(base64.b64decode(packed)) == (renderer.VENDOR / "viz.js").read_bytes()


def test_the_html_player_needs_nothing_from_outside(tmp_path):
    x, tape = recorded_example()
    p = play(tape)
    p.save_html(tmp_path / "lesson.html")
    page = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', page)
    # the frames and the engine (JSON), and the player's script
    assert page.count("<script") == 3
    assert "startGraphviz(" in page and "function render(" in page


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

        def digraph(self, lang):
            return graphviz.Digraph(comment="</script>")
    page = export.player_page([Frame()], "en")
    assert _page_data(page)["frames"]["en"][0]["caption"] == "</script><b>oops</b>"
    assert page.count("</script>") == 3


def test_a_huge_recording_is_refused_with_a_reason():
    class Many(list):
        pass
    with pytest.raises(ValueError, match="too many"):
        export.player_page(Many([None] * (export.MAX_FRAMES + 1)), "en")


def test_saving_before_anything_is_drawn_says_so(tmp_path):
    with pytest.raises(ValueError, match="no graph"):
        export.write(tmp_path / "empty.svg", "")
