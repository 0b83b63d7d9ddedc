def jacobian(f, x):
    y = f(x)
    rows = []
    for i in range(len(y)):
        v = torch.zeros(len(y))
        v[i] = 1.0
        x.grad = None
        y.backward(gradient=v, retain_graph=True)
        rows.append(x.grad.clone())
    return torch.stack(rows)
