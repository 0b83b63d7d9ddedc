"""What the event log costs when nobody listens.

The baseline is minigrad itself with every ``events.listeners`` check compiled away: the
sources are copied to a temporary package in which that expression is replaced by
``False``, so Python drops the ``if`` blocks altogether. Both versions then run the same
workloads in this process.
"""
import ast
import importlib
import pathlib
import sys
import tempfile

import minigrad

from . import engine_workloads
from .timing import in_turn


class _Silence(ast.NodeTransformer):
    """Replace ``events.listeners`` by ``False``."""

    def visit_Attribute(self, node):
        if node.attr == "listeners" and isinstance(node.value, ast.Name) and node.value.id == "events":
            return ast.copy_location(ast.Constant(False), node)
        return self.generic_visit(node)


def engine_without_events():
    source = pathlib.Path(minigrad.__file__).parent
    root = pathlib.Path(tempfile.mkdtemp(prefix="minigrad-noevents-"))
    for path in source.rglob("*.py"):
        tree = _Silence().visit(ast.parse(path.read_text(encoding="utf-8")))
        target = root / "minigrad_noevents" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(ast.unparse(ast.fix_missing_locations(tree)), encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("minigrad_noevents")
    finally:
        sys.path.remove(str(root))


def run(quick=False):
    silent = engine_without_events()
    repeat = 3 if quick else 7
    rows = []
    for name, factory, number in (("event log, no listener: tiny loop", engine_workloads.tiny_loop, 2000),
                                  ("event log, no listener: 100,000-op chain", engine_workloads.chain, 1)):
        (ours, ours_cpu), (base, base_cpu) = in_turn([factory(minigrad), factory(silent)],
                                                     repeat, number)
        rows.append(dict(name=name, ours=ours, base=base, ours_cpu=ours_cpu, base_cpu=base_cpu,
                         target=1.05,
                         baseline="minigrad with the event checks compiled out"))
    return rows
