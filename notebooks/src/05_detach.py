# %% [markdown] zh
# # 5 · 分离计算：`detach` 与 `no_grad`
#
# 这一节你会：
# - 用 `detach()` 把计算图剪断，让一个中间结果**被视为常数**；
# - 用 `torch.no_grad()` 让一段代码**不记录梯度**：更新参数、评估模型的时候都用得上；
# - **冻结**一部分参数，只训练其余的参数；
# - 知道 `.data` 是什么，以及为什么新代码少用它。

# %% [markdown] en
# # 5 · Detaching computation: `detach` and `no_grad`
#
# In this lesson you will:
# - cut the computational graph with `detach()`, so that an intermediate result is **treated as a constant**;
# - use `torch.no_grad()` to run code **without recording gradients**, as when updating parameters or evaluating a model;
# - **freeze** some parameters and train only the others;
# - learn what `.data` is, and why new code rarely uses it.

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
# ## 把 `y` 当成常数
#
# 设 $y = x^2$，$z = y \times x$。如果把 $y$ 也看成 $x$ 的函数，$z = x^3$，导数是 $3x^2$。
#
# 但有时我们只想要 $x$ 在 $y$ 算好**之后**起的作用，把 $y$ 当成一个固定的数。`y.detach()` 返回一个新张量 `u`：值和 `y` 一样，但不记得自己是怎么算出来的。梯度走到 `u` 就停下了。

# %% [markdown] en
# ## Treating `y` as a constant
#
# Let $y = x^2$ and $z = y \times x$. If $y$ counts as a function of $x$, then $z = x^3$ and the derivative is $3x^2$.
#
# Sometimes, though, we want only the part $x$ plays **after** $y$ has been computed, with $y$ held fixed. `y.detach()` returns a new tensor `u` with the same values as `y` but no memory of how they were computed. The gradient stops at `u`.

# %% exercise detach

# %%
print(u, u.requires_grad, u.grad_fn)
show(z)

# %% [markdown] zh
# 图里 `y` 和 `u` 之间的连线被剪断了（✂ 和虚线）：`u` 是一个常数节点（灰色），梯度过不去。写下你的预测：

# %% [markdown] en
# In the graph, the link between `y` and `u` is cut (✂ and a dashed line): `u` is a constant node (grey), and no gradient gets through. Write down your prediction:

# %% answer detach

# %% [markdown] zh
# 现在运行反向传播来验证，并在播放器里一步一步看：到达乘法节点后，只有通向 `x` 的那条边有梯度流过，`u` 那边什么也没有。所以 $\frac{\partial z}{\partial x} = u$。

# %% [markdown] en
# Now run the backward pass to check, and step through it in the player: at the multiplication, gradient flows only along the edge to `x`; nothing goes towards `u`. So $\frac{\partial z}{\partial x} = u$.

# %%
with torch.trace() as tape:
    z.sum().backward()
play(tape)

# %%
print(x.grad)
x.grad == u

# %% [markdown] zh
# `detach()` 只影响 `u`，原来的 `y` 仍然连在图上，照样可以对它求导，得到 $2x$。（加上 `retain_graph=True` 是因为下一格还要用 `y` 的图，见第 4 节。）

# %% [markdown] en
# `detach()` affects only `u`. The original `y` is still in the graph and can be differentiated as usual, giving $2x$. (`retain_graph=True` because the next cell uses `y`'s graph again; see lesson 4.)

# %%
x.grad.zero_()
y.sum().backward(retain_graph=True)
x.grad == 2 * x

# %% [markdown] zh
# 不分离的话，梯度会穿过 `y` 继续往回走，得到 $3x^2$：

# %% [markdown] en
# Without detaching, the gradient goes on through `y`, and we get $3x^2$:

# %%
x.grad.zero_()
z = y * x
z.sum().backward()
x.grad

# %% [markdown] zh
# ## `torch.no_grad()`：这段不记录
#
# `detach()` 剪断一个张量；`with torch.no_grad():` 让整段代码都**不记录梯度**。块里算出的结果没有 `grad_fn`，也不会出现在计算图里。

# %% [markdown] en
# ## `torch.no_grad()`: do not record this
#
# `detach()` cuts one tensor; `with torch.no_grad():` runs a whole block **without recording gradients**. Results computed inside have no `grad_fn` and never enter the graph.

# %%
with torch.no_grad():
    q = x * 2
print(q, q.requires_grad, q.grad_fn)

# %% [markdown] zh
# 它最常见的用途是**更新参数**。用梯度下降更新 `w` 这一步本身不应该被记录：否则 `w` 就不再是叶子，下一次迭代的计算图会一直追溯到上一次。PyTorch 干脆不允许在记录状态下就地修改一个需要梯度的叶子：

# %% [markdown] en
# Its most common use is **updating parameters**. The gradient-descent step that changes `w` must not be recorded; otherwise `w` would no longer be a leaf, and the next iteration's graph would reach back into the previous one. PyTorch simply refuses an in-place change to a leaf that requires grad while recording:

# %%
w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * w).sum()
loss.backward()
try:
    w -= 0.1 * w.grad
except RuntimeError as err:
    print("RuntimeError:", err)

# %%
with torch.no_grad():
    w -= 0.1 * w.grad
print(w, w.is_leaf)

# %% [markdown] zh
# 更新之后 `w` 仍然是叶子，可以继续下一次迭代。
#
# ## 评估模型时：只要结果，不要图
#
# 在验证集上算损失、用训练好的模型做预测时，我们只要结果，用不着梯度。放进 `torch.no_grad()` 里，就不会为反向传播保存任何中间值，省内存也省时间。下面是一个小小的两层网络（数据和权重都是随机的）：

