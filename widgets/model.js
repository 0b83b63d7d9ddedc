// A stand-in for the widget model where there is no kernel (the exported player page):
// get / set / on / off / save_changes, with the change events canvas.js listens to.
function standInModel(state) {
  const listeners = [];
  return {
    get: (name) => state[name],
    set(name, value) {
      if (state[name] === value) return;
      state[name] = value;
      for (const [event, listener] of listeners) if (event === `change:${name}`) listener();
    },
    save_changes() {},
    on: (event, listener) => listeners.push([event, listener]),
    off(event, listener) {
      const at = listeners.findIndex(([e, l]) => e === event && l === listener);
      if (at >= 0) listeners.splice(at, 1);
    },
  };
}
