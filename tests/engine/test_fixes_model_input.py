"""Data that disagrees with a model's declared input: the preferred fix declares the data's shape
(for keras.applications, builds the model for it; batches an unbatched dataset; transposes data
whose axes are in another order), and the fixed program runs clean."""
import pytest

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits

FUNCTIONAL = """
import numpy as np
import keras

inputs = keras.Input(shape=(20,))
hidden = keras.layers.Dense(8, activation="relu")(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(hidden))
table = np.random.rand(6, 24)
print(model.predict(table, verbose=0).shape)
"""

SEQUENTIAL_INPUT_SHAPE = """
import numpy as np
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Flatten(input_shape=(28, 28)),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile("adam", "sparse_categorical_crossentropy")
digits = np.random.rand(8, 32, 32).astype("float32")
model.fit(digits, np.random.randint(0, 10, 8), epochs=1, verbose=0)
"""

SHAPE_FROM_VARIABLE = """
import numpy as np
import keras

window = (10, 2)
inputs = keras.Input(shape=window)
x = keras.layers.LSTM(4)(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.compile("adam", "mse")
series = np.random.rand(16, 10, 3).astype("float32")
model.fit(series, np.random.rand(16), epochs=1, verbose=0)
"""

ANY_LENGTH = """
import numpy as np
import keras

inputs = keras.Input(shape=(None, 5))
x = keras.layers.LSTM(4)(inputs)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
print(model.predict(np.random.rand(3, 7, 6), verbose=0).shape)
"""

APPLICATION = """
import numpy as np
import tensorflow as tf

model = tf.keras.applications.MobileNetV2(weights=None, include_top=True, classes=4)
photos = np.random.rand(2, 96, 96, 3).astype("float32")
print(model.predict(photos, verbose=0).shape)
"""

UNBATCHED_DATASET = """
import numpy as np
import tensorflow as tf
import keras

images = np.random.rand(16, 8, 8, 1).astype("float32")
ds = tf.data.Dataset.from_tensor_slices((images, np.random.randint(0, 2, 16))).shuffle(16)
inputs = keras.Input(shape=(8, 8, 1))
x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))
model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(ds, epochs=1, verbose=0)
"""

STACKED_ON_THE_WRONG_AXIS = """
import numpy as np
import keras

channels = [np.random.rand(12, 40) for _ in range(3)]
signals = np.stack(channels, axis=1)
model = keras.Sequential([keras.Input(shape=(40, 3)), keras.layers.Conv1D(4, 5), keras.layers.GlobalMaxPooling1D()])
print(model.predict(signals, verbose=0).shape)
"""

# The declared input also serves the training data: changing it cannot repair the program.
OTHER_DATA_AGREES = """
import numpy as np
import keras

inputs = keras.Input(shape=(8,))
model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
model.compile("adam", "mse")
model.fit(np.random.rand(30, 8), np.random.rand(30), epochs=1, verbose=0)
print(model.predict(np.random.rand(5, 10), verbose=0))
"""


def errors(source):
    return [d for d in analyse(source, "model_input.py").diagnostics if d.severity is Severity.ERROR]


@pytest.mark.parametrize("source,title", [
    (FUNCTIONAL, "Declare the data's shape (24,) as the model's input"),
    (SEQUENTIAL_INPUT_SHAPE, "Declare the data's shape (32, 32) as the model's input"),
    (SHAPE_FROM_VARIABLE, "Declare the data's shape (10, 3) as the model's input"),
    (ANY_LENGTH, "Declare the data's shape (None, 6) as the model's input"),
    (APPLICATION, "Build MobileNetV2 for the data's shape: input_shape=(96, 96, 3)"),
    (UNBATCHED_DATASET, "Batch the dataset: ds.batch(32)"),
], ids=["functional", "sequential-input-shape", "variable", "any-length", "application", "unbatched-dataset"])
def test_preferred_fix_makes_the_program_run(source, title):
    assert raising_line(source) is not None
    [error] = errors(source)
    [fix] = [f for f in error.fixes if f.preferred]
    assert fix.title == title
    fixed = apply_edits(source, fix.edits)
    assert errors(fixed) == []
    assert raising_line(fixed) is None, fixed


