"""Writing the results so that whatever is in the way cannot break a run.

Every file is written to a temporary name next to it, then renamed over the old one: a
run stopped half-way leaves the old file or the new one, never half of one, and a link
put in its place is replaced, not followed. Something that is not what it should be (a
folder named ``grades.csv``, a file named ``feedback``) is moved aside with a warning,
never deleted: it may be the teacher's.
"""
import os
import pathlib
import sys
import tempfile


def write_atomically(path, text):
    path = pathlib.Path(path)
    make_room(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def make_room(path, directory=False):
    """Make sure ``path`` is free for a file (or, with ``directory``, is a folder or free):
    a folder, link or special file in the way is renamed ``<name>.moved-aside``."""
    path = pathlib.Path(path)
    if not os.path.lexists(path):
        return
    if directory and path.is_dir() and not path.is_symlink():
        return
    if not directory and path.is_file() and not path.is_symlink():
        return
    if not directory and path.is_symlink():
        path.unlink()  # a link is replaced, never followed; the file it points to is untouched
        return
    aside = path.with_name(path.name + ".moved-aside")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.moved-aside-{n}")
    os.rename(path, aside)
    print(f"warning: {path} was in the way (not a {'folder' if directory else 'file'}); "
          f"moved it to {aside.name}", file=sys.stderr)
