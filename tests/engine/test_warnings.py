"""PyTorch computes 1/0, log 0, inf - inf and the mean of nothing silently; so does
minigrad, whatever the warning filters say (pytest's, ``-W error``), while a student's
own NumPy code keeps its warnings. Where PyTorch warns, minigrad gives its warning.

(The whole test suite runs with RuntimeWarnings as errors, see pyproject.toml, so every
other test checks this too.)
"""
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

import minigrad

SILENT_IN_PYTORCH = {
    "mean of an empty tensor": lambda lib: lib.tensor([]).mean(),
    "mean over an empty dim": lambda lib: lib.ones(2, 0).mean(1),
    "1 / 0": lambda lib: 1 / lib.tensor([0.0, 1.0]),
    "x / 0": lambda lib: lib.tensor([0.0, 1.0]) / 0,
    "log 0": lambda lib: lib.tensor([0.0]).log(),
    "log of a negative number": lambda lib: lib.tensor([-1.0]).log(),
    "sqrt of a negative number": lambda lib: lib.tensor([-1.0]).sqrt(),
    "exp overflow": lambda lib: lib.tensor([1000.0]).exp(),
    "inf - inf": lambda lib: lib.tensor([float("inf")]) - float("inf"),
    "0 * inf": lambda lib: lib.tensor([0.0]) * float("inf"),
    "1e300 into float32": lambda lib: lib.tensor([1e300]),
    "float32 * 1e300": lambda lib: lib.ones(2) * 1e300,
    "nan to int64": lambda lib: lib.tensor([float("nan")]).long(),
    "printing 1e300 next to 1e-50": lambda lib: repr(lib.tensor([1e300, 1e-50], dtype=lib.float64)),
    "backward through sqrt at 0": lambda lib: lib.tensor([0.0], requires_grad=True).sqrt().sum().backward(),
    "backward through log at 0": lambda lib: lib.tensor([0.0], requires_grad=True).log().sum().backward(),
    "softmax of -inf everywhere": lambda lib: lib.tensor([-float("inf")] * 2).softmax(0),
    "cross_entropy of an empty batch": lambda lib: lib.nn.functional.cross_entropy(
        lib.ones(0, 3), lib.tensor([], dtype=lib.int64)),
    "pow of a negative base": lambda lib: lib.tensor([-8.0]) ** (1 / 3),
    "std of equal values, backward": lambda lib: lib.tensor(
        [2.0, 2.0], requires_grad=True).std().backward(),
}


@pytest.mark.parametrize("name", SILENT_IN_PYTORCH)
def test_no_warning_where_pytorch_gives_none(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        SILENT_IN_PYTORCH[name](minigrad)


@pytest.mark.torch
@pytest.mark.parametrize("name", SILENT_IN_PYTORCH)
def test_pytorch_gives_no_warning_there_either(name, torch):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        SILENT_IN_PYTORCH[name](torch)


def test_silent_under_python_minus_w_error():
    """Outside pytest too, with every warning an error."""
    program = textwrap.dedent("""
        import minigrad as torch
        x = torch.tensor([0.0, 1.0], requires_grad=True)
        y = (1 / x).sum() + torch.tensor([]).mean() + x.log().sum()
        y.backward()
        print(y, x.grad)
    """)
    run = subprocess.run([sys.executable, "-W", "error", "-c", program], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "tensor(nan, grad_fn=<AddBackward0>) tensor([nan, 0.])"


def test_the_students_own_numpy_still_warns():
    minigrad.tensor([0.0]).log()  # the engine silenced NumPy while it computed ...
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        np.log(np.array([0.0]))  # ... and switched it back on when it returned
        np.mean(np.array([]))
    said = [str(w.message) for w in caught]
    assert "divide by zero encountered in log" in said
    assert "Mean of empty slice" in said


PYTORCH_WARNS = {  # a program, and the start of PyTorch's UserWarning
    "torch.tensor(a tensor)": (lambda lib: lib.tensor(lib.ones(2)),
                               "To copy construct from a tensor, it is recommended to use "
                               "sourceTensor.detach().clone() or sourceTensor.detach().clone()."
                               "requires_grad_(True), rather than torch.tensor(sourceTensor)."),
    "new_tensor(a tensor)": (lambda lib: lib.zeros(1).new_tensor(lib.ones(2)),
                             "rather than tensor.new_tensor(sourceTensor)."),
    "softmax without dim": (lambda lib: lib.nn.functional.softmax(lib.ones(2, 2)),
                            "Implicit dimension choice for softmax has been deprecated. Change "
                            "the call to include dim=X as an argument."),
    "log_softmax without dim": (lambda lib: lib.nn.functional.log_softmax(lib.ones(3)),
                                "Implicit dimension choice for log_softmax has been deprecated."),
    "mse_loss with a target of another size": (
        lambda lib: lib.nn.functional.mse_loss(lib.ones(3, 1), lib.ones(3)),
        "Using a target size (torch.Size([3])) that is different to the input size "
        "(torch.Size([3, 1])). This will likely lead to incorrect results due to broadcasting."),
    "l1_loss with a target of another size": (
        lambda lib: lib.nn.functional.l1_loss(lib.ones(2), lib.ones(3, 2)),
        "Using a target size (torch.Size([3, 2])) that is different to the input size"),
}


@pytest.mark.parametrize("name", PYTORCH_WARNS)
def test_warns_where_pytorch_warns(name, torch):
    program, message = PYTORCH_WARNS[name]
    for lib in (minigrad, torch):
        with pytest.warns(UserWarning) as caught:
            program(lib)
        assert message in str(caught[0].message), (lib.__name__, str(caught[0].message))
        assert caught[0].filename == __file__  # at the student's line


def test_implicit_softmax_dim_is_pytorch_s_guess(torch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for shape in [(3,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]:
            x = np.arange(np.prod(shape), dtype=np.float64).reshape(shape) / 7
            ours = minigrad.nn.functional.softmax(minigrad.tensor(x)).numpy()
            theirs = torch.nn.functional.softmax(torch.tensor(x)).numpy()
            np.testing.assert_allclose(ours, theirs, rtol=1e-12)


@pytest.mark.parametrize("make", [lambda lib: lib.tensor([1.0]).var(),
                                  lambda lib: lib.tensor([1.0]).std(),
                                  lambda lib: lib.ones(3).var(correction=3),
                                  lambda lib: lib.ones(2, 1).std(dim=1)])
def test_degrees_of_freedom_warning_as_in_pytorch(make, torch):
    """var/std with n - correction <= 0: PyTorch's UserWarning, at the student's line."""
    for lib in (minigrad, torch):
        with pytest.warns(UserWarning, match=r"\(\): degrees of freedom is <= 0. Correction should "
                                             r"be strictly less than the reduction factor") as caught:
            make(lib)
        assert caught[0].filename == __file__
