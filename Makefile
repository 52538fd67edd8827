# Quick start: `make report` then `make test`. Everything installs into .venv, exactly as locked.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PARAMS ?= params/thua-thien-hue-2020.yaml
LOCK   := requirements.lock
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install install-test report pdf test test-fast test-latest lock bench clean lab

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package at the lock's version, its hash checked (the lock carries the test tools too:
# one environment, one set of versions); then egovnb itself, without resolving anything.
$(VENV)/.installed: $(BIN)/python $(LOCK) pyproject.toml
	$(PIP) --require-hashes --no-deps -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed
install-test: install

report: install  ## render the default province-year report under reports/
	$(BIN)/egovnb run $(PARAMS)

pdf: install  ## the same, with a PDF beside the HTML
	$(BIN)/egovnb run $(PARAMS) --pdf

# JupyterLab on the project, with the venv's kernel, on the loopback address only. The notebooks
# egovnb made (the committed report notebooks, those beside reports) are signed first with this
# user's Jupyter key (`jupyter trust`), so their charts (SVG) show at once: JupyterLab shows an
# unsigned notebook's SVG outputs as their alt text. A signature holds on this machine only, so
# it is made here, not committed. LAB_PORT=8890 make lab for another port.
LAB_PORT ?= 8888
lab: install  ## JupyterLab on the project (127.0.0.1), its notebooks signed so their charts show
	$(BIN)/jupyter trust notebooks/*.ipynb $$(find reports -name '*.ipynb' -not -path '*/.*' 2>/dev/null)
	mkdir -p work
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(LAB_PORT) --no-browser --ServerApp.root_dir=. \
	    $$([ "$$(id -u)" = 0 ] && echo --allow-root)

test: install  ## the whole suite: unit, integration and notebooks (nbval)
	$(BIN)/python -m pytest

test-fast: install  ## unit tests only
	$(BIN)/python -m pytest tests/unit

# The suite against the newest releases that pyproject's ranges allow, in a throwaway venv
# (not CI's: it tells whether `make lock` can move forward). EGOVNB_UNLOCKED tells the lock
# test that this environment is not the lock's on purpose.
test-latest:
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --disable-pip-version-check --upgrade -e '.[test]'
	EGOVNB_UNLOCKED=1 .venv-latest/bin/python -m pytest; status=$$?; rm -rf .venv-latest; exit $$status

# Resolve pyproject's ranges (and the test extra) again into requirements.lock, for Linux,
# Windows and macOS, with hashes, and write environment.yml's versions from it. uv is used only
# here, from a venv of its own; installing needs nothing but pip. setuptools (the build backend)
# is locked too, so `pip install -e .` needs nothing outside the lock.
lock:
	test -x .venv-lock/bin/uv || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv; }
	printf 'setuptools>=68\n' | .venv-lock/bin/uv pip compile pyproject.toml - --extra test --universal --python-version 3.11 \
	    --generate-hashes --no-header --quiet --output-file $(LOCK) $(LOCK_FLAGS)
	$(PYTHON) tools/environment_from_lock.py $(LOCK) environment.yml

bench: install  ## speed and memory figures, printed as `name: value unit`
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) .venv-lock .venv-latest .pytest_cache
