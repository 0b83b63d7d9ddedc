"""``minigrad.nn``: only ``functional`` for now (losses and activations by name)."""
from . import functional
