# Beyond the notes: matrix calculus, second derivatives, jacobian/hessian, hooks
import torch
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
print(x.grad == 4 * x)
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)
# matrix calculus: d(x^T A x)/dx = (A + A^T) x
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
x = torch.tensor([1.0, -1.0], requires_grad=True)
f = x @ A @ x
f.backward()
print(f, x.grad, (A + A.T) @ x.detach())
# second derivative of sin
x = torch.linspace(0, 3, 7, requires_grad=True)
y = torch.sin(x)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
h, = torch.autograd.grad(g.sum(), x)
print(g, h, torch.cos(x), -torch.sin(x))
# jacobian and hessian
from torch.autograd.functional import jacobian, hessian
print(jacobian(lambda v: v ** 2, torch.tensor([1.0, 2.0])))
print(hessian(lambda v: (v ** 3).sum(), torch.tensor([1.0, 2.0])))
# hooks
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.register_hook(lambda g: print("grad of y:", g))
h = x.register_hook(lambda g: g * 10)
(y ** 2).sum().backward()
print(x.grad)
h.remove()
x.grad = None
(y.detach() * x).sum().backward()
print(x.grad)
# grad of a non-scalar with gradient=
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
y.backward(torch.tensor([0.1, 1.0, 0.0001]))
print(x.grad)
print(torch.autograd.grad((x * x).sum(), x))
