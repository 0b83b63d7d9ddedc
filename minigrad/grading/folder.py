"""Every file of the submissions folder, and reading one without being fooled by it.

Each file gets a row in the table, whatever it is. A notebook (``*.ipynb``) is graded;
anything else is listed with a note saying why it was not: not a notebook, a link
pointing outside the folder (never followed: a link to /dev/zero or to the teacher's
files is not read), a FIFO or a device (never opened in a way that could wait forever), a
file that cannot be read, a file too big to be a notebook. Hidden files and folders
(``.ipynb_checkpoints``) are skipped, as Jupyter hides them. A name that is not valid
UTF-8, or with control characters, is shown with those escaped.
"""
import os
import re
import stat

from ..language import Text

MAX_BYTES = 64 * 2 ** 20  # bigger than any notebook a student writes by hand
MAX_DEPTH = 8
MAX_FILES = 20_000


class Entry:
    """One file: ``student`` (its path in the folder, ``.ipynb`` dropped), and either a
    ``path`` to read or a ``note`` (a key of ``NOTES``) saying why it is not graded."""

    def __init__(self, student, path=None, note=None):
        self.student, self.path, self.note = student, path, note

    def read(self):
        """The file's bytes. Raises ``NotGraded`` with a note if it cannot be read."""
        return read_regular(self.path)


class NotGraded(Exception):
    """``note``: a key of ``NOTES``."""

    def __init__(self, note):
        super().__init__(note)
        self.note = note


# why a file is not graded: (status in the table, note in both languages)
NOTES = {
    "not_notebook": ("not_notebook", Text("不是笔记本文件（.ipynb），没有评分。",
                                          "Not a notebook (.ipynb): not graded.")),
    "link_outside": ("skipped", Text("是指向文件夹外面的链接，没有打开。",
                                     "A link to something outside the folder: not followed.")),
    "link_broken": ("skipped", Text("是一个失效的链接（指向的文件不存在）。",
                                    "A link to nothing (its target does not exist).")),
    "link_folder": ("skipped", Text("是指向文件夹的链接，没有打开。", "A link to a folder: not followed.")),
    "not_regular": ("skipped", Text("不是普通文件（管道、设备或套接字），没有打开。",
                                    "Not a regular file (a pipe, a device or a socket): not opened.")),
    "too_deep": ("skipped", Text("文件夹嵌套太深，里面的文件没有评分。",
                                 "Folders nested too deep: the files inside were not graded.")),
    "unreadable": ("unreadable", Text("无法读取（没有权限或读取出错）。",
                                      "Cannot be read (no permission, or a read error).")),
    "grader_failed": ("worker_error", Text("评分程序处理这个文件时出错，没有评分（请告诉老师）。",
                                           "The grader failed on this file: not graded (tell "
                                           "your teacher).")),
    "too_big": ("unreadable", Text("文件太大（超过 64 MiB），不像是笔记本。",
                                   "Too big (over 64 MiB) to be a notebook.")),
}


def scan(folder):
    """Every entry under ``folder``, sorted by student name."""
    root = os.path.realpath(folder)
    entries = []
    _walk(root, root, "", 0, entries)
    return sorted(entries, key=lambda e: e.student)


def _walk(root, directory, prefix, depth, entries):
    try:
        with os.scandir(directory) as listing:
            children = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError:
        entries.append(Entry(display(prefix.rstrip("/")) or ".", note="unreadable"))
        return
    for child in children:
        if child.name.startswith(".") or len(entries) >= MAX_FILES:
            continue
        relative = prefix + child.name
        try:
            if child.is_dir(follow_symlinks=False):
                if depth + 1 >= MAX_DEPTH:
                    entries.append(Entry(display(relative), note="too_deep"))
                else:
                    _walk(root, child.path, relative + "/", depth + 1, entries)
                continue
            entries.append(_entry(root, child, relative))
        except OSError:
            entries.append(Entry(display(relative), note="unreadable"))


def _entry(root, child, relative):
    is_notebook = child.name.endswith(".ipynb")
    student = display(relative[:-len(".ipynb")] if is_notebook else relative)
    if child.is_symlink():
        target = os.path.realpath(child.path)
        if not (target + "/").startswith(root + "/"):
            return Entry(student, note="link_outside")
        if not os.path.exists(target):
            return Entry(student, note="link_broken")
        if os.path.isdir(target):
            return Entry(student, note="link_folder")
        path = target
    else:
        path = child.path
    if not is_notebook:
        return Entry(student, note="not_notebook")
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        return Entry(student, note="not_regular")
    return Entry(student, path=path)


def read_regular(path):
    """Read a regular file that is no link, without ever waiting on it: a FIFO put in its
    place after the folder was listed is opened non-blocking and refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        raise NotGraded("unreadable") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotGraded("not_regular")
        if info.st_size > MAX_BYTES:
            raise NotGraded("too_big")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_BYTES:
                raise NotGraded("too_big")
            chunks.append(chunk)
    except OSError:
        raise NotGraded("unreadable") from None
    finally:
        os.close(fd)


def display(name):
    """A file name as text that is safe to print, put in a table or a page: bytes that are
    not UTF-8 become ``\\xff`` escapes, and so do control characters (a name with a newline,
    or with the escape codes that retitle or clear the teacher's terminal) and the ones
    that reorder text."""
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda c: ascii(c.group())[1:-1], text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
