"""keras.utils / preprocessing loaders, the legacy ImageDataGenerator and Tokenizer, and tfds.load:
each value the engine infers is compared with what the real library returns on the same files."""
import ast
import os
import textwrap

import numpy as np
import pytest

from keras_run import raising_line
from shapelens.engine import analyse
from shapelens.engine.datafiles import DataFiles
from shapelens.engine.interpreter import Interpreter
from shapelens.engine.modules import ModuleLoader
from shapelens.engine.source import Source
from shapelens.engine.values import Dataset, Tensor

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = None  # the data folder of programs that read no files


def bound(source: str, folder) -> dict:
    """The names a program binds, as the engine infers them (with its data files in `folder`)."""
    source = textwrap.dedent(source)
    data = DataFiles([str(folder)] if folder is not None else [])
    interpreter = Interpreter(Source(source), "program.py", None, ModuleLoader(), None, data)
    interpreter.run(ast.parse(source))
    return interpreter.frames[0].env


def spec(value) -> object:
    """Shapes and dtypes of an engine value (a Dataset's element, or a tensor)."""
    if isinstance(value, Dataset):
        return spec(value.element)
    if isinstance(value, (tuple, list)):
        return tuple(spec(v) for v in value)
    if isinstance(value, dict):
        return {key: spec(v) for key, v in value.items()}
    assert isinstance(value, Tensor), value
    return value.shape, value.dtype


