"""Words for control flow and for folded runs: what a test decided, and what a run of
identical steps did, read aloud in one caption instead of fifty.

    check          "while b.norm() < 1000" checks ‖b₃‖ = 10.1833 < 1000: true, so the loop goes on
    note           checked: ‖b₃‖ < 1000 → true            (the dashed note in the picture)
    fold forward   × 2, 10 times in a row (one node in the picture): b₁ = 2 × a2 = …, …
    fold backward  back through the 10 steps of × 2: each multiplies the gradient by 2: …

A comparison is never written as a chain ``‖b‖ < 1000 = 2.5 < 1000 = True``: the value is
given first, then the comparison, then what it decided.
"""
import numpy as np

from ..ops.elementwise import Compare
from .captions import forward
from .formulas import describe
from .model import Value
from .values import CAPTION_MAX_ELEMENTS, plain

RESULT = {"en": ("false", "true"), "zh": ("不成立", "成立")}
SEPARATOR = {"en": ", ", "zh": "，"}
SAY = {
    "check": {"en": "{code} checks {test}: {result}{so}",
              "zh": "{code}检查 {test}：{result}{so}"},
    "check_plain": {"en": "Python checks {test}: {result}{so}",
                    "zh": "Python 检查 {test}：{result}{so}"},
    "note": {"en": "checked: {test} → {result}", "zh": "检查：{test} → {result}"},
    "note_many": {"en": "checked {count} times → {results}", "zh": "检查了 {count} 次 → {results}"},
    "each": {"en": "{result} each time", "zh": "每次都{result}"},
    "mixed": {"en": "{true}× true, {false}× false", "zh": "{true} 次成立，{false} 次不成立"},
    "then_false": {"en": "true {count} times, then false", "zh": "先 {count} 次成立，然后不成立"},
    "fold": {"en": "{symbol}, {count} times in a row (one node in the picture): {first}, "
                   "then {rest}",
             "zh": "{symbol}，连续 {count} 次（图中画成一个节点）：{first}，然后 {rest}"},
    "in_between": {"en": "; in between, ", "zh": "；其间，"},
    "then": {"en": "; ", "zh": "；"},
    "fold_checks": {"en": "{code} was checked {count} times: {results}{so}",
                    "zh": "{code}检查了 {count} 次：{results}{so}"},
    "fold_check": {"en": "{code} was checked: {results}{so}",
                   "zh": "{code}检查的结果：{results}{so}"},
    "fold_back": {"en": "Back through the {count} steps of {symbol} (one node): {local}"
                        "{values}",
                  "zh": "反向经过 {count} 步 {symbol}（一个节点）：{local}{values}"},
    "fold_local": {"en": "each multiplies the gradient by its local derivative {formula}: ",
                   "zh": "每一步都把梯度乘以局部导数 {formula}："},
    "fold_locals": {"en": "each multiplies the gradient by its own local derivative: ",
                    "zh": "每一步都把梯度乘以它自己的局部导数："},
    "reaches": {"en": ", which reaches {target}", "zh": "，传到 {target}"},
    "and_more": {"en": "…", "zh": "…"},
}
SO = {
    ("while", True): {"en": ", so the loop goes on", "zh": "，所以循环继续"},
    ("while", False): {"en": ", so the loop stops", "zh": "，所以循环结束"},
    ("if", True): {"en": ", so the if block runs", "zh": "，所以执行 if 下面的代码"},
    ("if", False): {"en": ", so the if block is skipped", "zh": "，所以跳过 if 下面的代码"},
    ("if-else", False): {"en": ", so the else block runs", "zh": "，所以执行 else 下面的代码"},
    ("elif", True): {"en": ", so the elif block runs", "zh": "，所以执行 elif 下面的代码"},
    ("elif", False): {"en": ", so the elif block is skipped",
                      "zh": "，所以跳过 elif 下面的代码"},
    ("elif-else", False): {"en": ", so the else block runs", "zh": "，所以执行 else 下面的代码"},
    ("while-many", True): {"en": ", so the loop went on", "zh": "，所以循环继续"},
}


