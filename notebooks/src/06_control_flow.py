# %% [markdown] zh
# # 6 · Python 控制流的梯度计算
#
# 这一节你会：
# - 对一个含有 `while` 循环和 `if` 分支的函数求梯度；
# - 看到两个不同的输入会建出**两张不同的计算图**；
# - 明白什么是**动态计算图**，它和静态计算图有什么不同；
# - 明白为什么 `a.grad == d / a`，以及这个等式在哪里不再是导数。

# %% [markdown] en
# # 6 · Gradients through Python control flow
#
# In this lesson you will:
# - take the gradient of a function with a `while` loop and an `if` branch;
# - see two different inputs build **two different computational graphs**;
# - understand what a **dynamic computational graph** is, and how it differs from a static one;
# - understand why `a.grad == d / a`, and where that stops being the derivative.

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
# 再抽一个随机数 `a2`，它是负的，而且离 0 更远。同一个 `f`，它建出的图和 `a` 的并不一样：循环少转了几圈，还走了 `else` 分支，多出一个“乘以 100”。

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
# 这就是**动态计算图**：图不是事先画好的，而是每次运行时由实际执行的代码当场建出来。`while` 和 `if` 只是普通的 Python，它们决定了哪些运算会发生，而图里只记录真正发生了的运算。没走的分支，不会出现在图里，也不参与求导。循环和分支的条件（`b.norm() < 1000`、`b.sum() > 0`）只是用来做判断，它们本身不是输出，也拿不到梯度。
#
# 与之相对的是**静态计算图**，比如 TensorFlow 1.x 的做法：先把整张图定义好、优化好，再一遍一遍地往里送数据。图是固定的，所以循环和分支不能直接写成 Python 的 `while` 和 `if`，要改用框架专门的图操作（如 `tf.while_loop`、`tf.cond`），把可能走的路都事先放进图里，运行时再挑。
#
# 两种做法各有长处。静态图可以事先整体优化，也方便导出、部署；动态图写起来就是普通的 Python，可以随手 `print`，可以用调试器一步一步跟，控制流想怎么写就怎么写。动态图的代价是每次运行都要重新建图，不过建图只是顺手记下每一步运算，开销很小。PyTorch 默认用的就是动态图，TensorFlow 2 的默认模式（eager）也是。

# %% [markdown] en
# This is a **dynamic computational graph**: it is not drawn in advance but built on the spot, each run, by the code that actually executes. `while` and `if` are plain Python; they decide which operations happen, and the graph records only the operations that did happen. A branch not taken is not in the graph and plays no part in the derivative. The conditions of the loop and the branch (`b.norm() < 1000`, `b.sum() > 0`) only make decisions: they are not outputs and get no gradient.
#
# The alternative is a **static computational graph**, as in TensorFlow 1.x: the whole graph is defined and optimised first, then fed data again and again. The graph is fixed, so a loop or a branch cannot be a Python `while` or `if`; it has to use the framework's own graph operations (such as `tf.while_loop` and `tf.cond`), which put every possible path into the graph in advance and pick one at run time.
#
# Each approach has its strengths. A static graph can be optimised as a whole ahead of time, and is easy to export and deploy. A dynamic graph is just Python: you can `print` anywhere, follow it step by step in a debugger, and write control flow any way you like. Its cost is rebuilding the graph on every run, but building it only means noting down each operation as it happens, which is cheap. PyTorch uses dynamic graphs by default, and so does TensorFlow 2 in its default (eager) mode.

# %% [markdown] zh
# ## 为什么 `a.grad == d / a`？
#
# 不管循环转几圈、走哪个分支，`f` 对 `a` 做的只是乘以一串常数：
#
# $$d = f(a) = k \times a, \qquad k = 2^{n} \ \text{或} \ 100 \times 2^{n}$$
#
# 其中 $n$ 是乘以 2 的次数。对于给定的 `a`，$k$ 是一个固定的数，所以 $f'(a) = k = \dfrac{d}{a}$。

# %% [markdown] en
# ## Why `a.grad == d / a`?
#
# However many times the loop runs and whichever branch is taken, all `f` does to `a` is multiply it by a string of constants:
#
# $$d = f(a) = k \times a, \qquad k = 2^{n} \ \text{or} \ 100 \times 2^{n}$$
#
# where $n$ counts the doublings. For a given `a`, $k$ is a fixed number, so $f'(a) = k = \dfrac{d}{a}$.

# %%
print(a.grad == d / a, a.grad)
print(a2.grad == d2 / a2, a2.grad)

