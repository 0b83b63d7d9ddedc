"""One helper that checks an op, in the spirit of early tinygrad's ``helper_test_op``.

An op is written once as ``fn(lib, *leaves)``, where ``lib`` is either ``minigrad`` or
``torch``, so the very same code runs in both libraries. ``OpCase`` says which shapes
the differentiable inputs have and where their values come from (away from kinks).

``check_gradients`` compares backward with finite differences (first and second order).
``check_against_torch`` runs the op in both libraries on the same float64 values and
compares the result (values, dtype, shape), the graph (``grad_fn`` names and the whole
``next_functions`` structure down to which leaf each ``AccumulateGrad`` belongs to),
the leaves' gradients, and second derivatives through ``create_graph=True``.
"""
from dataclasses import dataclass, field

import numpy as np

import minigrad


# -- where input values come from ---------------------------------------------------------
def normal(rng, shape):
    return rng.standard_normal(shape)


def positive(rng, shape):
    """For log, sqrt, fractional powers, 1/x: well inside the domain."""
    return rng.uniform(0.5, 2.0, shape)


def probabilities(rng, shape):
    """For binary_cross_entropy: inside (0, 1), away from its ends."""
    return rng.uniform(0.1, 0.9, shape)


def with_zeros(rng, shape):
    """For products: normal values with about a third of them exactly 0."""
    out = rng.standard_normal(shape)
    return np.where(rng.uniform(size=shape) < 0.35, 0.0, out)


def away_from(*kinks, gap=0.2, low=-2.0, high=2.0):
    """Values at least ``gap`` from every kink (relu at 0, clamp at its bounds), so that
    finite differences never straddle one."""
    def values(rng, shape):
        out = rng.uniform(low, high, shape)
        for _ in range(100):
            bad = np.zeros(np.shape(out), dtype=bool)
            for k in kinks:
                bad |= np.abs(out - k) < gap
            if not bad.any():
                return out
            out = np.where(bad, rng.uniform(low, high, np.shape(out)), out)
        raise AssertionError("could not draw values away from the kinks")
    return values


@dataclass
class OpCase:
    """One row of an op table: ``fn(lib, *leaves)`` with leaves of ``shapes``."""
    name: str
    fn: object
    shapes: tuple
    values: object = normal
    gradcheck_kwargs: dict = field(default_factory=dict)
    second_order: bool = True    # compare second derivatives with PyTorch too

    def __repr__(self):
        return self.name


def make_arrays(case, seed=0):
    rng = np.random.default_rng(seed)
    return [np.asarray(case.values(rng, shape), dtype=np.float64) for shape in case.shapes]


def leaves(lib, arrays):
    return [lib.tensor(a.copy(), requires_grad=True) for a in arrays]


def first_output(result):
    """``max(dim)`` returns (values, indices); the differentiable output is the first."""
    return result if not isinstance(result, tuple) else result[0]


# -- finite differences -------------------------------------------------------------------
def check_gradients(case):
    xs = leaves(minigrad, make_arrays(case))
    fn = lambda *args: first_output(case.fn(minigrad, *args))  # noqa: E731
    assert minigrad.autograd.gradcheck(fn, xs, **case.gradcheck_kwargs)
    if case.second_order:
        assert minigrad.autograd.gradgradcheck(fn, xs, **case.gradcheck_kwargs)


# -- against PyTorch -------------------------------------------------------------------
def graph(node, leaves_, depth=0, limit=12):
    """The graph below ``node`` as nested tuples of class names: what a student sees by
    following ``grad_fn.next_functions``. An AccumulateGrad says whose gradient it fills."""
    if node is None:
        return None
    name = type(node).__name__
    if name == "AccumulateGrad":
        index = next((i for i, t in enumerate(leaves_) if t is node.variable), "?")
        return (name, index)
    if depth == limit:
        return (name, "...")
    return (name, tuple((graph(child, leaves_, depth + 1, limit), nr)
                        for child, nr in node.next_functions))


def _numpy(t):
    return None if t is None else t.detach().numpy(force=True)  # torch: ZeroTensors too


def _assert_close(ours, theirs, what, rtol=1e-10, atol=1e-12):
    assert (ours is None) == (theirs is None), f"{what}: minigrad {ours!r}, torch {theirs!r}"
    if ours is not None:
        np.testing.assert_allclose(_numpy(ours), _numpy(theirs), rtol=rtol, atol=atol,
                                   err_msg=what)
        assert ours.dtype.__repr__() == theirs.dtype.__repr__(), what
        assert tuple(ours.shape) == tuple(theirs.shape), what


