"""Real Keras for the language server, in a worker process.

Importing TensorFlow takes seconds of the interpreter and hundreds of MB: the server never does.
A layer without a built-in rule is answered as unknown at once; its question goes to a worker
process, started the first time one is needed, that imports Keras and answers with
`compute_output_shape` (engine/oracle.py: Keras's own classes, literal arguments, never user code).
Each answer is kept; once a batch is in, `answered` is called so that the files that asked are
checked again. One JSON line each way per question.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from typing import Any, Callable

from .engine import KerasOracle

_NICENESS = 10  # the worker yields the CPU to the server and the editor


class BackgroundOracle(KerasOracle):
    """A KerasOracle whose questions a worker process answers, never blocking an analysis."""

    def __init__(self, answered: Callable[[], None], log: Callable[[str], None]) -> None:
        super().__init__()
        self._answered = answered  # called on the oracle's thread once the questions asked are answered
        self._log = log
        self._questions: queue.SimpleQueue = queue.SimpleQueue()
        self._asked: set[tuple] = set()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None

    def load(self) -> bool:
        return False  # Keras is never imported here: questions go to the worker

    def _unanswered(self, key: tuple, question: tuple) -> None:
        with self._start:
            if key in self._asked:
                return
            self._asked.add(key)
            self._questions.put((key, question))
            if self._thread is None and self.available():
                self._thread = threading.Thread(target=self._serve, name="shapelens-keras", daemon=True)
                self._thread.start()

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def _serve(self) -> None:
        # The worker runs beside the installed package, not in the workspace: a keras.py there is never imported.
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        try:
            self._process = process = subprocess.Popen(
                [sys.executable, "-m", "shapelens.keras_worker"], cwd=here, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""})
            if json.loads(process.stdout.readline() or "false") is not True:
                self._log("Keras could not be imported: layers without a built-in rule stay unknown.")
                return
            while True:
                key, question = self._questions.get()
                process.stdin.write(json.dumps(_encode(question)) + "\n")
                process.stdin.flush()
                answer = json.loads(process.stdout.readline())
                self._cache[key] = tuple(answer) if isinstance(answer, list) else None
                self.answers += 1
                if self._questions.empty():
                    self._answered()
        except (OSError, ValueError) as error:  # the worker died or said something else: stay unknown
            self._log(f"The Keras worker stopped ({error}): layers without a built-in rule stay unknown.")


def _encode(value: Any) -> Any:
    """JSON keeps lists; a tuple is written {"tuple": [...]} so that Keras gets what the code wrote."""
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"dict": {k: _encode(v) for k, v in value.items()}}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "tuple" in value:
            return tuple(_decode(v) for v in value["tuple"])
        return {k: _decode(v) for k, v in value["dict"].items()}
    return value


def main() -> None:
    # Answers go to the real stdout; whatever TensorFlow prints goes to stderr instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        os.nice(_NICENESS)
    except OSError:
        pass
    oracle = KerasOracle()
    loaded = oracle.load()
    print(json.dumps(loaded), file=answers, flush=True)
    for line in sys.stdin:
        kind, positional, args, input_shape = _decode(json.loads(line))
        shape = oracle.output_shape(kind, positional, args, input_shape) if loaded else None
        print(json.dumps(list(shape) if shape is not None else None), file=answers, flush=True)


if __name__ == "__main__":
    main()
