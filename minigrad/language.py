"""中文 or English: one switch for everything minigrad says to a student.

Graph labels and captions (``minigrad.viz``), the widgets (``minigrad.lab``), exercise
feedback (``minigrad.exercises``) and the hints in the engine's error messages all ask
``get_language()``, so ``set_language("zh")`` switches them together. Before a notebook
chooses, the ``MINIGRAD_LANG`` environment variable decides, then the system locale (a
``zh_*`` locale means Chinese), then English.

The engine's error messages keep PyTorch's own English words (a student can search for
them); only the hint minigrad adds after them, what to do next, follows the language.
"""
import os

LANGUAGES = ("zh", "en")

_chosen = {"lang": None}


def set_language(lang):
    """Speak ``"zh"`` (中文) or ``"en"`` (English) from now on, everywhere."""
    _chosen["lang"] = _valid(lang)


def get_language():
    """The language in use: chosen by ``set_language``, else from the environment."""
    if _chosen["lang"] is not None:
        return _chosen["lang"]
    wanted = os.environ.get("MINIGRAD_LANG")
    if wanted:
        return _valid(wanted)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable, "").lower().startswith("zh"):
            return "zh"
    return "en"


def checked(lang):
    """``lang`` if we speak it (``"zh_CN"`` counts as ``"zh"``); None means the current one."""
    return get_language() if lang is None else _valid(lang)


def _valid(lang):
    short = str(lang).lower().replace("-", "_").split("_")[0]
    if short not in LANGUAGES:
        raise ValueError(f"language must be 'zh' (中文) or 'en' (English), not {lang!r}")
    return short


def hint(en, zh):
    """What to do next, in the student's language (for the end of an error message)."""
    return zh if get_language() == "zh" else en


class Text:
    """One sentence in both languages; ``format`` fills both the same way.

    >>> Text("x 的形状是 {shape}", "x has shape {shape}").format(shape=(3,)).get("en")
    'x has shape (3,)'
    """
    __slots__ = ("zh", "en")

    def __init__(self, zh, en):
        self.zh, self.en = zh, en

    def format(self, **values):
        return Text(self.zh.format(**values), self.en.format(**values))

    def get(self, lang=None):
        return getattr(self, checked(lang))

    def __add__(self, other):
        return Text(self.zh + other.zh, self.en + " " + other.en)

    def as_dict(self):
        return {"zh": self.zh, "en": self.en}

    def __repr__(self):
        return f"Text({self.zh!r}, {self.en!r})"
