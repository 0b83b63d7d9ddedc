# %% [markdown] zh
# # 9 · 本章练习
#
# 这是教材 2.5 节末尾的五道练习。前四道先问“为什么”“会怎样”，再让你动手；所以每道题分两步：
#
# 1. **先想一想**：不写代码，用两三句话写下你的回答。双击“我的回答”那一格就能编辑，写完按 Shift + Enter。这一部分不自动批改：写完以后，点开下面的“参考答案”，自己对照。先写再看，收获最大。
# 2. **再动手**：用代码验证你的想法。把答案写进答案单元格（替换掉 `...`），再运行 `check(...)`：绿色表示对了；红色会给你一个提示，但不会直接给答案。
#
# 第五道直接动手画图，做完以后也有参考答案可以对照。草稿单元格随便改、随便运行，它们不会被批改。

# %% [markdown] en
# # 9 · The chapter's exercises
#
# These are the five exercises at the end of section 2.5 of the book. The first four ask "why" or "what happens" before they ask you to do anything, so each comes in two steps:
#
# 1. **Think first**: without code, write your answer in two or three sentences. Double-click the "My answer" cell to edit it, then press Shift + Enter. This part is not graded by the computer: when you have written your answer, open the "model answer" below it and compare for yourself. Writing before looking is what makes it worth doing.
# 2. **Then try it**: check your idea with code. Write your answer in the answer cell (replacing `...`) and run `check(...)`: green means right; red gives you a hint, but never the answer.
#
# The fifth asks you straight away for a plot, and has a model answer to compare with as well. Change and run the scratch cells as you like; they are not graded.

# %%
%load_ext minigrad
import matplotlib.pyplot as plt
import minigrad as torch
from minigrad.lab import show
from minigrad.exercises import check

# %% zh
torch.lab.set_language("zh")

# %% en
torch.lab.set_language("en")

# %% title second_derivative_cost

# %% [markdown] zh
# **先想一想。** 求一阶导数，要做一次前向传播和一次反向传播。求二阶导数时，多出来的工作是什么？一阶导数本身得是什么样的东西，才能再对它求导？

# %% [markdown] en
# **Think first.** A first derivative takes one forward and one backward pass. What extra work does a second derivative need? What must the first derivative be, for it to be differentiated again?

# %% [markdown] zh
# **我的回答：**（双击这里，把这句话换成你的回答）

# %% [markdown] en
# **My answer:** (double-click here and replace this sentence with yours)

# %% [markdown] zh
# **再动手。**

# %% [markdown] en
# **Then try it.**

# %% exercise second_derivative_cost

# %% [markdown] zh
# 草稿：把 $y$ 的图和 $\frac{dy}{dx}$ 的图放在一起比一比。

# %% [markdown] en
# Scratch: compare the graph of $y$ with the graph of $\frac{dy}{dx}$.

# %%
x = torch.tensor(1.5, requires_grad=True)
y = torch.sin(x) * x ** 2
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
show(y, dy_dx)

# %% answer second_derivative_cost

# %% [markdown] zh
# <details>
# <summary><b>参考答案</b>（先写下你的回答，再点开）</summary>
#
# 要对一阶导数再求导，一阶导数就不能只是几个数，它得带着自己的计算图。所以第一次反向传播时要加 `create_graph=True`：反向传播的每一步运算都要记下来，用到的中间值也要存着。这张导数的图比 $y$ 的图大，因为乘积法则、链式法则都会添上新的节点（答对时，上面的检查会告诉你两张图各有几个节点）。然后还要沿着这张更大的图再做一次反向传播。所以时间上多了一遍更长的反向传播，内存上要同时留着两张图。
#
# 参数多的时候差距更大：$n$ 个参数的一阶导数是 $n$ 个数，一次反向传播就能得到；二阶导数（黑塞矩阵）却有 $n \times n$ 个数，要像第 4 节拼雅可比矩阵那样，对一阶导数的每个分量各做一次反向传播。
#
# 对照一下，你的回答提到了吗：① 一阶导数要带着自己的图（`create_graph=True`）；② 这张图更大，第二次反向传播要走它；③ 参数很多时，二阶导数是一个 $n \times n$ 的矩阵。
#
# </details>

