"""One exercise per lesson of the notebook suite (lessons 1–8).

Each exercise reads top to bottom: prompt, the code the student is given, the answer
cell they complete, the teacher's solution, then the check — the inputs it tries
(``plan``), what it records (``probe``) and its verdict with hints (``judge``).
"""
import functools

import numpy as np

from .. import autograd, no_grad, tensor, float64
from . import history
from .exercise import Exercise, right, wrong
from .facts import as_array, attempt, call_and_describe, describe, failure
from .judging import close, expect_number, expect_tensor, raised
from ..language import Text
from .variants import Numbers


def calls(results):
    """The facts of a function answer: one entry per input tried."""
    return {"type": "calls", "results": results}


def call_watching(function, *args, leaf=None):
    """``call_and_describe``, plus how many backward passes the call ran itself (an
    exercise that asks for a derivative by reasoning is not answered by autograd) and,
    for a ``leaf`` given, how many of them reached it (one that asks for autograd's
    derivative of that x is not answered by a library call that differentiates a copy)."""
    with history.watching() as seen:
        result = call_and_describe(function, *args)
    result["backward_passes"] = seen.passes
    if leaf is not None:
        result["reached_x"] = seen.of(leaf)["reached"]
    return result


def passes_on_x(result, needed):
    """How the backward passes of a call compare with the ``needed`` ones on x: None when
    enough reached x, "copy" when passes ran but none reached x (what
    ``torch.autograd.functional.jacobian`` and ``hessian`` do), else "few"."""
    reached = result.get("reached_x", 0)
    if reached >= needed:
        return None
    return "copy" if reached == 0 and result.get("backward_passes", 0) > 0 else "few"


def how_many_reached_x(result):
    reached = result.get("reached_x", 0)
    if reached == 0:
        return Text("没有一次反向传播到达 x", "no backward pass reached x")
    return Text(f"只有 {reached} 次反向传播到达了 x",
                f"only {reached} backward pass{'es' if reached > 1 else ''} reached x")


def ran_backward(facts):
    """Did the student's function run a backward pass (``backward`` or
    ``torch.autograd.grad``) on any of the inputs tried?"""
    return any(result.get("backward_passes") for result in facts["results"])


def first_wrong(results, expected, compare=close):
    """Indices of the results (arrays) that differ from the expected ones."""
    return [i for i, (got, want) in enumerate(zip(results, expected)) if not compare(got, want)]


# --- 1 · the forward pass ---------------------------------------------------------------

FORWARD_SETUP = """\
x = torch.tensor({x})
y = torch.tensor({y})
w = torch.tensor({w})"""


def forward_numbers(rng):
    return {"x": rng.choice(np.arange(1.0, 10.0), 3, replace=False).tolist(),
            "y": rng.choice(np.arange(1.0, 10.0), 3, replace=False).tolist(),
            "w": float(rng.integers(2, 6))}


def judge_forward(facts, plan):
    numbers = plan["numbers"]
    x, y, w = np.array(numbers["x"]), np.array(numbers["y"]), numbers["w"]
    verdict = expect_tensor(facts, (3,), what=Text("`z_guess`", "`z_guess`"), shape_hint=Text(
        "x 和 y 的形状都是 [3]，w 是一个标量：w 会广播到每个元素上，z 是什么形状？",
        "x and y have shape [3] and w is a scalar: w is broadcast to every element, so what "
        "shape is z?"))
    if verdict:
        return verdict
    got = as_array(facts)
    if close(got, (x + y) * w):
        return right(Text("形状和数值都对。标量 w 广播到了每个元素上。",
                          "Shape and values are right. The scalar w was broadcast to every element."))
    if close(got, x + y * w):
        return wrong(Text("看起来先算了乘法：括号里的 `x + y` 要先算，再乘 w。",
                          "It looks like the multiplication went first: `x + y` in the brackets "
                          "comes first, then the product with w."))
    if close(got, x + y):
        return wrong(Text("这是 `x + y`，还差最后一步：乘以 w。",
                          "That is `x + y`; one step is missing: the product with w."))
    return wrong(Text("形状对了，数值不对。先逐元素算 a = x + y，再把 a 的每个元素乘以 w。",
                      "The shape is right, the values are not. First a = x + y element by "
                      "element, then every element of a times w."))


forward = Exercise(
    id="forward",
    title=Text("前向传播：z = (x + y) * w", "The forward pass: z = (x + y) * w"),
    prompt=Text(
        "**练习：前向传播。** 先别运行，自己算一算：对下面的 `x`、`y`、`w`，"
        "`z = (x + y) * w` 的值是多少？形状是什么？把你的预测写成张量 `z_guess`"
        "（比如 `torch.tensor([...])`），再运行检查。",
        "**Exercise: the forward pass.** Work it out before running anything: for the `x`, "
        "`y` and `w` below, what are the values of `z = (x + y) * w`, and what is its shape? "
        "Write your prediction as a tensor `z_guess` (e.g. `torch.tensor([...])`), then run "
        "the check."),
    setup=FORWARD_SETUP,
    answer="z_guess",
    template="z_guess = ...",
    judge=judge_forward,
    numbers=Numbers({"x": [1.0, 2.0, 3.0], "y": [4.0, 5.0, 6.0], "w": 2.0}, forward_numbers),
)


