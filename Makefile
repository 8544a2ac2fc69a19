# Candor — `make run` serves the product on the embedded defaults; `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEBIAN_PACKAGES := fonts-noto-cjk espeak-ng sox ffmpeg chromium

.PHONY: install run test bench seed clean-data mutation

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@# torch first, pinned: left to itself pip may pick a multi-GB CUDA build for sentence-transformers.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test,knowledge,media]'
	@# Debian packages the tests need (skipped when present or not Debian): a CJK font for the Chinese report
	@# chart, espeak-ng/sox/ffmpeg for real speech, chromium for the candidate-page browser test.
	@MISSING=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if command -v apt-get >/dev/null 2>&1 && [ -n "$$MISSING" ]; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$MISSING; fi
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python app.py db upgrade
	$(BIN)/python app.py seed --if-empty
	$(BIN)/python app.py index
	$(BIN)/python app.py serve

test: install
	@# The layers (docs/architecture.md): a back edge between folders fails here, before the tests run.
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

# promptfoo itself, pinned, for the conformance tests (tests/test_conformance.py run every evals/conformance config
# in both runners); without npm or the registry the tests print why and skip the promptfoo runs.
PROMPTFOO_VERSION := 0.121.20
PROMPTFOO_STAMP   := .promptfoo/.installed-$(PROMPTFOO_VERSION)
.PHONY: promptfoo
$(PROMPTFOO_STAMP):
	@if command -v npm >/dev/null 2>&1 && npm install --prefix .promptfoo --no-audit --no-fund --loglevel=error \
		promptfoo@$(PROMPTFOO_VERSION); then touch $@; \
	else echo "promptfoo $(PROMPTFOO_VERSION) not installed (npm missing or unreachable): its conformance runs will be skipped"; fi

promptfoo: $(PROMPTFOO_STAMP)

test: promptfoo

bench: install
	$(BIN)/python bench/stats_turns.py
	$(BIN)/python bench/understanding.py
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/media_pipeline.py

seed: install
	$(BIN)/python app.py db upgrade
	$(BIN)/python app.py seed

clean-data:
	rm -rf data/

.PHONY: eval
eval: install
	$(BIN)/python app.py eval evals/suites/ --output data/eval-run.json
	@# The planner's understanding on the held-out NLU split (evals/nlu/test.yaml): a regression fails CI.
	$(BIN)/python app.py eval nlu --min-accuracy 0.90
	@# Another company's messages, routed with its own imported roles and metrics (evals/nlu/companies/).
	$(BIN)/python app.py nlu company evals/nlu/companies/harbor --min-accuracy 0.90
	$(BIN)/python app.py nlu company evals/nlu/companies/meridian --min-accuracy 0.90

# The whisperx speech engine in its own environment: whisperx pins torch~=2.8, the main environment has 2.13.
# torch 2.8.0 comes first and alone; on PyPI it is the CUDA build (~3.5 GB of nvidia-* wheels; it runs on CPU).
# The knowledge extra is left out: it pins torch 2.13 and the whisperx tests do not need it.
WX_VENV := .venv-whisperx
.PHONY: test-whisperx
$(WX_VENV)/.installed: pyproject.toml
	@test -x $(WX_VENV)/bin/python || $(PYTHON) -m venv $(WX_VENV)
	$(WX_VENV)/bin/python -m pip install -q --upgrade pip
	$(WX_VENV)/bin/python -m pip install -q torch==2.8.0 torchaudio==2.8.0
	$(WX_VENV)/bin/python -m pip install -q -e '.[test,media,whisperx]'
	@touch $@

test-whisperx: $(WX_VENV)/.installed
	$(WX_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_whisperx.py

# The mutation score of the modules that compute what users see ([tool.mutmut] in pyproject.toml):
# about 25 minutes on 2 cores, so not part of `make test`; the figures are in docs/mutation.md.
mutation: install
	$(BIN)/python -m pip install -q 'mutmut==3.8.1'
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python evals/mutation_score.py --min 80
