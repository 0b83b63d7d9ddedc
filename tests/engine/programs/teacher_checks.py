# What a teacher checks: finite differences in float64, several outputs, inputs=, higher orders
import torch
# finite differences in float64 against autograd
def f(x):
    return (x ** 3 - 2 * x).sin().sum()
x = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64, requires_grad=True)
f(x).backward()
h = 1e-6
num = torch.zeros(3, dtype=torch.float64)
for i in range(3):
    e = torch.zeros(3, dtype=torch.float64)
    e[i] = h
    num[i] = (f(x.detach() + e) - f(x.detach() - e)) / (2 * h)
print(x.grad, num, (x.grad - num).abs().max() < 1e-8)
print(torch.tensor(0.1, dtype=torch.float64) + torch.tensor(0.2, dtype=torch.float64) == 0.30000000000000004)
y1 = x * 2
y2 = x ** 2
torch.autograd.backward([y1.sum(), y2.sum()], retain_graph=True)
print(x.grad)
x.grad = None
g = torch.autograd.grad([y1, y2], [x], grad_outputs=[torch.ones(3, dtype=torch.float64), torch.full((3,), 0.5, dtype=torch.float64)])
print(g)
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = a * b
c.backward(inputs=[a])
print(a.grad, b.grad)
z = torch.tensor([1.0, 2.0], requires_grad=True)
out = z.exp()
out2 = out.sum() * out.mean()
out2.backward()
print(z.grad)
w = torch.tensor([[0.5, -0.5]], requires_grad=True)
def loss_fn(w):
    return ((w @ torch.tensor([[1.0], [2.0]]) - 1) ** 2).sum()
for step in range(4):
    loss = loss_fn(w)
    grad, = torch.autograd.grad(loss, w)
    with torch.no_grad():
        w -= 0.1 * grad
    print(step, f"{loss.item():.6f}", w.data)
print(torch.autograd.functional.jacobian(lambda v: torch.stack([v[0] * v[1], v[0] + v[1]]), torch.tensor([2.0, 3.0])))
x = torch.tensor(1.0, requires_grad=True)
y = x ** 4
for order in range(1, 5):
    (y,) = torch.autograd.grad(y, x, create_graph=True)
    print(order, y)
