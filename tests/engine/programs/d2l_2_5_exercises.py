# D2L 2.5 (automatic differentiation) and its exercises, as a student works them
import torch
x = torch.arange(4.0)
print(x)
x.requires_grad_(True)
print(x.grad)
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)
x.grad.zero_()
y = x * x
y.backward(torch.ones(len(x)))
print(x.grad)
x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u, u.requires_grad, y.requires_grad, u.grad_fn)
x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)

def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c

for start in (0.7, -1.3, 5e-4):
    a = torch.tensor(start, requires_grad=True)
    d = f(a)
    d.backward()
    print(a.grad == d / a, a.grad, d.grad_fn)

# exercise 1/2: second derivative, backward twice
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward(retain_graph=True)
y.backward()
print(x.grad)
# exercise 3: a vector a
a = torch.tensor([0.5, -2.0, 3.0], requires_grad=True)
d = f(a)
d.sum().backward()
print(d, a.grad)
# exercise 4 (f(x) = sin x, its derivative without knowing cos)
x = torch.linspace(-3, 3, 7, requires_grad=True)
y = torch.sin(x)
y.sum().backward()
print(x.grad, torch.cos(x.detach()), torch.allclose(x.grad, torch.cos(x).detach()))
print(x.grad.numpy().round(3), x.detach().numpy().shape)
# a scalar y of a scalar x and a random start
a = torch.randn(size=(), requires_grad=True)
print(a.shape, a.requires_grad, a.dim(), a.numel())
b = torch.randn(size=(3, 1))
print(b.shape)
# the Jacobian rows, the Chinese notes' way
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.stack([x[0] ** 2 * x[1], 3 * x[0] + x[1] ** 3])
print(y, y.grad_fn)
for i in range(2):
    if x.grad is not None:
        x.grad.zero_()
    y[i].backward(retain_graph=True)
    print(x.grad)
print(torch.autograd.functional.jacobian(lambda x: torch.stack([x[0] ** 2 * x[1], 3 * x[0] + x[1] ** 3]), x))
print(torch.autograd.functional.hessian(lambda x: (x ** 3).sum(), x))
