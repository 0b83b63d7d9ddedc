"""Bad input gives a clear error in PyTorch's style, never a traceback from deep inside."""
import pytest

import minigrad as torch
from minigrad import viz


@pytest.mark.parametrize("bad", [3, "z", None, [1, 2]])
def test_draw_of_something_that_is_not_a_tensor(bad):
    with pytest.raises(TypeError, match=r"draw\(\): argument \(position 1\) must be a Tensor") as e:
        viz.draw(bad)
    assert "张量" in e.value.messages["zh"]


def test_draw_of_nothing():
    with pytest.raises(TypeError, match="at least one tensor"):
        viz.draw()


def test_bad_view_and_max_nodes():
    x = torch.ones(2, requires_grad=True)
    with pytest.raises(ValueError, match="view must be 'dataflow' or 'autograd'"):
        viz.draw(x, view="torchviz")
    with pytest.raises(ValueError, match="max_nodes must be a positive int"):
        viz.draw(x, max_nodes=0)
    with pytest.raises(ValueError, match="language must be 'zh' \\(中文\\) or 'en'"):
        viz.draw(x, lang="fr")


def test_a_freed_graph_still_draws(history):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x.exp() * x).sum()
    y.backward()
    text = viz.to_text(y, view="autograd", names={"x": x, "y": y})
    assert "ExpBackward0" in text and "SumBackward0" in text
    facts = viz.inspect(y, f"f{id(y.grad_fn.next_functions[0][0])}")
    assert "freed" in facts["note"]


def test_inspect_of_an_unknown_node():
    x = torch.ones(2, requires_grad=True)
    with pytest.raises(KeyError) as e:
        viz.inspect(x * 2, "t0")
    assert "没有节点" in e.value.messages["zh"]


def test_frames_of_something_that_is_not_a_tape():
    with pytest.raises(TypeError, match="trace"):
        viz.Frames([1, 2, 3])


def test_the_missing_dot_message_is_all_in_one_language():
    messages = viz.DotNotFoundError().messages
    assert "then add its bin folder to PATH" in messages["en"]
    assert "then" not in messages["zh"] and "加入 PATH" in messages["zh"]
    for lang in ("en", "zh"):
        assert "winget install graphviz" in messages[lang]
