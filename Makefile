# `make run` and `make test` each set everything up first; both are idempotent.
VENV   := .venv
PYTHON := $(VENV)/bin/python
SETUP  := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: run test setup truth clean vsix test-client test-e2e

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
VSIX    := shapelens-$(VERSION).vsix
NODE    := node_modules/.installed
LIBS    := build/bundled-libs.installed
# The shared code-server + Chromium installer (beside every clone and in CI); cached after one run.
E2E_SETUP := ../shared/editor-e2e/setup-code-server.sh

setup: $(SETUP)

# Re-install only when the project's dependencies change.
$(SETUP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	# Keras 2, to test the engine's Keras 2 mode against (tests/keras2/). Without its declared
	# dependency: it would pull the full `tensorflow` package over the tensorflow-cpu we test with.
	$(PYTHON) -m pip install --quiet --no-deps tf-keras==2.21.0
	touch $(SETUP)

# Check the examples; exit status 1 (errors found) is the expected outcome here.
run: $(SETUP)
	$(VENV)/bin/shapelens check examples/; status=$$?; [ $$status -le 1 ]
	$(MAKE) --no-print-directory vsix

test: $(SETUP)
	$(PYTHON) -m pytest
	$(MAKE) --no-print-directory test-client test-e2e

# ---- VS Code extension -------------------------------------------------------------------------

vsix: $(VSIX)

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE)

out/extension.js: $(NODE) client/build.mjs $(wildcard client/src/*.ts)
	npm run --silent build

# The server's Python dependencies and shapelens itself, from pyproject, for the oldest Python it
# supports (all are pure Python). pip evaluates environment markers for the interpreter running
# it, not for --python-version, so the backport that 3.10 needs (for cattrs) is named here.
$(LIBS): pyproject.toml $(shell find server/shapelens -name '*.py') | $(SETUP)
	rm -rf bundled/libs build/wheels
	$(PYTHON) -m pip wheel --quiet --no-deps --wheel-dir build/wheels .
	$(PYTHON) -m pip install --quiet --target bundled/libs --python-version 3.10 --only-binary=:all: \
	  --no-compile build/wheels/shapelens-$(VERSION)-py3-none-any.whl exceptiongroup
	rm -rf bundled/libs/bin
	@# jedi only locates workspace modules for the server: it needs none of the stubs it ships for
	@# third-party packages and Django (4,800 of the 5,900 files; without them it finds the same).
	rm -rf bundled/libs/jedi/third_party/typeshed/stubs bundled/libs/jedi/third_party/django-stubs
	touch $(LIBS)

# --allow-missing-repository and --skip-license: vsce would otherwise stop at a y/N prompt;
# README links stay relative (there is no public repository URL to rewrite them to). Bytecode
# left by running the launcher from the work tree is not packed (.vscodeignore cannot exclude
# inside the libraries it includes).
$(VSIX): out/extension.js $(LIBS) package.json README.md .vscodeignore bundled/tool/launch.py client/images/icon.png
	find bundled/libs -name __pycache__ -prune -exec rm -rf {} +
	npx vsce package --no-dependencies --allow-missing-repository --skip-license \
	  --no-rewrite-relative-links --out $(VSIX)

test-client: $(NODE)
	npm run --silent typecheck
	npm run --silent lint
	npm run --silent test:unit

test-e2e: $(VSIX)
	bash $(E2E_SETUP)
	node tests/e2e/run.mjs --vsix $(VSIX) --python $(abspath $(PYTHON))

# Latency and memory through a real language server, next to the targets (bench/run.py).
.PHONY: bench
bench: $(SETUP)
	$(PYTHON) bench/run.py

# Regenerate the corpus ground truth by running every corpus program under TensorFlow.
truth: $(SETUP)
	$(PYTHON) tests/corpus/make_truth.py

clean:
	rm -rf $(VENV) build server/*.egg-info node_modules out bundled/libs $(VSIX)
