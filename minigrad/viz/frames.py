"""The step-through model: a recorded tape as a sequence of frames.

Frame *k* is the graph as it stood after steps 0..k: forward frames reveal the ops one
at a time, backward frames show the gradient arriving at each node, accumulation frames
``.grad`` before + incoming = after, ``zero_()`` frames the reset. The ops that
``backward()`` runs to compute its formulas are part of the backward step they serve,
not frames of their own.

The graph is built once, from the whole tape; a frame is that graph plus a ``Scene``
(which nodes are revealed, the gradients as they were, the highlighted step). Scenes
are rebuilt from the nearest saved state, so jumping to frame 90,000 of a long tape
replays at most ``CHECKPOINT`` frames, and pictures are rendered only when asked for.
"""
import threading
from collections import Counter

import numpy as np

from .. import events
from ..autograd.function import AccumulateGrad
from ..autograd.graph import accumulator_of, grad_fn_of, grad_of, values
from ..ops.inplace import Fill
from ..tensor import Tensor
from . import autograd_view, captions, dataflow_view, loop_captions
from .dot import Scene, to_digraph
from .checks import annotate
from .fold import cap, fold_runs
from .history import history
from .inspection import facts
from .labels import Labels
from ..language import checked
from .lineage import Lineage, grad_owners, is_zeroing
from .names import tensor_names
from .render import to_svg
from .text import graph_text
from .values import plain

KINDS = ("start", "forward", "check", "detach", "zero", "reset", "backward", "accumulate", "end")
CHECKPOINT = 64


class Frame:
    """One step: ``kind``, ``highlight`` (node ids), ``caption(lang)``, ``svg(lang)``."""

    def __init__(self, frames, index, kind, highlight, changes, caption, edge_labels=None,
                 run=None, quantity=None):
        self._frames = frames
        self.index = index
        self.kind = kind
        self.highlight = tuple(highlight)
        self.run = run                   # (kind, fold id) of a frame telling a folded run
        self._changes = changes          # [(what, node id, value)] applied to the state
        self._caption = caption          # (function, args): the caption, written on demand
        self._edge_labels = edge_labels or {}
        self._quantity = quantity        # what the backward pass on screen differentiates
        self._captions = {}
        self._svgs = {}
        self._lock = threading.Lock()    # a player renders the next frame in a background thread

    def caption(self, lang=None):
        lang = checked(lang)
        if lang not in self._captions:
            function, args = self._caption
            self._captions[lang] = function(*args, labels=self._frames.labels(lang), lang=lang)
        return self._captions[lang]

    def scene(self):
        grads, hidden, partial = self._frames.state(self.index)
        return Scene(grads=grads, hidden=hidden, highlight=self.highlight,
                     edge_labels=dict(self._edge_labels), quantity=self._quantity,
                     partial=partial)

    def digraph(self, lang=None):
        lang = checked(lang)
        return to_digraph(self._frames.graph, self._frames.labels(lang), lang, self.scene())

    def svg(self, lang=None):
        """The picture of this frame (rendered once, then returned from the cache)."""
        lang = checked(lang)
        with self._lock:
            if lang not in self._svgs:
                self._svgs[lang] = to_svg(self.digraph(lang))
            return self._svgs[lang]

    def text(self, lang=None):
        """The picture as plain text (for when Graphviz is missing)."""
        lang = checked(lang)
        return graph_text(self._frames.graph, self._frames.labels(lang), lang, self.scene())

    def inspect(self, node_id, lang=None):
        """What the inspector shows about ``node_id``, with the values of this step."""
        lang = checked(lang)
        return facts(self._frames.graph, node_id, self._frames.labels(lang), lang, self.scene())

    def __repr__(self):
        return f"<Frame {self.index} {self.kind}: {self.caption('en')}>"


