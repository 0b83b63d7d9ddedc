def backward_twice(x):
    y = {c} * torch.dot(x, x)
    y.backward(retain_graph=True)
    y.backward()