# %% [markdown] en
# <details>
# <summary><b>Model answer</b> (write yours first, then open)</summary>
#
# To differentiate the first derivative again, it cannot be just numbers: it must carry a graph of its own. So the first backward pass needs `create_graph=True`: every operation of the backward pass is recorded, and the values it uses are kept. That graph of the derivative is bigger than the graph of $y$, because the product rule and the chain rule add nodes (once your answer is right, the check above tells you how many each graph has). Then a second backward pass walks this bigger graph. So it takes a second, longer backward pass in time, and both graphs at once in memory.
#
# With many parameters the gap grows: the first derivative of $n$ parameters is $n$ numbers, from one backward pass; the second derivative (the Hessian) has $n \times n$ numbers and, like the Jacobian built in lesson 4, needs one backward pass per component of the first derivative.
#
# Compare: did your answer say (1) that the first derivative must carry its own graph (`create_graph=True`); (2) that this graph is bigger, and the second backward pass walks it; (3) that with many parameters the second derivative is an $n \times n$ matrix?
#
# </details>

# %% title backward_twice

# %% [markdown] zh
# **先想一想。** 对 `y = 2 * torch.dot(x, x)` 运行 `y.backward()` 之后，紧接着再运行一次 `y.backward()`，会怎样？会报错吗？为什么？如果不报错，`x.grad` 会是多少？

# %% [markdown] en
# **Think first.** After `y.backward()` for `y = 2 * torch.dot(x, x)`, you run `y.backward()` again straight away. What happens? An error? Why? And if not, what is `x.grad`?

# %% [markdown] zh
# **我的回答：**（双击这里，把这句话换成你的回答）

# %% [markdown] en
# **My answer:** (double-click here and replace this sentence with yours)

# %% [markdown] zh
# **再动手。**

# %% [markdown] en
# **Then try it.**

# %% exercise backward_twice

# %% [markdown] zh
# 草稿：

# %% [markdown] en
# Scratch:

# %%
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %% answer backward_twice

# %% [markdown] zh
# <details>
# <summary><b>参考答案</b>（先写下你的回答，再点开）</summary>
#
# 第二次会报错（`RuntimeError: Trying to backward through the graph a second time …`）。为了省内存，反向传播一结束，PyTorch 就把图里为反向传播保存的中间值释放掉，比如点积算局部导数要用的 `x`。第二次反向传播还要用这些值，可它们已经不在了。
#
# 第一次调用时加上 `retain_graph=True`（第 4 节用过），图就会留下来，第二次也能成功。这时梯度会累积（第 3 节）：`x.grad` 是两次之和 $4\mathbf{x} + 4\mathbf{x} = 8\mathbf{x}$，而不是 $4\mathbf{x}$。
#
# 再深入一点：报错的原因是“要用的值已经释放”，而不是“不许反向两次”。有些图的反向传播根本用不着保存的值，比如 `y = x.sum()`，对它连续调用两次 `backward()` 不会报错，梯度照样累积。试试看。
#
# </details>

# %% [markdown] en
# <details>
# <summary><b>Model answer</b> (write yours first, then open)</summary>
#
# The second call raises an error (`RuntimeError: Trying to backward through the graph a second time …`). To save memory, PyTorch frees the values the graph saved for the backward pass as soon as that pass is over, such as the `x` the dot product needs for its local derivatives. The second pass needs those values, and they are gone.
#
# With `retain_graph=True` on the first call (as in lesson 4) the graph is kept and the second call works too. The gradients then accumulate (lesson 3): `x.grad` is the sum of both passes, $4\mathbf{x} + 4\mathbf{x} = 8\mathbf{x}$, not $4\mathbf{x}$.
#
# A step further: the error is about values already freed, not about going backward twice as such. Some graphs need no saved values on the way back, for example `y = x.sum()`: calling `backward()` on it twice raises nothing, and the gradient accumulates as usual. Try it.
#
# </details>

# %% title vector_control_flow

# %% [markdown] zh
# **先想一想。** 回到第 6 节的 `f`（下面再写一遍）。如果 `a` 是一个随机向量或矩阵：`f` 还能运行吗？`d = f(a)` 是什么形状，还能直接调用 `d.backward()` 吗？`a.grad` 是什么形状，它的各个元素之间有什么关系？

