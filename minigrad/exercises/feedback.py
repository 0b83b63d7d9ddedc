"""What ``check`` answers: right, or what is wrong and a hint — never the answer.

In Jupyter it shows as a small green or red box (inline styles only, so it renders
offline in JupyterLab, Notebook 7 and VS Code); elsewhere as one line of text.
It is truthy when the answer is right, so ``assert check(...)`` works in tests.
"""
import html
import re

from ..language import Text, get_language

_STYLE = {
    True: ("#e8f5e9", "#2e7d32", "✓"),
    False: ("#ffebee", "#c62828", "✗"),
}
_VERDICT = {True: Text("正确", "Right"), False: Text("还不对", "Not yet")}


class Feedback:
    """The verdict on one answer: ``passed`` and a ``message`` in both languages."""

    def __init__(self, exercise_id, title, passed, message, quotes=False):
        self.exercise_id = exercise_id
        self.title = title
        self.passed = bool(passed)
        self.message = message
        self.quotes = quotes  # the message repeats what the student's code produced

    def __bool__(self):
        return self.passed

    def text(self, lang=None):
        lang = lang or get_language()
        mark = _STYLE[self.passed][2]
        separator = "：" if lang == "zh" else ": "
        return (f"{mark} {self.title.get(lang)} — {_VERDICT[self.passed].get(lang)}{separator}"
                f"{self.message.get(lang)}")

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        lang = get_language()
        background, border, mark = _STYLE[self.passed]
        return (f'<div style="background:{background};border-left:4px solid {border};color:#1b1b1b;'
                f'padding:6px 10px;margin:4px 0;border-radius:3px;font-family:sans-serif;'
                f'font-size:14px;line-height:1.5">'
                f'<b style="color:{border}">{mark} {html.escape(_VERDICT[self.passed].get(lang))}'
                f'</b> · <span style="opacity:.75">{html.escape(self.title.get(lang))}</span><br>'
                f'{_inline_code(self.message.get(lang))}</div>')

    def as_dict(self):
        return {"exercise": self.exercise_id, "passed": self.passed,
                "message": self.message.as_dict()}


def _inline_code(message):
    """Escape the message and show `backticked` parts as code, as in the notebooks' text."""
    return re.sub(r"`([^`]+)`", r'<code style="background:rgba(0,0,0,.06);padding:0 3px">\1</code>',
                  html.escape(message))
