# Two commands for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install when the project's dependencies change.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
NODE_INSTALLED := node_modules/.installed

.PHONY: serve test install chromium wrk bench soak schema eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED) $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the explorer's browser test, and a small CJK font so its screenshots
# show the Chinese text (CI and developers run as root here).
CHROMIUM := $(shell command -v chromium 2>/dev/null)
CJK_FONT := $(wildcard /usr/share/fonts/truetype/wqy/wqy-microhei.ttc)
chromium:
ifeq ($(CHROMIUM),)
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
else ifeq ($(CJK_FONT),)
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
endif

install: $(INSTALLED)

## serve: create .venv, install, load the bundled notice into an empty store, serve GraphQL
serve: $(INSTALLED)
	$(BIN)/qgraph serve

## test: install test dependencies (Python, npm, Chromium), then ruff, mypy and the whole pytest suite
test: $(TEST_INSTALLED) $(NODE_INSTALLED) chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -v

# Debian's wrk: the HTTP load generator of `make bench` (C, so the client is not the bottleneck).
WRK := $(shell command -v wrk 2>/dev/null)
wrk:
ifeq ($(WRK),)
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
endif

## bench: tables at 1x and 100x (GraphQL vs hand-written Cypher floor, round trips, RSS, wrk req/s)
bench: $(TEST_INSTALLED) wrk
	$(BIN)/python bench/run.py --keep-going

## eval: precision and recall of the loader per dimension, against the hand annotation of the
## bundled notice and the 2024 dev notice's facts (read from ../shared/corpus when present)
eval: $(INSTALLED)
	$(BIN)/python -m eval.score

## soak: 60 s of mixed traffic against `qgraph serve` with reloads and one kill -9 of the store
soak: $(TEST_INSTALLED)
	$(BIN)/python bench/soak.py

## schema: regenerate schema.graphql from the code
schema: $(INSTALLED)
	$(BIN)/qgraph schema > schema.graphql

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
