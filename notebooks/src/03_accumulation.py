# %% [markdown] zh
# # 3 · 梯度累积
#
# 这一节你会：
# - 发现第二次 `backward()` 的梯度会**加到**原来的 `.grad` 上，而不是覆盖它；
# - 学会两种**梯度清零**的办法：`x.grad.zero_()` 和 `x.grad = None`；
# - 明白 PyTorch 为什么要这样设计。

# %% [markdown] en
# # 3 · Gradient accumulation
#
# In this lesson you will:
# - find that a second `backward()` **adds** its gradient to the old `.grad` instead of replacing it;
# - learn two ways of **zeroing the gradient**: `x.grad.zero_()` and `x.grad = None`;
# - see why PyTorch is designed this way.

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
# ## 先猜一猜
#
# 上一节对 $y = 2\mathbf{x}^\top\mathbf{x}$ 做了反向传播，`x.grad` 是 $4\mathbf{x}$。如果接着对另一个函数再做一次反向传播，中间什么也不清，`.grad` 里会留下什么？先别运行，猜一猜。这次的新函数是 $y = x_1 + x_2 + x_3 + x_4$（也就是 `x.sum()`），它对每个 $x_i$ 的导数都是 1。

# %% [markdown] en
# ## Guess first
#
# Last lesson ran backward for $y = 2\mathbf{x}^\top\mathbf{x}$, and `x.grad` became $4\mathbf{x}$. If we now run backward once more, for another function, without clearing anything in between, what will `.grad` hold? Guess before you run anything. The new function is $y = x_1 + x_2 + x_3 + x_4$ (that is, `x.sum()`), whose derivative with respect to each $x_i$ is 1.

# %% exercise accumulation

# %% [markdown] zh
# 第一次反向传播之后的梯度：

# %% [markdown] en
# The gradient after the first backward pass:

# %%
x.grad

# %% answer accumulation

# %% [markdown] zh
# 现在真的运行第二次反向传播：

# %% [markdown] en
# Now run the second backward pass for real:

# %%
y.backward()
x.grad

# %% [markdown] zh
# 得到的是 `[1, 5, 9, 13]`，而不是 `[1, 1, 1, 1]`！新的梯度 `[1, 1, 1, 1]` 被**加**到了旧的 `[0, 4, 8, 12]` 上。这就是**梯度累积**：`backward()` 总是把结果累加进 `.grad`。
#
# 下面这格把两步重做一遍，并把第二步录下来。在播放器里看这次加法发生的那一步：

# %% [markdown] en
# We get `[1, 5, 9, 13]`, not `[1, 1, 1, 1]`! The new gradient `[1, 1, 1, 1]` was **added** to the old `[0, 4, 8, 12]`. This is **gradient accumulation**: `backward()` always adds its result into `.grad`.
#
# The cell below does both steps again and records the second one. Watch the step where the addition happens in the player:

# %%
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
with torch.trace() as tape:
    y = x.sum()
    y.backward()
play(tape)

# %% [markdown] zh
# ## 梯度清零
#
# 想要一个“干净”的梯度，就先把旧的清掉。`zero_()` 末尾的下划线表示它是**就地操作**：直接把 `x.grad` 里的数改成 0。

# %% [markdown] en
# ## Zeroing the gradient
#
# To get a clean gradient, clear the old one first. The trailing underscore in `zero_()` marks an **in-place operation**: it overwrites the numbers in `x.grad` with zeros.

# %%
x.grad.zero_()
y = x.sum()
y.backward()
x.grad

# %% [markdown] zh
# 另一种办法是把 `x.grad` 设成 `None`，就像从没算过梯度一样。下一次 `backward()` 会重新创建它。

# %% [markdown] en
# The other way is to set `x.grad` to `None`, as if no gradient had ever been computed. The next `backward()` creates it anew.

# %%
x.grad = None
print(x.grad)
y = 2 * torch.dot(x, x)
y.backward()
x.grad

# %% [markdown] zh
# ## 为什么要累加？
#
# 因为梯度本来就该相加。如果一个变量通过好几条路径影响输出，链式法则说：**各条路径的贡献要加起来**。
#
# $$y = x \times x \quad\Rightarrow\quad \frac{dy}{dx} = x + x = 2x$$
#
# 乘法节点的两个输入都是 `x`：沿第一条边的局部导数是第二个因子 $x$，沿第二条边的是第一个因子 $x$。两条边各带回一份梯度，在 `x` 处相加。PyTorch 在一次 `backward()` 内部这样做，在多次 `backward()` 之间也这样做：比如把一批数据分几次算完，梯度自然就合在一起了（第 4 节会讲为什么一批样本的梯度就是各样本梯度之和）。代价是：**每次更新参数之后，要记得清零**。

# %% [markdown] en
# ## Why add?
#
# Because gradients are meant to add up. If a variable affects the output along several paths, the chain rule says: **add the contributions of all paths**.
#
# $$y = x \times x \quad\Rightarrow\quad \frac{dy}{dx} = x + x = 2x$$
#
# Both inputs of the multiplication are `x`: the local derivative along the first edge is the second factor, $x$, and along the second edge it is the first factor, $x$. Each edge brings back its share of the gradient, and the shares add up at `x`. PyTorch does this inside one `backward()` and also between several: split a batch into parts, and their gradients combine on their own (lesson 4 shows why a batch's gradient is the sum of its examples' gradients). The price: **after each update of the parameters, remember to zero the gradients**.

# %%
x = torch.tensor(3.0, requires_grad=True)
with torch.trace() as tape:
    y = x * x
    y.backward()
play(tape)

# %% [markdown] zh
# ## 试一试
#
# 上面播放器那一格已经对 `y = x * x` 做过一次反向传播，所以现在 `x.grad` 已经是 6 了。
#
# 1. 把下一格连续运行三次（不要重新运行上面的格子）。每次运行之后 `x.grad` 是多少？先猜，再运行。
# 2. 在 `y.backward()` 前面加一行 `x.grad.zero_()`，再连续运行几次，结果有什么不同？

# %% [markdown] en
# ## Try it
#
# The player cell above has already run one backward pass for `y = x * x`, so `x.grad` is 6 by now.
#
# 1. Run the next cell three times in a row (without rerunning the cells above). What is `x.grad` after each run? Guess first, then run.
# 2. Add the line `x.grad.zero_()` before `y.backward()` and run it several times again. What changes?

# %%
y = x * x
y.backward()
x.grad

