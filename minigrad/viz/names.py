"""The names a student gave their tensors: ``x``, ``y``, ``w`` instead of anonymous boxes.

A tensor does not know its name, so we look for it by identity among the variables of
the code that called us: the first frame outside minigrad (its locals, then its
globals) and, in a notebook, IPython's namespace. ``names={"x": x}`` overrides the search.
"""
import sys
from collections.abc import Mapping

from ..autograd.graph import grad_of
from ..tensor import Tensor


class Names:
    """The student's name for each tensor (and ``x.grad`` for their gradients)."""

    def __init__(self, namespaces):
        self.tensors = {}   # id(tensor) -> (name, tensor)
        for namespace in namespaces:
            for name, value in list(namespace.items()):
                if isinstance(value, Tensor) and not name.startswith("_"):
                    self.tensors.setdefault(id(value), (name, value))
        self.grads = {id(grad_of(t)): f"{name}.grad" for name, t in self.tensors.values()
                      if grad_of(t) is not None}

    def of(self, tensor):
        """The name of ``tensor``, or None."""
        found = self.tensors.get(id(tensor))
        if found is not None and found[1] is tensor:
            return found[0]
        return self.grads.get(id(tensor))

    def named(self):
        return [tensor for _, tensor in self.tensors.values()]

    def only(self, tensors):
        """The names of ``tensors`` alone (as they are now), for a picture that keeps the
        names it was drawn with."""
        ids = {id(t) for t in tensors}
        kept = Names(())
        kept.tensors = {key: entry for key, entry in self.tensors.items()
                        if key in ids or id(grad_of(entry[1])) in ids}
        kept.grads = {key: name for key, name in self.grads.items() if key in ids}
        return kept

    def ids(self):
        """The ids of the named tensors (and of their gradients)."""
        return set(self.tensors) | set(self.grads)


def tensor_names(names=None):
    """The names of tensors: from ``names`` (name -> object; a notebook's namespace is
    fine) if given, else from the caller's variables. Names starting with ``_`` (IPython's
    ``_``, ``_3``) are skipped."""
    if isinstance(names, Names):
        return names
    if names is not None:
        if not isinstance(names, Mapping):
            raise TypeError(f"names must be a dict of name -> tensor, e.g. names={{'x': x}}, "
                            f"not {type(names).__name__}")
        return Names([names])
    return Names(_callers_namespaces())


def _callers_namespaces():
    """Locals and globals of the first frame outside minigrad, then IPython's user
    namespace (callbacks from widgets run with only minigrad and ipykernel above them)."""
    frame = sys._getframe(1)
    while frame is not None and _inside_minigrad(frame):
        frame = frame.f_back
    namespaces = []
    if frame is not None:
        namespaces.append(frame.f_locals)
        if frame.f_globals is not frame.f_locals:
            namespaces.append(frame.f_globals)
    shell = _ipython()
    if shell is not None:
        namespaces.append(shell.user_ns)
    return namespaces


def _inside_minigrad(frame):
    module = frame.f_globals.get("__name__", "")
    return module == "minigrad" or module.startswith("minigrad.")


def _ipython():
    """The running IPython shell, if any (without importing IPython when it isn't)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None
