# Quick start: `make site` builds the example site into site/; `make test` runs every test.
# Windows (PowerShell): see README.md for the equivalent commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site test serve check clean browsers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

site: $(STAMP)
	$(BIN)/site-builder build

check: $(STAMP)
	$(BIN)/site-builder check

serve: $(STAMP)
	$(BIN)/site-builder serve

# Browser tests drive Debian's chromium (never a downloaded browser build).
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) || \
	  echo "Could not install chromium: browser tests will be skipped (they fail under CI=true)"; }

test: $(TEST_STAMP) browsers
	$(BIN)/python -m pytest -q -n auto --dist loadfile --durations=15

clean:
	rm -rf site .pytest_cache
