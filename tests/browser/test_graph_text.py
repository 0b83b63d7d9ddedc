"""Every text of every lesson graph, drawn by the browser's Graphviz, is inside its box and
visible, in Chinese and in English.

WebAssembly Graphviz lays text out from estimated widths; the page draws it with real
fonts. Here each lesson's every view and player frame (both views, both languages) is
drawn in Chromium with the widgets' own code (graphviz.js), and each text is measured:
it must have a width, sit inside the outline of its node (or inside the picture, for the
legend and edge labels), and not run into the next text on its line. A few pictures are
kept as screenshots at 1280×720 in artifacts/browser/ to be looked at.
"""
import json

import pytest

from minigrad.lab import renderer

from .lesson_graphs import harvest, lesson_notebooks

pytestmark = pytest.mark.browser

# Runs in the page for each DOT text: draw it, measure every text, report what is wrong.
MEASURE = r"""async ([name, dot]) => {
  const graphviz = await graphvizSlot().ready;
  const svg = await graphviz.render(dot);
  document.getElementById("stage").replaceChildren(svg);
  const problems = [];
  const say = (where, text, what) => problems.push(`${name}: ${where} "${text}" ${what}`);
  const box = (element) => element.getBBox();
  const inside = (inner, outer, slack = 0.75) => inner.x >= outer.x - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y >= outer.y - slack && inner.y + inner.height <= outer.y + outer.height + slack;
  const [vx, vy, vw, vh] = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
  const whole = { x: vx, y: vy, width: vw, height: vh };
  const graph = svg.querySelector("g.graph");
  let texts = 0;
  for (const node of svg.querySelectorAll("g.node")) {
    const outlines = [...node.querySelectorAll("polygon, ellipse, path, polyline")]
      .map(box).sort((a, b) => b.width * b.height - a.width * a.height);
    const label = [...node.querySelectorAll("text")].filter((t) => t.textContent.trim());
    if (!label.length) say(node.id, "", "has no text at all");
    const lines = new Map();
    for (const text of label) {
      texts++;
      const b = box(text);
      if (!(b.width > 0 && b.height > 0)) say(node.id, text.textContent, "has no size");
      if (outlines.length && !inside(b, outlines[0])) say(node.id, text.textContent,
        `goes outside its box (${b.x.toFixed(1)}..${(b.x + b.width).toFixed(1)} in ` +
        `${outlines[0].x.toFixed(1)}..${(outlines[0].x + outlines[0].width).toFixed(1)})`);
      const y = text.getAttribute("y");
      lines.set(y, [...(lines.get(y) || []), b]);
    }
    for (const spans of lines.values()) {
      spans.sort((a, b) => a.x - b.x);
      for (let i = 1; i < spans.length; i++) {
        if (spans[i - 1].x + spans[i - 1].width > spans[i].x + 0.75) {
          say(node.id, "", "has two texts on one line that overlap");
        }
      }
    }
  }
  for (const text of graph.querySelectorAll("text")) {
    if (!text.textContent.trim() || text.closest("g.node")) continue;
    texts++;
    const b = box(text);
    // the picture's own coordinates: the graph group is moved by its transform
    const matrix = graph.transform.baseVal.consolidate()?.matrix;
    const moved = matrix ? { x: b.x + matrix.e, y: b.y + matrix.f, width: b.width,
                             height: b.height } : b;
    if (!(b.width > 0)) say("text", text.textContent, "has no size");
    if (!inside(moved, whole)) say("text", text.textContent, "goes outside the picture");
  }
  return { problems, texts };
}"""


@pytest.fixture(scope="module")
def graph_page(browser, tmp_path_factory):
    """A page with the widgets' Graphviz and nothing else, at 1280×720."""
    folder = tmp_path_factory.mktemp("graphs")
    engine = json.dumps(renderer.packed_engine())
    (folder / "graphs.html").write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<style>body {{ margin: 8px; }} svg {{ max-width: 100%; height: auto; }}</style></head>
<body><div id="stage"></div>
<script type="application/json" id="engine">{engine}</script>
<script type="module">
{renderer.script("graphviz.js")}
window.graphvizSlot = graphvizSlot;
startGraphviz(JSON.parse(document.getElementById("engine").textContent));
</script></body></html>""", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto((folder / "graphs.html").as_uri())
    page.wait_for_function("() => window.graphvizSlot")
    yield page
    page.close()


def test_every_text_of_every_lesson_graph_is_inside_its_box(graph_page, artifacts):
    graphs = harvest(lesson_notebooks())
    assert len(graphs) > 100  # every lesson shows graphs; both views, both languages
    problems, texts = [], 0
    for dot, where in graphs.items():
        measured = graph_page.evaluate(MEASURE, [where, dot])
        problems += measured["problems"]
        texts += measured["texts"]
    print(f"{len(graphs)} graphs, {texts} texts measured")
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_lesson_frame_looks_right(graph_page, artifacts, lang):
    """The lesson 2 player's last frame and lesson 6's control-flow view, for the eye."""
    for lesson, keep in (("02_backward", -1), ("06_control_flow", 0)):
        graphs = [dot for dot, where in harvest([lesson_notebooks()[0].parent / lang /
                                                  f"{lesson}.ipynb"]).items()
                  if f", dataflow, {lang}" in where]
        graph_page.evaluate(MEASURE, ["screenshot", graphs[keep]])
        graph_page.screenshot(path=artifacts / f"graph_{lesson}_{lang}.png")


def test_a_wide_picture_keeps_its_text_readable_and_scrolls(graph_page):
    """minigrad.viz.readable's rule, applied by the page to the SVG it drew: shrunk to fit
    at most until its smallest text is 10 px, then wider than the screen (it scrolls)."""
    import minigrad as torch
    from minigrad import viz
    from minigrad.viz import readable
    terms = [torch.tensor(float(k), requires_grad=True) for k in range(30)]
    total = sum(t * float(k + 2) for k, t in enumerate(terms))  # 30 products side by side
    graph_page.evaluate(MEASURE, ["wide", viz.draw(total, names={}).source])
    svg = graph_page.evaluate("() => document.querySelector('#stage svg').outerHTML")
    shown = graph_page.evaluate("() => parseFloat(document.querySelector('#stage svg').style.minWidth)")
    assert shown == round(readable.min_width_px(svg)) > readable.AVAILABLE_PX
