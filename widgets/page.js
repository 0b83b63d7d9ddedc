// The exported player page: Previous / Play / Next, a slider and the language switch.
// Everything it shows is in the JSON block the page carries; it loads nothing.
(function () {
  const data = JSON.parse(document.getElementById("minigrad-frames").textContent);
  const frames = data.frames;
  const $ = (id) => document.getElementById(id);
  const slider = $("slider");
  slider.max = frames.length - 1;
  let step = 0;
  let lang = document.documentElement.lang;
  let timer = null;

  function show() {
    const frame = frames[step];
    $("picture").innerHTML = frame.svg;
    $("caption").textContent = frame.caption[lang];
    $("counter").textContent = data.words.step[lang]
      .replace("{k}", step + 1).replace("{n}", frames.length);
    slider.value = step;
    $("previous").textContent = data.words.previous[lang];
    $("next").textContent = data.words.next[lang];
    $("play").textContent = data.words[timer ? "pause" : "play"][lang];
    for (const button of $("languages").children) {
      button.setAttribute("aria-pressed", button.dataset.lang === lang);
    }
  }

  function go(k) {
    step = Math.max(0, Math.min(frames.length - 1, k));
    if (step === frames.length - 1) stop();
    show();
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  $("previous").onclick = () => go(step - 1);
  $("next").onclick = () => go(step + 1);
  slider.oninput = () => go(Number(slider.value));
  $("play").onclick = () => {
    if (timer) {
      stop();
    } else {
      if (step === frames.length - 1) step = -1;  // play again from the start
      timer = setInterval(() => go(step + 1), 1200);
    }
    show();
  };
  for (const [label, code] of data.languages) {
    const button = document.createElement("button");
    button.textContent = label;
    button.dataset.lang = code;
    button.onclick = () => { lang = code; document.documentElement.lang = code; show(); };
    $("languages").append(button);
  }
  document.addEventListener("keydown", (event) => {  // a presenter's clicker sends arrow keys
    if (event.key === "ArrowRight" || event.key === "PageDown") go(step + 1);
    if (event.key === "ArrowLeft" || event.key === "PageUp") go(step - 1);
  });
  show();
})();
