"""Run one submission in a fresh kernel and report what its answers do.

``python -m minigrad.grading.worker`` runs inside the submission's sandbox (see
``sandbox.py``) and talks to the grader in JSON lines on stdin and stdout:

1. it reads the job: the notebook's code cells, the public inputs to try for each
   question, the time and memory limits;
2. it limits itself (memory, file size, CPU, processes), so the kernel inherits the
   limits, and makes itself undumpable, so the kernel cannot read its memory or its pipes
   through /proc; then starts the kernel with a small environment whose every folder is in
   the sandbox's home;
3. it runs the cells in order, errors allowed, within the time limit. Right after a cell
   that calls ``check("id", ...)``, and at the end for the questions no cell checked, it
   asks the kernel for the facts about the answer on the public inputs. The facts come
   back in the reply to that request, never through anything the student's code printed.
   A cell still running at the time limit is interrupted, and the questions are still
   asked, within a short reserve of time;
4. it sends what it saw (status, errors, facts) and only then receives the hidden inputs
   and expressions, asks the kernel about them, and sends those facts. No student cell
   runs after the kernel has seen a hidden input.

Judging is the grader's job, in its own process, from these facts as plain data; it
trusts none of them.
"""
import asyncio
import ast
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time

from ..exercises.facts import clip

CHECK_CALL = re.compile(r"""check\(\s*["']([A-Za-z0-9_]+)["']""")
KEPT_OUTPUT = ("error",)  # printed output can be huge and is never needed
MAX_PROCESSES = 256  # a fork bomb stops here instead of filling the machine


def main():
    job = _receive()
    _make_undumpable()
    _limit(job["memory_mb"], job["timeout"] + job["reserve"])
    messages = Messages()
    try:
        asyncio.run(run(job, messages))
    except Exception as error:  # the worker itself must always answer
        messages.cells_done({"status": "worker_error", "cells_run": 0, "cell_errors": [],
                             "facts": {}, "detail": f"{type(error).__name__}"})
    messages.hidden_done({})


class Messages:
    """The two messages to the grader, each sent once, in order."""

    def __init__(self):
        self.sent = set()

    def cells_done(self, result):
        self._send("cells", result)

    def hidden_done(self, facts):
        if "cells" in self.sent:
            self._send("hidden", {"facts": facts})

    def _send(self, phase, body):
        if phase not in self.sent:
            self.sent.add(phase)
            sys.stdout.write(json.dumps({"phase": phase, **body}) + "\n")
            sys.stdout.flush()


async def run(job, messages):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    class QuietClient(NotebookClient):
        """Keeps only error outputs: a submission printing megabytes costs no memory."""

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] in KEPT_OUTPUT:
                return super().output(outs, msg, display_id, cell_index)
            return None

    deadline = time.monotonic() + job["timeout"]
    cells = [nbformat.v4.new_code_cell(source) for source in job["cells"]]
    client = QuietClient(nbformat.v4.new_notebook(cells=cells), kernel_name="python3",
                         allow_errors=True, timeout=job["timeout"],
                         startup_timeout=max(10, int(job["timeout"])),
                         resources={"metadata": {"path": job["home"]}})
    result = {"status": "ok", "detail": "", "cells_run": 0, "cell_errors": [], "facts": {}}
    probes = job["public"]
    try:
        async with client.async_setup_kernel(env=_kernel_env(job), stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL):
            try:
                await _quietly(client, "import minigrad.exercises", deadline)
                for index, cell in enumerate(cells):
                    client.timeout = _left(deadline)
                    await client.async_execute_cell(cell, index)
                    result["cells_run"] = index + 1
                    _note_errors(cell, index, result)
                    for exercise_id in dict.fromkeys(CHECK_CALL.findall(cell.source)):
                        if exercise_id in probes and exercise_id not in result["facts"]:
                            result["facts"][exercise_id] = await _probe(
                                client, exercise_id, probes[exercise_id], deadline)
            except (CellTimeoutError, TimeoutError, asyncio.TimeoutError):
                result.update(status="timeout", detail=_where(result, len(cells)))
                await _interrupt(client)
                deadline = time.monotonic() + job["reserve"]
            for exercise_id, probe in probes.items():
                if exercise_id not in result["facts"]:
                    result["facts"][exercise_id] = await _probe(client, exercise_id, probe,
                                                                deadline)
            messages.cells_done(result)
            hidden = _receive()["probes"]
            deadline = max(deadline, time.monotonic() + job["reserve"])
            facts = {}
            try:
                for exercise_id, probe in hidden.items():
                    facts[exercise_id] = await _probe(client, exercise_id, probe, deadline)
            except (TimeoutError, asyncio.TimeoutError, DeadKernelError):  # stuck or gone:
                pass  # the questions asked before keep their facts, the rest count as failed
            messages.hidden_done(facts)
    except (CellTimeoutError, TimeoutError, asyncio.TimeoutError):
        if result["status"] == "ok":
            result.update(status="timeout", detail=_where(result, len(cells)))
    except DeadKernelError:
        result.update(status="kernel_died", detail=_where(result, len(cells)))
    except RuntimeError as error:  # nbclient: the kernel did not start, or died starting
        print(f"the kernel did not start: {error}", file=sys.stderr)  # for the teacher
        result.update(status="kernel_died", detail="start")
    messages.cells_done(result)


