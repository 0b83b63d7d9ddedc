# %% [markdown] zh
# # 9 · 本章练习
#
# 教材 2.5 节末尾的五道练习，每道都能自动批改。做法和前几节的小练习一样：
#
# 1. 读题，先在"草稿"单元格里随便试；
# 2. 把答案写进答案单元格（替换掉 `...`）；
# 3. 运行 `check(...)`：绿色表示对了；红色会给你一个提示，但不会直接给答案。

# %% [markdown] en
# # 9 · The chapter's exercises
#
# The five exercises at the end of section 2.5 of the book, each graded automatically. It works like the exercises of the earlier lessons:
#
# 1. read the question and experiment freely in the scratch cells;
# 2. write your answer in the answer cell (replacing `...`);
# 3. run `check(...)`: green means right; red gives you a hint, but never the answer.

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

# %% [markdown] zh
# ## 练习 1

# %% [markdown] en
# ## Exercise 1

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
# ## 练习 2

# %% [markdown] en
# ## Exercise 2

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
# ## 练习 3

# %% [markdown] en
# ## Exercise 3

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
# ## 练习 4

# %% [markdown] en
# ## Exercise 4

# %% exercise branch_derivative

# %% [markdown] zh
# 草稿：书里的例子是 $x = 2$。换几个 $x$ 试试，包括小于 1 的。

# %% [markdown] en
# Scratch: the book's example is $x = 2$. Try other values of $x$, some below 1 too.

# %%
x = torch.tensor(2.0, requires_grad=True)
y = g(x)
y.backward()
print(y, x.grad)
show(y)

# %% answer branch_derivative

# %% [markdown] zh
# ## 练习 5

# %% [markdown] en
# ## Exercise 5

# %% exercise sin_derivative

# %% answer sin_derivative
