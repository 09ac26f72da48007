# DigiBridge — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export DIGIBRIDGE_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test test-pg lint format bench install install-dev translations messages clean help worker

help:
	@echo "make run     set up everything and serve DigiBridge on http://$(HOST):$(PORT)"
	@echo "make test    install the test tools and run the whole suite"
	@echo "make lint    ruff check, ruff format --check, mypy"
	@echo "make bench   run the benchmarks (figures in benchmarks/results/)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: $(VENV)/.installed
	@$(BIN)/digibridge compiletranslations --verbosity 0

run: install translations
	@./scripts/system-deps.sh runtime
	@mkdir -p $(DIGIBRIDGE_VAR_DIR)
	$(BIN)/digibridge migrate --no-input -v 0
	$(BIN)/digibridge demo
	$(BIN)/digibridge serve --host $(HOST) --port $(PORT)

worker: install translations
	$(BIN)/digibridge worker --beat

test: install-dev translations
	@./scripts/system-deps.sh test
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: install-dev translations
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	@mkdir -p benchmarks/results
	$(BIN)/python benchmarks/scheduling.py --json > benchmarks/results/scheduling.json
	$(BIN)/digibridge match-eval --corpus benchmarks/data/matching_corpus.jsonl \
		--qrels benchmarks/data/matching_qrels.jsonl --json > benchmarks/results/match-eval.json
	$(BIN)/python benchmarks/matching_feedback.py --json > benchmarks/results/matching-feedback.json
	$(BIN)/python benchmarks/matching.py --json > benchmarks/results/matching.json
	$(BIN)/python benchmarks/import.py --json > benchmarks/results/import.json
	@echo "Results in benchmarks/results/"

messages: install-dev
	cd src/digibridge && ../../$(BIN)/digibridge makemessages -l zh_Hans -l es -l ca --no-location --no-obsolete

clean:
	rm -rf $(VENV) build *.egg-info
