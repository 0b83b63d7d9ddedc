# %% [markdown] zh
# # 1 · 计算图与前向传播
#
# 这一节你会：
# - 认识**计算图**：变量节点、操作节点，以及把它们连起来的边；
# - 一步一步看**前向传播**怎样从输入算出输出。
#
# 本章的代码原本是写给 PyTorch 的。我们用 `import minigrad as torch` 代替 `import torch`：教材里的代码照原样运行，打印出来的结果也和 PyTorch 一样，而且每张计算图都能画出来，每一步都能回放。
#
# 有几样东西是这门课自带的工具，PyTorch 里没有：
# - `%load_ext minigrad`：让图和播放器在 Jupyter 里工作；
# - `show(...)`：画出计算图；
# - `with torch.trace() as tape:` 和 `play(tape)`：把每一步录下来，再一步一步播放（PyTorch 也有一个 `torch.trace`，但那是求矩阵的迹，和这里无关）；
# - `torch.lab.set_language(...)`：选择图和说明文字的语言；
# - `check(...)`：批改小练习。
#
# 换回真正的 PyTorch 时，去掉这几行，其余代码一字不改。

# %% [markdown] en
# # 1 · The computational graph and the forward pass
#
# In this lesson you will:
# - meet the **computational graph**: variable nodes, operation nodes and the edges between them;
# - watch the **forward pass** compute the output from the inputs, one step at a time.
#
# The chapter's code is written for PyTorch. We write `import minigrad as torch` instead of `import torch`: the book's code runs as it is and prints what PyTorch prints, and on top of that every graph can be drawn and every step replayed.
#
# A few things are this course's own tools, not part of PyTorch:
# - `%load_ext minigrad`: makes the graphs and the player work in Jupyter;
# - `show(...)`: draws a computational graph;
# - `with torch.trace() as tape:` and `play(tape)`: record every step, then play it back one step at a time (PyTorch has a `torch.trace` too, but that one is the trace of a matrix, nothing to do with this);
# - `torch.lab.set_language(...)`: the language of the pictures and their captions;
# - `check(...)`: grades the exercises.
#
# To go back to real PyTorch, leave those lines out; the rest of the code stays exactly as it is.

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
# ## 一个小例子
#
# 先看一个只有三个输入的式子：
#
# $$z = (x + y) \times w$$
#
# 计算机并不是一口气算出 $z$ 的，而是分两步：先算 $a = x + y$，再算 $z = a \times w$。每一步是一个**操作**，每个中间结果是一个**变量**。

# %% [markdown] en
# ## A small example
#
# Take an expression with three inputs:
#
# $$z = (x + y) \times w$$
#
# The computer does not get $z$ in one go. It takes two steps: first $a = x + y$, then $z = a \times w$. Each step is an **operation**; each intermediate result is a **variable**.

# %%
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)

a = x + y
z = a * w
print(f"a = x + y: {a.item()}")
print(f"z = a * w: {z.item()}")

# %% [markdown] zh
# `requires_grad=True` 的意思是：以后要对这个张量求梯度，所以请把用到它的每一步运算都记下来。记下来的这些运算，连在一起就是**计算图**。
#
# ## 哪些张量会被记进图里？
#
# `requires_grad` 默认是 `False`：普通的数据用不着梯度，也不会被记下来。一个运算的结果要不要梯度，规则只有一条：**只要有一个输入需要梯度，结果就需要**，这一步也会记进图里；所有输入都不需要时，结果也不需要，这一步不留下任何记录。所以上面的 `a = x + y` 和 `z = a * w` 都带着 `requires_grad=True`。

# %% [markdown] en
# `requires_grad=True` means: we will want a gradient with respect to this tensor later, so please record every operation that uses it. Those recorded operations, linked together, are the **computational graph**.
#
# ## Which tensors enter the graph?
#
# `requires_grad` is `False` by default: plain data needs no gradient and is not recorded. Whether the result of an operation requires grad follows one rule: **if at least one input requires grad, so does the result**, and the operation is recorded in the graph; if no input does, neither does the result, and nothing is recorded. That is why `a = x + y` and `z = a * w` above both have `requires_grad=True`.

