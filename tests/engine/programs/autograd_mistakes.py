# Mistakes a learner makes with autograd, and what PyTorch says (E> lines: its words, then
# minigrad's hint may follow)
import torch

def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(f"E> {type(e).__name__}: {str(e).splitlines()[0]}")

# the update outside no_grad rebinds w to a non-leaf
w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
w = w - 0.1 * w.grad
print(w.is_leaf, w.grad_fn, w.requires_grad)
loss = (w ** 2).sum()
loss.backward()
attempt(lambda: w.grad)
# inside no_grad: a new leaf without requires_grad
w = torch.tensor([1.0, 2.0], requires_grad=True)
(w ** 2).sum().backward()
with torch.no_grad():
    w = w - 0.1 * w.grad
print(w.requires_grad, w.is_leaf)
attempt(lambda: (w ** 2).sum().backward())
# detach shares memory: changing it in place changes x and the version check sees it
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.pow(2)
d = x.detach()
d.zero_()
print(x, x._version, d._version)
try:
    y.sum().backward()
except RuntimeError as e:  # minigrad has no anomaly mode: its hint says what to do instead
    print(f"E> RuntimeError: {str(e).split(' Hint:')[0]}")
# .data does not bump the version: the wrong gradient silently
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.pow(2)
x.data.zero_()
print(x._version)
y.sum().backward()
print(x.grad)
# grad of a grad without create_graph
x = torch.tensor(2.0, requires_grad=True)
g, = torch.autograd.grad(x ** 3, x)
print(g, g.requires_grad)
attempt(lambda: torch.autograd.grad(g, x))
# autograd.grad leaves .grad alone; twice through one graph needs retain_graph
y = x ** 3
print(torch.autograd.grad(y, x, retain_graph=True), x.grad)
print(torch.autograd.grad(y, x))
attempt(lambda: torch.autograd.grad(y, x))
# a graph cut by item() or numpy()
x = torch.tensor([1.0, 2.0], requires_grad=True)
s = torch.tensor((x ** 2).sum().item())
attempt(lambda: s.backward())
attempt(lambda: torch.tensor((x * 2).detach().numpy()).requires_grad)
# requires_grad on a non-leaf
y = x * 2
attempt(lambda: y.requires_grad_(False))
attempt(lambda: setattr(y, "requires_grad", True))
attempt(lambda: y.requires_grad_())
# integer and boolean outputs have no grad_fn
attempt(lambda: (x > 1).grad_fn)
attempt(lambda: x.argmax().requires_grad)
attempt(lambda: (x > 1).sum().backward())
# backward on a leaf, and zeroing grads
x = torch.tensor(3.0, requires_grad=True)
x.backward()
print(x.grad)
x.backward(torch.tensor(2.0))
print(x.grad)
x.grad.zero_()
print(x.grad)
attempt(lambda: torch.tensor(1.0).grad.zero_())
# hooks with the wrong shape
x = torch.tensor([1.0, 2.0], requires_grad=True)
x.register_hook(lambda g: g.sum())
attempt(lambda: (x * 1).sum().backward())
attempt(lambda: torch.tensor([1.0]).register_hook(lambda g: g))
# gradient of a non-scalar without grad_outputs; of a scalar with the wrong shape
x = torch.tensor([1.0, 2.0], requires_grad=True)
attempt(lambda: torch.autograd.grad(x * 2, x, grad_outputs=torch.ones(3)))
attempt(lambda: torch.autograd.grad((x * 2).sum(), x, grad_outputs=torch.ones(2)))
attempt(lambda: (x * 2).backward(gradient=torch.ones(2, 1)))
attempt(lambda: torch.autograd.grad((x * 2).sum(), x.detach()))
attempt(lambda: torch.autograd.grad((x * 2).sum(), (x * 3)))
