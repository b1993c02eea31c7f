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


def unfixed(source, code):
    """The one error's fixes, for a program no fix here can repair."""
    source = textwrap.dedent(source).lstrip("\n")
    assert raising_line(source) is not None
    [error] = errors(source)
    assert error.code == code, (error.code, error.message)
    return error.repairs


def test_flatten_over_frames_of_any_count_becomes_pooling():
    fixed, title = fix("""
        import numpy as np
        import keras
        from keras.layers import Conv2D, Dense, Flatten, GlobalAveragePooling2D

        model = keras.Sequential([
            keras.Input(shape=(None, None, 3)),
            Conv2D(8, 3, activation="relu"),
            Flatten(),
            Dense(4, activation="softmax"),
        ])
        print(model.predict(np.zeros((2, 20, 24, 3)), verbose=0).shape)
    """, "SL109")
    assert "    GlobalAveragePooling2D(),\n" in fixed
    assert title == "Pool over the variable-length axis: GlobalAveragePooling2D instead of Flatten"


def test_pooling_spelled_through_the_module_when_not_imported():
    fixed, title = fix("""
        import tensorflow as tf
        from tensorflow.keras.layers import Dense, Embedding, Flatten, LSTM

        tokens = tf.keras.Input(shape=(None,), dtype="int32")
        steps = LSTM(16, return_sequences=True)(Embedding(100, 8)(tokens))
        score = Dense(1)(Flatten()(steps))
        model = tf.keras.Model(tokens, score)
    """, "SL109")
    assert "Dense(1)(tf.keras.layers.GlobalAveragePooling1D()(steps))" in fixed
    assert title == "Pool over the variable-length axis: GlobalAveragePooling1D instead of Flatten"


def test_no_pooling_fix_when_the_last_axis_is_of_any_size():
    # Flatten is not to blame: the channel axis itself is declared of any size.
    fixes = unfixed("""
        import keras

        inputs = keras.Input(shape=(6, None))
        x = keras.layers.Flatten()(inputs)
        model = keras.Model(inputs, keras.layers.Dense(2)(x))
    """, "SL109")
    assert not [f for f in fixes if "Pool" in f.title]


def test_unpadded_convolution_before_a_skip_connection_gets_same_padding():
    fixed, title = fix("""
        import keras
        from keras import layers

        image = keras.Input((32, 32, 3))
        down = layers.Conv2D(16, 5, padding="valid", activation="relu")(image)
        down = layers.AveragePooling2D(2)(down)
        up = layers.Conv2DTranspose(8, 2, strides=2)(down)
        merged = layers.concatenate([image, up])
        model = keras.Model(image, layers.Conv2D(1, 1)(merged))
    """, "SL106")
    assert 'layers.Conv2D(16, 5, padding="same", activation="relu")(image)' in fixed
    assert title == "Use padding=\"same\" in Conv2D 'conv2d' so the inputs of Concatenate have one size"


def test_no_padding_fix_when_padding_alone_does_not_match_the_sizes():
    # Two unpadded convolutions each take 2 pixels: padding either one still leaves 2.
    fixes = unfixed("""
        import keras
        from keras import layers

        image = keras.Input((16, 16, 1))
        x = layers.Conv2D(4, 3)(image)
        x = layers.Conv2D(4, 3)(x)
        merged = layers.Concatenate()([x, image])
    """, "SL106")
    assert not [f for f in fixes if "padding" in f.title]


def test_embedding_is_sized_from_its_pretrained_matrix():
    fixed, title = fix("""
        import numpy as np
        import keras

        vectors = np.random.rand(300, 16)
        model = keras.Sequential([
            keras.Input(shape=(12,)),
            keras.layers.Embedding(input_dim=301, output_dim=8, weights=[vectors]),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(1),
        ])
        print(model.predict(np.random.randint(0, 300, (2, 12)), verbose=0).shape)
    """, "SL109")
    assert "Embedding(input_dim=vectors.shape[0], output_dim=vectors.shape[1], weights=[vectors])" in fixed
    assert title == "Size the Embedding from its weights: vectors.shape[0], vectors.shape[1]"


def test_no_embedding_fix_for_weights_made_in_the_call():
    # A matrix written into the call would be made twice by `.shape`: no fix.
    fixes = unfixed("""
        import numpy as np
        import keras

        layer = keras.layers.Embedding(50, 4, weights=[np.zeros((40, 4))])
    """, "SL109")
    assert fixes == []


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
