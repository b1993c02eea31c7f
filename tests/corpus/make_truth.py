"""Produce the ground truth for the Shape Lens corpus by actually running it.

Every program in ``tests/corpus/programs/`` is executed under the real
TensorFlow/Keras installed in the project virtualenv, each in a fresh
subprocess (``sys.executable``, cwd = a throw-away temp dir,
TF_CPP_MIN_LOG_LEVEL=3, no GPU, 120 s timeout, two at a time), with
``programs/`` on PYTHONPATH so a program can import its helper modules from
``programs/lib/`` (``from lib.builders import build_cnn``); files under
``lib/`` are helpers, not programs, and are not run themselves; the data
files the programs load are in ``programs/data/``, linked into the working
directory so that ``pd.read_csv("data/iris.csv")`` finds them.  Programs
run through ``standins/run.py``, which stands in for ``keras.datasets``
downloads with arrays of the documented shapes.  The Python
traceback printed on stderr is parsed and the result written to
``tests/corpus/truth.json``, keyed by file name (sorted)::

    {
      "bug_reshape_wrong_total.py": {
        "outcome": "error",            # "ok" or "error"
        "error_type": "ValueError",    # exception class name, or null
        "message": "...",              # first non-empty line of the message
        "line": 12,                    # innermost traceback line in the program
        "cause_lines": [9]             # lines marked with a `# cause` comment
      },
      ...
    }

Naming is checked as well: a ``bug_*.py`` program that runs clean, an
``ok_*.py`` program that raises, or any program that times out makes the
script exit with status 1 (truth.json is still written so it can be inspected).

Run it from the repository root with::

    make truth
    # which runs: .venv/bin/python tests/corpus/make_truth.py
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tokenize
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
PROGRAMS_DIR = CORPUS_DIR / "programs"
TRUTH_FILE = CORPUS_DIR / "truth.json"
DATA_DIR = PROGRAMS_DIR / "data"  # the files the programs load, as `data/...`
STAND_INS = CORPUS_DIR / "standins" / "run.py"  # keras.datasets without downloads

TIMEOUT_SECONDS = 120
PARALLEL_JOBS = 2

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CAUSE_COMMENT = re.compile(r"#\s*cause\b")
FRAME_LINE = re.compile(r'^  File "(?P<file>.+)", line (?P<line>\d+)')
# An exception header such as "ValueError: msg" or
# "tensorflow.python.framework.errors_impl.InvalidArgumentError: msg".
EXCEPTION_HEADER = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)(?::\s?(?P<rest>.*))?$")


def cause_lines(source: str) -> list[int]:
    """1-based line numbers carrying a `# cause` comment (real comments only)."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and CAUSE_COMMENT.search(token.string):
            lines.append(token.start[0])
    return lines


def parse_traceback(stderr: str, program: Path) -> dict:
    """Extract error type, first message line and program line from stderr.

    Only the last "Traceback (most recent call last):" block matters: with
    chained exceptions it is the one describing the exception that escaped.
    """
    text = ANSI_ESCAPE.sub("", stderr)
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if not starts:
        return {"error_type": None, "message": None, "line": None}

    program_path = os.path.realpath(program)
    program_line = None
    header_index = None
    for i in range(starts[-1] + 1, len(lines)):
        line = lines[i]
        frame = FRAME_LINE.match(line)
        if frame:
            if os.path.realpath(frame.group("file")) == program_path:
                program_line = int(frame.group("line"))  # keep the innermost one
            continue
        if line.startswith(" ") or not line.strip():
            continue  # source excerpt, caret markers, "..." elisions
        header_index = i
        break

    error_type = message = None
    if header_index is not None:
        header = EXCEPTION_HEADER.match(lines[header_index])
        if header:
            error_type = header.group("type").rsplit(".", 1)[-1]
            message_lines = [header.group("rest") or ""] + lines[header_index + 1:]
        else:  # unusual header; keep the raw text as the message
            message_lines = lines[header_index:]
        message = next((m.strip() for m in message_lines if m.strip()), None)
    return {"error_type": error_type, "message": message, "line": program_line}


def run_program(program: Path) -> dict:
    """Run one program in a fresh interpreter and describe what happened."""
    pythonpath = os.pathsep.join(filter(None, [str(PROGRAMS_DIR), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONPATH=pythonpath)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="shapelens-corpus-") as workdir:
        os.symlink(DATA_DIR, os.path.join(workdir, "data"))  # relative data paths work as written
        try:
            proc = subprocess.run(
                [sys.executable, str(STAND_INS), str(program)],
                cwd=workdir,
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            result = {"outcome": "error", "error_type": "TimeoutExpired",
                      "message": f"timed out after {TIMEOUT_SECONDS} s", "line": None}
            timed_out = True
        else:
            timed_out = False
            if proc.returncode == 0:
                result = {"outcome": "ok", "error_type": None, "message": None, "line": None}
            else:
                result = {"outcome": "error", **parse_traceback(proc.stderr, program)}
    result["cause_lines"] = cause_lines(program.read_text())
    return {"truth": result, "timed_out": timed_out, "seconds": time.monotonic() - started}


def problems_with(name: str, run: dict) -> list[str]:
    """Reasons why a program's outcome contradicts its name."""
    truth = run["truth"]
    if run["timed_out"]:
        return [f"{name}: timed out"]
    if name.startswith("bug_") and truth["outcome"] == "ok":
        return [f"{name}: named bug_ but ran clean"]
    if name.startswith("ok_") and truth["outcome"] == "error":
        return [f"{name}: named ok_ but raised {truth['error_type']}: {truth['message']}"]
    if not name.startswith(("bug_", "ok_")):
        return [f"{name}: name must start with bug_ or ok_"]
    return []


def main() -> int:
    programs = sorted(PROGRAMS_DIR.glob("*.py"))  # top level only: lib/ holds helpers
    if not programs:
        print(f"no programs found in {PROGRAMS_DIR}", file=sys.stderr)
        return 1

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=PARALLEL_JOBS) as pool:
        runs = dict(zip((p.name for p in programs), pool.map(run_program, programs)))
    elapsed = time.monotonic() - started

    truth = {name: runs[name]["truth"] for name in sorted(runs)}
    TRUTH_FILE.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")

    problems = [p for name in sorted(runs) for p in problems_with(name, runs[name])]
    errors = sum(t["outcome"] == "error" for t in truth.values())
    print(f"ran {len(truth)} programs in {elapsed:.1f} s: "
          f"{errors} raised, {len(truth) - errors} ran clean")
    print(f"wrote {TRUTH_FILE}")
    for problem in problems:
        print(f"  MISMATCH {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
