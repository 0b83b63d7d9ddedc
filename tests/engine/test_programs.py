"""The programs of the chapter's study notes and of PyTorch's autograd tutorials
(``programs/``), run unchanged once with PyTorch and once after ``import minigrad as
torch``: they must print the same text.

Where a program drew random numbers, it draws them from a NumPy generator instead, so
that both libraries start from the same values (``randn`` differs between them).
Programs that print float32 results of long sums or of many training steps are
compared number by number, to float32 tolerance.
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).parent
PROGRAMS = sorted((HERE / "programs").glob("*.py"))
NAMES = [p.name for p in PROGRAMS]

# (rtol, atol) for programs whose numbers are float32 results that NumPy and PyTorch
# round differently in the last bits (sums in another order, sin to 1 ulp). The
# training losses fall from 3e7 to 1e-5; once small, each is a sum of 640 squares whose
# float32 round-off is about 640 · 2⁻²³ ≈ 1e-4 of the targets' scale.
TOLERANCES = {
    "blitz_my_relu_net.py": (1e-3, 1e-4),
    "tutorial_polynomial.py": (1e-4, 1e-6),
    "tutorial_polynomial_tensors.py": (1e-5, 1e-6),
    "tutorial_legendre.py": (1e-3, 1e-6),
    "d2l_exercises.py": (1e-6, 1e-7),
    # float32 training steps and softmax sums: the last bit of a sum depends on the order
    # (and on the CPU's vector width in PyTorch), and 0.99999994 prints as 1.0000
    "d2l_3_2_linear_regression.py": (1e-5, 1e-6),
    "d2l_4_2_mlp_from_scratch.py": (1e-5, 1e-6),
    "d2l_4_4_softmax_regression.py": (1e-5, 1e-6),
}
NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?")
# A program prints an error as "E> Type: message" (first line): minigrad's message must be
# PyTorch's, word for word, and may go on with a hint saying what to do
ERROR = "E> "


def _same_but_hints(ours, theirs):
    ours, theirs = ours.splitlines(), theirs.splitlines()
    if len(ours) != len(theirs):
        return False
    return all(a == b or (b.startswith(ERROR) and a.startswith(b)) for a, b in zip(ours, theirs))


def _run(lib):
    # one thread: PyTorch's spinning OpenMP workers crawl on a busy two-core machine
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    run = subprocess.run([sys.executable, str(HERE / "run_programs.py"), lib, *map(str, PROGRAMS)],
                         capture_output=True, text=True, timeout=300, cwd=HERE.parents[1], env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    # object addresses (<SumBackward0 object at 0x7f...>) differ from run to run
    return {name: re.sub(r"0x[0-9a-f]+", "0x…", text) for name, text in json.loads(run.stdout).items()}


@pytest.fixture(scope="module")
def minigrad_printed():
    return _run("minigrad")


@pytest.fixture(scope="module")
def torch_printed():
    pytest.importorskip("torch")
    return _run("torch")


@pytest.mark.parametrize("name", NAMES)
def test_program_runs_in_minigrad(name, minigrad_printed):
    assert "!!" not in minigrad_printed[name], minigrad_printed[name][-2000:]


@pytest.mark.torch
@pytest.mark.parametrize("name", NAMES)
def test_program_prints_what_pytorch_prints(name, minigrad_printed, torch_printed):
    ours, theirs = minigrad_printed[name], torch_printed[name]
    if name not in TOLERANCES:
        if not _same_but_hints(ours, theirs):
            assert ours == theirs  # pytest shows where they differ
        return
    rtol, atol = TOLERANCES[name]
    assert NUMBER.sub("#", ours) == NUMBER.sub("#", theirs)
    np.testing.assert_allclose([float(v) for v in NUMBER.findall(ours)],
                               [float(v) for v in NUMBER.findall(theirs)], rtol=rtol, atol=atol)


# What the notes themselves show PyTorch printing: checked even where PyTorch is absent.
SHOWN_IN_THE_NOTES = {
    "d2l_5_autograd.py": ["tensor([0., 1., 2., 3.])",
                          "tensor([0., 1., 2., 3.], requires_grad=True)",
                          "tensor(28., grad_fn=<MulBackward0>)",
                          "None",
                          "tensor([ 0.,  4.,  8., 12.])",
                          "tensor([ 1.,  5.,  9., 13.])",
                          "tensor([1., 1., 1., 1.])",
                          "tensor([0., 2., 4., 6.])",
                          "tensor([0., 1., 4., 9.])",
                          "tensor([ 0.,  3., 12., 27.])",
                          "tensor(True)"],
    "d2l_2_5_notes.py": ["Jacobian matrix:",
                         "tensor([[ 2.,  3.,  2.,  0.],",
                         "        [ 0.,  4., 16., 26.]])"],
    "blitz_requires_grad.py": ["False", "True", "<SumBackward0 object at 0x…>"],
}


@pytest.mark.parametrize("name, shown", SHOWN_IN_THE_NOTES.items(), ids=SHOWN_IN_THE_NOTES.keys())
def test_prints_what_the_notes_show(name, shown, minigrad_printed):
    lines = minigrad_printed[name].splitlines()
    starts = [i for i, line in enumerate(lines) if lines[i:i + len(shown)] == shown]
    assert starts, f"{shown} not in\n{minigrad_printed[name]}"
