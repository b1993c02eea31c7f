"""The engine in Keras 2 mode, held to Keras 2 itself: the tensorflow.keras corpus programs and the
seed examples, each run under tf-keras by make_truth.py (truth.json).

Every program Keras 2 rejects must be flagged at the line that raises, at a line the error names
(errors inside a traced `call()` are reported at the call of the model, with the line inside it in
the message), or at its marked root cause; every program Keras 2 runs must get no error at all.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from keras_run import statement_lines
from shapelens.engine import Severity, analyse
from shapelens.engine.runtime import KERAS2

HERE = Path(__file__).parent
TRUTH = json.loads((HERE / "truth.json").read_text())
_spec = importlib.util.spec_from_file_location("keras2_make_truth", HERE / "make_truth.py")
make_truth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_truth)
PROGRAMS = make_truth.programs()


def errors(key):
    path = PROGRAMS[key]
    report = analyse(path.read_text(), str(path), runtime=KERAS2)
    return [d for d in report.diagnostics if d.severity is Severity.ERROR]


def test_truth_is_current():
    assert set(TRUTH) <= set(PROGRAMS)
    assert len(TRUTH) >= 100
    for key, truth in TRUTH.items():
        assert truth["cause_lines"] == make_truth.corpus.cause_lines(PROGRAMS[key].read_text()), key


@pytest.mark.parametrize("key", sorted(k for k in TRUTH if TRUTH[k]["outcome"] == "ok"))
def test_program_keras_2_runs_gets_no_error(key):
    found = errors(key)
    assert not found, "\n".join(f"line {d.span.line + 1}: [{d.code}] {d.message}" for d in found)


@pytest.mark.parametrize("key", sorted(k for k in TRUTH if TRUTH[k]["outcome"] == "error"))
def test_program_keras_2_rejects_is_flagged_where_it_raises(key):
    truth = TRUTH[key]
    source = PROGRAMS[key].read_text()
    accepted = set(truth["cause_lines"])
    for line in [truth["line"], *truth["message_lines"]]:
        accepted |= statement_lines(source, line)
    found = errors(key)
    assert any(d.span.line + 1 in accepted for d in found), (
        f"Keras 2: line {truth['line']}: {truth['message']}\nengine: "
        + ("; ".join(f"line {d.span.line + 1}: {d.message}" for d in found) or "nothing"))
