"""The engine's workloads from the issue, each timed in minigrad and in PyTorch, each
library in a process of its own (``bench.isolated`` says why)."""
import numpy as np

from . import isolated


def tiny_loop(lib):
    """The chapter's first program, over and over."""
    def run():
        x = lib.arange(4.0, requires_grad=True)
        y = 2 * lib.dot(x, x)
        y.backward()
        x.grad.zero_()
    return run


def chain(lib, n=100_000):
    """n elementwise ops, one after the other, then backward."""
    def run():
        x = lib.tensor(1.0, requires_grad=True)
        y = x
        for _ in range(n):
            y = y * 1.0000001
        y.backward()
    return run


def branches(lib, n=10_000):
    """n small products of one leaf, summed, then backward."""
    def run():
        x = lib.tensor(1.0, requires_grad=True)
        total = x * 0.0
        for i in range(n):
            total = total + x * float(i)
        total.backward()
    return run


def my_relu(lib):
    """The notes' custom ReLU, an autograd.Function written by the student."""
    class MyReLU(lib.autograd.Function):
        @staticmethod
        def forward(ctx, input):
            ctx.save_for_backward(input)
            return input.clamp(min=0)

        @staticmethod
        def backward(ctx, grad_output):
            input, = ctx.saved_tensors
            grad_input = grad_output.clone()
            grad_input[input < 0] = 0
            return grad_input
    return MyReLU.apply


def two_layer_net(lib, steps=500):
    """The notes' network trained by hand with MyReLU: N, D_in, H, D_out = 64, 1000, 100, 10,
    float32."""
    relu = my_relu(lib)
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(s).astype(np.float32)
              for s in ((64, 1000), (64, 10), (1000, 100), (100, 10))]

    def run():
        x, y = lib.tensor(arrays[0]), lib.tensor(arrays[1])
        w1 = lib.tensor(arrays[2], requires_grad=True)
        w2 = lib.tensor(arrays[3], requires_grad=True)
        for _ in range(steps):
            y_pred = relu(x.mm(w1)).mm(w2)
            loss = (y_pred - y).pow(2).sum()
            loss.backward()
            with lib.no_grad():
                w1 -= 1e-6 * w1.grad
                w2 -= 1e-6 * w2.grad
                w1.grad.zero_()
                w2.grad.zero_()
    return run


def two_layer_net_numpy(steps=500):
    """The same network with gradients written out by hand in NumPy."""
    rng = np.random.default_rng(0)
    x, y, w1, w2 = [rng.standard_normal(s).astype(np.float32)
                    for s in ((64, 1000), (64, 10), (1000, 100), (100, 10))]

    def run():
        a, b = w1.copy(), w2.copy()
        for _ in range(steps):
            h = x @ a
            h_relu = np.maximum(h, 0)
            grad_pred = 2 * (h_relu @ b - y)
            grad_b = h_relu.T @ grad_pred
            grad_h = grad_pred @ b.T
            grad_h[h < 0] = 0
            a -= np.float32(1e-6) * (x.T @ grad_h)
            b -= np.float32(1e-6) * grad_b
    return run


WORKLOADS = [  # row, workload (bench.isolated), target ratio
    ("tiny chapter loop", "tiny loop", 0.5),
    ("two-layer net, 500 steps", "two-layer net", 0.9),
    ("100,000-op chain", "chain", 1.0),
    ("10,000 branches summed", "branches", 1.0),
]


def run(quick=False):
    best = isolated.measure(["minigrad", "torch", "numpy"], [w for _, w, _ in WORKLOADS],
                            rounds=2 if quick else 5)
    ours, torch, numpy = best["minigrad"], best["torch"], best["numpy"]
    rows = []
    for name, workload, target in WORKLOADS:
        base = torch[workload] if torch else (0, 0)
        rows.append(dict(name=name, ours=ours[workload][0], base=base[0],
                         ours_cpu=ours[workload][1], base_cpu=base[1], target=target,
                         baseline="PyTorch" if torch else "(no PyTorch: pip install torch==2.13.0)"))
    net, by_hand = ours["two-layer net"], numpy["two-layer net"]
    rows.append(dict(name="two-layer net vs NumPy by hand", target=2.0, baseline="NumPy by hand",
                     ours=net[0], base=by_hand[0], ours_cpu=net[1], base_cpu=by_hand[1]))
    return rows
