# grad_fn names of every op a student uses, and the graph of PyTorch's tutorial
import torch
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
print(Q, Q.grad_fn, Q.grad_fn.next_functions)
print(Q.grad_fn.next_functions[0][0].next_functions)
print(Q.grad_fn.name(), type(Q.grad_fn).__name__)
external_grad = torch.tensor([1.0, 1.0])
Q.backward(gradient=external_grad)
print(9 * a ** 2 == a.grad, -2 * b == b.grad)
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(y, z, out)
print(y.grad_fn, z.grad_fn.next_functions, out.grad_fn.next_functions)
out.backward()
print(x.grad)
print(x.grad.requires_grad, x.grad.is_leaf, x.is_leaf, y.is_leaf)
with torch.no_grad():
    print((x ** 2).requires_grad)
print(x.detach().requires_grad, x.detach().is_leaf)
for m in (torch.sum, torch.mean, torch.max, torch.norm, torch.prod, torch.logsumexp):
    try:
        r = m(x * 2) if m is not torch.logsumexp else m(x * 2, 0)
        print(m.__name__, r.grad_fn)
    except Exception as e:
        print(m.__name__, type(e).__name__, e)
v = torch.tensor([1.0, 2.0], requires_grad=True)
w = v.view(2, 1)
print(w.grad_fn, v[0].grad_fn, v[:1].grad_fn, v.t().grad_fn, v.unsqueeze(0).grad_fn, v.expand(3, 2).grad_fn)
print(v.reshape(1, 2).grad_fn, v.clone().grad_fn, v.to(torch.float64).grad_fn, v.double().grad_fn)
print((v @ v).grad_fn, torch.mm(v.reshape(1, 2), v.reshape(2, 1)).grad_fn, torch.mv(torch.ones(2, 2), v).grad_fn)
print(v.exp().grad_fn, v.log().grad_fn, v.sigmoid().grad_fn, v.tanh().grad_fn, v.relu().grad_fn, torch.relu(v).grad_fn)
print(v.pow(2).grad_fn, (2 ** v).grad_fn, (v ** v).grad_fn, v.sqrt().grad_fn, v.abs().grad_fn, (-v).grad_fn, (1 / v).grad_fn, (v / 2).grad_fn, (2 - v).grad_fn, (v - 2).grad_fn)
print(v.sum(0).grad_fn, v.mean(0).grad_fn, v.var().grad_fn, v.std().grad_fn, v.cumsum(0).grad_fn, v.max(0).values.grad_fn, v.amax().grad_fn)
print(torch.cat([v, v]).grad_fn, torch.stack([v, v]).grad_fn, torch.where(v > 1, v, 0.0).grad_fn, v.clamp(0, 1).grad_fn, torch.maximum(v, v).grad_fn)
print(v.softmax(0).grad_fn, v.log_softmax(0).grad_fn, v.sin().grad_fn, v.cos().grad_fn, v.round().grad_fn, v.sign().grad_fn, v.square().grad_fn)
print(v.flatten().grad_fn, v.reshape(2, 1).squeeze().grad_fn, v.reshape(2, 1).squeeze(1).grad_fn, v.permute(0).grad_fn, v.transpose(0, 0).grad_fn)
print(v[[0, 1]].grad_fn, v[v > 1].grad_fn, v[None].grad_fn, v[...].grad_fn)
