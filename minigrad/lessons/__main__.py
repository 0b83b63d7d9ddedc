"""``python -m minigrad.lessons`` / ``minigrad-lessons``: copy the lessons, or open them."""
import argparse
import importlib.util
import sys

from . import CLONE, DEFAULT_FOLDER, copy, open_lessons

NEEDED = ("jupyterlab", "notebook", "anywidget", "ipywidgets")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="minigrad-lessons",
        description="The nine lessons of minigrad (中文 and English): copy them into a "
                    "folder, or open them in JupyterLab or Notebook 7.")
    commands = parser.add_subparsers(dest="command")
    to = commands.add_parser("copy", help="copy index.ipynb and the lessons into a folder")
    to.add_argument("destination", help="the folder (made if missing; files in it are kept)")
    to.add_argument("--lang", choices=("zh", "en"), help="only the lessons in this language")
    for ui, name in (("lab", "JupyterLab"), ("notebook", "Notebook 7")):
        opener = commands.add_parser(ui, help=f"open the lessons in {name} (the default: lab)")
        opener.add_argument("folder", nargs="?", help=f"where the lessons are or go "
                                                      f"(default: the clone's notebooks/, "
                                                      f"else ./{DEFAULT_FOLDER})")
    args = parser.parse_args(argv)
    if args.command == "copy":
        copied = copy(args.destination, args.lang)
        print(f"{len(copied)} notebooks copied into {args.destination}"
              + ("" if copied else " (they were there already)"))
        return 0
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        where = '-e ".[lab]"' if (CLONE / "index.ipynb").is_file() else '"minigrad-classroom[lab]"'
        print(f"minigrad-lessons: {', '.join(missing)} not installed; first run\n"
              f"    python -m pip install {where}", file=sys.stderr)
        return 1
    open_lessons(args.command or "lab", getattr(args, "folder", None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
