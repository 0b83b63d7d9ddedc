x = torch.tensor(1.5, requires_grad=True)
y = torch.sin(x) * x ** 2
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
d2y_dx2, = torch.autograd.grad(dy_dx, x)
derivatives = (x, dy_dx, d2y_dx2)
