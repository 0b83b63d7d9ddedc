"""The five exercises at the end of the chapter (section 2.5 of the book), made checkable.

Same layout as ``scenes.py``: prompt, given code, answer cell, solution, then the check.
"""
import numpy as np

from .. import autograd, float64, tensor
from . import history
from ..tensor import Tensor
from .exercise import Exercise, right, wrong
from .facts import as_array, attempt, describe, failure
from .judging import close, expect_number, expect_tensor
from ..language import Text
from .scenes import (CONTROL_FLOW_NUMBERS, CONTROL_FLOW_SETUP, call_watching, calls, f_for,
                     ran_backward)
from .variants import Numbers

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
    """The answer, the sizes of both graphs, and how the derivatives were obtained:
    dy_dx by a create_graph=True backward pass (not a formula typed by hand), d2y_dx2 by
    a backward pass from dy_dx to x."""
    facts = describe(answer)
    if isinstance(answer, (tuple, list)) and len(answer) == 3 and isinstance(answer[1], Tensor):
        x = tensor(1.0, requires_grad=True)
        facts["nodes_y"] = count_nodes(x.sin() * x ** 2)
        facts["nodes_dy"] = count_nodes(answer[1])
        facts["dy_by_autograd"] = history.HISTORY.built_by_backward(answer[1])
        if all(isinstance(t, Tensor) for t in answer):
            x, dy_dx, d2y_dx2 = answer
            facts["d2_from_dy"] = any(
                total.shape == d2y_dx2.shape and np.allclose(total, d2y_dx2._data, rtol=1e-5)
                for total in history.HISTORY.delivered_from(x, dy_dx))
    return facts


def judge_cost(facts, plan):
    if facts["type"] not in ("tuple", "list") or facts["length"] != 3:
        return wrong(Text("`derivatives` 要是三个张量组成的元组：`(x, dy_dx, d2y_dx2)`。",
                          "`derivatives` should be a tuple of three tensors: "
                          "`(x, dy_dx, d2y_dx2)`."))
    x_facts, dy_facts, d2_facts = facts["items"]
    # x is the leaf itself, and may well hold a .grad (y.backward(create_graph=True) is fine)
    x_alone = {key: value for key, value in x_facts.items() if key != "grad"}
    verdict = expect_tensor(x_alone, (), may_require_grad=True, what=Text("x", "x"))
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
        return wrong(Text("dy_dx 的值不对：它应该是 y = sin(x) × x² 在 x 处的一阶导数。",
                          "dy_dx has the wrong value: it should be the first derivative of "
                          "y = sin(x) × x² at x."))
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
    verdict = _derivatives_by_autograd(facts)
    if verdict:
        return verdict
    n_y, n_dy = facts["nodes_y"], facts["nodes_dy"]
    return right(Text(
        f"y 的计算图有 {n_y} 个操作节点，dy_dx 的图有 {n_dy} 个：一阶导数本身就是一串更长的计算"
        f"（乘积法则、链式法则各添了节点）。求二阶导数要先把这张更大的图建出来（create_graph=True），"
        f"再对它做一次反向传播，所以时间和内存都比一阶导数多。",
        f"y's graph has {n_y} operation nodes, dy_dx's has {n_dy}: the first derivative is "
        f"itself a longer computation (the product and chain rules add nodes). A second "
        f"derivative first builds this bigger graph (create_graph=True), then runs backward "
        f"through it, so it costs more time and memory than the first."))


