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

# The data has another rank than the input the model declares, and the model takes it as it is.
OTHER_RANK = """
import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(6, 6)), keras.layers.Flatten(), keras.layers.Dense(2)])
flat = np.random.rand(4, 36)
print(model(flat).shape)
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


def errors(source, path="model_input.py"):
    return [d for d in analyse(source, path).diagnostics if d.severity is Severity.ERROR]


def real_error(source, path="model_input.py", folder=None):
    """The program's one error, after checking that the program does raise under TensorFlow."""
    assert raising_line(source, folder) is not None
    [error] = errors(source, path)
    return error


def repaired(source, fix, path="model_input.py", folder=None):
    """The program after `fix`, which leaves it clean for the engine and running under TensorFlow."""
    fixed = apply_edits(source, fix.edits)
    assert errors(fixed, path) == [] and raising_line(fixed, folder) is None, fixed
    return fixed


@pytest.mark.parametrize("source,title", [
    (FUNCTIONAL, "Declare the data's shape (24,) as the model's input"),
    (SEQUENTIAL_INPUT_SHAPE, "Declare the data's shape (32, 32) as the model's input"),
    (SHAPE_FROM_VARIABLE, "Declare the data's shape (10, 3) as the model's input"),
    (ANY_LENGTH, "Declare the data's shape (None, 6) as the model's input"),
    (APPLICATION, "Build MobileNetV2 for the data's shape: input_shape=(96, 96, 3)"),
    (UNBATCHED_DATASET, "Batch the dataset: ds.batch(32)"),
    (OTHER_RANK, "Declare the data's shape (36,) as the model's input"),
], ids=["functional", "sequential-input-shape", "variable", "any-length", "application", "unbatched-dataset",
        "other-rank"])
def test_preferred_fix_makes_the_program_run(source, title):
    error = real_error(source)
    [fix] = [f for f in error.fixes if f.preferred]
    assert fix.title == title
    repaired(source, fix)


def test_transposed_data_is_transposed_back():
    source = STACKED_ON_THE_WRONG_AXIS
    error = real_error(source)
    [fix] = [f for f in error.fixes if f.title.startswith("Transpose")]
    assert fix.title == "Transpose the data to the model's input (None, 40, 3)"
    fixed = repaired(source, fix)
    assert "np.transpose(signals, (0, 2, 1))" in fixed


def test_no_fix_when_other_data_needs_the_declared_shape():
    source = OTHER_DATA_AGREES
    error = real_error(source)
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
    error = real_error(source)
    [fix] = [f for f in error.fixes if f.preferred]
    assert fix.title == "Declare the data's shape (24, 2) as the model's input"
    repaired(source, fix)


def test_no_fix_for_windows_when_other_windows_need_the_declared_shape():
    source = WINDOWS_FROM_TWO_SERIES
    error = real_error(source)
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
    error = real_error(source)
    fix = error.fixes[0]
    assert fix.title == "Concatenate along axis 0, as the model's input (None, 6, 8) needs"
    fixed = repaired(source, fix)
    assert "tf.concat([morning, evening], 0)" in fixed


def test_no_join_fix_when_no_other_axis_gives_the_input():
    # Three parts of 4 columns: 12 columns, and no other join gives the declared 8.
    source = """
import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1)])
x = np.concatenate([np.ones((3, 4)), np.ones((3, 4)), np.ones((3, 4))], axis=1)
model.predict(x, verbose=0)
"""
    error = real_error(source)
    assert not [f for f in error.fixes if f.title.startswith("Concatenate")]


# A layer already built on other data, called on data whose sizes are written where it is made.
SHARED_ENCODER = """
import tensorflow as tf

encoder = tf.keras.layers.Dense(3)
print(encoder(tf.ones((4, 10))).shape)
print(encoder(tf.zeros([4, 6])).shape)
"""

# Inside a subclassed model's call(): the fix goes where the data it was called on is made.
SUBCLASSED = """
import numpy as np
import keras


class Scorer(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, features):
        return self.dense(features)


scorer = Scorer()
scorer.compile("adam", "mse")
scorer.fit(np.ones((16, 4)), np.ones(16), epochs=1, verbose=0)
print(scorer.predict(np.ones((2, 5)), verbose=0))
"""

SIZES_FROM_NAMES = """
import numpy as np
import keras

width = 10
inputs = keras.Input(shape=(8,))
model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
model.compile("adam", "mse")
model.fit(np.random.rand(30, 8), np.random.rand(30), epochs=1, verbose=0)
print(model.predict(np.random.rand(5, width), verbose=0))
"""


@pytest.mark.parametrize("source,title,made", [
    (OTHER_DATA_AGREES, "Make the data with shape (5, 8) where it is created", "np.random.rand(5, 8)"),
    (SHARED_ENCODER, "Make the data with shape (4, 10) where it is created", "tf.zeros([4, 10])"),
    (SUBCLASSED, "Make the data with shape (2, 4) where it is created", "np.ones((2, 4))"),
], ids=["predict-after-fit", "shared-layer", "subclassed"])
def test_data_made_from_written_sizes_is_made_in_the_needed_ones(source, title, made):
    error = real_error(source)
    [fix] = error.repairs
    assert fix.title == title
    fixed = repaired(source, fix)
    assert made in fixed


def test_sizes_held_in_names_are_not_rewritten():
    error = real_error(SIZES_FROM_NAMES)
    assert error.repairs == []


