"""Every notebook runs top to bottom in a fresh kernel, the way a student runs it.

The notebooks are executed two at a time (one kernel per core) the first time a test
asks for a result; each test then checks one notebook, so a failure names it. The
executed copies are kept in artifacts/notebooks/ (git-ignored) for reading.
"""
import concurrent.futures
import multiprocessing

import pytest

from _notebooks import ARTIFACTS, LANGUAGES, every_notebook, execute, lessons, solved

pytest.importorskip("nbclient")

_results = {}
_USERS = ("test_notebook_runs_without_error", "test_every_exercise_passes_with_its_solution_in_place",
          "test_an_unanswered_exercise_says_not_yet", "test_what_the_text_says_is_what_runs")


@pytest.fixture
def result(request):
    if not _results:
        wanted = [item.callspec.params["notebook"] for item in request.session.items
                  if item.originalname in _USERS]
        # spawn, not fork: the test process may already run threads (the lab's renderer)
        spawn = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
            _results.update(zip(wanted, pool.map(execute, wanted)))
    notebook = request.node.callspec.params["notebook"]
    if notebook not in _results:
        _results[notebook] = execute(notebook)
    return _results[notebook]


# What a lesson prints to stderr on purpose, as PyTorch would: lesson 2 reads the .grad of an
# intermediate result to show that it is None, and PyTorch warns there.
EXPECTED_STDERR = {"02_backward": "UserWarning: The .grad attribute of a Tensor that is not a leaf"}


@pytest.mark.parametrize("notebook", every_notebook())
def test_notebook_runs_without_error(notebook, result):
    error, stderr, _ = result
    assert error is None, f"{notebook} failed:\n{error}"
    lesson = notebook.rsplit("/", 1)[-1].removesuffix(".ipynb")
    expected = EXPECTED_STDERR.get(lesson)
    unexpected = [text for text in stderr if not (expected and expected in text)]
    assert not unexpected, f"{notebook} wrote to stderr:\n" + "\n".join(unexpected)
    if expected:
        assert any(expected in text for text in stderr), f"{notebook}: no {expected!r}"


# One language is enough: both run the same code cells.
@pytest.mark.parametrize("notebook", [solved(f"{LANGUAGES[0]}/{name}.ipynb") for name in lessons()])
def test_every_exercise_passes_with_its_solution_in_place(notebook, result):
    error, stderr, verdicts = result
    assert error is None, f"{notebook} failed:\n{error}"
    assert verdicts and all(v.startswith("✓") for v in verdicts), "\n".join(verdicts)


# As handed out: every check() runs and says what is still to do (no ✓ before any answer).
@pytest.mark.parametrize("notebook", [f"{LANGUAGES[0]}/{name}.ipynb" for name in lessons()])
def test_an_unanswered_exercise_says_not_yet(notebook, result):
    _, _, verdicts = result
    assert verdicts and all(v.startswith("✗") for v in verdicts), "\n".join(verdicts)