def result_word(result, lang):
    return RESULT[lang][bool(result)]


def _so(check, lang, result=None, many=False):
    result = check.result if result is None else result
    keyword = check.keyword or ""
    if keyword in ("if", "elif") and check.has_else and not result:
        keyword += "-else"
    if many:
        keyword += "-many"
    return SO.get((keyword, bool(result)), {}).get(lang, "")


def _code(check, lang):
    """The line of code in quotes: Chinese ones in Chinese prose, straight ones (as around
    code) in English."""
    if not check.code:
        return ""
    return f"“{check.code}”" if lang == "zh" else f'"{check.code}"'


def test_text(check, labels, with_values=False):
    """``‖b₃‖ < 1000``; with values, ``‖b₃‖ = 10.1833 < 1000`` (the value given before the
    comparison, never chained after it)."""
    step = check.value.step
    if step is None or step.function is not Compare or len(step.args) < 3:
        test = labels.of(check.value)
        return test
    left, right = step.args[0], step.args[1]
    symbol = describe(step.function, step.node_name).symbol_for(step.args)
    # a comparison binds loosest: its sides never need parentheses
    left_text, right_text = _side(left, labels), _side(right, labels)
    if not with_values:
        return f"{left_text} {symbol} {right_text}"
    left_value, right_value = _number(left), _number(right)
    if left_value is not None and _constant(right, labels):
        return f"{left_text} = {left_value} {symbol} {right_text}"
    if left_value is not None and right_value is not None:
        return f"{left_text} {symbol} {right_text} ({left_value} {symbol} {right_value})"
    return f"{left_text} {symbol} {right_text}"


def _side(arg, labels):
    if isinstance(arg, Value):
        return labels.of(arg)
    return plain(arg) if isinstance(arg, (int, float, np.number)) else str(arg)


def _number(arg):
    data = arg.data if isinstance(arg, Value) else np.asarray(arg)
    if data is None or np.size(data) > CAPTION_MAX_ELEMENTS:
        return None
    return plain(data)


def _constant(arg, labels):
    """A number written in the code (``1000``; the engine makes a 0-d tensor of it)."""
    if not isinstance(arg, Value):
        return True
    return arg.step is None and not arg.requires_grad and labels.name(arg) is None and \
        arg.data is not None and np.size(arg.data) == 1


def check(check, *, labels, lang):
    """The caption of one test: what was compared, the result, and what it decided."""
    test = test_text(check, labels, with_values=True)
    key = "check" if check.code else "check_plain"
    return SAY[key][lang].format(code=_code(check, lang), test=test,
                                 result=result_word(check.result, lang), so=_so(check, lang))


def note(node, labels, lang):
    """The text of a check's note in the picture."""
    checks = node.checks
    if len(checks) == 1:
        return SAY["note"][lang].format(test=test_text(checks[0], labels),
                                        result=result_word(checks[0].result, lang))
    return SAY["note_many"][lang].format(count=len(checks), results=_results(checks, lang))


def _results(checks, lang):
    """``true each time``; ``true 9 times, then false``; ``4× true, 5× false``."""
    results = [bool(c.result) for c in checks]
    trues = sum(results)
    if len(results) == 1:
        return result_word(results[0], lang)
    if trues in (0, len(checks)):
        return SAY["each"][lang].format(result=result_word(trues > 0, lang))
    if not results[-1] and all(results[:-1]):
        return SAY["then_false"][lang].format(count=trues)
    return SAY["mixed"][lang].format(true=trues, false=len(checks) - trues)


