"""Where tensors live: minigrad has no GPU, so ``torch.device("cpu")`` is the only place,
and code that asks ``torch.cuda.is_available()`` gets a plain "no"."""
from .language import hint


class device:
    """minigrad computes on the CPU; ``device('cpu')`` is accepted so PyTorch code runs."""

    def __init__(self, type="cpu", index=None):
        type = str(type)
        if type != "cpu":
            raise RuntimeError(
                f"minigrad runs on the CPU only, so device '{type}' is not available. " + hint(
                    "Use device='cpu' (or leave the device out).",
                    "请用 device='cpu'（或者不写 device）。"))
        self.type = type
        self.index = index

    def __repr__(self):
        return "device(type='cpu')"

    def __str__(self):
        return "cpu"

    def __eq__(self, other):
        return str(other) == "cpu"

    def __hash__(self):
        return hash("cpu")


def is_available():
    return False


def device_count():
    return 0