def test_an_unbounded_analysis_checks_every_fix_whatever_the_time(monkeypatch):
    """Speculative fixes need a check; an editor's analysis may skip checks it has no time for
    (and drops those fixes), an unbounded one (`--fix`, budget=None) never does."""
    import shapelens.engine as engine
    monkeypatch.setattr(engine, "VERIFY_MIN_SECONDS", 0.0)
    monkeypatch.setattr(engine, "VERIFY_FACTOR", 0.0)
    [bounded] = errors(FUNCTIONAL)
    [unbounded] = [d for d in analyse(FUNCTIONAL, "model_input.py", budget=None).diagnostics
                   if d.severity is Severity.ERROR]
    assert [f.title for f in bounded.repairs] == []
    assert [f.title for f in unbounded.repairs] == ["Declare the data's shape (24,) as the model's input",
                                                  "Make the data with shape (6, 20) where it is created"]


NET_FACTORY = """
import keras


def image_net(image_shape, classes=3):
    model = keras.Sequential([
        keras.Input(shape=image_shape),
        keras.layers.Conv2D(4, 3),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(classes, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


def table_net(width):
    inputs = keras.Input(shape=(width,))
    model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    model.compile("adam", "mse")
    return model
"""

CALLS_IMAGE_NET = """
import numpy as np
from netfactory import image_net

SIDE = 12
photos = np.random.rand(6, SIDE, SIDE, 3).astype("float32")
model = image_net((SIDE, SIDE, 1))
model.fit(photos, np.random.randint(0, 3, 6), epochs=1, verbose=0)
"""

CALLS_TABLE_NET = """
import numpy as np
import netfactory

rows = np.random.rand(10, 5)
features = rows[:, 1:]
model = netfactory.table_net(width=rows.shape[1])
model.fit(features, rows[:, 0], epochs=1, verbose=0)
"""


@pytest.mark.parametrize("source,title,call", [
    (CALLS_IMAGE_NET, "Pass the data's shape (12, 12, 3) to image_net", "image_net((SIDE, SIDE, 3))"),
    (CALLS_TABLE_NET, "Pass the data's size to netfactory.table_net: width=features.shape[1]",
     "netfactory.table_net(width=features.shape[1])"),
], ids=["whole-shape", "one-size"])
def test_a_model_from_another_file_gets_the_data_shape_in_the_call_here(tmp_path, source, title, call):
    (tmp_path / "netfactory.py").write_text(NET_FACTORY)
    path = tmp_path / "train.py"
    path.write_text(source)  # imports are found beside a saved file
    error = real_error(source, str(path), str(tmp_path))
    [fix] = [f for f in error.fixes if f.preferred]
    assert fix.title == title
    fixed = repaired(source, fix, str(path), str(tmp_path))
    assert call in fixed


CONCATENATED_SENSORS = """
import numpy as np
import keras

pressure = np.random.rand(20, 16)
flow = np.random.rand(20, 16)
readings = np.concatenate((pressure, flow), 1)
model = keras.Sequential([keras.Input(shape=(16, 2)), keras.layers.GRU(4), keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(readings, np.random.rand(20), epochs=1, verbose=0)
"""


def test_series_concatenated_end_to_end_are_stacked_side_by_side():
    source = CONCATENATED_SENSORS
    error = real_error(source)
    fix = error.fixes[0]  # the one --fix applies
    assert fix.title == "Stack the arrays on a new last axis: np.stack(..., axis=-1)"
    fixed = repaired(source, fix)
    assert "np.stack((pressure, flow), -1)" in fixed


def test_no_stacking_when_the_parts_do_not_make_the_declared_axis():
    three = CONCATENATED_SENSORS.replace("(pressure, flow)", "(pressure, flow, flow)")
    error = real_error(three)
    assert not [f for f in error.fixes if "stack" in f.title]


ELEMENT_RESHAPED_WITH_BATCH_AXIS = """
import numpy as np
import tensorflow as tf

pixels = np.random.rand(12, 192).astype("float32")
labels = np.random.randint(0, 2, 12)


def to_image(row, label):
    return tf.reshape(row, [-1, 8, 8, 3]), label


ds = tf.data.Dataset.from_tensor_slices((pixels, labels)).map(to_image).batch(4)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(8, 8, 3)),
    tf.keras.layers.Conv2D(2, 3),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(2, activation="softmax"),
])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(ds, epochs=1, verbose=0)
"""


FLATTENED = ELEMENT_RESHAPED_WITH_BATCH_AXIS.replace("rand(12, 192)", "rand(12, 8, 8, 3)").replace(
    "[-1, 8, 8, 3]", "(-1,)")


@pytest.mark.parametrize("source,reshaped", [
    (ELEMENT_RESHAPED_WITH_BATCH_AXIS, "tf.reshape(row, [8, 8, 3])"),
    (FLATTENED, "tf.reshape(row, (8, 8, 3))"),
], ids=["own-batch-axis", "flattened"])
def test_dataset_elements_are_reshaped_to_the_models_input(source, reshaped):
    error = real_error(source)
    fix = error.fixes[0]
    assert fix.title == "Reshape each element to the model's input (8, 8, 3)"
    fixed = repaired(source, fix)
    assert reshaped in fixed


@pytest.mark.parametrize("data,title", [
    ("np.random.rand(10, 7)", "Declare 7 features in the input shape to match the data"),
    ("np.random.rand(10, 6, 6, 1)", "Declare 1 channel in the input shape to match the data"),
], ids=["features", "one-channel"])
def test_the_declared_last_axis_is_named_for_what_it_holds(data, title):
    shape = "(5,)" if data.count(",") == 1 else "(6, 6, 3)"
    source = f"""
import numpy as np
import keras

model = keras.Sequential([keras.Input(shape={shape}), keras.layers.Dense(2)])
print(model.predict({data}, verbose=0).shape)
"""
    [error] = errors(source)
    assert title in [f.title for f in error.fixes]
