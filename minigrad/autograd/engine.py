"""The backward pass: walk the graph from the output back to the leaves.

1. Find every node reachable from the roots and count, for each, how many edges lead
   into it (its *dependencies*). No recursion: a 100,000-op chain is just a long loop.
2. Start at the roots with the seed gradient (1 for a scalar, or ``gradient=``).
3. Run a node only when all gradients destined for it have arrived and been summed —
   that sum is the "add the paths" part of the chain rule. Among ready nodes, the most
   recently created runs first, as in PyTorch.
4. At an ``AccumulateGrad`` node, add the gradient into the leaf's ``.grad``.
5. Free each node's saved tensors after it ran, unless ``retain_graph=True``.
"""
import gc
import heapq

import numpy as np

from .. import events
from ..creation import zeros, zeros_like
from ..ops.inplace import bump_version
from ..quiet import mute, unmute
from ..tensor import ACCUMULATED, Tensor
from . import anomaly_mode, backward_checks as checks
from .anomaly_mode import _Anomaly
from .function import AccumulateGrad
from .grad_mode import _GradMode


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Add the gradient of ``tensors`` with respect to every leaf into the leaves' ``.grad``
    (``Tensor.backward`` calls this)."""
    tensors = _as_tuple(tensors)
    grads = checks.seed_gradients(tensors, grad_tensors, "backward")
    targets = None
    if inputs is not None:
        targets = [_node_of(t) for t in _as_tuple(inputs)]
    _run(tensors, grads, retain_graph, create_graph, targets, accumulate=True)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, materialize_grads=False):
    """The gradients of ``outputs`` with respect to ``inputs``, returned as a tuple;
    unlike ``backward`` this leaves every ``.grad`` untouched."""
    outputs = _as_tuple(outputs)
    inputs = _as_tuple(inputs)
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    grads = checks.seed_gradients(outputs, grad_outputs, "grad")
    targets = [_node_of(t) for t in inputs]
    captured = _run(outputs, grads, retain_graph, create_graph, targets, accumulate=False)
    results = []
    for i, (t, target) in enumerate(zip(inputs, targets)):
        g = captured.get(target)
        if g is None:
            if materialize_grads:
                g = zeros_like(t)
            elif not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the "
                    f"graph. Set allow_unused=True if this is the desired behavior.")
        results.append(g)
    return tuple(results)


def _as_tuple(x):
    return (x,) if isinstance(x, Tensor) else tuple(x)


def _node_of(t):
    """The (node, output_nr) whose incoming gradient is the gradient of tensor ``t``."""
    node = t.grad_fn
    if node is not None:
        return (node, t._output_nr)
    return (t._accumulate_grad_node(), 0)


def _run(roots, seeds, retain_graph, create_graph, targets, accumulate):
    if retain_graph is None:
        retain_graph = create_graph
    starts = [_node_of(t) for t in roots]
    dependencies = _count_dependencies([node for node, _ in starts])
    needed = _nodes_leading_to(targets, dependencies) if targets is not None else None
    targets = set(targets) if targets is not None else ()
    captured = {}

    buffers = {}
    sums = {}  # id -> tensor: the sums of arriving gradients this walk made (_add_paths)
    for (node, nr), g in zip(starts, seeds):
        _add_to_buffer(buffers, node, nr, g)
    ready = []
    for node in buffers:
        if dependencies[node] == 0:
            heapq.heappush(ready, (-node.sequence_nr, id(node), node))

    listening = events.listeners
    if listening:
        events.announce(events.BackwardStarted(roots, seeds, retain_graph, create_graph))
    grad_mode, ops_muted = _GradMode.enabled, events.ops_muted
    _GradMode.enabled = create_graph  # record the backward ops only for create_graph=True
    events.ops_muted = not create_graph
    # The walk allocates many short-lived objects; Python's cycle collector would re-scan
    # the whole (possibly huge) graph again and again while nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    numpy_warnings = mute()  # backward's arithmetic gives inf and nan as quietly as forward's
    try:
        while ready:
            node = heapq.heappop(ready)[2]
            grads = buffers.pop(node)
            if sums:  # what the node receives is no longer the walk's own to add into
                for g in grads:
                    sums.pop(id(g), None)
            if node._pre_hooks or node._retained:
                grads = _apply_pre_hooks(node, grads)
            if targets:
                for nr, g in enumerate(grads):
                    if g is not None and (node, nr) in targets:
                        captured[(node, nr)] = g
            if needed is not None and node not in needed:
                continue
            if type(node) is AccumulateGrad:
                if accumulate:
                    _accumulate(node.variable, grads[0], create_graph)
                continue
            outputs = _call(node, grads)
            if not retain_graph:
                node._release()
            for child, nr, g in zip(node._next, node._next_nrs, outputs):
                if child is None:
                    continue
                if g is not None:
                    slots = buffers.get(child)
                    if slots is None:  # the first gradient to reach this node
                        slots = buffers[child] = [None] * (len(child._output_meta) or 1)
                    held = slots[nr]
                    slots[nr] = g if held is None else _add_paths(held, g, sums)
                left = dependencies[child] - 1
                dependencies[child] = left
                if left == 0:
                    if child in buffers:
                        heapq.heappush(ready, (-child.sequence_nr, id(child), child))
                    else:
                        _skip(child, dependencies, buffers, ready, retain_graph)
    finally:
        unmute(numpy_warnings)
        _GradMode.enabled, events.ops_muted = grad_mode, ops_muted
        if collecting:
            gc.enable()
    if events.listeners:
        events.announce(events.BackwardFinished(retain_graph))
    return captured


def _count_dependencies(start_nodes):
    """For every node reachable from the starts: how many edges point into it."""
    dependencies = dict.fromkeys(start_nodes, 0)
    stack = list(dependencies)  # each node once, also when several roots share it
    while stack:
        node = stack.pop()
        for child in node._next:
            if child is None:
                continue
            if child not in dependencies:
                dependencies[child] = 0
                stack.append(child)
            dependencies[child] += 1
    return dependencies


def _nodes_leading_to(targets, reachable):
    """The nodes on some path to a target (``autograd.grad`` runs only those)."""
    parents = {}
    for node in reachable:
        for child in node._next:
            if child is not None:
                parents.setdefault(child, []).append(node)
    needed = {node for node, _ in targets}
    stack = list(needed)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in needed:
                needed.add(parent)
                stack.append(parent)
    return needed


def _skip(node, dependencies, buffers, ready, retain_graph):
    """A node no gradient reached: nothing to run, but its children stop waiting for it."""
    stack = [node]
    while stack:
        node = stack.pop()
        if not retain_graph:
            node._release()
        for child in node._next:
            if child is None:
                continue
            dependencies[child] -= 1
            if dependencies[child] == 0:
                if child in buffers:
                    heapq.heappush(ready, (-child.sequence_nr, id(child), child))
                else:
                    stack.append(child)


def _add_paths(held, g, sums):
    """Two gradients for the same input of a node: the chain rule adds the paths. The
    first sum is a new tensor that only this walk holds, so later gradients are added into
    it in place, as PyTorch's engine does: a leaf used 10,000 times costs 10,000 additions,
    not 10,000 new arrays. (With create_graph=True the sums are steps of the new graph.)"""
    if (sums.get(id(held)) is held and held._data.shape == g._data.shape
            and held._data.dtype == g._data.dtype):
        np.add(held._data, g._data, out=held._data)
        return held
    total = held + g
    if not _GradMode.enabled:
        sums[id(total)] = total
    return total


def _add_to_buffer(buffers, node, nr, g):
    """Add ``g`` to what has arrived for output ``nr`` of ``node`` (the walk's loop does
    the same inline: it runs once per edge of the graph)."""
    slots = buffers.get(node)
    if slots is None:
        slots = buffers[node] = [None] * len(node._output_meta or (0,))
    slots[nr] = g if slots[nr] is None else slots[nr] + g


def _apply_pre_hooks(node, grads):
    """The tensors' hooks, then retain_grad's copies, then the node's own prehooks."""
    for nr, hook in node._pre_hooks:
        if type(nr) is int and grads[nr] is not None:
            replaced = hook(grads[nr])
            if replaced is not None:
                checks.hook_result(hook, grads[nr], replaced)
                grads[nr] = replaced
    for nr, ref in (node._retained or {}).items():
        tensor = ref()
        if tensor is not None and grads[nr] is not None:
            g = grads[nr]
            tensor._grad = g.detach().clone() if tensor._grad is None else tensor._grad + g.detach()
    for nr, hook in node._pre_hooks:
        if nr is None:
            replaced = hook(tuple(grads))
            if replaced is not None:
                grads = list(replaced)
    return grads


