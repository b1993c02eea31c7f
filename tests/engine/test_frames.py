"""pandas: every shape and dtype the engine infers is compared with what pandas 3 computes on the
same file; what the engine cannot know must stay unknown; changes in place are followed or the
frame is forgotten."""
import contextlib
import textwrap

import numpy as np
import pandas as pd
import pytest

from shapelens.engine import analyse
from shapelens.engine.datafiles import DataFiles

IRIS = """id,sepal_length,sepal_width,petal_length,petal_width,species
1,5.1,3.5,1.4,0.2,setosa
2,4.9,3.0,1.4,0.2,setosa
3,7.0,3.2,4.7,1.4,versicolor
4,6.4,3.2,4.5,1.5,versicolor
5,6.3,3.3,6.0,2.5,virginica
6,5.8,2.7,5.1,1.9,virginica
"""
MIXED = "a,b,c,d,e,f\n1,2.5,x,True,,True\n3,4,y,False,7,1\n5,6,x,True,8,2.5\n"


def inferred(tmp_path, csv: str, statements: str, name: str = "data.csv") -> dict:
    """The engine's (shape, dtype) for each name the statements assign, and pandas's."""
    (tmp_path / name).write_text(csv)
    source = "import numpy as np\nimport pandas as pd\n" + textwrap.dedent(statements).lstrip("\n")
    program = tmp_path / "program.py"
    program.write_text(source)
    report = analyse(source, str(program), data=DataFiles())
    engine = {}
    for value in report.values:
        if value.kind == "tensor":
            line = source.splitlines()[value.span.line]
            engine[line[value.span.column:value.span.end_column]] = (value.shape, value.summary.split()[-1])
    real: dict = {}
    with contextlib.chdir(tmp_path):
        exec(compile(source, str(program), "exec"), real)  # the test's own program, not user code
    return {key: (engine.get(key), real[key]) for key in real if isinstance(real[key], np.ndarray)}


def same(found, array) -> bool:
    return found is not None and found == (array.shape, str(array.dtype))


def test_values_and_selections_have_pandas_shapes_and_dtypes(tmp_path):
    results = inferred(tmp_path, IRIS, """
        df = pd.read_csv("data.csv")
        everything = df.values
        features = df.drop("species", axis=1).values
        no_id = df.drop(columns=["id", "species"]).to_numpy()
        by_position = df.iloc[:, 1:5].values
        one_column = df.iloc[:, 4].values
        by_label = df.loc[:, "sepal_length":"petal_width"].values
        picked = df[["petal_width", "id"]].values
        column = df["sepal_width"].to_numpy()
        attribute = df.petal_length.values
        text = df["species"].to_numpy()
        dummies = pd.get_dummies(df).values
        dummy_floats = pd.get_dummies(df, columns=["species"], dtype=float).values
        series_dummies = pd.get_dummies(df["species"], drop_first=True).to_numpy()
        first = df.head(4).values
        last = df.tail(-2).values
        floats = df[["id", "sepal_width"]].astype("float32").values
        stacked = pd.concat([df, df]).values
        frame = pd.DataFrame(np.zeros((3, 2)), columns=["x", "y"]).values
        from_dict = pd.DataFrame({"x": [1, 2], "y": [0.5, 1.0]}).values
        shuffled = df.sample(frac=1, random_state=0).reset_index(drop=True).values
        some = df.sample(n=3).values
        counts = df["species"].value_counts().values
    """)
    for key, (found, array) in results.items():
        assert same(found, array), (key, found, array.shape, array.dtype)


def test_dtypes_are_inferred_from_the_fields_as_pandas_does(tmp_path):
    results = inferred(tmp_path, MIXED, """
        df = pd.read_csv("data.csv")
        a = df[["a"]].values
        ab = df[["a", "b"]].values
        c = df[["c"]].values
        d = df[["d"]].values
        ad = df[["a", "d"]].values
        e = df[["e"]].values
        ae = df[["a", "e"]].values
        f = df[["f"]].values
        dummies = pd.get_dummies(df[["a", "c"]]).values
    """)
    for key, (found, array) in results.items():
        assert same(found, array), (key, found, array.shape, array.dtype)


