"""The inspector: everything about the node the student clicked, in a small table."""
import html

import ipywidgets as widgets
import numpy as np

from .language import WORDS, say

# The facts a student looks for first come first; anything else viz reports follows.
ORDER = ("name", "kind", "op", "grad_fn", "shape", "dtype", "requires_grad", "is_leaf",
         "value", "grad", "arriving", "formula", "local_derivative", "saved", "note")


class Inspector(widgets.HTML):
    def __init__(self, lang):
        super().__init__()
        self.add_class("minigrad-inspector")
        self.hint(lang)

    def hint(self, lang):
        self.value = f"<p>{say('click_a_node', lang)}</p>"

    def say(self, message):
        self.value = f"<p>{html.escape(message)}</p>"

    def describe(self, facts, lang):
        """Show ``facts`` (what ``minigrad.viz.inspect`` returns) with labels in ``lang``."""
        keys = [k for k in ORDER if k in facts] + [k for k in facts if k not in ORDER]
        rows = "".join(f"<tr><th>{html.escape(label(k, lang))}</th><td>{cell(facts[k])}</td></tr>"
                       for k in keys if facts[k] is not None)
        self.value = f"<b>{say('inspector', lang)}</b><table>{rows}</table>"


def label(key, lang):
    return WORDS[key][lang] if key in WORDS else key.replace("_", " ")


def cell(value):
    """Arrays keep NumPy's layout (rows under rows); everything else is one line."""
    if isinstance(value, np.ndarray) or "\n" in str(value):
        return f"<pre>{html.escape(str(value))}</pre>"
    return f"<code>{html.escape(str(value))}</code>"
