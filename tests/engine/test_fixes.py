"""Every fix the engine offers on the seed, the examples and the corpus. A quick fix, applied, leaves
the file clean for the engine, and the fixed program runs under TensorFlow without raising; a
rewrite (refactor) adds no error."""
from pathlib import Path

import pytest

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits

ROOT = Path(__file__).parent.parent.parent
PROGRAMS = sorted([*ROOT.glob("tests/fixtures/seed/*.py"), *ROOT.glob("examples/*.py"),
                   *ROOT.glob("tests/corpus/programs/bug_*.py")])


def fixes_of(path):
    source = path.read_text()
    return [(d, f) for d in analyse(source, str(path), budget=None).diagnostics for f in d.repairs]


CASES = [(path, index) for path in PROGRAMS for index, _ in enumerate(fixes_of(path))]


@pytest.mark.parametrize("path,index", CASES, ids=[f"{p.name}-{i}" for p, i in CASES])
def test_fix_repairs_the_program(path, index):
    source = path.read_text()
    diagnostic, fix = fixes_of(path)[index]
    fixed = apply_edits(source, fix.edits)
    assert fixed != source
    remaining = [d for d in analyse(fixed, str(path)).diagnostics if d.severity is Severity.ERROR]
    if fix.kind == "quickfix":
        assert remaining == [], [(d.span.line + 1, d.message) for d in remaining]
        assert raising_line(fixed, str(path.parent)) is None, fixed
    else:  # a rewrite (refactor) must not add errors
        before = [d for d in analyse(source, str(path)).diagnostics if d.severity is Severity.ERROR]
        assert len(remaining) <= len(before), [(d.span.line + 1, d.message) for d in remaining]


def test_fixes_are_offered_for_many_buggy_programs():
    with_fix = {p for p, _ in CASES}
    buggy = [p for p in PROGRAMS if p.name.startswith("bug_")]
    assert len(with_fix & set(buggy)) >= 15, sorted(p.name for p in set(buggy) - with_fix)
