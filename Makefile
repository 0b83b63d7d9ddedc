# The two commands of the README:  `make lab`  and  `make test`.
#
# Where the Python packages go: the active virtual or conda environment if there is one
# (and on CI, the Python on the PATH); otherwise a .venv folder made here on first use,
# because Debian's and Homebrew's own Python refuse `pip install` (PEP 668).
# `make lab PYTHON=...` picks another interpreter.
ifeq ($(VIRTUAL_ENV)$(CONDA_PREFIX)$(CI),)
PYTHON ?= .venv/bin/python
else
PYTHON ?= python3
endif
PIP = $(PYTHON) -m pip install --quiet --disable-pip-version-check
# Jupyter refuses to run as root (containers, CI) unless told to.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

# Make .venv (if that is where the packages go) once the system's venv module is there.
MAKE_VENV = $(if $(filter .venv/bin/python,$(PYTHON)),test -x .venv/bin/python || python3 -m venv .venv)

.PHONY: lab test install-lab install-test bench

# `-m jupyterlab`: `-m jupyter lab` would run the first `jupyter-lab` on the PATH, maybe
# another environment's.
lab: install-lab
	$(PYTHON) -m jupyterlab $(ROOT_FLAG) notebooks/index.ipynb

test: install-test
	$(PYTHON) -m pytest

install-lab:
	./scripts/install-system-deps.sh
	$(MAKE_VENV)
	$(PIP) -e ".[lab]"

install-test:
	./scripts/install-system-deps.sh --browser
	$(MAKE_VENV)
	$(PIP) -e ".[test]"

bench:
	$(PYTHON) -m bench
