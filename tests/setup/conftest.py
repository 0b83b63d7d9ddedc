"""Fixtures for the set-up tests: a clean clone of the repository and tools installed
into environments of their own (never into the interpreter running the tests)."""
import os
import pathlib
import shutil
import subprocess
import sys
import venv

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def pip(python, args, cwd=None, env=None):
    """``python -m pip install args``; returns the finished process."""
    return subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **(env or {})})


def pip_install(python, args, cwd=None, env=None):
    done = pip(python, args, cwd=cwd, env=env)
    assert done.returncode == 0, f"pip install {' '.join(args)} failed:\n{done.stderr[-3000:]}"


@pytest.fixture(scope="session")
def index():
    """Environment variables for pip; skips when no package index can be reached."""
    probe = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                            "--dest", str(pathlib.Path("/tmp") / "minigrad-pip-probe"),
                            "six"], capture_output=True, text=True, timeout=300)
    if probe.returncode != 0:
        pytest.skip("no package index to install from (offline?): " + probe.stderr[-300:])
    return {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.fixture(scope="session")
def clean_clone(tmp_path_factory):
    """What `git clone` gives a new user: the committed files only."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    target = tmp_path_factory.mktemp("clone") / "minigrad"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True, timeout=300)
    return target


@pytest.fixture(scope="session")
def repo2docker(tmp_path_factory, index):
    """`jupyter-repo2docker` from its own environment (its pins must not touch ours)."""
    found = shutil.which("jupyter-repo2docker")
    if found:
        return found
    root = tmp_path_factory.mktemp("repo2docker")
    venv.create(root, with_pip=True)
    done = pip(root / "bin" / "python", ["jupyter-repo2docker"], env=index)
    if done.returncode != 0:
        pytest.skip("jupyter-repo2docker could not be installed here: " + done.stderr[-500:])
    return str(root / "bin" / "jupyter-repo2docker")
