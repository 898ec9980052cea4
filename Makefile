# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make dataset   build the whole dataset into warehouse/
#   make test      run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster

.PHONY: dataset refresh test ui bench install clean report-screenshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP) $(DAGSTER_HOME)/dagster.yaml

$(DAGSTER_HOME)/dagster.yaml: deploy/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	ln -sfn $(CURDIR)/deploy/dagster.yaml $(DAGSTER_HOME)/dagster.yaml

dataset: install
	$(BIN)/python -m pipelines.refresh --full
	@if command -v chromium >/dev/null 2>&1; then $(MAKE) --no-print-directory report-screenshot; \
	else echo "chromium not installed: no screenshot of the report (make report-screenshot)"; fi

# A PNG of the current release's report, kept beside it (needs Debian's chromium package).
report-screenshot: install
	$(BIN)/python -m pipelines.headless screenshot --warehouse warehouse

refresh: install
	$(BIN)/python -m pipelines.refresh

test: install
	$(BIN)/python -m pytest

# `dg dev` (dagster-dg-cli) loads the project from pyproject.toml, in the project's virtual
# environment. exec'd, so that SIGTERM reaches it; `env --default-signal=INT` because Dagster
# maps SIGTERM to SIGINT's handler, and a shell started in the background ignores SIGINT: without
# it `make ui &` ignored SIGTERM. It stops its webserver and daemon on SIGTERM or Ctrl-C.
UI_PORT ?= 3000
ui: install
	exec env --default-signal=INT VIRTUAL_ENV=$(CURDIR)/$(VENV) PATH="$(CURDIR)/$(BIN):$$PATH" \
		$(BIN)/dg dev --port $(UI_PORT)

bench: install
	$(BIN)/python -m pipelines.benchmark extraction --mb 50 --baseline-mb 2 --json bench/out/extraction.json
	$(BIN)/python -m pipelines.benchmark refresh --sizes 100 1000 10000 --json bench/out/refresh.json

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) warehouse/releases warehouse/current warehouse/parquet warehouse/*.duckdb warehouse/datapackage.json warehouse/report
