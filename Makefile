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
PIP = $(PYTHON) -m pip install --disable-pip-version-check
# The PyTorch the tests compare with, CPU build: PyPI's Linux wheels are CUDA's (GBs);
# PyTorch's own index has the CPU one (pip still takes it from elsewhere if it can't reach it).
TORCH = torch==2.13.0
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu

# Installing is done once, then again only when pyproject.toml (what to install) or the
# system-package script changes: a second `make lab` starts JupyterLab straight away.
# The marks live in the environment, so a new environment installs again.
ENV_DIR = $(if $(filter .venv/bin/python,$(PYTHON)),.venv,$(or $(VIRTUAL_ENV),$(CONDA_PREFIX),.make))
MARK = $(ENV_DIR)/.minigrad-installed-$(subst /,_,$(PYTHON))
INSTALL_INPUTS = pyproject.toml scripts/install-system-deps.sh

# Make .venv (if that is where the packages go) once the system's venv module is there.
MAKE_VENV = $(if $(filter .venv/bin/python,$(PYTHON)),test -x .venv/bin/python || python3 -m venv .venv)

.PHONY: lab test install-lab install-test bench

# `minigrad.lessons` starts JupyterLab on notebooks/index.ipynb, with the course's settings
# (no "Jupyter news?" pop-up) and --allow-root when run as root.
lab: install-lab
	$(PYTHON) -m minigrad.lessons lab

test: install-test
	$(PYTHON) -m pytest

install-lab: $(MARK)-lab
install-test: $(MARK)-test

$(MARK)-lab: $(INSTALL_INPUTS)
	./scripts/install-system-deps.sh
	$(MAKE_VENV)
	@echo "minigrad: installing the Python packages (the first time: about 150 MB) ..."
	$(PIP) -e ".[lab]"
	@mkdir -p $(ENV_DIR) && touch $@

$(MARK)-test: $(INSTALL_INPUTS)
	./scripts/install-system-deps.sh --browser --grade
	$(MAKE_VENV)
	@echo "minigrad: installing PyTorch $(TORCH) (CPU build, about 200 MB) and the test tools ..."
	$(PIP) "$(TORCH)" $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
	$(PIP) -e ".[test]"
	@mkdir -p $(ENV_DIR) && touch $@

bench:
	$(PYTHON) -m bench
