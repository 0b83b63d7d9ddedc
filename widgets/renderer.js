// The page's Graphviz, from the kernel: this widget is never shown; when its model
// arrives, the engine it carries (widgets/vendor/viz.js, as text) starts, and every
// graph canvas on the page draws with it. Sent once per kernel, not once per graph.

export default {
  initialize({ model }) {
    startGraphviz(model.get("engine"));
  },
};
