"""The course's lessons, shipped in the package: copy them anywhere, or open them.

    minigrad-lessons copy my-lessons            # index.ipynb, zh/ and en/ into my-lessons/
    minigrad-lessons copy my-lessons --lang zh  # index.ipynb and the Chinese lessons only
    python -m minigrad.lessons                  # open them in JupyterLab (what `make lab` does)
    python -m minigrad.lessons notebook         # the same in Notebook 7

``open`` uses the clone's notebooks/ when run from a clone of the repository; otherwise it
copies the lessons into ./minigrad-lessons first (files already there are kept: a
student's work is never overwritten). JupyterLab starts with the course's settings (no
"Jupyter news?" pop-up), and with ``--allow-root`` when run as root (containers).
"""
import importlib.resources
import os
import pathlib
import shutil
import subprocess
import sys

from ..language import LANGUAGES

HERE = pathlib.Path(__file__).resolve().parent
JUPYTER_CONFIG = HERE / "jupyter"   # labconfig/page_config.json: the course's JupyterLab settings
CLONE = HERE.parents[1] / "notebooks"  # the lessons beside the package, in a clone of the repository
DEFAULT_FOLDER = "minigrad-lessons"


def source():
    """Where the lessons are: the package's copy, or (in a clone) the repository's notebooks/."""
    if (CLONE / "index.ipynb").is_file():
        return CLONE
    return pathlib.Path(str(importlib.resources.files(__name__) / "notebooks"))


def copy(destination, lang=None):
    """Copy index.ipynb and the lessons (both languages, or ``lang`` only) into
    ``destination``; files that exist there already are kept. Returns the files copied."""
    languages = LANGUAGES if lang is None else (_language(lang),)
    origin, target = source(), pathlib.Path(destination)
    wanted = [origin / "index.ipynb"] + [path for code in languages
                                         for path in sorted((origin / code).glob("*.ipynb"))]
    copied = []
    for path in wanted:
        to = target / path.relative_to(origin)
        if to.exists():
            continue
        to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, to)
        copied.append(to)
    return copied


def open_lessons(ui="lab", folder=None, start=True):
    """Start JupyterLab (``ui="lab"``) or Notebook 7 (``"notebook"``) on the lessons'
    index; returns the command (``start=False``: only copies the lessons if needed)."""
    if folder is None:
        folder = CLONE if (CLONE / "index.ipynb").is_file() else pathlib.Path(DEFAULT_FOLDER)
    folder = pathlib.Path(folder)
    if not (folder / "index.ipynb").is_file():
        copy(folder)
    command = [sys.executable, "-m", "jupyterlab" if ui == "lab" else "notebook",
               str(folder / "index.ipynb")]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root (containers, CI) unless told
    if start:
        subprocess.run(command, env=jupyter_environment())
    return command


def jupyter_environment(environ=None):
    """``environ`` (default: this process's) with the course's Jupyter settings added."""
    environ = dict(os.environ if environ is None else environ)
    paths = [str(JUPYTER_CONFIG), environ.get("JUPYTER_CONFIG_PATH", "")]
    environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, paths))
    return environ


def _language(lang):
    if lang not in LANGUAGES:
        raise ValueError(f"--lang must be 'zh' (中文) or 'en' (English), not {lang!r}")
    return lang
