# The README's commands. `make run` and `make test` set up everything on a fresh machine.
# DATABASE_URL=postgres://user@host:5432/name switches both to PostgreSQL.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

# First Python >= 3.12 found: $PYTHON, python3.14..python3.12, python3, then pyenv's versions.
FIND_PYTHON := for p in "$$PYTHON" python3.14 python3.13 python3.12 python3 \
	$$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python 2>/dev/null); do \
	[ -n "$$p" ] && command -v "$$p" >/dev/null 2>&1 \
	&& "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v "$$p"; exit 0; }; \
	done; exit 1

.PHONY: run test mutate install lint format migrations-check messages check bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Removing $(VENV): it was made with a Python older than 3.12."; rm -rf $(VENV); fi
	@if [ ! -x $(PY) ]; then \
		py=$$($(FIND_PYTHON)) || { echo "Error: Python 3.12 or newer is needed (Django 6.1)." \
			"None was found; install one or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; }; \
		echo "Creating $(VENV) with $$py ($$($$py --version))"; \
		"$$py" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py ensure_database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py runserver 127.0.0.1:8000

# The suite with branch coverage, reported for the modules that carry the rules; each of them
# must stay at 95 % or more (figures: docs/testing.md). The roster's COPY path
# (roster/copy.py) runs on PostgreSQL only: it counts in the run on PostgreSQL.
COVERED := recruitment/rules.py,recruitment/workdays.py,recruitment/roster/*,recruitment/services.py
COVERED_95 := recruitment/rules.py recruitment/workdays.py recruitment/services.py \
	$(filter-out %/__init__.py,$(wildcard recruitment/roster/*.py))
ifeq ($(findstring postgres,$(DATABASE_URL)),)
COVERED_95 := $(filter-out recruitment/roster/copy.py,$(COVERED_95))
endif

test: install
	$(PY) -m pytest --cov=recruitment --cov-branch --cov-report= $(PYTEST_ARGS)
	$(VENV)/bin/coverage report --include='$(COVERED)' --no-skip-covered
	@for module in $(COVERED_95); do \
		$(VENV)/bin/coverage report --include=$$module --fail-under=95 >/dev/null \
		|| { echo "$$module is under 95 % branch coverage." >&2; exit 1; }; \
	done; echo "Each of these modules is at 95 % branch coverage or more."

# Mutation testing of the modules that carry the rules and the figures, one module at a time
# against its own tests, one mutant at a time (slow: minutes per module, not for every CI run).
# `make mutate MUTATE=recruitment/rules.py` runs one. Figures and the surviving mutants:
# docs/testing.md; the modules and their tests: scripts/mutate.py.
mutate: install
	$(PY) scripts/mutate.py $(MUTATE)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the Vietnamese catalogue from the source strings and compile it (needs gettext).
messages: install
	$(PY) manage.py makemessages --locale vi --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'benchmarks/*'
	$(PY) manage.py compilemessages --locale vi --ignore '.venv/*'

check: lint migrations-check test

BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): requirements-bench.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $(BENCH_STAMP)

bench: install $(BENCH_STAMP)
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache mutants .coverage .hypothesis
