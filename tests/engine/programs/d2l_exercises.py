# Source 004: the chapter's basics again, then its five exercises.
import torch, matplotlib.pyplot as plt

x = torch.arange(4.0)
x.requires_grad_(True)  # 等价于x=torch.arange(4.0,requires_grad=True)
print(x.grad)  # 默认值是None
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)

x.grad.zero_()
y = x * x
# 等价于y.backward(torch.ones(len(x)))
y.sum().backward()
print(x.grad)

x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)

# 1: a second derivative costs a backward pass through the first one
x = torch.arange(4.0, requires_grad=True)
y = (x ** 3).sum()
g, = torch.autograd.grad(y, x, create_graph=True)
print(g)
g.sum().backward()
print(x.grad)
x.grad = None
y = torch.sin(x).sum()
y.backward(create_graph=True)
dy = x.grad
x.grad = None
dy.sum().backward()
print(x.grad)

# 2: backward twice
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
try:
    y.backward()
except RuntimeError as error:
    print(type(error).__name__, "second time" in str(error))
y = 2 * torch.dot(x, x)
y.backward(retain_graph=True)
y.backward()
print(x.grad)


# 3: the control-flow f with a vector or a matrix a
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


for a in (torch.tensor([0.5, -1.2, 0.3], requires_grad=True),
          torch.tensor([[0.5, -1.2], [0.3, -0.1]], requires_grad=True),
          torch.tensor([[3.0, 1.0], [-1.0, 2.0]], requires_grad=True)):
    d = f(a)
    d.sum().backward()
    print(a.grad)
    print(a.grad == d / a)
    print(d)


# 4: the branch actually taken is the one differentiated
def g(x):
    if x > 1:
        y = x * x
    else:
        y = 3 * x
    return y


for value in (2.0, 0.5):
    x = torch.tensor(value, requires_grad=True)
    y = g(x)
    y.backward()
    print(x.grad)

# 5: sin and its derivative, plotted
x = torch.linspace(-2*torch.pi, 2*torch.pi, 200, requires_grad=True)
y = torch.sin(x)
y.backward(torch.ones_like(x))
plt.plot(x.detach(), y.detach(), label='sin(x)')
plt.plot(x.detach(), x.grad, label='cos(x)')
plt.legend()
# what matplotlib took from the tensors
for line in plt.gca().lines:
    data = line.get_xydata()
    print(line.get_label(), data.dtype, data.shape, data[:, 0].tolist(), data[:, 1].tolist())
plt.close("all")
