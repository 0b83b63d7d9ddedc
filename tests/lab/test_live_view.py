"""show(z): the graph appears, follows backward() and zero_(), and explains bad input."""
import minigrad as torch
import pytest
from minigrad import viz
from minigrad.lab import live, show

from .helpers import chapter_example, node_ids


def test_show_sends_the_graph_to_the_browser_with_clickable_nodes():
    x, y = chapter_example()
    view = show(y)
    assert view.canvas.dot == viz.draw(y, names={"x": x, "y": y}).source
    assert node_ids(view.canvas.dot)
    assert view.canvas.notice == ""


def test_gradients_appear_after_backward_and_change_after_zero_():
    x, y = chapter_example()
    view = show(y)
    before = view.canvas.dot
    y.backward()
    assert view.refresh() is True
    after_backward = view.canvas.dot
    assert after_backward != before
    assert ".grad = [0., 4., 8., 12.]" in after_backward  # x.grad = 4x
    x.grad.zero_()
    assert view.refresh() is True
    assert view.canvas.dot != after_backward


def test_nothing_changed_means_nothing_sent_to_the_browser():
    x, y = chapter_example()
    view = show(y)
    sent = []
    view.canvas.observe(sent.append, "frames")
    assert view.refresh() is False
    assert sent == []


def test_the_two_views_and_the_two_languages_are_buttons():
    x, y = chapter_example()
    view = show(y, lang="en")
    assert [v for _, v in view.view_toggle.options] == ["dataflow", "autograd"]
    view.view_toggle.value = "autograd"
    assert view.view == "autograd"
    view.language_toggle.value = "zh"
    assert view.lang == "zh"
    assert dict(view.view_toggle.options)["数据流视图"] == "dataflow"


def test_clicking_a_variable_shows_its_value_gradient_shape_and_dtype():
    x, y = chapter_example()
    y.backward()
    view = show(y, lang="en")
    (leaf,) = node_ids(view.canvas.dot, "leaf")
    view.canvas.selected = leaf
    shown = view.inspector.value
    for label, value in [("Value", "[0., 1., 2., 3.]"), ("Gradient (.grad)", "[0., 4., 8., 12.]"),
                         ("Shape", "(4,)"), ("dtype", "torch.float32")]:
        assert f"<th>{label}</th><td><code>{value}</code></td>" in shown, (label, shown)


def test_clicking_an_operation_shows_its_local_derivatives():
    x, y = chapter_example()
    view = show(y, lang="zh")
    facts = {node: viz.inspect(y, node, "zh") for node in node_ids(view.canvas.dot, "operation")}
    (dot_product,) = [node for node, found in facts.items() if found["grad_fn"] == "DotBackward0"]
    view.canvas.selected = dot_product
    assert "<th>局部导数</th>" in view.inspector.value
    # one line per edge: x fills both places of the dot product
    assert "<pre>第一个因子：∂(x · x)/∂(第一个 x) = x\n第二个因子：∂(x · x)/∂(第二个 x) = x</pre>" \
        in view.inspector.value
    assert "<th>操作</th><td><code>x · x</code></td>" in view.inspector.value


def test_clicking_the_background_clears_the_inspector():
    x, y = chapter_example()
    view = show(y, lang="zh")
    assert view.inspector.layout.display is None  # shown
    view.canvas.selected = node_ids(view.canvas.dot)[0]
    view.canvas.selected = ""
    assert "点击图中的节点" in view.inspector.value


@pytest.mark.parametrize("bad, kind", [(3, "int"), ("x", "str"), ([1, 2, 3], "int"),
                                       (None, "NoneType")])
@pytest.mark.parametrize("lang, words", [("en", "not a tensor"), ("zh", "不是张量")])
def test_a_non_tensor_is_explained_in_the_widget(bad, kind, lang, words):
    view = show(bad, lang=lang)
    assert words in view.canvas.notice and kind in view.canvas.notice
    assert view.canvas.frames == []
    assert view.inspector.layout.display == "none"  # no nodes, so no "click a node"


def test_a_list_of_tensors_is_drawn_as_one_graph():
    x, y = chapter_example()
    z = x + 1
    view = show([y, z])
    assert view.canvas.notice == ""
    assert len(node_ids(view.canvas.dot, "output")) == 2


def test_show_with_nothing_says_what_it_needs():
    assert "show(z)" in show().canvas.notice


def test_without_dot_the_browser_still_gets_the_graph(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without Graphviz's dot
    x, y = chapter_example()
    view = show(y, lang="zh")
    assert view.canvas.dot.startswith("digraph") and view.canvas.notice == ""
    assert view.inspector.layout.display is None  # nodes to click
    still = view._repr_mimebundle_()  # what a notebook keeps for readers without widgets
    assert "image/svg+xml" not in still and "x: [0., 1., 2., 3.]" in still["text/plain"]


def test_a_failure_while_drawing_is_a_message_not_a_traceback(monkeypatch):
    x, y = chapter_example()
    view = show(y)

    def broken(*args, **kwargs):
        raise RuntimeError("the graph was freed")
    monkeypatch.setattr(viz, "draw", broken)
    y.backward()
    live.refresh_all()  # what runs after each cell: must not raise
    assert "the graph was freed" in view.canvas.notice


def test_a_graph_freed_by_backward_can_still_be_shown():
    x, y = chapter_example()
    y.backward()  # frees what the ops saved for backward
    view = show(y)
    assert view.canvas.dot.startswith("digraph")
    view.canvas.selected = node_ids(view.canvas.dot)[0]
    assert "<table>" in view.inspector.value


def test_a_chain_of_100_000_ops_is_one_folded_node_that_says_so():
    viz.history.enable()  # as %load_ext minigrad does in a notebook
    try:
        x = torch.tensor(1.0, requires_grad=True)
        y = x
        for _ in range(100_000):
            y = y * 1.0001
        view = show(y, lang="en")
    finally:
        viz.history.disable()
    assert view.canvas.notice == ""
    assert len(node_ids(view.canvas.dot)) < 10
    assert "100,000 times in a row" in view.canvas.dot
    (fold,) = node_ids(view.canvas.dot, "fold")
    view.canvas.selected = fold
    assert "100,000 identical" in view.inspector.value


@pytest.mark.parametrize("lang, note", [("en", "5,951 more nodes"), ("zh", "另有 5,951 个节点")])
def test_a_graph_too_big_to_fold_is_capped_with_a_note(lang, note):
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for i in range(2000):  # + and × in turn: no run of identical ops to fold
        y = y * 1.0001 if i % 2 else y + 0.5
    view = show(y, max_nodes=50, lang=lang)
    assert len(node_ids(view.canvas.dot)) == 51  # 50 and the one that stands for the rest
    assert node_ids(view.canvas.dot, "more") == ["more"]
    assert note in view.canvas.dot


def test_running_a_cell_again_retires_the_views_it_made_before():
    x, y = chapter_example()
    live.forget_cell(type("Info", (), {"cell_id": "cell-1"})())
    old = show(y)
    live.forget_cell(type("Info", (), {"cell_id": "cell-1"})())
    assert old not in live._views
    assert old.comm is None  # closed: the kernel forgets it


def test_save_svg_writes_the_picture_for_slides(tmp_path):
    x, y = chapter_example()
    link = show(y).save_svg(tmp_path / "graph.svg")
    text = (tmp_path / "graph.svg").read_text(encoding="utf-8")
    assert text.startswith(("<?xml", "<svg")) and text.rstrip().endswith("</svg>")
    assert "graph.svg" in link._repr_html_()
