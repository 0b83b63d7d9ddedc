"""A tiny stand-in for ``minigrad.viz`` (the brief's contract), used only until the real
one lands: it lets the lab widgets be built and tested first. Autograd view only."""
import sys

import graphviz
import numpy as np

import minigrad
from minigrad import events
from minigrad.autograd.function import AccumulateGrad


class DotNotFoundError(RuntimeError):
    pass


class _History:
    enabled = False

    def enable(self):
        self.enabled = True

    def disable(self):
        self.enabled = False


history = _History()
_lang = {"lang": "en"}


def set_language(lang):
    _lang["lang"] = lang


def get_language():
    return _lang["lang"]


def _tensor_names(names):
    return {id(v): k for k, v in (names or {}).items() if isinstance(v, minigrad.Tensor)}


def _walk(roots):
    """(id, kind, obj) of every node, and edges, from the roots back to the leaves."""
    nodes, edges, seen = [], [], set()
    stack = []
    for r in roots:
        tid = f"t{id(r)}"
        if tid not in seen:
            seen.add(tid)
            nodes.append((tid, "tensor", r))
        if r.grad_fn is not None:
            stack.append((r.grad_fn, tid))
    while stack:
        node, parent = stack.pop()
        nid = f"t{id(node.variable)}" if isinstance(node, AccumulateGrad) else f"g{id(node)}"
        edges.append((nid, parent))
        if nid in seen:
            continue
        seen.add(nid)
        if isinstance(node, AccumulateGrad):
            nodes.append((nid, "tensor", node.variable))
            continue
        nodes.append((nid, "op", node))
        stack.extend((child, nid) for child, _ in node.next_functions if child is not None)
    return nodes, edges


def _roots(args):
    roots = []
    for a in args:
        if isinstance(a, events.Tape):
            roots += [e.output for e in a.of_type(events.OpRan)][-1:]
        elif isinstance(a, minigrad.Tensor):
            roots.append(a)
        else:
            raise TypeError(f"draw() takes tensors, not {type(a).__name__}")
    return roots


def draw(*args, view="dataflow", names=None, highlight=(), max_nodes=300, lang=None,
         legend=True):
    nodes, edges = _walk(_roots(args))
    known = _tensor_names(names)
    g = graphviz.Digraph()
    nodes = nodes[:max_nodes]
    drawn = {nid for nid, _, _ in nodes}
    for nid, kind, obj in nodes:
        if kind == "tensor":
            label = f"{known.get(id(obj), '')} {np.array2string(obj._data)} grad={None if obj._grad is None else np.array2string(obj._grad._data)}"
            shape = "box"
        else:
            label, shape = obj.name(), "ellipse"
        style = {"style": "filled", "fillcolor": "orange"} if nid in highlight else {}
        g.node(nid, label, id=nid, shape=shape, **style)
    for a, b in edges:
        if a in drawn and b in drawn:
            g.edge(a, b)
    return g


def to_svg(digraph):
    try:
        return digraph.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise DotNotFoundError("Graphviz's `dot` was not found. Install it: apt-get install graphviz")


def to_text(*args, **kwargs):
    if args and isinstance(args[0], Frame):
        args = args[0].roots
    nodes, _ = _walk(_roots(args))
    return "\n".join(f"[{nid}] {obj.name() if kind == 'op' else 'tensor'}" for nid, kind, obj in nodes)


def inspect(obj, node_id, lang=None):
    roots = obj.roots if isinstance(obj, Frame) else _roots(obj)
    for nid, kind, o in _walk(roots)[0]:
        if nid == node_id:
            if kind == "op":
                return {"kind": "operation", "op": o.name(), "formula": "∂out/∂in = ..."}
            return {"kind": "variable", "value": o._data, "shape": tuple(o.shape),
                    "dtype": str(o.dtype), "grad": None if o._grad is None else o._grad._data}
    raise KeyError(node_id)


class Frame:
    def __init__(self, kind, roots, highlight, captions, names):
        self.kind, self.roots, self.highlight = kind, roots, highlight
        self._captions, self._names, self._svg = captions, names, None

    def caption(self, lang="en"):
        return self._captions[lang]

    def svg(self):
        if self._svg is None:
            self._svg = to_svg(draw(*self.roots, names=self._names, highlight=self.highlight))
        return self._svg


class Frames:
    def __init__(self, tape, names=None, view="dataflow"):
        self._frames = []
        roots = []
        backward = False
        for e in tape:
            if isinstance(e, (events.BackwardStarted, events.BackwardFinished)):
                backward = isinstance(e, events.BackwardStarted)
            elif isinstance(e, events.OpRan) and not backward:
                roots = [e.output]
                hl = (f"t{id(e.output)}",)
                cap = {"en": f"forward: {e.function.__name__} gives {e.values['output']}",
                       "zh": f"前向：{e.function.__name__} 得到 {e.values['output']}"}
                self._frames.append(Frame("forward", list(roots), hl, cap, names))
            elif isinstance(e, events.BackwardStep):
                hl = (f"g{id(e.node)}",)
                cap = {"en": f"backward: {e.node.name()}", "zh": f"反向：{e.node.name()}"}
                self._frames.append(Frame("backward", list(roots), hl, cap, names))

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, k):
        return self._frames[k]


def install():
    """Put the stand-in where ``from minigrad import viz`` finds it (real viz missing)."""
    module = sys.modules[__name__]
    sys.modules["minigrad.viz"] = module
    minigrad.viz = module
