// Graphviz in the browser: DOT in, a ready-to-show <svg> element out.
//
// The engine is @viz-js/viz (Graphviz compiled to WebAssembly, widgets/vendor/viz.js),
// given to us by the kernel or the exported page, packed (gzip, then base64: ~0.6 MB
// where the file as a JSON string is ~3.7 MB): nothing is fetched. It runs in a Web
// Worker, so a big layout never delays a click; where a worker cannot start, it runs on
// the page instead.
//
// WebAssembly Graphviz has no fonts: it estimates each text's width from a table of
// character widths for the font named in the DOT (a byte above 127 counts as a space).
// The page then draws with real fonts, so a text can come out wider than the box laid
// out for it. fitText compares each text with Graphviz's own estimate (the table is
// read from the engine itself) and squeezes the few that would overflow.

// Every widget on a page (and every kernel's widgets) shares one engine.
const SLOT = Symbol.for("minigrad.graphviz");

function graphvizSlot() {
  if (!globalThis[SLOT]) {
    let resolve;
    const ready = new Promise((r) => { resolve = r; });
    globalThis[SLOT] = { ready, resolve, started: false };
  }
  return globalThis[SLOT];
}

// The fonts the page draws graph text with, for each font the DOT names (viz/dot.py):
// fonts whose widths are those Graphviz estimates for it. Verdana's estimate leaves room
// for a full-width Chinese character (3 bytes × a space = 1.06 em); Courier's (0.6 em a
// character) is the width of every common monospace font.
const CHINESE_FONTS = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", ' +
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"';
const PAGE_FONTS = {
  Verdana: `Verdana, "DejaVu Sans", "Bitstream Vera Sans", ${CHINESE_FONTS}, sans-serif`,
  Courier: `"DejaVu Sans Mono", Menlo, "Liberation Mono", "Courier New", ${CHINESE_FONTS}, monospace`,
};
const pageFonts = (font) => PAGE_FONTS[font] || `"${font}", ${PAGE_FONTS.Verdana}`;

// The narrowest a picture may be shown, in CSS px (the rule of minigrad/viz/readable.py):
// it shrinks to fit the page, but never so far that its smallest text gets under 10 px;
// a wider picture keeps that width and the canvas scrolls sideways. Graphviz writes
// sizes in points (1 pt = 4/3 px).
function readableWidth(svg) {
  const MIN_TEXT_PX = 10, PX_PER_PT = 4 / 3;
  const width = parseFloat(svg.getAttribute("width")) * PX_PER_PT;
  const sizes = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim())
    .map((t) => parseFloat(t.getAttribute("font-size"))).filter((size) => size > 0);
  if (!sizes.length || !(width > 0)) return 0;
  return width * Math.min(1, MIN_TEXT_PX / (Math.min(...sizes) * PX_PER_PT));
}

// What the worker runs after the engine's own module code (which defines `instance`).
const WORKER_MAIN = `
const engine = instance();
self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ id: data.id, result: serve(await engine, data) });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message || error) });
  }
};
`;

// Shared by the worker and the page fallback: answer one request with the engine.
function serve(viz, request) {
  if (request.dot !== undefined) return viz.renderString(request.dot, { format: "svg" });
  return characterWidths(viz, request.font);
}

// Graphviz's width, at 1 pt, of each ASCII character in `font`: regular, bold, italic,
// bold italic. Measured as Graphviz measures: "X" + c + "X" minus "XX".
function characterWidths(viz, font) {
  const variants = [["", ""], ["<B>", "</B>"], ["<I>", "</I>"], ["<B><I>", "</I></B>"]];
  const escape = (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c] || c;
  const nodes = [];
  for (const [open, close] of variants) {
    nodes.push(`<${open}XX${close}>`);
    for (let code = 32; code < 127; code++) {
      nodes.push(`<${open}X${escape(String.fromCharCode(code))}X${close}>`);
    }
  }
  const dot = `digraph { node [shape=plaintext fontsize=100 fontname=${JSON.stringify(font)}] ` +
    nodes.map((label, i) => `n${i} [label=${label}]`).join(" ") + " }";
  const widthOf = {};
  for (const object of JSON.parse(viz.renderString(dot, { format: "json" })).objects) {
    widthOf[object.name] = object._ldraw_.filter((op) => op.op === "T")
      .reduce((sum, op) => sum + op.width, 0) / 100;
  }
  const tables = [];
  for (let v = 0; v < variants.length; v++) {
    const first = v * 96;
    const table = new Array(128).fill(0);
    for (let code = 32; code < 127; code++) {
      table[code] = widthOf[`n${first + code - 31}`] - widthOf[`n${first}`];
    }
    tables.push(table);
  }
  return tables;
}

// The engine's code as a Blob, from its packed form.
async function unpack(packed) {
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).blob();
}

const script = (parts) => URL.createObjectURL(new Blob(parts, { type: "text/javascript" }));

// The engine behind one page: render(dot) -> Promise<SVGSVGElement>, one at a time.
class Graphviz {
  constructor(packed) {
    this.pending = new Map();
    this.counter = 0;
    this.widths = new Map();  // font name -> Promise of its four width tables
    this.engine = unpack(packed);
    this.backend = this.engine.then((code) => this.startWorker(code) || this.startHere(code));
  }

  startWorker(code) {
    try {
      const worker = new Worker(script([code, `\n${serve}\n${characterWidths}\n${WORKER_MAIN}`]),
                                { type: "module" });
      worker.onmessage = ({ data }) => this.settle(data);
      worker.onerror = () => {  // blocked by the page's rules: draw on the page after all
        worker.terminate();
        this.backend = Promise.resolve(this.startHere(code));
        this.backend.then((run) => { for (const [id, job] of this.pending) run(id, job.request); });
      };
      return (id, request) => worker.postMessage({ id, ...request });
    } catch (error) {
      return null;
    }
  }

