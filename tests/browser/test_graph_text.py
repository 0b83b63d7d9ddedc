"""Every text of every lesson graph, drawn by the browser's Graphviz, is there and inside
its box, in Chinese and in English, with no Graphviz installed on the system.

WebAssembly Graphviz lays text out from estimated widths; the page draws it with real
fonts. Here each lesson's every view and player frame (both views, both languages, as
the widgets send them) is drawn in JupyterLab in Chromium, with no ``dot`` on the PATH,
by the widgets' own code (graphviz.js) in a widget's picture (its styles), and each text
is measured by its ink: it must show every character its DOT label has (none blank), sit
inside the outline of its node (inside the circle, for an operation) or the picture,
cross no line (a row's rule, a swatch, an edge) and no other text, and be squeezed to
no less than 90% of its width. A few pictures are kept as screenshots in
artifacts/browser/ to be looked at.
"""
import os

import pytest

from .dot_texts import expected_texts
from .jupyter import SLOW, open_notebook, path_without, run_all
from .lesson_graphs import harvest, lesson_notebooks

pytestmark = pytest.mark.browser

# Runs in the page for each DOT text: draw it, measure every text, report what is wrong.
# A text is measured by its ink (the canvas's measure of the glyphs in the font the page
# chose), not by its font's line box: a 40 pt "·" is a small dot in the middle of its
# circle, though its line box is taller than the circle.
MEASURE = r"""async ([name, dot, expected]) => {
  const graphviz = await globalThis[Symbol.for("minigrad.graphviz")].ready;
  const svg = await graphviz.render(dot);
  document.getElementById("stage").replaceChildren(svg);
  const problems = [];
  const say = (where, text, what) => problems.push(`${name}: ${where} "${text}" ${what}`);
  const SLACK = 0.75;  // pt: anti-aliasing, and the strokes' own width
  const graph = svg.querySelector("g.graph");
  const context = document.createElement("canvas").getContext("2d");
  const visible = (text) => text.replace(/\s+/g, "");

  // The box the glyphs of `text` cover, in the graph's coordinates; and how much
  // graphviz.js squeezed it (1: not at all).
  const ink = (text) => {
    const style = getComputedStyle(text);
    const size = parseFloat(text.getAttribute("font-size"));
    context.font = `${style.fontStyle} ${style.fontWeight} ${size}px ${style.fontFamily}`;
    const m = context.measureText(text.textContent);
    const drawn = text.getBBox();  // the advance box, where the page really put the text
    const squeeze = text.hasAttribute("textLength") ? drawn.width / m.width : 1;
    const baseline = parseFloat(text.getAttribute("y"));
    const left = drawn.x - m.actualBoundingBoxLeft * squeeze;
    const right = drawn.x + m.actualBoundingBoxRight * squeeze;
    return { x: left, y: baseline - m.actualBoundingBoxAscent, width: right - left,
             height: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent, squeeze };
  };
  const inside = (inner, outer) => inner.x >= outer.x - SLACK &&
    inner.x + inner.width <= outer.x + outer.width + SLACK &&
    inner.y >= outer.y - SLACK && inner.y + inner.height <= outer.y + outer.height + SLACK;
  const insideEllipse = (b, e) => [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
    [b.x + b.width, b.y + b.height]].every(([x, y]) =>
      ((x - e.cx) / (e.rx + SLACK)) ** 2 + ((y - e.cy) / (e.ry + SLACK)) ** 2 <= 1);
  const overlap = (a, b) => a.x + SLACK < b.x + b.width && b.x + SLACK < a.x + a.width &&
    a.y + SLACK < b.y + b.height && b.y + SLACK < a.y + a.height;
  // Does the segment (x1,y1)-(x2,y2) pass through the inside of box b (Liang-Barsky)?
  const crosses = (b, [x1, y1], [x2, y2]) => {
    const box = { x0: b.x + SLACK, x1: b.x + b.width - SLACK,
                  y0: b.y + SLACK, y1: b.y + b.height - SLACK };
    if (box.x0 >= box.x1 || box.y0 >= box.y1) return false;
    let t0 = 0, t1 = 1;
    const dx = x2 - x1, dy = y2 - y1;
    for (const [p, q] of [[-dx, x1 - box.x0], [dx, box.x1 - x1], [-dy, y1 - box.y0],
                          [dy, box.y1 - y1]]) {
      if (p === 0) { if (q < 0) return false; continue; }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
    return true;
  };
  // Every straight line drawn (boxes, rules between a node's rows, legend swatches,
  // arrowheads) as segments; every curve (edges, rounded corners) as points along it.
  const segments = [];
  for (const shape of graph.querySelectorAll("polygon, polyline")) {
    const corners = [...shape.points].map((pt) => [pt.x, pt.y]);
    for (let i = 1; i < corners.length; i++) segments.push([corners[i - 1], corners[i]]);
  }
  const curves = [...graph.querySelectorAll("path")].map((path) => [path, path.getBBox()]);
  const sampled = new Map();
  const along = (path) => {
    if (!sampled.has(path)) {
      const length = path.getTotalLength(), points = [];
      for (let at = 0; at <= length; at += 1) {
        const pt = path.getPointAtLength(at);
        points.push([pt.x, pt.y]);
      }
      sampled.set(path, points);
    }
    return sampled.get(path);
  };
  // (a node's own outline is not sampled for its texts: they are checked to be inside it)
  const curvePoints = (near, node) => curves.filter(([path, box]) =>
    path.closest("g.node") !== node && overlap(box, near)).flatMap(([path]) => along(path));

  const owner = (text) => {
    const group = text.closest("g.node, g.edge, g.cluster");
    if (!group) return "graph";
    if (group.classList.contains("node")) return `node ${group.id}`;
    return `${group.classList.contains("edge") ? "edge" : "cluster"} ` +
      group.querySelector("title").textContent;
  };
  const shown = {};
  const measured = [];
  let texts = 0, tightest = 1;
  for (const text of graph.querySelectorAll("text")) {
    const where = owner(text);
    shown[where] = (shown[where] || "") + visible(text.textContent);
    if (!text.textContent.trim()) continue;
    texts++;
    const b = ink(text);
    tightest = Math.min(tightest, b.squeeze);
    measured.push([text, b, where]);
    if (!(b.width > 0 && b.height > 0)) { say(where, text.textContent, "has no ink"); continue; }
    if (b.squeeze < 0.9) say(where, text.textContent,
      `is squeezed to ${(100 * b.squeeze).toFixed(0)}% of its width`);
    const node = text.closest("g.node");
    if (node) {
      const outline = [...node.querySelectorAll("polygon, ellipse, path, polyline")]
        .map((shape) => [shape, shape.getBBox()])
        .sort(([, a], [, c]) => c.width * c.height - a.width * a.height)[0];
      if (outline && outline[0].tagName === "ellipse") {
        const e = outline[0];
        const circle = { cx: e.cx.baseVal.value, cy: e.cy.baseVal.value,
                         rx: e.rx.baseVal.value, ry: e.ry.baseVal.value };
        if (!insideEllipse(b, circle)) say(where, text.textContent, "goes outside its ellipse");
      } else if (outline && !inside(b, outline[1])) {
        say(where, text.textContent, `goes outside its box (${b.x.toFixed(1)}..` +
          `${(b.x + b.width).toFixed(1)} in ${outline[1].x.toFixed(1)}..` +
          `${(outline[1].x + outline[1].width).toFixed(1)})`);
      }
    }
    if (segments.some(([p, q]) => crosses(b, p, q)) || curvePoints(b, node).some((p) => crosses(b, p, p)))
      say(where, text.textContent, "has a line through it");
  }
  // the picture, in the graph's coordinates (the graph group is moved by its transform)
  const [vx, vy, vw, vh] = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
  const matrix = graph.transform.baseVal.consolidate()?.matrix;
  const whole = { x: vx - (matrix?.e || 0), y: vy - (matrix?.f || 0), width: vw, height: vh };
  for (let i = 0; i < measured.length; i++) {
    const [text, b, where] = measured[i];
    if (!inside(b, whole)) say(where, text.textContent, "goes outside the picture");
    for (let j = i + 1; j < measured.length; j++) {
      if (overlap(b, measured[j][1])) {
        say(where, text.textContent, `runs into "${measured[j][0].textContent}"`);
      }
    }
  }
  // a box with nothing in it (a constant whose value nothing kept, drawn as a space)
  for (const node of graph.querySelectorAll("g.node")) {
    if (!visible([...node.querySelectorAll("text")].map((t) => t.textContent).join(""))) {
      say(`node ${node.id}`, "", "is an empty box");
    }
  }
  for (const where of new Set([...Object.keys(expected), ...Object.keys(shown)])) {
    if ((expected[where] || "") !== (shown[where] || "")) {
      say(where, shown[where] || "", `should show "${expected[where] || ""}"`);
    }
  }
  return { problems, texts, tightest };
}"""