async def _quietly(client, code, deadline):
    """Run code the student does not see, before their first cell."""
    msg_id = client.kc.execute(code, silent=True, store_history=False)
    client.timeout = _left(deadline)
    await client.async_wait_for_reply(msg_id)


async def _probe(client, exercise_id, probe, deadline):
    """Ask the kernel for the facts about one exercise's answer. The request runs no
    cell code (it is only a user expression), and its reply is matched by message id."""
    expression = (f"__import__('minigrad.exercises.probing', fromlist=['report'])"
                  f".report({exercise_id!r}, {json.dumps(probe)!r}, globals())")
    msg_id = client.kc.execute("", silent=True, store_history=False,
                               user_expressions={"facts": expression})
    client.timeout = _left(deadline)
    # past the time: interrupt the kernel and get None (without a cell, nbclient would
    # fail an assertion instead, and every fact gathered so far would be lost)
    client.interrupt_on_timeout = True
    try:
        reply = await client.async_wait_for_reply(msg_id)
    finally:
        client.interrupt_on_timeout = False
    if reply is None:
        raise TimeoutError
    answer = reply["content"].get("user_expressions", {}).get("facts", {})
    if answer.get("status") != "ok":
        return {"type": "probe_failed", "error": clip(str(answer.get("ename", "?")), 100),
                "message": clip(str(answer.get("evalue", "")))}
    try:
        return json.loads(ast.literal_eval(answer["data"]["text/plain"]))
    except (ValueError, SyntaxError, KeyError, TypeError, MemoryError, RecursionError):
        return {"type": "probe_failed", "error": "unreadable", "message": ""}


async def _interrupt(client):
    """Stop the cell that ran out of time (SIGINT to the kernel), so the answers above it
    can still be asked for."""
    from nbclient.util import ensure_async
    try:
        await ensure_async(client.km.interrupt_kernel())
    except Exception:  # a kernel that cannot be interrupted simply answers nothing
        pass


def _note_errors(cell, index, result):
    for output in cell.outputs:
        if output.get("output_type") == "error":
            result["cell_errors"].append({"cell": index, "error": clip(str(output.get("ename", "")), 100),
                                          "message": clip(str(output.get("evalue", "")))})


def _where(result, n_cells):
    """The code cell that was running, or the checks that follow the last cell."""
    if result["cells_run"] == n_cells:
        return "checks"
    return f"cell {result['cells_run'] + 1}"


def _left(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return max(1, int(left))


def _kernel_env(job):
    """A small environment: every folder a kernel writes to inside the home it was given,
    one BLAS thread (one notebook per core; more threads would only fight)."""
    home = job["home"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
           "TMPDIR": job["tmp"], "LANG": "C.UTF-8", "PYTHONPATH": job["python_path"],
           "PYTHONDONTWRITEBYTECODE": "1", "IPYTHONDIR": os.path.join(home, ".ipython"),
           "JUPYTER_CONFIG_DIR": os.path.join(home, ".jupyter"),
           "JUPYTER_DATA_DIR": os.path.join(home, ".local", "share", "jupyter"),
           "JUPYTER_RUNTIME_DIR": os.path.join(job["tmp"], "jupyter-runtime"),
           "JUPYTER_PATH": os.path.join(job["python_path"], "jupyter"),
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": os.path.join(home, ".matplotlib"),
           "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MINIGRAD_LANG": job["lang"]}
    for threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[threads] = "1"
    fonts = os.path.join(job["python_path"], "matplotlib")
    if os.path.isdir(fonts):  # the font list built once for the batch (sandbox.prepare)
        shutil.copytree(fonts, env["MPLCONFIGDIR"], dirs_exist_ok=True)
    return env


def _receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)  # the grader is gone, or stopped this notebook
    return json.loads(line)


def _limit(memory_mb, seconds):
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2 ** 20,) * 2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 2 ** 20,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = int(seconds) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    if hard == resource.RLIM_INFINITY or hard > MAX_PROCESSES:
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))


def _make_undumpable():
    """PR_SET_DUMPABLE 0: processes of the same user can no longer read this one's memory
    or open its file descriptors through /proc (Linux only; elsewhere nothing happens)."""
    if sys.platform.startswith("linux"):
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(4, 0, 0, 0, 0)  # 4 = PR_SET_DUMPABLE


if __name__ == "__main__":
    main()
