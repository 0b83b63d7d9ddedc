"""Randomly generated programs, run in minigrad and in PyTorch: small expression trees
over a few leaves whose shapes broadcast, built from random ops. The output and every
leaf's gradient must agree.
"""
import numpy as np
import pytest

import minigrad

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

pytestmark = pytest.mark.torch

UNARY = {
    "exp(tanh x)": lambda lib, a: a.tanh().exp(),
    "sin": lambda lib, a: a.sin(),
    "cos": lambda lib, a: lib.cos(a),
    "tanh": lambda lib, a: a.tanh(),
    "sigmoid": lambda lib, a: lib.sigmoid(a),
    "relu": lambda lib, a: a.relu(),
    "abs": lambda lib, a: a.abs(),
    "-x": lambda lib, a: -a,
    "x ** 2": lambda lib, a: a ** 2,
    "x ** 3": lambda lib, a: a.pow(3),
    "x * 0.5": lambda lib, a: a * 0.5,
    "2 - x": lambda lib, a: 2 - a,
    "1 + x": lambda lib, a: 1 + a,
    "sqrt(x² + 1)": lambda lib, a: (a * a + 1).sqrt(),
    "log(x² + 1)": lambda lib, a: (a * a + 1).log(),
    "1 / (x² + 1)": lambda lib, a: 1 / (a * a + 1),
    "2 ** tanh x": lambda lib, a: 2 ** a.tanh(),
    "clamp": lambda lib, a: a.clamp(-0.5, 0.5),
    "clamp(min=0)": lambda lib, a: lib.clamp(a, min=0),
}
BINARY = {
    "+": lambda lib, a, b: a + b,
    "-": lambda lib, a, b: a - b,
    "*": lambda lib, a, b: a * b,
    "a / (1 + b²)": lambda lib, a, b: a / (1 + b * b),
    "maximum": lambda lib, a, b: lib.maximum(a, b),
    "minimum": lambda lib, a, b: lib.minimum(a, b),
    "where(a > b, a, 2b)": lambda lib, a, b: lib.where(a > b, a, b * 2),
}
# reductions that keep the dimension, so the result still broadcasts with the rest
REDUCE = {
    "sum": lambda lib, a, d: a.sum(d, keepdim=True),
    "mean": lambda lib, a, d: a.mean(dim=d, keepdim=True),
    "max": lambda lib, a, d: a.max(d, keepdim=True).values,
    "norm": lambda lib, a, d: (a * a + 1).norm(dim=d, keepdim=True),
}


def _smaller(target):
    """A shape that broadcasts to ``target``: some leading dims dropped, some sizes 1."""
    return st.integers(0, len(target)).flatmap(lambda drop: st.tuples(*[
        st.sampled_from([size, 1]) for size in target[drop:]]))


@st.composite
def programs(draw):
    target = draw(st.lists(st.integers(1, 3), max_size=3).map(tuple))
    shapes = [draw(_smaller(target)) for _ in range(draw(st.integers(1, 3)))]

    def expression(depth):
        kinds = ["leaf"] if depth == 0 else ["leaf", "unary", "binary", "binary", "reduce"]
        kind = draw(st.sampled_from(kinds))
        if kind == "leaf":
            i = draw(st.integers(0, len(shapes) - 1))
            return ("leaf", i), shapes[i]
        if kind == "unary":
            child, shape = expression(depth - 1)
            return ("unary", draw(st.sampled_from(sorted(UNARY))), child), shape
        if kind == "binary":
            (left, a), (right, b) = expression(depth - 1), expression(depth - 1)
            return ("binary", draw(st.sampled_from(sorted(BINARY))), left, right), \
                np.broadcast_shapes(a, b)
        child, shape = expression(depth - 1)
        if not shape:
            return child, shape
        d = draw(st.integers(-len(shape), len(shape) - 1))
        kept = tuple(1 if i == d % len(shape) else s for i, s in enumerate(shape))
        return ("reduce", draw(st.sampled_from(sorted(REDUCE))), d, child), kept

    tree, _ = expression(draw(st.integers(1, 4)))
    return shapes, tree, draw(st.integers(0, 2 ** 32 - 1))


def evaluate(lib, node, leaves):
    kind = node[0]
    if kind == "leaf":
        return leaves[node[1]]
    if kind == "unary":
        return UNARY[node[1]](lib, evaluate(lib, node[2], leaves))
    if kind == "binary":
        return BINARY[node[1]](lib, evaluate(lib, node[2], leaves), evaluate(lib, node[3], leaves))
    return REDUCE[node[1]](lib, evaluate(lib, node[3], leaves), node[2])


def run(lib, shapes, tree, seed):
    rng = np.random.default_rng(seed)
    leaves = [lib.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]
    out = evaluate(lib, tree, leaves)
    if out.requires_grad:
        out.backward(lib.tensor(rng.standard_normal(tuple(out.shape))))
    return out, [leaf.grad for leaf in leaves]


@settings(max_examples=300, deadline=None, database=None)
@given(programs())
def test_random_program_matches_pytorch(program):
    torch = pytest.importorskip("torch")
    shapes, tree, seed = program
    out_m, grads_m = run(minigrad, *program)
    out_t, grads_t = run(torch, *program)
    assert tuple(out_m.shape) == tuple(out_t.shape), tree
    np.testing.assert_allclose(out_m.detach().numpy(), out_t.detach().numpy(), rtol=1e-10,
                               atol=1e-12, err_msg=str(tree))
    for i, (g_m, g_t) in enumerate(zip(grads_m, grads_t)):
        assert (g_m is None) == (g_t is None), (tree, i)
        if g_t is not None:
            assert tuple(g_m.shape) == tuple(g_t.shape) == shapes[i]
            np.testing.assert_allclose(g_m.numpy(), g_t.numpy(), rtol=1e-9, atol=1e-12,
                                       err_msg=f"grad of leaf {i} in {tree}")