# --- 2 · the chain rule -------------------------------------------------------------------

def plan_chain_rule(rng):
    return {"points": rng.uniform(-3, 3, size=(5, 3)).round(3).tolist()}


def probe_chain_rule(by_hand, plan):
    return calls([call_watching(by_hand, *(tensor(v) for v in point))
                  for point in plan["points"]])


_PARTIALS = (
    Text("∂z/∂x 不对：z = a × w，a = x + y。先求 ∂z/∂a，再乘上 ∂a/∂x。",
         "∂z/∂x is wrong: z = a × w with a = x + y. Find ∂z/∂a first, then multiply by ∂a/∂x."),
    Text("∂z/∂y 不对：y 和 x 在 a = x + y 里的地位一样。",
         "∂z/∂y is wrong: y plays the same part in a = x + y as x does."),
    Text("∂z/∂w 不对：w 乘的是谁？", "∂z/∂w is wrong: what does w multiply?"),
)


def judge_chain_rule(facts, plan):
    for result in facts["results"]:
        verdict = raised(result)
        if verdict:
            return verdict
    if ran_backward(facts):
        return wrong(Text("`by_hand` 里调用了 `backward`（或 `torch.autograd.grad`），导数是自动微分替你求出来的。"
                          "这道题要你自己用链式法则推出来，写成 x、y、w 的式子返回：令 a = x + y，"
                          "则 ∂z/∂x = ∂z/∂a × ∂a/∂x。",
                          "`by_hand` calls `backward` (or `torch.autograd.grad`), so autograd found "
                          "the derivatives, not you. This exercise asks you to work them out with the "
                          "chain rule and return them as formulas in x, y and w: with a = x + y, "
                          "∂z/∂x = ∂z/∂a × ∂a/∂x."))
    got = []
    for result in facts["results"]:
        values = as_array(result)
        if result["type"] not in ("tuple", "list") or values is None or values.shape != (3,):
            return wrong(Text("`by_hand` 要返回三个数组成的元组：`return dz_dx, dz_dy, dz_dw`。",
                              "`by_hand` should return a tuple of three numbers: "
                              "`return dz_dx, dz_dy, dz_dw`."))
        got.append(values)
    got = np.array(got)
    expected = np.array([[w, w, x + y] for x, y, w in plan["points"]])
    if len(np.unique(got.round(6), axis=0)) == 1 and not close(got, expected):
        return wrong(Text("你的函数每次返回的都是同样的数：偏导数要写成 x、y、w 的式子，"
                          "换一组输入，结果也会变。",
                          "Your function returns the same numbers every time: write the "
                          "partial derivatives in terms of x, y and w, so they change with the "
                          "inputs."))
    wrong_parts = [k for k in range(3) if not close(got[:, k], expected[:, k])]
    if wrong_parts:
        message = _PARTIALS[wrong_parts[0]]
        for k in wrong_parts[1:]:
            message = message + _PARTIALS[k]
        return wrong(message)
    return right(Text("三个偏导数都对。a = x + y 对 x 的局部导数是 1，再乘上 ∂z/∂a：这就是链式法则。",
                      "All three are right. The local derivative of a = x + y with respect to "
                      "x is 1, times ∂z/∂a: that is the chain rule."))


chain_rule = Exercise(
    id="chain_rule",
    title=Text("链式法则：手算 z = (x + y) * w 的偏导数",
               "The chain rule: the partial derivatives of z = (x + y) * w by hand"),
    prompt=Text(
        "**练习：链式法则。** 对 `z = (x + y) * w`，用链式法则手算三个偏导数 ∂z/∂x、∂z/∂y、"
        "∂z/∂w。写一个函数 `by_hand(x, y, w)`，返回元组 `(dz_dx, dz_dy, dz_dw)`：用公式算，"
        "不调用 `backward`。检查会在几组随机的 x、y、w 上，把它和自动微分的结果比较。",
        "**Exercise: the chain rule.** For `z = (x + y) * w`, work out the three partial "
        "derivatives ∂z/∂x, ∂z/∂y and ∂z/∂w with the chain rule. Write a function "
        "`by_hand(x, y, w)` that returns the tuple `(dz_dx, dz_dy, dz_dw)` from formulas, "
        "without calling `backward`. The check compares it with autograd at random x, y, w."),
    answer="by_hand",
    template="def by_hand(x, y, w):\n    dz_dx = ...\n    dz_dy = ...\n    dz_dw = ...\n"
             "    return dz_dx, dz_dy, dz_dw",
    plan=plan_chain_rule,
    probe=probe_chain_rule,
    judge=judge_chain_rule,
)


