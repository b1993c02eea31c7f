"""Run a small test program under real TensorFlow/Keras, in-process, and say where it raises.

Used for the engine's own test programs (never for user code): the expected outcome of each test
is what Keras does, not what the test author believes.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import traceback
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

FILENAME = "<test-program>"


def raising_line(source: str) -> int | None:
    """The 1-based line in `source` where running it raises, or None if it runs clean."""
    code = compile(source, FILENAME, "exec")
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            exec(code, {"__name__": "__main__"})
    except Exception:
        frames = [f for f in traceback.extract_tb(sys.exc_info()[2]) if f.filename == FILENAME]
        return frames[-1].lineno
    return None