def _derivatives_by_autograd(facts):
    """Right values are not enough: the exercise is about the graph autograd builds for a
    first derivative and walks for the second, so both must come from autograd."""
    if not facts.get("dy_by_autograd"):
        return wrong(Text("dy_dx 的值对了，但它是你自己写出的公式：它的计算图里只有你公式里的运算。"
                          "这道题要让自动微分来求一阶导数：`dy_dx, = torch.autograd.grad(y, x, "
                          "create_graph=True)`。这样 dy_dx 的图才是反向传播建出来的，也正是这道题要数的那张图。",
                          "dy_dx has the right value, but you typed its formula yourself: its "
                          "graph holds only the operations of your formula. This exercise asks "
                          "autograd for the first derivative: `dy_dx, = torch.autograd.grad(y, x, "
                          "create_graph=True)`. Then dy_dx's graph is the one the backward pass "
                          "built, which is the graph this exercise counts."))
    if not facts.get("d2_from_dy"):
        return wrong(Text("d2y_dx2 的值对了，但它不是从 dy_dx 反向传播到 x 得到的（是手算的吗？）。"
                          "请用自动微分对 dy_dx 求导：`d2y_dx2, = torch.autograd.grad(dy_dx, x)`。",
                          "d2y_dx2 has the right value, but no backward pass from dy_dx to x "
                          "produced it (did you work it out by hand?). Differentiate dy_dx with "
                          "autograd: `d2y_dx2, = torch.autograd.grad(dy_dx, x)`."))
    return None


second_derivative_cost = Exercise(
    id="second_derivative_cost",
    title=Text("练习 1：为什么计算二阶导数比一阶导数的开销更大？",
               "Exercise 1: why is a second derivative more expensive to compute than a first?"),
    prompt=Text(
        "令 y = sin(x) × x²。用 "
        "`torch.autograd.grad(y, x, create_graph=True)` 求一阶导数 `dy_dx`，再从 `dy_dx` 求二阶导数 "
        "`d2y_dx2`，把 `(x, dy_dx, d2y_dx2)` 交给检查。检查会数一数两张计算图的节点，"
        "帮你回答：求二阶导数时，反向传播走的是哪张图？",
        "Let y = sin(x) × x². Take the first derivative `dy_dx` with "
        "`torch.autograd.grad(y, x, create_graph=True)`, then the second derivative `d2y_dx2` "
        "from `dy_dx`, and pass `(x, dy_dx, d2y_dx2)` to the check. It counts the nodes of both "
        "graphs, to help you answer: which graph does the backward pass of a second derivative "
        "walk through?"),
    answer="derivatives",
    template="x = torch.tensor(1.5, requires_grad=True)\ny = torch.sin(x) * x ** 2\n"
             "dy_dx = ...\nd2y_dx2 = ...\nderivatives = (x, dy_dx, d2y_dx2)",
    probe=probe_cost,
    judge=judge_cost,
)


# --- 2 · running backward twice ---------------------------------------------------------------

def plan_backward_twice(rng, numbers):
    return {"xs": [rng.uniform(-3, 3, n).round(3).tolist() for n in (3, 5)]}


def probe_backward_twice(backward_twice, plan):
    """x.grad after the student's function ran, and what autograd did meanwhile: which
    backward passes reached x, from which graph."""
    results = []
    for values in plan["xs"]:
        x = tensor(values, requires_grad=True)
        with history.watching() as seen:
            outcome = attempt(backward_twice, x)
        result = describe(x.grad) if outcome["ok"] else failure(outcome)
        result["history"] = seen.of(x)
        results.append(result)
    return calls(results)


def judge_backward_twice(facts, plan):
    c = plan["numbers"]["c"]
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
                              f"It raised `{result['error']}: {result['message']}`"), quotes=True)
        if result["type"] == "None":
            return wrong(Text("`x.grad` 还是 `None`：y 要用传进来的 x 计算，并对 y 调用 `backward`。",
                              "`x.grad` is still `None`: compute y from the x passed in and call "
                              "`backward` on y."))
        verdict = expect_tensor(result, x.shape, what=Text("x.grad", "x.grad"))
        if verdict:
            return verdict
        got = as_array(result)
        if close(got, 2 * c * x):
            return wrong(Text("`x.grad` 只有一次反向传播的梯度。PyTorch 会把每次 `backward` 的梯度加进 "
                              "`.grad`：是中间清零了，还是只有一次真正到达了 x？",
                              "`x.grad` holds the gradient of one backward pass only. PyTorch adds "
                              "every `backward`'s gradient into `.grad`: was it zeroed in between, "
                              "or did only one pass reach x?"))
        if not close(got, 4 * c * x):
            return wrong(Text(f"`x.grad` 的值不对：y = {c} × (x · x) 的梯度是多少？两次之后呢？",
                              f"`x.grad` has the wrong values: what is the gradient of "
                              f"y = {c} × (x · x), and after two passes?"))
        verdict = _not_two_passes_over_one_graph(result.get("history"))
        if verdict:
            return verdict
    return right(Text("两次都成功了，`x.grad` 是两次梯度之和。不保留计算图时，第二次会报错，"
                      "因为第一次反向传播后图里保存的值已经被释放。",
                      "Both passes work and `x.grad` is the sum of the two gradients. "
                      "Without keeping the graph the second pass raises, because the first one "
                      "freed the values the graph had saved."))


