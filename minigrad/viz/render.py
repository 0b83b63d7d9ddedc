"""DOT to SVG with Graphviz's ``dot`` program, and a clear message when it is missing.

A picture must be readable on a classroom screen: in a notebook at 1280×720 a picture
wider than ``READABLE_WIDTH_PT`` is shrunk until its 13 pt text is under 10 px. Such a
picture is drawn again the other way round (top to bottom instead of left to right, or
the reverse), and the narrower of the two is kept: a tall picture scrolls with the
notebook, a shrunk one cannot be read.
"""
import re
import shutil
import subprocess

from .errors import DotNotFoundError

TIMEOUT = 120  # seconds; the node cap keeps real graphs far below this
# JupyterLab's output area is 848 px wide at 1280×720 with its file browser open (Notebook
# 7's: 1,108 px); shrunk to it, 13 pt text (17.3 px) stays at least 10 px up to this width
# (tests/lab/screen.py; measured in Chromium by tests/lab/test_players_on_screen.py)
READABLE_WIDTH_PT = 1100
TURNED = {"rankdir=LR": "rankdir=TB", "rankdir=TB": "rankdir=LR"}


def to_svg(digraph):
    """The SVG text of ``digraph`` (a ``graphviz.Digraph`` from ``draw``)."""
    source = getattr(digraph, "source", None)
    if not isinstance(source, str):
        raise TypeError(f"to_svg() takes the graphviz.Digraph that draw() returns, "
                        f"not {type(digraph).__name__}")
    program = shutil.which("dot")
    if program is None:
        raise DotNotFoundError()
    svg = _run(program, source)
    direction = re.search(r"rankdir=(LR|TB)", source)
    if width_pt(svg) > READABLE_WIDTH_PT and direction is not None:
        turned = _run(program, source.replace(direction.group(0),
                                              TURNED[direction.group(0)], 1))
        if width_pt(turned) < width_pt(svg):
            return turned
    return svg


def width_pt(svg):
    """The width Graphviz gave a picture, in points."""
    found = re.search(r'<svg width="([\d.]+)pt"', svg)
    return float(found.group(1)) if found else 0.0


def _run(program, source):
    try:
        done = subprocess.run([program, "-Tsvg"], input=source.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise DotNotFoundError() from None
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz's dot could not draw this graph: "
                           f"{done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")