# %% [markdown] en
# **Think first.** Back to the `f` of lesson 6 (given again below). If `a` is a random vector or matrix: does `f` still run? What shape is `d = f(a)`, and can you still call `d.backward()` directly? What shape is `a.grad`, and how are its elements related?

# %% [markdown] zh
# **我的回答：**（双击这里，把这句话换成你的回答）

# %% [markdown] en
# **My answer:** (double-click here and replace this sentence with yours)

# %% [markdown] zh
# **再动手。**

# %% [markdown] en
# **Then try it.**

# %% exercise vector_control_flow

# %% [markdown] zh
# 草稿：`a` 是有 3 个元素的向量。直接 `d.backward()` 会怎样？求和以后呢？比较 `a.grad`、`d` 和 `a`。

# %% [markdown] en
# Scratch: `a` is a vector of 3 elements. What does `d.backward()` do? And after a sum? Compare `a.grad`, `d` and `a`.

# %%
torch.manual_seed(3)
a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
try:
    d.backward()
except RuntimeError as err:
    print("RuntimeError:", err)
d.sum().backward()
print("a      =", a)
print("d      =", d)
print("a.grad =", a.grad)

# %% answer vector_control_flow

# %% [markdown] zh
# <details>
# <summary><b>参考答案</b>（先写下你的回答，再点开）</summary>
#
# `f` 照常运行：`b.norm()` 是整个向量（或矩阵）的范数，`b.sum()` 是所有元素之和，都只是一个数，`while` 和 `if` 用它们做判断，和标量时一样。
#
# `d = f(a)` 和 `a` 形状相同，不再是标量，所以直接 `d.backward()` 会报错；要用 `d.sum().backward()`，或者 `d.backward(torch.ones_like(d))`（第 4 节）。
#
# 得到的 `a.grad` 和 `a` 形状相同，而且**所有元素都等于同一个 $k$**：循环转几圈由整个 `a` 的范数决定，走哪个分支由整个 `a` 的和决定，所以每个元素乘的都是同一个常数。一个元素自己是正数，只要整个 `a` 的和是负的，它也要乘以 100。因此 `a.grad` 在 `a` 不为 0 的地方等于 `d / a`；在等于 0 的元素上，`d / a` 是 $0/0$，算不出来，但 `a.grad` 照样是 $k$。
#
# </details>

# %% [markdown] en
# <details>
# <summary><b>Model answer</b> (write yours first, then open)</summary>
#
# `f` runs as before: `b.norm()` is the norm of the whole vector (or matrix) and `b.sum()` the sum of all its elements; both are single numbers, and `while` and `if` decide with them just as for a scalar.
#
# `d = f(a)` has the shape of `a` and is no longer a scalar, so `d.backward()` directly raises an error; use `d.sum().backward()` or `d.backward(torch.ones_like(d))` (lesson 4).
#
# The resulting `a.grad` has the shape of `a`, and **all its elements equal the same $k$**: the number of turns of the loop depends on the norm of the whole of `a`, the branch on the sum of the whole of `a`, so every element is multiplied by the same constant. An element that is positive on its own is still multiplied by 100 when `a` as a whole sums to a negative number. So `a.grad` equals `d / a` wherever `a` is not 0; at an element equal to 0, `d / a` is $0/0$ and tells you nothing, yet `a.grad` there is $k$ all the same.
#
# </details>

# %% title branch_derivative

# %% [markdown] zh
# 教材没有指定要设计什么样的例子。先看一份学习笔记里设计的例子：

# %% [markdown] en
# The book leaves the example up to you. Start from the one a study note designed:

# %% given branch_derivative

# %% [markdown] zh
# 那份笔记只算了 $x = 2$：走 `x > 1` 的分支，$\frac{dy}{dx} = 2x = 4$。
#
# **先想一想。** autograd 在 $x = 0.5$、$x = 1$、$x = 2$ 处分别给出什么导数？`g` 在 $x = 1$ 处有导数吗？画出 `g` 的图像，在 $x = 1$ 附近它是什么样子？