def keras_spec(element_spec) -> object:
    if isinstance(element_spec, (tuple, list)):
        return tuple(keras_spec(s) for s in element_spec)
    if isinstance(element_spec, dict):
        return {key: keras_spec(s) for key, s in element_spec.items()}
    return tuple(element_spec.shape), element_spec.dtype.name


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Three classes of tiny images (and a hidden folder, as Jupyter leaves), two of texts."""
    from PIL import Image
    root = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(0)
    for name in ("daisy", "roses", "tulips", ".ipynb_checkpoints"):
        (root / "photos" / name).mkdir(parents=True)
        for index in range(2):
            Image.fromarray(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)).save(root / "photos" / name / f"{index}.png")
    for name in ("neg", "pos"):
        (root / "texts" / name).mkdir(parents=True)
        for index in range(2):
            (root / "texts" / name / f"{index}.txt").write_text(f"a {name} review {index}")
    return root


IMAGE_CALLS = [
    "",
    "image_size=(180, 180), batch_size=4",
    "label_mode='categorical', color_mode='grayscale'",
    "label_mode=None, color_mode='rgba', image_size=7",
    "labels=None",
    "class_names=['roses', 'tulips'], label_mode='binary', batch_size=None",
    "label_mode='categorical', data_format='channels_first'",
    "validation_split=0.5, subset='training', seed=1",
]


@pytest.mark.parametrize("arguments", IMAGE_CALLS)
def test_image_dataset_from_directory_has_keras_element_spec(folders, arguments):
    import keras
    call = f"image_dataset_from_directory('photos', {arguments})"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folders)
        expected = keras_spec(eval(f"keras.utils.{call}.element_spec"))  # noqa: S307
    assert spec(bound(f"import keras\nds = keras.utils.{call}\n", folders)["ds"]) == expected


def test_both_subsets_and_class_names(folders):
    import tensorflow as tf
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folders)
        _, val = tf.keras.utils.image_dataset_from_directory("photos", validation_split=0.5, subset="both", seed=1)
    assert not hasattr(val.prefetch(2), "class_names")  # only the loader's own datasets have them
    env = bound("""
        import tensorflow as tf
        train, val = tf.keras.utils.image_dataset_from_directory(
            "photos", validation_split=0.5, subset="both", seed=1, label_mode="categorical")
        names = train.class_names
        count = len(val.class_names)
        lost = val.prefetch(2).class_names
    """, folders)
    assert spec(env["train"]) == spec(env["val"]) == (((None, 256, 256, 3), "float32"), ((None, 3), "float32"))
    assert env["names"] == ["daisy", "roses", "tulips"] and env["count"] == 3  # the hidden folder is no class
    assert not isinstance(env["lost"], list)


@pytest.mark.parametrize("arguments", ["", "label_mode='binary', batch_size=None", "label_mode='categorical'",
                                       "labels=None"])
def test_text_dataset_from_directory_has_keras_element_spec(folders, arguments):
    import keras
    call = f"text_dataset_from_directory('texts', {arguments})"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folders)
        expected = keras_spec(eval(f"keras.utils.{call}.element_spec"))  # noqa: S307
    assert spec(bound(f"import keras\nds = keras.utils.{call}\n", folders)["ds"]) == expected


def test_binary_labels_for_three_classes_raise_with_keras_message(folders):
    import keras
    with pytest.MonkeyPatch.context() as patch, pytest.raises(ValueError) as raised:
        patch.chdir(folders)
        keras.utils.image_dataset_from_directory("photos", label_mode="binary")
    report = analyse("import keras\nds = keras.utils.image_dataset_from_directory('photos', label_mode='binary')\n",
                     data=DataFiles([str(folders)]))
    assert [d.message for d in report.diagnostics] == [str(raised.value)]


def test_a_folder_that_is_not_there_is_unknown(folders):
    env = bound("import keras\nds = keras.utils.image_dataset_from_directory('missing', label_mode='binary')\n",
                folders)
    assert not isinstance(env["ds"], Dataset)


@pytest.mark.parametrize("arguments", [
    "",
    "target_size=(32, 40), color_mode='grayscale', class_mode='sparse', batch_size=2",
    "class_mode='binary', color_mode='rgba'",
    "class_mode='input', target_size=(16, 16)",
    "class_mode=None",
    "classes=['roses', 'tulips'], batch_size=4",
])
def test_flow_from_directory_batches_have_keras_shapes(folders, arguments):
    import tensorflow as tf
    generator = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1 / 255)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folders)
        batch = generator.flow_from_directory("photos", shuffle=False, **eval(f"dict({arguments})"))[0]  # noqa: S307
    env = bound(f"""
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        batches = ImageDataGenerator(rescale=1 / 255).flow_from_directory("photos", {arguments})
    """, folders)
    expected = tuple(((None, *b.shape[1:]), b.dtype.name) for b in batch) if isinstance(batch, tuple) else \
        ((None, *batch.shape[1:]), batch.dtype.name)
    assert spec(env["batches"]) == expected  # the hidden folder counts as a class here


def test_flow_batches_and_its_rank_check():
    import tensorflow as tf
    generator = tf.keras.preprocessing.image.ImageDataGenerator()
    x, y = generator.flow(np.zeros((6, 8, 8, 3), dtype="float32"), np.zeros((6, 4), dtype="float32"), batch_size=4)[0]
    env = bound("""
        import numpy as np
        import tensorflow as tf
        batches = tf.keras.preprocessing.image.ImageDataGenerator().flow(
            np.zeros((6, 8, 8, 3), dtype="float32"), np.zeros((6, 4), dtype="float32"), batch_size=4)
    """, ROOT)
    assert spec(env["batches"]) == (((None, *x.shape[1:]), x.dtype.name), ((None, *y.shape[1:]), y.dtype.name))
    for call in ["flow(np.zeros((6, 8, 8)))", "flow(np.zeros((6, 8, 8, 3)), np.zeros(5))", "fit(np.zeros((6, 8, 8)))"]:
        with pytest.raises(ValueError) as raised:
            eval(f"generator.{call}")  # noqa: S307
        program = f"import numpy as np\nimport tensorflow as tf\ntf.keras.preprocessing.image.ImageDataGenerator().{call}\n"
        assert [d.message for d in analyse(program).diagnostics] == [str(raised.value)]


@pytest.mark.parametrize("imports,use", [
    ("from keras.preprocessing.image import ImageDataGenerator", "ImageDataGenerator().flow(np.zeros((6, 8, 8)))"),
    ("from keras.preprocessing.text import Tokenizer",
     "keras.Sequential([keras.Input((5,)), keras.layers.Dense(2)]).predict(Tokenizer(10).texts_to_matrix(['a']))"),
])
def test_keras_3_keeps_the_legacy_classes_only_under_tf_keras(imports, use):
    program = f"import numpy as np\nimport keras\n{imports}\nresult = {use}\n"
    assert raising_line(program) == 3  # the import fails, not the shapes
    assert analyse(program).diagnostics == []
    assert raising_line(program.replace("from keras.", "from tensorflow.keras.")) == 4
    assert len(analyse(program.replace("from keras.", "from tensorflow.keras.")).diagnostics) == 1


@pytest.mark.parametrize("arguments", [
    "np.zeros((100, 3)), np.zeros(100), sequence_length=10, batch_size=16",
    "np.zeros((100, 3), dtype='float32'), None, sequence_length=10",
    "np.zeros((100, 4, 2), dtype='float32'), np.zeros((100, 2)), sequence_length=5, batch_size=None",
])
def test_timeseries_dataset_has_keras_element_spec(arguments):
    import keras  # noqa: F401 - used by the evaluated call
    expected = keras_spec(eval(f"keras.utils.timeseries_dataset_from_array({arguments}).element_spec"))  # noqa: S307
    env = bound(f"import numpy as np\nimport keras\nds = keras.utils.timeseries_dataset_from_array({arguments})\n",
                ROOT)
    assert spec(env["ds"]) == expected


@pytest.mark.parametrize("call", [
    "pad_sequences([[1, 2, 3], [4, 5], [6]])",
    "pad_sequences([[1, 2, 3], [4, 5], [6]], maxlen=5, padding='post')",
    "pad_sequences([[1, 2, 3], [4]], maxlen=2, dtype='float32', truncating='post')",
    "pad_sequences(np.zeros((4, 7)), maxlen=3)",
    "pad_sequences(np.zeros((4, 7, 2)))",
    "to_categorical(np.zeros(10, dtype=int), 4)",
    "to_categorical(np.zeros((10, 1), dtype=int), 4)",
    "to_categorical([0, 2, 1])",
])
def test_sequences_and_one_hot_have_keras_shapes(call):
    import keras  # noqa: F401 - used by the evaluated call
    result = eval(f"keras.utils.{call}")  # noqa: S307
    env = bound(f"import numpy as np\nimport keras\nvalue = keras.utils.{call}\n", ROOT)
    assert env["value"].shape == result.shape


def test_unknown_counts_keep_the_rank():
    env = bound("""
        import numpy as np
        import keras
        from tensorflow.keras.preprocessing.sequence import pad_sequences
        from tensorflow.keras.preprocessing.text import Tokenizer

        (x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=5000)
        padded = pad_sequences(x_train, maxlen=200)
        one_hot = keras.utils.to_categorical(y_train)
        tokenizer = Tokenizer(num_words=50, oov_token="<OOV>")
        tokenizer.fit_on_texts(["the cat sat", "the dog ran far away"])
        sequences = pad_sequences(tokenizer.texts_to_sequences(["the cat", "a dog ran"]), maxlen=6)
        unpadded = pad_sequences(tokenizer.texts_to_sequences(["the cat", "a dog ran"]))
        matrix = tokenizer.texts_to_matrix(["the cat", "a dog ran", "far"], mode="tfidf")
        as_array = np.array(x_train)
    """, ROOT)
    assert env["padded"].shape == (None, 200)
    assert env["one_hot"].shape == (25_000, None)
    assert env["sequences"].shape == (None, 6)
    assert env["unpadded"].shape == (None, None)
    assert env["matrix"].shape == (3, 50)
    assert not isinstance(env["as_array"], Tensor)  # an object array of lists, not a number


def test_tokenizer_results_match_keras():
    from tensorflow.keras.preprocessing.sequence import pad_sequences
    from tensorflow.keras.preprocessing.text import Tokenizer
    tokenizer = Tokenizer(num_words=50)
    tokenizer.fit_on_texts(["the cat sat", "the dog ran far away"])
    assert pad_sequences(tokenizer.texts_to_sequences(["the cat", "a dog ran"]), maxlen=6).shape[1] == 6
    assert tokenizer.texts_to_matrix(["the cat", "a dog ran", "far"], mode="tfidf").shape == (3, 50)


TFDS_CALLS = [
    "tfds.load('mnist', split='train')",
    "tfds.load('mnist:3.*.*', split='train[:80%]', as_supervised=True)",
    "tfds.load('fashion_mnist', split='test', as_supervised=True, batch_size=32)",
    "tfds.load('cifar10', split='train+test')",
    "tfds.load('cifar100', split='train', as_supervised=True)",
    "tfds.load('tf_flowers', split='train[80%:]', as_supervised=True, batch_size=8)",
    "tfds.load('imdb_reviews', split='unsupervised')",
    "tfds.load('imdb_reviews/plain_text', split='test', as_supervised=True, batch_size=-1)",
]


@pytest.mark.parametrize("call", TFDS_CALLS)
def test_tfds_load_matches_the_stand_in(call):
    """The truth runs use the stand-in (tests/tfds_standin), whose table is written separately."""
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "tfds_standin"))
    try:
        import tensorflow_datasets as tfds  # noqa: F401 - the stand-in
        expected = keras_spec(eval(call).element_spec)  # noqa: S307
    finally:
        sys.path.pop(0)
    env = bound(f"import tensorflow_datasets as tfds\nds = {call}\n", ROOT)
    assert spec(env["ds"]) == expected


def test_tfds_load_splits_and_info():
    env = bound("""
        import tensorflow_datasets as tfds
        (train, test), info = tfds.load("mnist", split=["train[:90%]", "train[90%:]"], with_info=True,
                                        as_supervised=True)
        splits = tfds.load("mnist")
        unknown = tfds.load("mnist", split="validation")
        other = tfds.load("coco", split="train")
        batched = tfds.load("mnist", split="train").map(lambda d: (d["image"], d["label"])).batch(8)
    """, ROOT)
    assert spec(env["train"]) == spec(env["test"]) == (((28, 28, 1), "uint8"), ((), "int64"))
    assert sorted(env["splits"]) == ["test", "train"]
    assert not isinstance(env["unknown"], Dataset) and not isinstance(env["other"], Dataset)
    assert spec(env["batched"]) == (((None, 28, 28, 1), "uint8"), ((None,), "int64"))


@pytest.mark.parametrize("loader,arguments", [
    ("image", "validation_split=0.2, subset='training'"),
    ("image", "validation_split=0.2"),
    ("text", "subset='both', seed=3"),
    ("image", "validation_split=1.5, subset='both', seed=1"),
    ("text", "validation_split=0.5, subset='validation', shuffle=False"),
    ("image", "validation_split=0.5, subset='training', seed=SEED"),
])
def test_validation_splits_keras_refuses(folders, loader, arguments):
    import keras
    folder = "photos" if loader == "image" else "texts"
    call = f"keras.utils.{loader}_dataset_from_directory('{folder}', {arguments})"
    program = f"import keras\nSEED = 1\nds = {call}\n"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folders)
        try:
            eval(call, {"keras": keras, "SEED": 1})  # noqa: S307
            message = None
        except ValueError as error:
            message = str(error)
    found = [d.message for d in analyse(program, data=DataFiles([str(folders)])).diagnostics]
    assert found == ([message] if message else []), found


def test_hovers_say_where_a_dataset_came_from(folders):
    program = textwrap.dedent("""
        import keras
        import tensorflow_datasets as tfds
        train_ds = keras.utils.image_dataset_from_directory("photos", image_size=(180, 180))
        digits = tfds.load("mnist", split="train", batch_size=32)
    """)
    values = {v.span.line: v for v in analyse(program, data=DataFiles([str(folders)])).values if v.kind == "dataset"}
    assert values[3].summary == "Dataset of batches ((None, 180, 180, 3) float32, (None,) int32)"
    assert values[3].detail == "from photos: 3 classes"
    assert values[4].summary == "Dataset of batches {'image': (None, 28, 28, 1) uint8, 'label': (None,) int64}"
    assert values[4].detail.startswith("from tfds.load('mnist')")


def test_one_hot_labels_of_unknown_width_are_not_judged_by_a_sparse_loss():
    """One class gives (N, 1) labels, which the sparse loss squeezes; more give (N, C), which fail."""
    program = textwrap.dedent("""
        import numpy as np
        import keras
        y = keras.utils.to_categorical(np.zeros(6, dtype=int))
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(np.random.rand(6, 4), y, epochs=1, verbose=0)
    """)
    assert raising_line(program) is None
    assert raising_line(program.replace("np.zeros(6, dtype=int)", "np.arange(6) % 3")) == 7
    assert analyse(program).diagnostics == []
