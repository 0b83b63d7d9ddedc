# The warnings a learner meets, caught and printed (category and first words)
import warnings
import torch

def seen(f):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = f()
        except Exception as e:
            r = f"E> {type(e).__name__}: {str(e).splitlines()[0]}"
    print(r, [(w.category.__name__, str(w.message).split(" (Triggered")[0].splitlines()[0][:150]) for w in caught])

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
seen(lambda: y.grad)
seen(lambda: x.grad)
seen(lambda: torch.tensor(x))
seen(lambda: torch.tensor(torch.ones(2)))
seen(lambda: torch.ones(2, 3, 4).T.shape)
seen(lambda: torch.ones(3).T.shape)
seen(lambda: torch.softmax(torch.ones(2, 3), None).shape if False else torch.nn.functional.softmax(torch.ones(2, 3)).shape)
seen(lambda: torch.ones(2).var(dim=0, unbiased=True).shape)
seen(lambda: torch.ones(1).var())
seen(lambda: torch.ones(1).std())
seen(lambda: torch.tensor([]).mean())
seen(lambda: torch.tensor([]).sum())
seen(lambda: torch.nn.functional.mse_loss(torch.ones(3, 1), torch.ones(3)))
seen(lambda: torch.nn.functional.mse_loss(torch.ones(3), torch.ones(3, requires_grad=True)))
seen(lambda: torch.tensor([1.0]) / 0)
seen(lambda: torch.log(torch.tensor([-1.0])))
seen(lambda: torch.tensor([1e39]))
seen(lambda: torch.tensor([1e39], dtype=torch.float64).float())
seen(lambda: torch.tensor(3.7).int())
seen(lambda: torch.tensor([300]).to(torch.uint8))
seen(lambda: torch.tensor([float('nan')]).long().shape)
seen(lambda: torch.arange(0, 1, 0.3))
seen(lambda: torch.linspace(0, 1, 3))
seen(lambda: x.data)
seen(lambda: y.sum().backward())
seen(lambda: x.grad)
seen(lambda: (x * 1).retain_grad())
seen(lambda: torch.ones(2).requires_grad_().sum().grad)
seen(lambda: x.new_tensor(x))
seen(lambda: torch.as_tensor(x) is x)
seen(lambda: torch.from_numpy(torch.ones(2).numpy()))
seen(lambda: torch.ones(3, 1) - torch.ones(3))
seen(lambda: x.detach().numpy())
seen(lambda: float(x[0]))
seen(lambda: x[0].item())
seen(lambda: x > 1)
seen(lambda: int(torch.tensor(2.9)))
