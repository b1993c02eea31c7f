"""The engine's Keras 2 messages and outcomes, compared with real Keras 2 (tf_keras, in-process).

Each case is a small program. It runs under tf_keras (`import tf_keras as keras`); the engine
analyses the same program written against `tensorflow.keras`, in Keras 2 mode. If Keras 2 runs it,
the engine must report no error; if Keras 2 raises, the engine must report an error on that
statement whose message starts with Keras 2's (its innermost error, past the "in user code:" and
"Exception encountered when calling layer" paragraphs). TensorFlow op errors name a graph node
that depends on how the model runs; the engine leaves it out, and so does the comparison.
"""
import contextlib
import importlib.util
import io
import re
import sys
import textwrap
import traceback
import warnings
from pathlib import Path

import pytest

from keras_run import statement_lines
from shapelens.engine import Severity, analyse
from shapelens.engine.runtime import KERAS2

tf_keras = pytest.importorskip("tf_keras")

_spec = importlib.util.spec_from_file_location("keras2_make_truth", Path(__file__).parent / "make_truth.py")
make_truth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_truth)

FILENAME = "<keras2-case>"
HEADER = "from tensorflow import keras\nimport numpy as np\n"  # two lines, as the Keras 2 run's
NODE = re.compile(r" for '\{\{node [^']*'")

CASES = {
    # InputSpec checks: ndim, min_ndim, axis (before and after the layer is built).
    "ndim": "keras.Sequential([keras.layers.LSTM(4, input_shape=(10,))])",
    "ndim, batch axis in input_shape": "keras.Sequential([keras.layers.LSTM(4, input_shape=(64, 10, 8))])",
    "min_ndim": "keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(28, 28))])",
    "min_ndim, after Flatten": """
        keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(28, 28, 1)), keras.layers.Flatten(),
                          keras.layers.Conv2D(4, 3)])
    """,
    "axis, built layer called again": """
        dense = keras.layers.Dense(3)
        dense(np.zeros((2, 8), "float32"))
        dense(np.zeros((2, 12), "float32"))
    """,
    "axis, model called on RGB": """
        model = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(28, 28, 1))])
        model(np.zeros((1, 28, 28, 3), "float32"))
    """,
    # Models with a declared input check real data against it; in Keras 2 a Sequential's too.
    "functional model, other image size": """
        inputs = keras.Input((32, 32, 3))
        outputs = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))
        model = keras.Model(inputs, outputs)
        model(np.zeros((2, 64, 48, 3), "float32"))
    """,
    "Sequential with input_shape, other image size": """
        model = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 32, 3)),
                                  keras.layers.GlobalAveragePooling2D()])
        model.predict(np.zeros((2, 64, 48, 3), "float32"), verbose=0)
    """,
    "Sequential with input_shape, other features": """
        model = keras.Sequential([keras.layers.LSTM(4, input_shape=(10, 3))])
        model(np.zeros((2, 10, 5), "float32"))
    """,
    "Sequential with input_shape, KerasTensor of other size": """
        model = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 32, 3)),
                                  keras.layers.GlobalAveragePooling2D()])
        model(keras.Input((64, 48, 3)))
    """,
    "Sequential built by data, other size": """
        model = keras.Sequential([keras.layers.Conv2D(4, 3), keras.layers.GlobalAveragePooling2D()])
        model(np.zeros((2, 32, 32, 3), "float32"))
        model(np.zeros((2, 64, 48, 3), "float32"))
    """,
    # Losses.
    "categorical_crossentropy, integer labels": """
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(4,))])
        model.compile("sgd", "categorical_crossentropy")
        model.fit(np.zeros((8, 4)), np.zeros((8,)), batch_size=8, verbose=0)
    """,
    "categorical_crossentropy, sequence output": """
        model = keras.Sequential([keras.layers.LSTM(4, return_sequences=True, input_shape=(10, 3))])
        model.compile("sgd", "categorical_crossentropy")
        model.fit(np.zeros((8, 10, 3)), np.zeros((8, 4)), batch_size=8, verbose=0)
    """,
    "binary_crossentropy after a sigmoid": """
        model = keras.Sequential([keras.layers.Dense(2, activation="sigmoid", input_shape=(4,))])
        model.compile("adam", "binary_crossentropy")
        model.fit(np.zeros((8, 4)), np.zeros((8, 1)), batch_size=8, verbose=0)
    """,
    "binary_crossentropy after a softmax broadcasts": """
        model = keras.Sequential([keras.layers.Dense(1, activation="softmax", input_shape=(4,))])
        model.compile("adam", "binary_crossentropy")
        model.fit(np.zeros((8, 4)), np.zeros((8, 3)), batch_size=8, verbose=0)
    """,
    "binary_crossentropy after a softmax, no broadcast": """
        model = keras.Sequential([keras.layers.Dense(2, activation="softmax", input_shape=(4,))])
        model.compile("adam", "binary_crossentropy")
        model.fit(np.zeros((8, 4)), np.zeros((8, 3)), batch_size=8, verbose=0)
    """,
    "sparse_categorical_crossentropy, one-hot labels": """
        model = keras.Sequential([keras.layers.Dense(5, activation="softmax", input_shape=(4,))])
        model.compile("adam", "sparse_categorical_crossentropy")
        model.fit(np.zeros((8, 4)), np.zeros((8, 5)), batch_size=8, verbose=0)
    """,
    "mean_squared_error": """
        model = keras.Sequential([keras.layers.Dense(3, input_shape=(4,))])
        model.compile("sgd", "mse")
        model.fit(np.zeros((8, 4)), np.zeros((8, 4)), batch_size=8, verbose=0)
    """,
    # Layer errors Keras 2 words its own way.
    "Reshape": "keras.Sequential([keras.layers.Dense(10, input_shape=(4,)), keras.layers.Reshape((3, 4))])",
    "Reshape with -1": "keras.Sequential([keras.layers.Dense(10, input_shape=(4,)), keras.layers.Reshape((-1, 4))])",
    "Conv2D window too large": "keras.Sequential([keras.layers.Conv2D(8, 5, strides=2, input_shape=(4, 9, 8))])",
    "Conv1D window too large": "keras.Sequential([keras.layers.Conv1D(8, 5, input_shape=(4, 8))])",
    "DepthwiseConv2D window too large": "keras.Sequential([keras.layers.DepthwiseConv2D(5, input_shape=(4, 4, 8))])",
    "MaxPooling2D window too large":
        "keras.Sequential([keras.layers.MaxPooling2D(3, strides=1, input_shape=(2, 8, 8))])",
    "MaxPooling1D window too large": "keras.Sequential([keras.layers.MaxPooling1D(4, input_shape=(3, 8))])",
    "Cropping1D": "keras.Sequential([keras.layers.Cropping1D((3, 3), input_shape=(4, 4))])",
    "Cropping2D": "keras.Sequential([keras.layers.Cropping2D(((3, 3), (0, 0)), input_shape=(4, 4, 1))])",
    "merge, different batch sizes": "keras.layers.Add()([np.zeros((2, 3), 'float32'), np.zeros((3, 3), 'float32')])",
    "padding": "keras.layers.Conv2D(4, 3, padding='full')(np.zeros((1, 8, 8, 1), 'float32'))",
    "data_format": "keras.layers.Conv2D(4, 3, data_format='nchw')(np.zeros((1, 8, 8, 1), 'float32'))",
    "groups": "keras.layers.Conv2D(5, 3, groups=2)(np.zeros((1, 8, 8, 2), 'float32'))",
    "output_padding": "keras.layers.Conv2DTranspose(4, 3, output_padding=1)(np.zeros((1, 8, 8, 1), 'float32'))",
    "Attention score_mode": """
        query = keras.Input((3, 4))
        keras.layers.Attention(score_mode="x")([query, query])
    """,
    "TimeDistributed on 2-D input": """
        keras.Sequential([keras.layers.TimeDistributed(keras.layers.Dense(3), input_shape=(4,))])
    """,
    # Rules Keras 2 decides differently.
    "batch axis in a Conv2D's input_shape, then pooling": """
        keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 28, 28, 3)), keras.layers.MaxPooling2D()])
    """,
    "batch axis in a Conv2D's input_shape, then Flatten": """
        model = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 28, 28, 3)), keras.layers.Flatten(),
                                  keras.layers.Dense(2)])
        print(model.output_shape)
    """,
    "batch_input_shape": """
        model = keras.Sequential([keras.layers.Dense(3, batch_input_shape=(None, 4))])
        model(np.zeros((2, 5), "float32"))
    """,
    "Dense(0)": "keras.Sequential([keras.layers.Dense(0, input_shape=(4,))])",
    "layer.input_shape, layer called on data only": """
        dense = keras.layers.Dense(3)
        dense(np.zeros((1, 4), "float32"))
        print(dense.input_shape)
    """,
    "layer.output_shape, layer never called": """
        dense = keras.layers.Dense(3)
        print(dense.output_shape)
    """,
    "layer.input_shape, layer in a Sequential": """
        dense = keras.layers.Dense(3)
        model = keras.Sequential([keras.layers.Dense(4, input_shape=(5,)), dense])
        print(dense.input_shape, dense.output_shape)
    """,
    "layer.input_shape, layer in a functional model": """
        dense = keras.layers.Dense(3)
        outputs = dense(keras.Input((4,)))
        print(dense.input_shape)
    """,
}


