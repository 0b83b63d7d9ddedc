"""Where each value came from: the ``Value`` and ``Step`` objects the views are drawn from.

Three sources, best first:

1. a ``trace()`` tape: every op with its inputs, outputs and frozen values, in order;
   replaying it also tells apart the values a tensor held before and after an in-place
   change (``x -= 0.1`` gives ``x`` a new Value; the old one keeps the old numbers);
2. ``history`` (switched on by the lab extension): for a live tensor, the op that made
   it, including plain-number inputs and ``detach()`` sources;
3. the ``grad_fn`` graph, which every tensor that requires grad has: the op's name and
   its inputs' nodes. Intermediate results are recovered from the tensors the ops saved
   for backward, or from the student's named variables; the others are known by shape.
"""
import numbers

import numpy as np

from .. import events
from ..autograd.function import AccumulateGrad
from ..autograd.graph import Input, grad_fn_of, grad_of, values
from ..ops.inplace import Fill
from ..tensor import Tensor
from .checks import Check, from_user
from .formulas import describe
from .model import Step, Value


class Lineage:
    def __init__(self, history, known=()):
        self.history = history
        self.values = {}          # id(tensor) -> the Value it holds (the latest one)
        self.steps = {}           # step key -> Step
        self.placeholders = {}    # key -> Value known only from the grad_fn graph
        self.known = {}           # (id(grad_fn), output_nr) -> a tensor with that history
        self.step_at = {}         # index of a tape's event -> the Step it ran
        self.named = {id(tensor) for tensor in known}
        self.replayed = False     # built from a tape: every step exists already
        self.checks = []          # the tape's truth tests (``while b.norm() < 1000``), in order
        self.check_at = {}        # index of a tape's Checked event -> its Check
        for tensor in known:
            self.know(tensor)

    def know(self, tensor):
        """Remember ``tensor`` as the result of its ``grad_fn`` (named tensors, outputs):
        the grad_fn graph alone cannot point back to it."""
        node = grad_fn_of(tensor)
        if node is not None:
            self.known.setdefault((id(node), tensor.output_nr), tensor)

    def value(self, tensor):
        value = self.values.get(id(tensor))
        if value is None:
            value = self.values[id(tensor)] = Value(f"t{id(tensor)}", tensor)
            self.know(tensor)
        return value

    def resolve(self, value):
        """Find the Step that made ``value`` (or what it was detached from), once."""
        if value.resolved:
            return
        value.resolved = True
        tensor = value.tensor
        if tensor is None:
            if value.grad_fn is not None:
                value.step = self._made_by_node(value.grad_fn, value)
            return
        record = self.history.record_of(tensor)
        if record is not None and record.function is None:
            value.detached = True
            source = record.source()
            value.cut_from = None if source is None else self.value(source)
        elif record is not None:
            value.step = self._step_from_record(record, value)
        elif grad_fn_of(tensor) is not None:
            value.step = self._made_by_node(grad_fn_of(tensor), value)

    def _made_by_node(self, node, value):
        step = self._step_from_node(node)
        if not any(out is value for out in step.outputs):
            step.outputs.append(value)
        return step

    # -- 1. a trace() tape ---------------------------------------------------------------
    def replay(self, tape):
        """Build the Steps of the tape's forward ops (those inside backward() are the
        backward formulas, not the student's program) and return the Values it ends with.
        Values computed only for an ``if``/``while`` test are not among them: the tests
        are in ``self.checks``."""
        self.replayed = True
        owners = grad_owners(tape)
        users, made, steps, kept = {}, [], [], set()
        depth = 0
        for index, event in enumerate(tape):
            kind = type(event)
            if kind is events.BackwardStarted:
                depth += 1
                made.extend(self.value(root) for root in event.roots)
                kept.update(id(root) for root in event.roots)
            elif kind is events.BackwardFinished:
                depth = max(0, depth - 1)
            elif depth:
                continue
            elif kind is events.OpRan and not is_zeroing(event, owners):
                step = self.step_at[index] = self._step_from_event(event, index)
                for value in step.inputs:
                    users.setdefault(id(value), []).append(step.key)
                steps.append(step)
                made.extend(step.outputs)
            elif kind is events.Detached:
                result = self._detached(event, index)
                users.setdefault(id(result.cut_from), []).append("detach")
                made.append(result)
            elif kind is events.Checked and from_user(event):
                check = Check(event, self._seen(event.tensor, None), index)
                self.checks.append(check)
                self.check_at[index] = check
        tested = {check.value.key for check in self.checks}
        for_tests = self._for_tests(steps, users, kept | self.named, tested)
        ends = {}
        for value in made:
            current = self.values.get(id(value.tensor), value)
            if current.key in tested or (current.step is not None and
                                         current.step.key in for_tests):
                continue
            if all(user in for_tests for user in users.get(id(current), ())):
                ends.setdefault(current.key, current)
        return list(ends.values())

    @staticmethod
    def _for_tests(steps, users, kept, tested):
        """The keys of the steps whose results only fed ``if``/``while`` tests (``‖b‖`` for
        ``b.norm() < 1000``). A value the program named or started a backward pass from
        is a result of its own, even if it was tested too."""
        found = set()
        for step in reversed(steps):  # a value's users come after it
            if all(value.tensor is None or id(value.tensor) not in kept for value in
                   step.outputs) and all(
                    (value.key in tested or users.get(id(value))) and
                    all(user in found for user in users.get(id(value), ()))
                    for value in step.outputs):
                found.add(step.key)
        return found

    def _step_from_event(self, event, index):
        frozen = event.values["inputs"] if event.values else (None,) * len(event.inputs)
        args = []
        for i, arg in enumerate(event.inputs):
            if not isinstance(arg, Tensor):
                args.append(arg)
            elif i == 0 and event.inplace:
                args.append(self._replaced(event.output, arg, frozen[0]))
            else:
                args.append(self._seen(arg, frozen[i]))
        key = step_key(event.node, args[0] if event.inplace else None, event.output)
        step = self.steps.get(key)
        if step is None:
            step = self.steps[key] = Step(key, event.function, event.node, event.inplace, index)
            self._link(step, args)
        output = Value(f"t{id(event.output)}", event.output,
                       frozen=event.values["output"] if event.values else None)
        output.step, output.resolved = step, True
        self.values[id(event.output)] = output
        step.outputs.append(output)
        return step

    def _seen(self, tensor, frozen):
        """The Value of a tensor the tape uses: the one it made, or (first sighting of a
        tensor made before the tape) a new one whose origin is looked up live."""
        value = self.values.get(id(tensor))
        if value is None:
            value = self.value(tensor)
            value.frozen = frozen
        return value

    def _replaced(self, tensor, snapshot, frozen):
        """An in-place op on ``tensor``: its current Value becomes the old value, which
        ``snapshot`` (the engine's copy) stands for from now on."""
        old = self.values.pop(id(tensor), None)
        if old is None:
            return self._seen(snapshot, frozen)
        old.key, old.tensor, old.former = f"t{id(snapshot)}", snapshot, tensor
        self.values[id(snapshot)] = old
        return old

    def _detached(self, event, index):
        frozen = event.values["result"] if event.values else None
        result = Value(f"t{id(event.result)}", event.result, frozen=frozen)
        result.detached = result.resolved = True
        result.cut_from = self._seen(event.source, frozen)
        self.values[id(event.result)] = result
        return result

    # -- 2. history ------------------------------------------------------------------------
    def _step_from_record(self, record, output):
        args = [self.value(a) if isinstance(a, Tensor) else a for a in record.inputs]
        if record.inplace:
            args[0].former = output.tensor
        key = step_key(record.node, args[0] if record.inplace else None, output.tensor)
        step = self.steps.get(key)
        if step is None:
            step = self.steps[key] = Step(key, record.function, record.node, record.inplace,
                                          record.order)
            self._link(step, args)
            step.saved_at = record.saved
        step.outputs.append(output)
        return step

    def run_below(self, step, keep):
        """The ops below ``step`` that repeat it, read from ``history`` without building
        them (a 100,000-op chain must not cost 100,000 Steps): each takes the same side
        arguments as ``step`` and, in the same position, the result of the op below, which
        nothing else used. ``keep``: ids of the tensors that must stay visible (named, an
        output); one ends the run. None when history cannot tell (a tape's steps: they
        are built already), else a ``Run``; ``Run.count`` includes ``step``."""
        output = step.outputs[0].tensor if step.outputs and not self.replayed else None
        top = self.history.record_of(output) if output is not None else None
        if top is None or top.inplace or top.function is None:
            return None
        position = self._chain_position(top)
        if position is None:
            return None
        same_sides = self._sides_like(top.inputs, position)
        run = Run(step.key, top.order)
        current = top.inputs[position]
        record_of, function = self.history.record_of, top.function
        while id(current) not in keep:
            record = record_of(current)
            if record is None or record.function is not function or record.inplace or \
                    record.uses != 1 or not same_sides(record.inputs):
                break
            run.bottom = step_key(record.node, None, current)
            run.inner += (f"t{id(current)}", run.bottom)  # a list: += extends in place
            run.made = current
            run.count += 1
            run.order = record.order
            current = record.inputs[position]
        run.input, run.position = current, position
        run.chain = top.inputs[position]
        return run

    def run_below_node(self, node, keep):
        """``run_below`` for the autograd view: the grad_fn nodes below ``node`` of the same
        op, each with the same other inputs, each made by an op whose result nothing else
        used (as ``history`` knows); ``keep`` as for ``run_below``. A ``Run`` of node ids
        ("f<id>"), or None."""
        if self.replayed:
            return None
        children = node.next_functions
        chain = [i for i, (child, _) in enumerate(children)
                 if child is not None and type(child) is type(node)]
        if len(chain) != 1:
            return None
        position = chain[0]
        run = Run(f"f{id(node)}", node.sequence_nr)
        run.position = position
        current = children[position][0]
        while type(current) is type(node):
            tensor = self.history.output_of(current)
            record = self.history.record_of(tensor) if tensor is not None else None
            below = current.next_functions
            if record is None or record.uses != 1 or id(tensor) in keep or \
                    len(below) != len(children) or \
                    any(i != position and below[i] != children[i] for i in range(len(below))):
                break
            run.bottom = f"f{id(current)}"
            run.inner.append(run.bottom)
            run.made = current
            run.count += 1
            run.order = current.sequence_nr
            current = below[position][0]
        run.input = current
        return run

    def _chain_position(self, record):
        """Where ``record``'s op takes the result of an identical op: the position of its
        only such argument, or None (none, or two: neither is clearly the chain)."""
        found = None
        for position, arg in enumerate(record.inputs):
            below = self.history.record_of(arg) if isinstance(arg, Tensor) else None
            if below is not None and below.function is record.function:
                if found is not None:
                    return None
                found = position
        return found

    def _sides_like(self, reference, position):
        """A test: does an op take the same arguments as ``reference``, except a tensor at
        ``position``? The same tensor, or equal small constants (each ``b * 2`` makes a
        fresh 2), or equal plain arguments."""
        expected = []
        for i, b in enumerate(reference):
            if i == position:
                continue
            if isinstance(b, Tensor) and self._constant(b):
                b = _described(b)
            expected.append((i, b))

        def same(args):
            if len(args) != len(reference) or not isinstance(args[position], Tensor):
                return False
            for i, b in expected:
                a = args[i]
                if a is b:
                    continue
                if type(b) is tuple:  # a constant tensor, described by its value
                    if not (isinstance(a, Tensor) and self._constant(a) and
                            _described(a) == b):
                        return False
                elif isinstance(a, Tensor) or isinstance(b, Tensor) or \
                        type(a) is not type(b) or not _equal(a, b):
                    return False
            return True
        return same

    def _constant(self, tensor):
        """A small tensor made by no op and needing no gradient (``2`` in ``b * 2``)."""
        return not tensor.requires_grad and tensor.numel() <= 16 and \
            self.history.record_of(tensor) is None

    # -- 3. the grad_fn graph -------------------------------------------------------------
    def _step_from_node(self, node):
        key = step_key(node)
        step = self.steps.get(key)
        if step is not None:
            return step
        step = self.steps[key] = Step(key, getattr(node, "function", None), node,
                                      order=node.sequence_nr)
        saved = {entry.index: entry.values for entry in node.saved_values()
                 if entry.kind == "input"}
        args = []
        for position, arg in enumerate(node.arguments()):
            if not isinstance(arg, Input):  # a number or a setting, as forward got it
                args.append(arg)
                continue
            child, nr = arg.edge
            tensor = child.variable if isinstance(child, AccumulateGrad) else (
                self.known.get((id(child), nr)) if child is not None else None)
            if tensor is not None:
                args.append(self.value(tensor))
            elif child is None:  # an input that needs no gradient: a constant
                args.append(self._placeholder(f"k{id(node)}_{arg.index}", arg, None, 0,
                                              saved.get(position)))
            else:
                args.append(self._placeholder(f"g{id(child)}_{nr}", arg, child, nr,
                                              saved.get(position)))
        self._link(step, args)
        return step

    def _placeholder(self, key, arg, grad_fn, output_nr, frozen):
        """A Value known from the grad_fn graph only: its shape, dtype and, if the op saved
        it for backward, its numbers."""
        value = self.placeholders.get(key)
        if value is None:
            value = self.placeholders[key] = Value(key, shape=arg.shape, dtype=arg.dtype)
            value.grad_fn, value.output_nr = grad_fn, output_nr
            value.resolved = grad_fn is None
        if value.frozen is None:
            value.frozen = frozen
        return value

    # -- shared -----------------------------------------------------------------------------
    def _link(self, step, args):
        """Fill ``step.inputs`` and ``step.edges`` from its arguments (see ``Step``): every
        tensor is an input, a number only if it takes part (``x ** 2``'s 2)."""
        step.args = tuple(args)
        operands = describe(step.function, step.node_name).operands(args)
        for i, arg in enumerate(args):
            if isinstance(arg, Value):
                step.edges.append(arg)
                step.inputs.append(arg)
            elif i < operands and _is_number(arg):
                constant = Value(f"c{step.key}.{i}", frozen=np.asarray(arg),
                                 dtype=np.asarray(arg).dtype)
                constant.resolved = True
                step.inputs.append(constant)

    def saved_of(self, step, freed_too=False):
        """The Values ``step``'s op saved for backward: from its node while backward has
        not freed them; after, only with ``freed_too`` (a player showing the time before),
        from what ``history`` noted when the op ran."""
        node = step.node
        if node is None or (node.released() and not freed_too):
            return []
        saved = node.saved_values()
        if saved:
            return [self._saved_value(step, k, entry) for k, entry in enumerate(saved)]
        positions = step.saved_at
        if positions is None and step.outputs and step.outputs[0].tensor is not None:
            record = self.history.record_of(step.outputs[0].tensor)
            positions = record.saved if record is not None and record.node is node else ()
        saved = []
        for where, i in positions or ():
            if where == "input" and isinstance(step.args[i], Value):
                saved.append(step.args[i])
            elif where == "output":
                saved.extend(v for v in step.outputs
                             if v.tensor is not None and v.tensor.output_nr == i)
        return saved

    def _saved_value(self, step, k, entry):
        """The Value of what a node saved: one of its arguments, its own result (``exp``
        keeps eˣ), or a tensor made inside forward (k: its place among the saved)."""
        if entry.kind == "input" and isinstance(step.args[entry.index], Value):
            return step.args[entry.index]
        if entry.kind == "output":
            for value in step.outputs:
                if value.tensor is not None and value.tensor.output_nr == entry.index:
                    return value
        key = f"s{id(step.node)}_{entry.index if entry.kind == 'output' else f'o{k}'}"
        value = self.placeholders.get(key)
        if value is None:
            value = self.placeholders[key] = Value(key, shape=entry.values.shape,
                                                   dtype=entry.values.dtype, frozen=entry.values)
            value.resolved = True
            if entry.kind == "output":
                value.grad_fn, value.output_nr = step.node, entry.index
        return value

    def step_of_node(self, node):
        """The Step of a grad_fn node: from the tape or history if known, else rebuilt
        from the node."""
        step = self.steps.get(step_key(node))
        if step is None:
            tensor = self.history.output_of(node)
            if tensor is not None:
                self.resolve(self.value(tensor))
                step = self.steps.get(step_key(node))
        return step or self._step_from_node(node)


