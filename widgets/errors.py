"""What went wrong, said to a student inside the widget, never as a traceback.

Views and players draw in response to clicks and cell runs; an exception there would
print a traceback into the log (or nowhere) and leave a blank widget. Instead every
drawing step goes through ``explain``, and the message appears where the graph would be.
"""
from minigrad import viz

from .language import say

_DOT_MISSING = {
    "zh": "找不到 Graphviz 的 dot 程序，所以先用文字画出计算图。装好 Graphviz 后重新运行这个单元格即可看到图片。",
    "en": "Graphviz's dot program was not found, so the graph is drawn as text. "
          "Install Graphviz and run the cell again to see the picture.",
}
_FAILED = {
    "zh": "画图时出错了（{kind}）：{message}",
    "en": "Drawing failed ({kind}): {message}",
}


def dot_missing(exc, lang):
    """The install hint for a missing ``dot``, in ``lang`` (the commands come from viz)."""
    return f"{_DOT_MISSING[lang]}\n{exc}"


def explain(exc, lang):
    """One paragraph for a student: what failed and, when we know it, what to do."""
    if isinstance(exc, viz.DotNotFoundError):
        return dot_missing(exc, lang)
    messages = getattr(exc, "messages", None)  # viz errors may carry both languages
    if isinstance(messages, dict) and lang in messages:
        return messages[lang]
    if isinstance(exc, KeyError):  # a node id that the current graph no longer has
        return say("node_gone", lang)
    return _FAILED[lang].format(kind=type(exc).__name__, message=exc)
