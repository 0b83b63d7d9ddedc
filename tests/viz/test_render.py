"""Real Graphviz renders (no mocks), clickable ids in the SVG, and life without ``dot``."""
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from minigrad import viz

from .programs import z_of_notes


def test_svg_nodes_carry_the_stable_ids_and_classes(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v))
    ids = re.findall(r'<g id="([^"]+)" class="node ([^"]+)"', svg)
    assert (f"t{id(v['x'])}", "variable leaf") in ids
    assert (f"t{id(v['z'])}", "variable output") in ids
    assert sum(cls == "operation" for _, cls in ids) == 2


def test_highlighted_nodes_are_marked_current(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v, highlight=[f"t{id(v['a'])}"]))
    assert f'<g id="t{id(v["a"])}" class="node variable result current"' in svg


def test_chinese_svg(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v, lang="zh"))
    assert "叶子节点" in svg


def test_to_svg_refuses_what_is_not_a_drawing():
    with pytest.raises(TypeError, match="Digraph"):
        viz.to_svg("digraph { a -> b }")


MISSING_DOT = textwrap.dedent("""
    import minigrad as torch
    from minigrad import viz
    x = torch.tensor(2.0, requires_grad=True)
    z = (x + 1) * x
    try:
        viz.to_svg(viz.draw(z))
    except viz.DotNotFoundError as error:
        print("ERROR", type(error).__mro__[1].__name__)
        print(error)
        print(error.messages["zh"])
    print(viz.to_text(z))
""")


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs dot to be removable from PATH")
def test_without_dot_a_clear_message_and_text_still_works(tmp_path):
    """Run in a subprocess whose PATH has no ``dot`` (but still this Python)."""
    python_dir = os.path.dirname(sys.executable)
    dot_dir = os.path.dirname(shutil.which("dot"))
    path = os.pathsep.join(d for d in (python_dir, "/nonexistent") if d != dot_dir)
    env = dict(os.environ, PATH=path, PYTHONPATH=os.getcwd())
    done = subprocess.run([sys.executable, "-c", MISSING_DOT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "ERROR RuntimeError" in out
    for command in ("apt-get install graphviz", "brew install graphviz",
                    "conda install -c conda-forge graphviz", "winget install graphviz"):
        assert command in out
    assert "找不到 Graphviz" in out
    assert "Traceback" not in out + done.stderr
    # without history (the lab extension's), a plain number is known as "a constant"
    assert "x + constant" in out and "[leaf" in out


def test_the_rows_of_a_matrix_are_left_aligned_down_to_the_last(history):
    """A column vector's values and its .grad: every row starts at the same x (Graphviz
    centres a last line that has no <BR ALIGN="LEFT"/> of its own)."""
    import minigrad as torch
    w = torch.tensor([[-100.25], [-0.5], [0.5], [1.5]], requires_grad=True)  # last row short
    (w * 2).sum().backward()
    svg = viz.to_svg(viz.draw(w, names={"w": w}, legend=False))
    texts = re.findall(r'<text text-anchor="(\w+)" x="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    rows = [(anchor, x) for anchor, x, text in texts
            if any(n in text for n in ("100.25", "0.5000", "1.5000"))]
    assert len(rows) == 4 and len(set(rows)) == 1, texts