@pytest.mark.parametrize("arguments", [
    "header=None", "header=1", "skiprows=1", "skiprows=[2]", "nrows=3", "usecols=[3, 1]",
    "usecols=['b', 'a']", "index_col=0", "index_col='b'", "names=['p', 'q', 'r', 's', 't'], header=0",
    "sep=','", "delimiter=','",
])
def test_read_csv_arguments_follow_pandas(tmp_path, arguments):
    csv = "a,b,c,d,e\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n16,17,18,19,20\n"
    results = inferred(tmp_path, csv, f"values = pd.read_csv('data.csv', {arguments}).values\n")
    found, array = results["values"]
    assert same(found, array), (found, array.shape, array.dtype)


def test_other_separators(tmp_path):
    (tmp_path / "data.tsv").write_text("a\tb\tc\n1\t2\t3\n")
    (tmp_path / "spaces.txt").write_text("a b  c\n1 2  3\n4 5 6\n")
    results = inferred(tmp_path, "", """
        tabs = pd.read_table("data.tsv").values
        spaces = pd.read_csv("spaces.txt", sep=r"\\s+").values
    """)
    for key, (found, array) in results.items():
        assert same(found, array), (key, found)


def test_a_file_read_in_part_knows_its_columns_not_its_rows(tmp_path):
    rows = "".join(f"{i},{i * 0.5},x{i % 3}\n" for i in range(20_000))
    results = inferred(tmp_path, "a,b,c\n" + rows, """
        df = pd.read_csv("data.csv")
        numbers = df[["a", "b"]].values
        text = df.values
        dummies = pd.get_dummies(df).values
        first = pd.read_csv("data.csv", nrows=100).values
    """)
    assert results["numbers"][0][0] == (None, 2) and results["numbers"][0][1] != "int64"  # a later row may be text
    assert results["text"][0] == ((None, 3), "object")  # text seen: object whatever follows
    assert results["dummies"][0][0] == (None, None)  # the categories of the rest are not known
    assert same(results["first"][0], results["first"][1])


@pytest.mark.filterwarnings("ignore:.*inplace")  # pandas 3.1 deprecates it; user code still has it
@pytest.mark.parametrize("statements", [
    'df["new"] = df["id"] * 2',
    'df.insert(1, "new", 0.5)',
    'df.drop("species", axis=1, inplace=True)',
    'del df["id"]',
    'df.pop("species")',
    'df.rename(columns={"id": "key"}, inplace=True)',
    'if len(df) > 3:\n    df["flag"] = True',
])
def test_changes_in_place_are_followed(tmp_path, statements):
    results = inferred(tmp_path, IRIS, f'df = pd.read_csv("data.csv")\n{statements}\nafter = df.values\n')
    found, array = results["after"]
    assert same(found, array), (found, array.shape, array.dtype)


@pytest.mark.parametrize("statements", [
    'df.columns = ["a", "b", "c", "d", "e", "f"]',
    'df.loc[:, "extra"] = 1',
    'df.set_index("id", inplace=True)',
    'import helpers\nhelpers.clean(df)',
    'df.drop(df.columns[0], axis=1, inplace=flag)',
    'for name in names:\n    df[name] = 0',
    'if flag:\n    df["extra"] = 0',
])
def test_changes_not_followed_forget_the_frame(tmp_path, statements):
    assert not still_known(tmp_path, statements)


def still_known(tmp_path, statements: str) -> bool:
    """Whether the engine knows `df.values` after the statements (`flag`, `names`: unknown)."""
    (tmp_path / "data.csv").write_text(IRIS)
    source = f'import pandas as pd\nflag = names = unknown()\ndf = pd.read_csv("data.csv")\n{statements}\nafter = df.values\n'
    program = tmp_path / "program.py"
    program.write_text(source)
    report = analyse(source, str(program), data=DataFiles())
    last = len(source.splitlines()) - 1
    return bool([v for v in report.values if v.span.line == last and v.kind == "tensor"])


