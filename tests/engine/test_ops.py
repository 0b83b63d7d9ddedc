"""Every differentiable op: backward against finite differences (first and second
order) and against PyTorch (values, dtype, shape, graph, gradients, second derivatives).

The table is the test: one row per op and input shape, run through ``helper.py``.
"""
import numpy as np
import pytest

from .helper import (OpCase, away_from, check_against_torch, check_gradients, positive,
                     probabilities, with_zeros)

# Shapes that broadcast against each other (the second operand first where it is smaller).
BROADCAST = [((2, 3), (2, 3)), ((3,), (2, 3)), ((2, 3), (3,)), ((1, 3), (2, 1)),
             ((), (2, 3)), ((2, 3), ()), ((), ())]

BINARY = {
    "add": (lambda lib, a, b: a + b, None),
    "sub": (lambda lib, a, b: a - b, None),
    "mul": (lambda lib, a, b: a * b, None),
    "div": (lambda lib, a, b: a / b, positive),
    "pow": (lambda lib, a, b: a ** b, positive),
    "torch.pow": (lambda lib, a, b: lib.pow(a, b), positive),
    "maximum": (lambda lib, a, b: lib.maximum(a, b), None),
    "minimum": (lambda lib, a, b: lib.minimum(a, b), None),
    "where": (lambda lib, a, b: lib.where(a > 0, a, b), away_from(0.0)),
    "clamp(min=tensor)": (lambda lib, a, b: lib.clamp(a, min=b), None),
    "clamp(max=tensor)": (lambda lib, a, b: a.clamp(max=b), None),
    "a % b": (lambda lib, a, b: a % b, None),
    "torch.fmod(a, b)": (lambda lib, a, b: lib.fmod(a, b), None),
}


def binary_cases():
    for name, (fn, values) in BINARY.items():
        for sa, sb in BROADCAST:
            yield OpCase(f"{name} {sa}x{sb}", fn, (sa, sb), **({"values": values} if values else {}))


def _cube_function(lib, _cache={}):
    """A custom autograd.Function, defined once per library: x³ with a saved input, a
    ctx attribute, and a backward written with ops so it can be differentiated again."""
    if lib not in _cache:
        class Cube(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, scale):
                ctx.save_for_backward(x)
                ctx.scale = scale
                return x ** 3 * scale

            @staticmethod
            def backward(ctx, grad):
                x, = ctx.saved_tensors
                return grad * 3 * x ** 2 * ctx.scale, None
        _cache[lib] = Cube
    return _cache[lib]


def _legendre3(lib, _cache={}):
    """The LegendrePolynomial3 Function of "Learning PyTorch with Examples"."""
    if lib not in _cache:
        class LegendrePolynomial3(lib.autograd.Function):
            @staticmethod
            def forward(ctx, input):
                ctx.save_for_backward(input)
                return 0.5 * (5 * input ** 3 - 3 * input)

            @staticmethod
            def backward(ctx, grad_output):
                input, = ctx.saved_tensors
                return grad_output * 1.5 * (5 * input ** 2 - 1)
        _cache[lib] = LegendrePolynomial3
    return _cache[lib]


def _written(lib, x, key, value):
    """``y[key] = value`` into a non-leaf copy of x: records CopySlices / IndexPut."""
    y = x * 1
    y[key] = value
    return y


def _into_zeros(lib, v):
    """The Jacobian notes: writing results into a plain zeros tensor."""
    y = lib.zeros(2, 3, dtype=lib.float64)
    y[0] = v * 2
    y[1, 1:] = v[:2] ** 2
    return y


def _cut(lib, x):
    """``y[i] = constant`` on a non-leaf: element i no longer depends on x."""
    y = x * 2
    y[1] = 5.0
    return y


def _in_place(name, *args):
    """``y = x * 1; y.<name>(*args)``: the op applied in place to a result in the graph."""
    def fn(lib, x):
        y = x * 1
        getattr(y, name)(*args)
        return y
    return fn


def _through_view(x, change, view=lambda y: y[0]):
    """An in-place op on a view of a non-leaf y: y's node becomes CopySlices around it."""
    y = x * 1
    change(view(y))
    return y


def _mask_zeroed(lib, x):
    g = x * 3
    g[g > 0] = 0
    return g