# What the lessons' text says a cell prints (the cell is found by how its code starts). If
# the engine, a seed or an edit changes what runs, the sentence beside it must change too.
CLAIMS = {
    "01_forward": [("c = torch.tensor(10.0)", ["False\nFalse None\nTrue <MulBackward0"]),
                   ("m = torch.randn(2, 2)", ["False\nTrue\n<SumBackward0"])],
    "02_backward": [
        ("print(a.is_leaf, a.grad)", ["False None"]),
        ("x = torch.tensor(2.0, requires_grad=True)\ny = torch.tensor(3.0, requires_grad=True)\n"
         "w = torch.tensor(4.0, requires_grad=True)\na = x + y\na.retain_grad()",
         ["tensor(4.) tensor(4.)"]),
        ("def forward_mode", ["dz/dx: 4.0\ndz/dy: 4.0\ndz/dw: 5.0"]),
    ],
    "03_accumulation": [("y = x * x\ny.backward()\nx.grad", ["tensor(12.)"])],  # the player ran one
    "04_non_scalar": [
        ("x.grad.zero_()\ny = x * x\ny.backward(gradient=torch.tensor([3, 3, 3, 3]))",
         ["tensor([ 0.,  6., 12., 18.])"]),  # three times 2x
        ("x.grad.zero_()\ny = x * x\ny.mean().backward()", ["tensor([0.0000, 0.5000, 1.0000, 1.5000])"]),
        ("for i in range(2):\n    w.grad = None",
         ["0 tensor([0., 2., 4., 6.])\n1 tensor([12., 14., 16., 18.])"]),
        ("w.grad = None\nlosses.backward(torch.ones(2))", ["tensor([12., 16., 20., 24.])"]),
    ],
    "05_detach": [
        ("torch.manual_seed(0)\nX = torch.randn(4, 3)", ["False None"]),  # val_loss: no graph
        ("with torch.no_grad():\n    H = ", ["None\ntensor("]),
        ("W1.requires_grad_(False)", ["None\ntensor("]),
        ("p = torch.tensor([1.0, 2.0], requires_grad=True)\nr = p * p\np.data", ["tensor([20., 40.])"]),
        ("p = torch.tensor([1.0, 2.0], requires_grad=True)\nr = p * p\np.detach()",
         ["RuntimeError: one of the variables needed for gradient computation has been modified"]),
    ],
    "06_control_flow": [
        ("a2 = torch.randn", ["tensor(-"]),  # a2 is negative: the else branch
        # k = 2ⁿ for a, 100 × 2ⁿ with fewer doublings for a2
        ("print(a.grad == d / a", ["tensor(True) tensor(4096.)\ntensor(True) tensor(102400.)"]),
        ("for value in [1.953, 1.953125, 1.954]",
         ["a = 1.953: d = 1999.87, a.grad = 1024", "a = 1.953125: d = 1000.00, a.grad = 512",
          "a = 1.954: d = 1000.45, a.grad = 512"]),
    ],
    "07_custom_function": [
        ("s1 = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0]",
         ["tensor([0., 0., 1., 1., 1.])\ntensor([0., 0., 0., 1., 1.])"]),
        # training lands some input of relu exactly on 0, where the two differ
        ("with torch.no_grad():\n    print((x.mm(w1) == 0).sum())",
         [lambda printed: printed.startswith("tensor(") and printed.strip() != "tensor(0)"]),
    ],
    "08_higher_order": [
        ("x = torch.tensor(2.0, requires_grad=True)\ny = x ** 3\ngrads =", ["(tensor(12.),)\nNone"]),
        ("t = torch.tanh(x).detach()", ["True\nTrue"]),
    ],
    "09_exercises": [
        ("torch.manual_seed(3)", ["a.grad = tensor([2048., 2048., 2048.])"]),  # one k for all
        ("for value in [0.5, 0.999, 1.0, 1.001, 2.0]",
         ["x = 1.0: g(x) = 3.000, autograd: 3.000", "x = 1.001: g(x) = 1.002, autograd: 2.002",
          "x = 2.0: g(x) = 4.000, autograd: 4.000"]),
    ],
}


def _printed(cell):
    return "".join(out.get("text", "") if out.get("output_type") == "stream"
                   else out.get("data", {}).get("text/plain", "")
                   for out in cell.get("outputs", []))


@pytest.mark.parametrize("notebook", [f"{LANGUAGES[0]}/{name}.ipynb" for name in lessons()])
def test_what_the_text_says_is_what_runs(notebook, result):
    import nbformat

    assert result[0] is None, result[0]
    lesson = notebook.split("/")[1].removesuffix(".ipynb")
    cells = nbformat.read(ARTIFACTS / notebook, as_version=4).cells
    for start, expected in CLAIMS.get(lesson, []):
        found = [cell for cell in cells if cell.cell_type == "code" and cell.source.startswith(start)]
        assert found, f"{lesson}: no cell starts with {start!r}"
        printed = _printed(found[0])
        for claim in expected:
            holds = claim(printed) if callable(claim) else claim in printed
            assert holds, f"{lesson}, cell {start!r}: {claim!r} does not hold for\n{printed}"

