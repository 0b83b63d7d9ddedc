# D2L 3.1 (vectorization, the normal density) and the new edition's 3.4 from scratch:
# the random draws' shapes and flags, backward inside no_grad as its Trainer does, SGD by hand
import math
import time
import numpy as np
import torch

n = 10000
a = torch.ones([n])
b = torch.ones([n])
c = torch.zeros(n)
t = time.time()
for i in range(n):
    c[i] = a[i] + b[i]
d = a + b
print(c[:5], d[-3:], bool((c == d).all()), c.dtype, d.shape)

def normal(x, mu, sigma):
    p = 1 / math.sqrt(2 * math.pi * sigma**2)
    return p * np.exp(-0.5 / sigma**2 * (x - mu)**2)
x = np.arange(-7, 7, 0.01)
print(normal(x, 0, 1).max().round(4))
xt = torch.arange(-7, 7, 0.01)
print(xt.shape, xt.dtype, (1 / math.sqrt(2 * math.pi) * torch.exp(-0.5 * xt ** 2)).max())

w = torch.normal(0, 0.01, (2, 1), requires_grad=True)
print(w.shape, w.requires_grad, w.is_leaf, w.dtype)
X = torch.normal(0, 1, (1000, 2))
noise = torch.randn(1000, 1) * 0.01
print(X.shape, noise.shape, torch.normal(0.0, 1.0, size=(3,)).shape, torch.rand(2, 3).shape)
print(torch.randperm(10).shape, torch.randperm(10).dtype, sorted(torch.randperm(5).tolist()))
print(torch.randint(0, 5, (2, 2)).dtype, torch.randn(2, 3, dtype=torch.float64).dtype)

# the same fit, with fixed numbers
rng = np.random.default_rng(3)
true_w, true_b = torch.tensor([2, -3.4]), 4.2
X = torch.tensor(rng.standard_normal((1000, 2)), dtype=torch.float32)
y = torch.matmul(X, true_w.reshape((-1, 1))) + true_b
w = torch.tensor(rng.normal(0, 0.01, (2, 1)), dtype=torch.float32, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
params, lr = [w, b], 0.03
for epoch in range(3):
    for i in range(0, 1000, 32):
        Xb, yb = X[i:i + 32], y[i:i + 32]
        y_hat = torch.matmul(Xb, w) + b
        l = ((y_hat - yb) ** 2 / 2).mean()
        for p in params:
            if p.grad is not None:
                p.grad.zero_()
        with torch.no_grad():
            l.backward()
            for p in params:
                p -= lr * p.grad
    with torch.no_grad():
        print(epoch, float(((torch.matmul(X, w) + b - y) ** 2 / 2).mean()) < 1.0)
print(w.grad_fn, b.requires_grad, w.grad.shape, (true_w - w.reshape(true_w.shape)).abs().max() < 0.5)
print(f'error in estimating b: {(true_b - b).shape}')
