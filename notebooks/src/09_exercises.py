# %% [markdown] zh
# # 9 · 本章练习
#
# 教材 2.5 节末尾的五道练习。每道题先给你一块"草稿"代码，可以随便改着试；想好以后把答案填进 `check(...)`，运行就能看到反馈。反馈只给提示，不直接给答案。

# %% [markdown] en
# # 9 · The chapter's exercises
#
# The five exercises at the end of section 2.5 of the book. Each comes with some scratch code you can change freely; once you have an answer, put it into `check(...)` and run the cell for feedback. The feedback gives hints, never the answer.

# %%
import matplotlib.pyplot as plt
import minigrad as torch
from minigrad.viz import draw
from minigrad.exercises import check

# %% zh
torch.lab.set_language("zh")

# %% en
torch.lab.set_language("en")

# %% [markdown] zh
# ## 练习 1：二阶导数为什么更贵？
#
# 为什么计算二阶导数比一阶导数的开销更大？用 `create_graph=True`（第 8 节）求出一阶导数，比较原函数的图和导数的图。

# %% [markdown] en
# ## Exercise 1: why are second derivatives dearer?
#
# Why does a second derivative cost more to compute than a first? Take the first derivative with `create_graph=True` (lesson 8) and compare the graph of the function with the graph of its derivative.

# %%
x = torch.tensor(2.0, requires_grad=True)
y = torch.sin(x) * x ** 2
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
draw(y), draw(dy_dx)

# %%
check("chapter_1", None)

# %% [markdown] zh
# ## 练习 2：紧接着再反向传播一次
#
# 在运行反向传播之后，立即再运行一次，会发生什么？

# %% [markdown] en
# ## Exercise 2: backward again, straight away
#
# Run the backward pass, then immediately run it again. What happens?

# %%
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %%
check("chapter_2", None)

# %% [markdown] zh
# ## 练习 3：控制流的例子里，把 `a` 换成向量
#
# 第 6 节里我们求了 `d = f(a)` 对 `a` 的导数。如果 `a` 是随机向量或矩阵，会发生什么？`f(a)` 不再是标量了，该怎样求梯度、怎样解释结果？

# %% [markdown] en
# ## Exercise 3: the control-flow example with a vector `a`
#
# In lesson 6 we took the derivative of `d = f(a)` with respect to `a`. What happens if `a` is a random vector or matrix? `f(a)` is no longer a scalar: how do you get a gradient, and what does it mean?

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

torch.manual_seed(3)
a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
d

# %%
check("chapter_3", None)

# %% [markdown] zh
# ## 练习 4：自己设计一个带控制流的例子
#
# 写一个含 `if` 或循环的函数 `g`，对它求梯度，再解释结果为什么是这样。

# %% [markdown] en
# ## Exercise 4: design your own control-flow example
#
# Write a function `g` with an `if` or a loop, take its gradient, and explain why the result is what it is.

# %%
def g(x):
    if x > 1:
        y = x * x
    else:
        y = 3 * x
    return y

x = torch.tensor(2.0, requires_grad=True)
g(x).backward()
x.grad

# %%
check("chapter_4", g)

# %% [markdown] zh
# ## 练习 5：画出 $\sin x$ 和它的导数
#
# 令 $f(x) = \sin x$，画出 $f(x)$ 和 $\frac{df(x)}{dx}$ 的图像，其中导数要用自动微分求，不能直接写 $\cos x$。

# %% [markdown] en
# ## Exercise 5: plot $\sin x$ and its derivative
#
# Let $f(x) = \sin x$. Plot $f(x)$ and $\frac{df(x)}{dx}$, computing the derivative by automatic differentiation, without writing $\cos x$.

# %%
x = torch.linspace(-2 * torch.pi, 2 * torch.pi, 200, requires_grad=True)
y = torch.sin(x)

# %%
check("chapter_5", None)
