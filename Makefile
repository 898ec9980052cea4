# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make dataset   build the whole dataset into warehouse/
#   make test      run the tests (the fast set; make test-all adds the slow end-to-end ones)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Building the data needs the project's dependencies only; the tests and benchmarks add theirs.
BUILD_STAMP := $(VENV)/.installed-build
DEV_STAMP := $(VENV)/.installed-dev
export DAGSTER_HOME := $(CURDIR)/.dagster

.PHONY: dataset refresh test test-slow test-all ui bench eval install install-dev clean codebook report-screenshot

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
	ln -sfn $(CURDIR)/dagster.yaml $(DAGSTER_HOME)/dagster.yaml

dataset: install
	$(BIN)/python -m pipelines.refresh --full
	@if command -v chromium >/dev/null 2>&1; then $(MAKE) --no-print-directory report-screenshot; \
	else echo "chromium not installed: no screenshot of the report (make report-screenshot)"; fi

# A PNG of the current release's report, kept beside it (needs Debian's chromium package).
report-screenshot: install
	$(BIN)/python -m pipelines.headless screenshot --warehouse warehouse

# make exits 2 on any failure: the refresh's own code (75 = another refresh is running) is printed;
# cron should call `.venv/bin/python -m pipelines.refresh` to get it (README, Refreshing).
refresh: install
	@$(BIN)/python -m pipelines.refresh || { code=$$?; echo "make refresh: the refresh exited with code $$code" >&2; exit $$code; }

# The tests run on every core (pytest-xdist, one shared build of the seeds per worker).
# `make test` runs the fast set; `make test-slow` the end-to-end tests marked `slow` (the
# project's commands in separate processes, or several refreshes in a row: README, Tests);
# `make test-all` both. CI (.ci/run) runs both sets. Scratch files go to /dev/shm when the
# machine has it with at least 1 GB free (a container's is often 64 MB): every Dagster event of
# a refresh is a synced SQLite write, twice as slow on disk.
TEST_TMPDIR := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && \
	[ "$$(df -Pk /dev/shm | awk 'NR == 2 {print $$4}')" -ge 1048576 ] && echo /dev/shm)
# --dist worksteal: a worker that runs out of tests takes some of the other's (refresh tests
# take seconds, most others milliseconds).
PYTEST := $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR) )$(BIN)/python -m pytest -n auto --dist worksteal

test: install-dev
	$(PYTEST) -m "not slow"

test-slow: install-dev
	$(PYTEST) -m slow

test-all: install-dev
	$(PYTEST)

codebook: install  # docs/dataset.md, generated from pipelines/contract.py and pipelines/vocabulary.py
	$(BIN)/python -m pipelines.codebook

# `make ui` runs `dg dev` (dagster-dg-cli) from $(DAGSTER_HOME), as a dg workspace whose one
# project is this repository: `dg dev` runs from its workspace's root and warns that a dagster.yaml
# found there "will not be used" unless that folder is $DAGSTER_HOME. From the project root it
# would find the repository's dagster.yaml (the fixed layout) and warn, although the same file is
# used through the link; from $(DAGSTER_HOME) the dagster.yaml it finds is the instance's own.
# The project (code location name, module, virtual environment) is still read from
# pyproject.toml's [tool.dg]. The workspace file is written on every start: it holds this
# checkout's absolute path. exec'd, so that SIGTERM reaches it; `env --default-signal=INT`
# because Dagster maps SIGTERM to SIGINT's handler, and a shell started in the background ignores
# SIGINT: without it `make ui &` ignored SIGTERM. It stops its webserver and daemon on SIGTERM
# or Ctrl-C.
UI_PORT ?= 3000
ui: install
	printf 'directory_type = "workspace"\n\n[workspace]\n\n[[workspace.projects]]\npath = %s\n' "'$(CURDIR)'" > $(DAGSTER_HOME)/dg.toml
	cd $(DAGSTER_HOME) && exec env --default-signal=INT VIRTUAL_ENV=$(CURDIR)/$(VENV) PATH="$(CURDIR)/$(BIN):$$PATH" \
		$(CURDIR)/$(BIN)/dg dev --port $(UI_PORT)

bench: install-dev
	$(BIN)/python -m pipelines.benchmark extraction --mb 50 --baseline-mb 2 --json bench/out/extraction.json
	$(BIN)/python -m pipelines.benchmark document --mb 1 10 50 --json bench/out/document.json
	$(BIN)/python -m pipelines.benchmark refresh --sizes 100 1000 10000 --json bench/out/refresh.json

# Measures the extractor on the annotated corpus (tests/corpus): scores per half, language and
# kind; the tuning half's errors; writes docs/evaluation.md.
eval: install
	$(BIN)/python -m pipelines.evaluation --write docs/evaluation.md

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) warehouse/releases warehouse/current warehouse/parquet warehouse/csv warehouse/*.duckdb warehouse/datapackage.json warehouse/croissant.json warehouse/CHANGELOG.md warehouse/report
