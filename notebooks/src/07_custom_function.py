# %% [markdown] zh
# # 7 · 自定义函数：自己写前向和反向
#
# 这一节你会：
# - 继承 `torch.autograd.Function`，亲手写一个 ReLU 的**前向传播**和**反向传播**；
# - 用 `ctx.save_for_backward` 把反向传播要用的张量存起来；
# - 用它搭一个两层神经网络，手动训练（迭代 500 次），并画出**损失**曲线。

# %% [markdown] en
# # 7 · A custom function: your own forward and backward
#
# In this lesson you will:
# - subclass `torch.autograd.Function` and write the **forward pass** and the **backward pass** of a ReLU yourself;
# - keep the tensors the backward pass needs with `ctx.save_for_backward`;
# - use it to train a two-layer network by hand for 500 iterations, and plot the **loss** curve.

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
# ## 一个操作 = 前向 + 反向
#
# 到目前为止，每个操作（加、乘、点积……）都自带局部导数。自定义函数让我们自己补上一个新操作，只需写两个静态方法：
#
# - `forward(ctx, input)`：算出结果；把反向时要用的东西交给 `ctx.save_for_backward`。
# - `backward(ctx, grad_output)`：收到“损失对输出的梯度”，返回“损失对输入的梯度”。
#
# ReLU 是 $\mathrm{relu}(x) = \max(x, 0)$，局部导数在 $x > 0$ 时是 1，在 $x < 0$ 时是 0。所以反向时只要把输入为负的位置的梯度清零即可。（$x = 0$ 处是一个拐角，没有导数，这一节最后再谈。）

# %% [markdown] en
# ## One operation = forward + backward
#
# So far every operation (add, multiply, dot, ...) came with its own local derivative. A custom function lets us add a new operation ourselves by writing two static methods:
#
# - `forward(ctx, input)`: compute the result; hand whatever the backward pass will need to `ctx.save_for_backward`.
# - `backward(ctx, grad_output)`: receive the gradient of the loss with respect to the output, return the gradient with respect to the input.
#
# ReLU is $\mathrm{relu}(x) = \max(x, 0)$. Its local derivative is 1 where $x > 0$ and 0 where $x < 0$, so the backward pass just zeroes the gradient wherever the input was negative. (At $x = 0$ there is a corner and no derivative; more on that at the end of this lesson.)

# %%
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input

# %% [markdown] zh
# 自定义函数要通过 `apply` 调用。先在 4 个数上试一试：结果的 `grad_fn` 是 `MyReLUBackward`，它和内置操作的节点一样出现在图里。

# %% [markdown] en
# A custom function is called through `apply`. Try it on 4 numbers: the result's `grad_fn` is `MyReLUBackward`, and it sits in the graph just like the nodes of built-in operations.

# %%
relu = MyReLU.apply
s = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
r = relu(s)
print(r)
show(r)

# %% [markdown] zh
# 在播放器里看反向传播：走到 `MyReLU` 节点时（autograd 视图里叫 `MyReLUBackward`），调用的就是我们刚写的 `backward`。

# %% [markdown] en
# Watch the backward pass in the player: when it reaches the `MyReLU` node (`MyReLUBackward` in the autograd view), it calls the `backward` we just wrote.

# %%
with torch.trace() as tape:
    r.sum().backward()
play(tape)

# %%
s.grad

# %% [markdown] zh
# 自己写的导数可能写错。`torch.autograd.gradcheck` 把它和数值差分 $\frac{f(x+\varepsilon) - f(x-\varepsilon)}{2\varepsilon}$ 对比（需要 `float64` 精度），一致就返回 `True`：

# %% [markdown] en
# A hand-written derivative can be wrong. `torch.autograd.gradcheck` compares it with the finite difference $\frac{f(x+\varepsilon) - f(x-\varepsilon)}{2\varepsilon}$ (it needs `float64` precision) and returns `True` when they agree:

