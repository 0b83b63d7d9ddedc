# The two commands of the README:  `make lab`  and  `make test`.
PYTHON ?= python3
PIP = $(PYTHON) -m pip install --quiet --disable-pip-version-check

.PHONY: lab test install-lab install-test bench

lab: install-lab
	$(PYTHON) -m jupyter lab notebooks/index.ipynb

test: install-test
	$(PYTHON) -m pytest

install-lab:
	./scripts/install-system-deps.sh
	$(PIP) -e ".[lab]"

install-test:
	./scripts/install-system-deps.sh --browser
	$(PIP) -e ".[test]"

bench:
	$(PYTHON) -m bench
