# The two commands of the README:
#   make run   - venv, Python and npm packages, migrations, demo data, server on :8000
#   make test  - what CI runs: lint, checks, migrations check, the whole suite
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Production settings with throwaway values, for `check --deploy`.
DEPLOY_ENV := DJANGO_ENV=production DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-key-0123456789abcdefghijklmnop DJANGO_ALLOWED_HOSTS=rehabana.example

.PHONY: run test lint checks pytest assets browser bench permissions-doc clean

run: $(VENV)/.installed-run assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-dev assets browser lint checks pytest

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks: $(VENV)/.installed-dev assets
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

pytest: $(VENV)/.installed-dev assets
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev assets
	$(PY) -m pytest benchmarks -p no:cacheprovider -q

permissions-doc: $(VENV)/.installed-run
	$(PY) manage.py permissions_doc > docs/permissions.md

$(PY):
	@python=$$(sh scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# pip >= 25.1 reads the PEP 735 dependency groups of pyproject.toml.
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -q --group run
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install -q --group dev
	touch $@ $(VENV)/.installed-run

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end assets (Bootstrap, htmx, Chart.js)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's chromium; install it when missing and we may.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
