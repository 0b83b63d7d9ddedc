"""Is a picture readable on a 1280 × 720 screen? One rule, used by the widgets (to size the
picture) and by the tests (to check every frame of every lesson).

A page shows a graph's SVG scaled down to the width it has, but never so far down that
its smallest text gets under ``MIN_TEXT_PX`` CSS pixels: a wider picture keeps that size
and the canvas scrolls sideways instead. So:

* ``min_width_px(svg)``: the narrowest the picture may be shown (its CSS ``min-width``);
* ``smallest_text_px(svg, width_px)``: its smallest text when shown in a box that wide;
* ``fits(svg, width_px)``: shown there whole, without scrolling, at a readable size.

``AVAILABLE_PX`` is about the width a widget gets in a notebook's output on a
1280-pixel-wide screen with JupyterLab's file browser open, the narrowest usual case
(measured in Chromium: the output area is 848 px wide; Notebook 7 gives more). Graphviz
writes sizes in points (1 pt = 4/3 CSS px).
"""
import re

MIN_TEXT_PX = 10
AVAILABLE_PX = 830
PX_PER_PT = 4 / 3

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"')
_FONT = re.compile(r'<text\b[^>]*?\bfont-size="([\d.]+)"[^>]*>\s*[^<\s]')


def size_pt(svg):
    """``(width, height)`` of Graphviz's SVG, in points."""
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("not an SVG written by Graphviz (no width/height in pt)")
    return float(found.group(1)), float(found.group(2))


def smallest_font_pt(svg):
    """The smallest font size of any text with something to read in it, in points."""
    sizes = [float(size) for size in _FONT.findall(svg)]
    return min(sizes) if sizes else None


def least_scale(font_pt):
    """How far a picture whose smallest text is ``font_pt`` may be shrunk (at most 1)."""
    return min(1.0, MIN_TEXT_PX / (font_pt * PX_PER_PT))


def natural_scale(svg):
    """The scale at which the smallest text is exactly ``MIN_TEXT_PX``: the least a picture
    may be shrunk (never enlarged for this)."""
    font = smallest_font_pt(svg)
    return 1.0 if font is None else least_scale(font)


def min_width_px(svg):
    """The narrowest the picture may be shown, in CSS pixels."""
    return size_pt(svg)[0] * PX_PER_PT * natural_scale(svg)


def smallest_text_px(svg, width_px=AVAILABLE_PX):
    """The smallest text, in CSS pixels, of the picture shown in a box ``width_px`` wide
    (scaled down to fit, but not below ``min_width_px``; never scaled up)."""
    width = size_pt(svg)[0] * PX_PER_PT
    shown = min(width, max(width_px, min_width_px(svg)))
    font = smallest_font_pt(svg)
    return None if font is None else font * PX_PER_PT * shown / width


def fits(svg, width_px=AVAILABLE_PX):
    """Shown in a box ``width_px`` wide: whole, without scrolling, text readable."""
    return min_width_px(svg) <= width_px + 0.5


def with_min_width(svg):
    """The ``<svg>`` element with its ``min-width`` set, so that a page scrolls rather
    than shrink it past readability (the page's CSS gives it ``max-width: 100%``)."""
    try:
        width = min_width_px(svg)
    except ValueError:
        return svg
    return re.sub(r"<svg\b", f'<svg style="min-width: {width:.0f}px"', svg, count=1)
