"""DOT to SVG with Graphviz's ``dot`` program, and a clear message when it is missing.

A picture must be readable on a classroom screen (``readable.fits``: shown in a notebook at
1280×720, its text stays at least 10 px without scrolling sideways). One that does not fit
is drawn again the other way round (left to right instead of top to bottom, or the
reverse), and the one that needs less width is kept: a tall picture scrolls with the
notebook (twelve inputs side by side are too wide top to bottom, narrow left to right).
"""
import re
import shutil
import subprocess

from . import readable
from .errors import DotNotFoundError

TIMEOUT = 120  # seconds; the node cap keeps real graphs far below this
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
    if direction is not None and not readable.fits(svg):
        turned = _run(program, source.replace(direction.group(0),
                                              TURNED[direction.group(0)], 1))
        if readable.min_width_px(turned) < readable.min_width_px(svg):
            return turned
    return svg


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
