"""The arithmetic of each step, in words a student reads aloud: one function per kind of
step, each returning the caption in one language.

    forward      a = x + y = 2 + 3 = 5
    backward     ∂z/∂a = w = 4, so a.grad = 4 · 1 = 4      (local derivative × incoming gradient)
    accumulate   x.grad: [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]
    detach       u = y.detach(): the gradient stops here
"""
import numpy as np

from ..autograd.notation import sum_to_shape
from ..ops.elementwise import Compare
from .formulas import describe, grouped
from .model import Value
from .values import CAPTION_MAX_ELEMENTS, plain

SAY = {
    "inplace": {"en": " (in place)", "zh": "（就地操作）"},
    "no_grad": {"en": " (under no_grad: not recorded in the graph)",
                "zh": "（在 no_grad 下：不记录到计算图中）"},
    "start": {"en": "Backward pass from {root}: ∂{group}/∂{group} = {seed}",
              "zh": "反向传播从 {root} 开始：∂{group}/∂{group} = {seed}"},
    "start_with": {"en": "Backward pass from {root}, with gradient={seed} (a weight for each "
                         "element of {root})",
                   "zh": "反向传播从 {root} 开始，传入的梯度 gradient={seed}（{root} 每个元素的权重）"},
    "local": {"en": "∂{out}/∂{input} = {formula}{value}, so {target} {assign} {local} {times} "
                    "{incoming} = {result}",
              "zh": "局部导数 ∂{out}/∂{input} = {formula}{value}，按链式法则 {target} {assign} "
                    "{local} {times} {incoming} = {result}"},
    "rule": {"en": "{target} {assign} {rule} = {result}",
             "zh": "{target} {assign} {rule} = {result}"},
    "formula_only": {"en": "∂{out}/∂{input} = {formula}, so {target} {assign} {result}",
                     "zh": "局部导数 ∂{out}/∂{input} = {formula}，所以 {target} {assign} {result}"},
    "plain": {"en": "{target} {assign} {result}", "zh": "{target} {assign} {result}"},
    "no_gradient": {"en": "{node}: no gradient flows on from here",
                    "zh": "{node}：梯度不再继续向前传"},
    "twice": {"en": " ({input} is used {count} times: the gradients add up)",
              "zh": "（{input} 被用了 {count} 次：梯度相加）"},
    "first_grad": {"en": "{leaf}.grad = {after} (it was None)",
                   "zh": "{leaf}.grad 原来是 None，现在 {leaf}.grad = {after}"},
    "accumulate": {"en": "{leaf}.grad: {before} + {incoming} = {after}",
                   "zh": "梯度累积：{leaf}.grad = {before} + {incoming} = {after}"},
    "accumulates": {"en": " (.grad adds up across backward() calls until you zero it)",
                    "zh": "（.grad 会在多次 backward() 之间累加，直到清零）"},
    "paths": {"en": "{leaf} gets gradients from {count} paths, which add up: {terms} = {total}; ",
              "zh": "{leaf} 从 {count} 条路径得到梯度，相加：{terms} = {total}；"},
    "zero": {"en": "{leaf}.grad.zero_(): {leaf}.grad = {value}",
             "zh": "梯度清零：{leaf}.grad.zero_() 之后 {leaf}.grad = {value}"},
    "reset_none": {"en": "{leaf}.grad = None", "zh": "{leaf}.grad 被设为 None"},
    "reset": {"en": "{leaf}.grad = {value}", "zh": "{leaf}.grad 被设为 {value}"},
    "detach": {"en": "{result} = {source}.detach(): the gradient stops here ({result} has "
                     "{source}'s values but no history: a constant)",
               "zh": "{result} = {source}.detach()：分离计算，{result} 与 {source} 的值相同，"
                     "但被视为常数，梯度在这里停止"},
    "end": {"en": "Backward pass done: the saved tensors are freed (backward(retain_graph=True) "
                  "would keep them for another backward pass)",
            "zh": "反向传播结束：为反向传播保存的张量已被释放（若要再次反向传播，请使用 "
                  "retain_graph=True 保留计算图）"},
    "end_kept": {"en": "Backward pass done; retain_graph=True kept the graph for another "
                       "backward pass",
                 "zh": "反向传播结束；retain_graph=True 保留了计算图，可以再次反向传播"},
    "separator": {"en": "; ", "zh": "；"},
    "custom": {"en": "Our own {op}.backward ran (the one written above), with the incoming "
                     "gradient {incoming}: ",
               "zh": "这里运行的是我们自己写的 {op}.backward，传入的梯度是 {incoming}："},
}


