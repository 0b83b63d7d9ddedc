"""Which language the feedback speaks: Chinese ("zh") or English ("en").

The notebook says it with ``set_language("zh")``; before that, the ``MINIGRAD_LANG``
environment variable decides, then the system locale (a ``zh_*`` locale means Chinese),
then English.
"""
import os

LANGUAGES = ("zh", "en")
_chosen = None


def set_language(lang):
    """Make feedback Chinese (``"zh"``) or English (``"en"``) from now on."""
    global _chosen
    _chosen = _valid(lang)


def get_language():
    if _chosen is not None:
        return _chosen
    wanted = os.environ.get("MINIGRAD_LANG")
    if wanted:
        return _valid(wanted)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable, "").lower().startswith("zh"):
            return "zh"
    return "en"


def _valid(lang):
    short = str(lang).lower().replace("-", "_").split("_")[0]
    if short not in LANGUAGES:
        raise ValueError(f"language must be 'zh' or 'en', not {lang!r}")
    return short


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
        return getattr(self, lang or get_language())

    def __add__(self, other):
        return Text(self.zh + other.zh, self.en + " " + other.en)

    def as_dict(self):
        return {"zh": self.zh, "en": self.en}

    def __repr__(self):
        return f"Text({self.zh!r}, {self.en!r})"
