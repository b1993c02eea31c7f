"""Run a small test program under real TensorFlow/Keras, in-process, and say where it raises.

Used for the engine's own test programs (never for user code): the expected outcome of each test
is what Keras does, not what the test author believes.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap
import traceback
import warnings

from datasets_standin import stand_in

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

FILENAME = "<test-program>"
TFDS_STANDIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tfds_standin")


def raising_line(source: str, folder: str | None = None) -> int | None:
    """The 1-based line in `source` where running it raises, or None if it runs clean; `folder`:
    the working directory it runs in (where its relative data paths lead), and where its own imports
    are found, as for a script run from there."""
    code = compile(source, FILENAME, "exec")
    if folder is not None and folder not in sys.path:
        sys.path.append(folder)
    if "datasets" in source:  # offline: the data sets' documented shapes instead of a download
        stand_in()
    if "tensorflow_datasets" in source and TFDS_STANDIN not in sys.path:
        sys.path.insert(0, TFDS_STANDIN)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.chdir(folder or os.getcwd()):
            warnings.simplefilter("ignore")
            exec(code, {"__name__": "__main__"})
    except Exception:
        frames = [f for f in traceback.extract_tb(sys.exc_info()[2]) if f.filename == FILENAME]
        return frames[-1].lineno
    return None


def assert_same_outcome(source: str) -> None:
    """The engine reports exactly one error, on the line where Keras raises — or none if it runs."""
    from shapelens.engine import analyse

    source = textwrap.dedent(source).lstrip("\n")
    line = raising_line(source)
    found = [(d.span.line + 1, d.code, d.message) for d in analyse(source).diagnostics if d.severity.value != "hint"]
    if line is None:
        assert found == [], found
    else:
        statement = statement_lines(source, line)
        assert len(found) == 1 and found[0][0] in statement, (line, found)


def statement_lines(source: str, line: int) -> set[int]:
    """The lines of the innermost statement starting on `line`: a call may span several."""
    import ast

    spans = [(n.lineno, n.end_lineno) for n in ast.walk(ast.parse(source))
             if isinstance(n, ast.stmt) and n.lineno == line]
    start, end = min(spans, key=lambda s: s[1] - s[0], default=(line, line))
    return set(range(start, end + 1))


PREVIOUS_KERAS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".venv", "keras-previous")

_RUNNER = r"""
import json, sys, traceback, warnings
results = []
for source in json.load(sys.stdin):
    namespace = {"__name__": "__main__"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, "<test-program>", "exec"), namespace)
        z = namespace.get("z")
        results.append(["ok", list(z.shape) if hasattr(z, "shape") else None, None])
    except Exception as error:
        lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<test-program>"]
        results.append(["error", str(error), lines[-1] if lines else None])
print(json.dumps(results))
"""


def run_elsewhere(sources: list[str], onednn: bool | None = None, previous_keras: bool = False) -> list[tuple]:
    """Run test programs in a fresh interpreter with TensorFlow's oneDNN on or off, or under the
    previous Keras release (`make setup` installs it beside the pinned one): for each program,
    ("ok", the shape of `z`, None) or ("error", the message, the line it raised on)."""
    environ = dict(os.environ)
    if onednn is not None:
        environ["TF_ENABLE_ONEDNN_OPTS"] = "1" if onednn else "0"
    if previous_keras:
        environ["PYTHONPATH"] = os.pathsep.join([PREVIOUS_KERAS, environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", _RUNNER], input=json.dumps(sources), env=environ,
                          capture_output=True, text=True, check=True)
    return [tuple(result) for result in json.loads(done.stdout.strip().splitlines()[-1])]
