"""Differential fuzzing against real Keras: random Sequential and functional models (random_programs)
are analysed by the engine and run under TensorFlow/Keras in-process. Every error the engine reports
must be one Keras raises — in the statement Keras raises in, or, when Keras stopped earlier at an
error the engine missed, after it (what Keras never reached cannot be checked). Errors Keras raises
and the engine does not report are counted, not failed: the engine stays silent when unsure.

With an unknown size in the program (imported from a module that does not exist), a reported error
must hold for every value the unknown could take.
"""
from __future__ import annotations

import ast
import random
import re

import pytest
from hypothesis import assume, given

from harness import COUNTS, SEEDS, fuzz_settings
from keras_run import raising_line
from random_programs import UNKNOWN_IMPORT, UNKNOWN_NAME, random_program
from shapelens.engine import Diagnostic, Severity, analyse

UNKNOWN_VALUES = (1, 2, 3, 4, 8, 16)


def statement_containing(source: str, line: int) -> range:
    """The lines of the innermost statement that contains `line` (Keras raising inside a
    multi-line `Sequential([...])` raises in that statement)."""
    spans = [(n.lineno, n.end_lineno) for n in ast.walk(ast.parse(source))
             if isinstance(n, ast.stmt) and n.lineno <= line <= n.end_lineno]
    start, end = min(spans, key=lambda s: s[1] - s[0], default=(line, line))
    return range(start, end + 1)


def places(diagnostic: Diagnostic) -> set[int]:
    """Its line and the lines it names in the same file (an SL103 sits on the `input_shape` it blames
    and names the call that raises)."""
    return {diagnostic.span.line + 1} | {r.span.line + 1 for r in diagnostic.related if r.path is None}


def first_error(source: str) -> Diagnostic | None:
    """The error Keras would meet first: the one whose last place (where it raises; the others
    are where its shapes come from) comes first."""
    errors = [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]
    return min(errors, key=lambda d: (max(places(d)), d.span), default=None)


def verdict(source: str, error: Diagnostic | None) -> str:
    """How the engine's first error compares with what Keras does; fails on a false positive."""
    line = raising_line(source)
    if line is None:
        assert error is None, f"Keras runs this program, the engine reports: {error}\n{source}"
        return "both clean"
    if error is None:
        return "Keras errors the engine misses"
    statement = statement_containing(source, line)
    if places(error) & set(statement):
        if line in places(error):
            return "same error"
        lines = source.split("\n")
        if error.span.line + 1 < line and re.fullmatch(r" +keras\.layers\..*\),", lines[line - 1]):
            # Keras raised first in a later list element, constructing its layer (`Dense(0)`): without
            # that layer, it must raise where the engine says.
            without = "\n".join(lines[:line - 1] + [""] + lines[line:])
            assert verdict(without, error).startswith("same"), f"{error}\n{source}"
            return "same statement, at an earlier layer (checked without the later one)"
        return "same statement (Keras names its first line, the engine the layer)"
    assert error.span.line + 1 > statement[-1], (
        f"the engine reports an error on line {error.span.line + 1}, which Keras ran; Keras raised on line "
        f"{line}: {error}\n{source}")
    return "Keras stopped earlier at an error the engine misses"


@fuzz_settings(fast=150, long=3000)
@given(SEEDS)
def test_every_error_reported_is_one_keras_raises(seed):
    source = random_program(random.Random(seed))
    COUNTS["differential: programs run under Keras"] += 1
    COUNTS[f"differential: {verdict(source, first_error(source))}"] += 1


@fuzz_settings(fast=50, long=1000)
@given(SEEDS)
def test_no_error_depends_on_an_unknown(seed):
    source = random_program(random.Random(seed), unknown=True)
    assume(UNKNOWN_NAME in source)
    COUNTS["differential: programs with an unknown size"] += 1
    error = first_error(source)
    if error is None:
        return
    COUNTS["differential: errors reported despite an unknown (checked for each value)"] += 1
    for value in UNKNOWN_VALUES:
        verdict(source.replace(UNKNOWN_IMPORT, f"{UNKNOWN_NAME} = {value}"), error)


EMPTY_OUTPUT = """import numpy as np
import keras

model = keras.Sequential([
    keras.Input(shape={shape}),
    {layers}
])
x = np.zeros({data}, dtype="float32")
y = model(x)
"""


@pytest.mark.parametrize("shape,layers,data,expected", [
    # Found by the long run (seed 36369): 7 steps pool to 4, and a kernel of 5 leaves 0 steps.
    ("(12, 12)", "keras.layers.MaxPooling1D(2, padding='same'), keras.layers.Conv1D(4, 5)", "(2, 7, 12)", "both clean"),
    ("(12, 12)", "keras.layers.MaxPooling1D(2, padding='same'), keras.layers.Conv1D(4, 5)", "(2, 5, 12)", "same error"),
    ("(12, 12, 4)", "keras.layers.AveragePooling2D(3)", "(2, 2, 12, 4)", "both clean"),
])
def test_an_empty_output_on_real_data(shape, layers, data, expected):
    """An output of size 0 raises on a KerasTensor, but on real data TensorFlow's eager kernels
    return an empty tensor (a negative size raises)."""
    source = EMPTY_OUTPUT.format(shape=shape, layers=layers, data=data)
    assert verdict(source, first_error(source)) == expected
