"""Where tensors live: minigrad has no GPU, so the CPU is the only place a tensor can be,
and code that asks ``torch.cuda.is_available()`` gets a plain "no"."""
from .language import hint


class device:
    """Where a tensor lives, as in PyTorch: ``device('cpu')``, ``device('cuda:0')``.
    minigrad computes on the CPU only; like a PyTorch built without CUDA, it lets you
    name a GPU but refuses to put a tensor there (``on_cpu``)."""

    def __init__(self, type="cpu", index=None):
        type = str(type)
        if ":" in type:  # "cuda:0"
            type, index = type.split(":", 1)
            index = int(index)
        if type not in ("cpu", "cuda"):
            raise RuntimeError(f"Expected one of cpu, cuda device type at start of device "
                               f"string: {type}")
        self.type = type
        self.index = index

    def __repr__(self):
        index = "" if self.index is None else f", index={self.index}"
        return f"device(type='{self.type}'{index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):  # as in PyTorch, a device is not equal to its name
        return isinstance(other, device) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


def on_cpu(where):
    """Check that ``where`` (a device or its name, None for the default) is the CPU."""
    if where is not None and device(where).type != "cpu":
        raise AssertionError("Torch not compiled with CUDA enabled. " + hint(
            "minigrad computes on the CPU only: use device='cpu' (or leave the device out).",
            "minigrad 只在 CPU 上计算：请用 device='cpu'（或者不写 device）。"))


def is_available():
    return False


def device_count():
    return 0
