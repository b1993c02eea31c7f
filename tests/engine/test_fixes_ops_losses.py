"""Quick fixes for tensor-op mismatches (SL110) and for losses that reject the labels (SL201/SL202):
each fixed program runs clean under TensorFlow."""
import textwrap

import pytest

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits


def fixed(source: str, title: str) -> str:
    """The program after the offered fix whose title starts with `title`."""
    source = textwrap.dedent(source).lstrip("\n")
    errors = [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]
    assert errors, "no error found"
    offered = [f for f in errors[0].fixes if f.title.startswith(title)]
    assert offered, [f.title for f in errors[0].fixes]
    return apply_edits(source, offered[0].edits)


def assert_runs(source: str, title: str, expected: str) -> None:
    after = fixed(source, title)
    assert expected in after, after
    assert raising_line(after) is None, after


def test_numpy_matmul_transposes_the_right_operand():
    assert_runs("""
        import numpy as np
        x = np.random.rand(8, 5)
        w = np.random.rand(3, 5)
        print((x @ w).shape)
    """, "Transpose the right operand", "x @ w.T")


def test_tf_matmul_takes_transpose_b():
    assert_runs("""
        import tensorflow as tf
        x = tf.random.normal((8, 5))
        w = tf.random.normal((3, 5))
        y = tf.matmul(x, w)
    """, "Transpose the right operand", "tf.matmul(x, w, transpose_b=True)")


def test_tensor_matmul_operator_transposes_with_tf():
    assert_runs("""
        import tensorflow as tf
        x = tf.random.normal((8, 5))
        w = tf.random.normal((3, 5))
        y = x @ w
    """, "Transpose the right operand", "x @ tf.transpose(w)")


def test_keras_ops_matmul_transposes_with_the_ops_module():
    assert_runs("""
        import numpy as np
        import keras
        from keras import ops
        w = np.random.rand(3, 5).astype("float32")
        inputs = keras.Input(shape=(5,))
        model = keras.Model(inputs, ops.matmul(inputs, w))
        model.predict(np.random.rand(2, 5), verbose=0)
    """, "Transpose the right operand", "ops.matmul(inputs, ops.transpose(w))")


def test_no_transpose_when_it_would_not_fit():
    source = textwrap.dedent("""
        import numpy as np
        x = np.random.rand(8, 5)
        w = np.random.rand(3, 4)
        y = x @ w
    """)
    [error] = [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]
    assert error.repairs == []


def test_broadcast_inserts_the_axis_a_reduction_dropped():
    assert_runs("""
        import numpy as np
        sequences = np.random.rand(40, 25, 6)
        centred = sequences - sequences.mean(axis=1)
    """, "Insert axis 1", "sequences.mean(axis=1)[:, None]")


def test_tf_subtract_inserts_the_axis():
    assert_runs("""
        import tensorflow as tf
        x = tf.zeros((4, 7, 3))
        peak = tf.reduce_max(x, axis=1)
        shifted = tf.subtract(x, peak)
    """, "Insert axis 1", "tf.subtract(x, peak[:, None])")


def test_concatenate_along_the_axis_that_differs():
    assert_runs("""
        import numpy as np
        a = np.random.rand(10, 3)
        b = np.random.rand(10, 5)
        both = np.concatenate([a, b])
    """, "Concatenate along axis -1", "np.concatenate([a, b], axis=-1)")


def test_tf_concat_axis_replaced():
    assert_runs("""
        import tensorflow as tf
        a = tf.zeros((4, 3))
        b = tf.zeros((4, 5))
        both = tf.concat([a, b], axis=0)
    """, "Concatenate along axis -1", "tf.concat([a, b], axis=-1)")


MODEL = """
    import numpy as np
    import keras
    x = np.random.rand(32, 6)
    y = {labels}
    model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer="adam", loss={loss})
    model.fit(x, y, epochs=1, verbose=0)
"""
INTEGERS = "np.random.randint(0, 4, 32)"
ONE_HOT = "keras.utils.to_categorical(np.random.randint(0, 4, 32), 4)"


@pytest.mark.parametrize("loss,labels,expected", [
    ("keras.losses.categorical_crossentropy", INTEGERS, "loss=keras.losses.sparse_categorical_crossentropy"),
    ("keras.losses.CategoricalCrossentropy()", INTEGERS, "loss=keras.losses.SparseCategoricalCrossentropy()"),
    ("keras.losses.SparseCategoricalCrossentropy(from_logits=False)", ONE_HOT,
     "loss=keras.losses.CategoricalCrossentropy(from_logits=False)"),
])
def test_loss_function_or_class_switched(loss, labels, expected):
    assert_runs(MODEL.format(loss=loss, labels=labels), "Use ", expected)


def test_integer_labels_one_hot_encoded_at_fit():
    assert_runs(MODEL.format(loss='"categorical_crossentropy"', labels=INTEGERS), "One-hot encode",
                "model.fit(x, keras.utils.to_categorical(y, 4)")


def test_one_hot_labels_to_class_ids_at_fit():
    assert_runs(MODEL.format(loss="keras.losses.SparseCategoricalCrossentropy()", labels=ONE_HOT),
                "Use class ids", "model.fit(x, np.argmax(y, axis=-1)")


def test_labels_with_an_extra_axis():
    assert_runs(MODEL.format(loss='"categorical_crossentropy"', labels=f"{ONE_HOT}.reshape(32, 1, 4)"),
                "Drop the labels' axis 1", "model.fit(x, y[:, 0]")


def test_functional_last_dense_units():
    assert_runs("""
        import numpy as np
        import tensorflow as tf
        tags = np.random.randint(0, 2, size=(24, 3)).astype("float32")
        inputs = tf.keras.Input(shape=(10,))
        hidden = tf.keras.layers.Dense(16, activation="relu")(inputs)
        out = tf.keras.layers.Dense(1, activation="sigmoid")(hidden)
        model = tf.keras.Model(inputs, out)
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(np.random.randn(24, 10), tags, epochs=1, verbose=0)
    """, "Set the last Dense to 3 units", "tf.keras.layers.Dense(3, activation")


def test_no_single_unit_for_a_softmax_over_classes():
    source = textwrap.dedent(MODEL.format(loss='"categorical_crossentropy"', labels=INTEGERS))
    [error] = [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]
    assert not any(f.title.startswith("Set the last Dense") for f in error.fixes), [f.title for f in error.fixes]


def test_one_unit_for_one_target_per_sample():
    assert_runs("""
        import numpy as np
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense, Input
        model = Sequential([Input(shape=(8,)), Dense(5)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(np.random.rand(100, 8), np.random.rand(100), batch_size=32, epochs=1, verbose=0)
    """, "Set the last Dense to 1 unit", "Dense(1)")


def test_flatten_is_appended_before_the_last_dense_of_a_grown_layer_list():
    assert_runs("""
        import numpy as np
        import keras

        blocks = [keras.Input(shape=(12, 12, 1))]
        for filters in (4, 8):
            blocks.append(keras.layers.Conv2D(filters, 3, padding="same"))
        blocks.append(keras.layers.Dense(3, activation="softmax"))  # the classifier
        model = keras.Sequential(blocks)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(np.random.rand(4, 12, 12, 1), np.random.randint(0, 3, 4), epochs=1, verbose=0)
    """, "Insert Flatten() before the last Dense layer",
        "blocks.append(keras.layers.Flatten())\nblocks.append(keras.layers.Dense(3")