# %% [markdown] en
# That note only computed $x = 2$: the branch `x > 1` runs, and $\frac{dy}{dx} = 2x = 4$.
#
# **Think first.** What derivative does autograd give at $x = 0.5$, $x = 1$ and $x = 2$? Does `g` have a derivative at $x = 1$? What does the graph of `g` look like near $x = 1$?

# %% [markdown] zh
# **我的回答：**（双击这里，把这句话换成你的回答）

# %% [markdown] en
# **My answer:** (double-click here and replace this sentence with yours)

# %% [markdown] zh
# **再动手。** 草稿：在几个点上让 autograd 求导，再把 `g` 画出来。

# %% [markdown] en
# **Then try it.** Scratch: let autograd differentiate at a few points, then plot `g`.

# %%
for value in [0.5, 0.999, 1.0, 1.001, 2.0]:
    x = torch.tensor(value, requires_grad=True)
    y = g(x)
    y.backward()
    print(f"x = {value}: g(x) = {y.item():.3f}, autograd: {x.grad.item():.3f}")

xs = torch.linspace(-1, 3, 401)
plt.figure(figsize=(6, 3))
plt.plot(xs, [g(x).item() for x in xs], ".", markersize=2)
plt.xlabel("x")
plt.ylabel("g(x)")
plt.grid(True, alpha=0.3)
plt.show()

# %% prompt branch_derivative

# %% answer branch_derivative

# %% [markdown] zh
# <details>
# <summary><b>参考答案</b>（先写下你的回答，再点开）</summary>
#
# autograd 在 $x = 0.5$ 处给出 3，在 $x = 2$ 处给出 4，在 $x = 1$ 处给出 3：`x > 1` 不成立，走的是 `y = 3 * x`。
#
# 可是 `g` 在 $x = 1$ 处根本没有导数。左边 $3x$ 在 1 处等于 3，右边 $x^2$ 从 1 开始，图像在这里**断开了**，往下跳了 2；就算不断开，两边的斜率 3 和 2 也不一样，是一个拐角。autograd 并不知道这些：它只对这一次实际执行的分支求导，所以在交界处给出的 3 只说明 $x = 1$ 走了哪个分支，和第 6 节循环次数改变的地方是同一回事。
#
# 要让 autograd 在交界处也给出真正的导数，两个分支必须在 $x = 1$ 处接上（值相等），而且斜率相同。$x^2$ 在 1 处的值是 1，斜率是 2，所以另一个分支可以取它在 1 处的切线 $2x - 1$。上面的检查接受所有满足这两个条件的设计。
#
# </details>

# %% [markdown] en
# <details>
# <summary><b>Model answer</b> (write yours first, then open)</summary>
#
# Autograd gives 3 at $x = 0.5$, 4 at $x = 2$, and 3 at $x = 1$: there `x > 1` is false, so `y = 3 * x` runs.
#
# Yet `g` has no derivative at $x = 1$ at all. On the left, $3x$ equals 3 at 1; on the right, $x^2$ starts from 1: the graph **breaks** there and jumps down by 2. Even without the jump, the slopes on the two sides, 3 and 2, differ: a corner. Autograd knows none of this. It differentiates only the branch this run actually took, so its 3 at the boundary only says which branch $x = 1$ took, just like the places in lesson 6 where the number of loop turns changes.
#
# For autograd to give the true derivative at the boundary as well, the two branches must meet at $x = 1$ (equal values) with the same slope. $x^2$ has the value 1 and the slope 2 at 1, so the other branch can be its tangent there, $2x - 1$. The check above accepts every design that meets both conditions.
#
# </details>

# %% title sin_derivative

# %% exercise sin_derivative

# %% answer sin_derivative

# %% [markdown] zh
# <details>
# <summary><b>参考答案</b>（先自己做，再点开）</summary>
#
# 把 `...` 换成 `y.backward(torch.ones_like(x))`，或者 `y.sum().backward()`。`y` 是有 200 个元素的向量，不能直接调用 `backward()`（第 4 节）；全 1 的权重算的是 $\sum_i \sin x_i$ 的梯度。每个 $y_i$ 只依赖 $x_i$，所以这个梯度的第 $i$ 个元素正好是 $\sin$ 在 $x_i$ 处的导数。
#
# 画出来的 `df/dx` 就是 $\cos x$ 的曲线：在 $\sin x$ 的峰顶和谷底它等于 0，在 $\sin x$ 上升最快的 $x = 0$ 处它等于 1。我们自己一处也没有写 `cos`：这些值来自 `sin` 这个操作在反向传播时用的局部导数。
#
# </details>

