# D2L 4.4 softmax regression pieces
import numpy as np
import torch
X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdim=True), X.sum(1, keepdim=True))
def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition
rng = np.random.default_rng(0)
X = torch.tensor(rng.normal(0, 1, (2, 5)), dtype=torch.float32)
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])
def cross_entropy(y_hat, y):
    return - torch.log(y_hat[range(len(y_hat)), y])
print(cross_entropy(y_hat, y))
def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())
print(accuracy(y_hat, y) / len(y))
W = torch.tensor(rng.normal(0, 0.01, (4, 3)), dtype=torch.float32, requires_grad=True)
b = torch.zeros(3, requires_grad=True)
def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)
Xb = torch.tensor(rng.normal(0, 1, (6, 2, 2)), dtype=torch.float32)
yb = torch.tensor([0, 1, 2, 2, 1, 0])
for step in range(3):
    l = cross_entropy(net(Xb), yb)
    l.sum().backward()
    with torch.no_grad():
        for p in (W, b):
            p -= 0.1 * p.grad / 6
            p.grad.zero_()
    print(step, float(l.mean()), accuracy(net(Xb), yb))
print(torch.nn.functional.cross_entropy(torch.matmul(Xb.reshape(6, 4), W) + b, yb))
print(torch.log(torch.tensor(0.0)), -torch.log(torch.tensor([0.0, 1.0])))
print(softmax(torch.tensor([[100.0, 0.0]])), softmax(torch.tensor([[1000.0, 0.0]])))
print(torch.softmax(torch.tensor([[1000.0, 0.0]]), dim=1))
