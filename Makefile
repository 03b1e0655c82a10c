# Two commands for a newcomer: `make demo` and `make test`. Both install what
# they need into .venv first, so each works as the first command on a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test clean-output

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) -m sample_site.demo

test: install
	$(PY) -m pytest

clean-output:
	find output -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