def keras2_outcome(body: str) -> tuple[int, str] | None:
    """(line, message) where Keras 2 raises running the case, or None if it runs clean."""
    tf_keras.backend.clear_session()  # layer names start again from dense, dense_1, ...
    code = compile("import tf_keras as keras\nimport numpy as np\n" + body, FILENAME, "exec")
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            exec(code, {"__name__": "__main__"})
    except Exception as error:
        line = [f for f in traceback.extract_tb(sys.exc_info()[2]) if f.filename == FILENAME][-1].lineno
        return line, NODE.sub("", make_truth.core_message(str(error)))
    return None


@pytest.mark.parametrize("name", CASES)
def test_engine_in_keras_2_mode_agrees_with_keras_2(name):
    body = textwrap.dedent(CASES[name]).strip() + "\n"
    outcome = keras2_outcome(body)
    source = HEADER + body
    found = [(d.span.line + 1, d.message) for d in analyse(source, runtime=KERAS2).diagnostics
             if d.severity is Severity.ERROR]
    if outcome is None:
        assert found == [], found
        return
    line, message = outcome
    statement = statement_lines(source, line)
    assert [m for at, m in found if at in statement and m.startswith(message)], (
        f"Keras 2: line {line}: {message}\nengine: {found}")


def test_keras_2_mode_gives_no_input_shape_hint():
    source = HEADER + "model = keras.Sequential([keras.layers.Dense(3, input_shape=(4,))])\n"
    assert [d.code for d in analyse(source).diagnostics] == ["SL301"]
    assert analyse(source, runtime=KERAS2).diagnostics == []


def test_rules_not_measured_against_keras_2_are_left_out_in_keras_2_mode():
    source = HEADER + 'x = keras.Input((5, 3))\nkeras.layers.EinsumDense("abc,cd->abd", output_shape=(6, 4))(x)\n'
    assert [d.code for d in analyse(source).diagnostics] == ["SL109"]  # Keras 3: axis b is 5, not 6
    assert analyse(source, runtime=KERAS2).diagnostics == []