# --- 3 · gradient accumulation ----------------------------------------------------------

ACCUMULATION_SETUP = """\
x = torch.arange({n}.0, requires_grad=True)
y = {c} * torch.dot(x, x)
y.backward()
y = x.sum()"""


def accumulation_numbers(rng):
    return {"n": int(rng.integers(4, 7)), "c": int(rng.integers(2, 5))}


def judge_accumulation(facts, plan):
    n, c = plan["numbers"]["n"], plan["numbers"]["c"]
    verdict = expect_tensor(facts, (n,), what=Text("`grad_after_two`", "`grad_after_two`"))
    if verdict:
        return verdict
    got, x = as_array(facts), np.arange(float(n))
    if close(got, 2 * c * x + 1):
        return right(Text("`.grad` 不会被覆盖，而是把两次 `backward` 的梯度加在一起。",
                          "`.grad` is not overwritten; it adds up the gradients of both "
                          "`backward` calls."))
    if close(got, np.ones(n)):
        return wrong(Text("这只是第二次 `backward` 的梯度。第一次的梯度去哪儿了？",
                          "That is the gradient of the second `backward` alone. Where did the "
                          "first one go?"))
    if close(got, 2 * c * x):
        return wrong(Text("这只是第一次 `backward` 的梯度。第二次的梯度落在哪里？",
                          "That is the gradient of the first `backward` alone. Where does the "
                          "second one land?"))
    return wrong(Text("数值不对。分别算出两次 `backward` 给 x 的梯度，再想想 `.grad` 怎样处理它们。",
                      "The values are wrong. Work out the gradient each `backward` gives x, "
                      "then think about what `.grad` does with the two."))


accumulation = Exercise(
    id="accumulation",
    title=Text("梯度累积：两次 backward 之后的 x.grad", "Gradient accumulation: x.grad after two backward calls"),
    prompt=Text(
        "**练习：梯度累积。** 下面的代码已经对 `y = {c} * torch.dot(x, x)` 做了一次反向传播，"
        "然后令 `y = x.sum()`。如果现在再运行 `y.backward()`，中间不清零，`x.grad` 会是什么？"
        "先把预测写成张量 `grad_after_two`，再运行验证。",
        "**Exercise: gradient accumulation.** The code below has run backward once for "
        "`y = {c} * torch.dot(x, x)`, then set `y = x.sum()`. If you now run `y.backward()` "
        "again, without zeroing anything, what will `x.grad` be? Write your prediction as a "
        "tensor `grad_after_two` first, then run it to see."),
    setup=ACCUMULATION_SETUP,
    answer="grad_after_two",
    template="grad_after_two = ...",
    judge=judge_accumulation,
    numbers=Numbers({"n": 4, "c": 2}, accumulation_numbers),
)


# --- 4 · backward for non-scalar outputs: the Jacobian row by row -------------------------

JACOBIAN_FUNCTIONS = {
    "square": (lambda x, case: x * x,
               lambda x, case: np.diag(2 * x)),
    "matvec": (lambda x, case: tensor(case["A"]) @ x,
               lambda x, case: np.array(case["A"])),
    "mix": (lambda x, case: x.sin() * x.sum(),
            lambda x, case: np.diag(np.cos(x) * x.sum()) + np.sin(x)[:, None]),
}


def plan_jacobian(rng):
    return {"cases": [
        {"f": "square", "x": rng.uniform(-2, 2, 3).round(3).tolist()},
        {"f": "matvec", "x": rng.uniform(-2, 2, 4).round(3).tolist(),
         "A": rng.integers(-3, 4, size=(2, 4)).astype(float).tolist()},
        {"f": "mix", "x": rng.uniform(-2, 2, 3).round(3).tolist()},
    ]}


def probe_jacobian(jacobian, plan):
    """What ``jacobian`` returns for each f, and how many backward passes it ran and how
    many of them reached the x it was given (the library's ``jacobian`` differentiates a
    copy of x)."""
    results = []
    for case in plan["cases"]:
        f = JACOBIAN_FUNCTIONS[case["f"]][0]
        x = tensor(case["x"], requires_grad=True)
        results.append(call_watching(jacobian, lambda x, case=case: f(x, case), x, leaf=x))
    return calls(results)


