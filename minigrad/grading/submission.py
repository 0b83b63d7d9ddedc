"""Reading a submitted notebook, however it was edited.

Students hand in notebooks saved by JupyterLab, Notebook 7, VS Code or Colab, old
nbformat 4.0 files without cell ids, and sometimes files that are not notebooks at all.
Only the code cells matter for grading, in order; everything else is ignored rather than
validated. The file itself is only ever read.
"""
import hashlib
import json

from ..language import Text


class Unreadable(Exception):
    """Not a notebook we can run; ``reason`` says why, in both languages."""

    def __init__(self, reason):
        super().__init__(reason.en)
        self.reason = reason


def content_hash(data):
    return hashlib.sha256(data).hexdigest()


def code_cells(data):
    """The source of every code cell, in order (nbformat 3 and 4 alike)."""
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: [[[[... nested
        raise Unreadable(Text("文件不是有效的 JSON，打不开（可能在别的程序里被改坏了）。",
                              "The file is not valid JSON and cannot be opened (it may have been "
                              "damaged in another program).")) from None
    if not isinstance(notebook, dict):
        raise Unreadable(Text("文件是 JSON，但不是笔记本。", "The file is JSON but not a notebook."))
    if "worksheets" in notebook:  # nbformat 3: cells live in worksheets, code in "input"
        cells = [cell for sheet in _list(notebook.get("worksheets")) if isinstance(sheet, dict)
                 for cell in _list(sheet.get("cells"))]
        key = "input"
    else:
        cells, key = notebook.get("cells"), "source"
    if not isinstance(cells, list):
        raise Unreadable(Text("笔记本里没有单元格列表。", "The notebook has no list of cells."))
    return [_text(cell.get(key)) for cell in cells
            if isinstance(cell, dict) and cell.get("cell_type") == "code"]


def made_for(data):
    """The student a ``--variants`` notebook was made for (its metadata), or None."""
    try:
        notebook = json.loads(data.decode("utf-8-sig"))
        student = notebook["metadata"]["minigrad"]["student"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return student if isinstance(student, str) else None


def _list(value):
    return value if isinstance(value, list) else []


def _text(source):
    if isinstance(source, list):
        return "".join(str(line) for line in source)
    return source if isinstance(source, str) else ""
