# sort, argsort and topk: what they print and where their gradients go
import torch
x = torch.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]], requires_grad=True)
s = x.sort(dim=1, descending=True)
print(s)
print(s.values.grad_fn, type(s).__name__)
t = x.topk(2)
print(t)
(t.values * torch.tensor([1.0, 10.0])).sum().backward()
print(x.grad)
print(torch.sort(x, 0), x.argsort(dim=1), torch.argsort(x, descending=True))
print(torch.tensor([2, 1, 2, 1]).sort(stable=True), torch.tensor([5, 3, 9]).topk(1, largest=False))
v, i = torch.tensor([0.1, 0.7, 0.2]).topk(2)
print(v, i)
