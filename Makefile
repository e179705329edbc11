# One entry point for people and CI. `make site` builds the site from content/;
# `make check` runs every check: format, lint, types, and the whole test suite.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup site check test lint system-deps bench

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

site: setup
	$(BIN)/budgetsite build

system-deps:
	scripts/install-system-deps

lint: setup
	$(BIN)/ruff format --check builder tests benchmarks
	$(BIN)/ruff check builder tests benchmarks
	$(BIN)/mypy builder tests benchmarks

test: setup system-deps
	$(BIN)/pytest -q

check: lint test

bench: setup
	$(BIN)/python -m benchmarks.bench_parse
	$(BIN)/python -m benchmarks.bench_docx
	$(BIN)/python -m benchmarks.bench_pdf
	$(BIN)/python -m benchmarks.bench_build
	$(BIN)/python -m benchmarks.bench_downloads
	$(BIN)/python -m benchmarks.bench_scale --reports 100
