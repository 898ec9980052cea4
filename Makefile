# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make dataset   build the whole dataset into warehouse/
#   make test      run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Building the data needs the project's dependencies only; the tests and benchmarks add theirs.
BUILD_STAMP := $(VENV)/.installed-build
DEV_STAMP := $(VENV)/.installed-dev
export DAGSTER_HOME := $(CURDIR)/.dagster

.PHONY: dataset refresh test ui bench eval install install-dev clean codebook

$(BUILD_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(BUILD_STAMP)

$(DEV_STAMP): $(BUILD_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(DEV_STAMP)

install: $(BUILD_STAMP) $(DAGSTER_HOME)/dagster.yaml

install-dev: install $(DEV_STAMP)

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	ln -sf $(CURDIR)/dagster.yaml $(DAGSTER_HOME)/dagster.yaml

dataset: install
	$(BIN)/python -m pipelines.refresh --full

# make exits 2 on any failure: the refresh's own code (75 = another refresh is running) is printed;
# cron should call `.venv/bin/python -m pipelines.refresh` to get it (README, Refreshing).
refresh: install
	@$(BIN)/python -m pipelines.refresh || { code=$$?; echo "make refresh: the refresh exited with code $$code" >&2; exit $$code; }

test: install-dev
	$(BIN)/python -m pytest

codebook: install  # docs/dataset.md, generated from pipelines/contract.py and pipelines/vocabulary.py
	$(BIN)/python -m pipelines.codebook

ui: install
	$(BIN)/dagster dev -m pipelines.definitions

bench: install-dev
	$(BIN)/python -m pipelines.benchmark extraction --mb 50 --baseline-mb 2 --json bench/out/extraction.json
	$(BIN)/python -m pipelines.benchmark document --mb 1 10 50 --json bench/out/document.json
	$(BIN)/python -m pipelines.benchmark refresh --sizes 100 1000 10000 --json bench/out/refresh.json

# Measures the extractor on the annotated corpus (tests/corpus): scores per half, language and
# kind; the tuning half's errors; writes docs/evaluation.md.
eval: install
	$(BIN)/python -m pipelines.evaluation --write docs/evaluation.md

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) warehouse/releases warehouse/current warehouse/parquet warehouse/csv warehouse/*.duckdb warehouse/datapackage.json warehouse/croissant.json warehouse/CHANGELOG.md