def _not_two_passes_over_one_graph(story):
    """Right values are not enough: two backward passes must have reached x, over the same
    graph (the same y), and nothing else may have written ``x.grad``."""
    changes = (story or {}).get("changes") or []
    if any(change.get("how") in ("set", "grad") for change in changes):
        return wrong(Text("`x.grad` 是直接赋值的，不是两次 `backward` 累加出来的：对同一个 y 调用两次 `backward`。",
                          "`x.grad` was assigned, not added up by two `backward` calls: call "
                          "`backward` twice on the same y."))
    passes = [change for change in changes if change.get("how") == "backward"]
    if not passes:
        return wrong(Text("没有一次反向传播到达 x：对 y 调用两次 `backward`。",
                          "No backward pass reached x: call `backward` on y, twice."))
    if len(passes) == 1:
        return wrong(Text("只有一次反向传播到达了 x，`x.grad` 是用别的办法变成两倍的。请真的调用两次 `backward`。",
                          "Only one backward pass reached x; `x.grad` was doubled some other way. "
                          "Really call `backward` twice."))
    if len(passes) > 2:
        return wrong(Text(f"有 {len(passes)} 次反向传播到达了 x；题目要的是同一个 y 上的两次。",
                          f"{len(passes)} backward passes reached x; the exercise asks for two, "
                          f"on the same y."))
    if passes[0].get("graph") != passes[1].get("graph"):
        return wrong(Text("两次反向传播走的是两张不同的图：中间重新算了一次 y。题目要对同一个 y 调用两次 "
                          "`backward`，这正是需要保留计算图的地方。",
                          "The two backward passes went through two different graphs: y was "
                          "computed again in between. The exercise calls `backward` twice on the "
                          "same y, which is exactly where the graph must be kept."))
    if story.get("unchanged_since") is False:
        return wrong(Text("第二次反向传播之后 `x.grad` 又被改过：让它保持两次 `backward` 留下的样子。",
                          "`x.grad` was changed after the second backward pass: leave it as the "
                          "two `backward` calls left it."))
    return None


backward_twice = Exercise(
    id="backward_twice",
    title=Text("练习 2：运行反向传播之后，立即再运行一次，会发生什么？",
               "Exercise 2: what happens if you run backward again straight after running it?"),
    prompt=Text(
        "先在草稿里试试，看看报什么错。"
        "然后写一个函数 `backward_twice(x)`：用传进来的 x 计算 `y = {c} * torch.dot(x, x)`，"
        "再对同一个 y 连续调用两次 `backward`，两次都要成功。检查会在随机向量上看 `x.grad` "
        "是否和 PyTorch 的结果一样。",
        "Try it in the scratch cell first and read the error. Then write a function `backward_twice(x)`: "
        "compute `y = {c} * torch.dot(x, x)` from the x passed in and call `backward` on that same "
        "y twice, both calls succeeding. The check looks at `x.grad` on random vectors and "
        "compares it with what PyTorch gives."),
    answer="backward_twice",
    template="def backward_twice(x):\n    y = {c} * torch.dot(x, x)\n    ...",
    plan=plan_backward_twice,
    probe=probe_backward_twice,
    judge=judge_backward_twice,
    numbers=Numbers({"c": 2}, lambda rng: {"c": int(rng.integers(2, 6))}),
)


# --- 3 · the control-flow example with a vector or matrix a ----------------------------------

