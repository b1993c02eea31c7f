"""The seed document's six examples, with the outcome running them under TensorFlow gives.

Example 1 raises at `model_2(input_tensor)` (channels 1 vs 3); example 5 raises while building the
model, because `input_shape=(32, 28, 28, 3)` includes the batch axis. Examples 3 and 4 run their
custom layer fine, then fail on `custom_layer.input_shape`, which Keras 3 layers no longer have.
Examples 2 and 6 run clean.
"""
from pathlib import Path

import pytest

from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits

SEED = Path(__file__).parent.parent / "fixtures" / "seed"


def diagnostics(name):
    """The errors (hints, such as SL301 on `input_shape=`, are tested on their own)."""
    path = SEED / name
    return [d for d in analyse(path.read_text(), str(path)).diagnostics if d.severity is not Severity.HINT]


def line_text(name, span):
    return (SEED / name).read_text().splitlines()[span.line][span.column:span.end_column]


def test_example_1_reports_the_channel_mismatch_at_the_call():
    (d,) = diagnostics("example_1.py")
    assert d.code == "SL101"
    assert d.span.line + 1 == 16 and line_text("example_1.py", d.span) == "input_tensor"
    assert "expected axis -1 of input shape to have value 1, but received input with shape (1, 28, 28, 3)" in d.message
    assert any(r.span.line + 1 == 9 for r in d.related)  # where input_shape=(28, 28, 1) is declared


def test_example_5_reports_the_batch_axis_in_input_shape():
    (d,) = diagnostics("example_5.py")
    assert d.code == "SL103"
    assert d.span.line + 1 == 6 and line_text("example_5.py", d.span) == "32"
    assert "Kernel shape must have the same length as input" in d.message
    (fix,) = d.repairs
    source = (SEED / "example_5.py").read_text()
    assert "input_shape=(28, 28, 3)" in apply(source, fix)


@pytest.mark.parametrize("name,line", [("example_3.py", 28), ("example_4.py", 22)])
def test_custom_layer_examples_report_the_missing_input_shape_attribute(name, line):
    (d,) = diagnostics(name)
    assert d.code == "SL111" and d.span.line + 1 == line
    assert line_text(name, d.span) == "custom_layer.input_shape"
    (fix,) = d.repairs
    assert "{input_tensor.shape}" in apply((SEED / name).read_text(), fix)


@pytest.mark.parametrize("name", ["example_2.py", "example_6.py"])
def test_correct_examples_are_clean(name):
    assert diagnostics(name) == []


def test_example_1_fix_makes_the_program_clean():
    source = (SEED / "example_1.py").read_text()
    (d,) = diagnostics("example_1.py")
    fixed = apply(source, d.fixes[0])
    assert "input_shape=(28, 28, 3)" in fixed
    assert [d for d in analyse(fixed).diagnostics if d.severity is not Severity.HINT] == []


def apply(source: str, fix) -> str:
    return apply_edits(source, fix.edits)


def test_input_shape_argument_gets_a_hint_with_a_refactoring():
    source = (SEED / "example_2.py").read_text()
    (hint,) = [d for d in analyse(source).diagnostics if d.severity is Severity.HINT]
    assert hint.code == "SL301"
    (fix,) = hint.repairs
    assert fix.kind == "refactor"
    rewritten = apply(source, fix)
    assert "  tf.keras.Input(shape=(28, 28, 3)),\n  tf.keras.layers.Conv2D(32, (3, 3), activation='relu'),\n" in rewritten
    assert [d for d in analyse(rewritten).diagnostics] == []
