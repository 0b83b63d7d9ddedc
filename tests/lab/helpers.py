"""Small examples from the chapter, shared by the lab tests."""
import minigrad as torch


def chapter_example():
    """y = 2 xᵀx with x = [0, 1, 2, 3], as in the book; returns (x, y)."""
    x = torch.arange(4.0, requires_grad=True)
    return x, 2 * torch.dot(x, x)


def recorded_example():
    """The chapter's example recorded forward and backward; returns (x, tape)."""
    x = torch.arange(4.0, requires_grad=True)
    with torch.trace() as tape:
        y = 2 * torch.dot(x, x)
        y.backward()
    return x, tape


def svg_text(svg):
    """What a reader sees in an SVG: the text of its <text> elements, joined by spaces."""
    import html
    import re
    return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))


def node_ids(svg, *classes):
    """The ids of the clickable nodes, in document order; with ``classes`` (e.g.
    ``"leaf"``, ``"operation"``), only the nodes that have all of them. Ids as the
    browser reads them: Graphviz writes the ``-`` of ``fold-…`` as ``&#45;``."""
    import html
    import re
    return [html.unescape(node_id)
            for node_id, names in re.findall(r'<g id="([^"]+)" class="(node(?: [^"]*)?)"', svg)
            if set(classes) <= set(names.split())]