def plan_vector_control_flow(rng, numbers):
    """Vectors and matrices, each with a positive and a negative sum; in half of them one
    element is exactly 0, where d / a is 0 / 0 but a.grad is the k of all the others."""
    inputs = []
    for shape, with_zero in [((3,), True), ((5,), False), ((2, 3), True), ((3, 3), False)]:
        a = rng.normal(size=shape)
        if with_zero:
            a.flat[rng.integers(a.size)] = 0.0
        a = a if a.sum() > 0 else -a
        inputs += [a.round(4).tolist(), (-a).round(4).tolist()]
    return {"inputs": inputs}


def probe_vector_control_flow(predicted_grad, plan):
    results = []
    for values in plan["inputs"]:
        a = tensor(values)
        d = f_for(plan["numbers"])(a).detach()
        results.append(call_watching(predicted_grad, a.clone(), d))
    return calls(results)


def true_grad(values, numbers):
    a = tensor(values, requires_grad=True)
    f_for(numbers)(a).sum().backward()
    return a.grad.numpy()


def judge_vector_control_flow(facts, plan):
    if ran_backward(facts):
        return wrong(Text("`predicted_grad` 自己做了反向传播，答案是自动微分给的，不是你预测的。"
                          "这道题要你只用 a 和 d = f(a) 推出 `a.grad`：f 把 a 的每个元素都乘上同一个 k，"
                          "∂dᵢ/∂aᵢ 是多少？它和 d、a 有什么关系？",
                          "`predicted_grad` runs a backward pass itself, so autograd gave the "
                          "answer instead of your prediction. The exercise asks you to work out "
                          "`a.grad` from a and d = f(a) alone: f multiplies every element of a by "
                          "the same k, so what is ∂dᵢ/∂aᵢ, and how does it relate to d and a?"))
    bad, wrong_only_at_zeros = [], False
    for result, values in zip(facts["results"], plan["inputs"]):
        shape = np.shape(values)
        verdict = expect_tensor(result, shape, may_require_grad=True,
                                what=Text("`predicted_grad` 的结果", "What `predicted_grad` returns"),
                                shape_hint=Text("a.grad 和 a 的形状总是一样的。",
                                                "a.grad always has the shape of a."))
        if verdict:
            return verdict
        got, want, nonzero = as_array(result), true_grad(values, plan["numbers"]), np.array(values) != 0
        if not close(got[nonzero], want[nonzero]):
            bad.append((shape, float(np.sum(values))))
        elif not close(got, want):
            wrong_only_at_zeros = True
    if not bad and not wrong_only_at_zeros:
        return right(Text("对向量或矩阵 a，f(a) 仍然是 k × a，所有元素共用一个 k，所以 a.grad 处处等于 k，"
                          "a 等于 0 的元素也一样。",
                          "For a vector or matrix a, f(a) is still k × a with one k for all "
                          "elements, so a.grad is k everywhere, where a is 0 as well."))
    if not bad:
        return wrong(Text("a 不为 0 的地方都对；可是在 a 等于 0 的元素上，你的答案不对（d / a 在那里是 "
                          "0 / 0）。反向传播在那里给出的并不是 nan：f 对 a 的每个元素做的事完全一样，"
                          "0 也不例外。",
                          "Right wherever a is not 0; but where an element of a is 0 your answer is "
                          "wrong (d / a is 0 / 0 there). The backward pass gives no nan there: f does "
                          "exactly the same to every element of a, 0 included."))
    if all(total < 0 for _, total in bad):
        return wrong(Text("元素之和为正时对，为负时不对：看看 `if b.sum() > 0` 那一行。",
                          "Right when the elements sum to a positive number, wrong when the sum "
                          "is negative: look at the line `if b.sum() > 0`."))
    if all(len(shape) == 2 for shape, _ in bad):
        return wrong(Text("对向量对，对矩阵不对：矩阵也是一样的道理，`b.norm()` 看的是所有元素。",
                          "Right for vectors, wrong for matrices: a matrix works the same way; "
                          "`b.norm()` looks at all the elements."))
    return wrong(Text("d = f(a) 里，所有元素乘的是同一个 k：∂dᵢ/∂aᵢ 是多少？"
                      "它和 d、a 有什么关系？",
                      "In d = f(a) every element is multiplied by the same k: what is "
                      "∂dᵢ/∂aᵢ, and how does it relate to d and a?"))


