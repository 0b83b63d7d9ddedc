# %% [markdown] zh
# # 4 · 非标量变量的反向传播
#
# 这一节你会：
# - 看到对向量直接调用 `backward()` 为什么会报错；
# - 理解 `y.sum().backward()` 和 `y.backward(torch.ones(...))` 为什么一样；
# - 把 `gradient=` 参数看成**每个元素的权重**，认识**向量-雅可比积**；
# - 用两个样本的小批量看清：一批样本的梯度为什么是**各样本梯度之和**；
# - 用 `retain_graph=True` 一行一行地拼出**雅可比矩阵**。

# %% [markdown] en
# # 4 · Backward for non-scalar variables
#
# In this lesson you will:
# - see why calling `backward()` directly on a vector fails;
# - understand why `y.sum().backward()` and `y.backward(torch.ones(...))` agree;
# - read the `gradient=` argument as **a weight for each element**, and meet the **vector–Jacobian product**;
# - see with a minibatch of two examples why the gradient of a batch is **the sum of the examples' gradients**;
# - build a **Jacobian** row by row with `retain_graph=True`.

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
# ## 输出是向量时
#
# `y = x * x` 是逐元素相乘，`y` 和 `x` 一样是 4 个数。直接调用 `y.backward()` 会怎样？

# %% [markdown] en
# ## When the output is a vector
#
# `y = x * x` multiplies element by element, so `y` holds 4 numbers, like `x`. What happens if we call `y.backward()` directly?

# %%
x = torch.arange(4.0, requires_grad=True)
y = x * x
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %% [markdown] zh
# 报错了。原因是：向量 $\mathbf{y}$ 对向量 $\mathbf{x}$ 的导数不是一个向量，而是一个矩阵——**雅可比矩阵**：
#
# $$J = \begin{pmatrix} \frac{\partial y_1}{\partial x_1} & \cdots & \frac{\partial y_1}{\partial x_n} \\ \vdots & \ddots & \vdots \\ \frac{\partial y_m}{\partial x_1} & \cdots & \frac{\partial y_m}{\partial x_n} \end{pmatrix}$$
#
# 而 `.grad` 只能放一个和 `x` 同形状的向量。所以 PyTorch 要我们先说清楚：**想要的是哪个标量的梯度？**

# %% [markdown] en
# It fails. The derivative of a vector $\mathbf{y}$ with respect to a vector $\mathbf{x}$ is not a vector but a matrix, the **Jacobian**:
#
# $$J = \begin{pmatrix} \frac{\partial y_1}{\partial x_1} & \cdots & \frac{\partial y_1}{\partial x_n} \\ \vdots & \ddots & \vdots \\ \frac{\partial y_m}{\partial x_1} & \cdots & \frac{\partial y_m}{\partial x_n} \end{pmatrix}$$
#
# Yet `.grad` has room for just one vector shaped like `x`. So PyTorch asks us to say first: **the gradient of which scalar do we want?**

# %% [markdown] zh
# ## 最常见的回答：求和
#
# 训练时，`y` 往往是一批样本各自的损失，我们要的是它们**总和**（或平均）的梯度，而不是整个矩阵。

# %% [markdown] en
# ## The usual answer: the sum
#
# In training, `y` usually holds one loss per example in a batch, and what we want is the gradient of their **sum** (or mean), not the whole matrix.

# %%
y.sum().backward()
x.grad

# %% [markdown] zh
# 另一种写法是把一个和 `y` 同形状的张量传给 `backward`。传全 1，结果一样：

# %% [markdown] en
# The other way is to hand `backward` a tensor shaped like `y`. All ones gives the same result:

# %%
x.grad.zero_()
y = x * x
y.backward(torch.ones(len(x)))
x.grad

# %% [markdown] zh
# ## `gradient=` 是每个元素的权重
#
# `y.backward(v)` 算的是加权和 $\sum_i v_i\, y_i$ 的梯度，也就是**向量-雅可比积** $\mathbf{v}^\top J$。`v` 全是 1 时就是普通的求和。把权重换成 3：

