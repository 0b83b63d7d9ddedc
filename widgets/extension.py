"""``%load_ext minigrad``: what turns a notebook into a minigrad classroom.

- live views (``show(z)``) are redrawn after every cell, when their graph changed;
- tensors remember how they were made (``viz.history``), so ``draw(z)`` and ``show(z)``
  can show the data-flow view;
- the ``%%trace`` cell magic records a cell and plays it back.
"""
from minigrad import viz

from . import live
from .magics import TraceMagics


def load_ipython_extension(ipython):
    viz.history.enable()
    ipython.register_magics(TraceMagics)
    live.watch(ipython)


def unload_ipython_extension(ipython):
    live.unwatch(ipython)
    viz.history.disable()