def judge_jacobian(facts, plan):
    for result, case in zip(facts["results"], plan["cases"]):
        x = np.array(case["x"])
        expected = JACOBIAN_FUNCTIONS[case["f"]][1](x, case)
        verdict = expect_tensor(result, expected.shape, may_require_grad=True,
                                what=Text("`jacobian` 的结果", "What `jacobian` returns"))
        if verdict:
            return verdict
        got = as_array(result)
        if close(got, expected):
            continue
        if close(got, np.cumsum(expected, axis=0)):
            return wrong(Text("每一行都把前面几行加了进去：`x.grad` 会累积。算下一行之前先把它清掉"
                              "（`x.grad = None` 或 `x.grad.zero_()`）。",
                              "Each row has the rows before it added in: `x.grad` accumulates. "
                              "Clear it before the next row (`x.grad = None` or "
                              "`x.grad.zero_()`)."))
        if close(got.T, expected) if got.T.shape == expected.shape else False:
            return wrong(Text("行和列对调了：第 i 行应该是 y[i] 对 x 的梯度。",
                              "Rows and columns are swapped: row i should be the gradient of "
                              "y[i] with respect to x."))
        if case["f"] != "square":
            return wrong(Text("对逐元素的函数（比如 x * x）对，对别的函数不对：不要假设雅可比矩阵是对角的，"
                              "每一行都用 `backward(gradient=...)` 求出来。",
                              "Right for an element-wise function (like x * x) but not for others: "
                              "do not assume the Jacobian is diagonal; get every row from "
                              "`backward(gradient=...)`."))
        return wrong(Text("数值不对：第 i 行是 `y.backward(gradient=v)` 后的 `x.grad`，其中 v 只有第 i 个"
                          "元素是 1。",
                          "The values are wrong: row i is `x.grad` after `y.backward(gradient=v)` "
                          "where v is 1 at position i and 0 elsewhere."))
    for result in facts["results"]:
        verdict = _rows_by_backward_on_x(result, rows=as_array(result).shape[0])
        if verdict:
            return verdict
    return right(Text("每一行都是一次向量-雅可比积 vᵀJ，v 取单位向量。",
                      "Each row is one vector–Jacobian product vᵀJ with a unit vector v."))


def _rows_by_backward_on_x(result, rows):
    """Right values are not enough: each row is one backward pass that reaches the x
    given, not a library call that differentiates a copy of it."""
    shortfall = passes_on_x(result, rows)
    if shortfall is None:
        return None
    if shortfall == "copy":
        return wrong(Text("数值都对，但反向传播到达的是别的张量，而不是传进来的 x（比如 "
                          "`torch.autograd.functional.jacobian` 求导的就是 x 的副本）。这道题要你自己逐行构造："
                          "求第 i 行时，取 v 为第 i 个单位向量，运行 "
                          "`y.backward(gradient=v, retain_graph=True)`，这时的 `x.grad` 就是这一行。",
                          "The values are right, but the backward passes reached other tensors, "
                          "not the x passed in (`torch.autograd.functional.jacobian`, for one, "
                          "differentiates a copy of x). "
                          "This exercise asks you to build the Jacobian yourself, row by row: for "
                          "row i, take v the i-th unit vector and run "
                          "`y.backward(gradient=v, retain_graph=True)`; `x.grad` is that row."))
    how_many = how_many_reached_x(result)
    return wrong(Text(f"数值都对，但{how_many.zh}，而雅可比矩阵有 {rows} 行："
                      f"每一行都要来自一次 `y.backward(gradient=v)`（v 取第 i 个单位向量）。",
                      f"The values are right, but {how_many.en}, for a Jacobian with {rows} "
                      f"rows: each row should come from one `y.backward(gradient=v)`, with v "
                      f"the i-th unit vector."), quotes=True)  # counts what the code did


jacobian = Exercise(
    id="jacobian",
    title=Text("非标量输出：逐行构造雅可比矩阵", "Non-scalar outputs: the Jacobian row by row"),
    prompt=Text(
        "**练习：逐行构造雅可比矩阵。** `y.backward(gradient=v)` 算的是向量-雅可比积 vᵀJ；"
        "v 取第 i 个单位向量时，得到的正是雅可比矩阵 J 的第 i 行。写一个函数 `jacobian(f, x)`："
        "x 是需要梯度的一维张量，f(x) 也是一维张量；返回形状为 `(len(f(x)), len(x))` 的张量，"
        "第 i 行第 j 列是 ∂f(x)ᵢ/∂xⱼ。每一行都要对 x 做一次反向传播，自己求出来；"
        "`torch.autograd.functional.jacobian` 留着之后对照用。检查会用几个你没见过的 f。",
        "**Exercise: the Jacobian row by row.** `y.backward(gradient=v)` computes the "
        "vector–Jacobian product vᵀJ; with v the i-th unit vector that is row i of the Jacobian "
        "J. Write a function `jacobian(f, x)`: x is a 1-D tensor that requires grad and f(x) is "
        "1-D; return a tensor of shape `(len(f(x)), len(x))` whose entry (i, j) is "
        "∂f(x)ᵢ/∂xⱼ. Get each row yourself, from one backward pass on x; keep "
        "`torch.autograd.functional.jacobian` for comparing afterwards. The check tries "
        "functions f you have not seen."),
    answer="jacobian",
    template="def jacobian(f, x):\n    y = f(x)\n    rows = []\n    for i in range(len(y)):\n"
             "        ...\n    return torch.stack(rows)",
    plan=plan_jacobian,
    probe=probe_jacobian,
    judge=judge_jacobian,
)


