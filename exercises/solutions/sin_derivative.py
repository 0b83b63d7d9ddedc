x = torch.linspace(-2 * torch.pi, 2 * torch.pi, 200, requires_grad=True)
y = torch.sin(x)
y.backward(torch.ones_like(x))
plt.plot(x.detach(), y.detach(), label="sin(x)")
if x.grad is not None:
    plt.plot(x.detach(), x.grad, label="df/dx")
plt.legend()
plt.show()
