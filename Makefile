# autograd_kit: `make lab` opens the lessons in JupyterLab, `make test` runs every test.
# Both set up a virtual environment in .venv/ first (and install Graphviz if they can).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_FLAGS := -q -p no:cacheprovider

DOT_HELP := Graphviz 'dot' program not found: install it with 'conda install -c conda-forge graphviz', 'sudo apt-get install graphviz' or 'brew install graphviz'

.PHONY: help venv dot test lab lint bench clean distclean

help:
	@echo "make lab     set up and open JupyterLab on the lessons"
	@echo "make test    set up and run every test (tests/ and the lesson notebooks)"
	@echo "make lint    ruff check ."
	@echo "make bench   run each bench/*.py"
	@echo "make clean   remove build artefacts and caches (distclean: also .venv/)"

# ---- internal: the virtual environment --------------------------------------------------
# Re-installs whenever pyproject.toml changes (the stamp is older than it), and when a top-level
# package appears: the editable install maps only the packages that existed when it ran.
venv: $(STAMP)

$(STAMP): pyproject.toml $(wildcard autograd_kit/__init__.py widgets/__init__.py)
	@if ! $(PY) -m pip --version >/dev/null 2>&1; then \
	  rm -rf $(VENV); \
	  echo "Creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian/Ubuntu run 'sudo apt-get install python3-venv'" >&2; exit 1; }; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install -e '.[test,lab]'
	@touch $@

# ---- internal: the Graphviz program ---------------------------------------------------
dot:
	@if ! command -v dot >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Graphviz 'dot' not found: installing it with apt-get"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y graphviz; \
	  else \
	    echo "$(DOT_HELP)" >&2; exit 1; \
	  fi; \
	fi

# ---- public targets -------------------------------------------------------------------
# tests/ must collect tests: pytest's exit code 5 ("no tests collected") fails like any other.
# Both suites run even if the first fails, and make fails if either did.
test: venv dot
	@status=0; \
	echo "== pytest tests/"; \
	$(PY) -m pytest $(PYTEST_FLAGS) tests/ || status=1; \
	if compgen -G 'lessons/*.ipynb' >/dev/null; then \
	  sanitize=""; \
	  if [ -f lessons/sanitize.cfg ]; then sanitize="--nbval-sanitize-with lessons/sanitize.cfg"; fi; \
	  echo "== pytest --nbval lessons/"; \
	  $(PY) -m pytest $(PYTEST_FLAGS) --nbval --nbval-current-env lessons/ $$sanitize || status=1; \
	else \
	  echo "== no lessons/*.ipynb yet: skipping notebook checks"; \
	fi; \
	exit $$status

# Serves lessons/ (opening lessons/README.md when there is one); Jupyter refuses root without
# --allow-root, and root is normal in containers.
lab: venv dot
	@args="--ServerApp.root_dir=lessons"; \
	if [ "$$(id -u)" = 0 ]; then args="$$args --allow-root"; fi; \
	if [ -f lessons/README.md ]; then \
	  exec $(VENV)/bin/jupyter lab $$args lessons/README.md; \
	elif [ -d lessons ]; then \
	  exec $(VENV)/bin/jupyter lab $$args; \
	else \
	  echo "No lessons/ folder found" >&2; exit 1; \
	fi

lint: venv
	$(VENV)/bin/ruff check .

bench: venv
	@if ! compgen -G 'bench/*.py' >/dev/null; then echo "No benchmarks in bench/"; fi; \
	for f in bench/*.py; do \
	  [ -e "$$f" ] || continue; \
	  echo "== $$f"; $(PY) "$$f"; \
	done

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis test-output
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
