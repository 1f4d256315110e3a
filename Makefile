# Roundtable. `make demo` serves the demo; `make test` runs every test, browser tests included.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)

.PHONY: install demo test lint messages browser pdflibs bench cluster-check clean

install: $(INSTALLED) $(MO)

demo: install pdflibs
	$(BIN)/roundtable demo

# Spread over every core (pytest-xdist); PYTEST_ARGS adds to it ("-n 0" runs in one process).
test: $(DEV_INSTALLED) $(MO) browser pdflibs
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy roundtable config

# Re-extract the strings from code and templates into the catalogues (needs GNU gettext).
messages: $(INSTALLED)
	$(BIN)/roundtable makemessages --no-obsolete --no-location -l da -l sv -l nb -i '.venv/*' -i 'bench/*'

browser:
	@scripts/ensure-browser

pdflibs:
	@scripts/ensure-pdf-libs

# Each page's cost beside the floor, at 1 000 and 100 000 citizens (PostgreSQL rt_bench1k and
# rt_bench100k, made once), in process and under load: bench/README.md. BENCH_ARGS="--sqlite",
# "--only caseload,plan", "--skip-load", "--skip-inprocess", "--scales 1000".
bench: $(DEV_INSTALLED) $(MO)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Several app servers behind HAProxy, PgBouncer, a primary and a streaming replica, started on
# 127.0.0.1 in a temp dir and checked (scripts/cluster-check; needs root to install Debian's
# postgresql, pgbouncer and haproxy the first time; takes minutes; not part of `make test`).
cluster-check: $(INSTALLED) $(MO)
	scripts/cluster-check $(CLUSTER_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins or the package metadata change.
$(INSTALLED): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(DEV_INSTALLED): requirements-dev.txt $(INSTALLED)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Compiled with polib, so running Roundtable never needs GNU gettext.
locale/%.mo: locale/%.po $(INSTALLED)
	$(BIN)/python -m roundtable.core.compile_messages $< $@

clean:
	rm -rf $(VENV) var
