"""The five exercises at the end of the chapter (section 2.5 of the book), made checkable.

Same layout as ``scenes.py``: prompt, given code, answer cell, solution, then the check.
"""
import numpy as np

from .. import autograd, tensor
from ..tensor import Tensor
from .exercise import Exercise, right, wrong
from .facts import as_array, attempt, call_and_describe, describe, failure
from .judging import close, expect_number, expect_tensor
from ..language import Text
from .scenes import CONTROL_FLOW_SETUP, _defined, calls, f

# --- 1 · why a second derivative costs more than a first ------------------------------------


def count_nodes(t):
    """The operation nodes of ``t``'s graph (the AccumulateGrad ends of the leaves aside)."""
    seen, stack = set(), [t.grad_fn] if t.grad_fn is not None else []
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(child for child, _ in node.next_functions if child is not None)
    return sum(1 for node in seen if not isinstance(node, autograd.function.AccumulateGrad))


def probe_cost(answer, plan):
    facts = describe(answer)
    if isinstance(answer, (tuple, list)) and len(answer) == 3 and isinstance(answer[1], Tensor):
        x = tensor(1.0, requires_grad=True)
        facts["nodes_y"] = count_nodes(x.sin() * x ** 2)
        facts["nodes_dy"] = count_nodes(answer[1])
    return facts


def judge_cost(facts, plan):
    if facts["type"] not in ("tuple", "list") or facts["length"] != 3:
        return wrong(Text("`derivatives` 要是三个张量组成的元组：`(x, dy_dx, d2y_dx2)`。",
                          "`derivatives` should be a tuple of three tensors: "
                          "`(x, dy_dx, d2y_dx2)`."))
    x_facts, dy_facts, d2_facts = facts["items"]
    verdict = expect_tensor(x_facts, (), may_require_grad=True, what=Text("x", "x"))
    if verdict:
        return verdict
    if not x_facts["requires_grad"]:
        return wrong(Text("x 要 `requires_grad=True`，才能对它求导。",
                          "x needs `requires_grad=True` to be differentiated."))
    x = float(as_array(x_facts))
    first = np.cos(x) * x ** 2 + 2 * x * np.sin(x)
    second = (2 - x ** 2) * np.sin(x) + 4 * x * np.cos(x)
    verdict = expect_tensor(dy_facts, (), may_require_grad=True, what=Text("dy_dx", "dy_dx"))
    if verdict:
        return verdict
    if not close(as_array(dy_facts), first):
        return wrong(Text("dy_dx 的值不对：它应该是 y = sin(x)·x² 在 x 处的一阶导数。",
                          "dy_dx has the wrong value: it should be the first derivative of "
                          "y = sin(x)·x² at x."))
    if dy_facts["grad_fn"] is None:
        return wrong(Text("dy_dx 没有 `grad_fn`，它不在任何计算图里，没法再求导。"
                          "求一阶导数时要让 autograd 把这次计算也记成一张图。",
                          "dy_dx has no `grad_fn`: it is in no graph, so it cannot be "
                          "differentiated again. Ask autograd to record the first derivative's "
                          "computation as a graph too."))
    verdict = expect_tensor(d2_facts, (), may_require_grad=True, what=Text("d2y_dx2", "d2y_dx2"))
    if verdict:
        return verdict
    d2 = as_array(d2_facts)
    if close(d2, first):
        return wrong(Text("d2y_dx2 等于一阶导数：你又对 y 求了一次导。二阶导数要对 dy_dx 求导。",
                          "d2y_dx2 equals the first derivative: you differentiated y again. The "
                          "second derivative differentiates dy_dx."))
    if not close(d2, second):
        return wrong(Text("d2y_dx2 的值不对：对 dy_dx（而不是 y）关于 x 求导。",
                          "d2y_dx2 has the wrong value: differentiate dy_dx (not y) with "
                          "respect to x."))
    n_y, n_dy = facts["nodes_y"], facts["nodes_dy"]
    return right(Text(
        f"y 的计算图有 {n_y} 个操作节点，dy_dx 的图有 {n_dy} 个：一阶导数本身就是一串更长的计算"
        f"（乘积法则、链式法则各添了节点）。求二阶导数要先把这张更大的图建出来（create_graph=True），"
        f"再对它做一次反向传播，所以时间和内存都比一阶导数多。",
        f"y's graph has {n_y} operation nodes, dy_dx's has {n_dy}: the first derivative is "
        f"itself a longer computation (the product and chain rules add nodes). A second "
        f"derivative first builds this bigger graph (create_graph=True), then runs backward "
        f"through it, so it costs more time and memory than the first."))


