# Seatcast: `make demo` runs the main job on the built-in 2025 data; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test test-slow lint data docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

## The 2025 House from the built-in data.
demo: $(STAMP)
	$(BIN)/seatcast results 2025

## Lint and type checks.
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

## The default suite (lint, types, unit, golden, property, CLI and browser tests).
test: lint
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

## The slower tests (long replays, crash tests, large simulations); CI runs them too.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "slow" $(PYTEST_ARGS); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ]

## Rebuild the built-in tables from the raw official files.
data: $(STAMP)
	$(BIN)/seatcast data build --from ../shared/data

## docs/cli.md from the commands' own help (a test fails when it drifts).
docs: $(STAMP)
	$(BIN)/python -m seatcast.cli.docs > docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/simulate.py
	$(BIN)/python benchmarks/live.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis artifacts
