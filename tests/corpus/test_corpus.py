"""The corpus: small Keras programs whose outcome under TensorFlow is recorded in truth.json.

Every buggy program must be flagged with an error at the line that raises or at its marked root
cause; every correct program must get no error at all.
"""
import json
import re
from pathlib import Path

import pytest

from keras_run import statement_lines
from shapelens.engine import Severity, analyse

HERE = Path(__file__).parent
PROGRAMS = HERE / "programs"
TRUTH = json.loads((HERE / "truth.json").read_text())


def errors(name):
    path = PROGRAMS / name
    report = analyse(path.read_text(), str(path))
    return [d for d in report.diagnostics if d.severity is Severity.ERROR]


def test_truth_covers_every_program_and_its_markers():
    names = sorted(p.name for p in PROGRAMS.glob("*.py"))
    assert names == sorted(TRUTH)
    for name in names:
        lines = (PROGRAMS / name).read_text().splitlines()
        marked = [i + 1 for i, line in enumerate(lines) if re.search(r"#\s*cause\b", line)]
        assert TRUTH[name]["cause_lines"] == marked, name
        assert TRUTH[name]["outcome"] == ("error" if name.startswith("bug_") else "ok"), name


@pytest.mark.parametrize("name", sorted(n for n in TRUTH if TRUTH[n]["outcome"] == "ok"))
def test_correct_program_gets_no_error(name):
    found = errors(name)
    assert not found, "\n".join(f"line {d.span.line + 1}: [{d.code}] {d.message}" for d in found)


@pytest.mark.parametrize("name", sorted(n for n in TRUTH if TRUTH[n]["outcome"] == "error"))
def test_buggy_program_is_flagged_where_keras_raises_or_at_the_cause(name):
    truth = TRUTH[name]
    accepted = statement_lines((PROGRAMS / name).read_text(), truth["line"]) | set(truth["cause_lines"])
    found = errors(name)
    assert any(d.span.line + 1 in accepted for d in found), (
        f"Keras: line {truth['line']}: {truth['message']}\nengine: "
        + ("; ".join(f"line {d.span.line + 1}: {d.message}" for d in found) or "nothing"))