vector_control_flow = Exercise(
    id="vector_control_flow",
    title=Text("练习 3：在控制流的例子中，如果 a 是随机向量或矩阵，会发生什么？",
               "Exercise 3: in the control-flow example, what happens if a is a random vector "
               "or matrix?"),
    prompt=Text(
        "这时 d = f(a) 也是向量"
        "或矩阵，要用 `d.sum().backward()`（等价于 `d.backward(torch.ones_like(d))`）求梯度。"
        "写一个函数 `predicted_grad(a, d)`：只用 a 和 d = f(a)，不调用 `backward`，返回反向传播后"
        " `a.grad` 的值。检查会在随机的向量和矩阵上试，其中有的元素正好是 0。",
        "Then d = f(a) is a vector or matrix too, and the gradient comes from "
        "`d.sum().backward()` (the same as `d.backward(torch.ones_like(d))`). Write a function "
        "`predicted_grad(a, d)` that returns what `a.grad` will be after that backward pass, "
        "from a and d = f(a) alone, without calling `backward`. The check tries random vectors "
        "and matrices, some with an element exactly 0."),
    setup=CONTROL_FLOW_SETUP,
    answer="predicted_grad",
    template="def predicted_grad(a, d):\n    return ...",
    plan=plan_vector_control_flow,
    probe=probe_vector_control_flow,
    judge=judge_vector_control_flow,
    numbers=CONTROL_FLOW_NUMBERS,
)


# --- 4 · a function with a branch: g(x) ------------------------------------------------------

BRANCH_SETUP = """\
def g(x):
    if x > {t}:
        y = x * x
    else:
        y = 3 * x
    return y"""

def branch_numbers(rng):
    t = int(rng.integers(1, 4))
    return {"t": t, "t_squared": t * t, "slope": 2 * t}


def plan_branch(rng, numbers):
    """Points on both sides of the boundary, and the boundary x = t itself."""
    t = numbers["t"]
    above = rng.uniform(t + 0.05, t + 5, 3)
    below = rng.uniform(t - 6, t - 0.05, 3)
    return {"points": np.concatenate([above, [t], below]).round(4).tolist()}


def probe_branch(g_smooth, plan):
    """At each point: the value, and the derivative autograd takes through the branch that
    ran."""
    results = []
    for p in plan["points"]:
        x = tensor(p, dtype=float64, requires_grad=True)
        outcome = attempt(g_smooth, x)
        if not outcome["ok"]:
            results.append(failure(outcome))
            continue
        y = outcome["result"]
        result = describe(y)
        if isinstance(y, Tensor) and y.requires_grad and y.numel() == 1:
            backward = attempt(y.backward)
            result["derivative"] = describe(x.grad) if backward["ok"] else failure(backward)
        results.append(result)
    return calls(results)