# %% [markdown] en
# After the update `w` is still a leaf, ready for the next iteration.
#
# ## Evaluating a model: the result, not the graph
#
# When we compute the loss on validation data, or predict with a trained model, we want results and no gradients. Inside `torch.no_grad()` nothing is saved for a backward pass, which spares memory and time. Here is a small two-layer network (random data and weights):

# %%
torch.manual_seed(0)
X = torch.randn(4, 3)
Y = torch.randn(4, 1)
W1 = torch.randn(3, 4, requires_grad=True)
W2 = torch.randn(4, 1, requires_grad=True)

with torch.no_grad():
    val_loss = ((torch.relu(X @ W1) @ W2 - Y) ** 2).mean()
print(val_loss, val_loss.requires_grad, val_loss.grad_fn)

# %% [markdown] zh
# `W1`、`W2` 都需要梯度，但在 `no_grad` 里算出的 `val_loss` 没有 `grad_fn`，也不需要梯度：它只是一个数。
#
# ## 冻结参数
#
# 有时只想训练网络的一部分。比如拿一个别人训练好的网络，只重新训练最后一层（微调），前面的层保持不变，这叫**冻结**。
#
# 一种办法是把冻结的那部分放在 `torch.no_grad()` 里算。`W1` 照样需要梯度，但算出的 `H` 没有历史，对后面的计算来说只是一个常数，反向传播到不了 `W1`（写成 `H = torch.relu(X @ W1).detach()` 效果一样，只是先记录、再剪断）：

# %% [markdown] en
# `W1` and `W2` require grad, yet `val_loss`, computed inside `no_grad`, has no `grad_fn` and requires no grad: it is just a number.
#
# ## Freezing parameters
#
# Sometimes we want to train only part of a network. Take a network someone else trained and retrain only its last layer (fine-tuning), leaving the earlier layers as they are: those layers are **frozen**.
#
# One way is to compute the frozen part inside `torch.no_grad()`. `W1` still requires grad, but the resulting `H` has no history: for what comes after, it is just a constant, and the backward pass never reaches `W1` (`H = torch.relu(X @ W1).detach()` does the same, recording first and cutting afterwards):

# %%
with torch.no_grad():
    H = torch.relu(X @ W1)
loss = ((H @ W2 - Y) ** 2).mean()
loss.backward()
print(W1.grad)
print(W2.grad)

# %% [markdown] zh
# 更直接的办法是把要冻结的参数的 `requires_grad` 设成 `False`。按照第 1 节的规则，`X @ W1` 的两个输入都不需要梯度，这一步和后面的 `relu` 就不会记进图里。图上还是画出了这两步，好让你看清数据从哪里来，但 `W1` 和它们算出的结果都是灰色的常数，梯度到不了那里；只有 `W2` 还是需要梯度的叶子：

# %% [markdown] en
# The more direct way is to set the `requires_grad` of the parameters to freeze to `False`. By lesson 1's rule, neither input of `X @ W1` then requires grad, so that step and the `relu` after it are not recorded. The picture still draws both steps, so that you can see where the data comes from, but `W1` and what they compute are grey constants that no gradient reaches; `W2` is the only leaf that requires grad:

# %%
W1.requires_grad_(False)
W2.grad = None
loss = ((torch.relu(X @ W1) @ W2 - Y) ** 2).mean()
loss.backward()
print(W1.grad)
print(W2.grad)
show(loss)

# %% [markdown] zh
# ## `.data`
#
# 很多旧代码写 `w.data -= lr * w.grad`。`.data` 给出同一份数据、但不被跟踪的张量，作用和 `detach()` 相似，区别在于：通过 `.data` 做的修改，autograd **完全不知道**。如果这个值已经被某个操作保存起来准备反向传播用，梯度就会悄悄算错：

# %% [markdown] en
# ## `.data`
#
# Older code often writes `w.data -= lr * w.grad`. `.data` gives an untracked tensor over the same numbers, much like `detach()`, with one difference: autograd **never hears** about a change made through `.data`. If an operation has saved that value for the backward pass, the gradient comes out wrong without a word:

# %%
p = torch.tensor([1.0, 2.0], requires_grad=True)
r = p * p
p.data.mul_(10)
r.sum().backward()
p.grad

# %% [markdown] zh
# 正确答案应该是 $2p = [2, 4]$，却得到了 `[20, 40]`。换成 `detach()`，autograd 会发现数据被改过，直接报错，而不是给出错误的梯度：

# %% [markdown] en
# The right answer is $2p = [2, 4]$, yet we got `[20, 40]`. With `detach()` instead, autograd notices the change and raises an error rather than handing back a wrong gradient:

# %%
p = torch.tensor([1.0, 2.0], requires_grad=True)
r = p * p
p.detach().mul_(10)
try:
    r.sum().backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %% [markdown] zh
# 所以：更新参数、评估模型用 `with torch.no_grad():`，冻结参数用 `requires_grad_(False)`，需要一个常数副本用 `detach()`。
#
# ## 试一试
#
# 1. 令 `z = u * x + y`（`u` 是分离出来的，`y` 没有分离），先推出 `x.grad`，再运行验证。
# 2. 把 `u = y.detach()` 换成 `u = y`，结果变成了什么？

# %% [markdown] en
# So: update parameters and evaluate models under `with torch.no_grad():`, freeze parameters with `requires_grad_(False)`, and use `detach()` when you need a constant copy.
#
# ## Try it
#
# 1. Let `z = u * x + y` (`u` detached, `y` not). Work out `x.grad` first, then run to check.
# 2. Replace `u = y.detach()` with `u = y`. What do you get now?

# %%
x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x + y
z.sum().backward()
x.grad

