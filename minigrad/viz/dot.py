"""The graph model as Graphviz DOT: boxes, circles, colours with one meaning, a legend.

Colours (Paul Tol's palettes, told apart with every common colour-blindness and on a
washed-out projector; the current step also gets a thick border, so it never depends
on colour alone):

    light blue   a leaf that requires grad (its .grad is filled by backward)
    light yellow the output
    pale grey    a constant: no gradient flows to it (detached tensors included)
    orange       a tensor a grad_fn node saved for backward (as torchviz draws them)
    magenta edge the node(s) of the current step of a player

Every node's DOT name is its stable id, and it is also set as the SVG ``id`` with a
``class`` (``variable leaf``, ``operation``, ``grad_fn``, ``fold``, ``more``), so that a
page can find the ``<g class="node" id="...">`` that was clicked.
"""
import html

from ..autograd.graph import grad_of, values
from . import gradients, loop_captions
from .formulas import describe
from .render import Drawing
from .values import box_text, shape_text

FILL = {"leaf": "#77AADD", "output": "#EEDD88", "constant": "#DDDDDD", "saved": "#EE8866",
        "result": "#FFFFFF"}
CURRENT = "#EE3377"
INK = "#222222"
QUIET = "#555555"
# Fonts Graphviz knows the widths of (a list such as "Helvetica,Arial" it does not, and
# WebAssembly Graphviz then guesses from Times, so text overflows its box); the page draws
# them with fonts of the same widths (widgets/graphviz.js). Verdana's estimate also leaves
# room for full-width Chinese characters; Courier's is that of every common monospace font.
FONT = "Verdana"
MONO = "Courier"
LEGEND_PT = 12
SWATCH_SIZE = 'FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="14"'

LEGEND = {
    "leaf": {"en": "leaf, requires_grad=True: backward fills its .grad",
             "zh": "叶子节点（requires_grad=True）：反向传播会填充它的 .grad"},
    "output": {"en": "output", "zh": "输出"},
    "result": {"en": "intermediate result", "zh": "中间结果"},
    "constant": {"en": "constant: no gradient flows to it (detached tensors too)",
                 "zh": "常数：梯度不会流向它（包括 detach() 得到的张量）"},
    "saved": {"en": "saved for backward", "zh": "为反向传播保存的张量"},
    "current": {"en": "the current step", "zh": "当前步骤"},
    "cut": {"en": "detach(): the gradient stops here", "zh": "detach()：梯度在这里停止"},
    "fold": {"en": "a run of identical ops, folded into one node",
             "zh": "一串相同的操作，折叠成一个节点"},
    "check": {"en": "a test by if / while: it decides which ops run; not part of the graph, "
                    "no gradient",
              "zh": "if / while 的条件检查：决定执行哪些运算；不属于计算图，没有梯度"},
}
WORDS = {
    "showing": {"en": "showing {shown:,} of {total:,} nodes",
                "zh": "显示 {total:,} 个节点中的 {shown:,} 个"},
    "more": {"en": "⋯ {count:,} more nodes", "zh": "⋯ 另有 {count:,} 个节点"},
    "stopped": {"en": "the graph is too big: stopped after {count:,} nodes",
                "zh": "计算图太大：只遍历了前 {count:,} 个节点"},
    "ops": {"en": "{count:,} times in a row", "zh": "连续 {count:,} 次"},
}


# Legend entries that are not a fill colour: a small picture of what they stand for
SWATCH = {
    # the fold node's double outline
    "fold": '<TD><TABLE BORDER="1" CELLBORDER="1" CELLSPACING="2" CELLPADDING="0">'
            '<TR><TD FIXEDSIZE="TRUE" WIDTH="14" HEIGHT="8"></TD></TR></TABLE></TD>',
    "cut": '<TD><FONT POINT-SIZE="12">✂</FONT></TD>',
    "check": '<TD BORDER="1" STYLE="dashed" FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="14"></TD>',
}


class Scene:
    """What one picture shows besides the graph: the gradients in the boxes (for a
    player's frame, as they were at that step), hidden nodes, the highlighted step, and
    labels on the edges a gradient just flowed along.

    In a frame of a backward pass, ``quantity(labels)`` names what is being
    differentiated (``z``), so that an intermediate's box reads ∂z/∂a; ``partial`` holds
    the ids whose gradient is still waiting for other paths. ``retained``: non-leaves
    whose ``.grad`` PyTorch keeps (``retain_grad()``), when ``grads`` is a copy."""

    def __init__(self, grads=None, hidden=(), highlight=(), edge_labels=None, quantity=None,
                 partial=(), retained=()):
        self.grads = grads          # node id -> array or None; None: read the tensors now
        self.hidden = set(hidden)
        self.highlight = tuple(highlight)
        self.edge_labels = edge_labels or {}
        self.quantity = quantity
        self.partial = set(partial)
        self.retained = set(retained)

    def grad_of(self, node):
        if self.grads is not None:
            return self.grads.get(node.id)
        tensor = node.value.tensor
        grad = grad_of(tensor) if tensor is not None else None
        return None if grad is None else values(grad)