# --- 5 · detaching computation -------------------------------------------------------------

DETACH_SETUP = """\
x = torch.arange({n}.0, requires_grad=True)
y = {y}
u = y.detach()
z = u * x"""


def detach_numbers(rng):
    k = int(rng.integers(1, 4))
    return {"n": int(rng.integers(4, 7)), "k": k, "y": "x * x" if k == 1 else f"{k} * x * x"}


def judge_detach(facts, plan):
    n, k = plan["numbers"]["n"], plan["numbers"]["k"]
    verdict = expect_tensor(facts, (n,), what=Text("`grad_with_detach`", "`grad_with_detach`"))
    if verdict:
        return verdict
    got, x = as_array(facts), np.arange(float(n))
    if close(got, k * x * x):
        return right(Text("u 被当作常数，所以 ∂z/∂x 就是 u。",
                          "u is treated as a constant, so ∂z/∂x is just u."))
    if close(got, 3 * k * x * x):
        cube = "x³" if k == 1 else f"{k}x³"
        return wrong(Text(f"这是没有 `detach` 时的梯度（那时 z = {cube}）。`detach` 之后，梯度还会经过 u 流回 x 吗？",
                          f"That is the gradient without `detach` (then z = {cube}). After "
                          f"`detach`, does the gradient still flow back to x through u?"))
    return wrong(Text("数值不对。z = u * x，而 u 是从计算图里分离出来的：对 x 求导时它相当于什么？",
                      "The values are wrong. z = u * x, and u was detached from the graph: what "
                      "is it, as far as the derivative with respect to x is concerned?"))


detach = Exercise(
    id="detach",
    title=Text("分离计算：z = u * x 的梯度", "Detaching: the gradient of z = u * x"),
    prompt=Text(
        "**练习：分离计算。** 先别运行：对下面的 `z`，执行 `z.sum().backward()` 之后，`x.grad` "
        "是什么？把你的预测写成张量 `grad_with_detach`。",
        "**Exercise: detaching.** Before running it: after `z.sum().backward()` for the `z` "
        "below, what is `x.grad`? Write your prediction as a tensor `grad_with_detach`."),
    setup=DETACH_SETUP,
    answer="grad_with_detach",
    template="grad_with_detach = ...",
    judge=judge_detach,
    numbers=Numbers({"n": 4, "k": 1, "y": "x * x"}, detach_numbers),
)


# --- 6 · Python control flow -----------------------------------------------------------------

CONTROL_FLOW_SETUP = """\
def f(a):
    b = a * 2
    while b.norm() < {limit}:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = {factor} * b
    return c"""
CONTROL_FLOW_NUMBERS = Numbers({"limit": 1000, "factor": 100}, lambda rng: {
    "limit": int(rng.choice([500, 1000, 2000, 4000])), "factor": int(rng.choice([10, 50, 100, 1000]))})


def _defined(source, name):
    """The function that ``source`` (the code the student is given) defines: the
    reference is the very code the student reads."""
    import minigrad
    namespace = {"torch": minigrad}
    exec(source, namespace)
    return namespace[name]


@functools.lru_cache(maxsize=32)
def _f(limit, factor):
    return _defined(CONTROL_FLOW_SETUP.format(limit=limit, factor=factor), "f")


def f_for(numbers):
    """The f the student was given, with their numbers."""
    return _f(numbers["limit"], numbers["factor"])


def true_slope(a, numbers):
    """k with f(a) = k × a, from autograd (f is linear in a along the path it takes)."""
    a = tensor(a, dtype=float64, requires_grad=True)
    f_for(numbers)(a).sum().backward()
    return a.grad.numpy().reshape(-1)[0]


def plan_control_flow(rng, numbers):
    positive = rng.uniform(0.05, 3, 2)
    tiny = rng.uniform(1e-4, 1e-3)
    large = rng.uniform(0.6, 0.9) * numbers["limit"]
    points = np.concatenate([positive, -positive, [tiny, -tiny, large, -large]])
    return {"points": points.round(6).tolist()}


def probe_control_flow(slope, plan):
    return calls([call_and_describe(slope, tensor(a)) for a in plan["points"]])


