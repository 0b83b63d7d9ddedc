# D2L 4.2 MLP from scratch without nn.Module (raw tensors)
import numpy as np
import torch
rng = np.random.default_rng(0)
num_inputs, num_outputs, num_hiddens = 8, 3, 16
W1 = torch.tensor(rng.normal(0, 0.1, (num_inputs, num_hiddens)), dtype=torch.float32, requires_grad=True)
b1 = torch.zeros(num_hiddens, requires_grad=True)
W2 = torch.tensor(rng.normal(0, 0.1, (num_hiddens, num_outputs)), dtype=torch.float32, requires_grad=True)
b2 = torch.zeros(num_outputs, requires_grad=True)
params = [W1, b1, W2, b2]
def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)
def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X @ W1 + b1)
    return (H @ W2 + b2)
X = torch.tensor(rng.normal(0, 1, (20, 8)), dtype=torch.float32)
y = torch.tensor(rng.integers(0, 3, 20))
loss = torch.nn.functional.cross_entropy
for epoch in range(5):
    l = loss(net(X), y, reduction='none')
    l.mean().backward()
    with torch.no_grad():
        for p in params:
            p -= 0.5 * p.grad
            p.grad.zero_()
    acc = (net(X).argmax(1) == y).float().mean()
    print(f"epoch {epoch}: loss {l.mean().item():.4f}, acc {acc.item():.2f}")
def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    if dropout == 1:
        return torch.zeros_like(X)
    mask = (torch.tensor(rng.uniform(0, 1, X.shape), dtype=torch.float32) > dropout).float()
    return mask * X / (1.0 - dropout)
X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
print(dropout_layer(X, 0.), dropout_layer(X, 0.5), dropout_layer(X, 1.))
def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2
print(l2_penalty(W1).item() > 0, W1.grad)
print(torch.sigmoid(torch.tensor([0.0, 100.0, -100.0])), torch.tanh(torch.tensor([0.0, 20.0])))
x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))
print(x.grad[::20])
x.grad.data.zero_()
y = torch.relu(x)
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[75:85])
