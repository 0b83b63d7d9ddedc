"""Errors a student can act on: what went wrong and what to do, in both languages.

The widgets show ``error.messages[lang]`` inside the notebook instead of a traceback.
"""


class DotNotFoundError(RuntimeError):
    """Graphviz's ``dot`` program is not installed (or not on PATH). The message (in
    ``messages["en"]`` and ``["zh"]``) names the install command for each system."""

    def __init__(self, message=None):
        self.messages = {
            "en": ("Graphviz's `dot` program was not found, so this picture cannot be made "
                   "here (in Jupyter, show(z) and play(tape) draw graphs in the browser without "
                   "it; minigrad.viz.to_text(z) draws one as text). Install Graphviz:\n"
                   + install_commands("en") + "\nthen restart the kernel."),
            "zh": ("找不到 Graphviz 的 `dot` 程序，所以这里无法生成这张图片"
                   "（在 Jupyter 里，show(z) 和 play(tape) 不需要它，会直接在浏览器里画图；"
                   "minigrad.viz.to_text(z) 可以用文字画出）。请安装 Graphviz：\n"
                   + install_commands("zh") + "\n然后重启内核。"),
        }
        if message is not None:
            self.messages = {"en": message, "zh": message}
        super().__init__(self.messages["en"])


WINDOWS_PATH = {"en": "(or choco install graphviz), then add its bin folder to PATH",
                "zh": "（或 choco install graphviz），然后把它的 bin 文件夹加入 PATH"}


def install_commands(lang):
    return "\n".join([
        "  Debian/Ubuntu:  sudo apt-get install graphviz",
        "  macOS:          brew install graphviz",
        "  conda:          conda install -c conda-forge graphviz",
        f"  Windows:        winget install graphviz   {WINDOWS_PATH[lang]}",
    ])


class GraphInputError(TypeError):
    """An argument that is not something we can draw (``draw(3)``, ``draw("z")``)."""

    def __init__(self, en, zh):
        self.messages = {"en": en, "zh": zh}
        super().__init__(en)


def not_drawable(function, position, value):
    """PyTorch's wording: ``draw(): argument 'objs' (position 1) must be Tensor, not int``."""
    kind = type(value).__name__
    return GraphInputError(
        f"{function}(): argument (position {position}) must be a Tensor or a trace() tape, "
        f"not {kind}. Pass the tensor itself, e.g. {function}(z).",
        f"{function}()：第 {position} 个参数应当是张量（Tensor）或 trace() 记录的 tape，"
        f"而不是 {kind}。请直接传入张量，例如 {function}(z)。")


def nothing_to_draw(function):
    return GraphInputError(
        f"{function}() needs at least one tensor (or a trace() tape), e.g. {function}(z).",
        f"{function}() 需要至少一个张量（或 trace() 记录的 tape），例如 {function}(z)。")


def unknown_node(node_id):
    """The node id a widget asks about is not in this graph (it changed since the click)."""
    error = KeyError(node_id)
    error.messages = {
        "en": f"There is no node {node_id!r} in this graph; it may have changed since. "
              f"Click a node of the graph on screen.",
        "zh": f"这个计算图里没有节点 {node_id!r}（图可能已经变了）。请点击当前图中的节点。",
    }
    return error