# %% [markdown] en
# <details>
# <summary><b>Model answer</b> (do it yourself first, then open)</summary>
#
# Replace `...` with `y.backward(torch.ones_like(x))`, or `y.sum().backward()`. `y` is a vector of 200 elements, so `backward()` cannot be called on it directly (lesson 4); all-ones weights ask for the gradient of $\sum_i \sin x_i$. Each $y_i$ depends only on $x_i$, so element $i$ of that gradient is exactly the derivative of $\sin$ at $x_i$.
#
# The `df/dx` curve you get is $\cos x$: it is 0 at the peaks and troughs of $\sin x$, and 1 at $x = 0$, where $\sin x$ rises fastest. We never wrote `cos` anywhere: these values come from the local derivative the `sin` operation uses in the backward pass.
#
# </details>

# %% [markdown] zh
# 做完了！回头看看自己在前四道题里写下的回答：哪些地方和参考答案想的一样，哪些是动手之后才明白的？

# %% [markdown] en
# All done! Look back at what you wrote for the first four exercises: where did you think as the model answers do, and what became clear only once you had tried it?

# %% [markdown] zh
# ## 本章小结
#
# 教材用一句话总结自动微分：先把梯度“附加”到想要求偏导数的变量上（`requires_grad_(True)`），然后记录目标值的计算，执行它的反向传播函数（`backward()`），再读出得到的梯度（`.grad`）。这九节把这句话拆开来看：
#
# - 记录下来的运算连成**计算图**；只要有一个输入需要梯度，结果就需要梯度（第 1 节）。
# - 反向传播从输出出发，沿着每条路径把**局部导数**连乘，一个变量有几条路径，就把几份梯度加起来；只有叶子把梯度存进 `.grad`。一个输出、很多输入时，反向模式一遍就够（第 2 节）。
# - `.grad` 会**累积**，每次更新参数之后都要清零（第 3 节）。
# - 输出不是标量时，`backward(v)` 求的是向量-雅可比积；一批样本的梯度是各个样本的梯度之和（第 4 节）。
# - `detach()` 把一个值当作常数，`torch.no_grad()` 让一段代码不记录梯度：更新参数、评估模型、冻结参数都靠它们（第 5 节）。
# - 计算图每次运行时重新建出来（动态图），所以 Python 的 `while`、`if` 照常能用，求导只沿着这一次实际走过的路（第 6 节）。
# - 一个操作就是“前向 + 反向”，可以自己写（第 7 节）；`create_graph=True` 让导数本身也成为一张图，可以再求导（第 8 节）。

# %% [markdown] en
# ## Summary of the chapter
#
# The book sums automatic differentiation up in one sentence: attach gradients to the variables with respect to which we want partial derivatives (`requires_grad_(True)`), record the computation of the target value, execute its backward function (`backward()`), and read the resulting gradient (`.grad`). These nine lessons took that sentence apart:
#
# - The recorded operations link up into a **computational graph**; if at least one input requires grad, so does the result (lesson 1).
# - The backward pass starts at the output and multiplies the **local derivatives** along each path; a variable reached by several paths adds up their gradients; only leaves store theirs in `.grad`. With one output and many inputs, reverse mode needs a single pass (lesson 2).
# - `.grad` **accumulates**, so zero it after each update of the parameters (lesson 3).
# - For an output that is not a scalar, `backward(v)` computes a vector–Jacobian product; a batch's gradient is the sum of its examples' gradients (lesson 4).
# - `detach()` turns a value into a constant, and `torch.no_grad()` runs a block without recording gradients: updating parameters, evaluating a model and freezing parameters all rely on them (lesson 5).
# - The graph is built anew on every run (a dynamic graph), so Python's `while` and `if` work as usual, and the derivative follows the path this run actually took (lesson 6).
# - An operation is a forward plus a backward, and you can write your own (lesson 7); `create_graph=True` makes the derivative a graph of its own, which can be differentiated again (lesson 8).