def fold_forward(node, steps, checks, *, labels, lang):
    """One caption for the forward steps of a folded run and the tests in between: the
    first step in full, then each value it made (the middle ones left out), then what
    each line of tests found."""
    first = forward(steps[0], False, labels=labels, lang=lang)
    if len(steps) == 1:
        text = first
    else:
        shown = [_made(step, labels) for step in steps[1:]]
        if len(shown) > 3:
            shown = shown[:2] + [SAY["and_more"][lang]] + shown[-1:]
        text = SAY["fold"][lang].format(symbol=_what_repeats(steps, labels), count=len(steps),
                                        first=first, rest=SEPARATOR[lang].join(shown))
    lines = {}
    for check in checks:
        lines.setdefault((check.filename, check.line), []).append(check)
    for position, tests in enumerate(lines.values()):
        key = "fold_check" if len(tests) == 1 else "fold_checks"
        text += SAY["then" if position else "in_between"][lang] + SAY[key][lang].format(
            code=_code(tests[0], lang) or test_text(tests[0], labels), count=len(tests),
            results=_results(tests, lang), so=_so_many(tests, lang))
    return text


def _so_many(checks, lang):
    """What a line of tests decided: the loop went on (all true), or stopped at the end."""
    results = [bool(c.result) for c in checks]
    if all(results):
        return _so(checks[0], lang, True, many=True)
    if not results[-1] and all(results[:-1]):
        return _so(checks[-1], lang, False)
    return ""


def _what_repeats(steps, labels):
    """``× 2`` for a run of ``b * 2``: the op, and its constant if every step has the same."""
    texts = {_step_symbol(step) for step in steps}
    if len(texts) == 1:
        return texts.pop()
    step = steps[0]
    return describe(step.function, step.node_name).symbol_for(step.args)


def _step_symbol(step):
    op = describe(step.function, step.node_name)
    symbol = op.symbol_for(step.args)
    constants = [plain(a.data) for a in step.inputs
                 if a.step is None and a.data is not None and np.size(a.data) == 1 and
                 not a.requires_grad]
    return f"{symbol} {constants[0]}" if len(constants) == 1 and len(step.inputs) == 2 \
        else symbol


def _made(step, labels):
    """``b₂ = -5.0917``: a value of the run, named if the program named it."""
    output = step.outputs[0]
    value = plain(output.data) if output.data is not None else "?"
    name = labels.name(output) or (labels.graph.local_names.get(output.key)
                                   if labels.graph is not None else None)
    return f"{name} = {value}" if name else value


def fold_backward(node, passes, *, labels, lang):
    """One caption for the backward steps of a folded run: the gradient as it went back
    through each step, ``100 → 200 → … → 102400``. ``passes``: (step, incoming, outgoing)
    for each step, in the order the backward pass ran them."""
    step = passes[0][0]
    symbol = _what_repeats([each for each, _, _ in passes], labels)
    op = describe(step.function, step.node_name)
    chain = [_first(incoming) for _, incoming, _ in passes[:1]]
    chain += [_first(outgoing) for _, _, outgoing in passes]
    texts = [plain(g) for g in chain if g is not None]
    if len(texts) > 5:
        texts = texts[:3] + [SAY["and_more"][lang]] + texts[-1:]
    formulas = set()
    for each, _, _ in passes:
        tensors = [a for a in each.args if isinstance(a, Value)]  # derivatives are per tensor input
        edge = next((k for k, a in enumerate(tensors) if a.requires_grad), 0)
        labels_in = [labels.of(a) if isinstance(a, Value) else str(a) for a in each.args]
        formulas.add(op.derivative(edge, labels_in, each.args, lang))
    formula = formulas.pop() if len(formulas) == 1 else None
    local = SAY["fold_local"][lang].format(formula=formula) if formula and _is_constant(formula) \
        else SAY["fold_locals"][lang]
    text = SAY["fold_back"][lang].format(count=len(passes), symbol=symbol, local=local,
                                         values=" → ".join(texts))
    last = passes[-1][0]
    target = next((a for a in last.args if isinstance(a, Value) and a.requires_grad), None)
    if target is not None:
        text += SAY["reaches"][lang].format(target=labels.of(target))
    return text


def _first(grads):
    return next((g for g in grads if g is not None), None)


def _is_constant(formula):
    """A local derivative that is a number (``2``), the same at every step."""
    try:
        float(formula.replace("−", "-"))
    except ValueError:
        return False
    return True
