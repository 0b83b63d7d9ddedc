"""``torch.accelerator`` and ``torch.backends``: the GPU-like devices a program may look for
before moving its tensors (PyTorch's tutorials do). minigrad computes on the CPU only, so
there is none, and those programs stay on the CPU."""
from types import SimpleNamespace


def is_available():
    return False


def current_accelerator(check_available=False):
    return None


def device_count():
    return 0


# torch.backends.mps.is_available(), torch.backends.cuda.is_built(): also no
_absent = SimpleNamespace(is_available=is_available, is_built=is_available)
backends = SimpleNamespace(mps=_absent, cuda=_absent, cudnn=_absent)