def _scalar_and_unary():
    relu_like = away_from(0.0)
    clamp_values = away_from(-0.5, 0.5)
    rows = [
        ("x + 2", lambda lib, x: x + 2, None), ("2 + x", lambda lib, x: 2 + x, None),
        ("x - 2", lambda lib, x: x - 2, None), ("rsub 2 - x", lambda lib, x: 2 - x, None),
        ("x * 2", lambda lib, x: x * 2, None), ("2 * x", lambda lib, x: 2 * x, None),
        ("x * 2.5", lambda lib, x: x * 2.5, None), ("2.5 + x", lambda lib, x: 2.5 + x, None),
        ("x / 2", lambda lib, x: x / 2, None),
        ("rtruediv 1 / x", lambda lib, x: 1 / x, positive),
        ("rtruediv 2 / x", lambda lib, x: 2 / x, positive),
        ("neg", lambda lib, x: -x, None), ("x.neg()", lambda lib, x: x.neg(), None),
        ("x ** 2", lambda lib, x: x ** 2, None), ("x ** 3", lambda lib, x: x ** 3, None),
        ("x.pow(0.5)", lambda lib, x: x.pow(0.5), positive),
        ("x ** -1", lambda lib, x: x ** -1, positive),
        ("x ** 0", lambda lib, x: x ** 0, None),
        ("x ** 1.0", lambda lib, x: x ** 1.0, None),
        ("2 ** x", lambda lib, x: 2 ** x, None),
        ("torch.pow(2, x)", lambda lib, x: lib.pow(2, x), None),
        ("2.5 ** x", lambda lib, x: 2.5 ** x, None),
        ("exp", lambda lib, x: x.exp(), None), ("torch.exp", lambda lib, x: lib.exp(x), None),
        ("log", lambda lib, x: x.log(), positive),
        ("log1p", lambda lib, x: x.log1p(), positive), ("torch.log2", lambda lib, x: lib.log2(x), positive),
        ("log10", lambda lib, x: x.log10(), positive), ("expm1", lambda lib, x: x.expm1(), None),
        ("tan", lambda lib, x: x.tan(), probabilities),
        ("nan_to_num of finite values", lambda lib, x: lib.nan_to_num(x), None),
        ("sin", lambda lib, x: x.sin(), None), ("cos", lambda lib, x: x.cos(), None),
        ("asin", lambda lib, x: x.asin(), probabilities), ("torch.acos", lambda lib, x: lib.acos(x), probabilities),
        ("torch.arcsin", lambda lib, x: lib.arcsin(-x), probabilities),
        ("atan", lambda lib, x: x.atan(), None), ("torch.arctan", lambda lib, x: lib.arctan(x), None),
        ("sinh", lambda lib, x: x.sinh(), None), ("torch.cosh", lambda lib, x: lib.cosh(x), None),
        ("rsqrt", lambda lib, x: x.rsqrt(), positive), ("torch.frac(x * 3)", lambda lib, x: lib.frac(x * 3), None),
        ("x.maximum(x * 2)", lambda lib, x: x.maximum(x * 2), relu_like),
        ("x % 0.7", lambda lib, x: x % 0.7, None), ("x.remainder(-1.3)", lambda lib, x: x.remainder(-1.3), None),
        ("torch.fmod(x, 0.7)", lambda lib, x: lib.fmod(x, 0.7), None),
        ("erf", lambda lib, x: x.erf(), None), ("torch.erf(x) * x", lambda lib, x: lib.erf(x) * x, None),
        ("sgn(x) * x", lambda lib, x: x.sgn() * x, relu_like),
        ("torch.sin", lambda lib, x: lib.sin(x), None),
        ("tanh", lambda lib, x: x.tanh(), None), ("sigmoid", lambda lib, x: x.sigmoid(), None),
        ("torch.sigmoid", lambda lib, x: lib.sigmoid(x), None),
        ("relu", lambda lib, x: x.relu(), relu_like),
        ("torch.relu", lambda lib, x: lib.relu(x), relu_like),
        ("sqrt", lambda lib, x: x.sqrt(), positive),
        ("abs", lambda lib, x: x.abs(), relu_like),
        ("square", lambda lib, x: x.square(), None),
        ("clamp(min=)", lambda lib, x: x.clamp(min=-0.5), clamp_values),
        ("clamp(max=)", lambda lib, x: x.clamp(max=0.5), clamp_values),
        ("clamp(min, max)", lambda lib, x: x.clamp(-0.5, 0.5), clamp_values),
        ("clamp_min", lambda lib, x: x.clamp_min(-0.5), clamp_values),
        ("torch.clamp_max", lambda lib, x: lib.clamp_max(x, 0.5), clamp_values),
        ("torch.absolute", lambda lib, x: lib.absolute(x), relu_like),
        ("x.negative()", lambda lib, x: x.negative(), None),
        ("torch.true_divide(x, 2)", lambda lib, x: lib.true_divide(x, 2), None),
        ("fix", lambda lib, x: x.fix() * x, None),
        ("torch.clamp(x, min=0)", lambda lib, x: lib.clamp(x, min=0), relu_like),
        ("round(decimals=1) * x", lambda lib, x: x.round(decimals=1) * x, None),
        ("torch.round(x, decimals=-1) + x", lambda lib, x: lib.round(x * 30, decimals=-1) + x, None),
        ("round", lambda lib, x: x.round() * x, None), ("floor", lambda lib, x: x.floor() + x, None),
        ("torch.ceil", lambda lib, x: lib.ceil(x) * x, None), ("trunc", lambda lib, x: x.trunc() - x, None),
        ("sigmoid(tanh(x)) * exp(-x)", lambda lib, x: x.tanh().sigmoid() * (-x).exp(), None),
    ]
    rows += [(f"y.{name}() in place", _in_place(f"{name}_"), values) for name, values in [
        ("sin", None), ("cos", None), ("tanh", None), ("sigmoid", None), ("exp", None), ("neg", None),
        ("tan", probabilities), ("asin", probabilities), ("acos", probabilities), ("atan", None),
        ("sinh", None), ("cosh", None), ("sqrt", positive), ("log", positive), ("reciprocal", positive),
        ("abs", relu_like), ("relu", relu_like), ("floor", None), ("round", None),
        ("square", None)]]
    rows.append(("y.clip_(-0.5, 0.5) in place", _in_place("clip_", -0.5, 0.5), clamp_values))
    for name, fn, values in rows:
        for shape in ((2, 3), ()):
            yield OpCase(f"{name} {shape}", fn, (shape,),
                         **({"values": values} if values else {}))


