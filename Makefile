# The developer loop. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup browser demo serve test test-fast lint bench gate clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# swagger-ui-bundle-v2 replaces swagger-ui-bundle in the same folder: remove the old one first in an old .venv
	$(BIN)/pip uninstall --quiet --yes swagger-ui-bundle 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium and the Noto fonts (without them Arabic, Ethiopic and CJK render as boxes).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans Arabic'; then \
		echo "installing chromium and Noto fonts (apt)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null \
		|| echo "warning: could not install chromium; browser tests will be skipped"; \
	fi

demo: setup
	$(BIN)/babelwire demo

serve: setup
	$(BIN)/babelwire serve

test: setup browser
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check babelwire tests bench

bench: setup
	$(BIN)/python -m bench.run

gate:
	$(BIN)/python -m bench.gate

clean:
	rm -rf $(VENV) babelwire.db babelwire.db-wal babelwire.db-shm .pytest_cache
