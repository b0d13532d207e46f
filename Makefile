# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=8123` serves the site on another port.
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test bench setup system-deps migrate demo messages lint format check clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 (or run make PYTHON=python3)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Debian packages WeasyPrint and our scripts need (Pango, HarfBuzz subsetting, CJK and Thai fonts).
system-deps:
	@bin/system-deps

messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo files (apt-get install gettext to rebuild them)"; fi

.env:
	cp .env.example .env

setup: $(STAMP) .env system-deps messages

migrate: setup
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

# Serve the site and run the Celery worker with beat, on the embedded default
# (SQLite, filesystem broker) unless DATABASE_URL / REDIS_URL say otherwise.
run: demo
	@PORT=$(PORT) bin/run-all

test: setup
	$(PY) -m pytest

# In-process rows (pytest), then the production-shaped rows (gunicorn + wrk, tests/perf/production.py).
bench: setup
	$(PY) -m pytest tests/perf -p no:randomly -s -q -o addopts=""
	$(PY) -m tests.perf.production

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var staticfiles
