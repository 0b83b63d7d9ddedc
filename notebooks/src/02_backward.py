# %% [markdown] zh
# # 2 · 反向传播与链式法则
#
# 这一节你会：
# - 在上一节那张图上走一遍**反向传播**，看清每个操作节点贡献的**局部导数**；
# - 明白**链式法则**怎样把局部导数连乘起来；
# - 知道为什么只有叶子才有 `.grad`，以及为什么要从输出**往回**算：一个输出、很多输入时，反向传播一遍就够；
# - 回到教材的例子 `y = 2 * torch.dot(x, x)`，弄懂为什么 `x.grad == 4 * x`。

# %% [markdown] en
# # 2 · The backward pass and the chain rule
#
# In this lesson you will:
# - walk the **backward pass** over last lesson's graph and see the **local derivative** each operation node contributes;
# - see how the **chain rule** multiplies local derivatives together;
# - learn why only leaves have a `.grad`, and why we compute **backwards** from the output: with one output and many inputs, one backward pass is enough;
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
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial a}\times\frac{\partial a}{\partial x} = 4 \times 1 = 4$$

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
# $$\frac{\partial z}{\partial x} = \frac{\partial z}{\partial a}\times\frac{\partial a}{\partial x} = 4 \times 1 = 4$$

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
# ## 中间结果没有 `.grad`
#
# 反向传播经过了 `a`：传到 `a` 的梯度是 $\frac{\partial z}{\partial a} = w = 4$。但梯度只是从这里路过，PyTorch 只把梯度存进叶子的 `.grad`，中间结果的 `.grad` 仍是 `None`（在上面的播放器里点一下 `a`，图下方也是这么说的：传到 `a` 的梯度是 ∂z/∂a = 4，`a` 不是叶子）。读它的时候还会看到一条警告（PyTorch 也这样），提醒你 `a` 不是叶子：

# %% [markdown] en
# ## Intermediate results have no `.grad`
#
# The backward pass went through `a`: the gradient reaching `a` is $\frac{\partial z}{\partial a} = w = 4$. But it only passes through. PyTorch stores gradients in the `.grad` of leaves only, so an intermediate result's `.grad` stays `None` (click `a` in the player above, and the panel under the graph says the same: the gradient reaching `a` is ∂z/∂a = 4, and `a` is not a leaf). Reading it also prints a warning (as in PyTorch) reminding you that `a` is not a leaf:

# %%
print(a.is_leaf, a.grad)

# %% [markdown] zh
# 想留下它，就在反向传播**之前**调用 `a.retain_grad()`。下一格把图重新建一遍，这次留住 `a` 的梯度：

# %% [markdown] en
# To keep it, call `a.retain_grad()` **before** the backward pass. The next cell builds the graph again, this time keeping the gradient of `a`:

# %%
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
a = x + y
a.retain_grad()
z = a * w
z.backward()
print(a.grad, x.grad)

# %% [markdown] zh
# ## 为什么要从输出往回走？
#
# 一次反向传播，$\frac{\partial z}{\partial x}$、$\frac{\partial z}{\partial y}$、$\frac{\partial z}{\partial w}$ 三个偏导数全都有了。其实链式法则也可以从输入往输出用，这叫**前向模式**：先选定一个输入，比如 $x$，让每个中间值都带着“它对 $x$ 的导数”一起往前算：$a$ 带着 $\frac{\partial a}{\partial x}$，$z$ 带着 $\frac{\partial z}{\partial x}$。下面的函数就这样手算一遍，`dx`、`dy`、`dw` 表示这一遍选的是哪个输入：

# %% [markdown] en
# ## Why walk back from the output?
#
# One backward pass gave all three partial derivatives $\frac{\partial z}{\partial x}$, $\frac{\partial z}{\partial y}$, $\frac{\partial z}{\partial w}$. The chain rule can also be applied from the inputs towards the output; that is **forward mode**. Pick one input, say $x$, and let every intermediate value carry its derivative with respect to $x$ along with it: $a$ travels with $\frac{\partial a}{\partial x}$, $z$ with $\frac{\partial z}{\partial x}$. The function below does that by hand; `dx`, `dy`, `dw` say which input this pass follows:

# %%
def forward_mode(x, y, w, dx, dy, dw):
    a, da = x + y, dx + dy
    z, dz = a * w, da * w + a * dw
    return dz

print("dz/dx:", forward_mode(2.0, 3.0, 4.0, dx=1, dy=0, dw=0))
print("dz/dy:", forward_mode(2.0, 3.0, 4.0, dx=0, dy=1, dw=0))
print("dz/dw:", forward_mode(2.0, 3.0, 4.0, dx=0, dy=0, dw=1))

# %% [markdown] zh
# 结果一样，但前向模式**每个输入要走一遍**：三个输入，三遍。反向模式（也就是反向传播）从**一个输出**出发，一遍就得到它对**所有输入**的导数。
#
# 训练神经网络正是这种情形：损失只有一个数，参数却有成千上万，甚至上亿个。前向模式有多少个参数就要走多少遍，反向传播只要一遍；代价是前向时要把中间值存下来，留给反向时用（第 1 节 autograd 视图里用橙色虚线连着的张量）。反过来，如果只有一个输入、却有很多输出，前向模式更划算。第 4 节一行一行地求雅可比矩阵时，你会看到反向传播是每个输出走一遍。

# %% [markdown] en
# Same numbers, but forward mode needs **one pass per input**: three inputs, three passes. Reverse mode, the backward pass, starts from **one output** and gets its derivatives with respect to **every input** in a single pass.
#
# That is exactly the situation in training: the loss is one number, while the parameters number thousands, or billions. Forward mode would need one pass per parameter; backpropagation needs one. The price is keeping intermediate values from the forward pass for the way back (the tensors linked by dotted orange lines in lesson 1's autograd view). With one input and many outputs it is the other way round, and forward mode wins. In lesson 4, building a Jacobian row by row, you will see reverse mode take one pass per output.

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
# 从图上看也一样：乘以 2 这一步的局部导数是 $2$，所以传到点积 $\mathbf{x}^\top\mathbf{x}$（图上写作 `x · x`）的梯度是 2。点积的两个输入都是 `x`，沿每条边的局部导数都是另一个因子，也就是 $\mathbf{x}$；按链式法则，每条边各带回 $2 \times \mathbf{x} = 2\mathbf{x}$，两份梯度在 `x` 处相加：$2\mathbf{x} + 2\mathbf{x} = 4\mathbf{x}$。在播放器里看这两条边的梯度怎样汇合：

# %% [markdown] en
# ## Why $4\mathbf{x}$?
#
# Expand it: $y = 2(x_1^2 + x_2^2 + x_3^2 + x_4^2)$, so $\dfrac{\partial y}{\partial x_i} = 4x_i$.
#
# The graph says the same. The step "times 2" has local derivative $2$, so the gradient reaching the dot product $\mathbf{x}^\top\mathbf{x}$ (drawn as `x · x`) is 2. Both of its inputs are `x`, and the local derivative along each edge is the other factor, that is $\mathbf{x}$; by the chain rule each edge carries $2 \times \mathbf{x} = 2\mathbf{x}$ back, and at `x` the two add up: $2\mathbf{x} + 2\mathbf{x} = 4\mathbf{x}$. Watch the two edges' gradients meet in the player:

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
