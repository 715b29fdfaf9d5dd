PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install system-packages run test check migrate seed worker beat clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: system-packages $(STAMP)

# Debian packages of debian-packages.txt (PDF rendering, fonts): installed when missing, as root or with sudo.
system-packages:
	@missing=$$(for p in $$(grep -v '^#' debian-packages.txt); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# axe-core for the browser tests' accessibility checks, pinned by tests/browser/package-lock.json;
# read from disk by the tests only, never served by the application.
AXE := tests/browser/node_modules/axe-core/axe.min.js

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $(AXE)

test: install $(AXE)
	$(BIN)/python -m pytest -n auto

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# A worker that exits on its own (an error it cannot recover from) is started again after 5 s;
# Ctrl-C ends it (exit status 0) and stops the loop.
worker: install
	until $(BIN)/celery -A config worker --loglevel=info; do \
		echo "worker berhenti (status $$?); dijalankan lagi dalam 5 detik" >&2; sleep 5; \
	done

beat: install
	$(BIN)/celery -A config beat --loglevel=info

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
