# PyTorch's "Extending torch.autograd" page writes Functions in PyTorch 2's style:
# forward(*inputs) without ctx, and setup_context(ctx, inputs, output) saving for backward.
import numpy as np
import torch


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class MulConstant(torch.autograd.Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.constant = constant  # a number, kept on ctx

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


class Square(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return x ** 2

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        ctx.save_for_backward(x, output)  # the output too: no "modified" error, no cycle

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_tensors
        return grad * 2 * x


rng = np.random.default_rng(0)
x = torch.tensor(rng.standard_normal((3, 4)), requires_grad=True)
w = torch.tensor(rng.standard_normal((2, 4)), requires_grad=True)
b = torch.tensor(rng.standard_normal(2), requires_grad=True)
y = LinearFunction.apply(x, w, b)
print(y)
z = Square.apply(MulConstant.apply(y, 0.5)).sum()
z.backward()
print(z)
print(x.grad)
print(w.grad)
print(b.grad)
print(torch.autograd.gradcheck(LinearFunction.apply, (x, w, b)))
print(torch.autograd.gradcheck(Square.apply, (x,)))
print(LinearFunction.apply(x, w, None).grad_fn.name())
with torch.no_grad():
    print(Square.apply(x).requires_grad)