def judge_branch(facts, plan):
    t = float(plan["numbers"]["t"])
    n = int(t)  # as the student reads it: x = 1, not x = 1.0
    values, slopes = {}, {}
    for result, p in zip(facts["results"], plan["points"]):
        verdict = expect_number(result, Text("`g_smooth(x)` 的结果", "What `g_smooth(x)` returns"))
        if verdict:
            return verdict
        derivative = result.get("derivative")
        if derivative is None or derivative.get("type") != "tensor":
            return wrong(Text("自动微分没法对 `g_smooth(x)` 求导：要用张量运算从 x 算出 y（不要用 "
                              "`float(x)`、`.item()` 或新建张量），`backward` 才能走回 x。",
                              "Autograd cannot differentiate `g_smooth(x)`: compute y from x with "
                              "tensor operations (no `float(x)`, `.item()` or new tensor) so that "
                              "`backward` can find its way back to x."))
        values[p], slopes[p] = float(as_array(result)), float(as_array(derivative))
    if not all(close(values[p], p * p) for p in values if p > t):
        return wrong(Text(f"x > {n} 的分支要保持原样：`y = x * x`。要改的是另一个分支。",
                          f"Keep the branch for x > {n} as it is, `y = x * x`: it is the other "
                          f"branch that changes."))
    if t in values and not close(values[t], t * t):
        return wrong(Text(f"两个分支在 x = {n} 处没有接上：右边 x² 从 {n * n} 开始，你的另一个分支在 "
                          f"x = {n} 处给出的值不是 {n * n}，图像在那里断开了。",
                          f"The two branches do not meet at x = {n}: on the right x² starts from "
                          f"{n * n}, but your other branch does not give {n * n} at x = {n}, so "
                          f"the graph breaks there."))
    if t in slopes and not close(slopes[t], 2 * t):
        return wrong(Text(f"两个分支在 x = {n} 处接上了，但斜率不一样：那里是一个拐角。x = {n} 时执行的是 "
                          f"x ≤ {n} 的分支，autograd 给出的是它的斜率，而 x² 在 {n} 处的斜率是 {2 * n}。",
                          f"The two branches meet at x = {n}, but with different slopes: a corner. "
                          f"At x = {n} the branch for x ≤ {n} runs and autograd gives its slope, "
                          f"while x² has slope {2 * n} at {n}."))
    return right(Text(f"两个分支在 x = {n} 处以相同的斜率接上，所以不管走哪个分支，autograd 给出的都是真正的导数，"
                      f"在交界处也一样。原来的 g 在 {n} 处断开（左边 3x），autograd 在那里给出的 3 只说明走了哪个分支。",
                      f"Both branches meet at x = {n} with the same slope, so whichever branch "
                      f"runs, autograd's derivative is the true one, at the boundary too. The "
                      f"given g breaks at {n} (3x on the left): the 3 autograd gives there only "
                      f"says which branch ran."))


branch_derivative = Exercise(
    id="branch_derivative",
    title=Text("练习 4：重新设计一个求控制流梯度的例子，运行并分析结果",
               "Exercise 4: redesign an example of gradients through control flow; run it and "
               "analyse the result"),
    prompt=Text(
        "重新设计 `g`：写一个函数 "
        "`g_smooth(x)`，保留 `if x > {t}` 和它的分支 `y = x * x`，改写另一个分支，让 autograd "
        "在每一点、包括 x = {t}，给出的都是 g_smooth 真正的导数。检查会在两边各取几个随机点，"
        "也会试 x = {t}。",
        "Redesign `g`: write a function `g_smooth(x)` that keeps "
        "`if x > {t}` and its branch `y = x * x`, and rewrite the other branch so that autograd "
        "gives the true derivative of g_smooth everywhere, x = {t} included. The check tries "
        "random points on both sides, and x = {t}."),
    setup=BRANCH_SETUP,
    answer="g_smooth",
    template="def g_smooth(x):\n    if x > {t}:\n        y = x * x\n    else:\n        y = ...\n"
             "    return y",
    plan=plan_branch,
    probe=probe_branch,
    judge=judge_branch,
    numbers=Numbers({"t": 1, "t_squared": 1, "slope": 2}, branch_numbers),
)


# --- 5 · sin(x) and its derivative, by autograd ----------------------------------------------

def probe_sin(x, plan):
    """x, and how its ``.grad`` came to be (the history kept since the notebook imported
    ``check``)."""
    facts = describe(x)
    if isinstance(x, Tensor):
        facts["history"] = history.HISTORY.of(x)
    return facts


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
    x = as_array(facts)
    if x.size < 10:
        return wrong(Text("点太少，画不出曲线：用 `torch.linspace` 取至少 10 个点。",
                          "Too few points to draw a curve: take at least 10 with `torch.linspace`."))
    verdict = _not_by_autograd_through_sin(facts.get("history"))
    if verdict:
        return verdict
    got = as_array(facts["grad"])
    if close(got, np.cos(x)):
        return right(Text("`x.grad` 里的值和 cos(x) 一致，这正是 sin 的导数，而且是反向传播经过 sin 算出来的。",
                          "The values in `x.grad` agree with cos(x), the derivative of sin, and "
                          "backward computed them through sin."))
    if close(got, 2 * np.cos(x)):
        return wrong(Text("`x.grad` 是正确值的两倍：梯度累积了两次。再算之前先清零。",
                          "`x.grad` is twice what it should be: the gradient accumulated twice. "
                          "Zero it before computing again."))
    return wrong(Text("`x.grad` 和 sin 的导数对不上：x.grad 应该来自 `y = torch.sin(x)` 的反向传播。",
                      "`x.grad` does not match the derivative of sin: it should come from "
                      "backward on `y = torch.sin(x)`."))