def _reductions():
    s3 = (2, 3, 4)
    rows = [
        ("sum()", lambda lib, x: x.sum(), (2, 3)), ("sum() of 0-d", lambda lib, x: x.sum(), ()),
        ("torch.sum", lambda lib, x: lib.sum(x), (2, 3)),
        ("sum(0)", lambda lib, x: x.sum(0), (2, 3)), ("sum(dim=1)", lambda lib, x: x.sum(dim=1), (2, 3)),
        ("sum(-1)", lambda lib, x: x.sum(-1), s3), ("sum((0, 2))", lambda lib, x: x.sum((0, 2)), s3),
        ("sum((-1, 0))", lambda lib, x: x.sum((-1, 0)), s3),
        ("sum(1, keepdim)", lambda lib, x: x.sum(1, keepdim=True), s3),
        ("torch.sum(x, dim=0)", lambda lib, x: lib.sum(x, dim=0), (2, 3)),
        ("mean()", lambda lib, x: x.mean(), (2, 3)), ("mean() of 0-d", lambda lib, x: x.mean(), ()),
        ("torch.mean", lambda lib, x: lib.mean(x), (2, 3)),
        ("mean(0)", lambda lib, x: x.mean(0), (2, 3)), ("mean(-1)", lambda lib, x: x.mean(-1), s3),
        ("mean((0, 2))", lambda lib, x: x.mean((0, 2)), s3),
        ("mean(1, keepdim)", lambda lib, x: x.mean(1, keepdim=True), s3),
        ("max()", lambda lib, x: x.max(), (2, 3)), ("min()", lambda lib, x: x.min(), (2, 3)),
        ("torch.max", lambda lib, x: lib.max(x), (2, 3)),
        ("max(dim=1)", lambda lib, x: x.max(dim=1).values, (2, 3)),
        ("max(0)", lambda lib, x: x.max(0)[0], (2, 3)),
        ("max(-1, keepdim)", lambda lib, x: x.max(-1, keepdim=True).values, s3),
        ("min(dim=1)", lambda lib, x: x.min(dim=1).values, (2, 3)),
        ("min(0, keepdim)", lambda lib, x: x.min(0, keepdim=True).values, s3),
        ("norm()", lambda lib, x: x.norm(), (2, 3)), ("norm() of 0-d", lambda lib, x: x.norm(), ()),
        ("var()", lambda lib, x: x.var(), (2, 3)), ("std()", lambda lib, x: x.std(), (2, 3)),
        ("var(1, keepdim)", lambda lib, x: x.var(1, keepdim=True), s3),
        ("std(dim=(0, 2))", lambda lib, x: x.std(dim=(0, 2)), s3),
        ("var(unbiased=False)", lambda lib, x: x.var(unbiased=False), (2, 3)),
        ("std(0, correction=0)", lambda lib, x: x.std(0, correction=0), (2, 3)),
        ("torch.var(x, 0)", lambda lib, x: lib.var(x, 0), (2, 3)),
        ("std_mean(x, dim=1): std × mean", lambda lib, x: (lambda s, m: s * m)(*lib.std_mean(x, dim=1)), (2, 3)),
        ("var_mean(x, 0, correction=0, keepdim)", lambda lib, x: (lambda v, m: v + m ** 2)(
            *lib.var_mean(x, 0, correction=0, keepdim=True)), s3),
        ("var_mean(x): mean only", lambda lib, x: lib.var_mean(x)[1] * 3, (2, 3)),
        ("softmax(1)", lambda lib, x: x.softmax(1), (2, 3)),
        ("torch.softmax(x, dim=0)", lambda lib, x: lib.softmax(x, dim=0), (2, 3)),
        ("log_softmax(-1)", lambda lib, x: x.log_softmax(-1), s3),
        ("cumsum(0)", lambda lib, x: x.cumsum(0), (2, 3)), ("cumsum(-1)", lambda lib, x: x.cumsum(-1), s3),
        ("torch.cumsum(x, dim=1)", lambda lib, x: lib.cumsum(x, dim=1), s3),
        ("cumsum(0) of 0-d", lambda lib, x: x.cumsum(0), ()),
        ("cumprod(1)", lambda lib, x: x.cumprod(1), (2, 3)), ("cumprod(-1)", lambda lib, x: x.cumprod(-1), s3),
        ("torch.cumprod(x, dim=0)", lambda lib, x: lib.cumprod(x, dim=0), (4,)),
        ("cumprod(0) of 0-d", lambda lib, x: x.cumprod(0), ()),
        ("cumprod(axis=0)", lambda lib, x: x.cumprod(axis=0), (2, 3)),
        # NumPy's names, as the D2L book writes them
        ("sum(axis=1, keepdims=True)", lambda lib, x: x.sum(axis=1, keepdims=True), s3),
        ("torch.sum(x, axis=0)", lambda lib, x: lib.sum(x, axis=0), (2, 3)),
        ("mean(axis=(0, 2))", lambda lib, x: x.mean(axis=(0, 2)), s3),
        ("max(axis=0)", lambda lib, x: x.max(axis=0).values, (2, 3)),
        ("cumsum(axis=0)", lambda lib, x: x.cumsum(axis=0), (2, 3)),
        ("norm(dim=1)", lambda lib, x: x.norm(dim=1), (2, 3)),
        ("norm(dim=-1, keepdim)", lambda lib, x: x.norm(dim=-1, keepdim=True), s3),
        ("norm(dim=(0, 2))", lambda lib, x: x.norm(dim=(0, 2)), s3),
        ("prod()", lambda lib, x: x.prod(), (2, 3)), ("prod() of 0-d", lambda lib, x: x.prod(), ()),
        ("prod(1)", lambda lib, x: x.prod(1), (2, 3)), ("torch.prod(x, -1)", lambda lib, x: lib.prod(x, -1), s3),
        ("prod(0, keepdim)", lambda lib, x: x.prod(0, keepdim=True), s3),
        ("prod(dim=0) of 0-d", lambda lib, x: x.prod(dim=0), ()),
        ("amax()", lambda lib, x: x.amax(), (2, 3)), ("amin()", lambda lib, x: x.amin(), (2, 3)),
        ("amax(1)", lambda lib, x: x.amax(1), (2, 3)), ("amax((0, 2))", lambda lib, x: x.amax((0, 2)), s3),
        ("torch.amin(x, dim=-1, keepdim)", lambda lib, x: lib.amin(x, dim=-1, keepdim=True), s3),
        ("amax of 0-d", lambda lib, x: x.amax(), ()),
        ("aminmax(): min × max", lambda lib, x: (lambda r: r.min * r.max)(lib.aminmax(x)), (2, 3)),
        ("aminmax(dim=1, keepdim) max only", lambda lib, x: x.aminmax(dim=1, keepdim=True).max * 2, s3),
        ("logsumexp(1)", lambda lib, x: x.logsumexp(1), (2, 3)),
        ("logsumexp((0, 2))", lambda lib, x: x.logsumexp((0, 2)), s3),
        ("torch.logsumexp(x, -1, keepdim)", lambda lib, x: lib.logsumexp(x, -1, keepdim=True), s3),
        ("logsumexp(0) of 0-d", lambda lib, x: x.logsumexp(0), ()),
    ]
    for name, fn, shape in rows:
        yield OpCase(name, fn, (shape,))
    # norms other than 2: one LinalgVectorNormBackward0 node, PyTorch's backward case by case
    for name, fn, shape in [
            ("norm(1)", lambda lib, x: x.norm(1), (2, 3)),
            ("norm(p=1, dim=1)", lambda lib, x: x.norm(p=1, dim=1), (2, 3)),
            ("norm(3)", lambda lib, x: x.norm(3), (2, 3)),
            ("norm(1.5, dim=0, keepdim)", lambda lib, x: x.norm(1.5, dim=0, keepdim=True), s3),
            ("norm(0.5)", lambda lib, x: x.norm(0.5), (2, 3)),
            ("norm(inf)", lambda lib, x: x.norm(float("inf")), (2, 3)),
            ("norm(-inf, dim=1)", lambda lib, x: x.norm(float("-inf"), dim=1), (2, 3)),
            ("norm(-1)", lambda lib, x: x.norm(-1), (3,)),
            ("torch.norm(x, p=4, dim=(0, 2))", lambda lib, x: lib.norm(x, p=4, dim=(0, 2)), s3),
            ("torch.linalg.norm", lambda lib, x: lib.linalg.norm(x), (2, 3)),
            ("torch.linalg.vector_norm(ord=3, dim=1)",
             lambda lib, x: lib.linalg.vector_norm(x, ord=3, dim=1), (2, 3))]:
        yield OpCase(name, fn, (shape,), values=away_from(0.0))
    # products with zeros in them: the gradient of each element is the product of the others
    for name, fn, shape in [
            ("prod() with zeros", lambda lib, x: x.prod(), (3, 2, 2)),
            ("prod(1) with zeros", lambda lib, x: x.prod(1), (2, 3)),
            ("prod(0, keepdim) with zeros", lambda lib, x: x.prod(0, keepdim=True), (3, 2, 2)),
            ("cumprod(1) with zeros", lambda lib, x: x.cumprod(1), (3, 5)),
            ("cumprod(0) with zeros", lambda lib, x: x.cumprod(0), (6, 2))]:
        yield OpCase(name, fn, (shape,), values=with_zeros)