def test_transposed_data_is_transposed_back():
    source = STACKED_ON_THE_WRONG_AXIS
    assert raising_line(source) is not None
    [error] = errors(source)
    [fix] = [f for f in error.fixes if f.title.startswith("Transpose")]
    assert fix.title == "Transpose the data to the model's input (None, 40, 3)"
    fixed = apply_edits(source, fix.edits)
    assert "np.transpose(signals, (0, 2, 1))" in fixed
    assert errors(fixed) == [] and raising_line(fixed) is None, fixed


def test_no_fix_when_other_data_needs_the_declared_shape():
    source = OTHER_DATA_AGREES
    assert raising_line(source) is not None
    [error] = errors(source)
    assert not [f for f in error.fixes if "model's input" in f.title]


WINDOWS_OF_TWO_SENSORS = """
import numpy as np
import keras

readings = np.random.rand(120, 2).astype("float32")
windows = keras.utils.timeseries_dataset_from_array(readings[:-1], readings[1:, 0], sequence_length=24,
                                                    batch_size=8)
model = keras.Sequential([keras.Input(shape=(24, 4)), keras.layers.Conv1D(4, 3), keras.layers.GlobalMaxPooling1D(),
                          keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(windows, epochs=1, verbose=0)
"""

# The windows evaluated after have the declared 4 sensors: declaring 2 cannot repair the program.
WINDOWS_FROM_TWO_SERIES = WINDOWS_OF_TWO_SENSORS + """
model.evaluate(np.random.rand(8, 24, 4), np.random.rand(8), verbose=0)
"""


def test_dataset_windows_declare_their_feature_count():
    source = WINDOWS_OF_TWO_SENSORS
    assert raising_line(source) is not None
    [error] = errors(source)
    [fix] = [f for f in error.fixes if f.preferred]
    assert fix.title == "Declare the data's shape (24, 2) as the model's input"
    fixed = apply_edits(source, fix.edits)
    assert errors(fixed) == [] and raising_line(fixed) is None, fixed


def test_no_fix_for_windows_when_other_windows_need_the_declared_shape():
    source = WINDOWS_FROM_TWO_SERIES
    assert raising_line(source) is not None
    [error] = errors(source)
    assert not [f for f in error.fixes if "model's input" in f.title]


JOINED_SIDE_BY_SIDE = """
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input(shape=(6, 8)), tf.keras.layers.LSTM(4)])
morning, evening = tf.zeros((5, 6, 8)), tf.ones((5, 6, 8))
both = tf.concat([morning, evening], 2)
print(model(both).shape)
"""


def test_data_joined_on_the_wrong_axis_is_joined_on_the_batch_axis():
    source = JOINED_SIDE_BY_SIDE
    assert raising_line(source) is not None
    [error] = errors(source)
    fix = error.fixes[0]
    assert fix.title == "Concatenate along axis 0, as the model's input (None, 6, 8) needs"
    fixed = apply_edits(source, fix.edits)
    assert "tf.concat([morning, evening], 0)" in fixed
    assert errors(fixed) == [] and raising_line(fixed) is None, fixed


def test_no_join_fix_when_no_other_axis_gives_the_input():
    # Three parts of 4 columns: 12 columns, and no other join gives the declared 8.
    source = """
import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1)])
x = np.concatenate([np.ones((3, 4)), np.ones((3, 4)), np.ones((3, 4))], axis=1)
model.predict(x, verbose=0)
"""
    assert raising_line(source) is not None
    [error] = errors(source)
    assert not [f for f in error.fixes if f.title.startswith("Concatenate")]
