"""Build the Chinese and English notebooks from one source per lesson.

Each lesson is written once, in ``notebooks/src/NN_name.py``, as cells separated by
markers (the "percent" format that Jupytext and VS Code understand):

    # %% [markdown] zh        a text cell shown only in the Chinese notebook
    # %% [markdown] en        ... only in the English one
    # %%                      a code cell, the same in both
    # %% zh  /  # %% en       a code cell for one language only (rare: e.g. set_language("zh"))
    # %% exercise ID          the exercise's prompt (zh and en) and the code it gives, both
    #                         taken from the bank in ``minigrad.exercises``
    # %% answer ID            its answer cell to complete, then ``check("ID", answer)``
    # %% title ID             the exercise's title as a heading (zh and en)
    # %% given ID / prompt ID the code it gives, or its prompt, alone: for a lesson that
    #                         discusses the given code before it sets the task

Markdown lines are written as comments (``# text``). Building writes
``notebooks/zh/NN_name.ipynb`` and ``notebooks/en/NN_name.ipynb`` with outputs cleared,
so both languages always run the same code. A cell written for one language only carries
``"lang": "zh"`` (or ``"en"``) in its metadata. ``src/index.py`` is the bilingual landing
page: it becomes ``notebooks/index.ipynb`` with the cells of both languages.

    python notebooks/build.py           # rebuild every notebook
    python notebooks/build.py --check   # exit 1 if a built notebook is out of date
"""
import argparse
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
LANGUAGES = ("zh", "en")
MARKER = re.compile(r"^# %%(?: \[(markdown)\])?(?: (zh|en))?\s*$")
EXERCISE = re.compile(r"^# %% (title|exercise|given|prompt|answer) (\w+)\s*$")
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def parse(text):
    """The cells of a source file: (kind, language or None, source lines)."""
    cells, current = [], None
    for line in text.splitlines():
        match, exercise = MARKER.match(line), EXERCISE.match(line)
        if match:
            current = ("markdown" if match.group(1) else "code", match.group(2), [])
            cells.append(current)
        elif exercise:
            cells.extend(_exercise_cells(*exercise.groups()))
            current = None
        elif current is not None:
            current[2].append(line)
    return [(kind, lang, _clean(kind, lines)) for kind, lang, lines in cells]


def _exercise_cells(part, exercise_id):
    """The cells of one exercise of the bank, so its words live in one place only."""
    sys.path.insert(0, str(HERE.parent))  # the checkout's minigrad, even if not installed
    from minigrad.exercises import exercise

    bank = exercise(exercise_id)
    title = [("markdown", lang, ["# ## " + bank.title.get(lang)]) for lang in LANGUAGES]
    prompt = [("markdown", lang, ["# " + line for line in bank.prompt(lang).splitlines()])
              for lang in LANGUAGES]
    given = [("code", None, bank.setup.splitlines())] if bank.setup else []
    answer = [("code", None, bank.template.splitlines()),
              ("code", None, [f'check("{exercise_id}", {bank.answer})'])]
    return {"title": title, "prompt": prompt, "given": given, "exercise": prompt + given,
            "answer": answer}[part]


def _clean(kind, lines):
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if kind == "markdown":
        lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines]
    return "\n".join(lines)


def notebook(cells, lang):
    """An nbformat 4.5 notebook for one language (None: both), outputs cleared."""
    chosen = [(kind, cell_lang, source) for kind, cell_lang, source in cells
              if lang is None or cell_lang in (None, lang)]
    nb_cells = []
    for index, (kind, cell_lang, source) in enumerate(chosen):
        # A language-only cell says so, so tests can tell it from the shared code cells.
        metadata = {"lang": cell_lang} if cell_lang else {}
        cell = {"cell_type": kind, "id": f"{lang or 'index'}-{index:03d}", "metadata": metadata,
                "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb_cells.append(cell)
    return {"cells": nb_cells, "metadata": {"kernelspec": KERNELSPEC,
                                            "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def build(check=False):
    stale = []
    for source in sorted((HERE / "src").glob("*.py")):
        cells = parse(source.read_text(encoding="utf-8"))
        if source.stem == "index":
            targets = [(None, HERE / "index.ipynb")]
        else:
            targets = [(lang, HERE / lang / (source.stem + ".ipynb")) for lang in LANGUAGES]
        for lang, target in targets:
            text = json.dumps(notebook(cells, lang), ensure_ascii=False, indent=1) + "\n"
            if target.exists() and target.read_text(encoding="utf-8") == text:
                continue
            stale.append(target)
            if not check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return stale


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date notebooks")
    args = parser.parse_args(argv)
    stale = build(check=args.check)
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(HERE.parent)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
