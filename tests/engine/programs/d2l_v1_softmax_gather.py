# The first edition's softmax regression from scratch (Dive into DL in PyTorch): the loss
# picks each sample's probability with gather; plus log1p/expm1/log2/log10/tan a learner meets
import torch
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
y = torch.LongTensor([0, 2])
print(y_hat.gather(1, y.view(-1, 1)))
def softmax(X):
    X_exp = X.exp()
    partition = X_exp.sum(dim=1, keepdim=True)
    return X_exp / partition
def cross_entropy(y_hat, y):
    return - torch.log(y_hat.gather(1, y.view(-1, 1)))
def accuracy(y_hat, y):
    return (y_hat.argmax(dim=1) == y).float().mean().item()
print(accuracy(y_hat, y))
W = torch.tensor([[0.1, -0.2, 0.3], [0.0, 0.5, -0.1], [0.2, 0.1, 0.0], [-0.3, 0.2, 0.1]], requires_grad=True)
b = torch.zeros(3, requires_grad=True)
X = torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 2.0, 0.0]])
l = cross_entropy(softmax(torch.mm(X.view((-1, 4)), W) + b), y).sum()
print(l, l.grad_fn, l.grad_fn.next_functions[0][0].next_functions[0][0])
l.backward()
print(W.grad, b.grad)
print(X.index_select(1, torch.tensor([0, 3])), torch.index_select(X, 0, torch.tensor([1])))
x = torch.tensor([1e-10, 0.5, 2.0], requires_grad=True)
for f in (torch.log1p, torch.expm1, torch.log2, torch.log10, torch.tan):
    x.grad = None
    y = f(x)
    y.sum().backward()
    print(y, x.grad)
