def second_derivative(f, x):
    y = f(x)
    dy_dx, = torch.autograd.grad(y, x, create_graph=True)
    d2y_dx2, = torch.autograd.grad(dy_dx, x)
    return d2y_dx2
