"""What a DOT text asks Graphviz to write: each node's, each edge's and the graph's own
label (the legend), as the characters a reader should see, spaces left out.

The browser test compares these with the texts of the SVG the page drew, so a label
that comes out blank, or loses a character, is found whatever the reason. Read from the
DOT as the ``graphviz`` package writes it (one statement a line), not from Graphviz:
the oracle must not share the renderer's mistakes.
"""
import html
import re

# key=value, the value a "quoted string", an <HTML label> or a bare word
_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|<|[^\s\]]+)')
_NODE = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|\w+)\s*(?:\[|$)')
_EDGE = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|\w+)\s*->\s*("(?:[^"\\]|\\.)*"|\w+)')


def visible(text):
    """``text`` without spaces of any kind: what the comparison looks at."""
    return "".join(text.split())


def expected_texts(dot):
    """``{"node ID": text, "edge A->B": text, "graph": text}`` for every label in ``dot``
    that has something to show (a node without a label shows its name)."""
    found = {}
    for line in dot.splitlines():
        statement = line.strip()
        if not statement or statement in "{}" or statement.startswith(("digraph", "subgraph")):
            continue
        attributes = _attributes(statement)
        if statement.startswith(("graph ", "node ", "edge ")) or "=" in statement.split("[")[0]:
            if not statement.startswith(("node ", "edge ")) and "label" in attributes:
                found["graph"] = found.get("graph", "") + _text(attributes["label"])
            continue
        edge = _EDGE.match(statement)
        if edge:
            key = f"edge {_name(edge[1])}->{_name(edge[2])}"
            found[key] = found.get(key, "") + _text(attributes.get("label", '""'))
            continue
        node = _NODE.match(statement)
        if node:
            name = _name(node[1])
            found[f"node {name}"] = _text(attributes.get("label", f'"{name}"'))
    return {key: text for key, text in found.items() if text}


def _attributes(statement):
    """The attributes of one statement, values as written (an HTML label whole)."""
    attributes, position = {}, 0
    while True:
        match = _ATTRIBUTE.search(statement, position)
        if not match:
            return attributes
        key, value = match[1], match[2]
        if value == "<":  # an HTML label: up to its matching '>'
            depth, end = 0, match.start(2)
            for end in range(match.start(2), len(statement)):
                depth += {"<": 1, ">": -1}.get(statement[end], 0)
                if depth == 0:
                    break
            value = statement[match.start(2):end + 1]
            position = end + 1
        else:
            position = match.end()
        attributes[key] = value


def _name(word):
    return word[1:-1].replace('\\"', '"') if word.startswith('"') else word


def _text(value):
    """The characters a label shows, spaces left out."""
    if value.startswith("<"):  # HTML-like: the text between the tags, entities read
        return visible(html.unescape(re.sub(r"<[^>]*>", "", value[1:-1])))
    if value.startswith('"'):  # escString: \n \l \r end lines, \" and \\ are themselves
        value = re.sub(r"\\([nlr])", " ", value[1:-1])
        value = re.sub(r"\\(.)", r"\1", value)
    return visible(value)
