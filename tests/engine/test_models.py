"""Models, calls, fit/evaluate/predict and losses: every expected outcome is checked by running."""
import pytest

from keras_run import assert_same_outcome


@pytest.mark.parametrize("loss,units,labels", [
    ("categorical_crossentropy", 3, "(8,)"),
    ("categorical_crossentropy", 3, "(8, 1)"),
    ("categorical_crossentropy", 3, "(8, 3)"),
    ("categorical_crossentropy", 3, "(8, 5)"),
    ("categorical_crossentropy", 1, "(8,)"),
    ("sparse_categorical_crossentropy", 3, "(8,)"),
    ("sparse_categorical_crossentropy", 3, "(8, 1)"),
    ("sparse_categorical_crossentropy", 3, "(8, 3)"),
    ("binary_crossentropy", 1, "(8,)"),
    ("binary_crossentropy", 1, "(8, 1)"),
    ("binary_crossentropy", 3, "(8, 1)"),
    ("mse", 3, "(8, 5)"),
    ("mse", 1, "(8, 3)"),
    ("mse", 3, "(8, 1)"),
    ("keras.losses.CategoricalCrossentropy()", 4, "(8,)"),
    ("keras.losses.SparseCategoricalCrossentropy()", 4, "(8, 4)"),
])
def test_loss_checks_on_fit(loss, units, labels):
    quoted = loss if "(" in loss else repr(loss)
    assert_same_outcome(f"""
import numpy as np
import keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense({units}, activation="softmax")])
model.compile(optimizer="sgd", loss={quoted})
x = np.random.rand(8, 4)
y = np.random.randint(0, {units}, size={labels})
model.fit(x, y, epochs=1, batch_size=4, verbose=0)
""")


@pytest.mark.parametrize("flatten", ["keras.layers.Flatten(),", ""])
def test_dense_after_conv_without_flatten_breaks_the_loss(flatten):
    assert_same_outcome(f"""
import numpy as np
import keras
model = keras.Sequential([
    keras.Input((8, 8, 1)),
    keras.layers.Conv2D(4, 3),
    {flatten}
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="sgd", loss="categorical_crossentropy")
labels = keras.utils.to_categorical(np.random.randint(0, 3, size=(6,)), 3)
model.fit(np.random.rand(6, 8, 8, 1), labels, epochs=1, verbose=0)
""")


@pytest.mark.parametrize("size", [32, 48])
def test_functional_models_check_fixed_input_dimensions(size):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
inputs = keras.Input(shape=(32, 32, 3))
x = keras.layers.Conv2D(8, 3)(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, keras.layers.Dense(2)(x))
model.predict(np.zeros((2, {size}, {size}, 3)), verbose=0)
""")


@pytest.mark.parametrize("size", [32, 48])
def test_sequential_models_accept_other_spatial_sizes_with_global_pooling(size):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(8, 3),
                          keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(2)])
model.predict(np.zeros((2, {size}, {size}, 3)), verbose=0)
""")


@pytest.mark.parametrize("data", ["np.zeros((5, 28, 28))", "np.zeros((5, 28, 28, 1))", "np.zeros((5, 784))"])
def test_a_missing_trailing_axis_of_size_one_is_added(data):
    assert_same_outcome(f"""
import numpy as np
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), tf.keras.layers.Conv2D(4, 3), tf.keras.layers.Flatten()])
model.predict({data}, verbose=0)
""")


@pytest.mark.parametrize("second", [16, 24])
def test_shared_layer_called_on_different_last_dimensions(second):
    assert_same_outcome(f"""
from tensorflow import keras
a = keras.Input((16,))
b = keras.Input(({second},))
shared = keras.layers.Dense(8)
merged = keras.layers.Concatenate()([shared(a), shared(b)])
model = keras.Model([a, b], merged)
""")


@pytest.mark.parametrize("sample", ["x[0]", "x[:1]", "np.expand_dims(x[0], 0)"])
def test_predict_on_one_sample(sample):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
x = np.random.rand(10, 12)
model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(3)])
model.predict({sample}, verbose=0)
""")


@pytest.mark.parametrize("width", [6, 7])
def test_validation_data_is_checked(width):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.zeros((8, 6)), np.zeros((8, 1)), epochs=1, verbose=0,
          validation_data=(np.zeros((4, {width})), np.zeros((4, 1))))
""")


@pytest.mark.parametrize("argument", ["batch_input_shape=(None, 4)", "input_shape=(4,)"])
def test_batch_input_shape_on_a_layer_is_rejected_by_keras_3(argument):
    assert_same_outcome(f"""
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(3, {argument}), tf.keras.layers.Dense(1)])
""")


@pytest.mark.parametrize("batched", [True, False])
def test_tf_data_batches_feed_fit(batched):
    batch = ".batch(4)" if batched else ""
    assert_same_outcome(f"""
import numpy as np
import tensorflow as tf
x = np.random.rand(16, 5).astype("float32")
y = np.random.rand(16, 1).astype("float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(16){batch}
model = tf.keras.Sequential([tf.keras.Input((5,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(dataset, epochs=1, verbose=0)
""")


@pytest.mark.parametrize("samples,batch_size", [(4, "None"), (8, 4), (10, 4)])
def test_the_batch_size_in_loss_messages_is_the_one_keras_traces(samples, batch_size):
    import keras as real_keras
    import numpy as np

    from shapelens.engine import analyse

    source = f"""
import numpy as np
import keras
model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(3)])
model.compile(loss="categorical_crossentropy", optimizer="sgd")
model.fit(np.zeros(({samples}, 10)), np.zeros(({samples}, 4)), verbose=0, batch_size={batch_size})
"""
    model = real_keras.Sequential([real_keras.Input((10,)), real_keras.layers.Dense(3)])
    model.compile(loss="categorical_crossentropy", optimizer="sgd")
    with pytest.raises(ValueError) as raised:
        model.fit(np.zeros((samples, 10)), np.zeros((samples, 4)), verbose=0, batch_size=eval(str(batch_size)))
    (d,) = [d for d in analyse(source).diagnostics if d.severity.value == "error"]
    assert d.message.startswith(str(raised.value).split("\n")[0])
