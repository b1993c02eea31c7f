"""keras.datasets from a table: the shapes Keras's own code asserts (its docstrings' examples), and
the train/test split as Keras computes it. Nothing is downloaded."""
import inspect
import re

import pytest

from shapelens.engine import analyse


def loaded(call: str) -> list:
    """The shapes of x_train, y_train, x_test, y_test after `call`, as the engine infers them."""
    program = f"import keras\n(a, b), (c, d) = keras.datasets.{call}\n"
    shapes = {v.span.column: v.shape for v in analyse(program).values if v.span.line == 1 and v.kind == "tensor"}
    return [shapes.get(program.split("\n")[1].index(name)) for name in "abcd"]


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist", "cifar10", "cifar100"])
def test_image_sets_have_the_shapes_keras_asserts(name):
    import importlib
    source = inspect.getsource(importlib.import_module(f"keras.src.datasets.{name}"))
    asserted = dict(re.findall(r"assert (\w+)\.shape == (\([\d, ]+\))", source))
    expected = [eval(asserted[key]) for key in ("x_train", "y_train", "x_test", "y_test")]  # noqa: S307
    assert loaded(f"{name}.load_data()") == expected


@pytest.mark.parametrize("call,samples,features,test_split", [
    ("boston_housing.load_data()", 506, 13, 0.2),
    ("boston_housing.load_data(test_split=0.1)", 506, 13, 0.1),
    ("california_housing.load_data()", 20_640, 8, 0.2),
    ("california_housing.load_data(version='small', test_split=0.3)", 600, 8, 0.3),
])
def test_tables_split_as_keras_does(call, samples, features, test_split):
    train = int(samples * (1 - test_split))  # the expression in Keras's load_data
    assert loaded(call) == [(train, features), (train,), (samples - train, features), (samples - train,)]


def test_text_sets_know_their_labels_not_their_ragged_sequences():
    assert loaded("imdb.load_data(num_words=10000)") == [None, (25_000,), None, (25_000,)]
    assert loaded("reuters.load_data()") == [None, (8_982,), None, (2_246,)]
    assert loaded("imdb.load_data(maxlen=100)") == [None, None, None, None]  # filtered: counts unknown


def test_hover_says_where_a_loaded_shape_comes_from():
    from shapelens.lsp.hover import hover
    report = analyse("from tensorflow import keras\n(x, y), _ = keras.datasets.cifar10.load_data()\n")
    _, text = hover(report, 1, 1)
    assert "(50000, 32, 32, 3)" in text and "from keras.datasets.cifar10" in text