def test_an_object_array_given_to_fit_is_refused_as_keras_refuses_it(tmp_path):
    from keras_run import raising_line
    (tmp_path / "data.csv").write_text(IRIS)
    source = textwrap.dedent("""
        import pandas as pd
        import keras
        df = pd.read_csv("data.csv")
        y = df["species"].map({"setosa": 0, "versicolor": 1, "virginica": 2})
        X = pd.get_dummies(df.drop(columns=["id"])).values
        model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(3)])
        model.compile(loss="sparse_categorical_crossentropy")
        model.fit(X, y.values, epochs=1, verbose=0)
    """).lstrip()
    program = tmp_path / "program.py"
    program.write_text(source)
    found = [(d.span.line + 1, d.message) for d in analyse(source, str(program), data=DataFiles()).diagnostics]
    assert found == [(raising_line(source, str(tmp_path)), "Invalid dtype: object")]


def test_len_shape_and_columns(tmp_path):
    (tmp_path / "data.csv").write_text(IRIS)
    source = textwrap.dedent("""
        import pandas as pd
        import numpy as np
        df = pd.read_csv("data.csv")
        a = np.zeros((len(df), df.shape[1], len(df.columns), len(df["species"])))
    """).lstrip()
    program = tmp_path / "program.py"
    program.write_text(source)
    report = analyse(source, str(program), data=DataFiles())
    real = pd.read_csv(tmp_path / "data.csv")
    expected = (len(real), real.shape[1], len(real.columns), len(real["species"]))
    assert [v.shape for v in report.values if v.kind == "tensor"] == [expected]


def test_fewer_rows_lose_the_categories_and_other_axes_are_not_followed(tmp_path):
    (tmp_path / "data.csv").write_text(IRIS)
    source = textwrap.dedent("""
        import pandas as pd
        df = pd.read_csv("data.csv")
        few = pd.get_dummies(df.head(2)).values
        sliced = df[0:2].values
        columns = df.dropna(axis=1).values
        everything = pd.get_dummies(df.head(100)).values
    """).lstrip()
    program = tmp_path / "program.py"
    program.write_text(source)
    shapes = {source.splitlines()[v.span.line][v.span.column:v.span.end_column]: v.shape
              for v in analyse(source, str(program), data=DataFiles()).values if v.kind == "tensor"}
    real = pd.read_csv(tmp_path / "data.csv")
    assert pd.get_dummies(real.head(2)).shape[1] != pd.get_dummies(real).shape[1]
    assert shapes["few"] == (2, None)  # only the categories of the first rows
    assert shapes["sliced"] == (None, 6)  # by position or by label, as the index says
    assert "columns" not in shapes
    assert shapes["everything"] == pd.get_dummies(real.head(100)).shape


def test_hover_names_the_file_and_the_columns(tmp_path):
    from shapelens.lsp.hover import hover
    (tmp_path / "data.csv").write_text(IRIS)
    source = 'import pandas as pd\ndf = pd.read_csv("data.csv")\n'
    program = tmp_path / "program.py"
    program.write_text(source)
    _, text = hover(analyse(source, str(program), data=DataFiles()), 1, 0)
    assert text.startswith("**DataFrame** `(6, 6)`") and "from data.csv" in text and "species: str" in text


def test_arithmetic_on_numeric_frames_and_series(tmp_path):
    results = inferred(tmp_path, IRIS, """
        df = pd.read_csv("data.csv")
        X = df.drop(columns=["species"])
        standardised = ((X - X.mean()) / X.std()).values
        scaled = (X / 255).values
        min_max = ((X - X.min()) / (X.max() - X.min())).to_numpy()
        doubled = (2 * X).values
        ints = (X[["id"]] + 1).values
        column = (df["id"] * 2).values
    """)
    for key, (found, array) in results.items():
        assert same(found, array), (key, found, array.shape, array.dtype)
    unknown = inferred(tmp_path, IRIS, """
        df = pd.read_csv("data.csv")
        X = df.drop(columns=["species"])
        aligned = (X - df["id"]).values
    """)
    assert unknown["aligned"][0] is None and unknown["aligned"][1].shape == (6, 11)  # columns ∪ index


