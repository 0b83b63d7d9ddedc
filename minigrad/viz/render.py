"""DOT to SVG with Graphviz's ``dot`` program, and a clear message when it is missing.

``draw`` returns a ``Drawing``: a ``graphviz.Digraph`` that a notebook shows as an SVG
drawn by ``dot`` when it is installed, and otherwise hands to the browser, where
``minigrad.lab`` draws it with Graphviz compiled to WebAssembly.
"""
import shutil
import subprocess

import graphviz

from .errors import DotNotFoundError

TIMEOUT = 120  # seconds; the node cap keeps real graphs far below this


def to_svg(digraph):
    """The SVG text of ``digraph`` (a ``graphviz.Digraph`` from ``draw``)."""
    source = getattr(digraph, "source", None)
    if not isinstance(source, str):
        raise TypeError(f"to_svg() takes the graphviz.Digraph that draw() returns, "
                        f"not {type(digraph).__name__}")
    program = shutil.which("dot")
    if program is None:
        raise DotNotFoundError()
    try:
        done = subprocess.run([program, "-Tsvg"], input=source.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise DotNotFoundError() from None
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz's dot could not draw this graph: "
                           f"{done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")


class Drawing(graphviz.Digraph):
    """A ``graphviz.Digraph`` (``.source``, ``.render()``, ``.pipe()``) that Jupyter shows
    with or without Graphviz installed on the system."""

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        try:
            return {"image/svg+xml": to_svg(self)}
        except DotNotFoundError:
            in_browser = _browser_picture(self.source)
            if in_browser is None:
                raise
            return in_browser


def _browser_picture(dot):
    """The mime bundle of a widget that draws ``dot`` in the browser, or None outside a
    Jupyter kernel or without ``minigrad.lab`` (pip install "minigrad-classroom[lab]")."""
    try:
        from IPython import get_ipython
        if getattr(get_ipython(), "kernel", None) is None:
            return None
        from minigrad.lab.canvas import picture
    except ImportError:
        return None
    return picture(dot)._repr_mimebundle_()
