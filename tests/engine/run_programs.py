"""Run programs written for PyTorch and report what each printed, as JSON.

    python run.py torch    a.py b.py ...   # with PyTorch
    python run.py minigrad a.py b.py ...   # the same programs after import minigrad as torch

Each program runs in a fresh namespace; an exception ends it and is reported as its
last output line, so one broken program doesn't hide the others.
"""
import contextlib
import io
import json
import os
import sys
import traceback

os.environ.setdefault("MPLBACKEND", "Agg")

if sys.argv[1] == "minigrad":
    import minigrad
    # every module of minigrad answers to torch's name too (from torch.autograd.functional import ...)
    sys.modules.update({"torch" + name[len("minigrad"):]: module
                        for name, module in list(sys.modules.items())
                        if name == "minigrad" or name.startswith("minigrad.")})

printed = {}
for path in sys.argv[2:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            with open(path, encoding="utf-8") as f:
                exec(compile(f.read(), path, "exec"), {"__name__": "__main__"})
        except Exception as error:  # noqa: BLE001 - reported, then compared
            traceback.print_exc(file=sys.stderr)
            print(f"!! {type(error).__name__}: {error}")
    printed[os.path.basename(path)] = out.getvalue()
json.dump(printed, sys.stdout)
