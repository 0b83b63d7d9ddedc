"""Run one submission in a fresh kernel and report what its answers do.

``python -m minigrad.grading.worker`` reads a job (JSON) on stdin and writes a result
(JSON) on stdout. The grader starts one worker process per notebook. The worker

1. limits itself (memory, file size, CPU), so the kernel it starts inherits the limits,
   and makes itself undumpable, so the kernel (same user) cannot open its memory or its
   stdout through /proc;
2. starts a kernel in the scratch folder, with its stdout and stderr sent nowhere, HOME
   and every Jupyter/IPython folder pointed into the scratch folder;
3. runs the student's cells in order, errors allowed, within the time left;
4. right after a cell that calls ``check("id", ...)``, and at the end for the exercises
   no cell checked, asks the kernel for the facts about the answers (the probes, with
   inputs chosen by the grader). The facts come back in the reply to that request — not
   through anything the student's code printed.

Judging the facts is the grader's job, in its own process; the worker never sees the
teacher's hidden file, only the inputs to try.
"""
import asyncio
import ast
import json
import os
import re
import resource
import subprocess
import sys
import time

CHECK_CALL = re.compile(r"""check\(\s*["']([A-Za-z0-9_]+)["']""")
KEPT_OUTPUT = ("error",)  # printed output can be huge and is never needed


def main():
    job = json.loads(sys.stdin.read())
    _make_undumpable()
    _limit(job["memory_mb"], job["timeout"])
    try:
        result = asyncio.run(run(job))
    except Exception as error:  # the worker itself must always answer
        result = {"status": "worker_error", "detail": f"{type(error).__name__}: {error}"[:500],
                  "facts": {}, "cell_errors": []}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


async def run(job):
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
    notebook = nbformat.v4.new_notebook(cells=cells)
    client = QuietClient(notebook, kernel_name="python3", allow_errors=True,
                         timeout=job["timeout"], startup_timeout=max(5, int(job["timeout"])),
                         resources={"metadata": {"path": job["scratch"]}})
    result = {"status": "ok", "detail": "", "cells_run": 0, "cell_errors": [], "facts": {}}
    probes = job["probes"]
    try:
        async with client.async_setup_kernel(env=_kernel_env(job), stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL):
            for index, cell in enumerate(cells):
                client.timeout = _left(deadline)
                await client.async_execute_cell(cell, index)
                result["cells_run"] = index + 1
                _note_errors(cell, index, result)
                for exercise_id in dict.fromkeys(CHECK_CALL.findall(cell.source)):
                    if exercise_id in probes:
                        await _probe(client, exercise_id, probes[exercise_id], deadline, result)
            for exercise_id, probe in probes.items():
                if exercise_id not in result["facts"]:
                    await _probe(client, exercise_id, probe, deadline, result)
    except (CellTimeoutError, TimeoutError, asyncio.TimeoutError):
        result.update(status="timeout", detail=_where(result, len(cells)))
    except DeadKernelError:
        result.update(status="kernel_died", detail=_where(result, len(cells)))
    except RuntimeError as error:  # nbclient: the kernel did not start, or died starting
        result.update(status="kernel_died", detail=str(error)[:300])
    return result


async def _probe(client, exercise_id, probe, deadline, result):
    """Ask the kernel for the facts about one exercise's answer. The request runs no
    cell code (it is only a user expression), and its reply is matched by message id."""
    expression = (f"__import__('minigrad.exercises.probing', fromlist=['report'])"
                  f".report({exercise_id!r}, {json.dumps(probe)!r}, globals())")
    msg_id = client.kc.execute("", silent=True, store_history=False,
                               user_expressions={"facts": expression})
    client.timeout = _left(deadline)
    reply = await client.async_wait_for_reply(msg_id)
    if reply is None:
        raise TimeoutError
    answer = reply["content"].get("user_expressions", {}).get("facts", {})
    if answer.get("status") != "ok":
        facts = {"type": "probe_failed", "error": answer.get("ename", "?"),
                 "message": str(answer.get("evalue", ""))[:300]}
    else:
        try:
            facts = json.loads(ast.literal_eval(answer["data"]["text/plain"]))
        except (ValueError, SyntaxError, KeyError, TypeError):
            facts = {"type": "probe_failed", "error": "unreadable", "message": ""}
    result["facts"][exercise_id] = facts


def _note_errors(cell, index, result):
    for output in cell.outputs:
        if output.get("output_type") == "error":
            result["cell_errors"].append({"cell": index, "error": output.get("ename", ""),
                                          "message": str(output.get("evalue", ""))[:200]})


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
    """A small environment: nothing of the teacher's (paths, tokens, the hidden file) and
    every folder a kernel writes to inside the scratch folder."""
    scratch = job["scratch"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch, "TMPDIR": scratch,
           "LANG": "C.UTF-8", "PYTHONPATH": job["python_path"], "PYTHONDONTWRITEBYTECODE": "1",
           "IPYTHONDIR": os.path.join(scratch, ".ipython"),
           "JUPYTER_CONFIG_DIR": os.path.join(scratch, ".jupyter"),
           "JUPYTER_DATA_DIR": os.path.join(scratch, ".jupyter-data"),
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": os.path.join(scratch, ".matplotlib"),
           "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MINIGRAD_LANG": job["lang"]}
    for threads in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[threads] = "1"  # one notebook per core; BLAS threads would only fight
    return env


def _limit(memory_mb, timeout):
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2 ** 20,) * 2)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 2 ** 20,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = int(timeout) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def _make_undumpable():
    """PR_SET_DUMPABLE 0: processes of the same user can no longer read this one's memory
    or open its file descriptors through /proc (Linux only; elsewhere nothing happens)."""
    if sys.platform.startswith("linux"):
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(4, 0, 0, 0, 0)  # 4 = PR_SET_DUMPABLE


if __name__ == "__main__":
    main()