def to_digraph(graph, labels, lang, scene=None, legend=True):
    scene = scene or Scene()
    shown = [node for node in graph.ordered() if node.id not in scene.hidden]
    drawn = {node.id for node in shown}
    current = {graph.alias.get(i, i) for i in scene.highlight}
    # top to bottom, as a notebook scrolls: a deep graph drawn left to right would have to
    # shrink past readable to fit the screen's width, or scroll sideways (minigrad.viz.readable)
    dot = Drawing(
        graph_attr={"rankdir": "TB", "nodesep": "0.3", "ranksep": "0.35", "fontname": FONT,
                    "bgcolor": "white"},
        node_attr={"fontname": FONT, "fontsize": "13", "color": INK, "fontcolor": INK,
                   "penwidth": "1.2"},
        edge_attr={"color": QUIET, "arrowsize": "0.7", "fontname": FONT, "fontsize": "11"})
    for node in shown:
        attrs = _NODE_DRAWERS[node.kind](node, graph, labels, lang, scene)
        if node.id in current:
            attrs.update(color=CURRENT, penwidth="4")
        classes = attrs.pop("class") + (" current" if node.id in current else "")
        dot.node(node.id, id=node.id, **{"class": classes}, **attrs)
    for edge in graph.edges:
        if edge.source in drawn and edge.target in drawn:
            dot.edge(edge.source, edge.target, **_edge_attrs(edge, scene))
    roles = {node.role for node in shown if node.kind == "variable"}
    extras = {"cut"} & {e.kind for e in graph.edges if e.source in drawn and e.target in drawn}
    extras |= {"fold"} if any(n.kind == "fold" for n in shown) else set()
    extras |= {"check"} if any(n.kind == "check" for n in shown) else set()
    extras |= {"current"} if current & drawn else set()
    notes = _notes(graph, lang)
    if legend or notes:
        dot.attr(label=_caption_table(roles | extras if legend else set(), notes, lang),
                 labelloc="b", labeljust="l")
    return dot


# -- nodes ----------------------------------------------------------------------------------
def _variable(node, graph, labels, lang, scene):
    value = node.value
    rows = []
    # a constant whose numbers nothing kept (an added 3 without %load_ext minigrad's
    # history) is called what the sums it takes part in call it, not left blank
    known = value.step is not None or value.data is None
    title = labels.name(value) or (labels.of(value) if known else "")
    shape = shape_text(value.shape) if value.shape else ""
    if title or shape or value.data is None:
        heading = f"<B>{_escape(title)}</B>" if title else ""
        if shape:
            heading += f' <FONT POINT-SIZE="10" COLOR="{QUIET}">{shape}</FONT>'
        rows.append(heading or "&#160;")
    if value.data is not None:
        rows.append(_lines(box_text(value.data)))
    gradient = gradients.row(node, scene, labels)
    if gradient is not None:
        rows.append(f'<FONT COLOR="#882255">{_lines(gradient[1])}</FONT>')
    body = "<HR/>".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
    return {"label": f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
                     f"{body}</TABLE>>",
            "shape": "box", "style": "filled,rounded" + (",dashed" if node.detached else ""),
            "fillcolor": FILL.get(node.role, "#FFFFFF"), "margin": "0.05",
            "class": f"variable {node.role}", "tooltip": labels.of(value)}


def _operation(node, graph, labels, lang, scene):
    step = node.step
    op = describe(step.function, step.node_name)
    symbol = op.symbol_for(step.args)
    attrs = {"label": symbol, "shape": "circle" if len(symbol) <= 2 else "ellipse",
             "fontsize": "16", "width": "0.45", "height": "0.45", "margin": "0.02",
             "class": "operation", "tooltip": f"{op.words[lang]}: {step.node_name}"}
    if symbol in TINY_GLYPHS:  # bigger, in a circle of the same size as the others
        attrs.update(fontsize=TINY_GLYPHS[symbol], fixedsize="true")
    return attrs


# A dot product's · at the ops' 16 pt is a speck on a projector
TINY_GLYPHS = {"·": "40"}


def _grad_fn(node, graph, labels, lang, scene):
    return {"label": node.grad_fn.name(), "shape": "box", "style": "filled",
            "fillcolor": "#FFFFFF", "class": "grad_fn", "tooltip": node.grad_fn.name()}


