# Quick start: `make report` then `make test`. Everything installs into .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PARAMS ?= params/thua-thien-hue-2020.yaml

.PHONY: install install-test report pdf test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

report: install  ## render the default province-year report under reports/
	$(BIN)/egovnb run $(PARAMS)

pdf: install  ## the same, with a PDF beside the HTML
	$(BIN)/egovnb run $(PARAMS) --pdf

test: install-test  ## the whole suite: unit, integration and notebooks (nbval)
	$(BIN)/python -m pytest

test-fast: install-test  ## unit tests only
	$(BIN)/python -m pytest tests/unit

bench: install-test  ## speed and memory figures, printed as `name: value unit`
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) .pytest_cache
