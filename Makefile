# SLA Workbench — developer entry points. Only Python 3.11+ is needed beforehand.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test test-fast properties faults bench lint format clean screenshots package package-check translations

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("SLA Workbench needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,lint,postgres]'
	touch $@ $(VENV)/.installed-run

## run: open the workbench (creates a demo workspace the first time)
run: $(VENV)/.installed-run
	$(BIN)/python -m slaworkbench --demo-if-empty $(ARGS)

# The tests' temporary files (their workspaces) on a RAM disk when there is one with room:
# on a disk the suite waits on file syncs for about a fifth of its time (docs/DEVELOPING.md).
TEST_TMPDIR = $(shell avail=$$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $$4 }'); \
	[ -w /dev/shm ] && [ "$${avail:-0}" -gt 2000000 ] && echo /dev/shm)
TEST_ENV = QT_QPA_PLATFORM=offscreen $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR))

## test: the whole suite, headless (a test still running after 10 minutes fails with
## every thread's stack, instead of holding the run until CI's own limit)
test: $(VENV)/.installed-test
	$(TEST_ENV) HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -n 2 --durations=30 --timeout=600 $(PYTEST_ARGS)

## test-fast: the suite with fewer property examples, for quick feedback
test-fast: $(VENV)/.installed-test
	$(TEST_ENV) HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

## properties: the property tests at twenty times make test's examples, new ones each run
## (hypothesis profile "long"; 16.5 min on two cores without PostgreSQL, 2026-12-06)
properties: $(VENV)/.installed-test
	$(TEST_ENV) HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -n 2 -q --timeout=3600 tests/unit tests/fuzz $(PYTEST_ARGS)

## faults: the long fault-injection run (kill -9 at 120 random points; see docs/RELIABILITY.md),
## then the 60 s concurrency test (both engines when SLAWORKBENCH_TEST_POSTGRES is set)
faults: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen SLAWORKBENCH_FAULTS=long $(BIN)/python -m pytest -m faults -n 0 -rxXs -q tests/faults $(PYTEST_ARGS)
	QT_QPA_PLATFORM=offscreen SLAWORKBENCH_CONCURRENCY_SECONDS=60 $(BIN)/python -m pytest -n 0 -rxXs -q tests/integration/test_concurrency.py $(PYTEST_ARGS)

## bench: scale benchmarks (not part of the test suite)
bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks $(BENCH_ARGS)

## screenshots: regenerate docs/screenshots with every tests/screenshots/make_*.py, headless
screenshots: $(VENV)/.installed-run
	for script in tests/screenshots/make_*.py; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.screenshots.$$(basename $$script .py) || exit 1; \
	done

## package: PyInstaller one-folder bundle in dist/slaworkbench/ (+ a tarball on Linux)
package: dist/.bundle-built

$(VENV)/.installed-package: $(VENV)/.installed-run
	$(PIP) install 'pyinstaller>=6.10'
	touch $@

dist/.bundle-built: pyproject.toml $(shell find src/slaworkbench packaging -type f -not -path '*/__pycache__/*') | $(VENV)/.installed-package
	PYTHON=$(BIN)/python packaging/build.sh
	touch $@

## package-check: run the frozen program headless (version, demo, report, window) and
## validate the desktop entry and AppStream metainfo (Debian: desktop-file-utils, appstream)
package-check: dist/.bundle-built
	$(BIN)/python packaging/check_bundle.py

## lint: ruff, mypy --strict on every package, import-linter contracts, and the
## translation checks (no user-visible literal outside tr(); no unfinished or obsolete entry)
lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m tools.i18n.check_literals
	$(BIN)/python -m tools.i18n.translations check

## translations: pyside6-lupdate over src/ into resources/translations/*.ts, fill them from
## tools/i18n/tables, pyside6-lrelease into the .qm files the program loads (committed, so
## installing needs nothing but the Python packages); see docs/TRANSLATING.md
translations: $(VENV)/.installed-run
	$(BIN)/python -m tools.i18n.translations update

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