def judge_control_flow(facts, plan):
    got = []
    for result in facts["results"]:
        verdict = expect_number(result, Text("`slope(a)` 的结果", "What `slope(a)` returns"))
        if verdict:
            return verdict
        got.append(float(as_array(result)))
    points, numbers = np.array(plan["points"]), plan["numbers"]
    limit, factor = numbers["limit"], numbers["factor"]
    expected = np.array([true_slope(a, numbers) for a in points])
    bad = [i for i in range(len(points)) if not close(got[i], expected[i])]
    if not bad:
        return right(Text("对每个 a，f 都只是乘上一个常数 k，所以 a.grad 就是 k，也就是 d / a。",
                          "For each a, f just multiplies by a constant k, so a.grad is k, "
                          "which is d / a."))
    if all(points[i] < 0 for i in bad):
        return wrong(Text("正的 a 都对，负的 a 不对：看看 `if b.sum() > 0` 那一行。",
                          "Right for positive a, wrong for negative a: look at the line "
                          "`if b.sum() > 0`."))
    if close(np.array(got) * 2, expected) or close(np.array(got) / 2, expected):
        return wrong(Text("差了 2 倍：b 一开始就是 2a，之后每转一圈循环再乘 2。再数一数乘了几次。",
                          "Off by a factor of 2: b starts as 2a, and every turn of the loop "
                          "doubles it again. Count the doublings once more."))
    if all(abs(points[i]) > limit / 2 for i in bad):
        return wrong(Text(f"很大的 a 不对：当 |2a| 已经不小于 {limit} 时，循环一次也不会执行。",
                          f"Wrong for large a: when |2a| is already {limit} or more, the loop "
                          f"does not run at all."))
    return wrong(Text(f"k 不对。跟着 f 走一遍：b 从 2a 开始，每次循环翻倍，直到 |b| ≥ {limit}；"
                      f"最后的 if 可能再乘 {factor}。k 是这些因子的乘积。",
                      f"k is wrong. Follow f through: b starts at 2a and doubles each turn until "
                      f"|b| ≥ {limit}; the final if may multiply by {factor}. k is the product of "
                      f"these factors."))


control_flow = Exercise(
    id="control_flow",
    title=Text("控制流：为什么 a.grad == d / a", "Control flow: why a.grad == d / a"),
    prompt=Text(
        "**练习：为什么 `a.grad == d / a`？** 对一个标量 a，不管 f 走了哪条分支、循环了几次，"
        "f(a) 总等于 k × a，其中 k 只取决于 a。写一个函数 `slope(a)`，不用自动微分，返回这个 k"
        "（一个数）。检查会在许多随机的 a 上试：正的、负的、很小的、很大的都有。",
        "**Exercise: why `a.grad == d / a`?** For a scalar a, whatever branch f takes and however "
        "often it loops, f(a) equals k × a, where k depends only on a. Write a function `slope(a)` "
        "that returns this k (a number) without autograd. The check tries many random a: "
        "positive, negative, tiny and large."),
    setup=CONTROL_FLOW_SETUP,
    answer="slope",
    template="def slope(a):\n    k = ...\n    return k",
    plan=plan_control_flow,
    probe=probe_control_flow,
    judge=judge_control_flow,
    numbers=CONTROL_FLOW_NUMBERS,
)


# --- 7 · a custom autograd.Function ------------------------------------------------------------

def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def plan_custom_function(rng):
    shapes = [(5,), (2, 3)]
    return {"cases": [{"x": rng.uniform(-4, 4, shape).round(4).tolist(),
                       "grad_output": rng.uniform(0.5, 2, shape).round(4).tolist()}
                      for shape in shapes]}


EPS = 1e-6


def probe_custom_function(answer, plan):
    function = getattr(answer, "__self__", answer)  # Sigmoid.apply is fine too
    if not (isinstance(function, type) and issubclass(function, autograd.Function)):
        return describe(function)  # judged as "not a Function subclass"
    results = []
    for case in plan["cases"]:
        x = tensor(case["x"], dtype=float64, requires_grad=True)
        forward = attempt(function.apply, x)
        if not forward["ok"]:
            results.append({"forward": failure(forward)})
            continue
        out = forward["result"]
        backward = attempt(lambda: out.backward(tensor(case["grad_output"], dtype=float64)))
        with no_grad():
            plus = attempt(function.apply, tensor(case["x"], dtype=float64) + EPS)
            minus = attempt(function.apply, tensor(case["x"], dtype=float64) - EPS)
        results.append({
            "forward": describe(out),
            "backward": describe(x.grad) if backward["ok"] else failure(backward),
            "plus": describe(plus["result"]) if plus["ok"] else failure(plus),
            "minus": describe(minus["result"]) if minus["ok"] else failure(minus),
        })
    return calls(results)


