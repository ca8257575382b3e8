# Two commands for a fresh machine with Python 3.11+:
#   make run    set up .venv and open diplocal on the bundled calendar
#   make test   set up .venv with the test tools and run lint, types and the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The browser tests (tests/serve) drive Debian's chromium through playwright: installed here,
# as root, when missing (playwright's own browser download is not used).
CHROMIUM := /usr/bin/chromium

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

$(CHROMIUM):
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "tests/serve need Debian's chromium at $@: sudo apt-get install chromium" >&2; \
		exit 1; \
	fi
	apt-get -o DPkg::Lock::Timeout=600 update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium

# pytest-xdist: the Pilot tests spend much of their time waiting on the app's loop, so four
# workers keep two cores busy; worksteal hands the long tests (the monkey's chunks, the
# layout sizes) to whichever worker is free instead of fixing the split up front. The
# browser tests then run one at a time: chromium and a server beside a Pilot test
# starved its timing on two busy cores.
test: lint calcurse $(CHROMIUM)
	$(BIN)/pytest -n 4 --dist worksteal -m "not browser"
	$(BIN)/pytest -n 0 -m browser

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