# %%
s64 = torch.tensor([-2.0, -0.5, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(relu, (s64,))

# %% [markdown] zh
# ## 手动训练一个两层网络
#
# 现在用 `MyReLU` 搭一个两层网络：$\hat{\mathbf{y}} = \mathrm{relu}(\mathbf{x} W_1)\, W_2$，损失是平方误差之和：
#
# $$\ell = \sum (\hat{\mathbf{y}} - \mathbf{y})^2$$
#
# 数据和权重都是随机的，我们先固定随机种子。`N` 是批量大小（一批 64 个样本），`D_in` 是输入的维数，`H` 是隐藏层的维数，`D_out` 是输出的维数。

# %% [markdown] en
# ## Training a two-layer network by hand
#
# Now build a two-layer network with `MyReLU`: $\hat{\mathbf{y}} = \mathrm{relu}(\mathbf{x} W_1)\, W_2$, with the sum of squared errors as the loss:
#
# $$\ell = \sum (\hat{\mathbf{y}} - \mathbf{y})^2$$
#
# Data and weights are random; we fix the seed first. `N` is the batch size (64 examples in a batch), `D_in` the input dimension, `H` the hidden dimension and `D_out` the output dimension.

# %%
torch.manual_seed(0)
dtype = torch.float
device = torch.device("cpu")

N, D_in, H, D_out = 64, 1000, 100, 10

x = torch.randn(N, D_in, device=device, dtype=dtype)
y = torch.randn(N, D_out, device=device, dtype=dtype)

w1 = torch.randn(D_in, H, device=device, dtype=dtype, requires_grad=True)
w2 = torch.randn(H, D_out, device=device, dtype=dtype, requires_grad=True)

# %% [markdown] zh
# 训练之前，先看一次迭代的计算图长什么样：每个变量节点都标出了形状。

# %% [markdown] en
# Before training, look at the graph of one iteration: every variable node shows its shape.

# %%
y_pred = relu(x.mm(w1)).mm(w2)
loss = (y_pred - y).pow(2).sum()
show(loss)

# %% [markdown] zh
# 每次迭代做四件事：前向传播、算损失、反向传播、在 `no_grad` 下更新权重并**梯度清零**（回忆第 3、5 节）。为了不刷屏，每 100 次迭代打印一次损失，所有损失都记在 `losses` 里。

# %% [markdown] en
# Each iteration does four things: forward pass, loss, backward pass, then update the weights under `no_grad` and **zero the gradients** (remember lessons 3 and 5). To keep the output short we print the loss every 100 iterations and keep all of them in `losses`.

# %%
learning_rate = 1e-6
losses = []
for t in range(500):
    y_pred = relu(x.mm(w1)).mm(w2)

    loss = (y_pred - y).pow(2).sum()
    losses.append(loss.item())
    if t % 100 == 99:
        print(t, loss.item())

    loss.backward()

    with torch.no_grad():
        w1 -= learning_rate * w1.grad
        w2 -= learning_rate * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()

# %% [markdown] zh
# 损失从几千万降到接近 0。跨度太大，纵轴用对数刻度：

# %% [markdown] en
# The loss falls from tens of millions to nearly 0. The range is huge, so the vertical axis is logarithmic:

# %%
plt.figure(figsize=(6, 3.5))
plt.semilogy(losses)
plt.xlabel("t")
plt.ylabel("loss")
plt.grid(True, alpha=0.3)
plt.show()

# %% [markdown] zh
# ## 试一试
#
# 1. 把训练那一格里的**学习率** `learning_rate` 改成 `5e-6` 或 `1e-7`。先重新运行 `torch.manual_seed(0)` 那一格，让权重回到初始值，再依次运行训练和画图两格。曲线怎么变了？
# 2. 用内置的 `torch.relu` 换掉 `relu = MyReLU.apply`，训练结果一样吗？下面这格先在五个数上比较两者的反向传播，其中有一个正好是 0。

# %% [markdown] en
# ## Try it
#
# 1. In the training cell, change the **learning rate** `learning_rate` to `5e-6` or `1e-7`. Rerun the `torch.manual_seed(0)` cell first, so that the weights start afresh, then the training and plotting cells. How does the curve change?
# 2. Replace `relu = MyReLU.apply` with the built-in `torch.relu`. Does training give the same result? The next cell first compares the two backward passes on five numbers, one of them exactly 0.

# %%
s1 = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
s2 = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
relu(s1).sum().backward()
torch.relu(s2).sum().backward()
print(s1.grad)
print(s2.grad)

# %% [markdown] zh
# 两者只在 0 处不同。ReLU 在 0 处有个拐角，没有导数，取 0 到 1 之间的哪个数都说得过去：PyTorch 的 `relu` 取 0；`MyReLU` 只把 `input < 0` 的位置清零，于是在 0 处把梯度 1 原样传了回去。想和 PyTorch 一致，把条件改成 `input <= 0` 就行。（`gradcheck` 在 0 处对两者都会失败：数值差分在那里得到的是 0.5。）
#
# 那训练结果会不一样吗？只有当 `relu` 的某个输入**恰好**等于 0 时才会。`x.mm(w1)` 的每个元素都是上千个随机数乘积之和，你也许以为恰好为 0 根本不会发生。可是训练会把一些隐藏单元的输入推向拐角，float32 的舍入又会让其中个别输入正好等于 0。数一数训练好的网络里有几个：

# %% [markdown] en
# They differ only at 0. ReLU has a corner at 0 and no derivative there, so any number between 0 and 1 is a defensible choice: PyTorch's `relu` uses 0, while `MyReLU` zeroes only where `input < 0` and so passes the gradient 1 straight through at 0. To match PyTorch, make the condition `input <= 0`. (`gradcheck` fails at 0 for both: the finite difference there gives 0.5.)
#
# Does training change, then? Only if some input of `relu` is **exactly** 0. Each element of `x.mm(w1)` is a sum of a thousand products of random numbers, so you might think an exact 0 never happens. But training pushes some hidden units' inputs towards the corner, and float32 rounding can then make one or another of them exactly 0. Count them in the trained network:

# %%
with torch.no_grad():
    print((x.mm(w1) == 0).sum())

# %% [markdown] zh
# 在这样的位置上，`MyReLU` 把梯度传了回去，`torch.relu` 没有，两次训练从此就有了细微的差别：损失曲线看上去一模一样，数字的末几位却不同。动手验证：重新运行 `torch.manual_seed(0)` 那一格，把 `relu` 换成 `torch.relu`，再训练一遍，比较 `losses[-1]`。

# %% [markdown] en
# At such places `MyReLU` passes the gradient back and `torch.relu` does not, so the two trainings part ways slightly: the loss curves look identical, but the last digits differ. Check it: rerun the `torch.manual_seed(0)` cell, replace `relu` with `torch.relu`, train again and compare `losses[-1]`.

# %% [markdown] zh
# ## 小练习

# %% [markdown] en
# ## Exercise

# %% exercise custom_function

# %% answer custom_function
