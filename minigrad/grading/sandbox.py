"""Where a submission runs: a bubblewrap sandbox of its own (Linux).

The worker process that starts a notebook's kernel (``worker.py``) runs, with its kernel,
inside ``bwrap``:

- its own user, PID, network, IPC and UTS namespaces: it sees no other process (not the
  grader, not the other kernels), has no network but its own loopback (for the kernel's
  ZMQ sockets), and cannot outlive the grader: ``--die-with-parent`` kills the sandbox's
  first process when the grader goes, and Linux then kills every process of its PID
  namespace, however it forked;
- a file system of its own: /usr and the Python environment read-only, a copy of the
  minigrad package read-only at /opt/minigrad, and an empty writable home and /tmp (small
  tmpfs mounts that vanish with the sandbox). Nothing else: not the teacher's home, the
  submissions, the results, the cache's key or the hidden checks;
- an environment built from nothing (``--clearenv``): no variable of the teacher's;
- no capabilities, no new user namespaces inside, and a session of its own (so it cannot
  type into the teacher's terminal);
- bwrap's own command line and environment, which the sandbox can read in /proc/1, hold
  none of the teacher's folders: its options come through a pipe (``--args``).

``check()`` says whether bubblewrap works here, and if not, why and what to do: the
grader refuses to grade untrusted work without it unless the teacher says ``--no-sandbox``.
"""
import compileall
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys

HOME = "/home/student"
RUNTIME = "/opt/minigrad"
TMPFS_BYTES = 256 * 2 ** 20  # the home and /tmp each; RLIMIT_FSIZE caps single files
UID = 1000  # the student's uid inside; outside it is the grader's own, without privileges


class Unavailable(Exception):
    """No sandbox here; the message says why and what to do, for the teacher."""


def check(runtime):
    """Raise ``Unavailable`` unless a sandbox with ``runtime`` starts and runs Python."""
    if not sys.platform.startswith("linux"):
        system = {"darwin": "macOS", "win32": "Windows"}.get(sys.platform, sys.platform)
        raise Unavailable(
            f"there is no sandbox for student code on {system}: minigrad-grade isolates each "
            f"notebook with bubblewrap, which needs Linux. Grade on a Linux machine or in a "
            f"Linux virtual machine.")
    if shutil.which("bwrap") is None:
        raise Unavailable(
            "bubblewrap (bwrap) is not installed, and it is what isolates each notebook. "
            "Install it: sudo apt install bubblewrap (Debian, Ubuntu), sudo dnf install "
            "bubblewrap (Fedora), or run scripts/install-system-deps.sh --grade.")
    try:
        argv, options = command(runtime, [sys.executable, "-c", "import minigrad"])
        with options:
            trial = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=60, **options.popen)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise Unavailable(f"bubblewrap did not start: {error}") from None
    if trial.returncode != 0:
        said = trial.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise Unavailable(
            f"bubblewrap is installed but cannot make a sandbox here ({said[0]}). It needs "
            f"unprivileged user namespaces: they are off in many containers (Docker's default "
            f"profile) and on some systems (sysctl kernel.unprivileged_userns_clone=1 on older "
            f"Debian; kernel.apparmor_restrict_unprivileged_userns=0 or an AppArmor profile "
            f"for bwrap on Ubuntu 24.04). Grade on the host instead of in the container, or "
            f"enable them.")


def prepare(folder):
    """Make the read-only tree the sandbox sees at /opt/minigrad: the minigrad package
    (with its Jupyter side), compiled once; a kernelspec that runs this Python; a
    Matplotlib font cache; passwd and group files naming the student. Returns its path."""
    runtime = pathlib.Path(folder) / "runtime"
    package = pathlib.Path(importlib.util.find_spec("minigrad").origin).parent
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(package, runtime / "minigrad", ignore=skip)
    lab = importlib.util.find_spec("minigrad.lab")
    if lab is not None and not (runtime / "minigrad" / "lab").exists():
        shutil.copytree(list(lab.submodule_search_locations)[0], runtime / "minigrad" / "lab",
                        ignore=skip)  # an editable install maps minigrad.lab to widgets/
    compileall.compile_dir(str(runtime / "minigrad"), quiet=2, ddir=f"{RUNTIME}/minigrad")
    kernels = runtime / "jupyter" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}))
    etc = runtime / "etc"
    etc.mkdir()
    (etc / "passwd").write_text(f"student:x:{UID}:{UID}:student:{HOME}:/bin/sh\n")
    (etc / "group").write_text(f"student:x:{UID}:\n")
    (etc / "hosts").write_text("127.0.0.1 localhost\n")
    _font_cache(runtime / "matplotlib")
    return runtime


