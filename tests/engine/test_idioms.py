"""NumPy and Keras idioms of real scripts: lists grown in loops of unknown length, the rows of an
array, and what fit/validation checks. The truth of each program comes from running it."""
from __future__ import annotations

import textwrap

import numpy as np
import pytest

from keras_run import assert_same_outcome
from shapelens.engine import analyse

# A loop whose length the engine cannot know, but which runs 3 to 5 times.
UNKNOWN_LENGTH = "range(np.random.randint(3, 6))"


def inferred(source: str, name: str) -> tuple | None:
    """The shape the engine shows for the last assignment to `name`, or None."""
    source = textwrap.dedent(source)
    lines = source.splitlines()
    shapes = [v.shape for v in analyse(source).values
              if v.kind == "tensor" and lines[v.span.line][v.span.column:v.span.end_column] == name]
    return shapes[-1] if shapes else None


def real(source: str, name: str) -> tuple:
    namespace: dict = {}
    exec(textwrap.dedent(source), namespace)
    return np.shape(namespace[name])


def agrees(engine: tuple | None, truth: tuple) -> bool:
    """The engine's shape is the real one, where it knows a dimension."""
    return engine is not None and len(engine) == len(truth) and all(e is None or e == t for e, t in zip(engine, truth))


GROWN = [
    (("X",), f"""
    import numpy as np
    frames = []
    for _ in {UNKNOWN_LENGTH}:
        frames.append(np.random.rand(8, 8, 3))
    X = np.array(frames)
    """),
    (('X', 'y'), f"""
    import numpy as np
    images, labels = [], []
    for label, name in enumerate(["cat", "dog"]):
        for i in {UNKNOWN_LENGTH}:
            if i == 1:
                continue
            img = np.zeros((16, 16))
            images.append(img / 255.0)
            labels.append(label)
    X = np.asarray(images, dtype="float32").reshape(-1, 16, 16, 1)
    y = np.array(labels)
    """),
    (('S', 'C'), f"""
    import numpy as np
    def load():
        out = []
        for _ in {UNKNOWN_LENGTH}:
            out.append(np.ones((5, 2)))
        return np.stack(out, axis=1), np.concatenate(out)
    S, C = load()
    """),
    (('F',), """
    import numpy as np
    X = np.random.rand(500, 6, 2)
    flat = []
    for sample in X:
        flat.append(sample.flatten())
    F = np.array(flat)
    """),
    (('R',), """
    import numpy as np
    X = np.random.rand(7, 4)
    rows = []
    for row in X:
        rows.append(row[:2])
    R = np.vstack(rows)
    """),
    (("O", "L", "P"), """
    import numpy as np
    X = np.random.rand(100, 8, 8)
    y = np.random.randint(0, 3, size=100)
    out, labels, pairs = [], [], []
    for i, img in enumerate(X):
        out.append(img[..., None])
    for img, label in zip(X, y):
        labels.append(label)
    for k, (row, tag) in enumerate(zip(X[:5], [1, 2, 3, 4, 5])):
        pairs.append(row[k] * tag)
    O, L, P = np.array(out), np.array(labels), np.array(pairs)
    """),
    (("X", "y", "W"), """
    import numpy as np
    series = np.random.rand(500, 3)
    window = 10
    X, y, W = [], [], []
    for i in range(len(series) - window):
        X.append(series[i:i + window])
        y.append(series[i + window, 0])
    for i in range(100, 400, 3):
        W.append(series[i - 100:i, 1:])
    X, y, W = np.array(X), np.array(y), np.array(W)
    """),
]


@pytest.mark.parametrize("names,source", GROWN)
def test_a_list_grown_in_a_loop_has_its_items_shape(names, source):
    for name in names:
        assert agrees(inferred(source, name), real(source, name)), (name, inferred(source, name))


def test_a_window_that_may_leave_the_array_is_not_known():
    source = """
    import numpy as np
    series = np.random.rand(100, 3)
    A, B, C, D = [], [], [], []
    for i in range(len(series)):
        A.append(series[i:i + 10])
        B.append(series[i - 5:i])
        C.append(series[i + 1])
        D.append(series[i])
    A, B, C, D = np.array(A), np.array(B), np.array(C), np.array(D)
    """
    assert [inferred(source, name) for name in "ABCD"] == [None, None, None, (None, 3)]


