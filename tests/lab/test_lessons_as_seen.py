"""Every lesson, run top to bottom in both languages, then every view and every frame
checked as the student sees it (issue 10, "Done when"):

- names: a box whose tensor the student had named when the picture was made shows that name;
- no ``.grad`` claimed for a non-leaf, in a box or in a caption (leaves, and tensors that
  called ``retain_grad()``, saying so, are the only ones with a ``.grad``);
- a caption that gives a ``.grad``, or the gradient reaching a box, agrees with that box
  in the same frame;
- each view still shows what its cell showed, by the rule of ``minigrad.lab.live``: the
  same boxes under the same names, a picture it showed at the end of some cell, and once a
  mark says a later cell broke it (a name rebound, ...), the picture from before that cell;
- no picture wider than fits 1280×720 at a readable size (``minigrad.viz.readable.fits``:
  in JupyterLab's output area with the file browser open, text of at least 10 px without
  scrolling sideways).

The lessons run two at a time, the first time a test asks; what the kernels saw is kept
in artifacts/seen/ (git-ignored) for reading.
"""
import concurrent.futures
import html
import multiprocessing
import re

import numpy as np
import pytest

from minigrad.viz import readable

from . import lessons

pytest.importorskip("nbclient")

NOTEBOOKS = [f"{lang}/{name}.ipynb" for lang in lessons.LANGUAGES for name in lessons.lessons()]
_seen = {}


@pytest.fixture
def seen(request):
    if not _seen:
        wanted = [item.callspec.params["notebook"] for item in request.session.items
                  if item.originalname == "test_every_view_and_frame_as_the_student_sees_it"]
        spawn = multiprocessing.get_context("spawn")  # the test process may run threads
        with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
            _seen.update(zip(wanted, pool.map(_run_or_error, wanted)))
    notebook = request.node.callspec.params["notebook"]
    if notebook not in _seen:
        _seen[notebook] = _run_or_error(notebook)
    found = _seen[notebook]
    if isinstance(found, str):
        pytest.fail(f"{notebook} did not run to the end:\n{found}")
    return found


def _run_or_error(notebook):
    try:
        return lessons.run(notebook)
    except Exception as exc:  # the message names the failing cell
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_view_and_frame_as_the_student_sees_it(notebook, seen):
    problems = Lesson(notebook, seen).problems()
    assert not problems, f"{notebook}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", lessons.LANGUAGES)
def test_lesson_1s_first_graph_keeps_its_names_after_run_all(lang):
    seen = _seen.get(f"{lang}/01_forward.ipynb") or lessons.run(f"{lang}/01_forward.ipynb")
    first = Lesson(f"{lang}/01_forward.ipynb", seen).views_made_by("show(z)")[0]
    titles = {texts[0] for texts in boxes(first["svg"]).values() if texts}
    assert {"x", "y", "w", "a", "z"} <= titles, titles


@pytest.mark.parametrize("lang", lessons.LANGUAGES)
def test_lesson_5s_detach_graph_keeps_the_gradient_with_detach_and_its_u(lang):
    seen = _seen.get(f"{lang}/05_detach.ipynb") or lessons.run(f"{lang}/05_detach.ipynb")
    first = Lesson(f"{lang}/05_detach.ipynb", seen).views_made_by("print(u, ")[0]
    drawn = {texts[0]: texts for texts in boxes(first["svg"]).values() if texts}
    assert "u" in drawn, drawn
    assert "x.grad = [0., 1., 4., 9.]" in " ".join(drawn["x"]), drawn["x"]
    assert first["mark"], "the picture should say that a later cell changed x.grad"


# -- reading an SVG as the student reads it ---------------------------------------------------
NODE = re.compile(r'<g id="([^"]+)" class="node ([^"]*)"')


def boxes(svg):
    """``{node id: texts}`` of the variable boxes of an SVG, each box's lines of text in
    order (its name first)."""
    starts = [(m.start(), html.unescape(m.group(1)), m.group(2).split())
              for m in NODE.finditer(svg)]
    found = {}
    for k, (start, node_id, classes) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(svg)
        chunk = svg[start:end]
        edge = chunk.find('class="edge"')
        chunk = chunk[:edge] if edge > 0 else chunk
        if "variable" in classes:
            found[node_id] = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", chunk)]
    return found


