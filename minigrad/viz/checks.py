"""Control flow: the truth tests (``while b.norm() < 1000:``) that decide which ops run.

Python asks a tensor for ``bool()`` and the engine announces it (``events.Checked``). What
was computed only for such a test (``‖b‖``, ``< 1000``) is not part of the differentiable
result and gets no gradient, so it is not drawn as outputs: each test becomes one dashed
note, "checked: ‖b‖ < 1000 → true", hanging off the values it read, and a player shows it
as one step whose caption says what the test decided ("…: false, so the loop stops").
Tests of values folded into one node (a loop's steps) share one note: "checked 9 times".

The same events give the names of a loop's values: when ``while b.norm() < 1000`` runs,
the code's local variable ``b`` holds the value tested, so the values get called ``b₁``,
``b₂``, … instead of ``2 × (2 × (2 × a))``.
"""
import linecache
import pathlib

from .dataflow_view import role
from .model import Node

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_ENGINE = str(pathlib.Path(__file__).resolve().parents[1])  # checks made inside minigrad


class Check:
    """One test: the Value tested, its result, where it was written, and (once attached
    to a graph) the Steps made only for it and the Values of the graph it read."""

    def __init__(self, event, value, index):
        self.value = value
        self.result = event.result
        self.index = index
        self.filename, self.line = event.filename, event.line
        self.code, self.keyword, self.has_else = _statement(event.filename, event.line)
        self.names = event.names
        self.steps = []
        self.reads = []
        self.node_id = value.key


def from_user(event):
    """A test written in the student's code (not one minigrad makes for itself)."""
    return not str(event.filename).startswith(_ENGINE)


def annotate(graph, lineage, is_named):
    """Give ``graph`` (built, folded) the tests of ``lineage.checks``: the names their code
    gave its values, the steps that were computed only for them (``graph.check_steps``:
    a player shows them as part of the test, not as steps of their own), and in the
    data-flow view the notes that draw them."""
    if not lineage.checks:  # tensors drawn after the fact: the names history saw tested
        graph.local_names = _names_from_history(graph, lineage, is_named)
        return graph
    graph.local_names = local_names(((name, tensor) for check in lineage.checks
                                     for name, tensor in check.names), lineage, is_named)
    if graph.view == "dataflow":
        inside = lambda value: graph.find(value.key) is not None  # noqa: E731
    else:
        main = _reachable([graph.nodes[r].value for r in graph.roots if r in graph.nodes],
                          lineage)
        inside = lambda value: value.key in main  # noqa: E731
    notes = {}
    for check in lineage.checks:
        if inside(check.value):
            continue  # a tested value the program also used: it is in the graph already
        outside = _collect(check, lineage, inside, is_named)
        graph.check_steps.update(step.key for step in check.steps)
        if graph.view == "dataflow":
            for value in outside:
                graph.add(Node(value.key, "variable", role(value), value=value))
            _draw(graph, check, notes)
    return graph


def _draw(graph, check, notes):
    """The note of ``check``: its own, or the one it shares with the tests made on the same
    line of values folded into the same run."""
    read = tuple(dict.fromkeys(graph.alias.get(v.key, v.key) for v in check.reads))
    folded = any(graph.nodes[i].kind == "fold" for i in read)
    key = (read, check.filename, check.line) if folded else check.value.key
    note = notes.get(key)
    if note is None:
        order = max([s.order for s in check.steps] + [0]) + 0.5
        note = notes[key] = graph.add(Node(f"check-{check.value.key}", "check",
                                           value=check.value, order=order))
        note.checks = []
        for source in read:
            graph.connect(source, note.id, "check")
    note.checks.append(check)
    check.node_id = note.id
    for step in check.steps:
        graph.alias[step.key] = note.id
        for value in step.outputs:
            graph.alias.setdefault(value.key, note.id)


def _collect(check, lineage, inside, is_named):
    """Fill ``check.steps`` (computed only for the test, in the order they ran) and
    ``check.reads`` (the values it looked at: those of the graph, and tensors of the
    program outside it); return the latter."""
    stack, seen, outside = [check.value], set(), []
    while stack:
        value = stack.pop()
        if value.key in seen:
            continue
        seen.add(value.key)
        if inside(value):
            check.reads.append(value)
            continue
        lineage.resolve(value)
        if value.step is not None:
            check.steps.append(value.step)
            stack.extend(reversed(value.step.inputs))
        elif value.tensor is not None and (is_named(value) or value.requires_grad):
            check.reads.append(value)
            outside.append(value)
    check.steps = sorted(dict.fromkeys(check.steps), key=lambda step: step.order)
    return outside


def _reachable(roots, lineage):
    """The keys of every value ``roots`` were computed from."""
    seen, stack = set(), list(roots)
    while stack:
        value = stack.pop()
        if value.key in seen:
            continue
        seen.add(value.key)
        lineage.resolve(value)
        if value.step is not None:
            stack.extend(value.step.inputs)
        if value.cut_from is not None:
            stack.append(value.cut_from)
    return seen


def local_names(seen, lineage, taken):
    """``{value key: "b₃"}`` from ``seen``, the (local name, tensor) pairs of the tests, in
    the order they ran: a name held by several values over the run is numbered in the
    order they were seen (b₁, b₂, …); ``taken(value)`` is True for values the student
    named already."""
    held = {}  # name -> value keys, in the order seen
    for name, tensor in seen:
        value = lineage.values.get(id(tensor))
        if value is None or name.startswith("_") or taken(value):
            continue
        keys = held.setdefault(name, [])
        if value.key not in keys:
            keys.append(value.key)
    names = {}
    for name, keys in held.items():
        for position, key in enumerate(keys, 1):
            names.setdefault(key, name if len(keys) == 1 else
                             name + str(position).translate(SUBSCRIPTS))
    return names


def _names_from_history(graph, lineage, is_named):
    """The names of a loop's values as a player of that run gives them (``b₁₀``), from the
    names history saw at the tests (see ``History.tested_as``)."""
    if not lineage.history.saw_tests:
        return {}
    names = {}
    for value in list(lineage.values.values()):
        if value.tensor is not None and not is_named(value):
            name = lineage.history.tested_as(value.tensor)
            if name is not None and not name.startswith("_"):
                names[value.key] = name
    return names


def _statement(filename, line):
    """``(code, keyword, has_else)`` of the line that made a test: ``("while b.norm() <
    1000", "while", False)``; code None when the source cannot be read."""
    text = linecache.getline(filename, line)
    code = text.split(" #", 1)[0].strip()
    if not code:
        return None, None, False
    keyword = code.split(None, 1)[0].rstrip(":")
    if keyword not in ("while", "if", "elif", "assert"):
        return code, None, False
    code = code[:-1] if code.endswith(":") else code.split(":", 1)[0] if keyword != "assert" \
        else code
    indent = len(text) - len(text.lstrip())
    has_else = False
    if keyword in ("if", "elif"):
        number = line + 1
        while True:
            following = linecache.getline(filename, number)
            if not following:
                break
            stripped = following.strip()
            if stripped and not stripped.startswith("#") and \
                    len(following) - len(following.lstrip()) <= indent:
                has_else = stripped.split(None, 1)[0].rstrip(":") in ("else", "elif")
                break
            number += 1
    return code.strip(), keyword, has_else
