"""The data-flow view: the chapter's drawing of z = (x + y) * w, names, constants, cuts."""
import minigrad as torch
from minigrad import viz

from .programs import z_of_notes


def kinds_and_edges(digraph_source):
    """(node lines, edge lines) of DOT text."""
    lines = [line.strip() for line in digraph_source.splitlines()]
    return ([line for line in lines if "[label=" in line and "->" not in line],
            [line for line in lines if "->" in line])


def test_chapter_graph_has_five_boxes_and_two_circles(history):
    v = z_of_notes()
    graph = viz.model(v["z"], names=v)
    kinds = sorted(node.kind for node in graph.nodes.values())
    assert kinds == ["operation"] * 2 + ["variable"] * 5
    ids = {name: f"t{id(t)}" for name, t in v.items()}
    plus = next(n.id for n in graph.nodes.values() if n.kind == "operation" and
                n.step.node_name == "AddBackward0")
    times = next(n.id for n in graph.nodes.values() if n.kind == "operation" and
                 n.step.node_name == "MulBackward0")
    edges = {(e.source, e.target) for e in graph.edges}
    assert edges == {(ids["x"], plus), (ids["y"], plus), (plus, ids["a"]),
                     (ids["a"], times), (ids["w"], times), (times, ids["z"])}


def test_colours_say_leaf_intermediate_output(history):
    v = z_of_notes()
    graph = viz.model(v["z"], names=v)
    role = {name: graph.nodes[f"t{id(t)}"].role for name, t in v.items()}
    assert role == {"x": "leaf", "y": "leaf", "w": "leaf", "a": "result", "z": "output"}


def test_boxes_show_name_value_and_grad_after_backward(history):
    v = z_of_notes()
    v["z"].backward()
    lines = viz.to_text(v["z"], names=v).splitlines()
    assert "x: 2.   [leaf, requires_grad=True: backward fills its .grad]  x.grad = 4." in lines
    # PyTorch keeps no .grad for a and z (a.grad is None): their boxes claim none
    assert "a = x + y: 5.   [intermediate result]" in lines
    assert "z = a × w: 20.   [output]" in lines


def test_a_retained_gradient_is_shown_as_such(history):
    v = z_of_notes()
    v["a"].retain_grad()
    v["z"].backward()
    lines = viz.to_text(v["z"], names=v).splitlines()
    assert "a = x + y: 5.   [intermediate result]  a.grad = 4. (retain_grad)" in lines
    zh = viz.to_text(v["z"], names=v, lang="zh").splitlines()
    assert any(line.endswith("a.grad = 4.（retain_grad）") for line in zh)


def test_a_leaf_before_backward_says_its_grad_is_none(history):
    v = z_of_notes()
    assert "x.grad = None" in viz.to_text(v["z"], names=v)


def test_names_are_found_in_the_callers_variables(history):
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    z = (x + y) * w
    source = viz.draw(z).source
    for name in ("x", "y", "w", "z"):
        assert f"<B>{name}</B>" in source
    assert "<B>x + y</B>" in source  # the intermediate without a name: labelled by its op


def test_names_can_be_given(history):
    t = torch.tensor(1.0, requires_grad=True)
    out = t * 3
    source = viz.draw(out, names={"weight": t, "loss": out, "ignored": 42}).source
    assert "<B>weight</B>" in source and "<B>loss</B>" in source


def test_plain_numbers_are_constant_boxes(history):
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    graph = viz.model(y, names={"x": x, "y": y})
    constants = [n for n in graph.nodes.values() if n.role == "constant"]
    assert [n.value.data.item() for n in constants] == [2.0]
    assert "2 × (x · x)" in viz.to_text(y, names={"x": x})


def test_detach_is_drawn_as_a_cut(history):
    x = torch.arange(4.0, requires_grad=True)
    y = x * x
    u = y.detach()
    z = u * x
    graph = viz.model(z, names={"x": x, "y": y, "u": u, "z": z})
    cut = [e for e in graph.edges if e.kind == "cut"]
    assert [(e.source, e.target) for e in cut] == [(f"t{id(y)}", f"t{id(u)}")]
    assert graph.nodes[f"t{id(u)}"].role == "constant"
    source = viz.draw(z).source
    assert "✂" in source and "style=dashed" in source


def test_without_history_the_grad_fn_graph_is_enough(no_history):
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    a = x + y
    z = a * w
    z.backward()  # frees the saved tensors: a is still found by its name
    text = viz.to_text(z)
    assert "a = x + y: 5." in text and "z = a × w: 20." in text


def test_the_same_tensor_keeps_its_id_across_redraws(history):
    v = z_of_notes()
    first = viz.draw(v["z"], names=v).source
    v["z"].backward()
    second = viz.draw(v["z"], names=v).source
    assert first != second  # the gradients appeared
    assert kinds_and_edges(first)[1] == kinds_and_edges(second)[1]
    assert f'id=t{id(v["x"])}' in second


def test_dot_text_is_deterministic(history):
    v = z_of_notes()
    assert viz.draw(v["z"], names=v).source == viz.draw(v["z"], names=v).source


def test_tape_draws_what_it_recorded(history):
    x = torch.arange(4.0, requires_grad=True)
    with torch.trace() as tape:
        y = 2 * torch.dot(x, x)
    text = viz.to_text(tape, names={"x": x, "y": y})
    assert "y = 2 × (x · x): 28." in text


def test_chinese_labels(history):
    v = z_of_notes()
    source = viz.draw(v["z"], names=v, lang="zh").source
    assert "叶子节点" in source and "输出" in source


def test_inspect_takes_the_names_the_picture_was_drawn_with():
    # what a widget does: it draws with the notebook's names, and is asked about a node
    # from a click, where the caller's variables are the widget's own
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    names = {"weight": x, "loss": y}
    op = next(node for node in viz.model(y, names=names).nodes.values()
              if node.kind == "operation" and node.step.node_name == "MulBackward0")
    facts = viz.inspect(y, op.id, "en", names=names)
    assert facts["formula"] == ("first factor: ∂(weight × weight)/∂(first weight) = weight\n"
                                "second factor: ∂(weight × weight)/∂(second weight) = weight")