def _products():
    shapes = [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 4)),
              ((4, 2, 3), (3, 2)), ((4, 2, 3), (3,)), ((2,), (4, 2, 3)), ((5, 2), (4, 2, 3)),
              ((4, 2, 3), (4, 3, 2)), ((4, 2, 3), (1, 3, 2)), ((1, 2, 3), (4, 3, 2)),
              ((5, 1, 2, 3), (4, 3, 2)), ((2, 1, 2, 3), (3,))]
    for sa, sb in shapes:
        yield OpCase(f"matmul {sa}@{sb}", lambda lib, a, b: a @ b, (sa, sb))
        yield OpCase(f"torch.matmul {sa}@{sb}", lambda lib, a, b: lib.matmul(a, b), (sa, sb))
    yield OpCase("dot", lambda lib, a, b: lib.dot(a, b), ((3,), (3,)))
    yield OpCase("2 * dot(x, x) (the chapter's y)", lambda lib, a: 2 * lib.dot(a, a), ((4,),))
    yield OpCase("x.dot(x) * 2", lambda lib, a: a.dot(a) * 2, ((4,),))
    yield OpCase("mm", lambda lib, a, b: a.mm(b), ((2, 3), (3, 4)))
    yield OpCase("torch.bmm", lambda lib, a, b: lib.bmm(a, b), ((4, 2, 3), (4, 3, 5)))
    yield OpCase("torch.linalg.cross", lambda lib, a, b: lib.linalg.cross(a, b), ((3,), (3,)))
    yield OpCase("linalg.cross of batches, broadcast", lambda lib, a, b: lib.linalg.cross(a, b), ((1, 3), (2, 3)))
    yield OpCase("linalg.cross(dim=0)", lambda lib, a, b: lib.linalg.cross(a, b, dim=0), ((3, 2), (3, 2)))
    yield OpCase("x.bmm(y) of one pair", lambda lib, a, b: a.bmm(b), ((1, 3, 3), (1, 3, 1)))
    yield OpCase("torch.outer", lambda lib, a, b: lib.outer(a, b), ((2,), (3,)))
    yield OpCase("torch.mm", lambda lib, a, b: lib.mm(a, b), ((2, 3), (3, 4)))
    yield OpCase("mv", lambda lib, a, b: a.mv(b), ((2, 3), (3,)))
    yield OpCase("x.mm(w1).clamp(min=0).mm(w2)",
                 lambda lib, x, w1, w2: x.mm(w1).clamp(min=0).mm(w2), ((4, 3), (3, 5), (5, 2)),
                 values=away_from(0.0, gap=0.3, low=-1.5, high=1.5))


