# Trama — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export TRAMA_DEMO_PASSWORD ?= trama-demo-2026

.PHONY: run test lint install vendor messages clean bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	# The static files as production serves them (WhiteNoise): compressed, hashed names, cached for good.
	$(PY) manage.py collectstatic --noinput -v0
	@echo ""
	@echo "  Trama: http://127.0.0.1:$(PORT)/"
	@echo "  Utenti dimostrativi (password: $(TRAMA_DEMO_PASSWORD)):"
	@echo "    rt, amministrativo, coach, casemanager, casemanager2, educatore, psicologo, insegnante,"
	@echo "    tutor, ets, volontario, genitore, educatore2; configurazione (Django admin): admin"
	@echo "  Portale della famiglia (genitore, Famiglia Hassan): http://127.0.0.1:$(PORT)/famiglia/"
	@echo "  Secondo ambito (Melzo): gli stessi nomi con .melzo (rt.melzo, casemanager.melzo, genitore.melzo...)"
	@echo ""
	# DEBUG stays off, as in production: a family outside your scope answers the real 404 page.
	# A worker runs the background exports beside the server and stops with it.
	$(PY) manage.py db_worker --no-startup-delay >/dev/null 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	TRAMA_DEMO_MODE=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run -v0

# PYTEST_WORKERS: pytest-xdist processes, one per core up to 4 (0 runs in one process); each gets its own test
# databases. PYTEST_ARGS goes to pytest as is: make test PYTEST_ARGS="--today=2027-01-01T00:10 -x".
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -gt 4 ] && n=4; [ $$n -lt 2 ] && n=0; echo $$n)
PYTEST_ARGS ?=
test: lint
	$(PY) -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The benchmark (not part of `make test`): gunicorn on PostgreSQL with a region of data, driven by locust.
# BENCH_FAMILIES (100000), BENCH_USERS (1,8,32), BENCH_SECONDS (15), DATABASE_URL (.../trama_bench): see bench/README.md.
bench: install
	$(PY) bench/run.py

# Refresh static/vendor/ from the npm packages pinned in package.json (needs Node; run rarely).
vendor:
	bash scripts/vendor.sh

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
