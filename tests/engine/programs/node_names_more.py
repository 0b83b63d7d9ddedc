# grad_fn names of what chapter-2/3 programs compute, and one level of next_functions
import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], requires_grad=True)
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
t = torch.tensor([2, 0])
exprs = {
    "x / 2": lambda: x / 2, "2 / x": lambda: 2 / x, "1 - x": lambda: 1 - x, "x - 1": lambda: x - 1,
    "x ** 0.5": lambda: x ** 0.5, "x ** v": lambda: x.abs() ** v, "2 ** x": lambda: 2 ** x,
    "-x": lambda: -x, "x.abs()": lambda: x.abs(), "x.sum(0)": lambda: x.sum(0),
    "x.sum()": lambda: x.sum(), "x.mean(1)": lambda: x.mean(1), "x.mean()": lambda: x.mean(),
    "x.max()": lambda: x.max(), "x.max(1)[0]": lambda: x.max(1)[0], "x.min(0).values": lambda: x.min(0).values,
    "x.amax(1)": lambda: x.amax(1), "x.norm()": lambda: x.norm(), "x.norm(dim=1)": lambda: x.norm(dim=1),
    "x.std()": lambda: x.std(), "x.var(0)": lambda: x.var(0), "x.prod()": lambda: x.prod(),
    "x.view(3, 2)": lambda: x.view(3, 2), "x.reshape(-1)": lambda: x.reshape(-1),
    "x.t().reshape(-1)": lambda: x.t().reshape(-1), "x.T": lambda: x.T, "x.permute(1, 0)": lambda: x.permute(1, 0),
    "x.unsqueeze(0)": lambda: x.unsqueeze(0), "x[None]": lambda: x[None], "x.flatten()": lambda: x.flatten(),
    "x[0]": lambda: x[0], "x[:, 1]": lambda: x[:, 1], "x[0, 1]": lambda: x[0, 1], "x[:, :2]": lambda: x[:, :2],
    "x[[0, 1], [2, 0]]": lambda: x[[0, 1], [2, 0]], "x[x > 0]": lambda: x[x > 0], "x[range(2), t]": lambda: x[range(2), t],
    "x @ v": lambda: x @ v, "v @ v": lambda: v @ v, "x @ x.T": lambda: x @ x.T, "torch.matmul(v, x.T)": lambda: torch.matmul(v, x.T),
    "x.exp()": lambda: x.exp(), "x.log_softmax(1)": lambda: x.log_softmax(1), "F.softmax(x, 1)": lambda: F.softmax(x, dim=1),
    "F.cross_entropy(x, t)": lambda: F.cross_entropy(x, t), "F.mse_loss(x, x.detach())": lambda: F.mse_loss(x, x.detach() * 2),
    "F.relu(x)": lambda: F.relu(x), "torch.relu(x)": lambda: torch.relu(x), "x.clamp(min=0)": lambda: x.clamp(min=0),
    "torch.where(x > 0, x, 0.)": lambda: torch.where(x > 0, x, 0.0), "torch.maximum(x, v)": lambda: torch.maximum(x, v),
    "torch.cat": lambda: torch.cat([x, x]), "torch.stack": lambda: torch.stack([v, v]), "x.expand(2, 2, 3)": lambda: x.expand(2, 2, 3),
    "v.repeat-like expand_as": lambda: v.expand_as(x), "x.squeeze()": lambda: x.unsqueeze(1).squeeze(), "x.clone()": lambda: x.clone(),
    "x.double()": lambda: x.double(), "x.sigmoid()": lambda: x.sigmoid(), "x.tanh()": lambda: x.tanh(),
    "F.binary_cross_entropy_with_logits": lambda: F.binary_cross_entropy_with_logits(x, torch.ones(2, 3)),
    "F.binary_cross_entropy": lambda: F.binary_cross_entropy(x.sigmoid(), torch.ones(2, 3)),
    "F.nll_loss": lambda: F.nll_loss(x.log_softmax(1), t), "F.l1_loss": lambda: F.l1_loss(x, torch.zeros(2, 3)),
    "torch.logsumexp(x, 1)": lambda: torch.logsumexp(x, 1), "x.cumsum(1)": lambda: x.cumsum(1), "x.sqrt()": lambda: x.abs().sqrt(),
    "torch.dot(v, v)": lambda: torch.dot(v, v), "torch.mv(x, v)": lambda: torch.mv(x, v), "torch.outer(v, v)": lambda: torch.outer(v, v),
    "x.split-like unbind": lambda: x.unbind(0)[1], "x.diag-like trace": lambda: x[:, :2].trace(),
    "x.masked_fill": lambda: x.masked_fill(x < 0, 0.0), "x.square()": lambda: x.square(), "x.sign()": lambda: x.sign(),
}
for name, f in exprs.items():
    y = f()
    nxt = [type(n).__name__ if n is not None else None for n, _ in y.grad_fn.next_functions]
    print(f"{name:36} {y.grad_fn.name():24} {nxt}")
