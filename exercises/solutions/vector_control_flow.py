def predicted_grad(a, d):
    return d / a
