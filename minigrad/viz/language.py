"""中文 or English: the language of labels, legends and captions.

One switch for the whole module (``set_language("zh")``); every function that writes
text for students also takes ``lang=`` to override it for one call.
"""
LANGUAGES = ("en", "zh")

_current = {"lang": "en"}


def set_language(lang):
    """Write labels and captions in ``"zh"`` (中文) or ``"en"`` (English) from now on."""
    _current["lang"] = checked(lang)


def get_language():
    return _current["lang"]


def checked(lang):
    """``lang`` if we speak it; None means the current language."""
    if lang is None:
        return _current["lang"]
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be 'en' (English) or 'zh' (中文), not {lang!r}")
    return lang
