# Developer entry points. On a fresh machine use scripts/run.sh and scripts/test.sh (they install system packages
# first, then call these targets).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TS := resources/i18n/caseworker_fr.ts
QM := resources/i18n/caseworker_fr.qm
UI_SOURCES := $(shell find caseworker/ui -name '*.py') caseworker/app.py
STAMP := $(VENV)/.installed

.PHONY: run install translations lupdate test lint typecheck pytest keyring-test bench screenshots migration clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) translations

$(QM): $(TS) | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

## Refresh the French catalogue from the sources (then translate the new entries in the .ts).
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -ts $(TS) -no-obsolete -locations none

run: install
	$(BIN)/caseworker

lint: $(STAMP)
	$(BIN)/ruff check caseworker tests benchmarks scripts migrations
	$(BIN)/ruff format --check caseworker tests benchmarks scripts migrations

typecheck: $(STAMP)
	$(BIN)/mypy

## Two workers (each with its own throwaway PostgreSQL server), then the tests that measure a duration, alone.
pytest: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 -m "not real_keyring and not timing"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "timing and not real_keyring" -p no:cacheprovider

## The real Secret Service test, in a private D-Bus session with an unlocked gnome-keyring.
## (gnome-keyring keeps its files under a throw-away XDG_DATA_HOME, never in the real profile.)
keyring-test: install
	XDG_DATA_HOME=$$(mktemp -d) dbus-run-session -- sh -c \
		'printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m real_keyring -p no:cacheprovider'

test: lint typecheck pytest keyring-test

## Benchmarks on a 10,000-household demo database, with the real Secret Service (as on a laptop).
bench: install
	XDG_DATA_HOME=$$(mktemp -d) dbus-run-session -- sh -c \
		'printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks'

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/board_screenshots.py docs/screenshots/1366x768
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/export_screenshots.py docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/aftercare_screenshots.py docs/screenshots

migration: $(STAMP)
	$(BIN)/python scripts/new_migration.py "$(m)"

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache $(QM) caseworker/_bundled
