"""Tensor operations against TensorFlow, NumPy and keras.ops themselves.

Each generated program (our own test code) is run for the truth: the result's shape, or the error
the library raises. The engine, analysing the same text, must infer that shape for `z`, or report
exactly one SL110 at the operation with the library's message (TensorFlow's without the device
prefix and the ` name: ` suffix, which vary by machine and call).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from keras_run import run_elsewhere
from shapelens.engine import analyse, runtime

IMPORTS = "import numpy as np\nimport tensorflow as tf\nimport keras\n"
OP_MISMATCH = "SL110"

small = st.integers(1, 3)  # small sizes, so that generated shapes often agree
maybe_none = st.one_of(small, small, st.none())


def make(kind: str, shape: tuple, dtype: str = "float32") -> str:
    """The source of a tensor of this shape: NumPy array, tf.Tensor or symbolic KerasTensor."""
    if kind == "np":
        return f"np.zeros({shape!r}, dtype={dtype!r})"
    if kind == "tf":
        return f"tf.zeros({shape!r}, dtype={dtype!r})"
    return f"keras.Input(batch_shape={shape!r}, dtype={dtype!r})"


def _shape(value) -> tuple | list:
    if isinstance(value, (list, tuple)):
        return [_shape(v) for v in value]
    return tuple(value.shape)


def _normalise(message: str) -> str:
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", message)
    return re.sub(r" name: .*\Z", "", message, flags=re.DOTALL).strip()


def run(program: str) -> tuple[str, object]:
    namespace: dict = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(program, namespace)  # noqa: S102 - the generated test program itself
    except Exception as error:  # the library's exception class varies: its message is the outcome
        if isinstance(error, (IndexError, ZeroDivisionError)) and not isinstance(error, np.exceptions.AxisError):
            return "crash", str(error)  # the library's own slip, not a check it words
        return "error", _normalise(str(error))
    return "ok", _shape(namespace["z"])


def check(setup: list[str], expression: str) -> str:
    """Run `z = expression` after `setup`, analyse the same text, and compare. Returns the outcome."""
    program = IMPORTS + "".join(f"{line}\n" for line in setup) + f"z = {expression}\n"
    line = program.count("\n") - 1
    outcome, truth = run(program)
    if outcome == "ok" and isinstance(truth, list):  # a list of tensors: each part gets a name
        program += "".join(f"z{i} = z[{i}]\n" for i in range(len(truth)))
    report = analyse(program)
    reported = [d for d in report.diagnostics if d.code == OP_MISMATCH]
    if outcome == "error":
        assert [(d.span.line, d.message) for d in reported] == [(line, truth)], program
        return outcome
    assert not reported, (program, reported[0].message)
    if outcome == "crash":  # nothing the engine could word: it stays silent
        return outcome
    shapes = {v.span.line: v.shape for v in report.values if v.kind == "tensor"}
    if isinstance(truth, list):
        inferred = [shapes.get(line + 1 + i) for i in range(len(truth))]
    else:
        inferred = shapes.get(line)
    assert inferred == truth, program
    return outcome


def shapes(draw, dims=small, min_rank=0, max_rank=3) -> tuple:
    return tuple(draw(st.lists(dims, min_size=min_rank, max_size=max_rank)))


# ---- matmul -------------------------------------------------------------------------------------

@st.composite
def matmul_cases(draw):
    spelling = draw(st.sampled_from(["tf.matmul", "tf.linalg.matmul", "tf @", "np.matmul", "np @", "np.dot",
                                     "keras.ops.matmul", "keras.ops.matmul symbolic", "keras @"]))
    symbolic = spelling.startswith("keras") and spelling != "keras.ops.matmul"
    kind = "keras" if symbolic else "np" if spelling.startswith(("np", "keras")) else "tf"
    min_rank = 1 if spelling.startswith("keras") else 0
    dims = maybe_none if symbolic else small
    a = shapes(draw, dims, min_rank, 4)
    b = list(shapes(draw, dims, min_rank, 4))
    flags = ""
    if spelling.startswith("tf.") and draw(st.booleans()):
        for operand in "ab":  # transpose_ and adjoint_ together are an argument error, not a shape one
            name = draw(st.sampled_from([None, f"transpose_{operand}", f"adjoint_{operand}"]))
            flags += f", {name}=True" if name else ""
    if a and len(b) > 1 and draw(st.booleans()):  # agree on the inner dimension more often than not
        b[-1 if "transpose_b" in flags or "adjoint_b" in flags else -2] = \
            a[-2 if ("transpose_a" in flags or "adjoint_a" in flags) and len(a) > 1 else -1]
    if len(a) > 2 and len(b) > 2 and draw(st.booleans()):  # and on the batch axes they share, right-aligned
        b[:-2] = a[len(a) - len(b):-2] if len(a) >= len(b) else b[:len(b) - len(a)] + list(a[:-2])
    dtype = draw(st.sampled_from(["float32", "float64", "int32"]))  # TensorFlow's kernels vary with it
    setup = [f"x = {make(kind, a, dtype)}", f"y = {make(kind, tuple(b), dtype)}"]
    if spelling.endswith("@"):
        return setup, "x @ y"
    return setup, f"{spelling.split()[0]}(x, y{flags})"


@settings(max_examples=60, deadline=None)
@given(case=matmul_cases())
def test_matmul_matches_the_libraries(case):
    check(*case)


def test_matmul_examples():
    assert check(["x = tf.zeros((1, 10))", "y = tf.zeros((12, 5))"], "tf.matmul(x, y)") == "error"
    assert check(["x = np.zeros((1, 10))", "y = np.zeros((12, 5))"], "np.matmul(x, y)") == "error"
    assert check(["x = np.zeros((1, 10))", "y = np.zeros((12, 5))"], "np.dot(x, y)") == "error"
    assert check(["x = tf.zeros((2, 1, 3, 4))", "y = tf.zeros((5, 4, 6))"], "x @ y") == "ok"
    assert check(["x = np.zeros((2, 5, 3, 4))", "y = np.zeros((3, 4, 7))"], "x @ y") == "error"
    assert check(["x = np.zeros((2, 3, 4))", "y = np.zeros((5, 4, 6))"], "x.dot(y)") == "ok"
    assert check(["x = keras.Input((10,))", "y = keras.ops.zeros((12, 5))"], "keras.ops.matmul(x, y)") == "error"


# ---- elementwise --------------------------------------------------------------------------------

@st.composite
def elementwise_cases(draw):
    kind = draw(st.sampled_from(["tf", "np", "keras-eager", "keras"]))
    dims = maybe_none if kind == "keras" else small
    a = shapes(draw, dims)
    b = list(shapes(draw, dims))
    if b and a and draw(st.booleans()):
        b[-1] = a[-1]
    source = "np" if kind == "keras-eager" else kind
    setup = [f"x = {make(source, a)}", f"y = {make(source, tuple(b))}"]
    if kind != "keras-eager" and draw(st.booleans()):
        op = draw(st.sampled_from(["+", "-", "*", "/", "//", "%", "**"]))
        if kind == "np" and draw(st.booleans()):  # a NumPy array met by a tf.Tensor is a tf.Tensor operation
            setup[1] = f"y = {make('tf', tuple(b))}"
        if draw(st.booleans()):
            return setup, f"x {op} {draw(st.sampled_from(['2', '0.5']))}"
        return setup, f"x {op} y"
    name = draw(st.sampled_from(["add", "subtract", "multiply", "divide", "maximum", "minimum"]
                                + (["true_divide"] if kind == "np" else [])))
    module = {"tf": draw(st.sampled_from(["tf", "tf.math"])), "np": "np"}.get(kind, "keras.ops")
    return setup, f"{module}.{name}(x, y)"


@settings(max_examples=60, deadline=None)
@given(case=elementwise_cases())
def test_elementwise_broadcasting_matches_the_libraries(case):
    check(*case)


def test_broadcasting_examples():
    assert check(["x = tf.zeros((2, 3))", "y = tf.zeros((2, 4))"], "x + y") == "error"
    assert check(["x = np.zeros((2, 3))", "y = np.zeros((2, 4))"], "x * y") == "error"
    assert check(["x = np.zeros((2, 3))", "y = tf.zeros((2, 4))"], "x - y") == "error"
    assert check(["x = np.zeros((5, 1, 3))", "y = np.zeros((4, 1))"], "(x / 255.0).reshape(5, 1, 3) + y") == "ok"
    assert check(["x = keras.Input((3,))", "y = keras.Input((4,))"], "x + y") == "error"
    assert check(["x = keras.Input((3,))", "y = keras.Input((1, 3))"], "keras.ops.maximum(x, y)") == "ok"
    assert check(["x = np.zeros((2, 3), dtype=bool)", "y = np.ones((2, 4), dtype=bool)"], "x | y") == "error"
    assert check(["x = tf.zeros((2, 3), dtype=tf.bool)", "y = tf.zeros((1, 3), dtype=tf.bool)"], "x & y") == "ok"


def test_no_report_on_unknown_dimensions_or_dtypes():
    for setup in (["x = keras.Input((None, 3))", "y = keras.Input((5, None))"],  # None meets anything
                  ["x = tf.zeros((2, 3), dtype=tf.int32)", "y = tf.zeros((2, 3), dtype=tf.as_dtype(kind))"]):
        program = IMPORTS + "\n".join(setup) + "\nz = x + y\n"
        assert not analyse(program).diagnostics, program


# ---- concat / stack -----------------------------------------------------------------------------

@st.composite
def concat_cases(draw):
    spelling = draw(st.sampled_from(["tf.concat", "np.concatenate", "keras.ops.concatenate", "keras symbolic",
                                     "tf.stack", "np.stack", "keras.ops.stack", "keras.ops.stack symbolic",
                                     "np.vstack", "np.hstack"]))
    symbolic = spelling.endswith("symbolic")
    kind = "keras" if symbolic else "tf" if spelling.startswith("tf") else "np"
    base = shapes(draw, maybe_none if symbolic else small, 1 if symbolic else 0)
    parts = []
    for _ in range(draw(st.integers(0 if spelling.startswith("np") else 1, 3))):  # only NumPy words []
        shape = list(base)
        change = draw(st.sampled_from(["none", "none", "dim", "rank"]))
        if change == "dim" and shape:
            shape[draw(st.integers(0, len(shape) - 1))] = draw(small)
        elif change == "rank":
            shape = shape[:-1] if shape and draw(st.booleans()) else shape + [draw(small)]
        parts.append(make(kind, tuple(shape)))
    setup = [f"values = [{', '.join(parts)}]"]
    if spelling in ("np.vstack", "np.hstack"):
        return setup, f"{spelling}(values)"
    function = "keras.ops.concatenate" if spelling == "keras symbolic" else spelling.split()[0]
    axis = draw(st.one_of(st.integers(-len(base) - 2, len(base) + 1), st.none()))
    if axis is None and function != "np.concatenate":
        return setup, f"{function}(values)" if not function.startswith("tf.concat") else f"{function}(values, 0)"
    return setup, f"{function}(values, axis={axis})"


@settings(max_examples=60, deadline=None)
@given(case=concat_cases())
def test_concat_and_stack_match_the_libraries(case):
    check(*case)


def test_concat_examples():
    assert check(["a = tf.zeros((2, 3))", "b = tf.zeros((2, 4))"], "tf.concat([a, b], axis=-1)") == "ok"
    assert check(["a = tf.zeros((2, 3))", "b = tf.zeros((3, 4))"], "tf.concat([a, b], axis=-1)") == "error"
    assert check(["a = np.zeros((2, 3))"], "np.concatenate([a, a[0]])") == "error"
    assert check(["a = np.zeros((2, 3))"], "np.stack([a, a], axis=2)") == "ok"
    assert check(["a = keras.Input((3,))", "b = keras.Input((4,))"], "keras.ops.stack([a, b])") == "error"


# ---- reductions and argmax ----------------------------------------------------------------------

@st.composite
def reduce_cases(draw):
    kind = draw(st.sampled_from(["tf", "np", "np-method", "keras-eager", "keras"]))
    shape = shapes(draw, maybe_none if kind == "keras" else small, 1 if kind == "keras" else 0)
    name = draw(st.sampled_from(["sum", "mean", "max", "min", "prod"] + (["std", "var"] if kind.startswith("np") else [])))
    axes = st.integers(-len(shape) - 1, len(shape))
    axis = draw(st.one_of(st.none(), axes, st.lists(axes, max_size=3).map(tuple),
                          st.lists(axes, max_size=3) if kind in ("tf", "keras", "keras-eager") else st.none()))
    args = [] if axis is None and draw(st.booleans()) else [f"axis={axis!r}"]
    if kind != "tf" or draw(st.booleans()):
        args.append(f"keepdims={draw(st.booleans())}")
    setup = [f"x = {make('np' if kind.startswith(('np', 'keras-')) else kind, shape)}"]
    if kind == "np-method":
        return setup, f"x.{name}({', '.join(args)})"
    function = {"tf": f"{draw(st.sampled_from(['tf', 'tf.math']))}.reduce_{name}",
                "np": f"np.{draw(st.sampled_from(['', 'a']))}{name}" if name in ("max", "min") else f"np.{name}",
                }.get(kind, f"keras.ops.{name}")
    return setup, f"{function}({', '.join(['x'] + args)})"


@settings(max_examples=60, deadline=None)
@given(case=reduce_cases())
def test_reductions_match_the_libraries(case):
    check(*case)


@st.composite
def argmax_cases(draw):
    kind = draw(st.sampled_from(["tf", "np", "np-method", "keras-eager", "keras"]))
    shape = shapes(draw, maybe_none if kind == "keras" else small, 1 if kind == "keras" else 0)
    name = draw(st.sampled_from(["argmax", "argmin"]))
    axis = draw(st.one_of(st.none(), st.integers(-len(shape) - 1, len(shape))))
    args = [f"axis={axis}"] if axis is not None or draw(st.booleans()) else []
    if kind != "tf" and draw(st.booleans()):
        args.append(f"keepdims={draw(st.booleans())}")
    setup = [f"x = {make('np' if kind.startswith(('np', 'keras-')) else kind, shape)}"]
    if kind == "np-method":
        return setup, f"x.{name}({', '.join(args)})"
    function = {"tf": f"{draw(st.sampled_from(['tf', 'tf.math']))}.{name}", "np": f"np.{name}"}.get(
        kind, f"keras.ops.{name}")
    return setup, f"{function}({', '.join(['x'] + args)})"


@settings(max_examples=40, deadline=None)
@given(case=argmax_cases())
def test_argmax_matches_the_libraries(case):
    check(*case)


def test_reduction_examples():
    assert check(["x = tf.zeros((2, 3, 4))"], "tf.reduce_mean(x, axis=[0, -1], keepdims=True)") == "ok"
    assert check(["x = tf.zeros((2, 3))"], "tf.reduce_sum(x, axis=2)") == "error"
    assert check(["x = np.zeros((2, 3))"], "x.max(axis=(1, -1))") == "error"
    assert check(["x = np.zeros(())"], "np.sum(x, axis=0)") == "ok"
    assert check(["x = keras.Input((5,))"], "keras.ops.argmax(x, axis=2)") == "error"


# ---- gather / take ------------------------------------------------------------------------------

@st.composite
def gather_cases(draw):
    spelling = draw(st.sampled_from(["tf.gather", "tf.gather", "np.take", "keras.ops.take", "keras symbolic"]))
    kind = "keras" if spelling == "keras symbolic" else spelling[:2]
    params = shapes(draw, small, 0 if spelling == "tf.gather" else 1)
    batch_dims = draw(st.sampled_from([0, 0, 0, 1, -1, 2])) if spelling == "tf.gather" else 0
    index_shape = list(shapes(draw, small, 0, 2))
    if batch_dims and draw(st.booleans()):
        index_shape = list(params[:2]) + index_shape
    indices = draw(st.sampled_from(["tensor", "tensor", "list", "int"]))
    setup = [f"x = {make(kind, params)}"]
    if indices == "tensor":
        setup.append(f"i = {make(kind, tuple(index_shape), 'int32')}")
    else:
        setup.append("i = [0, 0]" if indices == "list" else "i = 0")
    function = "keras.ops.take" if kind == "keras" else spelling
    if spelling == "keras.ops.take":  # the TensorFlow backend fails on an axis out of range without a message
        axis = draw(st.one_of(st.none(), st.integers(-len(params), len(params) - 1)))
    else:
        axis = draw(st.one_of(st.none(), st.integers(-len(params) - 1, len(params))))
    arguments = ["x", "i"] + ([] if axis is None else [f"axis={axis}"])
    if batch_dims:
        arguments.append(f"batch_dims={batch_dims}")
    return setup, f"{function}({', '.join(arguments)})"


@settings(max_examples=50, deadline=None)
@given(case=gather_cases())
def test_gather_and_take_match_the_libraries(case):
    check(*case)


# ---- split / tile -------------------------------------------------------------------------------

@st.composite
def split_cases(draw):
    spelling = draw(st.sampled_from(["tf.split", "tf.split", "np.split", "np.array_split", "keras.ops.split",
                                     "keras symbolic"]))
    kind = "keras" if spelling == "keras symbolic" else spelling[:2]
    shape = shapes(draw, st.integers(1, 6), 0 if kind == "tf" else 1)
    if kind == "tf":
        axis = draw(st.integers(-len(shape) - 1, len(shape)))
    else:  # NumPy fails with an IndexError on an axis out of range
        axis = draw(st.integers(-len(shape), len(shape) - 1))
    size = shape[axis] if -len(shape) <= axis < len(shape) else 6
    if kind == "tf":
        sections = draw(st.one_of(st.integers(1, 4), st.lists(st.integers(-2, size), min_size=1, max_size=3)))
    elif kind == "np":
        sections = draw(st.one_of(st.integers(1, 4), st.lists(st.integers(-size - 1, size + 1), max_size=3)))
    else:  # Keras takes increasing split points inside the axis
        sections = draw(st.one_of(st.integers(1, 4),
                                  st.lists(st.integers(0, size), max_size=3).map(sorted)))
    function = "keras.ops.split" if kind == "keras" else spelling
    return [f"x = {make(kind, shape)}"], f"{function}(x, {sections!r}, axis={axis})"


@settings(max_examples=50, deadline=None)
@given(case=split_cases())
def test_split_matches_the_libraries(case):
    check(*case)


@st.composite
def tile_cases(draw):
    kind = draw(st.sampled_from(["tf", "np", "keras-eager", "keras"]))
    shape = shapes(draw, maybe_none if kind == "keras" else small, 1 if kind == "keras" else 0)
    repeats = st.integers(-1 if kind == "tf" else 0, 3)
    if kind == "tf":
        reps = draw(st.lists(repeats, min_size=max(len(shape) - 1, 0), max_size=len(shape) + 1))
    else:
        reps = draw(st.one_of(repeats, st.lists(repeats, max_size=4).map(tuple)))
    function = {"tf": "tf.tile", "np": "np.tile"}.get(kind, "keras.ops.tile")
    return [f"x = {make('np' if kind == 'keras-eager' else kind, shape)}"], f"{function}(x, {reps!r})"


@settings(max_examples=40, deadline=None)
@given(case=tile_cases())
def test_tile_matches_the_libraries(case):
    check(*case)


# ---- reshaping: transposes, reshape, expand_dims, squeeze, indexing, one_hot --------------------

@st.composite
def transpose_cases(draw):
    spelling = draw(st.sampled_from(["np.swapaxes", "x.swapaxes", "keras.ops.swapaxes", "keras symbolic",
                                     "tf.linalg.matrix_transpose", "np.matrix_transpose", "np.permute_dims",
                                     "tf.transpose", "keras.ops.transpose", "x.T"]))
    kind = "keras" if spelling == "keras symbolic" else "tf" if spelling.startswith("tf") else "np"
    shape = shapes(draw, small, 2 if "matrix" in spelling else 1, 4)
    setup = [f"x = {make(kind, shape)}"]
    rank = len(shape)
    if spelling in ("np.permute_dims", "tf.transpose", "keras.ops.transpose"):
        return setup, f"{spelling}(x, {tuple(draw(st.permutations(range(rank))))!r})"
    if "matrix" in spelling or spelling == "x.T":
        return setup, f"{spelling}(x)" if spelling != "x.T" else "x.T"
    axis1, axis2 = draw(st.integers(-rank - 1, rank)), draw(st.integers(-rank - 1, rank))
    if spelling == "x.swapaxes":
        return setup, f"x.swapaxes({axis1}, {axis2})"
    function = "keras.ops.swapaxes" if kind == "keras" else spelling
    return setup, f"{function}(x, {axis1}, {axis2})"


@settings(max_examples=40, deadline=None)
@given(case=transpose_cases())
def test_transposes_match_the_libraries(case):
    check(*case)


@st.composite
def reshape_cases(draw):
    """The reshapes, expand_dims, squeezes and slices tensors.py follows (valid ones: it reports none)."""
    kind = draw(st.sampled_from(["tf", "np", "keras"]))
    shape = shapes(draw, small, 1)
    module = {"tf": "tf", "np": "np", "keras": "keras.ops"}[kind]
    setup = [f"x = {make('np' if kind == 'keras' else kind, shape)}"]
    how = draw(st.sampled_from(["reshape", "expand_dims", "squeeze", "slice", "one_hot", "cast"]))
    if how == "reshape":
        target = [int(np.prod(shape))]
        if target[0] % 2 == 0 and draw(st.booleans()):
            target = [2, target[0] // 2]
        if draw(st.booleans()):
            target[draw(st.integers(0, len(target) - 1))] = -1
        return setup, f"{module}.reshape(x, {tuple(target)!r})"
    if how == "expand_dims":
        return setup, f"{module}.expand_dims(x, {draw(st.integers(-len(shape) - 1, len(shape)))})"
    if how == "squeeze":
        ones = [i for i, d in enumerate(shape) if d == 1]
        return setup, f"{module}.squeeze(x)" if not ones else f"{module}.squeeze(x, {draw(st.sampled_from(ones))})"
    if how == "slice":
        items = [draw(st.sampled_from([":", "0", "1:", ":-1", "None", "..."])) for _ in shape]
        items = [i for n, i in enumerate(items) if i != "..." or "..." not in items[:n]]
        return setup, f"x[{', '.join(items)}]"
    if how == "one_hot" and kind != "np":
        setup[0] = f"x = {make('np' if kind == 'keras' else kind, shape, 'int32')}"
        return setup, f"{module}.one_hot(x, 4)"
    return setup, "tf.cast(x, tf.int32)" if kind != "keras" else "keras.ops.cast(x, 'int32')"


@settings(max_examples=40, deadline=None)
@given(case=reshape_cases())
def test_reshaping_follows_the_libraries(case):
    check(*case)


# ---- what stays unknown -------------------------------------------------------------------------

def test_dynamic_shapes_and_unknown_ops_stay_unknown():
    program = IMPORTS + """x = tf.zeros((2, 3))