  startHere(code) {
    const engine = import(script([code])).then((module) => module.instance());
    return (id, request) => engine.then((viz) => {
      let answer;
      try {
        answer = { id, result: serve(viz, request) };
      } catch (error) {
        answer = { id, error: String(error && error.message || error) };
      }
      this.settle(answer);
    });
  }

  ask(request) {
    const id = ++this.counter;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, request });
      this.backend.then((run) => run(id, request), reject);
    });
  }

  settle({ id, result, error }) {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    if (error === undefined) job.resolve(result);
    else job.reject(new Error(error));
  }

  async render(dot) {
    const text = await this.ask({ dot });
    return this.finish(new DOMParser().parseFromString(text, "image/svg+xml").documentElement);
  }

  // Graphviz's SVG (any version's), ready for the page.
  async finish(svg) {
    if (svg.nodeName !== "svg") throw new Error("Graphviz gave no picture");
    await this.fitText(svg);
    // A click inside a node counts even where its shape is not filled (an operation's
    // circle). Set once here: a style rule matching every element would cost each step.
    for (const shape of svg.querySelectorAll("g.node :is(polygon, ellipse, path, polyline)")) {
      shape.setAttribute("pointer-events", "visible");
    }
    svg.style.minWidth = `${Math.round(readableWidth(svg))}px`;
    return svg;
  }

  tablesFor(font) {
    if (!this.widths.has(font)) this.widths.set(font, this.ask({ font }));
    return this.widths.get(font);
  }

  // Draw every text in the page's fonts for its DOT font, and squeeze the ones wider than
  // the room Graphviz laid out for them: its estimate of their width, or, for a line
  // alone in its node, the node's width there (Graphviz takes each byte above ASCII for
  // a space, so an operation's × is estimated at 84% of its width, in a circle twice as
  // wide). Such a line stays centred where Graphviz centred its estimate.
  async fitText(svg) {
    const context = (this.context ||= document.createElement("canvas").getContext("2d"));
    const bytes = new TextEncoder();
    for (const text of svg.querySelectorAll("text")) {
      const content = text.textContent;
      // Graphviz writes a PostScript font with its generic family ("Courier,monospace"):
      // the DOT's font is the first name.
      const font = text.getAttribute("font-family")?.split(",")[0].trim();
      if (!font) continue;
      const family = pageFonts(font);
      text.style.fontFamily = family;
      if (!content.trim()) continue;
      const bold = text.getAttribute("font-weight") === "bold";
      const italic = text.getAttribute("font-style") === "italic";
      const table = (await this.tablesFor(font))[(bold ? 1 : 0) + (italic ? 2 : 0)];
      const size = parseFloat(text.getAttribute("font-size")) || 14;
      let estimate = 0;
      for (const byte of bytes.encode(content)) estimate += table[byte < 128 ? byte : 32];
      estimate *= size;
      context.font = `${italic ? "italic " : ""}${bold ? "bold " : ""}${size}px ${family}`;
      const natural = context.measureText(content).width;
      if (natural <= estimate + 0.01) continue;
      const anchor = text.getAttribute("text-anchor") || "start";
      const centre = parseFloat(text.getAttribute("x")) +
        { start: estimate / 2, middle: 0, end: -estimate / 2 }[anchor];
      const width = Math.min(natural, Math.max(estimate, lineRoom(text, centre, size)));
      text.setAttribute("text-anchor", "middle");
      text.setAttribute("x", centre.toFixed(2));
      if (natural > width + 0.01) {
        text.setAttribute("textLength", width.toFixed(2));
        text.setAttribute("lengthAdjust", "spacingAndGlyphs");
      }
    }
  }
}

// The width a text centred at x = `centre` has in its node's outline if it is alone on
// its line (0 if it shares it): the outline's width at the line's height, less a margin
// each side. Read from the SVG's attributes: the picture is not on the page yet.
function lineRoom(text, centre, size) {
  const node = text.closest("g.node");
  if (!node) return 0;
  const baseline = text.getAttribute("y");
  if ([...node.querySelectorAll("text")].some((other) => other !== text &&
      other.getAttribute("y") === baseline && other.textContent.trim())) return 0;
  const MARGIN = 4;  // pt: Graphviz's own gap between a label and its shape
  const y = parseFloat(baseline);
  const ellipse = node.querySelector("ellipse");  // the inner one, if it is doubled
  if (ellipse) {
    const [cx, cy, rx, ry] = ["cx", "cy", "rx", "ry"].map((a) => parseFloat(ellipse.getAttribute(a)));
    // the line's edge farthest from the centre: a full size above its baseline, a quarter below
    const reach = Math.max(Math.abs(y - size - cy), Math.abs(y + size / 4 - cy));
    if (reach >= ry) return 0;
    const half = rx * Math.sqrt(1 - (reach / ry) ** 2) - Math.abs(centre - cx);
    return Math.max(0, 2 * (half - MARGIN));
  }
  const outline = node.querySelector("polygon, path");
  if (!outline) return 0;
  const numbers = (outline.getAttribute("points") || outline.getAttribute("d")).match(/-?[\d.]+/g);
  const xs = numbers.filter((_, i) => i % 2 === 0).map(Number);
  return Math.max(0, 2 * (Math.min(centre - Math.min(...xs), Math.max(...xs) - centre) - MARGIN));
}

// Start the page's engine from its packed code (once; later calls are ignored).
function startGraphviz(packed) {
  const slot = graphvizSlot();
  if (!slot.started) {
    slot.started = true;
    slot.resolve(new Graphviz(packed));
  }
  return slot.ready;
}
