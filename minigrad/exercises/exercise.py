"""One exercise: a prompt, an answer cell, and a check.

A check has three parts so that the grader can split them between processes:

    plan(rng)            the inputs to try (plain data; fresh random ones each time)
    probe(answer, plan)  run the student's answer on them, write down what happens (facts)
    judge(facts, plan)   decide from the facts alone: right, or what is wrong plus a hint

In a notebook ``check`` does all three at once. Exercises whose answer is a value
(a tensor, a prediction) have no plan; their probe is ``describe``.
"""
import ast
import inspect
import textwrap

import numpy as np

from .facts import attempt, describe, failure
from . import limits, variants
from .limits import time_limit
from .feedback import Feedback
from ..language import Text

# The last answer passed to check(), per exercise: the grader reads it after the cell ran.
answers = {}
MISSING = object()


class Verdict:
    """Right or wrong, and why. ``quotes`` is True when the message repeats something the
    student's code produced (an error message, a shape, a type's name): the grader does
    not show such a message for a hidden input, which that code saw."""
    __slots__ = ("passed", "message", "quotes")

    def __init__(self, passed, message, quotes=False):
        self.passed, self.message, self.quotes = passed, message, quotes


def right(message, quotes=False):
    return Verdict(True, message, quotes)


def wrong(message, quotes=False):
    return Verdict(False, message, quotes)


class Exercise:
    """An exercise of the bank. ``prompt`` and ``title`` are in both languages;
    ``setup`` is code the student is given, ``template`` the answer cell to complete,
    ``answer`` the name of the variable it defines. A live exercise ``expects`` a
    ``"function"`` or a ``"class"``. An exercise with ``numbers`` (``variants.Numbers``)
    writes its prompt, given code and answer cell with ``{name}`` fields, filled with the
    standard numbers or a student's own. The teacher's answers are not here (students
    have this package too): they are in the repository's ``exercises/solutions/``."""

    def __init__(self, id, title, prompt, answer, template, judge, *, setup="",
                 plan=None, probe=None, expects="function", numbers=None):
        self.id = id
        self.title = title
        self._prompt = prompt
        self.answer = answer
        self._template = template
        self._setup = setup
        self._judge = judge
        self._plan = plan
        self._probe = probe
        self.expects = expects
        self.numbers = numbers

    @property
    def live(self):
        """True when the answer is behaviour (a function or class) tried on fresh inputs."""
        return self._plan is not None

    def prompt(self, lang=None, numbers=None):
        return self.fill(self._prompt.get(lang), numbers)

    def given(self, numbers=None):
        """The code the student is given, with these numbers (default: the standard ones)."""
        return self.fill(self._setup, numbers)

    def answer_cell(self, numbers=None):
        return self.fill(self._template, numbers)

    @property
    def setup(self):
        return self.given()

    @property
    def template(self):
        return self.answer_cell()

    def fill(self, text, numbers=None):
        """``text`` (written with ``{name}`` fields) with these numbers, or the standard ones."""
        if self.numbers is None:
            return text
        return text.format(**(numbers or self.numbers.standard))

    def plan(self, rng=None, numbers=None):
        """The inputs to try (plain data); an exercise with numbers carries them in
        ``plan["numbers"]``, for the probe and the judge."""
        rng = rng if rng is not None else np.random.default_rng()
        if self.numbers is None:
            return self._plan(rng) if self.live else {}
        numbers = numbers or dict(self.numbers.standard)
        return {**(self._plan(rng, numbers) if self.live else {}), "numbers": numbers}

    def probe(self, answer, plan):
        """The facts about ``answer`` (plain data), gathered within the check's time limit;
        whatever the student's object does when looked at or called is a fact too."""
        if answer is MISSING:
            return {"type": "missing"}
        with time_limit():
            outcome = attempt(self._look_at, answer, plan)
        return outcome["result"] if outcome["ok"] else failure(outcome)

    def _look_at(self, answer, plan):
        if self.live and not callable(answer):
            return describe(answer)
        if self.live and still_has_placeholder(answer):
            return {"type": "other", "name": "ellipsis"}  # judged as the template's `...`
        if self._probe is None:
            return describe(answer)
        return self._probe(answer, plan)

    def judge(self, facts, plan):
        kind = facts.get("type")
        if kind == "missing":
            verdict = wrong(Text(f"没有找到答案：请在答案单元格里定义 `{self.answer}`，再运行 "
                                 f"`check(\"{self.id}\", {self.answer})`。",
                                 f"No answer found: define `{self.answer}` in the answer cell, "
                                 f"then run `check(\"{self.id}\", {self.answer})`."))
        elif kind in ("raised", "timeout"):
            verdict = raised(facts)
        elif self.live and kind != "calls":
            verdict = not_callable(facts, self)
        elif self.live and not _one_result_per_input(facts, plan):
            verdict = wrong(INCOMPLETE)
        else:
            verdict = self._judge(facts, plan)
        return Feedback(self.id, self.title, verdict.passed, verdict.message, verdict.quotes)

    def check(self, answer):
        answers[self.id] = answer
        plan = self.plan(numbers=variants.numbers(self))
        facts = self.probe(answer, plan)
        try:
            return self.judge(facts, plan)
        except Exception:  # a fact this check did not foresee: say so, never a stack trace
            return Feedback(self.id, self.title, False, INCOMPLETE)

    def __repr__(self):
        return f"<exercise {self.id!r}: {self.title.get()}>"