def test_blank_lines_are_skipped_and_empty_fields_are_a_row(tmp_path):
    csv = "a,b,c\n1,2,3\n\n   \n,,\n4,5,6\n"
    results = inferred(tmp_path, csv, 'values = pd.read_csv("data.csv").values\n')
    found, array = results["values"]
    assert same(found, array) and array.shape == (3, 3), (found, array.shape, array.dtype)


@pytest.mark.parametrize("data", ["df", 'df[["id", "species"]]', 'df.drop(columns=["species"])',
                                  'pd.get_dummies(df).values', 'pd.get_dummies(df, dtype="float32").values'])
def test_data_keras_refuses_for_its_dtype(tmp_path, data):
    from keras_run import raising_line
    (tmp_path / "data.csv").write_text(IRIS)
    source = textwrap.dedent(f"""
        import numpy as np
        import pandas as pd
        import keras
        df = pd.read_csv("data.csv")
        x = {data}
        model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(1)])
        model.compile(loss="mse")
        model.fit(x, np.zeros(len(x)), epochs=1, verbose=0)
    """).lstrip()
    program = tmp_path / "program.py"
    program.write_text(source)
    found = [d.span.line + 1 for d in analyse(source, str(program), data=DataFiles()).diagnostics]
    line = raising_line(source, str(tmp_path))
    assert found == ([] if line is None else [line])


# ---- a differential test of changes in place: random programs, run, against the engine ----------

def _random_program(rng) -> str:
    """A frame changed by random steps, each placed directly, through an alias, in a function, in
    a branch the engine cannot decide, in a loop, or on a copy; then `after = df.values`."""
    certain = ["id", "sepal_length", "sepal_width", "petal_length", "petal_width"]  # present on every path
    lines = ['df = pd.read_csv("data.csv")']
    for step in range(rng.randint(1, 6)):
        new = f"c{step}"
        choices = [(f'$["{new}"] = 1.5', "add"), (f'$["{new}"] = "text"', "add"), (f'$.insert(0, "{new}", 2)', "add")]
        if certain:
            old = rng.choice(certain)
            choices += [(f'del $["{old}"]', "remove"), (f'$.pop("{old}")', "remove"),
                        (f'$.drop(columns=["{old}"], inplace=True)', "remove"),
                        (f'$.rename(columns={{"{old}": "{new}"}}, inplace=True)', "remove"),
                        (f'$["{old}"] = "text"', "keep"), (f'$.loc[:, "{old}"] = 0', "keep")]
        op, effect = rng.choice(choices)
        carrier = rng.choice(["direct", "alias", "function", "taken", "not taken", "loop", "copy"])
        if carrier == "loop" and op.startswith('$["'):  # the same column set twice
            lines += ["for _ in range(2):", "    " + op.replace("$", "df")]
        elif carrier == "direct" or carrier == "loop":
            lines.append(op.replace("$", "df"))
        elif carrier == "alias":
            lines += ["alias = df", op.replace("$", "alias")]
        elif carrier == "function":
            lines += [f"def change{step}(frame):", "    " + op.replace("$", "frame"), f"change{step}(df)"]
        elif carrier == "copy":
            lines += ["other = df.copy()", op.replace("$", "other")]
            continue
        else:
            test = "np.random.rand() < 2" if carrier == "taken" else "np.random.rand() > 2"
            lines += [f"if {test}:", "    " + op.replace("$", "df")]
        if effect == "remove" and old in certain:
            certain.remove(old)
    return "\n".join(lines + ["after = df.values", ""])


