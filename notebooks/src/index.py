# %% [markdown]
# # minigrad · 自动微分 / Automatic Differentiation
#
# 《动手学深度学习》2.5 节 · *Dive into Deep Learning*, section 2.5

# %% [markdown] zh
# ## 中文
#
# 这套笔记本陪你学完“自动微分”这一章。每一节都是：一小段讲解、教材里的代码、画出来的计算图、可以一步一步播放的前向或反向传播，以及“试一试”和一道自动批改的小练习。代码里写的是 `import minigrad as torch`，其余和 PyTorch 一模一样。
#
# 按顺序学：
#
# 1. [计算图与前向传播](zh/01_forward.ipynb)：画出 `z = (x + y) * w` 的计算图，再一步一步播放前向传播；哪些张量会被记进图里
# 2. [反向传播与链式法则](zh/02_backward.ipynb)：一步一步看局部导数怎样连乘；为什么只有叶子有 `.grad`；为什么从输出往回算；`y = 2 * torch.dot(x, x)` 为什么 `x.grad == 4 * x`
# 3. [梯度累积](zh/03_accumulation.ipynb)：在播放器里看 `.grad` 怎样累加；`x.grad.zero_()` 与 `grad = None`
# 4. [非标量变量的反向传播](zh/04_non_scalar.ipynb)：`sum()` 与全 1 的 `gradient=`；`gradient=` 作为权重、`mean()`；一批样本的梯度为什么相加；用 `retain_graph=True` 一行一行拼出雅可比矩阵
# 5. [分离计算](zh/05_detach.ipynb)：`detach` 剪断计算图（图上画出断开处）；在 `no_grad` 下更新参数、评估模型；冻结参数；`.data`
# 6. [Python 控制流的梯度计算](zh/06_control_flow.ipynb)：两个输入，两张图；动态图与静态图；为什么 `a.grad == d / a`，以及它在哪里不再是导数
# 7. [自定义函数](zh/07_custom_function.ipynb)：自己写 `MyReLU` 的前向和反向，手动训练两层网络（迭代 500 次）并画出损失曲线
# 8. [二阶导数](zh/08_higher_order.ipynb)：`torch.autograd.grad`、`create_graph`；画出 $\tanh x$ 和它的一阶、二阶导数
# 9. [本章练习](zh/09_exercises.ipynb)：教材的五道练习，先用文字回答，再写代码（自动批改）；最后是本章小结

# %% [markdown] en
# ## English
#
# These notebooks take you through the chapter on automatic differentiation. Each lesson has a short explanation, the book's code, the computational graph drawn, the forward or backward pass to play step by step, "try it" cells, and an exercise that grades itself. The code says `import minigrad as torch`; everything else is exactly PyTorch.
#
# In order:
#
# 1. [The computational graph and the forward pass](en/01_forward.ipynb): draw the graph of `z = (x + y) * w`, then play the forward pass step by step; which tensors enter the graph
# 2. [The backward pass and the chain rule](en/02_backward.ipynb): watch local derivatives multiply, step by step; why only leaves have a `.grad`; why compute backwards from the output; why `y = 2 * torch.dot(x, x)` gives `x.grad == 4 * x`
# 3. [Gradient accumulation](en/03_accumulation.ipynb): see `.grad` add up in the player; `x.grad.zero_()` and `grad = None`
# 4. [Backward for non-scalar variables](en/04_non_scalar.ipynb): `sum()` and an all-ones `gradient=`; `gradient=` as weights, `mean()`; why a batch's gradients add up; the Jacobian row by row with `retain_graph=True`
# 5. [Detaching computation](en/05_detach.ipynb): `detach` cuts the graph (the cut is drawn); updating parameters and evaluating models under `no_grad`; freezing parameters; `.data`
# 6. [Gradients through Python control flow](en/06_control_flow.ipynb): two inputs, two graphs; dynamic and static graphs; why `a.grad == d / a`, and where it stops being the derivative
# 7. [A custom function](en/07_custom_function.ipynb): write `MyReLU`'s forward and backward, train a two-layer net by hand for 500 iterations and plot the loss
# 8. [Second derivatives](en/08_higher_order.ipynb): `torch.autograd.grad`, `create_graph`; plot $\tanh x$ with its first and second derivatives
# 9. [The chapter's exercises](en/09_exercises.ipynb): the book's five exercises, answered in words first, then in code (graded automatically); then a summary of the chapter

# %% [markdown] zh
# **图会一直对应它所在的那一格。** `show(z)` 画出的图会显示后面对这张图做的反向传播；但如果后面的某一格把图里的名字重新赋值（比如又写了一次 `x = ...`），这张图就停在原来的样子，并在上方注明“画于第 [3] 格……保持原样”。播放器播放的是录制时的样子。

# %% [markdown] en
# **A picture stays true to its cell.** A `show(z)` picture shows a later backward pass through its graph; but once a later cell rebinds a name it shows (another `x = ...`), it stays as it was, with a note above it: "Drawn in cell [3] … stays as it was." A player plays what was recorded.

# %% [markdown]
# ## 检查环境 · Check your setup
#
# 运行下面这格，应该看到 `tensor([ 0.,  4.,  8., 12.])`，下面还有一张小小的计算图。如果图没有出现，提示会告诉你缺什么、怎么安装。
#
# Run the cell below: you should see `tensor([ 0.,  4.,  8., 12.])` and a small computational graph under it. If the graph does not appear, the message says what is missing and how to install it.

# %%
%load_ext minigrad
import minigrad as torch
from minigrad.lab import show

x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)
show(y)
