"""The autograd view agrees with torchviz: the same program run in PyTorch (drawn by
``torchviz.make_dot``) and in minigrad gives the same nodes and the same edges."""
import re
from collections import Counter

import pytest

import minigrad
from minigrad import viz

torch = pytest.importorskip("torch")
torchviz = pytest.importorskip("torchviz")
pytestmark = pytest.mark.torch


def chapter_z(t):
    x, y, w = (t.tensor(v, requires_grad=True) for v in (2.0, 3.0, 4.0))
    return (x + y) * w


def two_x_dot_x(t):
    x = t.arange(4.0, requires_grad=True)
    return 2 * t.dot(x, x)


def detached(t):
    x = t.arange(4.0, requires_grad=True)
    u = (x * x).detach()
    return (u * x).sum()


def control_flow(t):
    a = t.tensor(0.3, requires_grad=True)
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    return b if b.sum() > 0 else 100 * b


def two_layer_net(t):
    x = t.tensor([[1.0, -2.0, 0.5], [0.0, 1.0, -1.0]])
    w1 = t.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]], requires_grad=True)
    w2 = t.tensor([[1.0], [-1.0]], requires_grad=True)
    target = t.tensor([[1.0], [0.0]])
    prediction = x.mm(w1).clamp(min=0).mm(w2)
    return ((prediction - target) ** 2).mean()


def elementwise(t):
    x = t.tensor([0.5, 1.0, 2.0], requires_grad=True)
    return (x.exp() + x.sin() * x.tanh()).log().sigmoid().sum() / (1 - x).abs().max()


def indexing_and_shapes(t):
    a = t.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    b = (a.t() @ a).view(-1)
    return b[0] * b[1:].sum() + a[:, 1].mean() - a.reshape(3, 2)[2].sum()


def written_into(t):
    u = t.tensor([1.0, 2.0], requires_grad=True)
    v = t.tensor([3.0, 4.0], requires_grad=True)
    y = t.zeros(2)
    y[0] = u[0] ** 2 + u[1] * v[0]
    y[1] = u[1] * v[1] + v[0] * v[1] ** 2
    return y


PROGRAMS = [chapter_z, two_x_dot_x, detached, control_flow, two_layer_net, elementwise,
            indexing_and_shapes, written_into]


def torchviz_structure(output):
    """(nodes, edges) of ``make_dot``'s DOT text, as comparable labels: a grad_fn node by
    its class name, a tensor by ``tensor`` and its shape."""
    source = torchviz.make_dot(output).source
    labels = {}
    for node_id, label in re.findall(r'(\d+) \[label=("[^"]*"|\w+)', source):
        shape = re.search(r"\(([\d, ]*)\)", label)
        labels[node_id] = label if not label.startswith('"') else (
            "tensor", tuple(int(s) for s in shape.group(1).split(",") if s.strip()))
    edges = re.findall(r"^\s*(\d+) -> (\d+)", source, re.M)
    return Counter(labels.values()), Counter((labels[a], labels[b]) for a, b in edges)


def minigrad_structure(output):
    graph = viz.model(output, view="autograd", names={}, max_nodes=10_000, fold=False)
    labels = {}
    for node in graph.nodes.values():
        if node.kind == "grad_fn":
            labels[node.id] = node.grad_fn.name()
        elif node.role != "saved":  # torchviz draws saved tensors only with show_saved=True
            labels[node.id] = ("tensor", node.value.shape)
    edges = [(e.source, e.target) for e in graph.edges if e.kind == "flow"]
    return Counter(labels.values()), Counter((labels[a], labels[b]) for a, b in edges)


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.__name__)
def test_autograd_view_has_torchvizs_nodes_and_edges(program):
    theirs = torchviz_structure(program(torch))
    ours = minigrad_structure(program(minigrad))
    assert ours == theirs


def test_the_structures_compared_are_not_empty():
    nodes, edges = torchviz_structure(two_x_dot_x(torch))
    assert nodes == Counter({"MulBackward0": 1, "DotBackward0": 1, "AccumulateGrad": 1,
                             ("tensor", ()): 1, ("tensor", (4,)): 1})
    assert edges[("AccumulateGrad", "DotBackward0")] == 2
