"""One language switch and one default for captions, widgets, feedback and error hints."""
import subprocess
import sys

import pytest

import minigrad as torch
from minigrad import language


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    language.set_language("en")


def test_set_language_switches_the_hint_of_an_engine_error_but_keeps_pytorchs_words():
    x = torch.ones(3, requires_grad=True)
    language.set_language("zh")
    with pytest.raises(RuntimeError) as error:
        (x * 2).backward()
    assert "grad can be implicitly created only for scalar outputs" in str(error.value)
    assert "先把它化成标量" in str(error.value)
    language.set_language("en")
    with pytest.raises(RuntimeError, match="reduce it first"):
        (x * 2).backward()


def test_every_part_asks_the_same_switch():
    viz = pytest.importorskip("minigrad.viz")
    exercises = pytest.importorskip("minigrad.exercises")
    lab = pytest.importorskip("minigrad.lab")
    for part in (viz, exercises, lab):
        assert part.set_language is language.set_language
        assert part.get_language is language.get_language


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL", "MINIGRAD_LANG"])
def test_a_chinese_environment_makes_everything_chinese_by_default(variable):
    """Before a notebook chooses, the environment decides for every part at once."""
    code = """
import minigrad as torch
from minigrad import viz
from minigrad.exercises import check
from minigrad.lab import play
with torch.trace() as tape:
    x = torch.arange(4.0, requires_grad=True)
    y = (x * x).sum()
    y.backward()
print(viz.Frames(tape)[-1].caption())
print(play(tape).canvas.words["next"])
print(repr(check("detach", torch.tensor([0.0, 1.0, 4.0, 9.0]))))
try:
    torch.ones(2).item()
except RuntimeError as error:
    print(error)
"""
    value = "zh" if variable == "MINIGRAD_LANG" else "zh_CN.UTF-8"
    env = {"PATH": "/usr/bin:/bin", variable: value}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    caption, button, feedback, error = out.split("\n", 3)
    assert "反向传播" in caption
    assert button == "下一步 ▶"
    assert "正确" in feedback
    assert "要得到所有的值请用 .tolist()" in error


def test_zh_cn_is_chinese_and_an_unknown_language_is_refused_with_the_choices():
    language.set_language("zh_CN")
    assert language.get_language() == "zh"
    with pytest.raises(ValueError, match="'zh'.*'en'"):
        language.set_language("fr")