CHANGED_ELSEWHERE = [
    # The list is changed by item assignment, through an alias, or by a function that names it:
    # its items may have any shape, and the engine says nothing.
    f"""
    import numpy as np
    images = []
    for _ in {UNKNOWN_LENGTH}:
        img = np.zeros((8, 8, 3))
        images.append(img)
        images[-1] = img[..., :1]
    X = np.array(images)
    """,
    f"""
    import numpy as np
    images = []
    also = images
    for _ in {UNKNOWN_LENGTH}:
        images.append(np.zeros((8, 8, 3)))
        also[-1] = also[-1][..., :1]
    X = np.array(images)
    """,
    f"""
    import numpy as np
    images = []
    def keep_one_channel():
        images[-1] = images[-1][..., :1]
    for _ in {UNKNOWN_LENGTH}:
        images.append(np.zeros((8, 8, 3)))
        keep_one_channel()
    X = np.array(images)
    """,
    f"""
    import numpy as np
    images = []
    for _ in {UNKNOWN_LENGTH}:
        images.append(np.zeros((8, 8, 3)))
    images = [img[..., :1] for img in images]
    X = np.array(images)
    """,
]


@pytest.mark.parametrize("source", CHANGED_ELSEWHERE)
def test_a_list_changed_another_way_is_not_known(source):
    assert real(source, "X")[-1] == 1
    assert inferred(source, "X") is None


MODEL = """
import numpy as np
import keras
model = keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Conv2D(4, 3), keras.layers.Flatten(),
                          keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
"""


@pytest.mark.parametrize("body", [
    f"""
images = []
for _ in {UNKNOWN_LENGTH}:
    images.append(np.random.rand(8, 8, 3))
model.fit(np.array(images), np.zeros(len(images)), epochs=1, verbose=0)
""",
    f"""
images = []
for _ in {UNKNOWN_LENGTH}:
    images.append(np.random.rand(8, 8, 3).mean(axis=-1, keepdims=True))
model.fit(np.array(images), np.zeros(len(images)), epochs=1, verbose=0)
""",
    """
X = np.random.rand(100, 8, 8, 3)
gray = []
for img in X:
    gray.append(img[..., :1])
model.fit(np.array(gray), np.zeros(100), epochs=1, verbose=0)
""",
    """
X = np.random.rand(100, 8, 8, 3)
gray = []
for img in X:
    gray.append(img[:, :, 0])
model.predict(np.array(gray), verbose=0)
""",
    f"""
images = []
for _ in {UNKNOWN_LENGTH}:
    images.append(np.random.rand(8, 8, 3))
    images[-1] = images[-1][..., :1]
model.fit(np.array(images), np.zeros(len(images)), epochs=1, verbose=0)
""",
])
def test_grown_data_meets_the_model_as_keras_says(body):
    assert_same_outcome(MODEL + body)


FIT = """
import numpy as np
import keras
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense({units})])
model.compile(optimizer="adam", loss="mse")
X = np.random.rand({samples}, 4)
y = np.random.rand({samples})
model.fit(X, y, batch_size={batch}, validation_split={split}, epochs=1, verbose=0)
"""


@pytest.mark.parametrize("samples,batch,split,units", [
    (32, 32, 0.5, 16),  # the 16 samples left are one batch of 16: the loss broadcasts
    (32, 32, 0.0, 16),  # 32 against 16, when the graph is traced
    (50, 8, 0.2, 10),  # 40 samples: full batches of 8
    (50, 8, 0.0, 10),  # a last batch of 2: the traced batch size is unknown, the first batch fails
    (20, 10, 0.0, 10),
    (25, 10, 0.2, 10),  # training passes; the 5 held-out samples fail
])
def test_the_batches_fit_runs_as_the_loss_sees_them(samples, batch, split, units):
    """Mean squared error between labels (n,) and outputs (n, units) broadcasts only when n is 1 or
    `units`: whether fit raises depends on the size of each batch, after validation_split."""
    assert_same_outcome(FIT.format(samples=samples, batch=batch, split=split, units=units))


DATASET_VALIDATION = """
import numpy as np
import tensorflow as tf
import keras
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
X = np.random.rand(40, 4).astype("float32")
y = np.random.rand(40, 3).astype("float32")
val = tf.data.Dataset.from_tensor_slices(({features}, {labels})).batch(4)
model.fit(X, y, validation_data=val, epochs=1, verbose=0)
"""


@pytest.mark.parametrize("features,labels", [
    ("np.random.rand(8, 5)", "np.random.rand(8, 3)"),
    ("np.random.rand(8, 4)", "np.random.rand(8, 2)"),
    ("np.random.rand(8, 4)", "np.random.rand(8, 3)"),
])
def test_a_dataset_as_validation_data_meets_the_model(features, labels):
    assert_same_outcome(DATASET_VALIDATION.format(features=features, labels=labels))


EMBEDDING = """
import numpy as np
import keras
embedding_matrix = np.random.rand(100, 50)
inputs = keras.Input(shape=(10,))
layer = keras.layers.Embedding({arguments})
x = layer(inputs)
"""


