"""Produce the Keras 2 ground truth: the corpus programs and seed examples, run under tf-keras.

With TF_USE_LEGACY_KERAS=1, `tensorflow.keras` is Keras 2 (the `tf-keras` package), so every
program written against `tensorflow.keras` runs under Keras 2 unchanged. Programs that import
`keras` itself (directly or through a `lib/` helper) stay Keras 3 and are not run; programs that
fail under Keras 2 only because they use an API Keras 2 lacks (`keras.ops`, `keras.random`) are
left out of the truth.

Each program runs in a fresh subprocess (cwd a temp dir, `programs/` on PYTHONPATH, as
`tests/corpus/make_truth.py` does) with its `try` statements unwrapped: the seed examples catch
their errors and print them, and the engine reports an error whether or not it is caught. The
record per file is the corpus's (`outcome`, `error_type`, `line`, `cause_lines`) with two changes
for Keras 2's tracebacks: `message` is the innermost error's first line (Keras 2 wraps errors in
"in user code:" and "Exception encountered when calling layer ..." paragraphs), and
`message_lines` are the program lines the message itself names (errors inside a traced `call()`
appear there, not in the traceback). Keys are `corpus/<name>` and `seed/<name>`. Run it from the
repository root with::

    .venv/bin/python tests/keras2/make_truth.py
"""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
TRUTH_FILE = HERE / "truth.json"
SOURCES = {"corpus": TESTS / "corpus" / "programs", "seed": TESTS / "fixtures" / "seed"}

# The corpus script's traceback parsing, loaded by path: both scripts are called make_truth.
_spec = importlib.util.spec_from_file_location("corpus_make_truth", TESTS / "corpus" / "make_truth.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

# Paragraphs Keras 2 and TensorFlow wrap around the error that matters.
_WRAPPER = re.compile(r"(in user code:|Exception encountered when calling .*|Graph execution error:|"
                      r"Detected at node .*|Call arguments received by .*|•.*|\[\[.*)$")
_ERROR_PREFIX = re.compile(r"^[\w.]*(Error|Exception): ")
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')


def exception_text(stderr: str) -> str:
    """The text of the exception that escaped: from its header line to the end."""
    lines = corpus.ANSI_ESCAPE.sub("", stderr).splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    body = lines[starts[-1] + 1:] if starts else lines
    header = next((i for i, line in enumerate(body) if line.strip() and not line.startswith(" ")), len(body))
    return "\n".join(body[header:])


def core_message(text: str) -> str | None:
    """The first line of the innermost error, past Keras 2's wrappers and quoted frames."""
    after_frame = False
    for raw in text.splitlines():
        line = _ERROR_PREFIX.sub("", raw.strip())
        quoted, after_frame = after_frame, line.startswith('File "')
        if line and not (quoted or after_frame or _WRAPPER.match(line)):  # quoted: the frame's source line
            return line
    return None


def message_lines(text: str, program: Path) -> list[int]:
    target = os.path.realpath(program)
    return sorted({int(m["line"]) for m in _FRAME.finditer(text) if os.path.realpath(m["file"]) == target})


def uses_keras_3(path: Path) -> bool:
    """The program imports `keras` (Keras 3 whatever the environment says), itself or via lib/."""
    for node in ast.walk(ast.parse(path.read_text())):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
            [node.module] + [f"{node.module}.{alias.name}" for alias in node.names] \
            if isinstance(node, ast.ImportFrom) and node.module else []
        for name in names:
            helper = path.parent / (name.replace(".", "/") + ".py")
            if name.split(".")[0] == "keras" or (name.startswith("lib.") and helper.is_file()
                                                 and uses_keras_3(helper)):
                return True
    return False


def keras_3_only_api(truth: dict) -> bool:
    """The program failed because Keras 2 lacks an API it uses (`from tensorflow.keras import ops`)."""
    return truth["error_type"] == "ImportError" or (
        truth["error_type"] == "AttributeError" and (truth["message"] or "").startswith("module '"))


def programs() -> dict[str, Path]:
    return {f"{group}/{path.name}": path
            for group, directory in SOURCES.items()
            for path in sorted(directory.glob("*.py")) if not uses_keras_3(path)}


def run_program(program: Path) -> dict:
    pythonpath = os.pathsep.join(filter(None, [str(SOURCES["corpus"]), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="",
               PYTHONPATH=pythonpath)
    with tempfile.TemporaryDirectory(prefix="shapelens-keras2-") as workdir:
        os.symlink(corpus.DATA_DIR, os.path.join(workdir, "data"))  # relative data paths work as written
        proc = subprocess.run([sys.executable, __file__, "--run", str(program)], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=corpus.TIMEOUT_SECONDS)
    truth = {"outcome": "ok", "error_type": None, "message": None, "line": None, "message_lines": []}
    if proc.returncode != 0:
        text = exception_text(proc.stderr)
        truth.update(outcome="error", **corpus.parse_traceback(proc.stderr, program))
        truth.update(message=core_message(text), message_lines=message_lines(text, program))
    truth["cause_lines"] = corpus.cause_lines(program.read_text())
    return truth


class _Unguarded(ast.NodeTransformer):
    """`try: body except: ... else: rest finally: last` → `body; rest; last`."""

    def visit_Try(self, node: ast.Try) -> list[ast.stmt]:
        self.generic_visit(node)
        return node.body + node.orelse + node.finalbody


def run_unguarded(path: str) -> None:
    """Run a program as `python path` would, except that no error it raises is caught by it."""
    tree = _Unguarded().visit(ast.parse(Path(path).read_text(), path))
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    exec(compile(tree, path, "exec"), {"__name__": "__main__", "__file__": path})


def main() -> int:
    selected = programs()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=corpus.PARALLEL_JOBS) as pool:
        runs = dict(zip(selected, pool.map(run_program, selected.values())))
    left_out = sorted(key for key, truth in runs.items() if keras_3_only_api(truth))
    truth = {key: runs[key] for key in sorted(runs) if key not in left_out}
    TRUTH_FILE.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
    errors = sum(t["outcome"] == "error" for t in truth.values())
    print(f"ran {len(runs)} programs under Keras 2 in {time.monotonic() - started:.1f} s: "
          f"{errors} raised, {len(truth) - errors} ran clean; left out (Keras 3 APIs): {', '.join(left_out)}")
    print(f"wrote {TRUTH_FILE}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_unguarded(sys.argv[2])
    else:
        sys.exit(main())
