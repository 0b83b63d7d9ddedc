# %% [markdown] zh
# # 2 · 反向传播与链式法则
#
# 这一节你会：
# - 在上一节那张图上走一遍**反向传播**，看清每个操作节点贡献的**局部导数**；
# - 明白**链式法则**怎样把局部导数连乘起来；
# - 回到教材的例子 `y = 2 * torch.dot(x, x)`，弄懂为什么 `x.grad == 4 * x`。

# %% [markdown] en
# # 2 · The backward pass and the chain rule
#
# In this lesson you will:
# - walk the **backward pass** over last lesson's graph and see the **local derivative** each operation node contributes;
# - see how the **chain rule** multiplies local derivatives together;
# - come back to the book's example `y = 2 * torch.dot(x, x)` and understand why `x.grad == 4 * x`.

# %%
%load_ext minigrad
import minigrad as torch
from minigrad.lab import show, play
from minigrad.exercises import check

# %% zh
torch.lab.set_language("zh")

# %% en
torch.lab.set_language("en")

# %% [markdown] zh
# ## 还是 $z = (x + y) \times w$
#
# 先把上一节的图重新建出来。

# %% [markdown] en
# ## Still $z = (x + y) \times w$
#
# First we build last lesson's graph again.

# %%
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
a = x + y
z = a * w
show(z)

# %% [markdown] zh
# ## 每个操作只管自己的局部导数
#
# 每个操作节点只需要知道：自己的输出对自己的每个输入变化有多敏感。这就是**局部导数**。
#
# | 操作 | 局部导数 |
# |---|---|
# | $z = a \times w$ | $\dfrac{\partial z}{\partial a} = w = 4,\quad \dfrac{\partial z}{\partial w} = a = 5$ |
# | $a = x + y$ | $\dfrac{\partial a}{\partial x} = 1,\quad \dfrac{\partial a}{\partial y} = 1$ |
#
# **链式法则**把一条路径上的局部导数乘起来：
#
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial a}\cdot\frac{\partial a}{\partial x} = 4 \times 1 = 4$$

# %% [markdown] en
# ## Each operation knows only its local derivative
#
# An operation node only needs to know how sensitive its output is to each of its inputs. That is its **local derivative**.
#
# | operation | local derivatives |
# |---|---|
# | $z = a \times w$ | $\dfrac{\partial z}{\partial a} = w = 4,\quad \dfrac{\partial z}{\partial w} = a = 5$ |
# | $a = x + y$ | $\dfrac{\partial a}{\partial x} = 1,\quad \dfrac{\partial a}{\partial y} = 1$ |
#
# The **chain rule** multiplies the local derivatives along a path:
#
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial a}\cdot\frac{\partial a}{\partial x} = 4 \times 1 = 4$$

# %% [markdown] zh
# ## 一步一步看反向传播
#
# 反向传播从输出出发，先令 $\frac{\partial z}{\partial z} = 1$，然后逆着箭头走：每到一个操作节点，就把传进来的梯度乘上它的局部导数，再分给它的输入。走到叶子时，结果存进 `.grad`。

# %% [markdown] en
# ## The backward pass, step by step
#
# The backward pass starts at the output with $\frac{\partial z}{\partial z} = 1$ and walks against the arrows. At each operation node it multiplies the incoming gradient by the local derivative and hands the result to the node's inputs. When it reaches a leaf, the result is stored in `.grad`.

# %%
with torch.trace() as tape:
    z.backward()
play(tape)

# %%
print("dz/dx:", x.grad.item())
print("dz/dy:", y.grad.item())
print("dz/dw:", w.grad.item())

# %% [markdown] zh
# 现在图上每个叶子都带着自己的梯度：

# %% [markdown] en
# Now every leaf in the graph carries its gradient:

# %%
show(z)

# %% [markdown] zh
# ## 教材的例子：$y = 2\mathbf{x}^\top\mathbf{x}$
#
# 现在 `x` 是一个有 4 个元素的向量。先创建它，并告诉 minigrad 以后要对它求梯度。梯度还没算，所以 `x.grad` 是 `None`。

# %% [markdown] en
# ## The book's example: $y = 2\mathbf{x}^\top\mathbf{x}$
#
# Now `x` is a vector of 4 elements. We create it and tell minigrad we will want its gradient. Nothing has been computed yet, so `x.grad` is `None`.

# %%
x = torch.arange(4.0)
x.requires_grad_(True)
print(x)
print(x.grad)

# %%
y = 2 * torch.dot(x, x)
y

# %% [markdown] zh
# `y` 是一个**标量**，所以可以直接调用 `y.backward()`。注意：一个标量对向量 $\mathbf{x}$ 的梯度是一个向量，形状和 $\mathbf{x}$ 一样。

# %% [markdown] en
# `y` is a **scalar**, so we may call `y.backward()` directly. Note that the gradient of a scalar with respect to a vector $\mathbf{x}$ is a vector with the same shape as $\mathbf{x}$.

# %%
y.backward()
x.grad

# %%
x.grad == 4 * x

# %% [markdown] zh
# ## 为什么是 $4\mathbf{x}$？
#
# 把式子展开：$y = 2(x_1^2 + x_2^2 + x_3^2 + x_4^2)$，所以 $\dfrac{\partial y}{\partial x_i} = 4x_i$。
#
# 从图上看也一样：乘以 2 这一步的局部导数是 $2$，所以点积 $s = \mathbf{x}^\top\mathbf{x}$ 收到的梯度是 2。点积的两个输入都是 `x`，沿每条边的局部导数都是 $\mathbf{x}$，按链式法则每条边各带回 $2\mathbf{x}$；两份梯度在 `x` 处相加：$2\mathbf{x} + 2\mathbf{x} = 4\mathbf{x}$。在播放器里看这两条边的梯度怎样汇合：

# %% [markdown] en
# ## Why $4\mathbf{x}$?
#
# Expand it: $y = 2(x_1^2 + x_2^2 + x_3^2 + x_4^2)$, so $\dfrac{\partial y}{\partial x_i} = 4x_i$.
#
# The graph says the same. The step "times 2" has local derivative $2$, so the dot product $s = \mathbf{x}^\top\mathbf{x}$ receives the gradient 2. Both of its inputs are `x`, and the local derivative along each edge is $\mathbf{x}$, so by the chain rule each edge carries $2\mathbf{x}$ back; at `x` the two add up: $2\mathbf{x} + 2\mathbf{x} = 4\mathbf{x}$. Watch the two edges' gradients meet in the player:

# %%
x = torch.arange(4.0, requires_grad=True)
with torch.trace() as tape:
    y = 2 * torch.dot(x, x)
    y.backward()
play(tape)

# %% [markdown] zh
# ## 试一试
#
# 把下面的 `y` 换成别的函数，先用笔算出梯度，再运行验证。例如：
# - `y = 3 * torch.dot(x, x)`：梯度是多少？
# - `y = torch.dot(x, x) + x.sum()`：每个元素的梯度是 $2x_i + 1$ 吗？

# %% [markdown] en
# ## Try it
#
# Replace `y` below with another function, work out the gradient on paper, then run to check. For example:
# - `y = 3 * torch.dot(x, x)`: what is the gradient?
# - `y = torch.dot(x, x) + x.sum()`: is each element's gradient $2x_i + 1$?

# %%
x = torch.arange(4.0, requires_grad=True)
y = torch.dot(x, x) + x.sum()
y.backward()
x.grad

# %% [markdown] zh
# ## 小练习

# %% [markdown] en
# ## Exercise

# %% exercise chain_rule

# %% answer chain_rule