second_derivative_cost = Exercise(
    id="second_derivative_cost",
    title=Text("练习 1：为什么二阶导数比一阶导数更贵", "Exercise 1: why a second derivative costs more"),
    prompt=Text(
        "**练习 1：为什么计算二阶导数比一阶导数的开销更大？** 令 y = sin(x)·x²。用 "
        "`torch.autograd.grad(y, x, create_graph=True)` 求一阶导数 `dy_dx`，再从 `dy_dx` 求二阶导数 "
        "`d2y_dx2`，把 `(x, dy_dx, d2y_dx2)` 交给检查。检查会数一数两张计算图的节点，"
        "帮你回答：求二阶导数时，反向传播走的是哪张图？",
        "**Exercise 1: why does a second derivative cost more than a first?** Let "
        "y = sin(x)·x². Take the first derivative `dy_dx` with "
        "`torch.autograd.grad(y, x, create_graph=True)`, then the second derivative `d2y_dx2` "
        "from `dy_dx`, and pass `(x, dy_dx, d2y_dx2)` to the check. It counts the nodes of both "
        "graphs, to help you answer: which graph does the backward pass of a second derivative "
        "walk through?"),
    answer="derivatives",
    template="x = torch.tensor(1.5, requires_grad=True)\ny = torch.sin(x) * x ** 2\n"
             "dy_dx = ...\nd2y_dx2 = ...\nderivatives = (x, dy_dx, d2y_dx2)",
    solution="x = torch.tensor(1.5, requires_grad=True)\ny = torch.sin(x) * x ** 2\n"
             "dy_dx, = torch.autograd.grad(y, x, create_graph=True)\n"
             "d2y_dx2, = torch.autograd.grad(dy_dx, x)\nderivatives = (x, dy_dx, d2y_dx2)",
    probe=probe_cost,
    judge=judge_cost,
)


# --- 2 · running backward twice ---------------------------------------------------------------

def plan_backward_twice(rng):
    return {"xs": [rng.uniform(-3, 3, n).round(3).tolist() for n in (3, 5)]}


def probe_backward_twice(backward_twice, plan):
    results = []
    for values in plan["xs"]:
        x = tensor(values, requires_grad=True)
        outcome = attempt(backward_twice, x)
        results.append(describe(x.grad) if outcome["ok"] else failure(outcome))
    return calls(results)


def judge_backward_twice(facts, plan):
    for result, values in zip(facts["results"], plan["xs"]):
        x = np.array(values)
        if result["type"] == "raised":
            if "second time" in result["message"]:
                return wrong(Text("第二次 `backward` 报错了：第一次反向传播之后，计算图保存的中间结果默认"
                                  "会被释放。`backward` 有一个参数能让这张图留下来。",
                                  "The second `backward` raised: after the first backward pass, "
                                  "the values the graph saved are freed by default. `backward` has "
                                  "an argument that keeps the graph."))
            return wrong(Text(f"运行出错：`{result['error']}: {result['message']}`",
                              f"It raised `{result['error']}: {result['message']}`"))
        if result["type"] == "None":
            return wrong(Text("`x.grad` 还是 `None`：y 要用传进来的 x 计算，并对 y 调用 `backward`。",
                              "`x.grad` is still `None`: compute y from the x passed in and call "
                              "`backward` on y."))
        verdict = expect_tensor(result, x.shape, what=Text("x.grad", "x.grad"))
        if verdict:
            return verdict
        got = as_array(result)
        if close(got, 4 * x):
            return wrong(Text("`x.grad` 只有一次反向传播的梯度。PyTorch 会把每次 `backward` 的梯度加进 "
                              "`.grad`：是中间清零了，还是只有一次真正到达了 x？",
                              "`x.grad` holds the gradient of one backward pass only. PyTorch adds "
                              "every `backward`'s gradient into `.grad`: was it zeroed in between, "
                              "or did only one pass reach x?"))
        if not close(got, 8 * x):
            return wrong(Text("`x.grad` 的值不对：y = 2·(x·x) 的梯度是多少？两次之后呢？",
                              "`x.grad` has the wrong values: what is the gradient of "
                              "y = 2·(x·x), and after two passes?"))
    return right(Text("两次都成功了，`x.grad` 是两次梯度之和。不保留计算图时，第二次会报错，"
                      "因为第一次反向传播后图里保存的值已经被释放。",
                      "Both passes work and `x.grad` is the sum of the two gradients. "
                      "Without keeping the graph the second pass raises, because the first one "
                      "freed the values the graph had saved."))


