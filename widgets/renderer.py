"""Graphviz for the browser: the WebAssembly engine the graph canvases draw with.

``widgets/vendor/viz.js`` is @viz-js/viz (Graphviz compiled to WebAssembly), shipped in
the package and pinned in ``vendor/viz.json``; ``scripts/build_renderer.py`` rebuilds it.
A kernel sends it to the page once, as the state of one hidden widget (``shared()``);
the page starts it in a Web Worker and every canvas draws its DOT with it, so pictures
need no Graphviz installed on the system and nothing is fetched from the internet.
"""
import base64
import functools
import gzip
import json
import pathlib

import anywidget
import traitlets

HERE = pathlib.Path(__file__).parent
VENDOR = HERE / "vendor"
PINNED = json.loads((VENDOR / "viz.json").read_text(encoding="utf-8"))


def script(*names):
    """The front-end files ``names`` as one ES module (anywidget loads one file per widget)."""
    return "\n".join((HERE / name).read_text(encoding="utf-8") for name in names)


@functools.lru_cache(maxsize=1)
def packed_engine():
    """The engine (an ES module with the WebAssembly inside, ~1.2 MB) as the page gets it:
    gzip, then base64, ~0.6 MB of plain ASCII (as a JSON string the file would be ~3.7 MB:
    its WebAssembly is written as escaped bytes)."""
    return base64.b64encode(gzip.compress((VENDOR / "viz.js").read_bytes(), 6)).decode("ascii")


class Renderer(anywidget.AnyWidget):
    """Never displayed: its model carries the engine (packed) to the page and starts it."""

    _esm = script("graphviz.js", "renderer.js")
    engine = traitlets.Unicode().tag(sync=True)
    version = traitlets.Unicode(PINNED["version"]).tag(sync=True)


_shared = {}


def shared():
    """The kernel's one Renderer (made on first use)."""
    if "renderer" not in _shared:
        _shared["renderer"] = Renderer(engine=packed_engine())
    return _shared["renderer"]