def _call(node, grads):
    """Run one node's backward and check what it returns against its inputs."""
    if node.materialize_grads and len(grads) > 1 and any(g is None for g in grads):
        grads = [zeros(shape, dtype=dtype) if g is None else g
                 for g, (shape, dtype) in zip(grads, node._output_meta)]
    outputs = node._function.backward(node, *grads)
    if type(outputs) is not tuple:
        outputs = (outputs,)
    meta = node._input_meta
    if node._input_positions is not None:  # forward(ctx, k, x): keep the tensors' entries
        outputs = checks.of_tensor_inputs(node, outputs)
    if len(outputs) != len(meta):
        outputs = checks.drop_extra_nones(node, outputs, len(meta))
    checked = []
    for i, g in enumerate(outputs):
        if g is not None:
            shape, dtype = meta[i]
            if type(g) is not Tensor or g._data.shape != shape or g._data.dtype != dtype:
                g = checks.fit_gradient(node, i, g, shape, dtype)
        checked.append(g)
    if _Anomaly.enabled and _Anomaly.check_nan:
        anomaly_mode.check(node, checked)
    if node._post_hooks:
        for hook in node._post_hooks:
            replaced = hook(tuple(checked), tuple(grads))
            if replaced is not None:
                checked = list(replaced)
    if events.listeners:
        events.announce(events.BackwardStep(node, grads, checked))
    return checked


def _accumulate(variable, g, create_graph):
    """``variable.grad += g``: gradients add up across paths and across backward calls."""
    before = variable._grad
    listening = events.listeners
    old_value = None if before is None or not listening else before._data.copy()
    if g._data.dtype != variable._data.dtype:
        g = g.to(variable.dtype)
    if before is None:
        variable._grad = g if create_graph else Tensor._make(np.array(g._data, copy=True))
    elif create_graph:
        variable._grad = before + g
    else:
        before._data += g._data  # in place, like PyTorch, so x.grad stays the same object
        bump_version(before)
    if listening:
        events.announce(events.GradAccumulated(variable, old_value, g._data.copy(),
                                               variable._grad._data.copy()))
    for when, hook in variable._hooks or ():
        if when == ACCUMULATED:
            hook(variable)