def _shapes_and_indexing():
    s3 = (2, 3, 4)
    rows = [
        ("reshape(3, 2)", lambda lib, x: x.reshape(3, 2), (2, 3)),
        ("reshape(-1)", lambda lib, x: x.reshape(-1), (2, 3)),
        ("reshape((4, -1))", lambda lib, x: x.reshape((4, -1)), s3),
        ("reshape of a transpose (copies)", lambda lib, x: x.t().reshape(6), (2, 3)),
        ("torch.reshape", lambda lib, x: lib.reshape(x, (6,)), (2, 3)),
        ("view(6)", lambda lib, x: x.view(6), (2, 3)), ("view(3, -1)", lambda lib, x: x.view(3, -1), (2, 3)),
        ("view of 0-d", lambda lib, x: x.view(1, 1), ()),
        ("flatten", lambda lib, x: x.flatten(), s3),
        ("transpose(0, 1)", lambda lib, x: x.transpose(0, 1), (2, 3)),
        ("transpose(0, -1)", lambda lib, x: x.transpose(0, -1), s3),
        ("permute(2, 0, 1)", lambda lib, x: x.permute(2, 0, 1), s3),
        ("permute((1, 0, 2))", lambda lib, x: x.permute((1, 0, 2)), s3),
        (".T", lambda lib, x: x.T, (2, 3)), ("t()", lambda lib, x: x.t(), (2, 3)),
        ("t() of a vector", lambda lib, x: x.t(), (3,)),
        ("mT", lambda lib, x: x.mT, s3),
        ("unsqueeze(0)", lambda lib, x: x.unsqueeze(0), (2, 3)),
        ("unsqueeze(-1)", lambda lib, x: x.unsqueeze(-1), (2, 3)),
        ("unsqueeze of 0-d", lambda lib, x: x.unsqueeze(0), ()),
        ("squeeze()", lambda lib, x: x.squeeze(), (1, 3, 1)),
        ("squeeze(0)", lambda lib, x: x.squeeze(0), (1, 3)),
        ("squeeze(1) (size 3: no-op)", lambda lib, x: x.squeeze(1), (1, 3)),
        ("expand(2, 3)", lambda lib, x: x.expand(2, 3), (3,)),
        ("expand(2, -1)", lambda lib, x: x.expand(2, -1), (1, 3)),
        ("expand of 0-d", lambda lib, x: x.expand(2, 3), ()),
        ("expand_as", lambda lib, x: x.expand_as(lib.zeros(4, 2, 3)), (2, 1)),
        ("x[0]", lambda lib, x: x[0], (2, 3)), ("x[-1]", lambda lib, x: x[-1], (2, 3)),
        ("x[1:]", lambda lib, x: x[1:], (3, 2)), ("x[:, 1:]", lambda lib, x: x[:, 1:], (2, 3)),
        ("x[::2]", lambda lib, x: x[::2], (5,)), ("x[1:-1]", lambda lib, x: x[1:-1], (5,)),
        ("x[0, 1:]", lambda lib, x: x[0, 1:], (2, 3)), ("x[1, 2]", lambda lib, x: x[1, 2], (2, 3)),
        ("x[-1][-1]", lambda lib, x: x[-1][-1], (2, 3)),
        ("x[..., 1]", lambda lib, x: x[..., 1], s3), ("x[None]", lambda lib, x: x[None], (2, 3)),
        ("x[:, None, 0]", lambda lib, x: x[:, None, 0], (2, 3)),
        ("x[...]", lambda lib, x: x[...], (2, 3)), ("x[:]", lambda lib, x: x[:], (2, 3)),
        ("x[[0, 0, 1]] repeated", lambda lib, x: x[[0, 0, 1]], (2, 3)),
        ("x[int64 tensor] repeated", lambda lib, x: x[lib.tensor([2, 0, 2, 2])], (3,)),
        ("x[0-d int64 tensor]", lambda lib, x: x[lib.tensor(1)], (2, 3)),
        ("x[2-d int64 tensor]", lambda lib, x: x[lib.tensor([[0, 1], [1, 1]])], (2, 3)),
        ("x[:, 1:, [0, 2]]", lambda lib, x: x[:, 1:, [0, 2]], (2, 3, 4)),
        ("x[1, [0, 2]]", lambda lib, x: x[1, [0, 2]], (2, 3, 4)),
        ("x[[0, 1], 1:, 2]", lambda lib, x: x[[0, 1], 1:, 2], (2, 3, 4)),
        ("x[None, [0, 1]]", lambda lib, x: x[None, [0, 1]], (2, 3, 4)),
        ("x[[0, 1], ..., :2]", lambda lib, x: x[[0, 1], ..., :2], (2, 3, 4)),
        ("x[..., [0, 2]]", lambda lib, x: x[..., [0, 2]], (2, 3, 4)),
        ("x[:, [0, 2], 1:3]", lambda lib, x: x[:, [0, 2], 1:3], (2, 3, 4)),
        ("x[mask, 1:]", lambda lib, x: x[x[:, 0] > 0, 1:], (2, 3)),
        ("x[[0, 1], [2, 2]]", lambda lib, x: x[[0, 1], [2, 2]], (2, 3)),
        ("x[range(2), [2, 0]] (D2L's cross-entropy)", lambda lib, x: x[range(2), [2, 0]], (2, 3)),
        ("x[:, [0, 2, 0]]", lambda lib, x: x[:, [0, 2, 0]], (2, 3)),
        ("x[x > 0] bool mask", lambda lib, x: x[x > 0], (2, 3)),
        ("masked_select(x > 0)", lambda lib, x: x.masked_select(x > 0), (2, 3)),
        ("torch.masked_select with a row mask", lambda lib, x: lib.masked_select(
            x, lib.tensor([True, False, True])), (3,)),
        ("x[mask row]", lambda lib, x: x[lib.tensor([True, False])], (2, 3)),
        ("y[0] = v (CopySlices)", lambda lib, x, v: _written(lib, x, 0, v), ((2, 3), (3,))),
        ("y[:, 1] = v", lambda lib, x, v: _written(lib, x, (slice(None), 1), v), ((2, 3), (2,))),
        ("y[0, 1:] = v broadcast", lambda lib, x, v: _written(lib, x, (0, slice(1, None)), v), ((2, 3), ())),
        ("y[[0, 2]] = v (IndexPut)", lambda lib, x, v: _written(lib, x, [0, 2], v), ((3, 2), (2, 2))),
        ("y[mask] = v", lambda lib, x, v: _written(lib, x, x > 0, v), ((2, 3), ())),
        ("y[0, [0, 2]] = v (CopySlices)", lambda lib, x, v: _written(lib, x, (0, [0, 2]), v),
         ((2, 3, 4), (2, 4))),
        ("y[[0, 1], 1:, 2] = v", lambda lib, x, v: _written(lib, x, ([0, 1], slice(1, None), 2), v),
         ((2, 3, 4), (2, 2))),
        ("y[:, [0, 2]] = v (IndexPut)", lambda lib, x, v: _written(lib, x, (slice(None), [0, 2]), v),
         ((2, 3, 4), (2, 2, 4))),
        ("masked_fill(mask, 0.5)", lambda lib, x: x.masked_fill(lib.tensor([[True, False, True],
                                                                            [False, False, True]]), 0.5), (2, 3)),
        ("masked_fill with a broadcast row mask", lambda lib, x: lib.masked_fill(
            x, lib.tensor([False, True, False]), -1.0), (2, 3)),
        ("masked_fill(mask, 0-d tensor)", lambda lib, x, v: x.masked_fill(
            lib.tensor([True, False, True]), v), ((2, 3), ())),
        ("y.masked_fill_(mask, 2) on a non-leaf", lambda lib, x: (x * 1).masked_fill_(
            lib.tensor([[True], [False]]), 2.0), (2, 3)),
        ("zeros; y[i] = f(v)", _into_zeros, ((3,),)),
        ("y[1] = constant cuts the gradient", _cut, ((3,),)),
        ("g[g > 0] = 0", _mask_zeroed, ((2, 3),)),
        ("cat dim 0", lambda lib, a, b: lib.cat([a, b]), ((2, 3), (1, 3))),
        ("cat dim 1", lambda lib, a, b: lib.cat((a, b), dim=1), ((2, 3), (2, 2))),
        ("cat dim -1, three", lambda lib, a, b, c: lib.cat([a, b, c], -1), ((2,), (3,), (1,))),
        ("stack dim 0", lambda lib, a, b: lib.stack([a, b]), ((2, 3), (2, 3))),
        ("stack dim 1", lambda lib, a, b: lib.stack((a, b), dim=1), ((2, 3), (2, 3))),
        ("stack dim -1", lambda lib, a, b: lib.stack([a, b], -1), ((3,), (3,))),
        ("stack of 0-d", lambda lib, a, b: lib.stack([a, b, a]), ((), ())),
        ("clone", lambda lib, x: x.clone(), (2, 3)),
        ("repeat(2, 1)", lambda lib, x: x.repeat(2, 1), (2, 3)),
        ("sort(dim=1, descending=True).values", lambda lib, x: x.sort(dim=1, descending=True).values, (2, 3)),
        ("torch.sort(x, 0)[0]", lambda lib, x: lib.sort(x, 0)[0], (3, 2)),
        ("topk(2).values", lambda lib, x: x.topk(2).values, (2, 3)),
        ("topk(1, dim=0, largest=False)[0]", lambda lib, x: x.topk(1, dim=0, largest=False)[0], (3, 2)),
        ("repeat((2, 1, 2)) adds a dim", lambda lib, x: x.repeat((2, 1, 2)), (2, 3)),
        ("squeeze((1, 3))", lambda lib, x: x.squeeze((1, 3)), (2, 1, 3, 1)),
        ("gather(1, index) (D2L's cross-entropy)", lambda lib, x: x.gather(
            1, lib.tensor([[2], [0]])), (2, 3)),
        ("torch.gather(x, 0, index) with repeats", lambda lib, x: lib.gather(
            x, 0, lib.tensor([[1, 1, 0], [1, 0, 0], [0, 0, 1]])), (2, 3)),
        ("index_select(1, index) with a repeat", lambda lib, x: x.index_select(
            1, lib.tensor([2, 0, 2])), (2, 3)),
        ("trace", lambda lib, x: x.trace(), (3, 3)), ("torch.trace of 2x3", lambda lib, x: lib.trace(x), (2, 3)),
        ("x.where(x > 0, y)", lambda lib, x, y: x.where(x > 0, y), ((2, 3), (3,))),
        ("contiguous of a transpose", lambda lib, x: x.t().contiguous(), (2, 3)),
        ("y.unsqueeze_(1)", _in_place("unsqueeze_", 1), (2, 3)),
        ("y.squeeze_()", _in_place("squeeze_"), (1, 3, 1)),
        ("y.squeeze_(0)", _in_place("squeeze_", 0), (1, 3)),
        ("y.squeeze_((0, 2))", _in_place("squeeze_", (0, 2)), (1, 3, 1)),
        ("y.transpose_(0, 2)", _in_place("transpose_", 0, 2), s3),
        ("y.t_()", _in_place("t_"), (2, 3)),
        ("roll(1)", lambda lib, x: x.roll(1), (2, 3)), ("roll(-4) of a vector", lambda lib, x: x.roll(-4), (3,)),
        ("torch.roll(x, (1, -2), (0, 2))", lambda lib, x: lib.roll(x, (1, -2), (0, 2)), s3),
        ("swapaxes(0, 2)", lambda lib, x: x.swapaxes(0, 2), s3), ("torch.swapdims", lambda lib, x: lib.swapdims(x, -1, 0), s3),
        ("movedim(0, 2)", lambda lib, x: x.movedim(0, 2), s3),
        ("torch.movedim(x, (0, 1), (2, 0))", lambda lib, x: lib.movedim(x, (0, 1), (2, 0)), s3),
        ("narrow(1, 1, 2)", lambda lib, x: x.narrow(1, 1, 2), s3), ("narrow(0, -2, 2)", lambda lib, x: x.narrow(0, -2, 2), (5,)),
        ("repeat_interleave(2)", lambda lib, x: x.repeat_interleave(2), (2, 3)),
        ("torch.repeat_interleave(x, 3, dim=1)", lambda lib, x: lib.repeat_interleave(x, 3, dim=1), (2, 3)),
        ("repeat_interleave(counts, dim=0)", lambda lib, x: x.repeat_interleave(lib.tensor([2, 0, 1]), dim=0),
         (3, 2)),
        ("diff(n=2, dim=0) with prepend", lambda lib, x, p: x.diff(n=2, dim=0, prepend=p), ((3, 2), (1, 2))),
        ("x.outer(x)", lambda lib, x: x.outer(x * 2), (3,)),
        ("torch.diff(x * x)", lambda lib, x: lib.diff(x * x), (2, 4)),
        ("tile((2,))", lambda lib, x: x.tile((2,)), (3,)), ("tile((2, 1, 2))", lambda lib, x: x.tile((2, 1, 2)), (2, 3)),
        ("unflatten(2, (2, -1))", lambda lib, x: x.unflatten(2, (2, -1)), s3),
        ("ravel", lambda lib, x: x.ravel(), s3), ("ravel of a transpose", lambda lib, x: x.mT.ravel(), s3),
        ("torch.broadcast_to", lambda lib, x: lib.broadcast_to(x, (2, 3)), (3,)),
        ("broadcast_tensors", lambda lib, a, b: (lambda p, q: p * q)(*lib.broadcast_tensors(a, b)), ((3,), (2, 1))),
        ("tensor_split(3) stacked", lambda lib, x: lib.cat([p * (i + 1) for i, p in enumerate(x.tensor_split(3))]), (5,)),
        ("torch.tensor_split(x, [1, 3], dim=2)[1]", lambda lib, x: lib.tensor_split(x, [1, 3], dim=2)[1], s3),
        ("hsplit(3)[2]", lambda lib, x: x.hsplit(3)[2], (2, 3)), ("torch.vsplit(x, 2)[1]", lambda lib, x: lib.vsplit(x, 2)[1], (4, 3)),
        ("hstack of vectors", lambda lib, a, b: lib.hstack([a, b]), ((2,), (3,))),
        ("hstack of matrices", lambda lib, a, b: lib.hstack((a, b)), ((2, 1), (2, 3))),
        ("vstack of vectors", lambda lib, a, b: lib.vstack([a, b]), ((3,), (3,))),
        ("vstack of matrices", lambda lib, a, b: lib.vstack([a, b]), ((1, 3), (2, 3))),
        ("flip(0)", lambda lib, x: x.flip(0), (2, 3)), ("flip(0, -1)", lambda lib, x: x.flip(0, -1), s3),
        ("torch.flip(x, (1,)) * x", lambda lib, x: lib.flip(x, (1,)) * x, (2, 3)),
        ("flip(dims=[1])", lambda lib, x: x.flip(dims=[1]), (2, 3)),
        ("fliplr", lambda lib, x: x.fliplr(), (2, 3)), ("torch.flipud", lambda lib, x: lib.flipud(x), (3,)),
        ("flip of 0-d", lambda lib, x: x.flip(0), ()),
        ("split(2) pieces joined", lambda lib, x: lib.cat([p * (i + 1) for i, p in enumerate(x.split(2))]), (5, 2)),
        ("split(2, dim=1)[1] (others get zeros)", lambda lib, x: x.split(2, dim=1)[1], s3),
        ("split(split_size=3)[0]", lambda lib, x: x.split(split_size=3)[0], (5, 2)),
        ("torch.split(x, [1, 0, 2])[2]", lambda lib, x: lib.split(x, [1, 0, 2])[2], (3, 2)),
        ("split([2, 1], -1) both", lambda lib, x: (lambda a, b: a.sum(-1) * b.squeeze(-1))(*x.split([2, 1], -1)), (2, 3)),
        ("chunk(3) stacked", lambda lib, x: lib.stack(x.chunk(3)[:2]), (5, 2)),
        ("split of a transpose", lambda lib, x: (lambda a, b: a.sum(0) * b.sum())(*x.t().split([2, 1])), (2, 3)),
        ("chunk(2, -1) of odd length", lambda lib, x: x.chunk(2, -1)[1] * 3, (2, 5)),
        ("flip of a transpose", lambda lib, x: x.t().flip(0, 1), (2, 3)),
        ("torch.chunk(x, 2, 1)[0]", lambda lib, x: lib.chunk(x, 2, 1)[0], (2, 3)),
        ("tril", lambda lib, x: x.tril(), (3, 3)), ("tril(-1) of 2x3x4", lambda lib, x: x.tril(-1), s3),
        ("torch.triu(x, diagonal=1)", lambda lib, x: lib.triu(x, diagonal=1), (3, 4)),
        ("triu(-2) ** 2", lambda lib, x: x.triu(-2) ** 2, (4, 3)),
        ("diag of a matrix", lambda lib, x: x.diag(), (3, 3)),
        ("torch.diag(x, 1) of 3x4", lambda lib, x: lib.diag(x, 1), (3, 4)),
        ("diag(diagonal=-1) of 4x2", lambda lib, x: x.diag(diagonal=-1), (4, 2)),
        ("diag(3) of 3x4 (one element)", lambda lib, x: x.diag(3), (3, 4)),
        ("diag of a vector", lambda lib, x: x.diag(), (3,)),
        ("diagonal (a view)", lambda lib, x: x.diagonal(), (3, 3)),
        ("y.diagonal(1).mul_(3) writes into y", lambda lib, x: _through_view(x, lambda v: v.mul_(3),
                                                                            lambda y: y.diagonal(1)), (3, 4)),
        ("y[0].mul_(w): CopySlices takes w", lambda lib, x, w: _through_view(x, lambda v: v.mul_(w)),
         ((2, 3), (3,))),
        ("y[:, 1:].add_(w) broadcast", lambda lib, x, w: _through_view(x, lambda v: v.add_(w),
                                                                      lambda y: y[:, 1:]), ((2, 3), (1,))),
        ("y[1].exp_()", lambda lib, x: _through_view(x, lambda v: v.exp_()), (2, 3)),
        ("y[0].zero_()", lambda lib, x: _through_view(x, lambda v: v.zero_()), (2, 3)),
        ("y[0][1:] = w (a view of a view)", lambda lib, x, w: _through_view(
            x, lambda v: v.__setitem__(slice(1, None), w)), ((2, 3), (2,))),
        ("y[0].copy_(w)", lambda lib, x, w: _through_view(x, lambda v: v.copy_(w)), ((2, 3), (3,))),
        ("torch.diagonal(x, -1) of 4x3", lambda lib, x: lib.diagonal(x, -1), (4, 3)),
        ("torch.diag(v, -2) @ v", lambda lib, x: lib.diag(x, -2) @ lib.cat([x, x[:2]]), (3,)),
        ("diag(diag(A))", lambda lib, x: x.diag().diag(), (3, 3)),
        ("meshgrid ij", lambda lib, a, b: (lambda X, Y: X * Y + X)(*lib.meshgrid(a, b, indexing="ij")),
         ((2,), (3,))),
        ("meshgrid xy", lambda lib, a, b: (lambda X, Y: X ** 2 * Y)(*lib.meshgrid(a, b, indexing="xy")),
         ((2,), (3,))),
        ("meshgrid xy of three, one 0-d", lambda lib, a, b, c: (lambda X, Y, Z: X * Y - Z)(
            *lib.meshgrid([a, b, c], indexing="xy")), ((2,), (), (4,))),
    ]
    for name, fn, shapes in rows:
        shapes = shapes if shapes and isinstance(shapes[0], tuple) else (shapes,)
        values = away_from(0.0) if ("mask" in name or "> 0" in name) else None
        yield OpCase(name, fn, shapes, **({"values": values} if values else {}))
    # float32 rounding needs a wider step for finite differences
    loose = {"eps": 1e-3, "atol": 1e-4, "rtol": 1e-3}
    yield OpCase("to(float32)", lambda lib, x: x.to(lib.float32) * 2, ((2, 3),), gradcheck_kwargs=loose)
    yield OpCase("float()", lambda lib, x: x.float(), ((2, 3),), gradcheck_kwargs=loose)
    yield OpCase("type_as", lambda lib, x: x.type_as(lib.ones(1)), ((2, 3),), gradcheck_kwargs=loose)
    yield OpCase("to(float32).double()", lambda lib, x: x.to(lib.float32).double(), ((2, 3),),
                 gradcheck_kwargs=loose)