class Frames:
    """``Frames(tape)``: ``len(frames)``, ``frames[k]``, ``frames.inspect(k, node_id)``.

    ``at``: a ``Moment`` of an earlier ``Frames`` of the same tape: its names, and the
    gradients the tape found (so the other view, built later, starts from the same)."""

    def __init__(self, tape, names=None, view="dataflow", max_nodes=300, at=None):
        if not isinstance(tape, events.Tape):
            raise TypeError(f"Frames() takes the tape recorded by `with minigrad.trace() as "
                            f"tape:`, not {type(tape).__name__}")
        if view not in ("dataflow", "autograd"):
            raise ValueError(f"Frames(): view must be 'dataflow' or 'autograd', not {view!r}")
        self.view = view
        self.names = at.names if at is not None else tensor_names(names)
        self.at = at
        self.lineage = Lineage(history, known=self.names.named())
        roots = self.lineage.replay(tape)
        if view == "dataflow":
            graph = dataflow_view.build(roots, self.lineage)
        else:
            graph = autograd_view.build([v.tensor for v in roots if v.tensor is not None],
                                        self.lineage, freed_too=True)
        english = Labels(self.names, "en", graph)
        is_named = lambda value: english.name(value) is not None  # noqa: E731
        self.graph = cap(annotate(fold_runs(graph, is_named), self.lineage, is_named),
                         max_nodes)
        self.graph.lineage = self.lineage
        for node in self.graph.ordered():  # short names numbered in the order of the picture
            if node.kind == "variable":
                english.of(node.value)
        self._labels = {"en": english}
        self._frames = _Story(self, tape).frames
        self._states = {}

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, k):
        return self._frames[k]

    def __iter__(self):
        return iter(self._frames)

    def inspect(self, k, node_id, lang=None):
        return self._frames[k].inspect(node_id, lang)

    def labels(self, lang):
        if lang not in self._labels:
            self._labels[lang] = Labels(self.names, lang, self.graph)
        return self._labels[lang]

    def state(self, k):
        """``(grads, hidden, partial)`` after frame ``k``: from the nearest checkpoint at or
        before it. ``partial``: the ids whose gradient still waits for other paths."""
        start = k - k % CHECKPOINT
        if start not in self._states:
            previous = self.state(start - 1) if start else (dict(self._initial_grads),
                                                             set(self._born), set())
            self._states[start] = _applied(previous, self._frames[start]._changes)
        state = self._states[start]
        for frame in self._frames[start + 1:k + 1]:
            state = _applied(state, frame._changes)
        return state


def _applied(state, changes):
    grads, hidden, partial = dict(state[0]), set(state[1]), set(state[2])
    for what, node_id, value in changes:
        if what == "show":
            hidden.discard(node_id)
        elif what == "hide":
            hidden.add(node_id)
        elif what == "grad":
            grads[node_id] = value
        elif what == "add_grad":
            grads[node_id] = value if grads.get(node_id) is None else grads[node_id] + value
        elif what == "partial":
            (partial.add if value else partial.discard)(node_id)
        elif what == "clear":
            grads.pop(node_id, None)
            partial.discard(node_id)
    return grads, hidden, partial


def _passes(tape, lineage):
    """For each backward pass (by the position of its BackwardStarted event): does it add
    gradients to some ``.grad`` (``backward()``; an ``autograd.grad`` pass returns them and
    stores none), and how many gradients each value gets in it (one per edge), so that a
    caption can tell the first of two paths from the whole ∂z/∂a."""
    storing, received, open_passes = set(), {}, []
    for index, event in enumerate(tape):
        kind = type(event)
        if kind is events.BackwardStarted:
            open_passes.append(index)
            received[index] = {}
        elif kind is events.BackwardFinished and open_passes:
            open_passes.pop()
        elif kind is events.GradAccumulated and open_passes:
            storing.add(open_passes[-1])
        elif kind is events.BackwardStep and open_passes:
            counts = received[open_passes[-1]]
            grads = event.values["grads_out"] if event.values else event.grads_out
            for edge, g in zip(lineage.step_of_node(event.node).edges, grads):
                if g is not None:
                    counts[edge.key] = counts.get(edge.key, 0) + 1
    return storing, received