class Run:
    """Ops found by ``Lineage.run_below``: ``count`` of them, from ``bottom`` (an op key) up
    to the step ``top``; ``inner``: the keys of the ops and values folded away; ``input``:
    the tensor (or grad_fn node) the run started from; ``chain``: the top op's argument
    from the run, at ``position``."""

    def __init__(self, top, order):
        self.top = self.bottom = top
        self.order = order
        self.count = 1
        self.inner = []
        self.input = self.chain = None
        self.position = 0
        self.made = None          # what the bottom op made (a tensor, or a grad_fn node)


def _described(tensor):
    """A small constant by its value: shape, dtype and bytes."""
    data = values(tensor)
    return data.shape, data.dtype, data.tobytes()


def _equal(a, b):
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # arrays, or things that do not compare
        return False


def step_key(node, replaced=None, output=None):
    """The id of an op's node: from its grad_fn when it has one (the same op found from
    a tape, from history or from the grad_fn graph gets the same id), else from the value
    it replaced (in-place) or made."""
    if node is not None:
        return f"op{id(node)}"
    return f"op-{replaced.key}" if replaced is not None else f"op-t{id(output)}"


def is_zeroing(event, owners):
    """``x.grad.zero_()``: a change to a gradient, not a step of the program's graph."""
    return event.inplace and issubclass(event.function, Fill) and id(event.output) in owners


def grad_owners(tape):
    """``{id(x.grad): x}`` for the tensors a tape mentions."""
    found = {}
    for event in tape:
        for tensor in _tensors_in(event):
            if grad_of(tensor) is not None:
                found[id(grad_of(tensor))] = tensor
    return found


def _tensors_in(event):
    kind = type(event)
    if kind is events.OpRan:
        return [a for a in event.inputs if isinstance(a, Tensor)] + [event.output]
    if kind is events.GradAccumulated or kind is events.GradReset:
        return [event.tensor]
    if kind is events.Detached:
        return [event.source]
    return []


def _is_number(arg):
    return isinstance(arg, numbers.Number) and not isinstance(arg, bool)
