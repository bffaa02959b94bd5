# cxmaturity: `make run` to try it, `make test` to prove it.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/cxmaturity
PIP_VERSION := 25.3
PIP_SHA256 := 9655943313a94722b7774661c21049070f6bbb0a1516bf02f7c8d5d9201514cd
# Debian packages the app needs: Chromium's headless shell for chart export (the full browser for browser tests), Pango for WeasyPrint,
# libpq for psycopg2, fonts, poppler for turning PDFs into images, gettext for translations.
DEB_PACKAGES := chromium chromium-headless-shell libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libpq-dev \
	fonts-dejavu-core poppler-utils gettext haproxy

.PHONY: run install system-deps venv migrate seed test test-thorough test-sqlite test-postgres lint check bench bench-cluster \
	messages lock plotly-bundle screenshots deck-check clean

run: install migrate seed
	@echo ""
	@echo "  cxmaturity runs at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo ""
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

install: system-deps venv

# Installs missing Debian packages when we are root (or have password-less sudo);
# otherwise prints the exact command to run.
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
		if [ "$$SUDO" = none ]; then \
			echo "Missing Debian packages:$$missing"; \
			echo "Install them with: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
		fi; \
		echo "Installing Debian packages:$$missing"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# Python 3.11's bundled pip (23.2) refuses a hash-locked file whose packages ask for extras of
	@# each other (weasyprint -> fonttools[woff]); the first step installs a pip that accepts it, itself hash-checked.
	echo "pip==$(PIP_VERSION) --hash=sha256:$(PIP_SHA256)" | $(PIP) install -q --disable-pip-version-check --require-hashes -r /dev/stdin
	$(PIP) install -q --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

migrate: venv
	DEBUG=true $(PY) manage.py migrate --noinput -v 0

seed: venv
	DEBUG=true $(PY) manage.py load_maturity_model models_9plus/data/nineplus.yaml
	DEBUG=true $(PY) manage.py seed_demo

# The whole suite: Django checks, migrations check, ruff, pytest on SQLite and,
# when reachable, again on PostgreSQL.
test: install lint check test-sqlite test-postgres

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy assessments models_9plus cxmaturity

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(printf 'x%.0s' {1..60})-prod-check ALLOWED_HOSTS=cx.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: venv
	env -u DATABASE_URL $(VENV)/bin/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# Connects to the server's maintenance database: the app database itself need not exist.
export PG_PING := import sys, dj_database_url, psycopg2; c = dj_database_url.parse(sys.argv[1]); \
	psycopg2.connect(dbname="postgres", user=c["USER"] or None, password=c["PASSWORD"] or None, \
	host=c["HOST"] or None, port=c["PORT"] or None, connect_timeout=3).close()

# The property and fuzz tests with every example (`make test` draws a fifth) and the long runs marked
# `thorough` (`make test` runs their fast twins instead), on SQLite and PostgreSQL.
THOROUGH_TESTS := tests/scoring/test_scoring_properties.py tests/scoring/test_scoring_v2_properties.py tests/scoring/test_cells.py \
	tests/scoring/test_anonymity.py tests/outside_in/test_figures.py tests/security/test_fuzz.py tests/api/test_fuzz.py \
	tests/results/report/test_worker.py tests/questionnaire/respond/test_pages_browser.py \
	tests/questionnaire/manage/test_invitation_import.py
test-thorough: install
	CXM_THOROUGH=1 $(MAKE) --no-print-directory test-sqlite test-postgres PYTEST_ARGS="$(THOROUGH_TESTS)"

test-postgres: venv
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PY) -c "$$PG_PING" "$$url" 2>/dev/null; then \
		echo "PostgreSQL reachable: running the suite again on PostgreSQL"; \
		DATABASE_URL="$$url" $(VENV)/bin/pytest -n 2 --dist loadfile $(PYTEST_ARGS); \
	else echo "PostgreSQL not reachable at $$url: skipped the PostgreSQL run"; fi

# SQLite (a throwaway file), then a throwaway PostgreSQL cluster when initdb is installed, then the cluster run
# when HAProxy, Redis and PostgreSQL are reachable (bench/README.md). BENCH_ARGS=--quick tries it small.
bench: venv
	$(PY) bench/run.py $(BENCH_ARGS)
	@if command -v haproxy >/dev/null && $(PY) -c "import redis; redis.Redis().ping()" 2>/dev/null \
		&& $(PY) -c "$$PG_PING" "postgres://postgres@127.0.0.1:5432/postgres" 2>/dev/null; then \
		$(PY) bench/cluster.py; \
	else echo "HAProxy, Redis or PostgreSQL on 127.0.0.1 missing: skipped the cluster run (make bench-cluster)"; fi

# Several app nodes behind HAProxy under load, a node killed, a rolling restart (bench/README.md, "Cluster").
bench-cluster: venv
	$(PY) bench/cluster.py

messages: venv
	DEBUG=true $(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=staticfiles
	DEBUG=true $(PY) manage.py makemessages -d djangojs -l nl --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=static/vendor
	DEBUG=true $(PY) manage.py compilemessages -l nl --ignore=.venv

# Re-locks every dependency (with hashes) after a change to requirements*.in.
lock: venv
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in

# Rebuilds the partial plotly.js bundle (static/vendor/plotly/README.md); needs the npm registry.
plotly-bundle:
	cd static/vendor/plotly/build && npm ci --no-audit --no-fund && npm run build

screenshots: venv
	$(PY) -m tests.screenshots

# The demo's slide deck in both languages through LibreOffice Impress, as PNGs to look at (README, "The slide deck").
deck-check: venv
	$(PY) -m tests.deck_check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