@pytest.mark.parametrize("arguments", [
    "1000, 50, weights=[embedding_matrix]",
    "100, 50, weights=[embedding_matrix]",
    "50, 100, weights=[embedding_matrix]",
    "1000, 50, weights=embedding_matrix",
    "input_dim=101, output_dim=50, weights=[embedding_matrix], input_length=10, trainable=False",
    "100, 50, weights=[embedding_matrix.T]",
])
def test_embedding_weights_must_be_input_dim_by_output_dim(arguments):
    """Keras 3's Embedding sets `weights=` in its constructor, which raises on another shape."""
    assert_same_outcome(EMBEDDING.format(arguments=arguments))


@pytest.mark.parametrize("source", [
    """
    import keras
    model = keras.Sequential([keras.Input(shape=(None, 8)), keras.layers.Flatten(), keras.layers.Dense(1)])
    """,
    """
    import keras
    inputs = keras.Input(shape=(None, None, 3))
    x = keras.layers.Conv2D(4, 3)(inputs)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(2)(x)
    """,
    """
    import keras
    model = keras.Sequential()
    model.add(keras.layers.Flatten(input_shape=(None, 8)))
    model.add(keras.layers.Dense(4))
    """,
    """
    import keras
    model = keras.Sequential([keras.Input(shape=(None, 8)), keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1)])
    """,
    """
    import keras
    model = keras.Sequential([keras.Input(shape=(12, 8)), keras.layers.Flatten(), keras.layers.Dense(1)])
    """,
    # A size the engine does not know is not a `None` of Keras's.
    f"""
    import numpy as np
    import keras
    rows = []
    for _ in {UNKNOWN_LENGTH}:
        rows.append(np.random.rand(5))
    X = np.array(rows).T
    inputs = keras.Input(shape=(X.shape[1],))
    outputs = keras.layers.Dense(2)(inputs)
    """,
])
def test_dense_after_a_none_axis_cannot_build(source):
    assert_same_outcome(source)


@pytest.mark.parametrize("function", ["column_stack", "dstack", "hstack", "vstack"])
def test_stacking_functions_match_numpy(function):
    shapes = [(), (3,), (4,), (3, 2), (3, 1), (4, 2), (3, 2, 2), (3, 2, 1)]
    for a in shapes:
        for b in shapes:
            source = f"import numpy as np\nz = np.{function}([np.zeros({a}), np.zeros({b})])\n"
            try:
                truth, message = getattr(np, function)([np.zeros(a), np.zeros(b)]).shape, None
            except ValueError as error:
                truth, message = None, str(error)
            report = analyse(source)
            assert [d.message for d in report.diagnostics] == ([message] if message else []), source
            if truth is not None:
                assert inferred(source, "z") == truth, source


ONE_ELEMENT_LISTS = """
import numpy as np
import keras
inputs = keras.Input(shape=(20,))
outputs = keras.layers.Dense(3, activation="softmax")(inputs)
model = keras.Model(inputs=[inputs], outputs=[outputs])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit({x}, {y}, epochs=1, verbose=0)
"""


@pytest.mark.parametrize("x,y", [
    ("np.random.rand(16, 20)", "np.random.rand(16, 2)"),
    ("np.random.rand(16, 20)", "[np.random.rand(16, 2)]"),
    ("[np.random.rand(16, 20)]", "[np.random.rand(16, 3)]"),
    ("np.random.rand(16, 10)", "np.random.rand(16, 3)"),
    ("np.random.rand(16, 20)", "np.random.rand(16, 3)"),
])
def test_one_element_lists_are_the_single_input_and_output(x, y):
    """Keras 3 treats `Model(inputs=[x], outputs=[y])` as a model of one input and one output."""
    assert_same_outcome(ONE_ELEMENT_LISTS.format(x=x, y=y))


@pytest.mark.parametrize("source", [
    # Breaks at once, which the engine cannot know: no pass appends.
    """
    import numpy as np
    seen = []
    for k in range(10):
        if np.random.rand() < 2:
            break
        seen.append(np.zeros((2, 2)))
    S = np.array(seen).reshape(0, 4)
    """,
    """
    import numpy as np
    frames = []
    while True:
        frame = np.random.rand(16, 16, 3)
        if len(frames) == 3 or frame.sum() < 0:  # unknown to the engine, never true when run
            break
        frames.append(frame)
    X = np.array(frames).reshape(-1, 16, 16, 1)
    """,
])
def test_a_loop_that_may_stop_early_has_an_unknown_count(source):
    assert_same_outcome(source)


def test_a_while_loop_with_a_break_grows_its_list():
    source = """
    import numpy as np
    frames = []
    while True:
        frame = np.random.rand(16, 16, 3)
        if len(frames) == 3 or frame.sum() < 0:  # unknown to the engine, never true when run
            break
        frames.append(frame)
    X = np.array(frames)
    """
    assert agrees(inferred(source, "X"), real(source, "X")) and inferred(source, "X")[0] is None