INCOMPLETE = Text("检查没能看清这个答案：它的结果不完整或者形式不对。请检查答案是不是按题目要求的形式给出的。",
                  "The check could not make sense of this answer: its results are incomplete "
                  "or not of the kind asked for. Check that the answer has the form the "
                  "exercise asks for.")


def _one_result_per_input(facts, plan):
    """A function's facts hold exactly one result (a dict) per input the plan tried: an
    empty or short list of results must never read as "all right"."""
    results = facts.get("results")
    tried = [value for key, value in plan.items() if isinstance(value, list) and key != "numbers"]
    return (isinstance(results, list) and len(tried) == 1 and len(results) == len(tried[0])
            and all(isinstance(result, dict) for result in results))


def still_has_placeholder(answer):
    """Does the function or class still hold a ``...`` of its template? Then the
    student has not finished it, whatever it returns or raises when called. (Its source
    is known for code from a notebook cell or a file; elsewhere the answer is just run.)"""
    if isinstance(answer, type):  # a class's own source is not found in a notebook; its methods' is
        return any(still_has_placeholder(getattr(member, "__func__", member))
                   for member in vars(answer).values()
                   if inspect.isfunction(getattr(member, "__func__", member)))
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(answer)))
    except (OSError, TypeError, SyntaxError):
        return False
    # `...` as a line, or as what is assigned or returned (`x[..., 0]` is real code)
    return any(isinstance(node, (ast.Expr, ast.Assign, ast.Return))
               and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis
               for node in ast.walk(tree))


def not_callable(facts, exercise):
    placeholder = unfinished(facts)
    if placeholder:
        return placeholder
    if exercise.expects == "class":
        return wrong(Text(f"`{exercise.answer}` 要是 `torch.autograd.Function` 的子类："
                          f"`class {exercise.answer}(torch.autograd.Function):`，forward 和 backward "
                          f"都写成 `@staticmethod`。交类本身，不要交它的实例。",
                          f"`{exercise.answer}` must be a subclass of `torch.autograd.Function`: "
                          f"`class {exercise.answer}(torch.autograd.Function):`, with forward and "
                          f"backward as `@staticmethod`s. Pass the class itself, not an instance."))
    if facts["type"] == "class":
        return wrong(Text(f"`{exercise.answer}` 是一个类；这里要的是函数。",
                          f"`{exercise.answer}` is a class; a function is expected here."))
    return wrong(Text(f"这里要交的是函数本身：`check(\"{exercise.id}\", {exercise.answer})`，"
                      f"不要在括号里调用它。现在交上来的是 {kind_name(facts, 'zh')}。",
                      f"Pass the function itself: `check(\"{exercise.id}\", {exercise.answer})`, "
                      f"without calling it. What arrived is {kind_name(facts, 'en')}."), quotes=True)


def raised(facts):
    """Student code that raised, or ran past the check's time limit."""
    if facts.get("type") == "timeout":
        seconds = limits.CHECK_SECONDS
        return wrong(Text(f"你的代码在 {seconds:g} 秒内没有结束：是不是有一个停不下来的循环，"
                          f"或者一次太大的计算？",
                          f"Your code did not finish within {seconds:g} seconds: is there a "
                          f"loop that never ends, or a computation far too big?"))
    if facts.get("type") == "raised":
        return wrong(Text(f"运行你的代码时出错了：`{facts['error']}: {facts['message']}`",
                          f"Your code raised an error: `{facts['error']}: {facts['message']}`"),
                     quotes=True)
    return None


def unfinished(facts):
    """The template's ``...`` or ``None`` is still there."""
    if facts["type"] == "other" and facts["name"] == "ellipsis":
        return wrong(Text("答案单元格里还是 `...`：把它换成你的答案。",
                          "The answer cell still holds `...`: replace it with your answer."))
    if facts["type"] == "None":
        return wrong(Text("答案是 `None`：是不是忘了 `return`，或者忘了给变量赋值？",
                          "The answer is `None`: a missing `return`, or a variable never assigned?"))
    return None


_KINDS = {"tensor": ("一个张量", "a tensor"), "number": ("一个数", "a number"),
          "bool": ("一个布尔值", "a bool"), "list": ("一个列表", "a list"),
          "tuple": ("一个元组", "a tuple"), "str": ("一个字符串", "a string"),
          "ndarray": ("一个 NumPy 数组", "a NumPy array"), "class": ("一个类", "a class"),
          "function": ("一个函数", "a function"), "None": ("`None`", "`None`"),
          "unreadable": ("一个一看就出错的对象（读取它时抛出了异常）",
                         "an object that raises an error when looked at")}


def kind_name(facts, lang):
    zh, en = _KINDS.get(facts["type"], (f"`{facts.get('name')}`", f"a `{facts.get('name')}`"))
    return zh if lang == "zh" else en
