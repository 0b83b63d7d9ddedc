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


def node_ids(picture, *classes):
    """The ids of the clickable nodes of an SVG (or of the DOT text a widget sends to the
    browser, whose Graphviz makes them the SVG's ids), in order; with ``classes`` (e.g.
    ``"leaf"``, ``"operation"``), only the nodes that have all of them. Ids as the
    browser reads them: Graphviz writes the ``-`` of ``fold-…`` as ``&#45;``."""
    import html
    import re
    if picture.startswith("digraph"):
        found = [(re.search(r'\bid="?([^"\s\]]+)', line).group(1),
                  re.search(r'\bclass=("[^"]*"|\S+)', line).group(1).strip('"'))
                 for line in picture.splitlines()
                 if re.match(r"\t(?!(?:graph|node|edge) )\S+ \[", line) and " -> " not in line]
    else:
        found = [(html.unescape(node_id), names.split(None, 1)[-1] if " " in names else "")
                 for node_id, names in re.findall(r'<g id="([^"]+)" class="(node(?: [^"]*)?)"',
                                                  picture)]
    return [node_id for node_id, names in found if set(classes) <= set(names.split())]
