# Two commands for a fresh machine with Python 3.11+:
#   make run    set up .venv and open diplocal on the bundled calendar
#   make test   set up .venv with the test tools and run lint, types and the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean calcurse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/diplocal

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# pytest-xdist: the Pilot tests spend much of their time waiting on the app's loop, so four
# workers keep two cores busy; worksteal hands the long tests (the monkey's chunks, the
# layout sizes) to whichever worker is free instead of fixing the split up front.
test: lint calcurse
	$(BIN)/pytest -n 4 --dist worksteal

# tests/core/export/test_open_end.py imports into calcurse (Debian's); installed when missing
# and we are root (CI), else that one test is skipped and says why.
calcurse:
	@command -v calcurse >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq calcurse >/dev/null 2>&1 \
	      || (apt-get update -qq && apt-get install -y -qq calcurse >/dev/null)) ; } \
	  || echo "calcurse is not installed and cannot be: its interop test is skipped"

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
