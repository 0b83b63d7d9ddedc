// The graph canvas: a picture (a live view) or a sequence of frames with captions and
// Previous / Play / Next (a player), drawn in the browser from DOT by Graphviz (see
// graphviz.js). Every frame is on the page, so stepping never waits for the kernel;
// the step and clicked nodes are written back to the model for the Python side.
//
// The same code runs the exported player page, with a stand-in model (page.js).

const SPEEDS = [["0.5×", 2400], ["1×", 1200], ["2×", 600], ["4×", 300]];  // ms a frame

function render({ model, el }) {
  const make = (tag, className, parent) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (parent) parent.append(element);
    return element;
  };
  el.classList.add("minigrad-canvas");
  // Controls and caption above the picture: on a 1280 × 720 projector a frame can be
  // taller than the screen, and Next and the caption must stay where the eye is.
  const notice = make("div", "minigrad-notice", el);
  const controls = make("div", "minigrad-controls", el);
  const caption = make("p", "minigrad-caption", el);
  const picture = make("div", "minigrad-picture", el);
  const previous = make("button", "jupyter-button minigrad-previous", controls);
  const play = make("button", "jupyter-button minigrad-play", controls);
  const next = make("button", "jupyter-button minigrad-next", controls);
  const slider = make("input", "minigrad-slider", controls);
  slider.type = "range";
  slider.min = 0;
  const counter = make("span", "minigrad-counter", controls);
  const speedLabel = make("label", "minigrad-speed", controls);
  const speedWord = make("span", "", speedLabel);
  const speed = make("select", "", speedLabel);
  for (const [label, ms] of SPEEDS) speed.append(new Option(label, ms, ms === 1200, ms === 1200));

  let pictures = new Map();  // DOT text -> { svg?, error?, promise }: every frame, drawn once
  let timer = null;
  let problem = "";          // a drawing error, said above the picture

  const frames = () => model.get("frames");
  const words = () => model.get("words");
  const total = () => model.get("total") || frames().length;
  const position = () => model.get("step") - model.get("first");  // index into frames()

  function draw(dot) {
    if (!pictures.has(dot)) {
      const entry = {};
      entry.promise = graphvizSlot().ready.then((graphviz) => graphviz.render(dot)).then(
        (svg) => { entry.svg = svg; share(svg); },
        (error) => { entry.error = error.message; }).then(counted);
      pictures.set(dot, entry);
    }
    return pictures.get(dot);
  }

  // One scale for every frame of a player, the one that fits its widest and its tallest
  // frame (canvas.css): a node keeps its size as the student steps through. Each picture
  // gets its width as a share of the widest frame's and of the tallest frame's height.
  let widest = 0, tallest = 0;
  const sizeOf = (svg) => ["width", "height"].map((k) => parseFloat(svg.getAttribute(k)) || 0);
  function scaleTo(svg) {
    const [width] = sizeOf(svg);
    svg.style.setProperty("--minigrad-of-widest", width / widest);
    svg.style.setProperty("--minigrad-per-tallest", width / tallest);
  }
  function share(svg) {
    const [width, height] = sizeOf(svg);
    if (width > widest || height > tallest) {
      reshare();
    } else if (width > 0) {
      scaleTo(svg);
    }
  }
  function reshare() {
    const drawn = [...pictures.values()].filter((e) => e.svg).map((e) => e.svg);
    widest = Math.max(0, ...drawn.map((svg) => sizeOf(svg)[0]));
    tallest = Math.max(0, ...drawn.map((svg) => sizeOf(svg)[1]));
    for (const svg of drawn) if (sizeOf(svg)[0] > 0 && widest > 0 && tallest > 0) scaleTo(svg);
  }

  // How many of the pictures are drawn, for whoever waits for all of them (tests, bench).
  function counted() {
    el.dataset.drawn = [...pictures.values()].filter((e) => e.svg || e.error).length;
    el.dataset.pictures = pictures.size;
  }

  // New frames: draw them all, the one on screen first, then onwards, then backwards.
  function prepare() {
    const list = frames();
    const here = Math.max(0, Math.min(position(), list.length - 1));
    const kept = new Map();
    for (const frame of list) if (pictures.has(frame.dot)) kept.set(frame.dot, pictures.get(frame.dot));
    pictures = kept;
    reshare();
    counted();
    for (let i = here; i < list.length; i++) draw(list[i].dot);
    for (let i = here - 1; i >= 0; i--) draw(list[i].dot);
    show();
  }

  function show() {
    const list = frames();
    const frame = list[position()];
    const isPlayer = model.get("player");
    caption.hidden = controls.hidden = !isPlayer || !list.length;
    if (isPlayer) label();
    caption.textContent = frame ? frame.caption || "" : "";
    // The caption's language picks its fonts (canvas.css): a page says it is English
    // while a player speaks Chinese. The exported page sets <html lang> instead.
    if (words().lang) el.lang = words().lang;
    if (!frame) {
      picture.replaceChildren();
      return say();
    }
    const entry = draw(frame.dot);
    if (entry.svg || entry.error) {
      put(entry);
    } else {
      el.classList.add("minigrad-drawing");
      entry.promise.then(() => { if (frames()[position()] === frame) put(entry); });
    }
  }

  function put(entry) {
    el.classList.remove("minigrad-drawing");
    problem = entry.error ? (words().failed || "{error}").replace("{error}", entry.error) : "";
    if (entry.svg && picture.firstChild !== entry.svg) picture.replaceChildren(entry.svg);
    if (!entry.svg) picture.replaceChildren();
    mark();
    reveal();
    say();
  }

  // A picture taller than its box (see canvas.css) scrolls inside it: bring the nodes of
  // the step on screen into view, as little as needed.
  function reveal() {
    const current = [...picture.querySelectorAll("g.node.minigrad-current")];
    if (!current.length || picture.scrollHeight <= picture.clientHeight + 1) return;
    const pane = picture.getBoundingClientRect();
    const boxes = current.map((node) => node.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top)), bottom = Math.max(...boxes.map((b) => b.bottom));
    if (bottom > pane.bottom) picture.scrollTop += Math.min(bottom - pane.bottom + 16, top - pane.top - 16);
    else if (top < pane.top) picture.scrollTop -= pane.top - top + 16;
  }

  function say() {
    const text = [model.get("notice"), problem].filter(Boolean).join("\n");
    notice.textContent = text;
    notice.hidden = !text;
  }

  function label() {
    const w = words(), step = model.get("step"), n = total();
    previous.textContent = w.previous;
    next.textContent = w.next;
    play.textContent = timer ? w.pause : w.play;
    speedWord.textContent = w.speed + " ";
    counter.textContent = w.step.replace("{k}", step + 1).replace("{n}", n);
    slider.max = Math.max(n - 1, 0);
    slider.value = step;
    previous.disabled = step <= 0;
    next.disabled = step >= n - 1;
  }

  // What the student clicked gets a ring drawn around it, and the nodes of the step on
  // screen a class. Found by `g.node` and its id only, with the ring sized from the
  // node's bounding box: every Graphviz version nests a node's shapes differently.
  function mark() {
    const selected = model.get("selected");
    const frame = frames()[position()];
    const current = new Set(frame ? frame.highlight || [] : []);
    for (const old of picture.querySelectorAll(".minigrad-mark")) old.remove();
    for (const node of picture.querySelectorAll("g.node")) {
      node.classList.toggle("minigrad-current", current.has(node.id));
      node.classList.toggle("minigrad-selected", node.id === selected);
      if (node.id === selected) ring(node);
    }
  }

  function ring(node) {
    const box = node.getBBox();
    const pad = 4;
    const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    for (const [name, value] of [["x", box.x - pad], ["y", box.y - pad], ["rx", 6],
      ["width", box.width + 2 * pad], ["height", box.height + 2 * pad]]) {
      rect.setAttribute(name, value);
    }
    rect.setAttribute("class", "minigrad-mark");
    node.append(rect);
  }

  function go(step) {
    const last = total() - 1;
    step = Math.max(0, Math.min(last, step));
    if (step === last) stop();
    if (step !== model.get("step")) {
      model.set("step", step);
      model.save_changes();
    }
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  function toggle() {
    if (timer) {
      stop();
    } else {
      if (model.get("step") >= total() - 1) go(0);  // play again from the start
      timer = setInterval(() => go(model.get("step") + 1), Number(speed.value));
    }
    label();
  }

  previous.onclick = () => go(model.get("step") - 1);
  next.onclick = () => go(model.get("step") + 1);
  play.onclick = toggle;
  slider.oninput = () => go(Number(slider.value));
  speed.onchange = () => { if (timer) { toggle(); toggle(); } };
  el.addEventListener("keydown", (event) => {  // a presenter's clicker sends these keys
    if (!model.get("player") || event.target === slider) return;
    const move = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
    if (move) {
      event.preventDefault();
      event.stopPropagation();
      go(model.get("step") + move);
    }
  });
  // One listener for all nodes: the picture is replaced at every step.
  picture.addEventListener("click", (event) => {
    const node = event.target.closest && event.target.closest("g.node");
    model.set("selected", node ? node.id : "");
    model.save_changes();
  });
  if (model.get("player")) el.tabIndex = 0;

  const listeners = [["change:frames", prepare], ["change:step", show], ["change:words", show],
                     ["change:selected", mark], ["change:notice", say]];
  for (const [event, listener] of listeners) model.on(event, listener);
  prepare();
  return () => {
    stop();
    for (const [event, listener] of listeners) model.off(event, listener);
  };
}

export default { render };
