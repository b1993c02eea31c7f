# `make run` and `make test` each set everything up first; both are idempotent.
VENV   := .venv
PYTHON := $(VENV)/bin/python
SETUP  := $(VENV)/.installed
WHEELHOUSE := build/wheelhouse/.downloaded
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: run test setup lock truth fuzz clean vsix test-client test-e2e test-jupyter

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
VSIX    := shapelens-$(VERSION).vsix
NODE    := node_modules/.installed
LIBS    := build/bundled-libs.installed
# The shared code-server + Chromium installer (beside every clone and in CI); cached after one run.
E2E_SETUP := ../shared/editor-e2e/setup-code-server.sh

setup: $(SETUP) $(WHEELHOUSE)

# Every dependency comes from the hash-pinned locks in requirements/ (`make lock` refreshes them).
# The editable install builds without isolation, with the pinned setuptools.
$(SETUP): pyproject.toml requirements/test.txt requirements/keras2.txt requirements/keras-previous.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --require-hashes -r requirements/test.txt
	$(PYTHON) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements/keras2.txt
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps --target $(VENV)/keras-previous \
	  -r requirements/keras-previous.txt
	touch $(SETUP)

# What the pre-commit hook's own environment installs, for its test to run offline: the server's
# dependencies and the build backend (setuptools, as pinned in test.txt).
$(WHEELHOUSE): requirements/bundle.txt requirements/test.txt | $(SETUP)
	rm -rf build/wheelhouse
	awk '/^setuptools==/ {p = 1; print; next} p && /^ / {print; next} {p = 0}' requirements/test.txt | \
	  $(PYTHON) -m pip download --quiet --no-deps --require-hashes --only-binary :all: --dest build/wheelhouse \
	  -r requirements/bundle.txt -r /dev/stdin
	touch $(WHEELHOUSE)

# Re-resolve every lock to the newest releases pyproject allows, reinstall, and re-record the
# corpus truth under the Keras now pinned.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --upgrade --generate-hashes --no-header
lock: $(SETUP)
	$(UV_COMPILE) --python-version 3.11 --extra test pyproject.toml requirements/test.in -o requirements/test.txt
	$(UV_COMPILE) --python-version 3.11 --no-deps requirements/keras2.in -o requirements/keras2.txt
	$(UV_COMPILE) --python-version 3.11 --no-deps requirements/keras-previous.in -o requirements/keras-previous.txt
	$(UV_COMPILE) --python-version 3.10 --only-binary :all: pyproject.toml -o requirements/bundle.txt
	$(UV_COMPILE) --python-version 3.11 pyproject.toml requirements/jupyter.in -o requirements/jupyter.txt
	rm -rf $(VENV)
	$(MAKE) --no-print-directory truth

# Check the examples; exit status 1 (errors found) is the expected outcome here.
run: $(SETUP)
	$(VENV)/bin/shapelens check examples/; status=$$?; [ $$status -le 1 ]
	$(MAKE) --no-print-directory vsix

test: $(SETUP) $(WHEELHOUSE)
	$(PYTHON) -m pytest
	$(MAKE) --no-print-directory test-client test-e2e test-jupyter

# ---- VS Code extension -------------------------------------------------------------------------

vsix: $(VSIX)

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE)

out/extension.js: $(NODE) client/build.mjs $(wildcard client/src/*.ts client/src/graphview/*)
	npm run --silent build

# The server's Python dependencies (pinned in requirements/bundle.txt, resolved for the oldest
# Python it supports; all are pure Python) and shapelens itself.
$(LIBS): requirements/bundle.txt $(shell find server/shapelens -name '*.py') | $(SETUP)
	rm -rf bundled/libs build/wheels
	$(PYTHON) -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir build/wheels .
	$(PYTHON) -m pip install --quiet --target bundled/libs --python-version 3.10 --only-binary=:all: \
	  --no-compile --require-hashes -r requirements/bundle.txt
	$(PYTHON) -m pip install --quiet --target bundled/libs --no-deps --no-compile \
	  build/wheels/shapelens-$(VERSION)-py3-none-any.whl
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

# ---- JupyterLab ---------------------------------------------------------------------------------

# JupyterLab, jupyterlab-lsp and shapelens (editable; its dependencies come from the same lock) in an
# environment of their own, as `pip install shapelens jupyterlab jupyterlab-lsp` makes it: no
# TensorFlow, and the test environment's packages stay as they are.
JUPYTER_VENV  := .venv-jupyter
JUPYTER_SETUP := $(JUPYTER_VENV)/.installed

$(JUPYTER_SETUP): pyproject.toml requirements/jupyter.txt
	python3 -m venv $(JUPYTER_VENV)
	$(JUPYTER_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/jupyter.txt
	$(JUPYTER_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(JUPYTER_SETUP)

test-jupyter: $(JUPYTER_SETUP)
	bash $(E2E_SETUP)
	node tests/e2e/jupyterlab.mjs --python $(JUPYTER_VENV)/bin/python

# Latency and memory through a real language server, next to the targets (bench/run.py).
.PHONY: bench
bench: $(SETUP)
	$(PYTHON) bench/run.py

# Regenerate the corpus ground truth by running every corpus program under TensorFlow.
truth: $(SETUP)
	$(PYTHON) tests/corpus/make_truth.py
	$(PYTHON) tests/keras2/make_truth.py

# The long run: property tests and fuzzers explore fresh random cases, many more of them.
fuzz: $(SETUP)
	SHAPELENS_LONG_FUZZ=1 $(PYTHON) -m pytest tests/engine tests/reliability

clean:
	rm -rf $(VENV) $(JUPYTER_VENV) build server/*.egg-info node_modules out bundled/libs $(VSIX)
