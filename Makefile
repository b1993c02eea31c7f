# `make run` and `make test` each set everything up first; both are idempotent.
VENV   := .venv
PYTHON := $(VENV)/bin/python
SETUP  := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: run test setup truth clean

setup: $(SETUP)

# Re-install only when the project's dependencies change.
$(SETUP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(SETUP)

# Check the examples; exit status 1 (errors found) is the expected outcome here.
run: $(SETUP)
	$(VENV)/bin/shapelens check examples/; status=$$?; [ $$status -le 1 ]

test: $(SETUP)
	$(PYTHON) -m pytest

# Regenerate the corpus ground truth by running every corpus program under TensorFlow.
truth: $(SETUP)
	$(PYTHON) tests/corpus/make_truth.py

clean:
	rm -rf $(VENV) build server/*.egg-info
