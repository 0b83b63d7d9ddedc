# %% [markdown] zh
# # 8 · 二阶导数：`create_graph`
#
# 这一节你会：
# - 用 `torch.autograd.grad` 直接**拿到**梯度，而不是累加进 `.grad`；
# - 用 `create_graph=True` **构建导数的计算图**，算出**二阶导数**；
# - 画出 $\tanh x$ 和 autograd 算出的一阶、二阶导数。
#
# 还有两个问题留给你在第 9 节（本章练习）里回答：对同一张图连续调用两次 `backward()` 会怎样？为什么求二阶导数比一阶导数开销更大？

# %% [markdown] en
# # 8 · Second derivatives: `create_graph`
#
# In this lesson you will:
# - **get** a gradient back with `torch.autograd.grad`, instead of having it added into `.grad`;
# - **build the graph of the derivative** with `create_graph=True` and get a **second derivative**;
# - plot $\tanh x$ with its first and second derivatives, as autograd computes them.
#
# Two questions are left for you to answer in lesson 9, the chapter's exercises: what happens when you call `backward()` twice in a row on the same graph, and why does a second derivative cost more than a first?

# %%
%load_ext minigrad
import matplotlib.pyplot as plt
import minigrad as torch
from minigrad.lab import show, play
from minigrad.exercises import check

# %% zh
torch.lab.set_language("zh")

# %% en
torch.lab.set_language("en")

# %% [markdown] zh
# ## `torch.autograd.grad`：把梯度交回来
#
# 取 $y = x^3$，$x = 2$，导数是 $\frac{dy}{dx} = 3x^2 = 12$。到目前为止我们都用 `y.backward()`，它把梯度累加进叶子的 `.grad`。`torch.autograd.grad(y, x)` 算的是同一个东西，但把梯度作为结果**返回**，一个输入一个，装在元组里；`x.grad` 保持不变：

# %% [markdown] en
# ## `torch.autograd.grad`: the gradient handed back
#
# Take $y = x^3$ at $x = 2$; the derivative is $\frac{dy}{dx} = 3x^2 = 12$. So far we have used `y.backward()`, which adds the gradient into the leaves' `.grad`. `torch.autograd.grad(y, x)` computes the same thing but **returns** the gradient, one per input, in a tuple; `x.grad` is left alone:

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
grads = torch.autograd.grad(y, x)
print(grads)
print(x.grad)

# %% [markdown] zh
# 元组里只有一个梯度时，常写成 `dy_dx, = torch.autograd.grad(y, x)`：变量名后面的逗号把元组里唯一的元素取出来。
#
# ## `create_graph=True`：导数也是一张图
#
# 通常反向传播只算数，不记录自己做了什么，得到的梯度没有 `grad_fn`。加上 `create_graph=True`，反向传播中的每一步运算也会被记下来，于是得到的导数本身也带着 `grad_fn`，可以再求导。

# %% [markdown] en
# With a single gradient in the tuple we usually write `dy_dx, = torch.autograd.grad(y, x)`: the comma after the name takes the tuple's only element out.
#
# ## `create_graph=True`: the derivative is a graph too
#
# Normally the backward pass only computes numbers and records nothing of what it does, so the gradient it produces has no `grad_fn`. With `create_graph=True` every operation of the backward pass is recorded as well, so the derivative has a `grad_fn` of its own and can be differentiated again.

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
dy_dx

# %% [markdown] zh
# 把 $y$ 的图和 $\frac{dy}{dx}$ 的图放在一起看：导数 $3x^2$ 本身也是一串运算，是反向传播时记录下来的。

# %% [markdown] en
# Look at the graph of $y$ next to the graph of $\frac{dy}{dx}$: the derivative $3x^2$ is a computation of its own, recorded during the backward pass.

# %%
show(y, dy_dx)

# %% [markdown] zh
# 对导数再求导，就是**二阶导数**：$\frac{d^2y}{dx^2} = 6x = 12$。这一次反向传播走的是 $\frac{dy}{dx}$ 的图，在播放器里一步一步看：

