"""Dtypes against TensorFlow, NumPy and keras.ops themselves.

Each generated program (our own test code) is run for the truth: the dtype of `z`, or the error the
library raises. The engine, analysing the same text, must report exactly that error (SL112, the
library's message), or nothing; and a dtype it states for `z` must be the real one.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from keras_run import raising_line
from shapelens.engine import analyse
from shapelens.engine.api.dtypes import FLOATS, INTS, numpy_promote
from test_ops import IMPORTS, OP_MISMATCH, run

DTYPE_MISMATCH = "SL112"

DTYPES = ["int32", "int64", "float32", "float64", "uint8", "float16", "int16"]


def source(kind: str, dtype: str) -> str:
    """A (2, 2) operand of this kind: tf.Tensor, ndarray, KerasTensor, Python number or list."""
    if kind == "tf":
        return f"tf.ones((2, 2), dtype={dtype!r})"
    if kind == "np":
        return f"np.ones((2, 2), dtype={dtype!r})"
    if kind == "keras":
        return f"keras.Input(batch_shape=(2, 2), dtype={dtype!r})"
    if kind == "list":
        return "[[1, 2], [3, 4]]" if dtype.startswith(("int", "uint")) else "[[0.5, 1.5], [2.5, 3.5]]"
    return "3" if dtype.startswith(("int", "uint")) else "0.5"


def inferred_dtype(report, line: int) -> str | None:
    for value in report.values:
        if value.span.line == line and value.kind == "tensor":
            last = value.summary.split()[-1]
            return last if last in INTS + FLOATS + ("bool",) else None
    return None


def check(setup: list[str], expression: str) -> str:
    program = IMPORTS + "".join(f"{line}\n" for line in setup) + f"z = {expression}\n"
    line = program.count("\n") - 1
    outcome, truth = run(program)
    report = analyse(program)
    reported = [(d.span.line, d.message, d.code) for d in report.diagnostics if d.code in (OP_MISMATCH, DTYPE_MISMATCH)]
    if outcome == "error":
        assert reported in ([], [(line, truth, DTYPE_MISMATCH)], [(line, truth, OP_MISMATCH)]), program
        return "error" if reported else "silent"
    assert not reported, (program, reported)
    if outcome == "crash":
        return outcome
    namespace: dict = {}
    exec(program, namespace)  # noqa: S102 - the generated test program itself
    real = namespace["z"].dtype
    real = getattr(real, "name", str(real))
    stated = inferred_dtype(report, line)
    assert stated in (None, real), (program, stated, real)
    return "ok"


OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "@"]
FUNCTIONS = ["tf.add", "tf.subtract", "tf.multiply", "tf.divide", "tf.maximum", "tf.matmul", "tf.concat",
             "tf.stack", "np.add", "np.matmul", "np.concatenate", "keras.ops.add", "keras.ops.matmul",
             "keras.ops.concatenate"]


@st.composite
def cases(draw):
    op = draw(st.sampled_from(OPERATORS + FUNCTIONS))
    kinds = ["tf", "np", "number", "list"] if op in OPERATORS or op.startswith("tf.") else ["tf", "np", "list"]
    if op in OPERATORS:
        kinds = [*kinds, "keras"]
    a_kind, b_kind = draw(st.sampled_from(kinds)), draw(st.sampled_from(kinds))
    if op in OPERATORS and "tf" not in (a_kind, b_kind) and "np" not in (a_kind, b_kind):
        a_kind = "tf"  # Python's own arithmetic is not ours
    if op in ("@", "tf.matmul", "np.matmul", "keras.ops.matmul", "tf.concat", "tf.stack", "np.concatenate",
              "keras.ops.concatenate") and "number" in (a_kind, b_kind):
        b_kind = a_kind = "tf"  # a scalar fails on its rank
    if "keras" in (a_kind, b_kind) and {a_kind, b_kind} - {"keras", "number"}:
        a_kind = b_kind = "keras"  # a KerasTensor meets tf.Tensors only in Keras's own errors
    a_dtype, b_dtype = draw(st.sampled_from(DTYPES)), draw(st.sampled_from(DTYPES))
    setup = [f"a = {source(a_kind, a_dtype)}", f"b = {source(b_kind, b_dtype)}"]
    if op in OPERATORS:
        return setup, f"a {op} b"
    if op.endswith(("concat", "concatenate", "stack")):
        return setup, f"{op}([a, b], 0)" if op != "tf.stack" else f"{op}([a, b])"
    return setup, f"{op}(a, b)"


@settings(max_examples=60, deadline=None)
@given(case=cases())
def test_dtypes_match_the_libraries(case):
    check(*case)


def test_dtype_examples():
    ints = "a = tf.constant([[1, 2]])"
    assert check([ints, "b = tf.random.normal((2, 2))"], "tf.matmul(a, b)") == "error"
    assert check([ints, "b = tf.random.normal((2, 2))"], "a @ b") == "error"
    assert check(["a = tf.constant([1, 2])", "b = tf.constant([1.0, 2.0])"], "a + b") == "error"
    assert check(["a = tf.constant([1, 2])", "b = 0"], "a * 0.5") == "error"
    assert check(["a = tf.constant([1, 2])", "b = 0"], "0.5 * a") == "error"
    assert check(["a = tf.constant([1, 2])", "b = 0"], "a / 255.0") == "error"
    assert check(["a = tf.constant([1, 2])", "b = 0"], "a / 255") == "ok"
    assert check(["a = tf.constant([1, 2], dtype=tf.uint8)", "b = 0"], "a / 255") == "ok"
    assert check(["a = tf.constant([1, 2])", "b = np.array([0.5, 1.5])"], "a + b") == "ok"
    assert check(["a = tf.constant([1, 2])", "b = tf.constant([1.0, 2.0])"], "tf.concat([a, a, b], 0)") == "error"
    assert check(["a = tf.constant([1, 2])", "b = tf.constant([1.0, 2.0])"], "tf.cast(a, tf.float32) * b") == "ok"
    assert check(["a = tf.constant([1, 2])", "b = tf.constant([1.0, 2.0])"], "keras.ops.multiply(a, b)") == "ok"
    assert check(["a = np.array([1, 2])", "b = np.array([0.5, 1.5], dtype='float32')"], "a * b") == "ok"
    assert check(["a = tf.zeros((2, 3))", "b = tf.zeros((2, 4), dtype=tf.float64)"], "a + b") == "error"  # dtypes first


@pytest.mark.parametrize("expression", [
    "tf.constant([1, 2])", "tf.constant([1, 2.5])", "tf.constant([1, 2**40])", "tf.constant([True])",
    "np.array([1, 2.5])", "np.array([1, 2], dtype='float32')", "np.asarray([1, 2])", "np.asarray([1], dtype=float)",
    "np.zeros(3, dtype=int)", "np.full((2,), 3)", "np.full((2,), 3.0)", "tf.fill((2,), 3)", "tf.zeros(2)",
    "tf.constant(np.zeros(2))", "tf.convert_to_tensor([1, 2])", "np.float32([1, 2])", "np.sqrt(np.array([1, 2]))",
    "np.random.randint(0, 3, size=3)", "np.random.randint(0, 3, size=3, dtype=np.uint8)",
    "np.random.choice([0.5, 1.5], size=3)", "np.random.default_rng(0).random(3, dtype=np.float32)",
    "keras.utils.to_categorical(np.array([0, 1]), 2)", "keras.utils.to_categorical(tf.constant([0, 1]), 2)",
    "tf.one_hot([0, 1], 2)", "tf.one_hot([0, 1], 2, dtype=tf.int32)", "tf.cast([[1, 2]], tf.float32)",
    "tf.image.convert_image_dtype(tf.zeros((2, 2), tf.uint8), tf.float32)", "np.zeros(3, dtype='float')",
    "tf.zeros(3, dtype='float')", "np.ones(3).astype(int)", "np.mean(np.array([1, 2]))", "tf.constant([1, 2])[0]",
    "-tf.constant([1, 2])", "np.array([[1, 2]]).T", "tf.constant([[1, 2]]).numpy()", "np.array([1, 2]) / 2",
    "np.ones(2, np.float32) * 0.5", "tf.ones(2, tf.uint8) / 255", "tf.ones(2, tf.int32) // 2",
])
def test_created_dtypes_match_the_libraries(expression):
    program = IMPORTS + f"z = {expression}\n"
    namespace: dict = {}
    exec(program, namespace)  # noqa: S102 - the generated test program itself
    real = namespace["z"].dtype
    stated = inferred_dtype(analyse(program), 3)
    assert stated in (None, getattr(real, "name", str(real))), (expression, stated)


def test_numpy_promotion_matches_numpy():
    for a, b in itertools.product(INTS + FLOATS, repeat=2):
        assert numpy_promote(a, b) == np.result_type(a, b).name, (a, b)


def test_traced_code_reports_only_what_it_words_alike():
    """Dataset.map traces its function: `/` words its dtype error as eagerly; `+` does not."""
    for body, wording in (("x / 255.0", True), ("x + 0.5", False), ("tf.cast(x, tf.float32) / 255.0", None)):
        program = (IMPORTS + "images = np.zeros((4, 2, 2), dtype=np.uint8)\n"
                   "ds = tf.data.Dataset.from_tensor_slices(images)\n"
                   f"ds = ds.map(lambda x: {body})\n")
        found = [(d.span.line + 1, d.message) for d in analyse(program).diagnostics]
        line = raising_line(program)
        if wording is None:
            assert line is None and found == []
        elif wording:
            assert line == 6 and found == [(6, "`x` and `y` must have the same dtype, got tf.uint8 != tf.float32.")]
        else:
            assert line == 6 and found == []


def test_cast_fix_repairs_the_program():
    program = IMPORTS + "pixels = tf.constant([[0, 128, 255]])\nweights = tf.random.normal((3, 4))\n" \
                        "hidden = tf.matmul(pixels, weights)\n"
    (diagnostic,) = analyse(program).diagnostics
    (fix,) = diagnostic.repairs
    assert fix.edits[0].new_text == "tf.cast(pixels, tf.float32)"
    from shapelens.engine.fixes import apply_edits
    fixed = apply_edits(program, fix.edits)
    assert analyse(fixed).diagnostics == [] and raising_line(fixed) is None
