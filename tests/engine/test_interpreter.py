"""The interpreter follows Python: each program's expected outcome is checked by running it."""
import pytest

from keras_run import assert_same_outcome
from shapelens.engine import analyse

IMPORT_STYLES = {
    "tf": ("import tensorflow as tf", "tf.keras.Sequential", "tf.keras.layers.Dense"),
    "from-tensorflow": ("from tensorflow import keras", "keras.Sequential", "keras.layers.Dense"),
    "layers-models": ("from tensorflow.keras import layers, models", "models.Sequential", "layers.Dense"),
    "names": ("from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense",
              "Sequential", "Dense"),
    "keras": ("import keras", "keras.Sequential", "keras.layers.Dense"),
    "keras-layers": ("import keras\nfrom keras import layers", "keras.Sequential", "layers.Dense"),
    "alias": ("import tensorflow as tf\nL = tf.keras.layers\nM = tf.keras.models", "M.Sequential", "L.Dense"),
    "star": ("from tensorflow.keras.layers import *\nfrom tensorflow.keras.models import *", "Sequential", "Dense"),
}


@pytest.mark.parametrize("style", sorted(IMPORT_STYLES))
@pytest.mark.parametrize("features", [3, 5])
def test_every_import_style_resolves(style, features):
    imports, sequential, dense = IMPORT_STYLES[style]
    assert_same_outcome(f"""
import numpy as np
{imports}
model = {sequential}([{dense}(4, input_shape=(3,)), {dense}(2)])
data = np.zeros((2, {features}))
model.predict(data, verbose=0)
""")


@pytest.mark.parametrize("inner", ["(28, 28, 1)", "(28, 28, 3)"])
def test_star_unpacking_and_variables(inner):
    assert_same_outcome(f"""
import tensorflow as tf
input_shape = {inner}
images = tf.random.normal(shape=(1, *input_shape))
model = tf.keras.Sequential([tf.keras.layers.Conv2D(4, 3, input_shape=(28, 28, 1)), tf.keras.layers.Flatten()])
model(images)
""")


@pytest.mark.parametrize("width", [10, 12])
def test_arithmetic_and_reassignment(width):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
features = 2 * 5
x = np.ones((4, 3))
x = np.ones((4, {width} // 2 * 2 - 2 + 2))
model = keras.Sequential([keras.Input(shape=(features,)), keras.layers.Dense(1)])
model.predict(x, verbose=0)
""")


@pytest.mark.parametrize("features", [8, 9])
def test_functions_defined_in_the_file_are_followed(features):
    assert_same_outcome(f"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

def build_model(inputs, hidden=16):
    model = keras.Sequential()
    model.add(keras.Input(shape=(inputs,)))
    model.add(layers.Dense(hidden, activation="relu"))
    model.add(layers.Dense(1))
    return model

def make_data(n):
    return np.random.rand(n, {features})

model = build_model(8)
model.predict(make_data(5), verbose=0)
""")


@pytest.mark.parametrize("sizes", ["[32, 64]", "[32, 64, 128, 256, 512]"])
def test_loops_over_constant_lists_create_layers(sizes):
    assert_same_outcome(f"""
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([keras.Input(shape=(20, 20, 3))])
for filters in {sizes}:
    model.add(layers.Conv2D(filters, 3, activation="relu"))
    model.add(layers.MaxPooling2D(2))
""")


@pytest.mark.parametrize("count", [2, 3])
def test_comprehension_of_layers(count):
    assert_same_outcome(f"""
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.Input((12, 12, 1))] + [tf.keras.layers.Conv2D(4, 5) for _ in range({count})])
""")


def test_branches_that_disagree_make_the_model_unknown():
    source = """
import sys
import numpy as np
from tensorflow import keras
model = keras.Sequential([keras.Input(shape=(4,))])
if len(sys.argv) > 5:
    model.add(keras.layers.Dense(3))
else:
    model.add(keras.layers.Reshape((2, 2)))
model.add(keras.layers.Dense(1))
"""
    assert analyse(source).diagnostics == []


def test_branches_that_agree_keep_the_value():
    source = """
import sys
import numpy as np
from tensorflow import keras
if len(sys.argv) > 5:
    shape = (8,)
else:
    shape = (8,)
model = keras.Sequential([keras.Input(shape=shape), keras.layers.Dense(2)])
model.predict(np.zeros((3, 5)))
"""
    (d,) = analyse(source).diagnostics
    assert d.span.line + 1 == 10


@pytest.mark.parametrize("source", [
    "from mydata import load\nfrom tensorflow import keras\nx = load()\n"
    "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])\nmodel.predict(x)\n",
    "import numpy as np\nfrom tensorflow import keras\nx = np.load('x.npy')\n"
    "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])\nmodel.predict(x)\n",
    "from tensorflow import keras\nimport numpy as np\nn = int(input())\nx = np.zeros((2, n))\n"
    "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])\nmodel.predict(x)\n",
    "from tensorflow import keras\nfrom mylayers import *\n"
    "model = keras.Sequential([keras.Input((3,)), Dense(1)])\n",
    "from tensorflow import keras\nclass Block(keras.layers.Layer):\n    pass\n"
    "model = keras.Sequential([keras.Input((3, 3)), Block(), keras.layers.Conv2D(1, 3)])\n",
])
def test_unknown_values_are_silent(source):
    assert analyse(source).diagnostics == []


def test_huge_literals_and_deep_recursion_do_not_hang():
    source = "x = (10**9,) * 10**9\ny = 2 ** 10 ** 10\ns = 'a' * 10**12\n" \
             "def f(n):\n    return f(n + 1)\nf(0)\nt = " + "(" * 90 + "1" + ")" * 90 + "\n"
    assert analyse(source).diagnostics == []


def test_a_pathological_file_stops_at_the_budget_with_partial_results():
    import time

    source = ("import numpy as np\nfrom tensorflow import keras\n"
              "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
              "model.predict(np.zeros((2, 4)))\n"
              "xs = [[[i + j for i in range(500)] for j in range(500)] for k in range(500)]\n")
    started = time.monotonic()
    report = analyse(source, budget=0.5)
    assert time.monotonic() - started < 2
    assert report.partial
    assert [d.span.line + 1 for d in report.diagnostics if d.code != "SL002"] == [4]  # found before the budget ran out
    (stopped,) = [d for d in report.diagnostics if d.code == "SL002"]
    assert stopped.span.line + 1 == 5  # in the comprehension, where it ran out


def test_an_array_resized_in_place_is_unknown_afterwards():
    """`a.resize(...)` changes the array itself, and every name bound to it."""
    assert_same_outcome("""
        import numpy as np
        import keras
        x = np.zeros((4, 6))
        y = x
        y.resize((4, 3), refcheck=False)
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.predict(x, verbose=0)
    """)