def check_against_torch(case, torch, seed=0):
    arrays = make_arrays(case, seed)
    rng = np.random.default_rng(seed + 1)
    results = {}
    for lib in (minigrad, torch):
        xs = leaves(lib, arrays)
        out = first_output(case.fn(lib, *xs))
        results[lib] = xs, out
    (mine, out_m), (ref, out_t) = results[minigrad], results[torch]

    _assert_close(out_m, out_t, f"{case.name}: forward")
    assert out_m.requires_grad == out_t.requires_grad
    ours, theirs = graph(out_m.grad_fn, mine), graph(out_t.grad_fn, ref)
    assert ours == theirs, f"{case.name}: graph\nminigrad {ours}\ntorch    {theirs}"

    seed_grad = rng.standard_normal(tuple(out_t.shape))
    weights = [rng.standard_normal(a.shape) for a in arrays]
    for lib, (xs, out) in results.items():
        # first order: vector-Jacobian product into .grad
        out.backward(lib.tensor(seed_grad), retain_graph=True)
        # second order: differentiate  Σ wᵢ · ∂⟨seed, out⟩/∂xᵢ  once more
        grads = lib.autograd.grad(out, xs, lib.tensor(seed_grad), create_graph=True,
                                  allow_unused=True)
        results[lib] = xs, out, [x.grad for x in xs], grads
    _, _, first_m, grads_m = results[minigrad]
    _, _, first_t, grads_t = results[torch]
    for i, (g_m, g_t) in enumerate(zip(first_m, first_t)):
        _assert_close(g_m, g_t, f"{case.name}: grad of input {i}")
    if not case.second_order:
        return
    for lib, (xs, out, _, grads) in results.items():
        for x in xs:
            x.grad = None
        terms = [(g * lib.tensor(w)).sum() for g, w in zip(grads, weights)
                 if g is not None and g.requires_grad]
        if terms:
            sum(terms).backward()
        results[lib] = [x.grad for x in xs]
    for i, (g_m, g_t) in enumerate(zip(results[minigrad], results[torch])):
        _assert_close(g_m, g_t, f"{case.name}: second derivative for input {i}")


# -- whole programs in both libraries ------------------------------------------------------
def summary(value):
    """What a student could observe about a value, in a form both libraries give alike:
    tensors become (values, dtype, shape, requires_grad, is_leaf, grad_fn name)."""
    if hasattr(value, "grad_fn") and hasattr(value, "detach"):
        node = value.grad_fn
        return ("tensor", value.detach().numpy(force=True).tolist(), repr(value.dtype),
                tuple(value.shape), value.requires_grad, value.is_leaf,
                None if node is None else type(node).__name__)
    if isinstance(value, (list, tuple)):
        return tuple(summary(v) for v in value)
    if isinstance(value, dict):
        return {k: summary(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return ("array", value.tolist(), str(value.dtype))
    if isinstance(value, type):
        return value.__name__
    if type(value).__name__ == "dtype":
        return repr(value)
    return value


def assert_same(ours, theirs, where="result", rtol=1e-6):
    """Equal summaries; floats (also inside tensors) equal to ``rtol``."""
    if isinstance(theirs, float) or isinstance(ours, float):
        assert np.isclose(ours, theirs, rtol=rtol, atol=1e-7, equal_nan=True), \
            f"{where}: minigrad {ours!r}, torch {theirs!r}"
    elif isinstance(theirs, (tuple, list)) and isinstance(ours, (tuple, list)):
        assert len(ours) == len(theirs), f"{where}: minigrad {ours!r}, torch {theirs!r}"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            assert_same(a, b, f"{where}[{i}]", rtol)
    elif isinstance(theirs, dict):
        assert ours.keys() == theirs.keys(), where
        for k in theirs:
            assert_same(ours[k], theirs[k], f"{where}[{k!r}]", rtol)
    else:
        assert ours == theirs, f"{where}: minigrad {ours!r}, torch {theirs!r}"


def same_in_both(program, torch):
    """Run ``program(lib)`` with minigrad and with torch; what each returns must agree.
    Returns minigrad's result, for checks against math."""
    ours = program(minigrad)
    assert_same(summary(ours), summary(program(torch)))
    return ours