# %% [markdown] zh
# ## 但 k 也取决于 a
#
# “k 是常数”这句话要小心：对**一个给定的** `a`，$k$ 是固定的；换一个 `a`，循环的圈数或者走的分支可能就变了，$k$ 也跟着变。所以 $f$ 不是一条直线，而是一段一段的直线，每段的斜率不同。在段与段的交界处，也就是循环恰好多转或少转一圈的地方，以及 `b` 的和变号的 $a = 0$ 处，$f$ 会跳变，那里没有导数。（正好在 $a = 0$ 时，`f` 根本停不下来：`b` 一直是 0，循环永远不会结束。）
#
# `a.grad` 给出的，是这一次实际走过的那段直线的斜率。离交界处远时，它就是 $f$ 的导数；正好在交界处，它只说明这一次走了哪条路。看一个交界点：$a = 1000 / 2^9 = 1.953125$ 时，$2^9 a$ 恰好等于 1000，循环在第 9 次翻倍后停下；`a` 再小一点点，循环就要多转一圈：

# %% [markdown] en
# ## But k depends on a
#
# Careful with "k is a constant": for **a given** `a`, $k$ is fixed; for another `a` the loop may run a different number of times, or the other branch may be taken, and $k$ changes with it. So $f$ is not one straight line but a line in pieces, each with its own slope. Where two pieces meet (where the loop runs exactly one time more or less, and at $a = 0$, where the sum of `b` changes sign), $f$ jumps, and has no derivative there. (At $a = 0$ itself, `f` never even returns: `b` stays 0 and the loop never ends.)
#
# `a.grad` is the slope of the piece this run actually went through. Away from the places where pieces meet, that is the derivative of $f$; right at one of them, it only tells you which path this run took. Look at one such place: at $a = 1000 / 2^9 = 1.953125$, $2^9 a$ is exactly 1000, and the loop stops after the 9th doubling; for an `a` a tiny bit smaller, the loop runs once more:

# %%
for value in [1.953, 1.953125, 1.954]:
    a3 = torch.tensor(value, requires_grad=True)
    d3 = f(a3)
    d3.backward()
    print(f"a = {value}: d = {d3.item():.2f}, a.grad = {a3.grad.item():.0f}")

# %% [markdown] zh
# `a` 只差了千分之一，`d` 却从大约 2000 掉到了 1000，`a.grad` 也从 1024 变成了 512。在这里用 $\frac{f(a) - f(a - h)}{h}$ 估计导数，会得到一个很大的负数，和两边的 `a.grad` 都对不上。所以说：`a.grad` 总等于 `d / a`，但只有离开这些交界处，它才是 $f$ 的导数。本章练习 4（第 9 节）还会遇到这个问题。

# %% [markdown] en
# `a` moved by a thousandth, yet `d` fell from about 2000 to 1000, and `a.grad` went from 1024 to 512. Estimating the derivative here with $\frac{f(a) - f(a - h)}{h}$ gives a huge negative number that matches neither side's `a.grad`. So: `a.grad` always equals `d / a`, but only away from these meeting points is it the derivative of $f$. The chapter's exercise 4 (lesson 9) comes back to this.

# %% [markdown] zh
# 在播放器里把 `a2` 的整个过程走一遍。前向时，一连串相同的“乘以 2”折叠成了一个节点，上面写着一共乘了几次；`while` 和 `if` 的条件画成虚线框，写着每次检查的结果，它们不在计算图里。反向时，看每一步的局部导数都是常数。

# %% [markdown] en
# Step through the whole story of `a2` in the player. On the way forward, the run of identical doublings is folded into one node that says how many there were; the conditions of `while` and `if` are dashed boxes with the outcome of each check, outside the computational graph. On the way back, see that every local derivative is a constant.

# %%
a2.grad = None
with torch.trace() as tape:
    d2 = f(a2)
    d2.backward()
play(tape)

# %% [markdown] zh
# ## 试一试
#
# 1. 把 `a` 换成一个很小的数，比如 `torch.tensor(0.001, requires_grad=True)`：一共要乘几次 2（第一次在循环之前），循环转几圈？先猜 `a.grad`，再运行。图上折叠起来的节点写的是乘 2 的总次数。
# 2. 换成 `torch.tensor(-600.0, requires_grad=True)` 呢？这次循环还会转吗？

# %% [markdown] en
# ## Try it
#
# 1. Make `a` tiny, for example `torch.tensor(0.001, requires_grad=True)`. How many times is it multiplied by 2 (the first time before the loop), and how many times does the loop run? Guess `a.grad`, then run. The folded node in the picture counts all the doublings.
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
