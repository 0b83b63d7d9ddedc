# In-place changes: versions, CopySlices, the saved-tensor check, views, .data
import torch
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a * 2
print(b._version)
b.add_(1)
print(b._version, b.grad_fn)
b.mul_(2)
print(b, b.grad_fn, b._version)
b.sum().backward()
print(a.grad)
c = a.clone()
c[0] = 10
print(c, c.grad_fn)
d = a.exp()
d.add_(1)
try:
    d.sum().backward()
except RuntimeError as e:
    print(str(e).split(" Hint:")[0])
x = torch.zeros(3)
x += 1
x *= 2
x -= 0.5
x /= 3
print(x)
x.zero_()
print(x, x.fill_(2), x.clamp_(0, 1), x.relu_(), x.neg_(), x.exp_(), x.pow_(2))
w = torch.ones(2, requires_grad=True)
try:
    w += 1
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])
with torch.no_grad():
    w += 1
print(w, w.grad_fn, w.requires_grad)
w.data.mul_(3)
print(w)
v = torch.arange(6.0).reshape(2, 3)
row = v[0]
row[1] = 100
print(v)
t = v.t()
print(t.is_contiguous(), v.is_contiguous(), t.contiguous().is_contiguous())
try:
    t.view(6)
except RuntimeError as e:
    print(str(e).split(" Hint:")[0])
print(t.reshape(6))
