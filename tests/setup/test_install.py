"""The set-up works on a fresh machine: from a clean clone, in a fresh virtual environment.

- the README's install step (``make install-lab``, what ``make lab`` runs before it starts
  JupyterLab), run with no environment active, makes ``.venv`` and gives a working
  minigrad with its Jupyter side and the grading command;
- Binder's ``binder/requirements.txt`` installs (as repo2docker runs it, from the repo root)
  and imports;
- repo2docker accepts the ``binder/`` folder (``--no-build``: it writes its Dockerfile
  without Docker) and that Dockerfile installs Graphviz and our requirements.

Slow (each fresh environment downloads JupyterLab & co. from the package index, ~30 s);
skipped, with the reason, when there is no package index to install from.
"""
import os
import shutil
import subprocess
import sys
import textwrap
import venv

import pytest

from .conftest import REPO, pip_install

pytestmark = pytest.mark.setup

# What a student's first cell does, run in the fresh environment, away from the clone
# (so that `import minigrad` cannot pick up the source folder by accident).
FIRST_CELL = textwrap.dedent("""
    import importlib.resources, sys
    import minigrad as torch
    import minigrad.lab
    from minigrad import viz
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward()
    assert x.grad.tolist() == [0.0, 4.0, 8.0, 12.0]
    svg = viz.to_svg(viz.draw(y))             # real Graphviz `dot`
    assert "<svg" in svg
    assert "MulBackward0" in viz.to_svg(viz.draw(y, view="autograd"))
    shipped = {p.name for p in importlib.resources.files("minigrad.lab").iterdir()}
    assert {"canvas.js", "canvas.css"} <= shipped, shipped   # the widget's front end
    from minigrad.exercises import check
    print(torch.__file__)
""")


def _fresh_env(root):
    """A virtual environment that sees nothing of this machine's packages."""
    venv.create(root, with_pip=True, system_site_packages=False)
    return root / "bin" / "python"


def _run(args, cwd, **kwargs):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _works(python, where, away):
    """The first cell runs in ``python``'s environment, started in the folder ``away``
    (not the clone, whose minigrad/ would be imported from the current directory),
    and minigrad comes from ``where``."""
    printed = _run([str(python), "-c", FIRST_CELL], cwd=away)
    assert str(where) in printed, printed
    assert "usage: minigrad-grade" in _run([str(python.parent / "minigrad-grade"), "--help"],
                                           cwd=away)


def test_the_readme_install_step_in_a_fresh_environment(clean_clone, tmp_path, index):
    # As a new user runs it: no environment active, so make creates .venv in the clone.
    # `make lab` = `make install-lab` + `python -m jupyterlab notebooks/index.ipynb`; the second
    # starts a server that never ends, so the server is tried by the front-end tests.
    user = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX", "CI")}
    _run(["make", "install-lab"], cwd=clean_clone, env={**user, **index})
    python = clean_clone / ".venv" / "bin" / "python"
    _works(python, clean_clone / "minigrad", away=tmp_path)
    assert "jupyterlab" in _run([str(python), "-m", "pip", "list"], cwd=tmp_path).lower()
    _run([str(python), "-m", "jupyterlab", "--version"], cwd=tmp_path)


def test_binder_requirements_install_and_import(clean_clone, tmp_path, index):
    python = _fresh_env(tmp_path / "env")
    # repo2docker runs `pip install -r binder/requirements.txt` from the repository's root
    pip_install(python, ["-r", "binder/requirements.txt"], cwd=clean_clone, env=index)
    _works(python, python.parents[1], away=tmp_path)  # installed into site-packages, not the clone


def test_repo2docker_accepts_the_binder_folder(clean_clone, repo2docker):
    done = subprocess.run([repo2docker, "--no-build", "--debug", str(clean_clone)],
                          cwd=clean_clone, capture_output=True, text=True, timeout=300)
    dockerfile = done.stdout + done.stderr
    assert done.returncode == 0, dockerfile[-3000:]
    assert "graphviz" in dockerfile                       # binder/apt.txt
    assert "python=3.11" in dockerfile                    # binder/runtime.txt
    # `.[lab]` names the repository itself: it must be copied in before pip runs
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert -1 < dockerfile.find("COPY --chown=0:0 src/ ${REPO_DIR}/") < install
    # the kernel's environment is JupyterLab's, so the widgets' front ends reach the page
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in dockerfile
    requirements = (REPO / "binder" / "requirements.txt").read_text().split()
    assert ".[lab]" in requirements
    # binder/postBuild turns off JupyterLab's "Jupyter news?" pop-up, after the install
    assert install < dockerfile.index("binder/postBuild")
    assert "apputils-extension:announcements" in (REPO / "binder" / "postBuild").read_text()


def test_the_repository_names_its_system_packages():
    """Everything the project needs from the system is in its own files."""
    assert (REPO / "binder" / "apt.txt").read_text().split() == ["graphviz"]
    script = (REPO / "scripts" / "install-system-deps.sh").read_text()
    assert "graphviz" in script and "chromium" in script
    makefile = (REPO / "Makefile").read_text()
    assert "scripts/install-system-deps.sh" in makefile
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    # the README's two commands, and CI running exactly the README's test command
    setup = readme.split("## Set-up", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in setup.splitlines()]
    assert commands == ["make lab", "make test"], commands
    assert "make test" in [line.strip() for line in ci.splitlines()]
    assert shutil.which("dot") is not None or sys.platform == "win32", \
        "Graphviz's dot is missing: run scripts/install-system-deps.sh"