# A live view, so the page has loaded the widgets (their Graphviz and their styles)
SHOW = ("%load_ext minigrad\n"
        "import minigrad as torch\n"
        "from minigrad.lab import show\n"
        "import shutil\n"
        "print('dot on the PATH:', shutil.which('dot') is not None)\n"
        "show(torch.tensor(2.0, requires_grad=True) * 3)")
# Beside it, a stage styled as a widget's picture, where MEASURE draws
STAGE = """() => {
  const stage = document.createElement("div");
  stage.id = "stage";
  stage.className = "minigrad-picture";
  document.querySelector(".minigrad-live").append(stage);
}"""


@pytest.fixture(scope="module")
def graph_page(browser, server_without_dot):
    """JupyterLab at 1280×720, its kernel without Graphviz's ``dot``, a live view shown."""
    page = open_notebook(browser, server_without_dot, "graph_text", [SHOW])
    page.set_viewport_size({"width": 1280, "height": 720})
    run_all(page)
    page.wait_for_selector(".jp-OutputArea-output:has-text('dot on the PATH: False')",
                           timeout=SLOW)
    page.wait_for_selector(".minigrad-live .minigrad-picture svg g.node", timeout=SLOW)
    page.evaluate(STAGE)
    yield page
    page.close()


@pytest.fixture(scope="module")
def lesson_graphs(tmp_path_factory):
    """Every DOT text the lessons' widgets send, made with no ``dot`` on the PATH."""
    path = os.environ["PATH"]
    os.environ["PATH"] = path_without("dot", tmp_path_factory.mktemp("no_dot"))
    try:
        return harvest(lesson_notebooks())
    finally:
        os.environ["PATH"] = path


