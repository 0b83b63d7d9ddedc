# grad_fn._saved_self, _saved_other, _saved_result, _saved_exponent (PyTorch's autograd mechanics)
import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([4., 5., 6.], requires_grad=True)
def show(f):
    try:
        print(f())
    except Exception as e:
        print(f"E> {type(e).__name__}: {e}")
y = x.pow(2)
show(lambda: y.grad_fn._saved_self)
show(lambda: y.grad_fn._saved_exponent)
y = x * w
show(lambda: y.grad_fn._saved_self)
show(lambda: y.grad_fn._saved_other)
show(lambda: y.grad_fn._saved_other is w)
y = x * torch.tensor([1., 1., 1.])
show(lambda: y.grad_fn._saved_self)
show(lambda: y.grad_fn._saved_other)
y = x.sigmoid()
show(lambda: y.grad_fn._saved_result)
y = x.tanh()
show(lambda: y.grad_fn._saved_result)
y = x.log()
show(lambda: y.grad_fn._saved_self)
y = x / w
show(lambda: y.grad_fn._saved_self)
show(lambda: y.grad_fn._saved_other)
y = x.exp()
r = y.grad_fn._saved_result
print(r, r.grad_fn, r.requires_grad, r.is_leaf)
y.sum().backward()
show(lambda: y.grad_fn._saved_result)
y = x.exp()
show(lambda: y.grad_fn._saved_self)
show(lambda: y.grad_fn._saved_bogus)
show(lambda: (x + w).grad_fn._saved_self)
show(lambda: x.grad_fn)
