"""Files for slides and web pages: one graph as SVG, a whole player as one HTML page.

The HTML page needs nothing else: every frame's SVG, both languages' captions and a
few lines of JavaScript (``page.js``) for Previous / Next / Play are written into it.
"""
import html
import json
import pathlib

from IPython.display import FileLink

from .canvas import svg_element
from .language import CHOICES, say

HERE = pathlib.Path(__file__).parent
MAX_FRAMES = 400  # beyond this the page gets heavy; a lesson's example has a few dozen


def write(path, text):
    """Write ``text`` to ``path`` (UTF-8); in a notebook the result shows as a link."""
    if not text:
        raise ValueError("there is no graph on screen to save yet")
    path = pathlib.Path(path)
    path.write_text(text, encoding="utf-8")
    return FileLink(str(path))


def player_page(frames, lang, title="minigrad"):
    """A self-contained HTML page that plays ``frames`` (a ``minigrad.viz.Frames``),
    starting in ``lang``; its reader can switch languages."""
    if len(frames) > MAX_FRAMES:
        raise ValueError(f"{len(frames)} steps are too many for one page (at most {MAX_FRAMES}); "
                         f"record a smaller example")
    data = {
        "frames": [{"svg": svg_element(f.svg()),
                    "caption": {lang: f.caption(lang) for _, lang in CHOICES}}
                   for f in frames],
        "words": {key: {lang: say(key, lang, k="{k}", n="{n}") for _, lang in CHOICES}
                  for key in ("previous", "next", "play", "pause", "step")},
        "languages": [list(choice) for choice in CHOICES],
    }
    # "</" would end the <script> element early if a caption or SVG contained it.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    css = (HERE / "canvas.css").read_text(encoding="utf-8")
    script = (HERE / "page.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; }}
.minigrad-controls {{ display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 16px; }}
.minigrad-controls button {{ font-size: 16px; padding: 4px 12px; }}
.minigrad-controls input[type=range] {{ flex: 1; min-width: 160px; }}
.minigrad-controls button[aria-pressed=true] {{ background: #2b5797; color: white; }}
{css}
</style>
</head>
<body>
<div class="minigrad-canvas"><div class="minigrad-picture" id="picture"></div></div>
<p class="minigrad-caption" id="caption"></p>
<div class="minigrad-controls">
  <button id="previous"></button><button id="play"></button><button id="next"></button>
  <input type="range" id="slider" min="0" value="0"><span id="counter"></span>
  <span id="languages"></span>
</div>
<script type="application/json" id="minigrad-frames">{payload}</script>
<script>
{script}
</script>
</body>
</html>
"""