def judge_custom_function(facts, plan):
    for result, case in zip(facts["results"], plan["cases"]):
        x, g = np.array(case["x"]), np.array(case["grad_output"])
        verdict = expect_tensor(result["forward"], x.shape, may_require_grad=True,
                                what=Text("forward 的结果", "What forward returns"))
        if verdict:
            return verdict
        if not close(as_array(result["forward"]), sigmoid(x)):
            return wrong(Text("forward 的值不对：σ(x) = 1 / (1 + e^(−x))。",
                              "forward gives wrong values: σ(x) = 1 / (1 + e^(−x))."))
        backward = result["backward"]
        if backward.get("type") == "raised":
            return wrong(Text(f"backward 出错了：`{backward['error']}: {backward['message']}`。"
                              f"forward 里用 `ctx.save_for_backward(...)` 存下需要的张量，"
                              f"backward 里用 `ctx.saved_tensors` 取回。",
                              f"backward raised `{backward['error']}: {backward['message']}`. "
                              f"Save what backward needs with `ctx.save_for_backward(...)` in "
                              f"forward and get it back with `ctx.saved_tensors`."), quotes=True)
        verdict = expect_tensor(backward, x.shape, what=Text("x.grad", "x.grad"))
        if verdict:
            return verdict
        got, s = as_array(backward), sigmoid(x)
        if close(got, s * (1 - s) * g):
            continue
        if close(got, s * (1 - s)):
            return wrong(Text("backward 没有乘上传进来的梯度 `grad_output`：链式法则要把它乘上去。",
                              "backward ignores the incoming gradient `grad_output`: the chain "
                              "rule multiplies by it."))
        return wrong(Text("backward 和 forward 对不上：用有限差分量出来的导数和 backward 的结果不一样"
                          "（`gradcheck` 就是这样检查的）。σ'(x) = σ(x)(1 − σ(x))。",
                          "backward does not match forward: the derivative measured by finite "
                          "differences differs from what backward returns (that is what "
                          "`gradcheck` checks). σ'(x) = σ(x)(1 − σ(x))."))
    return right(Text("forward 的值和 backward 的梯度都对得上，和 gradcheck 的结论一样。",
                      "Forward's values and backward's gradients both agree, as gradcheck "
                      "would find."))


custom_function = Exercise(
    id="custom_function",
    title=Text("自定义函数：Sigmoid", "A custom function: Sigmoid"),
    prompt=Text(
        "**练习：自定义函数。** 仿照 `MyReLU`，写一个 `torch.autograd.Function` 的子类 `Sigmoid`："
        "forward 计算 σ(x) = 1 / (1 + e^(−x))，backward 用 σ(x)(1 − σ(x)) 乘上传进来的梯度。"
        "检查会通过 `Sigmoid.apply` 在随机的向量和矩阵上比较 forward 的值，并用有限差分检验 "
        "backward（和 `gradcheck` 的做法一样）。",
        "**Exercise: a custom function.** Following `MyReLU`, write `Sigmoid`, a subclass of "
        "`torch.autograd.Function`: forward computes σ(x) = 1 / (1 + e^(−x)), backward multiplies "
        "the incoming gradient by σ(x)(1 − σ(x)). The check calls `Sigmoid.apply` on random "
        "vectors and matrices, compares forward's values and tests backward with finite "
        "differences (as `gradcheck` does)."),
    answer="Sigmoid",
    template="class Sigmoid(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n"
             "        ...\n\n    @staticmethod\n    def backward(ctx, grad_output):\n        ...",
    plan=plan_custom_function,
    probe=probe_custom_function,
    judge=judge_custom_function,
    expects="class",
)


# --- 8 · higher-order derivatives -------------------------------------------------------------

# name: (f, f', f'') — f on tensors, the derivatives on NumPy numbers
SCALAR_FUNCTIONS = {
    "cube": (lambda x: x ** 3, lambda x: 3 * x ** 2, lambda x: 6 * x),
    "sin": (lambda x: x.sin(), np.cos, lambda x: -np.sin(x)),
    "x_sin": (lambda x: x * x.sin(), lambda x: np.sin(x) + x * np.cos(x),
              lambda x: 2 * np.cos(x) - x * np.sin(x)),
    "exp_half": (lambda x: (x / 2).exp(), lambda x: np.exp(x / 2) / 2, lambda x: np.exp(x / 2) / 4),
}


def plan_second_derivative(rng):
    return {"cases": [{"f": name, "x": round(float(rng.uniform(-2, 2)), 4)}
                      for name in SCALAR_FUNCTIONS]}


def probe_second_derivative(second_derivative, plan):
    results = []
    for case in plan["cases"]:
        x = tensor(case["x"], dtype=float64, requires_grad=True)
        results.append(call_watching(second_derivative, SCALAR_FUNCTIONS[case["f"]][0], x,
                                     leaf=x))
    return calls(results)