# %% [markdown] en
# ## `gradient=` weighs each element
#
# `y.backward(v)` computes the gradient of the weighted sum $\sum_i v_i\, y_i$, that is, the **vector–Jacobian product** $\mathbf{v}^\top J$. With all-ones `v` it is the plain sum. Now make the weights 3:

# %%
x.grad.zero_()
y = x * x
y.backward(gradient=torch.tensor([3, 3, 3, 3]))
x.grad

# %% [markdown] zh
# 每个梯度都变成了原来的 3 倍：$3 \times 2x_i = 6x_i$。在播放器里看，反向传播的第一步，权重 `v` 就是从输出出发的那份梯度：

# %% [markdown] en
# Each gradient is three times larger: $3 \times 2x_i = 6x_i$. In the player, the weights `v` are the gradient the backward pass starts from at the output:

# %%
x.grad.zero_()
y = x * x
with torch.trace() as tape:
    y.backward(gradient=torch.tensor([3.0, 3.0, 3.0, 3.0]))
play(tape)

# %% [markdown] zh
# `mean()` 也是一种加权：每个元素的权重都是 $\frac{1}{4}$，所以梯度是 $\frac{1}{4} \times 2x_i = \frac{x_i}{2}$。

# %% [markdown] en
# `mean()` is a weighting too: each element gets weight $\frac{1}{4}$, so the gradient is $\frac{1}{4} \times 2x_i = \frac{x_i}{2}$.

# %%
x.grad.zero_()
y = x * x
y.mean().backward()
x.grad

# %% [markdown] zh
# ## 一批样本：梯度相加
#
# 教材说，对向量调用反向传播时，我们的目的通常“不是计算微分矩阵，而是单独计算批量中每个样本的偏导数之和”。用两个样本把这句话看清楚。
#
# 参数 `w` 有 4 个元素，两个样本共用它；第 $i$ 个样本的损失是 $\ell_i = \sum_j (x_{ij} + w_j)^2$。`X + w` 把 `w` 广播到 `X` 的每一行，也就是每个样本上：

# %% [markdown] en
# ## A batch of examples: gradients add up
#
# The book says that when we call backward on a vector, the goal is usually "not to calculate the differentiation matrix but rather the sum of the partial derivatives computed individually for each example in the batch". Two examples make that sentence concrete.
#
# The parameter `w` has 4 elements and is shared by both examples; example $i$ has the loss $\ell_i = \sum_j (x_{ij} + w_j)^2$. `X + w` broadcasts `w` to every row of `X`, that is, to every example:

# %%
X = torch.tensor([[0.0, 1.0, 2.0, 3.0],
                  [6.0, 7.0, 8.0, 9.0]])
w = torch.zeros(4, requires_grad=True)
losses = ((X + w) ** 2).sum(dim=1)
losses

# %% [markdown] zh
# `losses` 有两个数，每个样本一个。先分别求每个样本的梯度：每次只挑一个样本做反向传播。同一张图要用两次，所以加上 `retain_graph=True`（下面讲雅可比矩阵时细说）：

# %% [markdown] en
# `losses` holds two numbers, one per example. First the gradient of each example on its own: one backward pass per example. The same graph is used twice, hence `retain_graph=True` (more on it with the Jacobian below):

# %%
for i in range(2):
    w.grad = None
    losses[i].backward(retain_graph=True)
    print(i, w.grad)

# %% [markdown] zh
# 每个样本有自己的梯度 $2(\mathbf{x}_i + \mathbf{w})$：`[0, 2, 4, 6]` 和 `[12, 14, 16, 18]`。两行叠在一起，就是 `losses` 对 `w` 的 2×4 雅可比矩阵。
#
# 训练要的却不是这个矩阵，而是整批损失 $\ell_1 + \ell_2$ 的梯度。求导对加法是线性的，所以它等于两个样本梯度之和 `[12, 16, 20, 24]`。而且一次反向传播就能直接得到它，用不着先把每个样本的梯度算出来：

