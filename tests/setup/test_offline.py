"""Nothing is fetched from the internet at run time: a classroom may be offline.

The browser tests watch the requests of two notebooks; this reads every file a student's
browser gets from us (all notebooks with their outputs, the widget's front end, the
exported player page) for anything that would load from another host: a CDN script or
module, a stylesheet, a font, an image, or a `pip install` in a cell.
Links to read (``<a href>``, ``[text](https://...)``) are fine: nothing loads them.
"""
import json
import re

import pytest

from .conftest import REPO

_HOST = r"""(?:https?:)?//"""  # also protocol-relative //cdn.example.org/...
LOADS = [
    re.compile(r"<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*[\"']?" + _HOST, re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?" + _HOST, re.I),
    re.compile(r"url\(\s*[\"']?" + _HOST, re.I),                       # CSS: fonts, images
    re.compile(r"@import\s+[\"']" + _HOST, re.I),                      # CSS
    re.compile(r"\b(?:from|import)\s*\(?\s*[\"']" + _HOST),             # ES modules
    re.compile(r"!\[[^\]]*\]\(\s*" + _HOST),                           # markdown image
    re.compile(r"^\s*[!%]\s*pip\s+install", re.M),                     # a cell that installs
]


def remote_loads(text):
    return [m.group(0) for pattern in LOADS for m in pattern.finditer(text)]


def test_the_pattern_finds_what_it_must():
    """The check above would see a CDN, so its silence on our files means something."""
    assert remote_loads('<script src="https://cdn.jsdelivr.net/npm/x.js"></script>')
    assert remote_loads('import * as d3 from "https://esm.sh/d3";')
    assert remote_loads("@font-face { src: url(//fonts.gstatic.com/a.woff2) }")
    assert remote_loads("![graph](https://example.org/g.png)")
    assert remote_loads("%pip install minigrad")
    assert not remote_loads("see [the book](https://d2l.ai/chapter_preliminaries/autograd.html)")
    assert not remote_loads('<svg xmlns="http://www.w3.org/2000/svg">')


NOTEBOOKS = sorted([*REPO.glob("notebooks/**/*.ipynb"), *REPO.glob("exercises/*.ipynb")])
FRONT_END = sorted([*REPO.glob("widgets/*.js"), *REPO.glob("widgets/*.css")])


def test_there_is_something_to_read():
    assert len(NOTEBOOKS) >= 19 and any(p.name == "canvas.js" for p in FRONT_END)


@pytest.mark.parametrize("path", NOTEBOOKS + FRONT_END, ids=lambda p: str(p.relative_to(REPO)))
def test_loads_nothing_from_outside(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":   # sources and outputs, as the browser gets them
        text = "\n".join(_strings(json.loads(text)["cells"]))
    assert remote_loads(text) == []


def _strings(value):
    """Every string in a notebook's JSON (a cell's source may be a list of lines)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        yield "".join(value)
    elif isinstance(value, (list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def test_the_exported_player_page_is_self_contained(tmp_path):
    import minigrad as torch
    from minigrad.lab import play
    x = torch.arange(4.0, requires_grad=True)
    with torch.trace() as tape:
        (2 * torch.dot(x, x)).backward()
    page = tmp_path / "lesson.html"
    play(tape).save_html(page)
    assert remote_loads(page.read_text(encoding="utf-8")) == []
