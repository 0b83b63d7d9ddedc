def predicted_grad(a, d):
    i = int((a * a).reshape(-1).argmax())
    k = d.reshape(-1)[i] / a.reshape(-1)[i]
    return k * torch.ones_like(a)
