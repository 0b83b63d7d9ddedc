# Source 002 displays  x.grad, type(y), y  as  (tensor([1., 1., 1., 1.]), torch.Tensor, ...)
import torch
x = torch.arange(4.0, requires_grad=True)
y = x.sum()
y.backward()
print(type(y))
print((x.grad, type(y), y))
print(type(x.grad).__module__, type(x.grad).__name__)
