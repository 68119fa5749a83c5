# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test check lint typecheck install dev eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed  ## Install quotegraph in a virtual environment.

dev: $(VENV)/.dev-installed  ## Install with the test and lint tools.

demo: install  ## Set up and analyse the bundled demo corpus into demo.db.
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/quotegraph run demo/corpus --db $(DEMO_DB) --top 8
	@echo
	@echo "Try: $(BIN)/quotegraph quotes --db $(DEMO_DB) --search harbour"

test: dev  ## Set up and run every check: lint, types, tests.
	$(BIN)/ruff check src tests benchmarks scripts training
	$(BIN)/ruff format --check src tests benchmarks scripts training
	$(BIN)/mypy
	bash scripts/system-deps.sh
	$(BIN)/pytest -q

eval: install  ## Score attribution on PolNeAR dev (needs ../shared).
	$(BIN)/quotegraph eval ../shared/polnear/dev

bench: install  ## Throughput against plain spaCy, as ratios.
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
