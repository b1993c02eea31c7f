"""Quick fixes at the code that made a mismatched operand (SL110): a custom layer's weights sized in
build(), reductions that drop the axis the arithmetic needs. Each fixed program runs clean under
TensorFlow, and each fix is left out where its pattern does not hold."""
import textwrap

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits


def first_error(source: str):
    errors = [d for d in analyse(source).diagnostics if d.severity is Severity.ERROR]
    assert errors, "no error found"
    return errors[0]


def assert_fixed(source: str, title: str, expected: str) -> None:
    """The preferred fix has this title, its text holds `expected`, and the program then runs clean."""
    source = textwrap.dedent(source).lstrip("\n")
    preferred = first_error(source).fixes[0]
    assert preferred.preferred and preferred.title == title, [f.title for f in first_error(source).fixes]
    after = apply_edits(source, preferred.edits)
    assert expected in after, after
    assert raising_line(after) is None, after


def titles(source: str) -> list[str]:
    return [f.title for f in first_error(textwrap.dedent(source).lstrip("\n")).repairs]


def test_kernel_sized_from_the_build_parameter():
    assert_fixed("""
        import tensorflow as tf

        class Mix(tf.keras.layers.Layer):
            def __init__(self, width, depth=5):
                super().__init__()
                self.width, self.depth = width, depth

            def build(self, shape):
                self.mixer = self.add_weight(shape=[self.depth, self.width], initializer="ones")

            def call(self, x):
                return x @ self.mixer

        print(Mix(3)(tf.ones((2, 7))).shape)
    """, "Size the weight from the input's last axis: shape[-1]", "shape=[shape[-1], self.width]")


def test_kernel_of_a_graph_error_at_fit():
    assert_fixed("""
        import numpy as np
        import keras
        from keras import ops

        class PerStep(keras.layers.Layer):
            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-2], 4))

            def call(self, steps):
                return ops.matmul(steps, self.w)

        model = keras.Sequential([keras.Input((6, 3)), PerStep(), keras.layers.Flatten(), keras.layers.Dense(1)])
        model.compile(loss="mse")
        model.fit(np.zeros((4, 6, 3)), np.zeros((4, 1)), verbose=0)
    """, "Size the weight from the input's last axis: input_shape[-1]", "shape=(input_shape[-1], 4)")


def test_no_kernel_fix_for_a_weight_made_outside_build():
    assert not any("Size the weight" in t for t in titles("""
        import tensorflow as tf

        class Mix(tf.keras.layers.Layer):
            def __init__(self):
                super().__init__()
                self.mixer = self.add_weight(shape=(5, 3))

            def call(self, x):
                return tf.matmul(x, self.mixer)

        print(Mix()(tf.ones((2, 7))).shape)
    """))


def test_bias_sized_like_the_kernel_output():
    assert_fixed("""
        import keras
        from keras import ops

        class Head(keras.layers.Layer):
            def __init__(self, classes):
                super().__init__()
                self.classes = classes

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.classes))
                self.offset = self.add_weight(shape=(input_shape[-1],), initializer="zeros")

            def call(self, h):
                logits = h @ self.kernel
                return self.offset + logits

        print(Head(3)(ops.ones((5, 9))).shape)
    """, "Size the bias like the kernel's output: self.classes", "shape=(self.classes,)")


def test_no_bias_fix_without_a_kernel_product():
    assert not any("Size the bias" in t for t in titles("""
        import tensorflow as tf

        class Shift(tf.keras.layers.Layer):
            def build(self, input_shape):
                self.b = self.add_weight(shape=(4,))

            def call(self, x):
                return x + self.b

        print(Shift()(tf.ones((2, 6))).shape)
    """))


def test_softmax_keeps_the_reduced_axis_in_each_reduction():
    assert_fixed("""
        import numpy as np
        scores = np.random.rand(4, 10)
        probs = np.exp(scores - np.max(scores, axis=-1)) / np.sum(np.exp(scores - np.max(scores, axis=-1)), axis=-1)
        print(probs.shape)
    """, "Keep the reduced axis (keepdims=True)",
        "np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / "
        "np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)")


def test_tensorflow_reduction_with_its_axis_by_position():
    assert_fixed("""
        import tensorflow as tf
        x = tf.random.normal((3, 5, 2))
        centred = x - tf.reduce_mean(x, 1)
    """, "Keep the reduced axis (keepdims=True)", "tf.reduce_mean(x, 1, keepdims=True)")


