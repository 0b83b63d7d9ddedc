# no_grad, set_grad_enabled, inference_mode, detach_, retain_grad, retain_graph
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
@torch.no_grad()
def evaluate(x):
    return (w * x).sum()
print(evaluate(torch.ones(2)), torch.is_grad_enabled())
with torch.set_grad_enabled(False):
    print((w * 2).requires_grad)
torch.set_grad_enabled(False)
print((w * 2).requires_grad)
torch.set_grad_enabled(True)
print((w * 2).requires_grad)
with torch.inference_mode():
    p = w * 3
print(p, p.requires_grad, p.is_inference())
with torch.enable_grad():
    print((w * 2).requires_grad)
with torch.no_grad():
    with torch.enable_grad():
        q = w * 2
print(q.requires_grad, q.grad_fn)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.detach_()
print(y, y.requires_grad, y.is_leaf)
z = x.detach().requires_grad_()
print(z.is_leaf, z.requires_grad)
a = torch.tensor([3.0], requires_grad=True)
b = a ** 2
b.retain_grad()
c = b * 4
c.backward()
print(a.grad, b.grad, b.retains_grad, c.is_leaf)
try:
    c.backward()
except RuntimeError as e:
    print(str(e)[:60])
b = a ** 2
c = b * 4
c.backward(retain_graph=True)
c.backward()
print(a.grad)
a.grad = None
print(a.grad)
