"""Data with one axis too few or too many for the model: the preferred fix changes the data where it
is defined (a channel or feature axis after the assignment that made it, a second `.batch()` removed,
a grayscale picture opened as RGB) or drops a last axis of size 1 with a Reshape, and the fixed
program runs clean under TensorFlow."""
import textwrap

from PIL import Image

from keras_run import raising_line
from shapelens.engine import DataFiles, Severity, analyse
from shapelens.engine.fixes import apply_edits


def errors(source, folder=None):
    """The engine's errors for a program run in `folder` (where its data files are)."""
    report = analyse(source, f"{folder}/program.py", data=DataFiles([folder])) if folder else analyse(source)
    return [d for d in report.diagnostics if d.severity is Severity.ERROR]


def preferred(source, folder=None):
    """The one error's preferred fix, and the program it makes, which must run clean."""
    assert raising_line(source, folder) is not None  # the bug is real
    [error] = errors(source, folder)
    assert error.fixes and error.fixes[0].preferred, (error.code, error.message, error.fixes)
    fix = error.fixes[0]
    fixed = apply_edits(source, fix.edits)
    assert errors(fixed, folder) == [] and raising_line(fixed, folder) is None, fixed
    return fix.title, fixed


def titles(source, folder=None):
    """The titles of the fixes offered for a program that really raises."""
    assert raising_line(source, folder) is not None
    return [f.title for d in errors(source, folder) for f in d.repairs]


def program(text):
    return textwrap.dedent(text).lstrip("\n")


FUNCTIONAL_SHAPE_FROM_DATA = program("""
    import numpy as np
    import keras

    def scans():
        return np.random.rand(12, 16, 16).astype("float32")

    volume = scans()
    inputs = keras.Input(shape=volume.shape[1:])
    x = keras.layers.Conv2D(4, 3, activation="relu")(inputs)
    outputs = keras.layers.Dense(1)(keras.layers.GlobalMaxPooling2D()(x))
    net = keras.Model(inputs, outputs)
    net.compile("adam", "mse")
    net.fit(volume, np.zeros(12), epochs=1, verbose=0)
""")


def test_channel_axis_added_where_the_data_a_functional_input_reads_is_assigned():
    title, fixed = preferred(FUNCTIONAL_SHAPE_FROM_DATA)
    assert title == "Add a channel axis to the data: volume = np.expand_dims(volume, -1)"
    assert "volume = scans()\nvolume = np.expand_dims(volume, -1)\ninputs" in fixed


def test_channel_axis_for_a_sequential_built_by_add_without_numpy():
    title, fixed = preferred(program("""
        import tensorflow as tf

        frames = tf.random.uniform((6, 10, 10))
        clf = tf.keras.Sequential()
        clf.add(tf.keras.Input(shape=frames.shape[1:]))
        clf.add(tf.keras.layers.Conv2D(3, 3))
    """))
    assert title == "Add a channel axis to the data: frames = frames[..., None]"
    assert "frames = frames[..., None]\nclf = " in fixed


def test_no_data_fix_when_one_axis_is_not_enough():
    source = FUNCTIONAL_SHAPE_FROM_DATA.replace("(12, 16, 16)", "(12, 256)")
    assert not [t for t in titles(source) if "axis to the data" in t]


GENERATOR = program("""
    import numpy as np
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    sketches, labels = np.random.rand(20, 14, 14), np.arange(20) % 2
    sketches = sketches.astype("float32")
    augment = ImageDataGenerator(horizontal_flip=True{format})
    augment.fit(sketches)
    for images, _ in augment.flow(sketches, labels, batch_size=5):
        break
""")


def test_image_generator_data_gets_its_channel_axis_where_defined():
    title, fixed = preferred(GENERATOR.format(format=""))
    assert title == "Add a channel axis to the data: sketches = np.expand_dims(sketches, -1)"
    assert 'sketches = sketches.astype("float32")\nsketches = np.expand_dims(sketches, -1)\n' in fixed


def test_no_channel_last_fix_for_channels_first_generators():
    assert titles(GENERATOR.format(format=', data_format="channels_first"')) == []


RNN_ON_A_DATASET = program("""
    import numpy as np
    import tensorflow as tf

    readings = np.random.normal(size=(40, 12)).astype("float32")
    labels = np.random.randint(0, 2, size=40)
    pipeline = tf.data.Dataset.from_tensor_slices((readings, labels)).shuffle(40).batch(10)
    model = tf.keras.Sequential([tf.keras.layers.SimpleRNN(4), tf.keras.layers.Dense(2)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(pipeline, epochs=1, verbose=0)
""")


def test_feature_axis_added_to_the_data_a_dataset_is_made_of():
    title, fixed = preferred(RNN_ON_A_DATASET)
    assert title == "Add a feature axis to the data: readings = np.expand_dims(readings, -1)"
    assert '.astype("float32")\nreadings = np.expand_dims(readings, -1)\nlabels' in fixed