def _font_cache(folder):
    """Matplotlib builds a font list the first time; built once here, every kernel copies
    it instead of scanning the fonts again (seconds per notebook)."""
    folder.mkdir()
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env={**os.environ, "MPLCONFIGDIR": str(folder)}, capture_output=True,
                   timeout=300)


def command(runtime, argv):
    """(the bwrap command line, its ``Options``) to run ``argv`` in a fresh sandbox."""
    options = ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc",
               "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
               "--cap-drop", "ALL", "--uid", str(UID), "--gid", str(UID), "--hostname", "grading"]
    if _supports("--disable-userns"):
        options.append("--disable-userns")
    options += ["--clearenv"]
    for name, value in environment().items():
        options += ["--setenv", name, value]
    options += ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            options += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            options += ["--ro-bind", top, top]
    options += ["--dir", "/etc", "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                "--ro-bind-try", "/etc/localtime", "/etc/localtime"]
    for name in ("passwd", "group", "hosts"):
        options += ["--ro-bind", str(pathlib.Path(runtime, "etc", name)), f"/etc/{name}"]
    for folder in python_folders():
        options += ["--ro-bind", folder, folder]
    options += ["--ro-bind", str(runtime), RUNTIME, "--proc", "/proc", "--dev", "/dev",
                "--size", str(TMPFS_BYTES), "--tmpfs", "/tmp",
                "--size", str(TMPFS_BYTES), "--tmpfs", HOME, "--chdir", HOME]
    options = Options(options)
    return [shutil.which("bwrap"), "--args", str(options.fd), "--", *argv], options


class Options:
    """bwrap's arguments on a pipe (NUL-separated), so that they are not on its command
    line; ``popen`` holds what ``subprocess.Popen`` needs: the pipe and a bare environment.
    Use it as a context manager: the pipe is closed after the process started."""

    def __init__(self, arguments):
        self.fd, write = os.pipe()
        data = b"".join(os.fsencode(a) + b"\0" for a in arguments)
        os.write(write, data)  # far below a pipe's 64 KiB: never blocks
        os.close(write)
        self.popen = {"pass_fds": (self.fd,), "env": {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)
        return False


def environment():
    """All the environment a sandbox gets."""
    return {"PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin",
            "HOME": HOME, "USER": "student", "LOGNAME": "student", "TMPDIR": "/tmp",
            "LANG": "C.UTF-8", "PYTHONPATH": RUNTIME, "PYTHONDONTWRITEBYTECODE": "1",
            "JUPYTER_PATH": f"{RUNTIME}/jupyter", "MINIGRAD_FONT_CACHE": f"{RUNTIME}/matplotlib"}


def python_folders():
    """The folders of the Python environment the kernel needs, read-only: the prefixes
    (a venv and the Python it was made from) and the site-packages folders on sys.path,
    each at its own path. Never a checkout minigrad was loaded from (it holds the
    teacher's tools; the sandbox gets its own copy of the package), nor other sys.path
    entries (PYTHONPATH, the working folder), which may be anyone's folders."""
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                str(pathlib.Path(os.path.realpath(sys.executable)).parents[1])}
    wanted = {p for p in prefixes if os.path.isdir(p)}
    for entry in sys.path:
        path = pathlib.Path(entry or ".").resolve()
        if path.name in ("site-packages", "dist-packages") and path.is_dir():
            wanted.add(str(path))
    home_of_package = pathlib.Path(importlib.util.find_spec("minigrad").origin).parents[1]
    checkout = None if home_of_package.name in ("site-packages", "dist-packages") else home_of_package
    wanted = {p for p in wanted if not _inside(p, "/usr")
              and not (checkout and _inside(str(checkout), p))}
    return [p for p in sorted(wanted) if not any(p != q and _inside(p, q) for q in wanted)]


def _inside(path, folder):
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip("/") + "/")


_HELP = None


def _supports(option):
    global _HELP
    if _HELP is None:
        try:
            _HELP = subprocess.run(["bwrap", "--help"], capture_output=True, text=True,
                                   timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired):
            _HELP = ""
    return option in _HELP
