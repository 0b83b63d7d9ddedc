// The graph canvas: shows the SVG from Python and reports clicks on nodes back to it.
// No build step and no dependencies: anywidget loads this file as it is.

function render({ model, el }) {
  el.classList.add("minigrad-canvas");
  const notice = document.createElement("div");
  notice.className = "minigrad-notice";
  const picture = document.createElement("div");
  picture.className = "minigrad-picture";
  el.append(notice, picture);

  // Classes on the SVG nodes: what the student clicked, and the player's current step.
  function mark() {
    const selected = model.get("selected");
    const current = model.get("current");
    for (const node of picture.querySelectorAll("g.node")) {
      node.classList.toggle("minigrad-selected", node.id === selected);
      node.classList.toggle("minigrad-current", current.includes(node.id));
    }
  }

  function draw() {
    notice.textContent = model.get("notice");
    notice.hidden = !model.get("notice");
    const svg = model.get("svg");
    if (svg) {
      picture.innerHTML = svg;  // from our own kernel: minigrad.viz's Graphviz output
    } else {
      const pre = document.createElement("pre");
      pre.textContent = model.get("text");
      picture.replaceChildren(pre);
    }
    mark();
  }

  // One listener on the picture instead of one per node: nodes are replaced on every redraw.
  picture.addEventListener("click", (event) => {
    const node = event.target.closest("g.node");
    model.set("selected", node ? node.id : "");
    model.save_changes();
  });

  const listeners = [["change:svg", draw], ["change:text", draw], ["change:notice", draw],
                     ["change:selected", mark], ["change:current", mark]];
  for (const [event, listener] of listeners) model.on(event, listener);
  draw();
  return () => {
    for (const [event, listener] of listeners) model.off(event, listener);
  };
}

export default { render };