def test_no_data_fix_for_data_made_inside_the_pipeline():
    source = RNN_ON_A_DATASET.replace("from_tensor_slices((readings, labels))",
                                      "from_tensor_slices((np.ones((40, 12), 'float32'), labels))")
    assert not [t for t in titles(source) if "axis to the data" in t]


SUBCLASSED = program("""
    import numpy as np
    import keras

    class Tagger(keras.Model):
        def __init__(self):
            super().__init__()
            self.project = keras.layers.Dense(6)
            self.gru = keras.layers.GRU(3)

        def call(self, tokens):
            return self.gru(self.project(tokens))

    batch = np.random.rand(8, 30).astype("float32")
    {use}tagger = Tagger()
    tagger.compile(optimizer="adam", loss="mse")
    tagger.fit(batch, np.zeros((8, 3)), epochs=1, verbose=0)
""")


def test_feature_axis_added_to_the_data_a_subclassed_model_runs_on():
    title, fixed = preferred(SUBCLASSED.format(use=""))
    assert title == "Add a feature axis to the data: batch = np.expand_dims(batch, -1)"


def test_no_feature_axis_when_other_code_needs_the_data_as_it_is():
    # A matrix product of the data as a table: the new axis would break it.
    source = SUBCLASSED.format(use="scores = batch @ np.ones((30, 2))\n")
    assert not [t for t in titles(source) if "axis to the data" in t]


BATCHED_TWICE = program("""
    import numpy as np
    import tensorflow as tf

    pairs = tf.data.Dataset.from_tensor_slices((np.random.rand(48, 5).astype("float32"), np.random.rand(48)))
    pairs = pairs.batch(12)
    {again}
    regressor = tf.keras.Sequential([tf.keras.Input((5,)), tf.keras.layers.Dense(1)])
    regressor.compile("sgd", "mse")
    regressor.evaluate(pairs, verbose=0)
""")


def test_second_batch_statement_is_removed():
    title, fixed = preferred(BATCHED_TWICE.format(again="pairs = pairs.cache().batch(4)"))
    assert title == "Remove the second .batch(): the dataset is already batched"
    assert "pairs = pairs.cache()\n" in fixed


def test_second_batch_in_a_chain_is_removed():
    source = BATCHED_TWICE.format(again="").replace("pairs.batch(12)", "pairs.batch(12).batch(3).prefetch(1)")
    title, fixed = preferred(source)
    assert title == "Remove the second .batch(): the dataset is already batched"
    assert "pairs = pairs.batch(12).prefetch(1)\n" in fixed


def test_no_batch_removed_from_a_dataset_batched_once():
    source = BATCHED_TWICE.format(again="").replace("(48, 5)", "(48, 1, 5)")
    assert not [t for t in titles(source) if ".batch()" in t]


LSTM_ON_IMAGES = program("""
    import numpy as np
    from keras import layers, models

    glyphs = np.random.rand(10, 7, 9, {channels}).astype("float32")
    reader = models.Sequential()
    reader.add(layers.LSTM(5))
    reader.add(layers.Dense(3, activation="softmax"))
    reader.compile("adam", "sparse_categorical_crossentropy")
    reader.fit(glyphs, np.arange(10) % 3, epochs=1, verbose=0)
""")


def test_reshape_drops_a_last_axis_of_size_one_before_the_first_layer():
    title, fixed = preferred(LSTM_ON_IMAGES.format(channels=1))
    assert title == "Insert layers.Reshape((7, 9)) before LSTM: drop the last axis of size 1"
    assert "reader.add(layers.Reshape((7, 9)))\nreader.add(layers.LSTM(5))" in fixed


def test_no_reshape_when_the_last_axis_holds_channels():
    assert not [t for t in titles(LSTM_ON_IMAGES.format(channels=3)) if "Reshape" in t]


GRAY_PICTURE = program("""
    import numpy as np
    import keras
    from PIL import Image

    net = keras.Sequential([keras.Input((6, 10, 3)), keras.layers.Conv2D(2, 3), keras.layers.Flatten()])
    with Image.open("swatch.png") as picture:
        pixels = np.array(picture, dtype="float32")
    print(net.predict(pixels[np.newaxis], verbose=0).shape)
""")


def test_grayscale_picture_is_opened_as_rgb(tmp_path):
    Image.new("L", (10, 6), 90).save(tmp_path / "swatch.png")
    title, fixed = preferred(GRAY_PICTURE, str(tmp_path))
    assert title == 'Convert the image to RGB: Image.open(...).convert("RGB")'
    assert 'with Image.open("swatch.png").convert("RGB") as picture:' in fixed


def test_no_rgb_conversion_for_a_picture_of_another_size(tmp_path):
    Image.new("L", (12, 6), 90).save(tmp_path / "swatch.png")
    assert not [t for t in titles(GRAY_PICTURE, str(tmp_path)) if "RGB" in t]
