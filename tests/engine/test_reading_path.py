"""The reading path minigrad/__init__.py names (and README repeats) exists and is as long
as they say: the engine is teaching material, and "about N lines" must stay true."""
import pathlib
import re

import minigrad

ROOT = pathlib.Path(__file__).resolve().parents[2]  # the checkout these tests belong to
PACKAGE = ROOT / "minigrad"


def reading_path():
    doc = minigrad.__doc__
    claimed = int(re.search(r"in this order \(about ([\d,]+) lines\)", doc).group(1).replace(",", ""))
    first_part = doc.split("in this order", 1)[1].split("Then, as you need them", 1)[0]
    files = re.findall(r"^\s+([\w/]+\.py)\s", first_part, re.M)
    return claimed, files


def test_the_reading_path_is_as_long_as_it_says():
    claimed, files = reading_path()
    assert files == ["tensor.py", "autograd/function.py", "autograd/engine.py", "ops/arithmetic.py"]
    lines = sum(len((PACKAGE / f).read_text(encoding="utf-8").splitlines()) for f in files)
    assert abs(lines - claimed) <= claimed * 0.1, f"the path has {lines} lines, the text says {claimed}"


def test_readme_names_the_same_path_and_length():
    claimed, files = reading_path()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `minigrad/` |"))
    assert f"about {claimed:,} lines" in row
    for f in files:
        assert f"`{f}`" in row