# %% [markdown] en
# Differentiate the derivative and you have the **second derivative**: $\frac{d^2y}{dx^2} = 6x = 12$. This backward pass walks the graph of $\frac{dy}{dx}$; step through it in the player:

# %%
with torch.trace() as tape:
    d2y_dx2, = torch.autograd.grad(dy_dx, x)
play(tape)

# %%
d2y_dx2

# %% [markdown] zh
# ## $\tanh x$ 和它的导数
#
# 在 $[-4, 4]$ 上取 200 个点。`y` 是向量，所以对 `y.sum()` 求导（第 4 节）：因为 $y_i$ 只依赖 $x_i$，得到的正好是每个点上的导数。我们不告诉它导数的公式，全靠 autograd；第一次加上 `create_graph=True`，就能再求一次，得到二阶导数。

# %% [markdown] en
# ## $\tanh x$ and its derivatives
#
# Take 200 points on $[-4, 4]$. `y` is a vector, so we differentiate `y.sum()` (lesson 4): since each $y_i$ depends only on $x_i$, this gives exactly the derivative at every point. We never give autograd a formula for the derivative; it works it out. With `create_graph=True` on the first pass, a second pass gives the second derivative.

# %%
x = torch.linspace(-4, 4, 200, requires_grad=True)
y = torch.tanh(x)
dy, = torch.autograd.grad(y.sum(), x, create_graph=True)
d2y, = torch.autograd.grad(dy.sum(), x)

plt.figure(figsize=(8, 3.5))
plt.plot(x.detach(), y.detach(), label="tanh(x)")
plt.plot(x.detach(), dy.detach(), label="d tanh(x) / dx  (autograd)")
plt.plot(x.detach(), d2y.detach(), "--", label="d² tanh(x) / dx²  (autograd)")
plt.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
plt.grid(True, alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown] zh
# 教科书上的公式是 $\tanh'(x) = 1 - \tanh^2 x$，$\tanh''(x) = -2\tanh x\,(1 - \tanh^2 x)$。和 autograd 的结果对一对：

# %% [markdown] en
# The textbook formulas are $\tanh'(x) = 1 - \tanh^2 x$ and $\tanh''(x) = -2\tanh x\,(1 - \tanh^2 x)$. Compare them with autograd's results:

# %%
t = torch.tanh(x).detach()
print(torch.allclose(dy, 1 - t ** 2, atol=1e-6))
print(torch.allclose(d2y, -2 * t * (1 - t ** 2), atol=1e-6))

# %% [markdown] zh
# ## 试一试
#
# 1. 下一格一口气求出了 $y = x^3$ 的一、二、三阶导数（求二阶时也要加 `create_graph=True`，才能再求三阶）。把 `y` 换成 `x ** 4` 或 `torch.exp(x)`，先写出三个导数在 $x = 2$ 处的值，再运行。
# 2. 把上面的 $\tanh x$ 换成 `torch.sigmoid(x)`，画出它和它的两个导数。一阶导数的最大值在哪里，是多少？

# %% [markdown] en
# ## Try it
#
# 1. The next cell takes the first, second and third derivatives of $y = x^3$ in one go (the second one needs `create_graph=True` too, so that a third is possible). Change `y` to `x ** 4` or `torch.exp(x)`, write down the three derivatives at $x = 2$, then run.
# 2. Replace $\tanh x$ above with `torch.sigmoid(x)` and plot it with its two derivatives. Where is the first derivative largest, and what is its largest value?

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
d2y_dx2, = torch.autograd.grad(dy_dx, x, create_graph=True)
d3y_dx3, = torch.autograd.grad(d2y_dx2, x)
print(dy_dx.item(), d2y_dx2.item(), d3y_dx3.item())

# %% [markdown] zh
# ## 小练习

# %% [markdown] en
# ## Exercise

# %% exercise second_derivative

# %% answer second_derivative
