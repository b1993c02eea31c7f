"""Quick fixes for a layer that rejects its input inside a model: the preferred fix, applied, leaves
a program that runs clean under TensorFlow."""
import textwrap

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits


def errors(source):
    return [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]


def fix(source, code):
    """The program after the preferred fix of its one error, which must have `code`; and the fix's title."""
    source = textwrap.dedent(source).lstrip("\n")
    assert raising_line(source) is not None  # the bug is real
    [error] = errors(source)
    assert error.code == code and error.fixes, (error.code, error.message)
    chosen = error.fixes[0]
    assert chosen.preferred
    fixed = apply_edits(source, chosen.edits)
    assert errors(fixed) == []
    assert raising_line(fixed) is None, fixed
    return fixed, chosen.title


def test_pooling_without_arguments_gets_same_padding():
    fixed, title = fix("""
        import keras
        from keras import layers

        model = keras.Sequential([
            keras.Input(shape=(3, 3, 4)),
            layers.Conv2D(8, 3),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(2),
        ])
    """, "SL104")
    assert 'layers.MaxPooling2D(padding="same")' in fixed and title == 'Use padding="same" in MaxPooling2D'


def test_valid_padding_is_replaced():
    fixed, _ = fix("""
        import keras

        inputs = keras.Input(shape=(4, 4, 1))
        x = keras.layers.Conv2D(8, kernel_size=5, padding="valid")(inputs)
        model = keras.Model(inputs, x)
    """, "SL104")
    assert 'padding="same")(inputs)' in fixed and "valid" not in fixed


def test_reshape_gets_the_size_the_element_count_leaves():
    fixed, title = fix("""
        import keras

        inputs = keras.Input(shape=(50,))
        x = keras.layers.Reshape((10, 10))(inputs)
        x = keras.layers.LSTM(4)(x)
        model = keras.Model(inputs, x)
    """, "SL105")
    assert "Reshape((10, 5))" in fixed and title == "Reshape to (10, 5) (50 values)"


def test_dense_before_reshape_gets_the_units_the_target_holds():
    fixed, _ = fix("""
        import keras

        latent = keras.Input(shape=(8,))
        x = keras.layers.Dense(30)(latent)
        x = keras.layers.Reshape((4, 4, 2))(x)
        model = keras.Model(latent, x)
    """, "SL105")
    assert "Dense(32)" in fixed


def test_concatenate_along_the_axis_that_differs():
    fixed, title = fix("""
        import keras
        from keras import layers

        a = keras.Input(shape=(5, 8))
        b = keras.Input(shape=(3, 8))
        x = layers.concatenate([a, b])
        model = keras.Model([a, b], layers.LSTM(2)(x))
    """, "SL106")
    assert "concatenate([a, b], axis=1)" in fixed and title == "Concatenate along axis 1"


def test_shortcut_is_projected_to_the_branch_width():
    fixed, title = fix("""
        import keras
        from keras import layers

        inputs = keras.Input(shape=(8,))
        x = layers.Dense(16, activation="relu")(inputs)
        x = layers.Add()([x, inputs])
        model = keras.Model(inputs, x)
    """, "SL106")
    assert "layers.Add()([x, layers.Dense(16)(inputs)])" in fixed
    assert title == "Project inputs to 16 channels with a Dense layer"


def test_branch_layer_written_with_a_literal_gets_the_width():
    fixed, _ = fix("""
        import keras

        inputs = keras.Input(shape=(6, 6, 4))
        left = keras.layers.Conv2D(8, 1)(inputs)
        right = keras.layers.Conv2D(6, 3, padding="same")(inputs)
        out = keras.layers.Multiply()([left, right])
        model = keras.Model(inputs, out)
    """, "SL106")
    assert 'Conv2D(8, 3, padding="same")' in fixed


def test_flatten_before_conv1d_is_removed():
    fixed, title = fix("""
        from tensorflow import keras
        from tensorflow.keras import layers

        model = keras.Sequential()
        model.add(keras.Input(shape=(20, 3)))
        model.add(layers.Flatten())
        model.add(layers.Conv1D(4, 3))
    """, "SL102")
    assert "Flatten" not in fixed and title == "Remove the Flatten before Conv1D"


def test_conv2d_on_a_declared_input_without_channels():
    fixed, _ = fix("""
        import keras

        inputs = keras.Input((28, 28))
        x = keras.layers.Conv2D(4, 3)(inputs)
        model = keras.Model(inputs, x)
    """, "SL102")
    assert "keras.Input((28, 28, 1))" in fixed


def test_no_fix_when_no_axis_or_padding_helps():
    source = textwrap.dedent("""
        import keras
        from keras import layers

        a = keras.Input(shape=(6, 6, 2))
        b = keras.Input(shape=(4, 5, 2))
        x = layers.Concatenate()([a, b])
    """)
    [error] = errors(source)
    assert error.code == "SL106" and error.repairs == []


def test_a_layers_input_shape_becomes_the_shape_of_its_input():
    fixed, title = fix("""
        import numpy as np
        import keras

        norm = keras.layers.LayerNormalization()
        batch = np.ones((2, 7), dtype="float32")
        out = norm(batch)
        print(norm.input_shape, out.shape)
    """, "SL111")
    assert "print(batch.shape, out.shape)" in fixed and title == "Use the shape of the layer's input, batch.shape"


def test_an_expression_given_to_a_layer_is_kept_in_a_variable_for_its_shape():
    fixed, title = fix("""
        import tensorflow as tf

        scale = tf.keras.layers.Rescaling(0.5)
        if True:
            halved = scale(tf.fill((3, 4), 2.0))
            print("in:", scale.input_shape, "out:", halved.shape)
    """, "SL111")
    assert "    layer_input = tf.fill((3, 4), 2.0)\n    halved = scale(layer_input)\n" in fixed
    assert "layer_input.shape" in fixed
    assert title == "Keep the layer's input in a variable and use its shape, layer_input.shape"


def test_a_custom_layer_that_reduces_away_an_axis_keeps_it():
    fixed, title = fix("""
        import numpy as np
        import tensorflow as tf


        class TimeMax(tf.keras.layers.Layer):
            def call(self, x):
                return tf.reduce_max(x, axis=2)


        model = tf.keras.Sequential([
            tf.keras.Input(shape=(10, 4)),
            TimeMax(),
            tf.keras.layers.Conv1D(3, 2),
        ])
        print(model.predict(np.ones((2, 10, 4)), verbose=0).shape)
    """, "SL102")
    assert "tf.reduce_max(x, axis=2, keepdims=True)" in fixed
    assert title == "Keep the reduced axis in TimeMax.call: keepdims=True"
