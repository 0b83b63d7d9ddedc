"""``torch.cuda``: minigrad has no GPU, so code that asks gets a plain "no"."""


def is_available():
    return False


def device_count():
    return 0
