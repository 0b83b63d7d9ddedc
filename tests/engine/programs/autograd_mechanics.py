# PyTorch's "Autograd mechanics" notes
import torch
import numpy as np
rng = np.random.default_rng(0)
x = torch.tensor(rng.standard_normal(5), dtype=torch.float32, requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))  # True
print(x is y.grad_fn._saved_self)  # True
y = x.exp()
print(y.equal(y.grad_fn._saved_result))  # True
print(y is y.grad_fn._saved_result)  # False
print(y.grad_fn._saved_result.grad_fn)
# Locally disabling gradient computation
x = torch.zeros(1, requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad)
is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)
torch.set_grad_enabled(True)
y = x * 2
print(y.requires_grad)
torch.set_grad_enabled(False)
y = x * 2
print(y.requires_grad)
torch.set_grad_enabled(True)
@torch.no_grad()
def doubler(x):
    return x * 2
z = doubler(x)
print(z.requires_grad)
@torch.enable_grad()
def tripler(x):
    return x * 3
with torch.no_grad():
    z = tripler(x)
print(z.requires_grad)
with torch.inference_mode():
    w = x * 2
print(w.requires_grad, w.is_inference(), x.is_inference())
try:
    (w * x).sum().backward()
except RuntimeError as e:
    print(f"E> RuntimeError: {e}")
print(torch.is_grad_enabled())
# in-place correctness checks
a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a.sigmoid()
c = b * 2
b.add_(1)
print(b._version)
try:
    c.sum().backward()
except RuntimeError as e:  # minigrad has no anomaly mode: its hint says what to do instead
    print(f"E> RuntimeError: {str(e).split(' Hint:')[0]}")
a = torch.tensor([1., 2., 3.], requires_grad=True)
b = a.exp()
b.mul_(2)
try:
    b.sum().backward()
except RuntimeError as e:
    print(f"E> RuntimeError: {str(e).split(' Hint:')[0]}")
# hooks
v = torch.tensor([0., 0., 0.], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)  # double the gradient
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)
h.remove()
# retain_grad
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
y.retain_grad()
z = (y ** 2).sum()
z.backward()
print(y.grad, x.grad, y.retains_grad, x.retains_grad)
w = x * 4
print(w.grad)
