# %% [markdown] zh
# # 8 · 再反向一次：`retain_graph`、`create_graph` 与二阶导数
#
# 这一节你会：
# - 看到对同一张图第二次调用 `backward()` 时会发生什么；
# - 用 `retain_graph=True` **保留计算图**；
# - 用 `create_graph=True` **构建导数的计算图**，算出**二阶导数**；
# - 画出 $\sin x$ 和 autograd 算出的导数。

# %% [markdown] en
# # 8 · Backward again: `retain_graph`, `create_graph` and second derivatives
#
# In this lesson you will:
# - see what happens when you call `backward()` a second time on the same graph;
# - **keep the graph** with `retain_graph=True`;
# - **build the graph of the derivative** with `create_graph=True` and get a **second derivative**;
# - plot $\sin x$ and the derivative autograd computes for it.

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
# ## 第二次 `backward()`
#
# 取 $y = x^3$，$x = 2$。第一次反向传播得到 $\frac{dy}{dx} = 3x^2 = 12$。紧接着再来一次：

# %% [markdown] en
# ## A second `backward()`
#
# Take $y = x^3$ at $x = 2$. The first backward pass gives $\frac{dy}{dx} = 3x^2 = 12$. Now run it again straight away:

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %% [markdown] zh
# 报错了。为了省内存，反向传播一结束就把图里保存的中间值（这里是 `x` 的值）释放掉了，第二次就没法再算局部导数。
#
# ## `retain_graph=True`
#
# 告诉它先别释放，就能再反向一次。注意第二次的结果是 24：梯度又**累积**了（第 3 节）。

# %% [markdown] en
# An error. To save memory, the backward pass frees the values the graph saved (here the value of `x`) as soon as it finishes, so a second pass has nothing to compute local derivatives from.
#
# ## `retain_graph=True`
#
# Ask it not to free them, and you can go backward again. Note that the second result is 24: the gradient **accumulated** again (lesson 3).

# %%
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)

# %% [markdown] zh
# ## `create_graph=True`：导数也是一张图
#
# 通常反向传播只算数，不记录自己做了什么。加上 `create_graph=True`，反向传播中的每一步运算也会被记下来，于是得到的导数本身也带着 `grad_fn`，可以再求导。
#
# 这里用 `torch.autograd.grad(y, x)`：它直接**返回**梯度，而不是累加进 `x.grad`。

# %% [markdown] en
# ## `create_graph=True`: the derivative is a graph too
#
# Normally the backward pass only computes numbers and records nothing of what it does. With `create_graph=True` every operation of the backward pass is recorded as well, so the derivative it produces has a `grad_fn` of its own and can be differentiated again.
#
# Here we use `torch.autograd.grad(y, x)`: it **returns** the gradient instead of adding it into `x.grad`.

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
# ## $\sin x$ 和它的导数
#
# 在 $[-2\pi, 2\pi]$ 上取 200 个点。`y` 是向量，所以对 `y.sum()` 求导（第 4 节）：因为 $y_i$ 只依赖 $x_i$，得到的正好是每个点上的导数。我们不告诉它 $\sin' = \cos$，全靠 autograd；再用 `create_graph=True` 多求一次，得到二阶导数。

# %% [markdown] en
# ## $\sin x$ and its derivative
#
# Take 200 points on $[-2\pi, 2\pi]$. `y` is a vector, so we differentiate `y.sum()` (lesson 4): since each $y_i$ depends only on $x_i$, this gives exactly the derivative at every point. We never say that $\sin' = \cos$; autograd works it out. One more pass thanks to `create_graph=True` gives the second derivative.

# %%
x = torch.linspace(-2 * torch.pi, 2 * torch.pi, 200, requires_grad=True)
y = torch.sin(x)
dy, = torch.autograd.grad(y.sum(), x, create_graph=True)
d2y, = torch.autograd.grad(dy.sum(), x)

plt.figure(figsize=(8, 3.5))
plt.plot(x.detach(), y.detach(), label="sin(x)")
plt.plot(x.detach(), dy.detach(), label="d sin(x) / dx  (autograd)")
plt.plot(x.detach(), d2y.detach(), "--", label="d² sin(x) / dx²  (autograd)")
plt.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
plt.grid(True, alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown] zh
# 导数曲线就是 $\cos x$，二阶导数是 $-\sin x$。检查一下：

# %% [markdown] en
# The derivative is $\cos x$ and the second derivative is $-\sin x$. Check:

# %%
print(torch.allclose(dy, torch.cos(x), atol=1e-6))
print(torch.allclose(d2y, -torch.sin(x), atol=1e-6))

# %% [markdown] zh
# ## 试一试
#
# 1. 下一格一口气求出了 $y = x^3$ 的一、二、三阶导数（求二阶时也要加 `create_graph=True`，才能再求三阶）。把 `y` 换成 `x ** 4` 或 `torch.exp(x)`，先写出三个导数在 $x = 2$ 处的值，再运行。
# 2. 把上面的 $\sin x$ 换成 `torch.tanh(x)`，画出它和它的导数。

# %% [markdown] en
# ## Try it
#
# 1. The next cell takes the first, second and third derivatives of $y = x^3$ in one go (the second one needs `create_graph=True` too, so that a third is possible). Change `y` to `x ** 4` or `torch.exp(x)`, write down the three derivatives at $x = 2$, then run.
# 2. Replace $\sin x$ above with `torch.tanh(x)` and plot it with its derivative.

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
