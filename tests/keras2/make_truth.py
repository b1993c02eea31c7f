"""Produce the Keras 2 ground truth: the corpus programs and seed examples, run under tf-keras.

With TF_USE_LEGACY_KERAS=1, `tensorflow.keras` is Keras 2 (the `tf-keras` package), so every
program written against `tensorflow.keras` runs under Keras 2 unchanged. Programs that import
`keras` itself (directly or through a `lib/` helper) stay Keras 3 and are left out.

Each program runs in a fresh subprocess exactly as `tests/corpus/make_truth.py` runs it (same
traceback parsing, same record per file); the result is written to `tests/keras2/truth.json`,
keyed by `corpus/<name>` and `seed/<name>`. Run it from the repository root with::

    .venv/bin/python tests/keras2/make_truth.py
"""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
TRUTH_FILE = HERE / "truth.json"
SOURCES = {"corpus": TESTS / "corpus" / "programs", "seed": TESTS / "fixtures" / "seed"}

# The corpus script's runner, loaded by path: both scripts are called make_truth.
_spec = importlib.util.spec_from_file_location("corpus_make_truth", TESTS / "corpus" / "make_truth.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def uses_keras_3(path: Path) -> bool:
    """The program imports `keras` (Keras 3 whatever the environment says), itself or via lib/."""
    for module in imported_modules(path):
        if module == "keras" or module.startswith("keras."):
            return True
        helper = path.parent / (module.replace(".", "/") + ".py")
        if module.startswith("lib.") and helper.is_file() and uses_keras_3(helper):
            return True
    return False


def programs() -> dict[str, Path]:
    """Every tensorflow.keras program, keyed as in truth.json."""
    return {f"{group}/{path.name}": path
            for group, directory in SOURCES.items()
            for path in sorted(directory.glob("*.py")) if not uses_keras_3(path)}


def main() -> int:
    os.environ["TF_USE_LEGACY_KERAS"] = "1"  # inherited by every program's subprocess
    selected = programs()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=corpus.PARALLEL_JOBS) as pool:
        runs = dict(zip(selected, pool.map(corpus.run_program, selected.values())))
    truth = {key: runs[key]["truth"] for key in sorted(runs)}
    TRUTH_FILE.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
    errors = sum(t["outcome"] == "error" for t in truth.values())
    print(f"ran {len(truth)} programs under Keras 2 in {time.monotonic() - started:.1f} s: "
          f"{errors} raised, {len(truth) - errors} ran clean")
    timed_out = [key for key, run in runs.items() if run["timed_out"]]
    for key in timed_out:
        print(f"  TIMEOUT {key}")
    return 1 if timed_out else 0


if __name__ == "__main__":
    sys.exit(main())
