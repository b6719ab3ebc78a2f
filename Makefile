# Two commands do all the set-up on a fresh machine:
#   make run    — runs Loa (no TELEGRAM_BOT_TOKEN: a demo chat in this terminal, on SQLite)
#   make test   — runs the whole test suite (SQLite and PostgreSQL) and the linter
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/loa run

demo: $(STAMP)
	$(BIN)/loa demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

test: $(STAMP)
	bash scripts/system-packages
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	@# The environment may forbid writing bytecode: compiled once here, every `loa` and test
	@# process reads it instead of compiling Loa's modules again (a third of a second each).
	$(BIN)/python -m compileall -q bot handlers schedules tests benchmarks > /dev/null
	@# Four workers on two cores: the suite mostly waits (servers, browsers, processes), about
	@# a quarter of its wall time is CPU, so two workers left the cores idle (20 min against 9).
	$(BIN)/python -m pytest -n 4 --dist worksteal -m "not solo"
	@# Timing acceptances (#19: /toi within 3 s while hostile plans are read) measure Loa, not the
	@# other workers' load: alone, after the rest.
	$(BIN)/python -m pytest -m solo

bench: $(STAMP)
	$(BIN)/python -m benchmarks.delivery all
	$(BIN)/python -m benchmarks.prompts
	$(BIN)/python -m benchmarks.prompts --db postgresql
	$(BIN)/python -m benchmarks.web

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