backward_twice = Exercise(
    id="backward_twice",
    title=Text("练习 2：连续两次反向传播", "Exercise 2: backward twice in a row"),
    prompt=Text(
        "**练习 2：运行反向传播之后，立即再运行一次会发生什么？** 先在草稿里试试，看看报什么错。"
        "然后写一个函数 `backward_twice(x)`：用传进来的 x 计算 `y = 2 * torch.dot(x, x)`，"
        "再对同一个 y 连续调用两次 `backward`，两次都要成功。检查会在随机向量上看 `x.grad` "
        "是否和 PyTorch 的结果一样。",
        "**Exercise 2: what happens if you run backward again, straight away?** Try it in the "
        "scratch cell first and read the error. Then write a function `backward_twice(x)`: "
        "compute `y = 2 * torch.dot(x, x)` from the x passed in and call `backward` on that same "
        "y twice, both calls succeeding. The check looks at `x.grad` on random vectors and "
        "compares it with what PyTorch gives."),
    answer="backward_twice",
    template="def backward_twice(x):\n    y = 2 * torch.dot(x, x)\n    ...",
    solution="def backward_twice(x):\n    y = 2 * torch.dot(x, x)\n"
             "    y.backward(retain_graph=True)\n    y.backward()",
    plan=plan_backward_twice,
    probe=probe_backward_twice,
    judge=judge_backward_twice,
)


# --- 3 · the control-flow example with a vector or matrix a ----------------------------------

def plan_vector_control_flow(rng):
    inputs = []
    for shape in [(3,), (5,), (2, 3), (3, 3)]:
        a = rng.normal(size=shape)
        a = a if a.sum() > 0 else -a
        inputs += [a.round(4).tolist(), (-a).round(4).tolist()]
    return {"inputs": inputs}


def probe_vector_control_flow(predicted_grad, plan):
    results = []
    for values in plan["inputs"]:
        a = tensor(values)
        d = f(a).detach()
        results.append(call_and_describe(predicted_grad, a.clone(), d))
    return calls(results)


def true_grad(values):
    a = tensor(values, requires_grad=True)
    f(a).sum().backward()
    return a.grad.numpy()


def judge_vector_control_flow(facts, plan):
    bad = []
    for result, values in zip(facts["results"], plan["inputs"]):
        shape = np.shape(values)
        verdict = expect_tensor(result, shape, may_require_grad=True,
                                what=Text("`predicted_grad` 的结果", "What `predicted_grad` returns"),
                                shape_hint=Text("a.grad 和 a 的形状总是一样的。",
                                                "a.grad always has the shape of a."))
        if verdict:
            return verdict
        if not close(as_array(result), true_grad(values)):
            bad.append((shape, float(np.sum(values))))
    if not bad:
        return right(Text("对向量或矩阵 a，f(a) 仍然是 k·a，所有元素共用一个 k，所以 a.grad 处处等于 k，"
                          "也就是 d / a。",
                          "For a vector or matrix a, f(a) is still k·a with one k for all "
                          "elements, so a.grad is k everywhere, which is d / a."))
    if all(total < 0 for _, total in bad):
        return wrong(Text("元素之和为正时对，为负时不对：看看 `if b.sum() > 0` 那一行。",
                          "Right when the elements sum to a positive number, wrong when the sum "
                          "is negative: look at the line `if b.sum() > 0`."))
    if all(len(shape) == 2 for shape, _ in bad):
        return wrong(Text("对向量对，对矩阵不对：矩阵也是一样的道理，`b.norm()` 看的是所有元素。",
                          "Right for vectors, wrong for matrices: a matrix works the same way; "
                          "`b.norm()` looks at all the elements."))
    return wrong(Text("还不对。d = f(a) 里，所有元素乘的是同一个 k：∂dᵢ/∂aᵢ 是多少？"
                      "它和 d、a 有什么关系？",
                      "Not yet. In d = f(a) every element is multiplied by the same k: what is "
                      "∂dᵢ/∂aᵢ, and how does it relate to d and a?"))