def forward(step, no_grad, *, labels, lang):
    """``a = x + y = 2 + 3 = 5``."""
    op = describe(step.function, step.node_name)
    output = step.outputs[0]
    expression = labels.expression(step)
    name = labels.of(output)
    text = expression if name == expression else f"{name} = {expression}"
    # a comparison is not an equation: "m = x > 0: [1, -1] > 0 → [True, False]", never
    # "x > 0 = [1, -1] > 0 = [True, False]"
    compares = step.function is Compare
    values = [_value_text(arg) for arg in step.args]
    if all(v is not None for v in values) and any(isinstance(arg, Value) for arg in step.args):
        substituted = op.expression_for(values, step.args)
        if substituted != expression:
            text += f": {substituted}" if compares else f" = {substituted}"
    if output.data is not None:
        text += f" → {plain(output.data)}" if compares else f" = {plain(output.data)}"
    if step.inplace:
        text += SAY["inplace"][lang]
    if no_grad:
        text += SAY["no_grad"][lang]
    return text


def _value_text(arg):
    """An argument as numbers in a caption, or None if it is too big to read."""
    if not isinstance(arg, Value):
        return _plain_arg(arg)
    data = arg.data
    if data is None or data.size > CAPTION_MAX_ELEMENTS:
        return None
    return plain(data)


def start(roots, seeds, *, labels, lang):
    parts = []
    for root, seed in zip(roots, seeds):
        name = labels.of(root)
        scalar = seed is not None and np.size(seed) == 1 and float(np.ravel(seed)[0]) == 1
        key = "start" if scalar and np.size(root.data if root.data is not None else 0) <= 1 \
            else "start_with"
        parts.append(SAY[key][lang].format(root=name, group=grouped(name), seed=plain(seed)))
    return SAY["separator"][lang].join(parts)


def backward(step, grads_in, grads_out, contributions, node_name, returned=None, *, labels,
             lang):
    """The chain rule at one node: for each input, local derivative × incoming gradient.
    ``contributions``: how many gradients each value had received in this backward pass
    before this step, to write ``=`` for the first and ``+=`` after. ``returned``: the
    roots of an ``autograd.grad`` pass, which hands a leaf's gradient back instead of adding
    it to ``.grad``: that gradient is written ∂root/∂x, not x.grad."""
    contributions = dict(contributions)
    op = describe(step.function, node_name)
    output = step.outputs[0] if step.outputs else None
    out = grouped(labels.of(output)) if output is not None else node_name
    incoming = next((g for g in grads_in if g is not None), None)
    input_labels = [labels.of(a) if isinstance(a, Value) else _plain_arg(a) for a in step.args]
    values = [a.data if isinstance(a, Value) else a for a in step.args]
    known = all(a.data is not None for a in step.args if isinstance(a, Value))
    # the output's value may be unknown (a step rebuilt from the grad_fn graph): a local
    # derivative that needs it (exp's) then stays a formula
    numbers = values if known and output is not None else None
    parts, used = [], {}
    positions = [i for i, a in enumerate(step.args) if isinstance(a, Value)]
    for edge_index, g in enumerate(grads_out):
        if g is None or edge_index >= len(positions):
            continue
        i = positions[edge_index]
        value = step.args[i]
        name = grouped(input_labels[i])
        used[name] = used.get(name, 0) + 1
        leaf = value.is_leaf and value.step is None
        count = contributions.get(value.key, 0)
        contributions[value.key] = count + 1
        assign = "+=" if (leaf and not returned) or count else "="
        target = f"{name}.grad"
        if leaf and returned:
            target = f"∂{grouped(' + '.join(labels.of(root) for root in returned))}/∂{name}"
        parts.append(_one_input(op, edge_index, name, target, out, incoming, g, assign,
                                input_labels, step.args, numbers and (numbers, output.data), lang))
    if not parts:
        return SAY["no_gradient"][lang].format(node=node_name)
    text = SAY["separator"][lang].join(parts)
    if _written_by_student(step.function) and incoming is not None:
        text = SAY["custom"][lang].format(op=step.function.__name__,
                                          incoming=plain(incoming)) + text
    for name, count in used.items():
        if count > 1:
            text += SAY["twice"][lang].format(input=name, count=count)
    return text