def test_random_changes_in_place_are_known_exactly_or_not_at_all(tmp_path):
    import random
    import warnings
    rng = random.Random(1234)
    (tmp_path / "data.csv").write_text(IRIS)
    known = 0
    for _ in range(150):
        source = "import numpy as np\nimport pandas as pd\n" + _random_program(rng)
        program = tmp_path / "program.py"
        program.write_text(source)
        last = len(source.splitlines()) - 1
        found = [(v.shape, v.summary.split()[-1]) for v in analyse(source, str(program), data=DataFiles()).values
                 if v.kind == "tensor" and v.span.line == last]
        real: dict = {}
        with contextlib.chdir(tmp_path), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(compile(source, str(program), "exec"), real)  # the test's own program
            except (KeyError, ValueError, TypeError):
                continue  # a step pandas refuses (a name taken twice): nothing to compare
        if found:
            known += 1
            assert found == [(real["after"].shape, str(real["after"].dtype))], source
    assert known >= 30  # changes in branches the engine cannot decide, and `.loc`, are given up on


def test_missing_text_is_no_dummy_but_a_category_to_scikit_learn(tmp_path):
    csv = "kind,size,colour\nx,1,red\n,2,blue\ny,3,\nx,4,red\n"
    results = inferred(tmp_path, csv, """
        from sklearn.preprocessing import OneHotEncoder
        df = pd.read_csv("data.csv")
        dummies = pd.get_dummies(df, dtype="float32").values
        first_dropped = pd.get_dummies(df["kind"], drop_first=True).values
        encoded = OneHotEncoder(sparse_output=False).fit_transform(df[["kind", "colour"]])
        counts = df["colour"].value_counts().values
    """)
    for key, (found, array) in results.items():
        assert same(found, array), (key, found, array.shape, array.dtype)


def test_the_dtype_of_values_is_pandas_common_type():
    from shapelens.engine.api.frames import array_dtype
    kinds = ["bool", "int8", "int16", "uint8", "int32", "int64", "float16", "float32", "float64"]
    known = 0
    for first in kinds:
        for second in kinds:
            frame = pd.DataFrame({"a": np.zeros(2, first), "b": np.zeros(2, second)})
            found = array_dtype([first, second])
            if found is not None:
                known += 1
                assert found == str(frame.values.dtype), (first, second)
    assert known >= 40
    assert array_dtype(["int64", "str"]) == str(pd.DataFrame({"a": [1], "b": ["x"]}).values.dtype)


@pytest.mark.parametrize("method", ["fit(x, y, verbose=0)", "evaluate(x, y, verbose=0)", "predict(x, verbose=0)",
                                    "train_on_batch(x, y)", "predict_on_batch(x)"])
def test_object_arrays_are_refused_by_fit_evaluate_and_predict(method):
    from keras_run import raising_line
    source = textwrap.dedent(f"""
        import numpy as np
        import keras
        x = np.zeros((4, 3), dtype="object")
        y = np.zeros(4)
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.compile(loss="mse")
        model.{method}
    """).lstrip()
    found = [(d.span.line + 1, d.message) for d in analyse(source).diagnostics]
    line = raising_line(source)
    assert line == 7
    assert found == ([(7, "Invalid dtype: object")] if "on_batch" not in method else [])


@pytest.mark.filterwarnings("ignore:.*inplace")
@pytest.mark.parametrize("statements,followed", [
    ("print(df.keys(), df.describe(), df.isnull().sum())", True),
    ("df.replace({'setosa': 'x'}, inplace=True)", False),
    ("df.where(df > 0, inplace=flag)", False),
    ("rows = [r for r in df.itertuples()]", True),
])
def test_methods_that_only_read_keep_the_frame(tmp_path, statements, followed):
    assert still_known(tmp_path, statements) == followed


def test_missing_value_markers_are_pandas_own():
    from pandas._libs.parsers import STR_NA_VALUES

    from shapelens.engine.api.frames import _MISSING
    assert _MISSING == frozenset(STR_NA_VALUES)