vector_control_flow = Exercise(
    id="vector_control_flow",
    title=Text("练习 3：控制流例子里的向量和矩阵", "Exercise 3: the control-flow example with vectors and matrices"),
    prompt=Text(
        "**练习 3：在控制流的例子中，如果 a 是随机向量或矩阵，会发生什么？** 这时 d = f(a) 也是向量"
        "或矩阵，要用 `d.sum().backward()`（等价于 `d.backward(torch.ones_like(d))`）求梯度。"
        "写一个函数 `predicted_grad(a, d)`：只用 a 和 d = f(a)，不调用 `backward`，返回反向传播后"
        " `a.grad` 的值。检查会在随机的向量和矩阵上试。",
        "**Exercise 3: what happens in the control-flow example if a is a random vector or "
        "matrix?** Then d = f(a) is a vector or matrix too, and the gradient comes from "
        "`d.sum().backward()` (the same as `d.backward(torch.ones_like(d))`). Write a function "
        "`predicted_grad(a, d)` that returns what `a.grad` will be after that backward pass, "
        "from a and d = f(a) alone, without calling `backward`. The check tries random vectors "
        "and matrices."),
    setup=CONTROL_FLOW_SETUP,
    answer="predicted_grad",
    template="def predicted_grad(a, d):\n    return ...",
    solution="def predicted_grad(a, d):\n    return d / a",
    plan=plan_vector_control_flow,
    probe=probe_vector_control_flow,
    judge=judge_vector_control_flow,
)


# --- 4 · a function with a branch: g(x) ------------------------------------------------------

BRANCH_SETUP = """\
def g(x):
    if x > 1:
        y = x * x
    else:
        y = 3 * x
    return y"""

g = _defined(BRANCH_SETUP, "g")


def plan_branch(rng):
    above = rng.uniform(1.05, 6, 3)
    below = rng.uniform(-5, 0.95, 3)
    return {"points": np.concatenate([above, below]).round(4).tolist()}


def probe_branch(dg, plan):
    return calls([call_and_describe(dg, tensor(p, requires_grad=True)) for p in plan["points"]])


def true_dg(p):
    return 2 * p if p > 1 else 3.0


def judge_branch(facts, plan):
    got = []
    for result in facts["results"]:
        verdict = expect_number(result, Text("`dg(x)` 的结果", "What `dg(x)` returns"))
        if verdict:
            return verdict
        got.append(float(as_array(result)))
    points = plan["points"]
    bad = [p for p, value in zip(points, got) if not close(value, true_dg(p))]
    if not bad:
        return right(Text("自动微分只对这一次实际执行的分支求导，没有执行的分支不参与。",
                          "Autograd differentiates only the branch that actually ran; the "
                          "other branch takes no part."))
    if len(set(np.round(got, 6))) == 1:
        return wrong(Text("`dg` 每次都返回同一个值：书里只看了 x = 2，换一个 x，导数也会变。",
                          "`dg` returns the same value every time: the book only looked at x = 2; "
                          "at another x the derivative changes."))
    if all(p > 1 for p in bad):
        return wrong(Text("x ≤ 1 时对，x > 1 时不对：这时执行的是 `y = x * x`。",
                          "Right for x ≤ 1, wrong for x > 1: there the branch `y = x * x` runs."))
    if all(p <= 1 for p in bad):
        return wrong(Text("x > 1 时对，x ≤ 1 时不对：这时执行的是另一个分支。",
                          "Right for x > 1, wrong for x ≤ 1: there the other branch runs."))
    return wrong(Text("两个分支都有不对的地方：先判断 x 走哪个分支，再对那个分支求导。",
                      "Both branches have wrong values: decide which branch x takes, then "
                      "differentiate that branch."))


branch_derivative = Exercise(
    id="branch_derivative",
    title=Text("练习 4：带分支的函数的导数", "Exercise 4: the derivative of a function with a branch"),
    prompt=Text(
        "**练习 4：设计一个求控制流梯度的例子，运行并分析结果。** 下面的 g 有一个 `if`。书里只算了 "
        "x = 2。写一个函数 `dg(x)`：对任意标量 x（一个标量张量）返回 g 在 x 处的导数 dy/dx，手算公式"
        "或者用自动微分都可以。检查会在两个分支里各取几个随机点，包括你没见过的点。",
        "**Exercise 4: design an example of gradients through control flow, run it and explain "
        "the result.** The g below has an `if`. The book only tried x = 2. Write a function "
        "`dg(x)` that returns dy/dx, the derivative of g at any scalar x (a scalar tensor), by "
        "a formula or by autograd. The check tries random points in both branches, including "
        "points you have not seen."),
    setup=BRANCH_SETUP,
    answer="dg",
    template="def dg(x):\n    ...",
    solution="def dg(x):\n    x = torch.tensor(float(x), requires_grad=True)\n"
             "    g(x).backward()\n    return x.grad",
    plan=plan_branch,
    probe=probe_branch,
    judge=judge_branch,
)


# --- 5 · sin(x) and its derivative, by autograd ----------------------------------------------

