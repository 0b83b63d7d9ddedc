// The exported player page: the notebook's player (canvas.js) on a page of its own.
// Everything it shows is in the page's two JSON blocks; it loads nothing. A stand-in
// for the widget model (model.js) holds the step and the frames of the chosen language.
(function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const data = read("minigrad-frames");
  startGraphviz(read("minigrad-graphviz"));

  const model = standInModel({ frames: data.frames[data.lang], words: data.words[data.lang],
                               first: 0, total: 0, step: 0, player: true, notice: "",
                               selected: "" });
  const player = document.getElementById("player");
  render({ model, el: player });

  const languages = document.getElementById("languages");
  function choose(lang) {
    document.documentElement.lang = lang;
    model.set("words", data.words[lang]);
    model.set("frames", data.frames[lang]);
    for (const button of languages.children) {
      button.setAttribute("aria-pressed", button.dataset.lang === lang);
    }
  }
  for (const [label, code] of data.languages) {
    const button = document.createElement("button");
    button.textContent = label;
    button.dataset.lang = code;
    button.onclick = () => choose(code);
    languages.append(button);
  }
  choose(data.lang);
  // A presenter's clicker sends arrow keys to the page, not to the player.
  document.addEventListener("keydown", (event) => {
    if (event.target === document.body) {
      player.dispatchEvent(new KeyboardEvent("keydown", { key: event.key }));
    }
  });
})();
