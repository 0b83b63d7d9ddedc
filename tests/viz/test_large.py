"""Big graphs stay usable: no recursion, repeated ops fold, a cap with a visible note."""
import minigrad as torch
from minigrad import viz


def test_a_100000_op_chain_folds_into_one_node(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0001
    graph = viz.model(y, names={"x": x, "y": y})
    folds = [n for n in graph.nodes.values() if n.kind == "fold"]
    assert [f.count for f in folds] == [100_000]
    assert len(graph.nodes) == 4  # x, the constant 1.0001, "100,000 times in a row", y
    source = viz.draw(y, names={"x": x}).source
    assert "100,000 times in a row" in source
    autograd = viz.model(y, view="autograd")
    assert [f.count for f in autograd.nodes.values() if f.kind == "fold"] == [100_000]
    assert "MulBackward0 × 100,000" in viz.to_text(y, view="autograd")


def test_a_graph_over_the_cap_says_what_it_left_out(history):
    x = torch.tensor(1.0, requires_grad=True)
    terms = [x * float(i) for i in range(400)]  # different constants: nothing to fold
    total = terms[0]
    for t in terms[1:]:
        total = total + t
    graph = viz.model(total, max_nodes=300)
    assert len(graph.nodes) == 301 and "more" in graph.nodes
    assert "showing 300 of" in viz.draw(total, max_nodes=300).source
    assert "显示" in viz.draw(total, max_nodes=300, lang="zh").source


def test_the_while_loop_of_the_chapter_folds(history):
    torch.manual_seed(0)
    a = torch.randn(size=(), requires_grad=True)
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    text = viz.to_text(b, names={"a": a, "b": b})
    assert "× applied" in text and "(folded)" in text