s = tf.shape(x)
e = tf.einsum("ij,jk->ik", x, tf.zeros((4, 5)))
z = tf.matmul(e, tf.zeros((7, 2)))
"""
    report = analyse(program)
    assert not report.diagnostics
    assert {v.span.line for v in report.values} == {3}  # only x: s, e and z are not static


@pytest.mark.parametrize("expression", ["x[..., np.newaxis]", "x[:, tf.newaxis]", "tf.one_hot(labels, 5, axis=0)",
                                        "tf.one_hot(labels, 5)", "x.reshape(-1, 28, 28, 1)"])
def test_newaxis_one_hot_and_reshape_shapes_match_tensorflow(expression):
    import numpy as np
    import tensorflow as tf

    x, labels = np.zeros((4, 28, 28)), np.zeros((4,), dtype=int)
    expected = tuple(eval(expression, {"np": np, "tf": tf, "x": x, "labels": labels}).shape)
    source = ("import numpy as np\nimport tensorflow as tf\nx = np.zeros((4, 28, 28))\n"
              f"labels = np.zeros((4,), dtype=int)\ny = {expression}\n")
    (value,) = [v for v in analyse(source).values if v.span.line == 4]
    assert value.shape == expected


@pytest.mark.parametrize("code,message", [
    ("np.zeros((2, 50)).reshape(-1, 8, 8, 1)", "cannot reshape array of size 100 into shape (8,8,1)"),
    ("tf.reshape(tf.zeros((2, 50)), (4, 8))",
     "Input to reshape is a tensor with 100 values, but the requested shape has 32 [Op:Reshape]"),
    ("keras.ops.reshape(tf.zeros((2, 50)), (-1, 8, 8, 1))",
     "Input to reshape is a tensor with 100 values, but the requested shape requires a multiple of 64 [Op:Reshape]"),
])
def test_reshape_failures_use_the_librarys_wording(code, message):
    import keras
    import numpy as np
    import tensorflow as tf

    with pytest.raises(Exception) as raised:
        eval(code, {"np": np, "tf": tf, "keras": keras})
    assert message in str(raised.value)
    (d,) = analyse(f"import numpy as np\nimport tensorflow as tf\nimport keras\ny = {code}\n").diagnostics
    assert d.code == "SL110" and d.message == message


# ---- what depends on the runtime: TensorFlow's oneDNN kernels word matmul errors their own way ------

MATMUL_BY_KERNEL = [
    (["x = tf.zeros(())", "y = tf.zeros(())"], "tf.matmul(x, y)"),
    (["x = tf.zeros((2,))", "y = tf.zeros((2,))"], "tf.matmul(x, y)"),
    (["x = tf.zeros((2, 2))", "y = tf.zeros((2,))"], "tf.matmul(x, y)"),
    (["x = tf.zeros((3,))", "y = tf.zeros((2, 2))"], "x @ y"),
    (["x = tf.zeros((2, 3))", "y = tf.zeros((2, 3))"], "tf.matmul(x, y)"),
    (["x = tf.zeros((4, 2, 3))", "y = tf.zeros((4, 2, 3))"], "tf.matmul(x, y, transpose_a=True)"),
    (["x = tf.zeros((4, 2, 3))", "y = tf.zeros((4, 2, 3))"], "tf.matmul(x, y)"),
    (["x = keras.ops.zeros((2, 3))", "y = keras.ops.zeros((2, 3))"], "keras.ops.matmul(x, y)"),
]


@pytest.mark.parametrize("onednn", [False, True])
def test_matmul_errors_follow_the_kernels(onednn):
    """Run in TensorFlow with oneDNN off and on: the engine, told which, words each error the same."""
    programs = [IMPORTS + "".join(f"{line}\n" for line in setup) + f"z = {expression}\n"
                for setup, expression in MATMUL_BY_KERNEL]
    current = runtime.detect()
    for program, (outcome, message, _) in zip(programs, run_elsewhere(programs, onednn=onednn)):
        reported = [d.message for d in analyse(program, runtime=replace(current, onednn=onednn)).diagnostics
                    if d.code == OP_MISMATCH]
        assert reported == ([_normalise(message)] if outcome == "error" else []), program


# ---- np.array of nested lists: the shape, or NumPy's error for rows of different lengths ----------

nested = st.recursive(st.integers(0, 9), lambda inner: st.lists(inner, min_size=1, max_size=3), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(value=st.lists(nested, min_size=1, max_size=3))
@example(value=[[[3, 5, 5], 3, [3, 5, 5]], [3, 0], [3, 0]])  # rows of lists and numbers, then of other lengths
def test_nested_lists_as_numpy_builds_them(value):
    program = f"import numpy as np\nz = np.array({value!r})\n"
    try:
        truth: object = np.array(value).shape
    except ValueError as error:
        truth = str(error)
    report = analyse(program)
    errors = [d.message for d in report.diagnostics if d.code == OP_MISMATCH]
    shapes = [v.shape for v in report.values if v.kind == "tensor"]
    assert (errors or shapes) == ([truth] if isinstance(truth, str) else [truth]), program


@pytest.mark.parametrize("expression", [
    "rng.random((2, 3))", "rng.standard_normal(4)", "rng.normal(0, 1, (4, 2))",
    "rng.normal(size=3)", "rng.uniform(-1, 1, size=(2, 1))", "rng.integers(0, 10, size=5)",
    "rng.integers(10, size=(2, 2))", "rng.integers(0, 10, (3,))", "rng.choice(5, 3)", "rng.choice(5, size=(2, 2))",
    "np.random.sample((3, 2))",
])
def test_numpy_random_generators(expression):
    """np.random.default_rng()'s samplers: their shapes as NumPy gives them."""
    assert check(["rng = np.random.default_rng(0)"], expression) == "ok"


@pytest.mark.parametrize("setup,expression", [
    (["labels = np.random.randint(0, 10, size=(6,))"], "np.eye(10)[labels]"),
    (["labels = np.random.randint(0, 3, size=(6, 1))"], "np.eye(3)[labels]"),
    (["labels = np.array([0, 2, 1])"], "np.eye(3, dtype='float32')[labels]"),
    (["labels = np.random.randint(0, 4, size=(2, 5))"], "np.identity(4)[labels]"),
    (["rows = np.zeros((7, 3))", "order = np.random.randint(0, 7, size=(7,))"], "rows[order]"),
    ([], "np.eye(4, 6)"),
])
def test_indexing_with_an_array_of_integers(setup, expression):
    """One-hot labels through `np.eye(k)[labels]`, and rows picked by an index array."""
    assert check(setup, expression) == "ok"
