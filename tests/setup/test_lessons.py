"""The lessons where the students are: `minigrad-lessons copy` and `python -m minigrad.lessons`
(what `make lab` runs, and the Windows way in), and the README's JupyterHub lines as pip 23
reads them."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import venv

import pytest

from .conftest import REPO, pip, pip_install


def lessons(*args, cwd, env=None, **options):
    return subprocess.run([sys.executable, "-m", "minigrad.lessons", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, **options)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answer(url, timeout=60):
    """What ``url`` answers, once the server (which prints its address just before it
    listens) answers at all."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=10).read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)  # polling a port: there is nothing on screen to wait on


def test_copy_gives_the_index_and_the_lessons_of_one_language(tmp_path):
    done = lessons("copy", str(tmp_path / "mine"), "--lang", "zh", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    copied = sorted(p.relative_to(tmp_path / "mine").as_posix()
                    for p in (tmp_path / "mine").rglob("*.ipynb"))
    assert copied == ["index.ipynb"] + [f"zh/{p.name}" for p in
                                        sorted((REPO / "notebooks" / "zh").glob("*.ipynb"))]


def test_copying_again_keeps_a_students_work(tmp_path):
    lessons("copy", "mine", cwd=tmp_path, check=True)
    work = tmp_path / "mine" / "en" / "01_forward.ipynb"
    work.write_text("my answers", encoding="utf-8")
    done = lessons("copy", "mine", cwd=tmp_path)
    assert "0 notebooks copied" in done.stdout
    assert work.read_text(encoding="utf-8") == "my answers"


def test_a_bad_language_is_refused_with_the_choices(tmp_path):
    done = lessons("copy", "mine", "--lang", "fr", cwd=tmp_path)
    assert done.returncode != 0 and "zh" in done.stderr and "en" in done.stderr


def test_the_lessons_open_in_jupyterlab_without_the_news_popup(tmp_path):
    """`python -m minigrad.lessons lab FOLDER`: copies the lessons there, starts JupyterLab on
    them with the course's settings; the page JupyterLab serves has the news plug-in off."""
    server = subprocess.Popen(
        [sys.executable, "-m", "minigrad.lessons", "lab", str(tmp_path / "class")],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "BROWSER": "true",  # no browser window from the test
             "JUPYTER_PORT": str(_free_port()),  # not 8888: another server may hold it
             "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
             "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")},
        start_new_session=True)
    try:
        address, seen, deadline = None, [], time.monotonic() + 120
        while address is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"http://(?:127\.0\.0\.1|localhost):(\d+)/lab\?token=(\w+)", line)
            if found:
                address = (f"http://127.0.0.1:{found.group(1)}", found.group(2))
        assert address, "".join(seen)
        url, token = address
        page = _answer(f"{url}/lab?token={token}").decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                      r"(.*?)</script>", page, re.S).group(1))
        assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
        index = urllib.request.urlopen(f"{url}/api/contents/index.ipynb?token={token}",
                                       timeout=60).read()
        assert json.loads(index)["type"] == "notebook"
        assert (tmp_path / "class" / "zh" / "01_forward.ipynb").is_file()
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server this test started, and its kernels
        server.wait(timeout=60)


@pytest.mark.setup
def test_the_readmes_hub_lines_work_with_pip_23(clean_clone, tmp_path, index):
    """pip 23 rejects `name @ /a/path` (and `git+file:///a/path`: a URL without a host);
    the README gives a folder path with the extra in brackets, and `name[extra] @ git+URL`
    (tried here with a git URL that has a host, as the README's GitHub one has)."""
    root = tmp_path / "pip23"
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    pip_install(python, ["pip==23.3.2"], env=index)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'pip install "/srv/minigrad[lab]"' in readme
    assert 'pip install "minigrad-classroom[lab] @ git+https://github.com/' in readme
    for requirement in (f"{clean_clone}[lab]",
                        f"minigrad-classroom[lab] @ git+file://localhost{clean_clone}"):
        done = pip(python, ["--dry-run", "--no-deps", requirement], env=index)
        assert done.returncode == 0, (requirement, done.stderr[-2000:])
    refused = pip(python, ["--dry-run", "--no-deps", f"minigrad-classroom[lab] @ {clean_clone}"],
                  env=index)
    assert refused.returncode != 0 and "path" in refused.stderr.lower()
