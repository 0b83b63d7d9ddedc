"""The chapter's programs, shared by the viz tests."""
import minigrad as torch


def z_of_notes():
    """z = (x + y) * w with the notes' x = 2, y = 3, w = 4."""
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    a = x + y
    z = a * w
    return dict(x=x, y=y, w=w, a=a, z=z)


def recorded_z():
    x = torch.tensor(2.0, requires_grad=True)
    y = torch.tensor(3.0, requires_grad=True)
    w = torch.tensor(4.0, requires_grad=True)
    with torch.trace() as tape:
        a = x + y
        z = a * w
        z.backward()
    return tape, dict(x=x, y=y, w=w, a=a, z=z)


def recorded_dot():
    """y = 2 xᵀx, then y.backward(), as in the book."""
    x = torch.arange(4.0, requires_grad=True)
    with torch.trace() as tape:
        y = 2 * torch.dot(x, x)
        y.backward()
    return tape, dict(x=x, y=y)