def judge_second_derivative(facts, plan):
    got, first, second = [], [], []
    for result, case in zip(facts["results"], plan["cases"]):
        if result.get("type") == "raised" and "does not require grad" in result["message"]:
            return wrong(Text("第二次求导时报错说没有梯度：第一次求导要加 `create_graph=True`，"
                              "一阶导数才有自己的计算图，才能再求导。",
                              "The second differentiation says there is no gradient: the first "
                              "one needs `create_graph=True`, so that the first derivative has a "
                              "graph of its own to differentiate."))
        verdict = expect_number(result, Text("`second_derivative` 的结果",
                                             "What `second_derivative` returns"))
        if verdict:
            return verdict
        _, d1, d2 = SCALAR_FUNCTIONS[case["f"]]
        got.append(float(as_array(result)))
        first.append(d1(case["x"]))
        second.append(d2(case["x"]))
    got, first, second = np.array(got), np.array(first), np.array(second)
    if close(got, second):
        verdict = _twice_by_autograd_on_x(facts["results"])
        if verdict:
            return verdict
        return right(Text("一阶导数带着自己的计算图（create_graph=True），对它再反向传播一次就是二阶导数。",
                          "The first derivative carries its own graph (create_graph=True); "
                          "one more backward pass through it gives the second derivative."))
    if close(got, first):
        return wrong(Text("这是一阶导数 f'(x)：还要对它再求一次导。",
                          "That is the first derivative f'(x): differentiate it once more."))
    if close(got, first + second):
        return wrong(Text("结果是一阶导数加二阶导数：`x.grad` 把两次求导的结果累积在一起了。"
                          "第二次求导前清掉 `x.grad`，或者改用 `torch.autograd.grad`。",
                          "The result is the first plus the second derivative: `x.grad` "
                          "accumulated both. Clear `x.grad` before the second pass, or use "
                          "`torch.autograd.grad`."))
    if close(got[0], second[0]):
        return wrong(Text("对 x³ 对，对别的函数不对：不要把公式写死，让自动微分去求导。",
                          "Right for x³, wrong for the other functions: do not hard-code the "
                          "formula; let autograd differentiate."))
    return wrong(Text("数值不对：先用 `torch.autograd.grad(y, x, create_graph=True)` 求出一阶导数，"
                      "再对它求一次导。",
                      "The values are wrong: take the first derivative with "
                      "`torch.autograd.grad(y, x, create_graph=True)`, then differentiate that."))


def _twice_by_autograd_on_x(results):
    """Right values are not enough: two backward passes must reach x (the first with
    create_graph=True), not finite differences nor a library call on a copy of x."""
    for result in results:
        shortfall = passes_on_x(result, 2)
        if shortfall == "copy":
            return wrong(Text("数值对了，但反向传播到达的是别的张量，而不是传进来的 x（比如 "
                              "`torch.autograd.functional.hessian` 求导的就是 x 的副本）。这道题要你自己求两次导：先 "
                              "`torch.autograd.grad(y, x, create_graph=True)`，再对得到的一阶导数求一次导。",
                              "The values are right, but the backward passes reached other tensors, "
                              "not the x passed in (`torch.autograd.functional.hessian`, for one, "
                              "differentiates a copy of x). This exercise asks you to differentiate twice yourself: first "
                              "`torch.autograd.grad(y, x, create_graph=True)`, then differentiate "
                              "that first derivative once more."))
        if shortfall == "few":
            how_many = how_many_reached_x(result)
            return wrong(Text(f"数值对了，但{how_many.zh}：二阶导数要用自动微分求两次导得到，而不是用有限差分之类的办法。"
                              f"先 `torch.autograd.grad(y, x, create_graph=True)`，再对这个一阶导数求一次导。",
                              f"The values are right, but {how_many.en}: the second derivative "
                              f"should come from differentiating twice with autograd (not from "
                              f"finite differences, say). First `torch.autograd.grad(y, x, "
                              f"create_graph=True)`, then differentiate that first derivative."),
                         quotes=True)  # counts what the code did
    return None


second_derivative = Exercise(
    id="second_derivative",
    title=Text("高阶导数：用自动微分求二阶导数", "Higher-order derivatives: a second derivative by autograd"),
    prompt=Text(
        "**练习：二阶导数。** 写一个函数 `second_derivative(f, x)`：x 是需要梯度的标量张量，"
        "返回 f 在 x 处的二阶导数 f''(x)。用自动微分求两次导，第一次要加 `create_graph=True`。"
        "检查除了 x³，还会用别的函数试。",
        "**Exercise: second derivatives.** Write a function `second_derivative(f, x)`: x is a "
        "scalar tensor that requires grad; return the second derivative f''(x). Differentiate "
        "twice with autograd, the first time with `create_graph=True`. The check tries other "
        "functions besides x³."),
    answer="second_derivative",
    template="def second_derivative(f, x):\n    y = f(x)\n    ...",
    plan=plan_second_derivative,
    probe=probe_second_derivative,
    judge=judge_second_derivative,
)

ALL = [forward, chain_rule, accumulation, jacobian, detach, control_flow, custom_function,
       second_derivative]