def measure(page, where, dot, expected=None):
    return page.evaluate(MEASURE, [where, dot, expected or expected_texts(dot)])


def test_every_text_of_every_lesson_graph_is_shown_inside_its_box(graph_page, lesson_graphs):
    views = [where.split(", ")[2] for where in lesson_graphs.values()]
    # every lesson shows graphs, in both views and both languages
    assert views.count("dataflow") > 100 and views.count("autograd") > 100, len(views)
    problems, texts, tightest = [], 0, 1
    for dot, where in lesson_graphs.items():
        measured = measure(graph_page, where, dot)
        problems += measured["problems"]
        texts += measured["texts"]
        tightest = min(tightest, measured["tightest"])
    print(f"{len(lesson_graphs)} graphs, {texts} texts measured; the most squeezed is "
          f"drawn at {100 * tightest:.1f}% of its width")
    assert problems == [], "\n".join(problems[:40])


def test_the_measure_finds_a_text_out_of_place(graph_page):
    """A value wider than its (fixed-size) box, a text squeezed to 84% (six ×, which
    Graphviz takes for two spaces each, beside another text), a constant whose "2."
    is not drawn and a box with only a space in it are each reported."""
    dot = "\n".join(["digraph {", "node [fontname=Verdana fontsize=13 shape=box]",
                     'narrow [id=narrow fixedsize=true width=0.5 label="[0., 4., 8., 12.]"]',
                     "squeezed [id=squeezed label=<××××××<B>x</B>>]",
                     'constant [id=constant label=""]',
                     'blank [id=blank label=<<TABLE><TR><TD>&#160;</TD></TR></TABLE>>]', "}"])
    problems = measure(graph_page, "made up", dot,
                       {**expected_texts(dot), "node constant": "2."})["problems"]
    for wanted in ('node narrow "[0., 4., 8., 12.]" goes outside its box',
                   'node narrow "[0., 4., 8., 12.]" has a line through it',
                   'node squeezed "××××××" is squeezed to 84%',
                   'node constant "" should show "2."',
                   'node blank "" is an empty box'):
        assert any(wanted in problem for problem in problems), (wanted, "\n".join(problems))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_graph_drawn_without_the_extension_shows_its_constants(graph_page, lang):
    """viz.draw in a plain Python session (no %load_ext minigrad, so nothing recorded the
    3 that was added): its box says "constant", it is not left blank."""
    import minigrad as torch
    from minigrad import viz
    from minigrad.viz.history import history
    was_on = history.enabled
    history.disable()
    try:
        u, w = torch.tensor(2.0, requires_grad=True), torch.tensor(4.0, requires_grad=True)
        dot = viz.draw((u + 3) * w, lang=lang).source
    finally:
        if was_on:
            history.enable()
    assert measure(graph_page, f"viz.draw, {lang}", dot)["problems"] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_lesson_frame_looks_right(graph_page, lesson_graphs, artifacts, lang):
    """Lesson 2's player's last frame and lesson 6's control-flow view, for the eye."""
    for lesson, keep in (("02_backward", -1), ("06_control_flow", 0)):
        graphs = [dot for dot, where in lesson_graphs.items()
                  if where.startswith(f"{lang}/{lesson}.ipynb") and f", dataflow, {lang}" in where]
        assert measure(graph_page, lesson, graphs[keep])["problems"] == []
        graph_page.locator("#stage svg").screenshot(path=artifacts / f"graph_{lesson}_{lang}.png")


def test_a_wide_picture_keeps_its_text_readable_and_scrolls(graph_page):
    """minigrad.viz.readable's rule, applied by the page to the SVG it drew: shrunk to fit
    at most until its smallest text is 10 px, then wider than the screen (it scrolls)."""
    import minigrad as torch
    from minigrad import viz
    from minigrad.viz import readable
    terms = [torch.tensor(float(k), requires_grad=True) for k in range(30)]
    total = sum(t * float(k + 2) for k, t in enumerate(terms))  # 30 products side by side
    measure(graph_page, "wide", viz.draw(total, names={}).source)
    svg = graph_page.evaluate("() => document.querySelector('#stage svg').outerHTML")
    shown = graph_page.evaluate("() => parseFloat(document.querySelector('#stage svg').style.minWidth)")
    # the page rounds to whole pixels (JavaScript rounds 0.5 up, Python to even)
    assert abs(shown - readable.min_width_px(svg)) <= 0.5
    assert shown > readable.AVAILABLE_PX
