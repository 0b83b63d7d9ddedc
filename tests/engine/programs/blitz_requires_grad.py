# Source 001: the blitz tutorial's requires_grad_ snippet.
import torch
a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))

print(a.requires_grad)  # False

a.requires_grad_(True)
print(a.requires_grad)  # True

b = (a * a).sum()
print(b.grad_fn)        # <SumBackward0 object at 0x12665ad68>