def _fold(node, graph, labels, lang, scene):
    if node.grad_fn is not None and graph.view == "autograd":
        symbol = node.grad_fn.name()
    else:
        symbol = describe(node.step.function, node.step.node_name).symbol_for(node.step.args)
    count = WORDS["ops"][lang].format(count=node.count)
    # "× 13" alone would read as "times 13": the count goes on its own line, in words
    return {"label": f'<{_escape(symbol)}<BR/><FONT POINT-SIZE="12">{count}</FONT>>',
            "shape": "ellipse", "peripheries": "2", "fontsize": "16", "class": "fold",
            "tooltip": LEGEND["fold"][lang]}


def _check(node, graph, labels, lang, scene):
    """A dashed note: the line of code that tested, and what it found."""
    rows = []
    code = node.checks[0].code
    if code:
        rows.append(f'<FONT FACE="{MONO}" COLOR="{QUIET}">{_escape(code)}</FONT>')
    rows.append(_escape(loop_captions.note(node, labels, lang)))
    body = "".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
    return {"label": f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
                     f"{body}</TABLE>>",
            "shape": "note", "style": "dashed", "color": QUIET, "fontsize": "12",
            "class": "check", "tooltip": LEGEND["check"][lang]}


def _more(node, graph, labels, lang, scene):
    return {"label": WORDS["more"][lang].format(count=node.count), "shape": "note",
            "style": "dashed", "class": "more", "tooltip": _notes(graph, lang)[0]}


_NODE_DRAWERS = {"variable": _variable, "operation": _operation, "grad_fn": _grad_fn,
                 "fold": _fold, "check": _check, "more": _more}


# -- edges, legend ----------------------------------------------------------------------------
def _edge_attrs(edge, scene):
    attrs = {}
    if edge.kind == "cut":
        attrs.update(style="dashed", label="✂", fontsize="16")
    elif edge.kind == "saved":
        attrs.update(style="dotted", color="#EE8866", dir="none", penwidth="1.5")
    elif edge.kind in ("more", "check"):
        attrs.update(style="dashed")
    label = scene.edge_labels.get((edge.source, edge.target))
    if label is not None:
        attrs.update(label=f" {label} ", color=CURRENT, fontcolor=CURRENT, penwidth="2")
    return attrs


LEGEND_COLUMNS = 2  # side by side: a legend one entry a line took a third of a 720 px screen


def _caption_table(entries, notes, lang):
    cells = []
    for key in ("output", "leaf", "result", "constant", "saved", "current", "cut", "fold",
                "check"):
        if key not in entries:
            continue
        if key in FILL:
            swatch = f'<TD BGCOLOR="{FILL[key]}" BORDER="1" {SWATCH_SIZE}></TD>'
        elif key == "current":
            swatch = f'<TD BORDER="3" COLOR="{CURRENT}" {SWATCH_SIZE}></TD>'
        else:
            swatch = SWATCH[key]
        cells.append(f'{swatch}<TD ALIGN="LEFT"><FONT POINT-SIZE="{LEGEND_PT}">'
                     f'{_escape(LEGEND[key][lang])}</FONT></TD>')
    # two entries a line (a player's frame must leave room for its caption on a 720 px
    # screen), in one grid: a row table nested in a cell would be stretched by Graphviz to
    # the widest row, pulling each swatch away from its words
    cells += ['<TD></TD><TD></TD>'] * (-len(cells) % LEGEND_COLUMNS)
    rows = [f'<TR>{"".join(cells[k:k + LEGEND_COLUMNS])}</TR>'
            for k in range(0, len(cells), LEGEND_COLUMNS)]
    span = 2 * LEGEND_COLUMNS
    rows += [f'<TR><TD CELLPADDING="1" ALIGN="LEFT" COLSPAN="{span}"><I>{_escape(n)}</I></TD></TR>'
             for n in notes]
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
            f'<TR><TD HEIGHT="6" COLSPAN="{span}"></TD></TR>{"".join(rows)}</TABLE>>')


def _notes(graph, lang):
    notes = []
    if "more" in graph.nodes:
        shown = len(graph.nodes) - 1
        notes.append(WORDS["showing"][lang].format(shown=shown, total=graph.total))
    if graph.truncated:
        notes.append(WORDS["stopped"][lang].format(count=graph.total))
    return notes


def _lines(text):
    """Lines of a matrix, left-aligned: a <BR ALIGN="LEFT"/> aligns the line before it, so
    the last line needs one too (else it is centred under the others)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return _escape(text)
    return "".join(f'{_escape(line)}<BR ALIGN="LEFT"/>' for line in lines)


def _escape(text):
    return html.escape(str(text), quote=True)