# %% [markdown] en
# Each example has its own gradient $2(\mathbf{x}_i + \mathbf{w})$: `[0, 2, 4, 6]` and `[12, 14, 16, 18]`. Stacked, the two rows are the 2×4 Jacobian of `losses` with respect to `w`.
#
# Training does not want that matrix, though. It wants the gradient of the batch's loss $\ell_1 + \ell_2$, and since differentiation is linear, that is the sum of the two examples' gradients, `[12, 16, 20, 24]`. One backward pass gives it directly, without computing each example's gradient first:

# %%
w.grad = None
losses.backward(torch.ones(2))
w.grad

# %% [markdown] zh
# `torch.ones(2)` 表示每个样本的权重都是 1，和 `losses.sum().backward()` 一样；换成 `losses.mean()` 就是取平均，梯度是 `[6, 8, 10, 12]`。相加发生在图上的 `X + w` 这一步：`w` 被广播到两行，反向传播时两行传回来的梯度在 `w` 处相加，就像第 3 节里 `x * x` 两条边的梯度相加一样。

# %% [markdown] en
# `torch.ones(2)` gives each example the weight 1, the same as `losses.sum().backward()`; `losses.mean()` would average instead, giving `[6, 8, 10, 12]`. In the graph the adding happens at `X + w`: `w` was broadcast to both rows, and on the way back the gradients of the two rows add up at `w`, just as the two edges of `x * x` did in lesson 3.

# %% [markdown] zh
# ## 一行一行拼出雅可比矩阵
#
# 如果真的要整个雅可比矩阵呢？权重只挑一个输出 $y_i$ 时，得到的正好是矩阵的第 $i$ 行。对每个 $y_i$ 各做一次反向传播，就能一行一行拼出来：正如第 2 节所说，反向模式每个输出走一遍。
#
# 下面的函数有两个输入 $\mathbf{u}, \mathbf{v}$，两个输出：
#
# $$y_1 = u_1^2 + u_2 v_1, \qquad y_2 = u_2 v_2 + v_1 v_2^2$$

# %% [markdown] en
# ## The Jacobian, row by row
#
# What if we do want the whole Jacobian? A weighting that picks a single output $y_i$ gives exactly row $i$ of the matrix. One backward pass per $y_i$ builds it row by row: as lesson 2 said, reverse mode takes one pass per output.
#
# The function below has two inputs $\mathbf{u}, \mathbf{v}$ and two outputs:
#
# $$y_1 = u_1^2 + u_2 v_1, \qquad y_2 = u_2 v_2 + v_1 v_2^2$$

# %%
def f(u, v):
    y = torch.zeros(2)
    y[0] = u[0]**2 + u[1]*v[0]
    y[1] = u[1]*v[1] + v[0]*v[1]**2
    return y

u = torch.tensor([1.0, 2.0], requires_grad=True)
v = torch.tensor([3.0, 4.0], requires_grad=True)
y = f(u, v)
show(y)

# %% [markdown] zh
# 图里的 `y` 不止一个版本。`torch.zeros(2)` 先造出常数 `[0, 0]`（灰色）。`y[0] = …` 和 `y[1] = …` 是**就地操作**，每次只改 `y` 的一个元素，图上画成 `[…]=` 节点：输入是原来的 `y` 和要写进去的值，输出是改过以后的 `y`。所以顺着箭头能看到 `y` 的三个版本：`[0, 0]`、第一次写入后的 `[7, 0]`、第二次写入后的 `[7, 56]`（也就是输出）。
#
# 没有名字的中间结果，图上写出它的算式，比如 `u[1] × v[0]`；算式太长时，就用运算加序号作简称：`add₁` 是第一个得到简称的加法结果（这里是 $y_1$ 的值 7），`add₂`、`mul₁` 依此类推。
#
# `torch.zeros(2)` 本来不需要梯度，写进一个需要梯度的值之后，`y` 就需要梯度了（第 1 节的规则）。反向传播时，每个元素的梯度沿着写入它的那条边传回去；被覆盖掉的 0 是常数，拿不到梯度。PyTorch 把这种写入记作 `CopySlices` 节点，切换到 autograd 视图就能看到。

