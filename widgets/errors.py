"""What went wrong, said to a student inside the widget, never as a traceback.

Views and players draw in response to clicks and cell runs; an exception there would
print a traceback into the log (or nowhere) and leave a blank widget. Instead every
drawing step goes through ``explain``, and the message appears where the graph would be.
"""
from .language import say

_FAILED = {
    "zh": "画图时出错了（{kind}）：{message}",
    "en": "Drawing failed ({kind}): {message}",
}


def _in_language(exc, lang):
    """viz's errors carry their message in both languages; others have only their text."""
    messages = getattr(exc, "messages", None)
    if isinstance(messages, dict) and lang in messages:
        return messages[lang]
    return str(exc)


def explain(exc, lang):
    """One paragraph for a student: what failed and, when we know it, what to do."""
    if isinstance(getattr(exc, "messages", None), dict):
        return _in_language(exc, lang)
    if isinstance(exc, KeyError):  # a node id that the current graph no longer has
        return say("node_gone", lang)
    return _FAILED[lang].format(kind=type(exc).__name__, message=exc)
