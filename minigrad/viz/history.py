"""How each tensor was made, remembered while a notebook runs.

The ``grad_fn`` graph knows only what needs a gradient: it forgets constants
(``2 * x``'s 2), detached tensors, the values of intermediate results, and everything
computed under ``no_grad``. The data-flow view needs all of that, so ``history``
listens to the engine's events and keeps, for each tensor, the op that made it.

Memory: a record lives exactly as long as its tensor. It holds the op's inputs (like a
``grad_fn`` holds its saved tensors), so ``draw(z)`` still shows ``x + y`` after
``z.backward()`` freed the graph; a detached tensor holds its source only weakly (people
keep ``loss.detach()`` in lists precisely so that the graph can go). In-place updates
under ``no_grad`` (``w -= lr * w.grad``, ``x.grad.zero_()``) are not recorded: they are
not part of any graph, and recording them would chain every version of ``w`` together.

It also remembers the names a program's loop gave the tensors it tested
(``while b.norm() < 1000``: ``b``), so that ``draw(d)`` after the loop calls its values
``b₁₀`` as the player of the same loop does, not ``mul₁``.

``%load_ext minigrad`` switches it on (``history.enable()``).
"""
import weakref

from .. import events
from ..tensor import Tensor
from .checks import SUBSCRIPTS, from_user


class Record:
    """``outputs = function(*inputs)``, or with ``function`` None,
    ``output = source.detach()`` (``source`` then a weak reference)."""
    __slots__ = ("function", "inputs", "node", "inplace", "saved", "source", "order", "uses")

    def __init__(self, function, inputs, node, inplace, order, saved=(), source=None):
        self.function = function
        self.inputs = inputs
        self.node = node
        self.inplace = inplace
        self.saved = saved      # which inputs/outputs the op saved for backward
        self.source = source
        self.order = order      # the event's number: ops are drawn in the order they ran
        self.uses = 0           # how many recorded ops used the tensor: 1 in a foldable chain


LOOP_BODY = 64  # ops between two tests of a loop's variable that still count as one run


class LoopName:
    """``b₃``: the third value a loop's local name ``b`` held in one run (see History)."""
    __slots__ = ("name", "number", "tensor", "followed")

    def __init__(self, name, number, tensor):
        self.name, self.number = name, number
        self.tensor = weakref.ref(tensor)
        self.followed = False   # a later value of the run came from this one

    def text(self):
        alone = self.number == 1 and not self.followed
        return self.name if alone else self.name + str(self.number).translate(SUBSCRIPTS)


class History:
    def __init__(self):
        self._records = {}        # id(tensor) -> (weak reference to it, Record)
        self._outputs = {}        # id(grad_fn) -> weak reference to the tensor it made
        self._backward_depth = 0  # ops inside backward() are its formulas, not the student's
        self._tested_as = {}      # id(tensor) -> (weak reference, LoopName)
        self._last_tested = {}    # (file, local name) -> the LoopName of the last value tested

    @property
    def enabled(self):
        return self._listen in events.listeners

    def enable(self):
        """Start remembering how tensors are made (the lab extension calls this)."""
        if not self.enabled:
            events.listeners.append(self._listen)

    def disable(self):
        if self.enabled:
            events.listeners.remove(self._listen)

    def clear(self):
        self._records.clear()
        self._outputs.clear()
        self._tested_as.clear()
        self._last_tested.clear()

    @property
    def saw_tests(self):
        """Does a living tensor have a name from a test (so drawings should look)?"""
        return bool(self._tested_as)

    def tested_as(self, tensor):
        """The name ``tensor`` had when the student's ``if``/``while`` tested it (``b₃``,
        or ``b`` if no other value of that name came from it), or None."""
        entry = self._tested_as.get(id(tensor))
        return entry[1].text() if entry is not None and entry[0]() is tensor else None

    def record_of(self, tensor):
        entry = self._records.get(id(tensor))
        if entry is None or entry[0]() is not tensor:
            return None
        return entry[1]

    def output_of(self, node):
        """The tensor the op of grad_fn ``node`` made (if it still exists): the autograd
        view knows the node, the data-flow view needs the tensor."""
        ref = self._outputs.get(id(node))
        tensor = ref() if ref is not None else None
        record = self.record_of(tensor) if tensor is not None else None
        return tensor if record is not None and record.node is node else None

    def _listen(self, event):
        kind = type(event)
        if kind is events.OpRan:
            if event.node is None and (event.inplace or self._backward_depth):
                return
            if event.inplace:  # the value it replaced keeps its own history
                self._move(event.output, event.inputs[0])
            for arg in event.inputs:
                used = self.record_of(arg) if isinstance(arg, Tensor) else None
                if used is not None:
                    used.uses += 1
            self._remember(event.output, Record(event.function, event.inputs, event.node,
                                                event.inplace, event.step, saved_positions(event)))
        elif kind is events.Detached:
            self._remember(event.result, Record(None, (), None, False, event.step,
                                                source=weakref.ref(event.source)))
        elif kind is events.Checked and from_user(event):
            for name, tensor in event.names:
                self._remember_name(tensor, name, event.filename)
        elif kind is events.BackwardStarted:
            self._backward_depth += 1
        elif kind is events.BackwardFinished:
            self._backward_depth = max(0, self._backward_depth - 1)

    def _remember(self, tensor, record):
        key = id(tensor)
        ref = weakref.ref(tensor, lambda ref: self._forget(key, ref))
        self._records[key] = (ref, record)
        if record.node is not None:
            self._outputs[id(record.node)] = ref

    def _remember_name(self, tensor, name, filename):
        """Number the values a loop's ``name`` holds along the run, as a player does: the
        value tested after ``b₃``, if computed from it, is ``b₄``; else a new run starts."""
        key = id(tensor)
        entry = self._tested_as.get(key)
        if entry is not None and entry[0]() is tensor:
            return
        last = self._last_tested.get((filename, name))
        number = 1
        if last is not None and last.tensor() is not None and \
                self._comes_from(tensor, last.tensor()):
            number = last.number + 1
            last.followed = True
        loop_name = LoopName(name, number, tensor)
        self._last_tested[(filename, name)] = loop_name
        ref = weakref.ref(tensor, lambda ref: self._tested_as.pop(key, None)
                          if self._tested_as.get(key, (None,))[0] is ref else None)
        self._tested_as[key] = (ref, loop_name)

    def _comes_from(self, tensor, earlier, within=LOOP_BODY):
        """Was ``tensor`` computed from ``earlier`` by at most ``within`` recorded ops?"""
        stack, seen = [tensor], set()
        while stack and len(seen) < within:
            current = stack.pop()
            if current is earlier:
                return True
            if id(current) in seen:
                continue
            seen.add(id(current))
            record = self.record_of(current)
            if record is not None:
                stack.extend(arg for arg in record.inputs if isinstance(arg, Tensor))
        return False

    def _move(self, tensor, old_value):
        record = self.record_of(tensor)
        if record is not None:
            self._remember(old_value, record)

    def _forget(self, key, ref):
        entry = self._records.get(key)
        if entry is not None and entry[0] is ref:
            del self._records[key]
            node = entry[1].node
            if node is not None and self._outputs.get(id(node)) is ref:
                del self._outputs[id(node)]


def saved_positions(event):
    """Which arguments (``("input", i)``) or outputs (``("output", nr)``) the op saved for
    backward, while the node still holds them (backward frees them)."""
    node = event.node
    if node is None:
        return ()
    return tuple((entry.kind, entry.index) for entry in node.saved_values()
                 if entry.kind != "other")


history = History()