# %% [markdown] en
# The graph has more than one version of `y`. `torch.zeros(2)` first makes the constant `[0, 0]` (grey). `y[0] = …` and `y[1] = …` are **in-place operations** that each change one element of `y`; the picture draws each as a `[…]=` node whose inputs are the old `y` and the value written, and whose output is the changed `y`. So, following the arrows, you see three versions of `y`: `[0, 0]`, `[7, 0]` after the first write, and `[7, 56]` after the second, which is the output.
#
# An intermediate result without a name is labelled with its expression, such as `u[1] × v[0]`; when the expression would be too long, it gets a short name from its operation and a number instead: `add₁` is the first sum to get a short name (here the value 7 of $y_1$), and so on for `add₂` and `mul₁`.
#
# `torch.zeros(2)` did not require grad, but once a value that requires grad is written into it, `y` does (lesson 1's rule). On the way back, each element's gradient follows the edge of the write that put it there; the overwritten zeros are constants and get nothing. PyTorch records such a write as a `CopySlices` node, which you can see in the autograd view.

# %% [markdown] zh
# 两个输出共用同一张图，而反向传播默认会在结束后释放图里保存的中间值。第一行算完还要算第二行，所以要加上 `retain_graph=True`（**保留计算图**）。每行算完记得清零，否则下一行会累加上来。

# %% [markdown] en
# Both outputs share one graph, and by default the backward pass frees the values saved in the graph when it is done. We still need the graph for the second row, so we pass `retain_graph=True` (**keep the graph**). Zero the gradients after each row, or the next row would accumulate on top.

# %%
jacobian = torch.zeros(2, 4)
for i in range(2):
    y[i].backward(retain_graph=True)
    jacobian[i, :2] = u.grad
    jacobian[i, 2:] = v.grad
    u.grad.zero_()
    v.grad.zero_()

print("Jacobian matrix:")
print(jacobian)

# %% [markdown] zh
# 对照一下手算的结果：
#
# $$J = \begin{pmatrix} 2u_1 & v_1 & u_2 & 0 \\ 0 & v_2 & v_2^2 & u_2 + 2 v_1 v_2 \end{pmatrix} = \begin{pmatrix} 2 & 3 & 2 & 0 \\ 0 & 4 & 16 & 26 \end{pmatrix}$$
#
# `torch.autograd.functional.jacobian` 一次给出整个矩阵（按输入 `u`、`v` 分成两块），拼起来应该一模一样：

# %% [markdown] en
# Check against the result by hand:
#
# $$J = \begin{pmatrix} 2u_1 & v_1 & u_2 & 0 \\ 0 & v_2 & v_2^2 & u_2 + 2 v_1 v_2 \end{pmatrix} = \begin{pmatrix} 2 & 3 & 2 & 0 \\ 0 & 4 & 16 & 26 \end{pmatrix}$$
#
# `torch.autograd.functional.jacobian` gives the whole matrix at once (in two blocks, one per input `u`, `v`); side by side they should match exactly:

# %%
J_u, J_v = torch.autograd.functional.jacobian(f, (u, v))
print(torch.cat([J_u, J_v], dim=1))
torch.equal(torch.cat([J_u, J_v], dim=1), jacobian)

# %% [markdown] zh
# ## 试一试
#
# 下一格只做**一次**反向传播，就取出了雅可比矩阵的第一行。
#
# 1. 改一改 `gradient=`，让同一格给出第二行。先想好该传什么，再运行。
# 2. 传 `torch.tensor([1.0, 1.0])` 得到的又是什么？和两行相加比一比。

# %% [markdown] en
# ## Try it
#
# The next cell gets the first row of the Jacobian with a **single** backward pass.
#
# 1. Change `gradient=` so that the same cell gives the second row. Decide what to pass before you run it.
# 2. What does `torch.tensor([1.0, 1.0])` give? Compare it with the sum of the two rows.

# %%
y = f(u, v)
y.backward(gradient=torch.tensor([1.0, 0.0]))
print(u.grad, v.grad)
u.grad = None
v.grad = None

# %% [markdown] zh
# ## 小练习

# %% [markdown] en
# ## Exercise

# %% exercise jacobian

# %% answer jacobian