def judge_sin(facts, plan):
    if facts["type"] != "tensor":
        return expect_tensor(facts, (), what=Text("x", "x"))
    if facts["grad_fn"] is not None or not facts["is_leaf"]:
        return wrong(Text("交的应该是 x 本身（它的 `.grad` 里放着导数），而不是由 x 算出来的张量。",
                          "Pass x itself (its `.grad` holds the derivative), not a tensor computed "
                          "from x."))
    if not facts["requires_grad"]:
        return wrong(Text("x 要 `requires_grad=True`，反向传播才会把导数放进 `x.grad`。",
                          "x needs `requires_grad=True` so that backward puts the derivative into "
                          "`x.grad`."))
    if "grad" not in facts:
        return wrong(Text("`x.grad` 还是 `None`：还没有对 y = sin(x) 做反向传播。y 不是标量，"
                          "`backward` 需要一个 `gradient` 参数（或者先求和）。",
                          "`x.grad` is still `None`: backward has not run for y = sin(x) yet. y is "
                          "not a scalar, so `backward` needs a `gradient` argument (or sum first)."))
    grad = facts["grad"]
    if grad["grad_fn"] == "CosBackward0":
        return wrong(Text("`x.grad` 是用 cos 算出来的：这道题要让自动微分去求导，而不是直接写 cos(x)。",
                          "`x.grad` was computed with cos: this exercise asks autograd to find the "
                          "derivative, rather than writing cos(x)."))
    x = as_array(facts)
    if x.size < 10:
        return wrong(Text("点太少，画不出曲线：用 `torch.linspace` 取至少 10 个点。",
                          "Too few points to draw a curve: take at least 10 with `torch.linspace`."))
    got = as_array(grad)
    if close(got, np.cos(x)):
        return right(Text("`x.grad` 里的值和 cos(x) 一致，这正是 sin 的导数。",
                          "The values in `x.grad` agree with cos(x), the derivative of sin."))
    if close(got, 2 * np.cos(x)):
        return wrong(Text("`x.grad` 是正确值的两倍：梯度累积了两次。再算之前先清零。",
                          "`x.grad` is twice what it should be: the gradient accumulated twice. "
                          "Zero it before computing again."))
    if close(got, np.sin(x)):
        return wrong(Text("`x.grad` 里是 sin(x) 本身，不是它的导数。",
                          "`x.grad` holds sin(x) itself, not its derivative."))
    return wrong(Text("`x.grad` 和 sin 的导数对不上：x.grad 应该来自 `y = torch.sin(x)` 的反向传播。",
                      "`x.grad` does not match the derivative of sin: it should come from "
                      "backward on `y = torch.sin(x)`."))


# The answer cell: one line to write. The plot is given, and draws the derivative only once
# x.grad exists, so the untouched cell still runs (sin alone) and check() says what is missing.
_SIN_PLOT = """x = torch.linspace(-2 * torch.pi, 2 * torch.pi, 200, requires_grad=True)
y = torch.sin(x)
{backward}
plt.plot(x.detach(), y.detach(), label="sin(x)")
if x.grad is not None:
    plt.plot(x.detach(), x.grad, label="df/dx")
plt.legend()"""


sin_derivative = Exercise(
    id="sin_derivative",
    title=Text("练习 5：sin(x) 和它的导数", "Exercise 5: sin(x) and its derivative"),
    prompt=Text(
        "**练习 5：令 f(x) = sin(x)，画出 f(x) 和 df(x)/dx 的图像，其中后者不使用 f'(x) = cos(x)。** "
        "用自动微分求导：把答案单元格里的 `...` 换成对 `y = torch.sin(x)` 的反向传播，导数就会出现在 "
        "`x.grad` 里；有了 `x.grad`，这个单元格会把它和 sin(x) 画在同一张图上。最后把 x 交给检查。",
        "**Exercise 5: let f(x) = sin(x). Plot f(x) and df(x)/dx, the latter without using "
        "f'(x) = cos(x).** Differentiate with autograd: replace the `...` in the answer cell with "
        "a backward pass on `y = torch.sin(x)`. The derivative lands in `x.grad`, and once it is "
        "there the cell plots it next to sin(x). Then pass x to the check."),
    answer="x",
    template=_SIN_PLOT.format(backward="..."),
    solution=_SIN_PLOT.format(backward="y.backward(torch.ones_like(x))"),
    judge=judge_sin,
)

ALL = [second_derivative_cost, backward_twice, vector_control_flow, branch_derivative,
       sin_derivative]
