# newsdesk — the commands a newcomer needs.  `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := $(CURDIR)/.demo/newsdesk.db

.PHONY: setup demo test lint typecheck bench bench-web eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres,scale]'
	touch $(STAMP)

demo: setup
	rm -rf .demo && mkdir -p .demo
	$(BIN)/newsdesk ingest examples/ --db sqlite:///$(DEMO_DB)
	$(BIN)/newsdesk articles --db sqlite:///$(DEMO_DB)
	$(BIN)/newsdesk analyze examples/scraped/summit-watch.txt
	$(BIN)/newsdesk stories --db sqlite:///$(DEMO_DB) --format table
	@if $(BIN)/newsdesk timeline --help >/dev/null 2>&1; then \
	  $(BIN)/newsdesk timeline --db sqlite:///$(DEMO_DB) --actor USA --actor PRK; \
	else echo "(newsdesk timeline is not in this version)"; fi
	$(BIN)/newsdesk flags --db sqlite:///$(DEMO_DB) --min-severity medium
	$(BIN)/newsdesk brief "North Korea summit" --db sqlite:///$(DEMO_DB) --out .demo/brief.html
	@echo "briefing: $(CURDIR)/.demo/brief.html"

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_scale.py $(BENCH_ARGS)

eval: setup
	$(PYTHON) tools/eval/run_all.py

clean:
	rm -rf $(VENV) .demo build *.egg-info

# load test of `newsdesk serve` on loopback (docs/web.md); not part of `make test`
bench-web: setup
	$(BIN)/python benchmarks/bench_web.py
