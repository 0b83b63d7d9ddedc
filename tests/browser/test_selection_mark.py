"""A clicked node gets its mark whichever Graphviz drew the picture: the SVGs of Debian's
and Ubuntu's 2.43, of the 8.x–14.x releases Homebrew and conda-forge ship, and of the
WebAssembly build the widgets carry (graphviz_svgs/, see its README). The real canvas
(canvas.js) shows each SVG, Chromium clicks a node's shape and its text, and the ring must
go around that node, the model must hear its id, and a click beside the graph clears it.
Each SVG goes through what the page does to Graphviz's output (graphviz.js ``finish``)."""
import json
import pathlib

import pytest

from minigrad.lab import renderer

pytestmark = pytest.mark.browser

SVGS = sorted((pathlib.Path(__file__).parent / "graphviz_svgs").glob("graphviz-*.svg"),
              key=lambda p: [int(n) for n in p.stem.split("-")[1].split(".")])

# The canvas, drawing the SVG the test gives instead of asking Graphviz for one.
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head>
<body><div id="canvas"></div>
<script type="application/json" id="engine">{engine}</script>
<script type="module">
{code}
const graphviz = new Graphviz(JSON.parse(document.getElementById("engine").textContent));
window.show = (svg) => {{
  const slot = graphvizSlot();
  slot.started = true;
  slot.resolve({{ render: async () => graphviz.finish(
    new DOMParser().parseFromString(svg, "image/svg+xml").documentElement) }});
  window.model = standInModel({{ frames: [{{ dot: "from the test" }}], words: {{}}, first: 0,
                                total: 0, step: 0, player: false, notice: "", selected: "" }});
  render({{ model: window.model, el: document.getElementById("canvas") }});
}};
</script></body></html>"""

RING_AROUND = """(id) => {
  const node = [...document.querySelectorAll("g.node")].find((n) => n.id === id);
  const rings = document.querySelectorAll(".minigrad-mark");
  if (rings.length !== 1 || rings[0].closest("g.node") !== node) return false;
  const ring = rings[0].getBBox();
  const shapes = [...node.querySelectorAll("polygon, ellipse, path, text")].map((s) => s.getBBox());
  return shapes.every((b) => b.x >= ring.x && b.y >= ring.y &&
    b.x + b.width <= ring.x + ring.width && b.y + b.height <= ring.y + ring.height);
}"""


@pytest.fixture(scope="module")
def canvas_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("selection")
    code = renderer.script("graphviz.js", "canvas.js", "model.js")
    css = (renderer.HERE / "canvas.css").read_text(encoding="utf-8")
    engine = json.dumps(renderer.packed_engine())
    (folder / "canvas.html").write_text(PAGE.format(css=css, code=code, engine=engine),
                                        encoding="utf-8")
    return (folder / "canvas.html").as_uri()


def test_there_are_svgs_of_every_kind():
    versions = [p.stem.split("-")[1] for p in SVGS]
    assert "2.43.0" in versions and renderer.PINNED["graphviz"] in versions and len(versions) >= 8


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.stem)
def test_a_clicked_node_is_marked(browser, canvas_page, svg):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(canvas_page)
    page.wait_for_function("() => window.show")
    page.evaluate("(svg) => window.show(svg)", svg.read_text(encoding="utf-8"))
    page.wait_for_selector(".minigrad-picture svg g.node")
    nodes = page.locator(".minigrad-picture g.node")
    ids = [nodes.nth(i).get_attribute("id") for i in range(nodes.count())]
    assert len(ids) >= 8
    for number, node_id in enumerate(ids):
        node = page.locator(f'.minigrad-picture g.node[id="{node_id}"]')
        # a click on the node's first text, or on its shape near the top, above the text
        if number % 2:
            node.locator("text").first.click(force=True)
        else:
            box = node.bounding_box()
            node.click(position={"x": box["width"] / 2, "y": 4}, force=True)
        assert page.evaluate("() => window.model.get('selected')") == node_id
        assert page.evaluate(RING_AROUND, node_id), f"{svg.name}: no ring around {node_id}"
        assert node.evaluate("(n) => n.classList.contains('minigrad-selected')")
    page.locator(".minigrad-picture svg").click(position={"x": 2, "y": 2})  # beside the nodes
    assert page.evaluate("() => window.model.get('selected')") == ""
    assert page.locator(".minigrad-mark").count() == 0
    page.close()
