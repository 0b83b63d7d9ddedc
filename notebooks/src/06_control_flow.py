# %% [markdown] zh
# # 6 · Python 控制流的梯度计算
#
# 这一节你会：
# - 对一个含有 `while` 循环和 `if` 分支的函数求梯度；
# - 看到两个不同的输入会建出**两张不同的计算图**；
# - 明白为什么 `a.grad == d / a`，以及"**动态计算图**"是什么意思。

# %% [markdown] en
# # 6 · Gradients through Python control flow
#
# In this lesson you will:
# - take the gradient of a function with a `while` loop and an `if` branch;
# - see two different inputs build **two different computational graphs**;
# - understand why `a.grad == d / a`, and what a **dynamic computational graph** is.

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
# ## 一个有循环、有分支的函数
#
# `f(a)` 先把 `a` 乘以 2，然后不断翻倍，直到 `b` 的范数不小于 1000；最后看 `b` 的和是正是负，决定要不要再乘以 100。循环转几圈、走哪个分支，都**取决于 `a` 的值**。

# %% [markdown] en
# ## A function with a loop and a branch
#
# `f(a)` multiplies `a` by 2, keeps doubling until the norm of `b` reaches 1000, and finally, depending on the sign of the sum of `b`, multiplies by 100 or not. How many times the loop runs and which branch is taken both **depend on the value of `a`**.

# %%
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

# %% [markdown] zh
# `a` 是随机数。先固定随机种子 `torch.manual_seed(8)`，这样每次运行都得到同一个 `a`，方便大家对照。

# %% [markdown] en
# `a` is random. We fix the seed with `torch.manual_seed(8)` so that every run gets the same `a` and everyone can compare.

# %%
torch.manual_seed(8)
a = torch.randn(size=(), requires_grad=True)
d = f(a)
d.backward()
print(a, d)
a.grad

# %% [markdown] zh
# 标量的范数就是它的绝对值，所以 `b.norm() < 1000` 比较的是 $|b|$：

# %% [markdown] en
# The norm of a scalar is its absolute value, so `b.norm() < 1000` compares $|b|$:

# %%
t = torch.tensor(-5.0)
t, t.norm()

# %% [markdown] zh
# ## 两个输入，两张图
#
# 再抽一个随机数 `a2`，它是负的，而且离 0 更远。同一个 `f`，它建出的图和 `a` 的并不一样：循环少转了几圈，还走了 `else` 分支，多出一个"乘以 100"。

# %% [markdown] en
# ## Two inputs, two graphs
#
# Draw another random number, `a2`: it is negative and further from 0. The same `f` builds a different graph for it: the loop runs fewer times, and the `else` branch adds a "times 100".

# %%
a2 = torch.randn(size=(), requires_grad=True)
d2 = f(a2)
d2.backward()
print(a2, d2)
show(d, d2)

# %% [markdown] zh
# 这就是**动态计算图**：图不是事先画好的，而是每次运行时由实际执行的代码当场建出来。`while` 和 `if` 只是普通的 Python，它们决定了哪些运算会发生，而图里只记录真正发生了的运算。没走的分支，不会出现在图里，也不参与求导。

# %% [markdown] en
# This is a **dynamic computational graph**: it is not drawn in advance but built on the spot, each run, by the code that actually executes. `while` and `if` are plain Python; they decide which operations happen, and the graph records only the operations that did happen. A branch not taken is not in the graph and plays no part in the derivative.

# %% [markdown] zh
# ## 为什么 `a.grad == d / a`？
#
# 不管循环转几圈、走哪个分支，`f` 对 `a` 做的只是乘以一串常数：
#
# $$d = f(a) = k \cdot a, \qquad k = 2^{n} \ \text{或} \ 100 \cdot 2^{n}$$
#
# 对于给定的 `a`，$k$ 是一个固定的数，所以 $\dfrac{\partial d}{\partial a} = k = \dfrac{d}{a}$。

# %% [markdown] en
# ## Why `a.grad == d / a`?
#
# However many times the loop runs and whichever branch is taken, all `f` does to `a` is multiply it by a string of constants:
#
# $$d = f(a) = k \cdot a, \qquad k = 2^{n} \ \text{or} \ 100 \cdot 2^{n}$$
#
# For a given `a`, $k$ is a fixed number, so $\dfrac{\partial d}{\partial a} = k = \dfrac{d}{a}$.

# %%
print(a.grad == d / a, a.grad)
print(a2.grad == d2 / a2, a2.grad)

# %% [markdown] zh
# 在播放器里把 `a2` 的整个过程走一遍：前向时数一数乘以 2 的次数，反向时看每一步的局部导数都是常数。

# %% [markdown] en
# Step through the whole story of `a2` in the player: count the doublings on the way forward, and see that every local derivative on the way back is a constant.

# %%
a2.grad = None
with torch.trace() as tape:
    d2 = f(a2)
    d2.backward()
play(tape)

# %% [markdown] zh
# ## 试一试
#
# 1. 把 `a` 换成一个很小的数，比如 `torch.tensor(0.001, requires_grad=True)`：循环要转多少圈？先猜 `a.grad`，再运行。
# 2. 换成 `torch.tensor(-600.0, requires_grad=True)` 呢？这次循环还会转吗？

# %% [markdown] en
# ## Try it
#
# 1. Make `a` tiny, for example `torch.tensor(0.001, requires_grad=True)`. How many times does the loop run? Guess `a.grad`, then run.
# 2. And `torch.tensor(-600.0, requires_grad=True)`? Does the loop run at all this time?

# %%
a = torch.tensor(0.001, requires_grad=True)
d = f(a)
d.backward()
print(a.grad, d / a)
show(d)

# %% [markdown] zh
# ## 小练习

# %% [markdown] en
# ## Exercise

# %% exercise control_flow

# %% answer control_flow
