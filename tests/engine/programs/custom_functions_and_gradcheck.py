# Custom autograd.Functions (PyTorch's extending-autograd page) and gradcheck
import torch
from torch.autograd import Function, gradcheck, gradgradcheck

class MyExp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

x = torch.tensor([0.5, 1.0], dtype=torch.float64, requires_grad=True)
y = MyExp.apply(x)
print(y, y.grad_fn, type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
print(gradcheck(MyExp.apply, (x,)), gradgradcheck(MyExp.apply, (x,)))

class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None

x = torch.ones(3, requires_grad=True)
z = MulConstant.apply(x, 5.0)
z.sum().backward()
print(z, x.grad)

class Split(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mark_non_differentiable()
        return x.clone(), x.clone() * 2

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 + 2 * g2

x = torch.tensor([1.0, 2.0], requires_grad=True)
a, b = Split.apply(x)
print(a, b, a.grad_fn is b.grad_fn)
(a * b).sum().backward()
print(x.grad)

class NoMat(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x.clone(), x.clone()

    @staticmethod
    def backward(ctx, g1, g2):
        print("g2 is", g2)
        return g1

x = torch.tensor([1.0, 2.0], requires_grad=True)
a, b = NoMat.apply(x)
a.sum().backward()
print(x.grad)

def f(x):
    return (x ** 2).sum()
x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(f, (x,), eps=1e-6, atol=1e-4))
class Bad(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return g * 3
try:
    gradcheck(Bad.apply, (x,))
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
print(gradcheck(Bad.apply, (x,), raise_exception=False))
print(torch.autograd.functional.jacobian(lambda a, b: a * b, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
print(torch.autograd.functional.vjp(lambda a: a ** 2, torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0])))
print(torch.autograd.functional.hessian(lambda a: (a ** 2).prod(), torch.tensor([1.0, 2.0])))