def classes_of(svg):
    return {html.unescape(m.group(1)): m.group(2).split() for m in NODE.finditer(svg)}


def row(texts, start):
    """The value on the box's line that starts with ``start`` (a matrix spans lines)."""
    for k, text in enumerate(texts):
        if text.startswith(start):
            return " ".join([text[len(start):]] + texts[k + 1:])
    return None


NUMBER = re.compile(r"None|nan|-?inf|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")


def numbers(text):
    text = re.sub(r"^\d+(?:×\d+)+ ", "", text.strip().replace("−", "-"))  # "64×100 [0.1, …]"
    return NUMBER.findall(text), "…" in text


def same_numbers(a, b):
    (x, cut_x), (y, cut_y) = numbers(a), numbers(b)
    if cut_x or cut_y:
        count = min(len(x), len(y))
        x, y = x[:count], y[:count]
    if "None" in x or "None" in y:
        return x == y
    if len(x) == 1 and len(y) > 1 or len(y) == 1 and len(x) > 1:
        x, y = x * len(y), y * len(x)  # "∂y/∂x = 1": the same number for every element
    if len(x) != len(y) or not x:
        return False
    return np.allclose([float(v) for v in x], [float(v) for v in y], rtol=2e-3, atol=2e-3,
                       equal_nan=True)


CLAUSE_END = re.compile(r";|；|。|\. (?=[A-Z])|\s\(|（|, (?=[a-z])|，|:\s|：")


def stated(caption, key):
    """What ``caption`` last says ``key`` (``x.grad``, ``∂z/∂a``) is: the end of its chain
    of equalities (``x.grad = 2 + 4 = 6`` -> ``6``), or None."""
    found = None
    for prefix in (f"{key} = ", f"{key} 被设为 "):
        at = caption.rfind(prefix)
        if at >= 0 and (found is None or at > found[0]):
            found = (at, at + len(prefix))
    if found is None or (found[0] > 0 and re.match(r"[\w.₀-₉]", caption[found[0] - 1])):
        return None
    rest = caption[found[1]:]
    end = CLAUSE_END.search(rest)
    return (rest[:end.start()] if end else rest).split(" = ")[-1]


FROZEN_IN = re.compile(r"In cell \[(\d+)\]|第 \[(\d+)\] 格中")
GRAD_IN_CAPTION = re.compile(r"(?<![\w.₀-₉])([A-Za-z_][\w₀-₉]*)\.grad(?![\w_])")


