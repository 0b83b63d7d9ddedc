"""Without Graphviz's dot: a Python whose PATH has no dot, as on a laptop that never
installed Graphviz. The widgets send their graphs to the browser, which draws them with
the Graphviz the package ships (tests/browser checks the pictures); what needs the
program itself (an SVG file, the picture a notebook keeps for GitHub) says what to install,
in the widget's language, and nothing raises."""
import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, shutil
assert shutil.which("dot") is None, "dot is still on PATH"
import minigrad as torch
from minigrad import viz
from minigrad.lab import play, show
x = torch.arange(4.0, requires_grad=True)
with torch.trace() as tape:
    y = 2 * torch.dot(x, x)
    y.backward()
view, player = show(y, lang=LANG), play(tape, lang=LANG)
player.next()
player.language_toggle.value = OTHER
try:
    view.save_svg("graph.svg")
    saved = "saved"
except viz.DotNotFoundError as error:
    saved = error.messages[LANG]
print(json.dumps({
    "view": [view.canvas.dot, view.canvas.notice, view._repr_mimebundle_()],
    "player": [player.canvas.dot, player.canvas.notice, player._repr_mimebundle_()],
    "caption": player.caption,
    "saved": saved,
}))
"""


def run_without_dot(tmp_path, lang, other):
    empty = tmp_path / "bin"
    empty.mkdir()
    code = SCRIPT.replace("OTHER", repr(other)).replace("LANG", repr(lang))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": str(empty), "HOME": str(tmp_path)}, timeout=300,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


HEADING = {"en": "Computational graph", "zh": "计算图"}  # the text drawing's first words
MISSING = {"en": "Graphviz's `dot` program was not found", "zh": "找不到 Graphviz"}


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_without_dot_the_graphs_still_go_to_the_browser(tmp_path, lang, other):
    shown = run_without_dot(tmp_path, lang, other)
    for name, switched in (("view", lang), ("player", other)):
        dot, notice, still = shown[name]
        assert dot.startswith("digraph") and notice == "", name
        # for readers without widgets (GitHub, nbviewer): the text drawing, no picture
        assert "image/svg+xml" not in still
        assert HEADING[switched] in still["text/plain"], name
    assert shown["caption"]
    # an SVG file needs the program: the message says what to install
    assert MISSING[lang] in shown["saved"] and "apt-get install graphviz" in shown["saved"]