def test_no_keepdims_where_the_other_operand_never_had_the_reduced_axis():
    assert "Keep the reduced axis (keepdims=True)" not in titles("""
        import numpy as np
        x = np.ones((4, 5))
        totals = x.sum(axis=1) + np.ones(5)
    """)


def test_no_keepdims_for_a_reduction_made_in_another_statement():
    assert "Keep the reduced axis (keepdims=True)" not in titles("""
        import numpy as np
        x = np.random.rand(40, 25, 6)
        low = x.min(axis=1)
        shifted = x - low
    """)


def test_residual_sets_the_units_of_the_layer_that_made_the_branch():
    assert_fixed("""
        import numpy as np
        import keras

        class Block(keras.Model):
            def __init__(self):
                super().__init__()
                self.expand = keras.layers.Dense(units=64, activation="relu")
                self.head = keras.layers.Dense(1)

            def call(self, features):
                return self.head(features + self.expand(features))

        block = Block()
        block.compile(loss="mse")
        block.fit(np.zeros((8, 12)), np.zeros((8, 1)), verbose=0)
    """, "Set Dense 'dense' to 12 units", 'keras.layers.Dense(units=12, activation="relu")')


def test_no_channel_fix_for_a_layer_made_on_the_spot():
    assert not any(t.startswith("Set Dense") for t in titles("""
        import tensorflow as tf

        class Block(tf.keras.layers.Layer):
            def call(self, x):
                return x + tf.keras.layers.Dense(5)(x)

        print(Block()(tf.ones((2, 3))).shape)
    """))


def test_input_declared_with_the_size_the_other_operand_has():
    assert_fixed("""
        import numpy as np
        import keras

        query = keras.Input(shape=(6, 8))
        key = keras.Input(shape=(6, 4))
        gated = keras.ops.multiply(query, key)
        model = keras.Model([query, key], keras.layers.Dense(1)(gated))
        model.predict([np.zeros((2, 6, 8)), np.zeros((2, 6, 8))], verbose=0)
    """, "Declare the input shape (6, 8) instead of (6, 4)", "key = keras.Input(shape=(6, 8))")


def test_input_declared_inside_a_custom_layer_call():
    assert_fixed("""
        import tensorflow as tf

        class Gate(tf.keras.layers.Layer):
            def call(self, pair):
                return tf.sigmoid(pair[0]) * pair[1]

        signal = tf.keras.Input(shape=(10,))
        control = tf.keras.Input(shape=(3,))
        out = Gate()([signal, control])
    """, "Declare the input shape (10,) instead of (3,)", "control = tf.keras.Input(shape=(10,))")


def test_no_input_fix_for_a_shape_not_written_as_numbers():
    assert not any(t.startswith("Declare the input shape") for t in titles("""
        import keras

        width = 4
        query = keras.Input(shape=(6, 2 * width))
        key = keras.Input(shape=(6, width))
        gated = keras.ops.multiply(query, key)
    """))


def test_sequence_features_pooled_globally_before_joining_a_vector():
    assert_fixed("""
        import numpy as np
        import keras
        from keras import layers, ops

        class TwoTowers(keras.Model):
            def __init__(self):
                super().__init__()
                self.conv = layers.Conv1D(8, 3)
                self.pool = layers.AveragePooling1D(4, padding="same", name="steps")
                self.side = layers.Dense(8)
                self.out = layers.Dense(2)

            def call(self, inputs):
                series, extra = inputs
                joined = ops.concatenate([self.side(extra), self.pool(self.conv(series))], axis=-1)
                return self.out(joined)

        print(TwoTowers()([np.zeros((4, 20, 3)), np.zeros((4, 5))]).shape)
    """, "Pool globally: GlobalAveragePooling1D", 'self.pool = layers.GlobalAveragePooling1D(name="steps")')


def test_no_global_pooling_where_the_pooled_tensor_keeps_axes_the_other_lacks():
    assert not any(t.startswith("Pool globally") for t in titles("""
        import tensorflow as tf
        from tensorflow.keras import layers

        class Net(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.pool = layers.MaxPooling2D()

            def call(self, inputs):
                image, text = inputs
                return tf.concat([self.pool(image), text], axis=-1)

        print(Net()([tf.zeros((2, 8, 8, 3)), tf.zeros((2, 4, 3))]).shape)
    """))
