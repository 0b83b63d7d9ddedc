"""``%%trace``: run a cell, record what it does, and play it back below the cell.

    %%trace
    a = x + y
    z = a * w
    z.backward()

Options: ``--view autograd`` starts in the autograd view, ``--lang zh`` in Chinese,
``--tape NAME`` also keeps the recording in the variable ``NAME`` (for ``save_html``).
"""
from IPython.core.magic import Magics, cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring
from IPython.display import display

import minigrad

from .player import Player


@magics_class
class TraceMagics(Magics):

    @magic_arguments()
    @argument("--view", choices=("dataflow", "autograd"), default="dataflow",
              help="which graph to draw: data-flow (default) or autograd (grad_fn nodes)")
    @argument("--lang", choices=("zh", "en"), default=None, help="中文 (zh) or English (en)")
    @argument("--tape", metavar="NAME", default=None,
              help="also keep the recording in the variable NAME")
    @cell_magic
    def trace(self, line, cell):
        """Run the cell, recording every tensor operation, then show a step-through player."""
        args = parse_argstring(self.trace, line)
        with minigrad.trace() as tape:
            # run_cell, as %%capture does: the student's errors show as usual, and the
            # player still plays everything that happened before the error.
            result = self.shell.run_cell(cell)
        if args.tape:
            self.shell.user_ns[args.tape] = tape
        display(Player(tape, names=self.shell.user_ns, view=args.view, lang=args.lang))
        if not result.success:
            raise TracedCellFailed()


class TracedCellFailed(Exception):
    """The traced cell raised and its traceback is already on screen. Raising again marks
    the cell as failed, so "Run All" stops there as it would without %%trace."""

    def _render_traceback_(self):
        return []  # IPython shows this instead of a second traceback
