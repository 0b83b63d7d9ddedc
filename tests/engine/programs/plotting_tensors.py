# D2L 2.5 exercise 4 draws f(x) = sin x and its derivative with matplotlib: tensors go to
# NumPy on the way, detached or not
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch

x = torch.linspace(-5, 5, 11, requires_grad=True)
y = torch.sin(x)
y.sum().backward()
lines = plt.plot(x.detach(), y.detach(), x.detach(), x.grad)
print([line.get_ydata().dtype for line in lines], len(lines[0].get_xdata()))
print(np.asarray(x.detach()).dtype, np.array(x.grad).shape, np.asarray(x.grad)[:3].round(5))
try:
    plt.plot(x, y.detach())
    print("plotted")
except Exception as e:
    print(f"E> {type(e).__name__}: {e}")
try:
    np.asarray(y)
except Exception as e:
    print(f"E> {type(e).__name__}: {e}")
print(np.sin(x.detach())[:2], type(np.sin(x.detach())))
print(np.sum(torch.tensor([1.0, 2.0]).numpy()), np.add(torch.tensor([1.0]), 1), np.sqrt(torch.tensor([4, 9])), np.exp(torch.tensor(1.0)))
print(torch.tensor([1.0, 2.0]).numpy() + torch.tensor([3.0, 4.0]).numpy())
a = torch.ones(2).numpy()
a[0] = 5
print(a)
b = torch.zeros(2)
n = b.numpy()
n[1] = 7
print(b)
c = torch.from_numpy(n)
c[0] = 3
print(n, b)
plt.close("all")
