"""What fits a classroom screen: a projector at 1280×720.

At 1280 px, the output area of a notebook cell is ``OUTPUT_AREA_PX`` wide in JupyterLab
with its file browser open (1,108 px in Notebook 7), as test_players_on_screen.py measures.
The canvas shrinks a wider picture to fit (``max-width: 100%``). Graphviz writes sizes in
points (1 pt = 4/3 px); the boxes' text is 13 pt. Readable from the back of a classroom
means that text is at least ``MIN_TEXT_PX`` once shrunk, so a picture may be at most
``MAX_WIDTH_PT`` wide. (Shared with the control-flow work: one criterion for every frame.)
"""
from minigrad.viz.render import READABLE_WIDTH_PT, width_pt

OUTPUT_AREA_PX = 848
TEXT_PT = 13
MIN_TEXT_PX = 10
# shrunk by OUTPUT_AREA_PX / (width × 4/3), 13 pt text (17.3 px) must stay >= 10 px
MAX_WIDTH_PT = READABLE_WIDTH_PT  # the drawing turns a picture wider than this round
assert OUTPUT_AREA_PX * 3 / 4 * (TEXT_PT * 4 / 3) / MIN_TEXT_PX >= MAX_WIDTH_PT
__all__ = ["width_pt", "text_px", "readable", "MAX_WIDTH_PT", "MIN_TEXT_PX"]


def text_px(svg):
    """How big the boxes' text is on screen once the picture is shrunk to fit."""
    width_px = width_pt(svg) * 4 / 3
    scale = min(1.0, OUTPUT_AREA_PX / width_px) if width_px else 1.0
    return TEXT_PT * 4 / 3 * scale


def readable(svg):
    return text_px(svg) >= MIN_TEXT_PX