class _Story:
    """Walks the tape once and turns its events into frames."""

    def __init__(self, frames, tape):
        self.owner = frames
        self.graph = frames.graph
        self.lineage = frames.lineage
        self.frames = []
        self.born = {}            # node id -> the frame that reveals it
        self.flowed = set()       # ids whose gradient a backward pass showed (cleared at the next)
        self.contributions = {}   # value key -> gradients received in this backward pass
        self.arrived = {}         # value key -> their sum
        self.retain = False
        owners = grad_owners(tape)
        frames._initial_grads = self._initial_grads(tape, owners)
        storing, self.received = _passes(tape, self.lineage)
        self.expected = {}        # value key -> gradients it gets in this backward pass
        self.quantity = None      # what the backward pass differentiates (captions.Quantity)
        self.returned = False     # an autograd.grad pass: it returns gradients, stores none
        no_grad, depth = False, 0
        for index, event in enumerate(tape):
            kind = type(event)
            if kind is events.GradModeChanged:
                no_grad = not event.enabled
            elif kind is events.BackwardStarted:
                depth += 1
                self._start(event, index in storing, index)
            elif kind is events.BackwardFinished:
                depth = max(0, depth - 1)
                self._end(event)
            elif kind is events.BackwardStep:
                self._backward(event)
            elif kind is events.GradAccumulated:
                self._accumulate(event)
            elif kind is events.GradReset:
                self._reset(event)
            elif depth:
                continue  # an op of a backward formula: part of the step it serves
            elif kind is events.Checked and index in self.lineage.check_at:
                self._check(self.lineage.check_at[index])
            elif kind is events.OpRan and is_zeroing(event, owners):
                self._zero(event, owners)
            elif kind is events.OpRan:
                self._forward(event, index, no_grad)
            elif kind is events.Detached:
                self._detach(event)
        frames._born = {node_id for node_id in self.born if node_id in self.graph.nodes}

    # -- folded runs ------------------------------------------------------------------------
    def _fold_of(self, node_id):
        """The fold node drawn for ``node_id``, if it was folded into one."""
        drawn = self._id(node_id)
        return drawn if drawn is not None and self.graph.nodes[drawn].kind == "fold" else None

    def _check_fold(self, check):
        """The fold whose values ``check`` tested (a loop's test), if any."""
        if self.graph.view == "dataflow":
            shown = self._id(check.node_id)
            into = self.graph.neighbours(("check",))[0].get(shown, []) if shown else []
        else:  # no notes in this view: the grad_fn nodes of the values it read
            into = [f"f{id(grad_fn_of(v.tensor))}" for v in check.reads
                    if v.tensor is not None and grad_fn_of(v.tensor) is not None]
        return next((self._fold_of(f) for f in into if self._fold_of(f) is not None), None)

    def _continue_run(self, kind, fold, highlight, changes, edge_labels=None):
        """Add this step to the frame before if that frame tells the same run; True if so."""
        last = self.frames[-1] if self.frames else None
        if fold is None or last is None or last.run != (kind, fold):
            return False
        drawn = (self._id(i) for i in highlight)
        last.highlight = tuple(dict.fromkeys(last.highlight + tuple(h for h in drawn if h)))
        last._changes.extend(changes)
        last._edge_labels.update(edge_labels or {})
        return True

    # -- helpers ------------------------------------------------------------------------------
    def _id(self, node_id):
        """The id drawn for ``node_id`` (a folded node's fold), or None if not drawn."""
        node_id = self.graph.alias.get(node_id, node_id)
        return node_id if node_id in self.graph.nodes else None

    def _add(self, kind, highlight, changes, caption, edge_labels=None, run=None):
        highlight = [h for h in dict.fromkeys(self._id(i) for i in highlight) if h is not None]
        self.frames.append(Frame(self.owner, len(self.frames), kind, highlight, changes,
                                 caption, edge_labels, run, self.quantity))

    def _reveal(self, ids):
        changes = []
        for node_id in ids:
            drawn = self._id(node_id)
            if drawn is not None and drawn not in self.born:
                self.born[drawn] = len(self.frames)
                changes.append(("show", drawn, None))
        return changes

    def _value(self, tensor):
        return self.lineage.values.get(id(tensor)) or self.lineage.value(tensor)

    def _leaf_ids(self, tensor):
        """The boxes of a leaf and, in the autograd view, its AccumulateGrad node."""
        ids = [self._value(tensor).key]
        accumulator = accumulator_of(tensor)
        if self.graph.view == "autograd" and accumulator is not None:
            ids.append(f"f{id(accumulator)}")
        return ids

    def _initial_grads(self, tape, owners):
        """Each leaf's .grad when the tape starts: what its first grad event says it was
        before, or (no event changed it) what it is now."""
        grads = {}
        at = self.owner.at
        for node in self.graph.nodes.values():
            tensor = node.value.tensor if node.kind == "variable" else None
            if at is not None and node.id in at.grads and at.tensors[node.id] is tensor:
                grads[node.id] = at.grads[node.id]
            elif tensor is not None and grad_of(tensor) is not None:
                grads[node.id] = values(grad_of(tensor)).copy()
        settled = set()
        for event in tape:
            kind = type(event)
            if kind is events.GradAccumulated or kind is events.GradReset:
                tensor = event.tensor
                before = event.before if kind is events.GradAccumulated else None
                known = kind is events.GradAccumulated
            elif kind is events.OpRan and is_zeroing(event, owners):
                tensor, before, known = owners[id(event.output)], event.values["inputs"][0], True
            else:
                continue
            key = self._value(tensor).key
            if key not in settled:
                settled.add(key)
                if known:
                    grads[key] = before
        return grads

    # -- the events ----------------------------------------------------------------------------
    def _forward(self, event, index, no_grad):
        step = self.lineage.step_at[index]
        if step.key in self.graph.check_steps:
            return  # computed for an if/while test: told with the test
        output = self.lineage.values.get(id(event.output))
        ids = [v.key for v in step.inputs] + [step.key] + [v.key for v in step.outputs]
        if self.graph.view == "autograd":
            ids = self._autograd_ids(step)
        own = step.key if self.graph.view == "dataflow" else \
            f"f{id(step.node)}" if step.node is not None else None
        highlight = [step.key, output.key] if self.graph.view == "dataflow" else \
            [own] if own is not None else []
        changes = self._reveal(ids)
        fold = self._fold_of(own) if own is not None else None
        if self._continue_run("forward", fold, highlight, changes):
            self.frames[-1]._caption[1][1].append(step)
            return
        if fold is not None:
            caption = (loop_captions.fold_forward, (self.graph.nodes[fold], [step], []))
            self._add("forward", highlight, changes, caption, run=("forward", fold))
        else:
            self._add("forward", highlight, changes, (captions.forward, (step, no_grad)))

    def _check(self, check):
        """An if/while test: one frame (or part of its run's frame) for the test and the
        steps computed for it."""
        changes = self._reveal([check.node_id])
        if self._continue_run("forward", self._check_fold(check), [check.node_id], changes):
            self.frames[-1]._caption[1][2].append(check)
            return
        self._add("check", [check.node_id], changes, (loop_captions.check, (check,)))

    def _autograd_ids(self, step):
        node = step.node
        if node is None:
            return []
        ids = [f"f{id(node)}"]
        for child, _ in node.next_functions:
            if isinstance(child, AccumulateGrad):
                ids += [f"f{id(child)}", self._value(child.variable).key]
        ids += [v.key for v in step.outputs] + [v.key for v in self.lineage.saved_of(step, True)]
        return ids

    def _detach(self, event):
        value = self.lineage.values.get(id(event.result))
        source = value.cut_from
        self._add("detach", [value.key], self._reveal([source.key, value.key]),
                  (captions.detach, (value, source)))

    def _start(self, event, storing, index):
        self.retain = event.retain_graph
        changes = [("clear", node_id, None) for node_id in self.flowed]
        self.flowed, self.contributions, self.arrived = set(), {}, {}
        self.expected = self.received.get(index, {})
        roots = [self.lineage.values.get(id(r)) or self.lineage.value(r) for r in event.roots]
        self.returned = not storing
        seeds = event.values["grad_roots"] if event.values else [None] * len(roots)
        self.quantity = captions.Quantity(roots, seeds)
        for root, seed in zip(roots, seeds):
            changes.append(("grad", root.key, seed))
            self.flowed.add(root.key)
        self._add("start", [r.key for r in roots], changes, (captions.start, (self.quantity,)))

    def _backward(self, event):
        node = event.node
        step = self.lineage.step_of_node(node)
        grads_in = event.values["grads_in"] if event.values else event.grads_in
        grads_out = event.values["grads_out"] if event.values else event.grads_out
        changes, labels, highlight, paths = [], {}, [], {}
        here = Counter(edge.key for edge, g in zip(step.edges, grads_out) if g is not None)
        for key, count in here.items():  # (how many before this step, how many in all, sum)
            earlier = self.contributions.get(key, 0)
            paths[key] = (earlier, max(self.expected.get(key, 0), earlier + count),
                          self.arrived.get(key))
        for edge, g, (child, _) in zip(step.edges, grads_out, node.next_functions):
            if g is None:
                continue
            self.contributions[edge.key] = self.contributions.get(edge.key, 0) + 1
            known = self.arrived.get(edge.key)
            self.arrived[edge.key] = g if known is None else known + g
            # a leaf's box changes in its accumulation frame; an intermediate's, now
            if self.graph.view == "dataflow" and not isinstance(child, AccumulateGrad):
                changes.append(("add_grad", edge.key, g))
                changes.append(("partial", edge.key,
                                self.contributions[edge.key] < paths[edge.key][1]))
                self.flowed.add(edge.key)
            source = edge.key if self.graph.view == "dataflow" else (
                f"f{id(child)}" if child is not None else None)
            target = step.key if self.graph.view == "dataflow" else f"f{id(node)}"
            if source is not None:
                labels[(self._id(source), self._id(target))] = plain(g)
                highlight.append(source)
        if not self.retain and self.graph.view == "autograd":
            changes += [("hide", v.key, None) for v in self.lineage.saved_of(step, True)
                        if self._only_saved(v.key)]
        own = step.key if self.graph.view == "dataflow" else f"f{id(node)}"
        fold = self._fold_of(own)
        if self._continue_run("backward", fold, [own] + highlight, changes, labels):
            self.frames[-1]._caption[1][1].append((step, grads_in, grads_out))
            return
        if fold is not None:
            self._add("backward", [own] + highlight, changes,
                      (loop_captions.fold_backward, (self.graph.nodes[fold],
                                                     [(step, grads_in, grads_out)])),
                      labels, run=("backward", fold))
            return
        self._add("backward", [own] + highlight, changes,
                  (captions.backward, (step, grads_in, grads_out, node.name(), self.quantity,
                                       paths)), labels)

    def _only_saved(self, node_id):
        node = self.graph.nodes.get(self._id(node_id) or "")
        return node is not None and node.role == "saved"

    def _accumulate(self, event):
        leaf = self._value(event.tensor)
        self._add("accumulate", self._leaf_ids(event.tensor), [("grad", leaf.key, event.after)],
                  (captions.accumulate, (leaf, event.before, event.incoming, event.after)))

    def _zero(self, event, owners):
        tensor = owners[id(event.output)]
        leaf, value = self._value(tensor), event.values["output"]
        self._add("zero", self._leaf_ids(tensor), [("grad", leaf.key, value)],
                  (captions.zero, (leaf, value)))

    def _reset(self, event):
        leaf = self._value(event.tensor)
        value = event.values["value"] if event.values else None
        self._add("reset", self._leaf_ids(event.tensor), [("grad", leaf.key, value)],
                  (captions.reset, (leaf, value)))

    def _end(self, event):
        self._add("end", [], [], (captions.end, (event.retain_graph, self.returned)))
