# Santé Territoires — routine commands. The targets are the docs; `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
REGION ?= 24
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: help demo test venv venv-dev node system-deps system-deps-test demo-data resetdb runserver \
        worker beat quality fix bench bench-data

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

demo: system-deps venv node demo-data ## Run the portal with demo data on SQLite (tasks run eagerly)
	@echo "Portail de démonstration : http://127.0.0.1:$(PORT)/ (Ctrl+C pour arrêter)"
	$(DEV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: system-deps-test venv-dev node quality ## Run the whole test suite on PostgreSQL, Redis, Celery and Chromium
	scripts/with-services.sh $(PY) -m pytest

venv: $(VENV)/.runtime ## Create the virtualenv with the runtime dependencies
$(VENV)/.runtime: requirements.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

venv-dev: $(VENV)/.dev ## Add the test and quality tools
$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node: node_modules/.installed ## Install the pinned npm packages (geography, axe-core, Leaflet)
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

system-deps: ## Install the Debian packages the demo needs (skipped when present)
	scripts/system-deps.sh demo

system-deps-test: ## Install the Debian packages the tests need (skipped when present)
	scripts/system-deps.sh test

demo-data: ## Migrate the demo database and load the geography and demo accounts (idempotent)
	@mkdir -p var
	$(DEV) $(MANAGE) migrate --noinput -v 0
	$(DEV) $(MANAGE) charger_referentiel
	$(DEV) $(MANAGE) import_territoires --region $(REGION)
	$(DEV) $(MANAGE) import_contours data/geo/region-centre-val-de-loire.geojson --niveau region
	$(DEV) $(MANAGE) import_contours data/geo/departements-centre-val-de-loire.geojson --niveau departement
	$(DEV) $(MANAGE) import_contours data/geo/communes-centre-val-de-loire.simplified.geojson --niveau commune
	$(DEV) $(MANAGE) build_demo_tvs --region $(REGION) --output var/tvs-demo.csv
	$(DEV) $(MANAGE) import_tvs var/tvs-demo.csv --source demo --version-tvs demo
	$(DEV) $(MANAGE) demo_comptes
	$(DEV) $(MANAGE) demo_zonage
	$(DEV) $(MANAGE) demo_cls
	$(DEV) $(MANAGE) demo_cpts
	$(DEV) $(MANAGE) demo_financements
	$(DEV) $(MANAGE) demo_registres
	$(DEV) $(MANAGE) demo_indicateurs
	$(DEV) $(MANAGE) recalculer_indicateurs --precedent
	$(DEV) $(MANAGE) demo_feuilles_de_route
	$(DEV) $(MANAGE) demo_acces_soins
	$(DEV) $(MANAGE) ouvrir_region $(REGION) --sans-invitation
	@# Second demo région (Bretagne): real geography, FICTITIOUS programmes; France's simplified contours, then the
	@# reference région's detailed ones again on top.
	$(DEV) $(MANAGE) import_territoires --region 53
	$(DEV) $(MANAGE) import_contours data/geo/regions-version-simplifiee.geojson --niveau region
	$(DEV) $(MANAGE) import_contours data/geo/departements-version-simplifiee.geojson --niveau departement
	$(DEV) $(MANAGE) import_contours data/geo/region-centre-val-de-loire.geojson --niveau region
	$(DEV) $(MANAGE) import_contours data/geo/departements-centre-val-de-loire.geojson --niveau departement
	$(DEV) $(MANAGE) ouvrir_region 53 --gestionnaire siege-bretagne@demo.ars.fr
	$(DEV) $(MANAGE) demo_bretagne

resetdb: ## Delete the demo database (the next `make demo` rebuilds it)
	rm -f var/demo.sqlite3

runserver: venv ## Serve the portal on the current database without reloading data
	$(DEV) $(MANAGE) runserver 127.0.0.1:$(PORT)

worker: venv ## Run a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2

beat: venv ## Run Celery beat with the database scheduler (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler

quality: venv-dev node ## Lint (ruff, djlint), migrations and deploy checks, docker-compose schema
	@mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null
	scripts/check-deploy.sh
	scripts/check-compose.sh

fix: venv-dev ## Apply the formatters
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

BENCH_SCALE ?= national
bench-data: venv-dev ## Build the FICTITIOUS benchmark data set on DATABASE_URL, migrated and empty (BENCH_SCALE=national|region|smoke)
	$(PY) -m bench.dataset --scale $(BENCH_SCALE) --migrate

bench: venv-dev node ## Pages and API under gunicorn vs bare references (bench/results/latest.md), bilan PDF, import; asserts nothing
	$(PY) bench/run.py
	$(PY) bench/bilan.py
	$(PY) bench/simulateur.py
	$(PY) bench/bilans_regions.py
	$(PY) bench/import_territoires.py
