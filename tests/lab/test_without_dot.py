"""Without Graphviz's dot: a Python whose PATH has no dot, as on a laptop that never
installed Graphviz. The widgets draw the graph as text and say what to install, in the
widget's language; nothing raises."""
import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, shutil
assert shutil.which("dot") is None, "dot is still on PATH"
import minigrad as torch
from minigrad.lab import play, show
x = torch.arange(4.0, requires_grad=True)
with torch.trace() as tape:
    y = 2 * torch.dot(x, x)
    y.backward()
view, player = show(y, lang=LANG), play(tape, lang=LANG)
player.next()
player.language_toggle.value = OTHER
print(json.dumps({
    "view": [view.canvas.svg, view.canvas.text, view.canvas.notice],
    "player": [player.canvas.svg, player.canvas.text, player.canvas.notice],
    "caption": player.caption.value,
}))
"""


def run_without_dot(tmp_path, lang, other):
    empty = tmp_path / "bin"
    empty.mkdir()
    code = SCRIPT.replace("OTHER", repr(other)).replace("LANG", repr(lang))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": str(empty), "HOME": str(tmp_path)}, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


HEADING = {"en": "Computational graph", "zh": "计算图"}  # the text drawing's first words


@pytest.mark.parametrize("lang, other, says", [
    ("en", "zh", ("找不到 Graphviz", "下面先用文字画出计算图")),
    ("zh", "en", ("Graphviz's `dot` program was not found", "drawn as text")),
])
def test_without_dot_the_graph_is_text_and_the_notice_says_what_to_install(tmp_path, lang, other,
                                                                            says):
    shown = run_without_dot(tmp_path, lang, other)
    svg, text, notice = shown["view"]
    assert svg == "" and text.startswith(HEADING[lang]) and "x: [0., 1., 2., 3.]" in text
    assert "apt-get install graphviz" in notice and "brew install graphviz" in notice
    # the player was switched to the other language after it started: its notice follows
    svg, text, notice = shown["player"]
    assert svg == "" and text.startswith(HEADING[other])
    assert "apt-get install graphviz" in notice
    for words in says:
        assert words in notice
    assert shown["caption"]
