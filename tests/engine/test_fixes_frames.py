"""pandas data Keras refuses for fit (SL109 "Invalid dtype"): numbers and booleans in one array are
converted to float32, text columns one-hot encoded, where the data is made; the fixed program runs
clean under TensorFlow."""
import textwrap

from keras_run import raising_line
from shapelens.engine import Severity, analyse
from shapelens.engine.fixes import apply_edits

FLATS = """\
rooms,floor,district,rent
2,1,north,700
3,4,south,950
1,0,north,480
4,2,east,1200
2,3,south,800
"""


def errors(source, path):
    return [d for d in analyse(source, path).diagnostics if d.severity is Severity.ERROR]


def checked(source, tmp_path):
    """The program's one error, after checking that it is real; the program and its path."""
    (tmp_path / "flats.csv").write_text(FLATS)
    source, path = textwrap.dedent(source).lstrip("\n"), tmp_path / "train.py"
    path.write_text(source)  # data files are found beside the program
    path = str(path)
    assert raising_line(source, str(tmp_path)) is not None
    [error] = errors(source, path)
    assert error.code == "SL109", error.message
    return error, source, path


def repaired(error, source, path, tmp_path):
    fix = error.fixes[0]
    assert fix.preferred
    fixed = apply_edits(source, fix.edits)
    assert errors(fixed, path) == []
    assert raising_line(fixed, str(tmp_path)) is None, fixed
    return fix.title, fixed


def test_numbers_and_booleans_are_converted_where_the_array_is_made(tmp_path):
    error, source, path = checked("""
        import pandas as pd
        import keras

        flats = pd.read_csv("flats.csv")
        rent = flats.pop("rent").to_numpy() / 1000
        table = pd.get_dummies(flats, columns=["district"])
        model = keras.Sequential([keras.Input(shape=(table.shape[1],)), keras.layers.Dense(1)])
        model.compile("adam", "mse")
        model.fit(table.to_numpy(), rent, epochs=1, verbose=0)
    """, tmp_path)
    title, fixed = repaired(error, source, path, tmp_path)
    assert title == 'Convert the data to numbers: table.to_numpy().astype("float32")'
    assert "model.fit(table.to_numpy().astype(\"float32\"), rent" in fixed


def test_no_conversion_for_an_array_holding_text(tmp_path):
    # The district column is text: float32 would not take it.
    error, _, _ = checked("""
        import pandas as pd
        import keras

        flats = pd.read_csv("flats.csv")
        rent = flats.pop("rent").to_numpy() / 1000
        model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
        model.compile("adam", "mse")
        model.fit(flats.values, rent, epochs=1, verbose=0)
    """, tmp_path)
    assert not [f for f in error.fixes if "float32" in f.title]


def test_text_columns_of_a_frame_are_one_hot_encoded_where_it_is_made(tmp_path):
    error, source, path = checked("""
        import pandas
        import keras

        flats = pandas.read_csv("flats.csv")
        rent = flats["rent"] / 1000
        inputs = flats[["rooms", "floor", "district"]]
        model = keras.Sequential([keras.Input(shape=(inputs.shape[1],)), keras.layers.Dense(1)])
        model.compile("adam", "mse")
        model.fit(inputs, rent, epochs=1, verbose=0)
    """, tmp_path)
    title, fixed = repaired(error, source, path, tmp_path)
    assert title == 'One-hot encode the text columns: pandas.get_dummies(..., dtype="float32")'
    assert 'inputs = pandas.get_dummies(flats[["rooms", "floor", "district"]], dtype="float32")\n' in fixed


def test_no_encoding_when_the_model_is_declared_for_the_columns_as_they_are(tmp_path):
    # Encoding gives 5 columns; the model is written for 3.
    error, _, _ = checked("""
        import pandas as pd
        import keras

        flats = pd.read_csv("flats.csv")
        rent = flats.pop("rent") / 1000
        model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
        model.compile("adam", "mse")
        model.fit(flats, rent, epochs=1, verbose=0)
    """, tmp_path)
    assert error.repairs == []