def _not_by_autograd_through_sin(story):
    """The forbidden shortcut: ``x.grad`` written by hand (``torch.cos(x)``), or by a
    backward pass that never went through sin."""
    changes = (story or {}).get("changes") or []
    if not changes:
        return wrong(Text("看不出 `x.grad` 是怎么来的：先运行笔记本开头导入 `check` 的那个单元格，"
                          "再运行你的答案单元格。",
                          "There is no telling how `x.grad` was made: run the notebook's first "
                          "cell (the one that imports `check`), then your answer cell again."))
    last = changes[-1]
    if last.get("how") == "set":
        return wrong(Text("`x.grad` 是直接赋值的（`x.grad = ...`），不是自动微分算出来的。这道题不用 "
                          "cos(x)：对 `y = torch.sin(x)` 调用 `backward`，让它把导数放进 `x.grad`。",
                          "`x.grad` was assigned by hand (`x.grad = ...`), not computed by autograd. "
                          "This exercise does without cos(x): call `backward` on `y = torch.sin(x)` "
                          "and let it put the derivative into `x.grad`."))
    if "SinBackward0" not in (last.get("through") or []):
        return wrong(Text("`x.grad` 里的梯度没有经过 sin：它来自对另一个计算的反向传播。"
                          "请对 `y = torch.sin(x)` 本身做反向传播。",
                          "The gradient in `x.grad` did not pass through sin: it came from "
                          "backward over another computation. Run backward on `y = torch.sin(x)` "
                          "itself."))
    if story.get("unchanged_since") is False:
        return wrong(Text("反向传播之后 `x.grad` 又被改过（比如 `x.grad.copy_(...)` 或 `x.grad *= ...`）："
                          "让它保持反向传播留下的样子。",
                          "`x.grad` was changed after backward filled it (`x.grad.copy_(...)` or "
                          "`x.grad *= ...`, say): leave it as backward left it."))
    return None


# The answer cell: one line to write. The plot is given, and draws the derivative only once
# x.grad exists, so the untouched cell still runs (sin alone) and check() says what is missing.
_SIN_PLOT = """x = torch.linspace(-2 * torch.pi, 2 * torch.pi, 200, requires_grad=True)
y = torch.sin(x)
{backward}
plt.plot(x.detach(), y.detach(), label="sin(x)")
if x.grad is not None:
    plt.plot(x.detach(), x.grad, label="df/dx")
plt.legend()
plt.show()"""


sin_derivative = Exercise(
    id="sin_derivative",
    title=Text("练习 5：令 f(x) = sin(x)，画出 f(x) 和 df(x)/dx 的图像，后者不使用 f'(x) = cos(x)",
               "Exercise 5: let f(x) = sin(x); plot f(x) and df(x)/dx, the latter without "
               "using f'(x) = cos(x)"),
    prompt=Text(
        "用自动微分求导：把答案单元格里的 `...` 换成对 `y = torch.sin(x)` 的反向传播，导数就会出现在 "
        "`x.grad` 里；有了 `x.grad`，这个单元格会把它和 sin(x) 画在同一张图上。最后把 x 交给检查。",
        "Differentiate with autograd: replace the `...` in the answer cell with "
        "a backward pass on `y = torch.sin(x)`. The derivative lands in `x.grad`, and once it is "
        "there the cell plots it next to sin(x). Then pass x to the check."),
    answer="x",
    template=_SIN_PLOT.format(backward="..."),
    probe=probe_sin,
    judge=judge_sin,
)

ALL = [second_derivative_cost, backward_twice, vector_control_flow, branch_derivative,
       sin_derivative]