def _functional_and_custom():
    F = lambda lib: lib.nn.functional  # noqa: E731
    rows = [
        ("mse_loss", lambda lib, x, t: F(lib).mse_loss(x, t), ((2, 3), (2, 3))),
        ("mse_loss(reduction='sum')", lambda lib, x, t: F(lib).mse_loss(x, t, reduction="sum"), ((4,), (4,))),
        ("mse_loss(reduction='none')", lambda lib, x, t: F(lib).mse_loss(x, t, reduction="none"), ((2, 3), (2, 3))),
        ("mse_loss to a constant", lambda lib, x: F(lib).mse_loss(x, lib.ones(3, dtype=lib.float64)), ((3,),)),
        ("bce_with_logits", lambda lib, z: F(lib).binary_cross_entropy_with_logits(
            z, lib.tensor([0.0, 1.0, 1.0], dtype=lib.float64)), ((3,),)),
        ("bce_with_logits, target requires grad",
         lambda lib, z, y: F(lib).binary_cross_entropy_with_logits(z, y), ((2, 3), (2, 3))),
        ("bce_with_logits(reduction='sum')", lambda lib, z: F(lib).binary_cross_entropy_with_logits(
            z, lib.tensor([1.0, 0.0], dtype=lib.float64), reduction="sum"), ((2,),)),
        ("softmax(dim=1)", lambda lib, x: F(lib).softmax(x, dim=1), ((2, 3),)),
        ("softmax(dim=0)", lambda lib, x: F(lib).softmax(x, dim=0), ((2, 3),)),
        ("softmax(dim=-1) 3-d", lambda lib, x: F(lib).softmax(x, -1), ((2, 3, 4),)),
        ("log_softmax(dim=1)", lambda lib, x: F(lib).log_softmax(x, dim=1), ((2, 3),)),
        ("log_softmax(dim=0)", lambda lib, x: F(lib).log_softmax(x, dim=0), ((4,),)),
        ("cross_entropy", lambda lib, x: F(lib).cross_entropy(x, lib.tensor([2, 0, 2])), ((3, 4),)),
        ("cross_entropy(reduction='sum')", lambda lib, x: F(lib).cross_entropy(
            x, lib.tensor([1, 1]), reduction="sum"), ((2, 3),)),
        ("cross_entropy(reduction='none')", lambda lib, x: F(lib).cross_entropy(
            x, lib.tensor([0, 2]), reduction="none"), ((2, 3),)),
        ("cross_entropy of one unbatched sample", lambda lib, x: F(lib).cross_entropy(
            x, lib.tensor(1)), ((3,),)),
        ("F.relu", lambda lib, x: F(lib).relu(x), ((2, 3),)),
        ("nll_loss", lambda lib, x: F(lib).nll_loss(x, lib.tensor([2, 0, 3])), ((3, 4),)),
        ("nll_loss(reduction='sum')", lambda lib, x: F(lib).nll_loss(
            x, lib.tensor([2, 0, 3]), reduction="sum"), ((3, 4),)),
        ("nll_loss(reduction='none')", lambda lib, x: F(lib).nll_loss(
            x, lib.tensor([2, 0, 3]), reduction="none"), ((3, 4),)),
        ("nll_loss(weight=, ignore_index=)", lambda lib, x: F(lib).nll_loss(
            x, lib.tensor([2, 0, 3, 1]), weight=lib.tensor([1.0, 2.0, 0.5, 3.0], dtype=lib.float64),
            ignore_index=1), ((4, 4),)),
        ("nll_loss of one unbatched sample", lambda lib, x: F(lib).nll_loss(x, lib.tensor(1)), ((3,),)),
        ("nll_loss (N, C, d) (NllLoss2D)", lambda lib, x: F(lib).nll_loss(
            x, lib.tensor([[0, 1], [2, 2]])), ((2, 3, 2),)),
        ("nll_loss (N, C, d1, d2), 'none'", lambda lib, x: F(lib).nll_loss(
            x, lib.tensor([[[0, 1]], [[2, 2]]]), reduction="none"), ((2, 3, 1, 2),)),
        ("cross_entropy over dim 1 of (N, C, steps)", lambda lib, x: F(lib).cross_entropy(
            x, lib.tensor([[0, 1], [2, 2]]), reduction="none"), ((2, 3, 2),)),
        ("cross_entropy(weight=, ignore_index=)", lambda lib, x: F(lib).cross_entropy(
            x, lib.tensor([2, 0, 3]), weight=lib.tensor([1.0, 2.0, 0.5, 3.0], dtype=lib.float64),
            ignore_index=0), ((3, 4),)),
        ("l1_loss", lambda lib, x, t: F(lib).l1_loss(x, t), ((2, 3), (2, 3))),
        ("l1_loss(reduction='sum')", lambda lib, x: F(lib).l1_loss(
            x, lib.zeros(4, dtype=lib.float64), reduction="sum"), ((4,),)),
        ("l1_loss(reduction='none')", lambda lib, x, t: F(lib).l1_loss(x, t, reduction="none"),
         ((2, 3), (2, 3))),
        ("custom Function (x³·scale)", lambda lib, x: _cube_function(lib).apply(x, 2.0), ((2, 3),)),
        ("custom Function in a graph",
         lambda lib, x, y: _cube_function(lib).apply(x * y, 0.5).sum(), ((3,), (3,))),
        ("LegendrePolynomial3", lambda lib, x: _legendre3(lib).apply(x), ((4,),)),
    ]
    for name, fn, shapes in rows:
        values = away_from(0.0) if "relu" in name else None
        yield OpCase(name, fn, shapes, **({"values": values} if values else {}))
    yield OpCase("binary_cross_entropy", lambda lib, p: F(lib).binary_cross_entropy(
        p, lib.tensor([0.0, 1.0, 1.0], dtype=lib.float64)), ((3,),), values=probabilities)
    yield OpCase("binary_cross_entropy, target requires grad", lambda lib, p, y:
                 F(lib).binary_cross_entropy(p, y, reduction="sum"), ((2, 3), (2, 3)),
                 values=probabilities)
    yield OpCase("binary_cross_entropy(sigmoid(z))", lambda lib, z: F(lib).binary_cross_entropy(
        z.sigmoid(), lib.tensor([1.0, 0.0], dtype=lib.float64), reduction="none"), ((2,),))


CASES = [*binary_cases(), *_scalar_and_unary(), *_reductions(), *_products(),
         *_shapes_and_indexing(), *_functional_and_custom()]


@pytest.mark.filterwarnings("ignore:Input #1 requires gradient and is not a double")  # to(float32)
@pytest.mark.parametrize("case", CASES, ids=repr)
def test_backward_matches_finite_differences(case):
    check_gradients(case)


@pytest.mark.torch
@pytest.mark.parametrize("case", CASES, ids=repr)
def test_same_as_pytorch(case, torch):
    check_against_torch(case, torch)


def test_case_names_are_unique():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_gradcheck_catches_a_wrong_backward():
    """The finite-difference check can fail: a backward off by a factor is caught."""
    import minigrad

    class WrongSquare(minigrad.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            x, = ctx.saved_tensors
            return grad * x  # should be 2x

    x = minigrad.tensor(np.array([1.0, -2.0, 3.0]), requires_grad=True)
    with pytest.raises(minigrad.autograd.GradcheckError):
        minigrad.autograd.gradcheck(WrongSquare.apply, (x,))
    assert not minigrad.autograd.gradcheck(WrongSquare.apply, (x,), raise_exception=False)
