# Autograd mechanics: backward hooks on tensors and on nodes, and when they run
import torch

a = torch.tensor([1., 2.], requires_grad=True)
b = a * 3
c = b.exp().sum()
b.register_hook(lambda g: print("tensor hook on b", g))
b.grad_fn.register_hook(lambda gi, go: print("node hook", b.grad_fn.name(), gi, go))
b.grad_fn.register_prehook(lambda go: print("node prehook", go))
a.register_hook(lambda g: print("leaf hook", g))
h = a.register_post_accumulate_grad_hook(lambda p: print("post accumulate", p.grad))
c.backward()
print(a.grad)
h.remove()

# a hook that returns a new gradient replaces it
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x ** 2
y.register_hook(lambda g: g * 0 + 1)
y.sum().backward()
print(x.grad)
# retain_grad and hooks: the retained grad is the one after the hooks that ran before retain_grad
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g * 10)
y.retain_grad()
y.register_hook(lambda g: g * 100)
y.sum().backward()
print(y.grad, x.grad)
# next_functions walk
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
z = (x * w + x).sum()
def walk(fn, depth=0):
    print("  " * depth + (type(fn).__name__ if fn is not None else "None"))
    if fn is not None:
        for nxt, _ in fn.next_functions:
            walk(nxt, depth + 1)
walk(z.grad_fn)
acc = z.grad_fn.next_functions[0][0].next_functions[1][0]
print(acc.variable is x, type(acc).__name__)
print(z.grad_fn.metadata, isinstance(z.grad_fn, torch.autograd.graph.Node))
# grad of non-leaf via autograd.grad, allow_unused, materialize
u = torch.tensor(1.0, requires_grad=True)
v = torch.tensor(2.0, requires_grad=True)
out = u * 2
print(torch.autograd.grad(out, [u, v], allow_unused=True))
print(torch.autograd.grad(u * 2, [u, v], allow_unused=True, materialize_grads=True))
y = u * v
gu, = torch.autograd.grad(y, u, create_graph=True)
print(gu, gu.requires_grad, gu.grad_fn)
gu.backward()
print(v.grad, u.grad)
