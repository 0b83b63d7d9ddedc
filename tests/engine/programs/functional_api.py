# torch.autograd.functional and gradcheck, as the autograd docs show them
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp

def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = torch.tensor([[0.1, 0.2], [0.3, -0.4]])
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True).grad_fn is None)
def exp_adder(x, y):
    return 2 * x.exp() + 3 * y
print(jacobian(exp_adder, (torch.tensor([0.5, 1.0]), torch.tensor([1.0, 2.0]))))
def pow_reducer(x):
    return x.pow(3).sum()
print(hessian(pow_reducer, torch.tensor([[1.0, 2.0], [3.0, 4.0]])))
def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()
print(hessian(pow_adder_reducer, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
v = torch.ones(2)
print(vjp(exp_reducer, inputs, v))
print(jvp(exp_reducer, inputs, torch.ones(2, 2)))
print(hvp(pow_reducer, torch.tensor([1.0, 2.0]), torch.ones(2)))
print(vhp(pow_reducer, torch.tensor([1.0, 2.0]), torch.ones(2)))
from torch.autograd import gradcheck, gradgradcheck
x = torch.tensor([0.3, -0.7, 1.1], dtype=torch.double, requires_grad=True)
print(gradcheck(torch.sin, (x,), eps=1e-6, atol=1e-4))
print(gradgradcheck(torch.sin, (x,)))
print(gradcheck(lambda a: (a * a).sum(), (x,)))
try:
    gradcheck(torch.sin, (torch.tensor([0.3], requires_grad=True),))
    print("float32 passed")
except Exception as e:
    print(f"E> {type(e).__name__}")
print(torch.autograd.grad(torch.sin(x).sum(), x))
print(torch.autograd.grad([x.sum(), (x * 2).sum()], [x]))
print(torch.autograd.grad(x * 2, x, grad_outputs=torch.ones(3, dtype=torch.double)))
y = x ** 2
torch.autograd.backward([y.sum()], inputs=[x])
print(x.grad)
x.grad = None
torch.autograd.backward(x ** 2, grad_tensors=torch.ones(3, dtype=torch.double))
print(x.grad)
