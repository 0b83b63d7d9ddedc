"""Files for slides and web pages: one graph as SVG, a whole player as one HTML page.

The HTML page needs nothing else and loads nothing: every frame's DOT text and both
languages' captions, Graphviz compiled to WebAssembly (``vendor/viz.js``) and the
player's own script (the notebook's ``canvas.js``, run by ``page.js``) are written into it,
and the browser draws the frames when the page opens.
"""
import html
import json
import pathlib

import graphviz
from IPython.display import FileLink

from minigrad import viz

from .language import CHOICES, say
from .renderer import HERE, packed_engine, script

MAX_FRAMES = 400  # beyond this the page gets heavy; a lesson's example has a few dozen
PAGE_WORDS = ("previous", "next", "play", "pause", "step", "speed", "failed")


def write(path, text):
    """Write ``text`` to ``path`` (UTF-8); in a notebook the result shows as a link."""
    if not text:
        raise ValueError("there is no graph on screen to save yet")
    path = pathlib.Path(path)
    path.write_text(text, encoding="utf-8")
    return FileLink(str(path))


def svg_of(dot):
    """The SVG of a DOT text, drawn by Graphviz's ``dot`` program ("" for no DOT)."""
    if not dot:
        return ""
    return viz.to_svg(graphviz.Source(dot))


def _json_block(element_id, value):
    # "</" would end the <script> element early if a caption or the engine contained it.
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def player_page(frames, lang, title="minigrad"):
    """A self-contained HTML page that plays ``frames`` (a ``minigrad.viz.Frames``),
    starting in ``lang``; its reader can switch languages."""
    if len(frames) > MAX_FRAMES:
        raise ValueError(f"{len(frames)} steps are too many for one page (at most {MAX_FRAMES}); "
                         f"record a smaller example")
    languages = [code for _, code in CHOICES]
    data = {
        "lang": lang,
        "languages": [list(choice) for choice in CHOICES],
        "frames": {code: [{"dot": f.digraph(code).source, "caption": f.caption(code),
                           "highlight": list(f.highlight)} for f in frames]
                   for code in languages},
        "words": {code: {key: say(key, code, k="{k}", n="{n}", error="{error}")
                         for key in PAGE_WORDS} for code in languages},
    }
    css = (HERE / "canvas.css").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; }}
.minigrad-controls button {{ font-size: 16px; padding: 4px 12px; }}
#languages button[aria-pressed=true] {{ background: #2b5797; color: white; }}
/* a slide: the whole picture, its caption and the buttons on one screen */
#player .minigrad-picture svg {{ max-height: calc(100vh - 190px); width: auto; }}
{css}
</style>
</head>
<body>
<div id="languages"></div>
<div id="player"></div>
{_json_block("minigrad-frames", data)}
{_json_block("minigrad-graphviz", packed_engine())}
<script type="module">
{script("graphviz.js", "canvas.js", "model.js", "page.js")}
</script>
</body>
</html>
"""
