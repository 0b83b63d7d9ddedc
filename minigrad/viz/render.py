"""DOT to SVG with Graphviz's ``dot`` program, and a clear message when it is missing."""
import shutil
import subprocess

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
