"""``minigrad.lab``: see automatic differentiation in Jupyter.

Installed from the ``widgets/`` folder with ``pip install "minigrad-classroom[lab]"``.
``import minigrad`` never loads this (nor Jupyter); ``%load_ext minigrad`` does.

In a notebook
-------------
::

    %load_ext minigrad                  # live views, %%trace, tensors remember their history
    import minigrad as torch
    from minigrad.lab import show, play

    torch.lab.set_language("zh")        # 中文 everywhere from now on ("en": English)

    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    show(y)                             # the graph, kept current: run y.backward() in a
                                        # later cell and the gradients appear in it

    with torch.trace() as tape:         # record ...
        y = 2 * torch.dot(x, x)
        y.backward()
    play(tape)                          # ... and step through: forward, then backward

or, the same recording as a cell magic (the player appears below the cell)::

    %%trace
    y = 2 * torch.dot(x, x)
    y.backward()

What the widgets offer
----------------------
``show(*tensors, view="dataflow", names=None, lang=None, max_nodes=300)`` -> ``LiveView``
    The computational graph of the tensors (or of a ``trace()`` tape), redrawn after each
    cell when a value or gradient changed. Buttons switch between the data-flow view
    (variables as boxes, operations as circles) and the autograd view (``grad_fn`` nodes,
    as PyTorch keeps them), and between 中文 and English. Click a node: the inspector
    below shows its value, gradient, shape, dtype, operation and local derivatives.
    A view stays true to its cell: it keeps its names, follows backward passes through
    its own graph (and a zeroed ``.grad``), and once a later cell rebinds a name it shows,
    changes one of its tensors in place or adds another graph's gradient into it, it
    stays as it was, with a mark saying so ("Drawn in cell [3]. In cell [7], x was
    rebound, so this picture stays as it was.").
    ``view.save_svg("graph.svg")`` writes the picture for slides (with Graphviz's
    ``dot``); ``view.refresh()`` redraws by hand (outside Jupyter, or without ``%load_ext``).

``play(tape, view="dataflow", names=None, lang=None)`` -> ``Player``
    Frame *k* shows the graph after *k* recorded events, the node of that step
    highlighted, and a caption with its arithmetic ("a = x + y = 2 + 3 = 5").
    Controls: ◀ Previous, Play / Pause, Next ▶, a slider, the speed (every frame is on
    the page: stepping never waits for the kernel; arrow keys when the player has the
    focus), the view and the language. ``player.next()``, ``player.previous()``,
    ``player.go(k)``, ``player.step`` do the same from code; ``player.save_svg("step3.svg", step=3)``
    writes one frame and ``player.save_html("lesson.html")`` the whole player as one
    self-contained page (every frame, both languages, Previous / Play / Next, arrow keys).

``set_language("zh" | "en")`` / ``get_language()``
    The language new views, players and graph captions start in.

``%%trace [--view autograd] [--lang zh] [--tape NAME]``
    Runs the cell, recording it, and shows a player below it. If the cell raises, the
    error shows as usual and the player plays what happened before it.

The browser draws every graph with Graphviz compiled to WebAssembly, which the package
carries (``renderer.py``, ``vendor/``): no system Graphviz is needed to see a graph. Each
widget also leaves a picture of its graph in the notebook (SVG drawn by ``dot`` when it is
installed, else text), which GitHub, nbviewer and nbconvert show instead of the widget.

Bad input never gives a traceback in a widget: a non-tensor or a graph that cannot be
drawn is explained inside the widget, in the widget's language.

Where it works
--------------
JupyterLab 4 and Notebook 7 (tested in a real browser, with and without ``dot``). VS
Code's notebooks support anywidget widgets, but we have not tested them there. Outside a
notebook front-end the objects still work from code: ``save_svg``, ``save_html``,
``go``, ``refresh``.
"""
from minigrad.language import get_language, set_language

from .extension import load_ipython_extension, unload_ipython_extension
from .live import LiveView, show
from .player import Player, play

__all__ = ["show", "play", "set_language", "get_language", "LiveView", "Player",
           "load_ipython_extension", "unload_ipython_extension"]
