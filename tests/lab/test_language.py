"""One language switch for the widgets, the graph captions and the exercise feedback."""
import pytest
from minigrad import viz
from minigrad import language as switch
from minigrad.lab import get_language, language, play, set_language, show

from .helpers import chapter_example, recorded_example


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def test_new_views_and_players_start_in_the_chosen_language():
    set_language("zh")
    assert get_language() == "zh"
    x, y = chapter_example()
    assert show(y).lang == "zh"
    x, tape = recorded_example()
    assert play(tape).canvas.words["next"] == "下一步 ▶"


def test_graph_captions_follow_the_same_switch():
    set_language("zh")
    assert viz.get_language() == "zh"
    x, tape = recorded_example()
    assert viz.Frames(tape)[0].caption() == viz.Frames(tape)[0].caption("zh")
    assert "输出" in viz.draw(x).source  # the legend, in Chinese


def test_switching_the_language_keeps_the_view():
    x, tape = recorded_example()
    x, y = chapter_example()
    for panel in (play(tape), show(y)):
        panel.view = "autograd"
        panel.lang = "zh"
        assert (panel.view, panel.view_toggle.value) == ("autograd", "autograd")
        assert panel.view_toggle.options[1] == ("autograd 视图", "autograd")
        assert "class=grad_fn" in panel.canvas.frames[-1]["dot"]


def test_a_language_we_do_not_speak_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'zh'.*'en'"):
        set_language("fr")


def test_every_word_exists_in_both_languages():
    for key, words in language.WORDS.items():
        assert set(words) == set(switch.LANGUAGES), key


def test_exercise_feedback_follows_the_same_switch():
    exercises = pytest.importorskip("minigrad.exercises")
    set_language("zh")
    assert exercises.get_language() == "zh"
