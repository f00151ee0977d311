# The two front doors: `make report` and `make test`. Both set everything up on a fresh machine that
# has only Python 3.11+ and make: a virtual environment in .venv, the package and its tools.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
REPORT ?=
OUT    ?= reports

.PHONY: report test install bench march-bench accuracy notebooks clean-outputs help

help:
	@echo "make report   run every notebook on the reports in data/raw/ and export HTML to $(OUT)/"
	@echo "make test     run the test suite (pytest, doctests, nbval over notebooks/)"
	@echo "make bench    run the speed/memory benchmark (bench/)"
	@echo "make march-bench  time zjtext run on 22 reports in one session against one report alone (needs shared/)"
	@echo "make accuracy score metric extraction against the gold annotation"
	@echo "make notebooks sync notebooks/*.ipynb with their source zjtext/notebooks/*.py (jupytext) and execute them"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11+ is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Reports whose input, zjtext and notebooks are unchanged are reused; `make report FORCE=1` redoes them;
# `make report PRUNE=1` removes the folders of reports no longer in data/raw/.
# One worker per core (zjtext run's default --jobs), each keeping its kernels from one report to the next.
report: $(STAMP)
	$(BIN)/zjtext run $(REPORT) --out $(OUT) $(if $(FORCE),--force,) $(if $(PRUNE),--prune,)

# The checkout's data/processed/ and reports/ must be exactly as they were after the tests and nbval.
test: $(STAMP)
	@snap=$$(mktemp) && $(BIN)/python tools/outputs_snapshot.py > $$snap && \
	$(BIN)/python -m pytest -q && \
	$(BIN)/python -m pytest -q -p no:cacheprovider --nbval notebooks/ --nbval-sanitize-with tests/nbval_sanitize.cfg && \
	{ $(BIN)/python tools/outputs_snapshot.py | diff $$snap - >/dev/null \
	  || { echo "error: make test changed data/processed/ or reports/"; rm -f $$snap; exit 1; }; } && rm -f $$snap

notebooks: $(STAMP)
	$(BIN)/python tools/build_notebooks.py

bench: $(STAMP)
	$(BIN)/python bench/stage_times.py
	@# every benchmark runs even when one misses a target; make fails at the end if any did
	status=0; \
	$(BIN)/python bench/run_bench.py $(if $(BASELINE),--baseline $(BASELINE)) || status=1; \
	$(BIN)/python bench/run_report_bench.py || status=1; \
	exit $$status

# The March run: N distinct reports (shared/corpus) in one session against one report alone; several minutes.
march-bench: $(STAMP)
	$(BIN)/python bench/march_bench.py

accuracy: $(STAMP)
	$(BIN)/python bench/accuracy.py

clean-outputs:
	rm -rf $(OUT) data/processed/*/
