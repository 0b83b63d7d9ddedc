"""The notebooks in git are what their sources build, and the two languages match."""
import re
import subprocess
import sys

import pytest

from _notebooks import LANGUAGES, NOTEBOOKS, every_notebook, lessons, read


def test_built_notebooks_are_up_to_date_with_their_sources():
    run = subprocess.run([sys.executable, str(NOTEBOOKS / "build.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, "run `python notebooks/build.py`:\n" + run.stdout + run.stderr


def test_every_built_notebook_has_a_source():
    built = {p.stem for lang in LANGUAGES for p in (NOTEBOOKS / lang).glob("*.ipynb")}
    assert built == set(lessons())


@pytest.mark.parametrize("notebook", every_notebook())
def test_notebook_is_kept_with_outputs_cleared_and_a_python3_kernel(notebook):
    nb = read(notebook)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def _shape(cell):
    """What must agree between zh and en: the kind of cell, and the code unless the
    cell is marked as written for one language."""
    if cell["cell_type"] == "code" and "lang" not in cell["metadata"]:
        return ("code", cell["source"])
    return (cell["cell_type"], "language-only" if "lang" in cell["metadata"] else "text")


@pytest.mark.parametrize("lesson", lessons())
def test_zh_and_en_have_the_same_cells_in_the_same_order(lesson):
    zh, en = (read(f"{lang}/{lesson}.ipynb")["cells"] for lang in LANGUAGES)
    assert [_shape(c) for c in zh] == [_shape(c) for c in en]


@pytest.mark.parametrize("lesson", lessons())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_lesson_text_is_written_in_its_language(lesson, lang):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for cell in read(f"{lang}/{lesson}.ipynb")["cells"]:
        if cell["cell_type"] == "markdown":
            assert bool(cjk.search(cell["source"])) == (lang == "zh"), cell["source"][:80]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lesson_has_a_try_it_and_an_exercise(lang):
    try_it, exercise = {"zh": ("试一试", "练习"), "en": ("Try it", "Exercise")}[lang]
    for lesson in lessons():
        text = "\n".join(c["source"] for c in read(f"{lang}/{lesson}.ipynb")["cells"]
                         if c["cell_type"] == "markdown")
        assert try_it in text or lesson.endswith("exercises"), lesson
        assert exercise in text, lesson


@pytest.mark.parametrize("page", ["index.ipynb", "README.md"])
def test_index_and_readme_link_every_lesson_in_order(page):
    text = (NOTEBOOKS / page).read_text(encoding="utf-8")
    for lang in LANGUAGES:
        links = re.findall(rf"\(({lang}/\d\d_\w+\.ipynb)\)", text)
        assert links == [f"{lang}/{name}.ipynb" for name in lessons()]


def _prose(markdown):
    """Markdown without code spans, code blocks, math or HTML tags: the words a student reads."""
    for pattern in (r"```.*?```", r"`[^`]*`", r"\$\$.*?\$\$", r"\$[^$]*\$", r"<[^>]+>"):
        markdown = re.sub(pattern, "", markdown, flags=re.S)
    return markdown


@pytest.mark.parametrize("notebook", ["index.ipynb"] + [f"zh/{name}.ipynb" for name in lessons()])
def test_chinese_prose_uses_chinese_quotation_marks(notebook):
    for cell in read(notebook)["cells"]:
        if cell["cell_type"] == "markdown" and cell["metadata"].get("lang", "zh") == "zh":
            prose = _prose(cell["source"])
            if re.search(r"[\u4e00-\u9fff]", prose):
                assert '"' not in prose and "「" not in prose, cell["source"][:120]


@pytest.mark.parametrize("lesson", lessons())
def test_shared_code_cells_carry_no_comments(lesson):
    """A comment in a cell both languages share would be in one language only."""
    import io
    import tokenize

    for cell in read(f"zh/{lesson}.ipynb")["cells"]:
        if cell["cell_type"] != "code" or "lang" in cell["metadata"]:
            continue
        code = "\n".join(line for line in cell["source"].splitlines()
                         if not line.startswith("%"))  # IPython magics are not Python
        comments = [token.string for token in tokenize.generate_tokens(io.StringIO(code).readline)
                    if token.type == tokenize.COMMENT]
        assert not comments, f"{lesson}: {comments}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapter_exercises_ask_for_a_short_answer_before_the_code(lang):
    """Exercises 1-4 of the book are 'why' and 'what happens' questions: the student writes an
    answer in words, then does the code, then opens a model answer to compare. Exercise 5 (a
    plot) goes straight to the code, and has a model answer too. The chapter's summary follows."""
    think, mine, exercise = {"zh": ("**先想一想。**", "**我的回答：**", "## 练习 "),
                             "en": ("**Think first.**", "**My answer:**", "## Exercise ")}[lang]
    cells = read(f"{lang}/09_exercises.ipynb")["cells"]
    sections, current = [], None
    for cell in cells:
        if cell["cell_type"] == "markdown" and cell["source"].startswith("## "):
            current = []
            sections.append((cell["source"].startswith(exercise), current))
        elif current is not None:
            current.append(cell)
    assert [is_exercise for is_exercise, _ in sections] == [True] * 5 + [False]
    for number, (_, section) in enumerate(sections[:5], 1):
        kinds = [("think" if think in c["source"] else
                  "mine" if c["source"].startswith(mine) else
                  "check" if c["source"].startswith("check(") else
                  "model" if c["source"].startswith("<details>") else None) for c in section]
        kinds = [k for k in kinds if k]
        expected = ["think", "mine", "check", "model"] if number < 5 else ["check", "model"]
        assert kinds == expected, (number, kinds)