def _written_by_student(function):
    """A ``Function`` subclass of the notebook's (the built-in ops name their node)."""
    return function is not None and getattr(function, "node_name", "") is None


def _one_input(op, i, name, target, out, incoming, g, assign, input_labels, args, numbers,
               lang):
    """The caption part for tensor input ``i`` (its gradient written as ``target``);
    ``numbers``: (argument values, output value or None) when the arguments are known, so
    that the local derivative can be shown as numbers."""
    result = plain(g)
    formula = op.derivative(i, input_labels, args, lang)
    local = None
    if incoming is not None and numbers:
        local = op.local_value(i, *numbers)
    if local is not None and _matches(local, incoming, g):
        local_text = plain(local)
        first = np.ravel(local)[:1]
        if np.size(local) > 1 and formula == plain(first[0]) and np.all(local == first):
            local_text = formula  # ∂y/∂x = 1 for every element: not "= [1, 1, 1, 1]" too
        times = "·" if local_text == formula or np.size(local) == 1 or np.size(incoming) == 1 \
            else "×"
        return SAY["local"][lang].format(
            out=out, input=name, target=target, formula=formula or local_text,
            value="" if formula in (None, local_text) else f" = {local_text}",
            assign=assign, local=local_text, times=times, incoming=plain(incoming),
            result=result)
    rule = op.rule(i, input_labels, args, f"{out}.grad", lang)
    if rule is not None:
        return SAY["rule"][lang].format(target=target, assign=assign, rule=rule, result=result)
    if formula is not None:
        return SAY["formula_only"][lang].format(out=out, input=name, target=target,
                                                formula=formula, assign=assign, result=result)
    return SAY["plain"][lang].format(target=target, assign=assign, result=result)


def _matches(local, incoming, g):
    """Does local × incoming (summed back to the input's shape) give what backward gave?
    If not (an op whose derivative is not elementwise), the caption says it in words."""
    try:
        product = np.broadcast_to(local * incoming, np.broadcast_shapes(
            np.shape(local), np.shape(incoming)))
        summed = sum_to_shape(np.asarray(product, dtype=float), np.shape(g))
    except (ValueError, RuntimeError):
        return False
    return summed.shape == np.shape(g) and np.allclose(summed, g, rtol=1e-4, atol=1e-6,
                                                        equal_nan=True)


def _plain_arg(arg):
    return plain(arg) if isinstance(arg, (int, float, np.number)) else str(arg)


def accumulate(leaf, before, incoming, after, paths, *, labels, lang):
    """``x.grad: [0, 4, 8, 12] + [1, 1, 1, 1] = [1, 5, 9, 13]``; ``paths``: the gradients
    that reached the leaf in this backward pass, when there were several."""
    leaf = grouped(labels.of(leaf))
    text = ""
    if len(paths) > 1:
        text = SAY["paths"][lang].format(leaf=leaf, count=len(paths),
                                         terms=" + ".join(plain(p) for p in paths),
                                         total=plain(incoming))
    if before is None:
        return text + SAY["first_grad"][lang].format(leaf=leaf, after=plain(after))
    text += SAY["accumulate"][lang].format(leaf=leaf, before=plain(before),
                                           incoming=plain(incoming), after=plain(after))
    if np.any(before != 0):
        text += SAY["accumulates"][lang]
    return text


def zero(leaf, value, *, labels, lang):
    return SAY["zero"][lang].format(leaf=labels.of(leaf), value=plain(value))


def reset(leaf, value, *, labels, lang):
    if value is None:
        return SAY["reset_none"][lang].format(leaf=labels.of(leaf))
    return SAY["reset"][lang].format(leaf=labels.of(leaf), value=plain(value))


def detach(result, source, *, labels, lang):
    return SAY["detach"][lang].format(result=labels.of(result), source=labels.of(source))


def end(retain_graph, *, labels, lang):
    return SAY["end_kept" if retain_graph else "end"][lang]
