"""The lesson test's eyes catch what they are meant to: a picture that lost a student's name,
a non-leaf with a .grad, a caption that disagrees with its frame, a view that went on
changing after its names were rebound, a picture too wide for the screen."""
import pytest

import minigrad as torch
from minigrad import viz

from viz.programs import z_of_notes  # tests/viz: the notes' z = (x + y) × w

from .test_lessons_as_seen import Lesson


@pytest.fixture
def history():
    """Tensors remember how they were made, as in a notebook with %load_ext minigrad."""
    was_on = viz.history.enabled
    viz.history.enable()
    yield
    if not was_on:
        viz.history.disable()


def seen_with(view_svgs, names, final=None, mark="", tensors=None, players=()):
    """What a kernel would have recorded: one view, its picture after each cell."""
    cells = [{"count": k + 1, "names": cell_names, "source": f"cell {k + 1}",
              "widgets": {"v": {"svg": svg, "mark": ""}}}
             for k, (svg, cell_names) in enumerate(zip(view_svgs, names))]
    return {"cells": cells, "tensors": tensors or {},
            "views": [{"id": "v", "lang": "en", "svg": final or view_svgs[-1], "mark": mark}],
            "players": list(players)}


def ids(v):
    return {name: id(t) for name, t in v.items()}


def leaves(v):
    return {str(id(t)): {"leaf": t.is_leaf, "requires_grad": True, "retains": False}
            for t in v.values()}


def test_a_picture_true_to_its_cell_passes(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v))
    assert Lesson("en/x.ipynb", seen_with([svg, svg], [ids(v)] * 2, tensors=leaves(v))
                  ).problems() == []


def test_a_lost_name_is_seen(history):
    v = z_of_notes()
    unnamed = viz.to_svg(viz.draw(v["z"], names={"z": v["z"]}))
    problems = Lesson("en/x.ipynb", seen_with([unnamed], [ids(v)], tensors=leaves(v))).problems()
    assert any("the box of a is called" in p for p in problems), problems


def test_a_non_leaf_grad_is_seen(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v))
    faked = svg.replace(">5.</text>", ">5.</text><text>a.grad = 4.</text>", 1)  # a's box
    problems = Lesson("en/x.ipynb", seen_with([faked], [ids(v)], tensors=leaves(v))).problems()
    assert any("a non-leaf box claims a .grad" in p for p in problems), problems


def test_a_view_that_changed_after_its_names_were_rebound_is_seen(history):
    v = z_of_notes()
    before = viz.to_svg(viz.draw(v["z"], names=v))
    v["z"].backward()
    after = viz.to_svg(viz.draw(v["z"], names=v))
    rebound = dict(ids(v), x=0)
    problems = Lesson("en/x.ipynb", seen_with([before, after], [ids(v), rebound],
                                             tensors=leaves(v))).problems()
    assert any("rebound one of its names, and no mark says so" in p for p in problems), problems


def test_a_caption_that_disagrees_with_its_frame_is_seen(history):
    x = torch.tensor(3.0, requires_grad=True)
    with torch.trace() as tape:
        y = x * x
        y.backward()
    frames = viz.Frames(tape, names={"x": x, "y": y})
    accumulate = next(f for f in frames if f.kind == "accumulate")
    player = {"id": "p", "lang": "en", "frames": [{
        "view": "dataflow", "index": 0, "kind": "accumulate", "svg": accumulate.svg("en"),
        "caption": "x.grad = 7 (it was None)", "other_caption": accumulate.caption("zh")}]}
    names = {"x": id(x), "y": id(y)}
    seen = seen_with([frames[0].svg("en")], [names], tensors=leaves({"x": x, "y": y}),
                     players=[player])
    seen["cells"][0]["widgets"]["p"] = {}
    problems = Lesson("en/x.ipynb", seen).problems()
    assert any("the caption says x.grad = 7, the box shows 6." in p for p in problems), problems


def test_a_picture_too_wide_is_seen(history):
    v = z_of_notes()
    svg = viz.to_svg(viz.draw(v["z"], names=v))
    wide = svg.replace('<svg width="', '<svg width="2', 1)  # 351 pt -> 2351 pt
    problems = Lesson("en/x.ipynb", seen_with([wide], [ids(v)], tensors=leaves(v))).problems()
    assert any("pt wide" in p for p in problems), problems