# %%
c = torch.tensor(10.0)
print(c.requires_grad)
print((c * 2).requires_grad, (c * 2).grad_fn)
print((c * x).requires_grad, (c * x).grad_fn)

# %% [markdown] zh
# `c * 2` 的两个输入都不需要梯度，结果没有 `grad_fn`；`c * x` 里有一个 `x`，结果就需要梯度，并记住了自己是乘法的结果。

# %% [markdown] en
# Neither input of `c * 2` requires grad, so the result has no `grad_fn`; `c * x` has `x` among its inputs, so the result requires grad and remembers that it came from a multiplication.

# %% [markdown] zh
# 一个已经存在的张量，也可以事后打开跟踪：`m.requires_grad_(True)`。末尾的下划线表示它就地修改 `m` 自己（第 3 节还会遇到这种写法）。下面是 PyTorch 官方教程里的例子：`m` 是由不需要梯度的运算算出来的，所以一开始 `requires_grad` 是 `False`；打开以后，用到 `m` 的运算就会记进图里，`s` 记得自己是求和的结果。

# %% [markdown] en
# A tensor that already exists can have tracking switched on later: `m.requires_grad_(True)`. The trailing underscore means it changes `m` itself, in place (lesson 3 meets this spelling again). Here is the example from PyTorch's own tutorial: `m` comes out of operations that need no gradient, so at first its `requires_grad` is `False`; once it is switched on, operations that use `m` are recorded, and `s` remembers that it came from a sum.

# %%
m = torch.randn(2, 2)
m = ((m * 3) / (m - 1))
print(m.requires_grad)
m.requires_grad_(True)
print(m.requires_grad)
s = (m * m).sum()
print(s.grad_fn)

# %% [markdown] zh
# ## 画出计算图
#
# 下面是刚才两行代码的**数据流视图**：方框是变量节点（名字、值），圆圈是操作节点，箭头是数据流动的方向。
#
# 图上方的按钮可以切换视图和语言。点一下图里的节点，图下方会列出它的详细信息：值、形状、是不是叶子；点操作节点，还能看到它的局部导数。

# %% [markdown] en
# ## Drawing the graph
#
# Here is the **data-flow view** of the two lines above: boxes are variable nodes (name, value), circles are operation nodes, and arrows show which way the data flows.
#
# The buttons above the graph switch the view and the language. Click a node and the panel under the graph tells you about it: its value, its shape, whether it is a leaf; for an operation node, its local derivatives.

# %%
show(z)

# %% [markdown] zh
# 计算图是一个**有向无环图**（DAG）：边有方向，而且顺着箭头走永远不会绕回原处。正因为没有环，才总能找到一个先后顺序，把每个节点依次算出来。

# %% [markdown] en
# A computational graph is a **directed acyclic graph** (DAG): edges have a direction, and following the arrows never brings you back where you started. Because there are no cycles, there is always an order in which every node can be computed after its inputs.

# %% [markdown] zh
# ## 叶子节点与 `grad_fn`
#
# `x`、`y`、`w` 是我们亲手创建的，叫**叶子节点**。`a` 和 `z` 是运算的结果，它们记得自己是由哪个操作得到的，这个记录就是 `grad_fn`。

# %% [markdown] en
# ## Leaves and `grad_fn`
#
# We created `x`, `y` and `w` ourselves: they are **leaves**. `a` and `z` come out of operations, and each remembers which operation made it. That memory is `grad_fn`.

# %%
print("x:", x.is_leaf, x.grad_fn)
print("a:", a.is_leaf, a.grad_fn)
print("z:", z.is_leaf, z.grad_fn)
z

# %% [markdown] zh
# `z` 显示为 `tensor(20., grad_fn=<MulBackward0>)`。`MulBackward0` 就是“乘法”这个操作节点：它保存了反向传播时要用的东西。顺着 `next_functions` 可以找到它的上游节点：