class Lesson:
    def __init__(self, notebook, seen):
        self.notebook, self.seen = notebook, seen
        self.cells = seen["cells"]
        self.first = {}
        for index, cell in enumerate(self.cells):
            for widget in cell["widgets"]:
                self.first.setdefault(widget, index)

    def views_made_by(self, source):
        return [v for v in self.seen["views"]
                if self.cells[self.first[v["id"]]]["source"].lstrip().startswith(source)
                or source in self.cells[self.first[v["id"]]]["source"]]

    def names_at(self, index):
        """``{tensor id: {names}}`` as the notebook's names stood after cell ``index``."""
        named = {}
        for name, key in self.cells[index]["names"].items():
            named.setdefault(str(key), set()).add(name)
        return named

    def problems(self):
        found = []
        for view in self.seen["views"]:
            found += self.view_problems(view)
        for player in self.seen["players"]:
            found += self.player_problems(player)
        return found

    # -- what every picture must do -----------------------------------------------------------
    def picture_problems(self, where, svg, named):
        found = []
        if not readable.fits(svg):
            found.append(f"{where}: {readable.size_pt(svg)[0]:,.0f} pt wide: at 1280×720 it "
                         f"needs {readable.min_width_px(svg):,.0f} px to keep its text at "
                         f"{readable.MIN_TEXT_PX} px, and has {readable.AVAILABLE_PX}")
        classes = classes_of(svg)
        for node_id, texts in boxes(svg).items():
            names = named.get(node_id[1:]) if node_id.startswith("t") else None
            if names and (not texts or texts[0] not in names):
                found.append(f"{where}: the box of {'/'.join(sorted(names))} is called "
                             f"{texts[:1]}")
            for text in texts:
                if ".grad = " in text and not self._may_have_grad(node_id, text, classes):
                    found.append(f"{where}: a non-leaf box claims a .grad: {texts}")
        return found

    def _may_have_grad(self, node_id, text, classes):
        tensor = self.seen["tensors"].get(node_id[1:])
        if tensor is None:  # gone since: the picture's own colour says what it was
            return "leaf" in classes.get(node_id, ())
        if tensor["leaf"] and tensor["requires_grad"]:
            return True
        return tensor["retains"] and "retain_grad" in text

    # -- views ------------------------------------------------------------------------------
    def view_problems(self, view):
        made = self.first[view["id"]]
        where = f"the view made in cell [{self.cells[made]['count']}] " \
                f"({self.cells[made]['source'].splitlines()[-1][:60]!r})"
        named = self.names_at(made)
        found = self.picture_problems(where, view["svg"], named)
        history = [(index, cell["widgets"][view["id"]]) for index, cell in
                   enumerate(self.cells) if index >= made and view["id"] in cell["widgets"]]
        drawn = history[0][1]["svg"]
        titles = lambda svg: {k: t[:1] for k, t in boxes(svg).items()}  # noqa: E731
        if titles(view["svg"]) != titles(drawn):
            found.append(f"{where}: its boxes or their names changed since its cell")
        if all(view["svg"] != state["svg"] for _, state in history):
            found.append(f"{where}: shows a picture it never showed at the end of a cell")
        shown = {key: names_ for key, names_ in named.items() if f"t{key}" in boxes(drawn)}
        rebound = next((index for index in range(made + 1, len(self.cells)) if any(
            all(self.cells[index]["names"].get(name) != int(key) for name in names_)
            for key, names_ in shown.items())), None)
        frozen = FROZEN_IN.search(view["mark"])
        if rebound is not None and frozen is None:
            found.append(f"{where}: cell [{self.cells[rebound]['count']}] rebound one of its "
                         f"names, and no mark says so")
        if frozen is not None:
            count = int(frozen.group(1) or frozen.group(2))
            cell = next(index for index, c in enumerate(self.cells) if c["count"] == count)
            if rebound is not None and cell > rebound:
                found.append(f"{where}: it followed its tensors after cell "
                             f"[{self.cells[rebound]['count']}] rebound one of its names")
            before = next(state["svg"] for index, state in reversed(history) if index < cell)
            if view["svg"] != before:
                found.append(f"{where}: its mark says it stays as it was before cell "
                             f"[{count}], but it changed")
        return found

    # -- players ------------------------------------------------------------------------------
    def player_problems(self, player):
        made = self.first[player["id"]]
        named = self.names_at(made)
        leaves = {name for key, names_ in named.items() for name in names_
                  if self.seen["tensors"].get(key, {}).get("leaf")
                  and self.seen["tensors"].get(key, {}).get("requires_grad")
                  or self.seen["tensors"].get(key, {}).get("retains")}
        found = []
        for frame in player["frames"]:
            where = f"player of cell [{self.cells[made]['count']}], {frame['view']} frame " \
                    f"{frame['index'] + 1} ({frame['kind']})"
            svg = frame["svg"]
            found += self.picture_problems(where, svg, named)
            by_name = {texts[0]: texts for texts in boxes(svg).values() if texts}
            for caption in (frame["caption"], frame["other_caption"]):
                for name in set(GRAD_IN_CAPTION.findall(caption)):
                    if name not in leaves:
                        found.append(f"{where}: the caption claims {name}.grad, and {name} is "
                                     f"no leaf: {caption}")
                        continue
                    said = stated(caption, f"{name}.grad")
                    if said is None:
                        continue
                    if name not in by_name:
                        found.append(f"{where}: the caption gives {name}.grad, no box shows "
                                     f"{name}: {caption}")
                        continue
                    shown = row(by_name[name], f"{name}.grad = ")
                    if shown is None or not same_numbers(said, shown):
                        found.append(f"{where}: the caption says {name}.grad = {said}, the box "
                                     f"shows {shown}: {caption}")
                for texts in by_name.values():
                    arriving = next((t for t in texts if t.startswith("∂")), None)
                    if arriving is None or arriving.endswith("+ …"):
                        continue
                    key = arriving.split(" = ")[0]
                    said = stated(caption, key)
                    if said is not None and not same_numbers(said, row(texts, f"{key} = ")):
                        found.append(f"{where}: the caption says {key} = {said}, the box "
                                     f"shows {arriving}: {caption}")
        return found