# %% [markdown] en
# `z` shows as `tensor(20., grad_fn=<MulBackward0>)`. `MulBackward0` is the "multiply" operation node; it keeps what the backward pass will need. Its `next_functions` lead to the nodes upstream of it:

# %%
z.grad_fn.next_functions

# %% [markdown] zh
# PyTorch 内部保存的正是这张由 `grad_fn` 连成的图，**autograd 视图**把它画了出来。图上的箭头和数据流视图一样，从输入指向用到它的操作；PyTorch 自己存的链接方向正好相反：每个操作节点通过 `next_functions` 记着它的输入那一侧的节点（上一格打印的就是），反向传播正是顺着这些链接从 `z` 走回叶子。
#
# 每个叶子都连着一个 `AccumulateGrad` 节点，由它把梯度存进叶子的 `.grad`。橙色虚线连着乘法节点为反向传播存下的张量：$\frac{\partial z}{\partial a} = w$，$\frac{\partial z}{\partial w} = a$，所以它要记住 `a` 和 `w` 的值。

# %% [markdown] en
# This graph of `grad_fn` nodes is what PyTorch actually keeps, and the **autograd view** draws it. Its arrows run as in the data-flow view, from an input to the operation that uses it. The links PyTorch stores run the other way: each operation node keeps, in `next_functions`, the nodes on the side of its inputs (the previous cell printed them), and the backward pass follows those links from `z` back to the leaves.
#
# Each leaf is attached to an `AccumulateGrad` node: that is what stores the gradient into the leaf's `.grad`. Dotted orange lines link the multiplication to the tensors it saved for the backward pass: $\frac{\partial z}{\partial a} = w$ and $\frac{\partial z}{\partial w} = a$, so it must remember the values of `a` and `w`.

# %%
show(z, view="autograd")

# %% [markdown] zh
# ## 一步一步看前向传播
#
# `with torch.trace() as tape:` 把块里发生的每一次运算记到 `tape` 上，`play(tape)` 再把它一帧一帧放出来。点“下一步”，看图怎样一个节点一个节点地长出来；每一步的算式写在按钮下面、图的上方。

# %% [markdown] en
# ## The forward pass, step by step
#
# `with torch.trace() as tape:` records every operation inside the block on `tape`, and `play(tape)` plays it back frame by frame. Press "Next" and watch the graph grow one node at a time; each step's arithmetic is written under the buttons, above the graph.

# %%
with torch.trace() as tape:
    a = x + y
    z = a * w
play(tape)

# %% [markdown] zh
# 这就是**前向传播**：按照依赖关系，从输入到输出，把每个操作节点依次算一遍。

# %% [markdown] en
# That is the **forward pass**: following the dependencies, from the inputs to the output, compute each operation node in turn.

# %% [markdown] zh
# ## 试一试
#
# 1. 在下一格里把 `x`、`y`、`w` 换成别的数，先在心里算出 `z`，再运行来验证。
# 2. 给式子再加一步，比如 `z2 = (x + y) * w + x * x`。画出来以后数一数：`x` 现在有几条出边？

# %% [markdown] en
# ## Try it
#
# 1. In the next cell, give `x`, `y`, `w` other values, work out `z` in your head, then run it to check.
# 2. Add a step, for example `z2 = (x + y) * w + x * x`. Draw it and count: how many edges leave `x` now?

# %%
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(-2.0, requires_grad=True)
w = torch.tensor(5.0, requires_grad=True)
z = (x + y) * w
z

# %%
z2 = (x + y) * w + x * x
show(z2)

# %% [markdown] zh
# ## 小练习
#
# 每一节都有一道小练习。把答案写进答案单元格（替换掉 `...`），再运行 `check(...)` 那一格：对了会显示绿色；不对会显示红色，并给一个提示，但不会直接告诉你答案。

# %% [markdown] en
# ## Exercise
#
# Every lesson has a short exercise. Write your answer in the answer cell (replacing `...`), then run the `check(...)` cell: green means right; red means not yet, with a hint, but never the answer itself.

# %% exercise forward

# %% answer forward
