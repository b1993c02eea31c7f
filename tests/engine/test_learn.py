"""scikit-learn: the shapes and dtypes the engine infers against what the pinned sklearn returns
for the same calls (the bundled data sets are read from the package, nothing is downloaded)."""
import textwrap

import numpy as np
import pytest
import sklearn.datasets
from sklearn.model_selection import train_test_split

from shapelens.engine import analyse


def inferred(statements: str) -> dict:
    """Each assigned name's (shape, dtype) from the engine, next to the real array."""
    source = textwrap.dedent(statements).lstrip("\n")
    engine = {}
    for value in analyse(source).values:
        if value.kind == "tensor":
            line = source.splitlines()[value.span.line]
            engine[line[value.span.column:value.span.end_column]] = (value.shape, value.summary.split()[-1])
    real: dict = {}
    exec(compile(source, "<test>", "exec"), real)  # the test's own program
    return {key: (engine.get(key), real[key]) for key in real if isinstance(real[key], np.ndarray)}


def assert_same(results: dict) -> None:
    assert results
    for key, (found, array) in results.items():
        assert found == (array.shape, str(array.dtype)), (key, found, array.shape, array.dtype)


@pytest.mark.parametrize("name", ["iris", "digits", "wine", "breast_cancer", "diabetes"])
def test_bundled_data_sets(name):
    extra = "images = bunch.images\n" if name == "digits" else ""
    names = "names = bunch.target_names\n" if name != "diabetes" else ""
    results = inferred(f"""
        from sklearn.datasets import load_{name}
        bunch = load_{name}()
        data, target = bunch.data, bunch["target"]
        X, y = load_{name}(return_X_y=True)
        {names}{extra}""".replace("\n        ", "\n"))
    for key in ("names",):
        if key in results:  # strings: the engine knows them as text, NumPy names the width
            found, array = results.pop(key)
            assert found[0] == array.shape
    assert_same(results)
    bunch = getattr(sklearn.datasets, f"load_{name}")()
    counted = analyse(f"from sklearn.datasets import load_{name}\nimport numpy as np\n"
                      f"a = np.zeros((len(load_{name}().feature_names), len(load_{name}())))\n").values
    assert [v.shape for v in counted if v.kind == "tensor"] == [(len(bunch.feature_names), len(bunch))]


@pytest.mark.parametrize("call", [
    "make_classification()", "make_classification(n_samples=300, n_features=20, n_informative=5)",
    "make_classification(n_samples=50, n_features=4, n_redundant=0, n_classes=3, n_clusters_per_class=1)",
    "make_regression()", "make_regression(n_samples=20, n_features=3, n_targets=2)",
    "make_blobs()", "make_blobs(n_samples=[10, 20], n_features=5)", "make_blobs(n_samples=30, centers=4)",
    "make_moons()", "make_moons(n_samples=(10, 15), noise=0.1)", "make_circles(n_samples=40)",
])
def test_generators(call):
    assert_same(inferred(f"from sklearn.datasets import *\nX, y = {call}\n"))


def test_generators_that_raise_stay_unknown():
    values = analyse("from sklearn.datasets import make_classification\n"
                     "X, y = make_classification(n_features=3)\n").values
    assert not [v for v in values if v.kind == "tensor"]
    with pytest.raises(ValueError):
        sklearn.datasets.make_classification(n_features=3)


@pytest.mark.parametrize("samples", [10, 99, 150, 301])
@pytest.mark.parametrize("sizes", ["", "test_size=0.2", "test_size=0.33", "train_size=0.7", "test_size=7",
                                   "train_size=0.5, test_size=0.3", "train_size=5", "test_size=0.1, shuffle=False"])
def test_train_test_split_rounds_as_sklearn(samples, sizes):
    try:
        train_test_split(np.zeros(samples), **eval(f"dict({sizes})"))  # noqa: S307
    except ValueError:
        pytest.skip("sklearn refuses these sizes")
    assert_same(inferred(f"""
        import numpy as np
        from sklearn.model_selection import train_test_split
        X, y = np.zeros(({samples}, 3), dtype="float32"), np.zeros({samples}, dtype="int64")
        X_train, X_test, y_train, y_test = train_test_split(X, y, {sizes})
    """))


def test_split_sizes_sklearn_refuses_stay_unknown():
    values = analyse("import numpy as np\nfrom sklearn.model_selection import train_test_split\n"
                     "a, b = train_test_split(np.zeros((10, 2)), test_size=10)\n").values
    assert [v.shape for v in values if v.kind == "tensor"] == []
    with pytest.raises(ValueError):
        train_test_split(np.zeros((10, 2)), test_size=10)


@pytest.mark.parametrize("transformer", ["StandardScaler()", "MinMaxScaler()", "RobustScaler()", "Normalizer()",
                                         "MaxAbsScaler()", "PCA(n_components=2)", "PCA(3)", "PCA()"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_transformers(transformer, dtype):
    assert_same(inferred(f"""
        import numpy as np
        from sklearn.preprocessing import *
        from sklearn.decomposition import PCA
        X = (np.random.rand(12, 4) * 10).astype("{dtype}")
        a = {transformer}.fit_transform(X)
        t = {transformer}.fit(X)
        b = t.transform(X[:5])
    """))


def test_encoders():
    assert_same(inferred("""
        import numpy as np
        from sklearn.preprocessing import LabelEncoder, OneHotEncoder
        labels = LabelEncoder().fit_transform(np.array([3, 1, 3, 2]))
        known = OneHotEncoder(sparse_output=False, categories=[[1, 2, 3], [0, 1]]).fit_transform(np.ones((4, 2)))
    """))
    values = analyse("import numpy as np\nfrom sklearn.preprocessing import OneHotEncoder\n"
                     "a = OneHotEncoder(sparse_output=False).fit_transform(np.ones((4, 2)))\n").values
    assert [v.shape for v in values if v.kind == "tensor"] == [(4, None)]  # the categories are in the data


def test_a_transformer_changed_where_the_engine_cannot_follow_is_forgotten():
    values = analyse("import numpy as np\nfrom sklearn.preprocessing import StandardScaler\n"
                     "scaler = StandardScaler()\nscaler.set_output(transform='pandas')\n"
                     "a = scaler.fit_transform(np.zeros((4, 2)))\n").values
    assert [v.shape for v in values if v.kind == "tensor"] == []


@pytest.mark.parametrize("call", ["make_classification(n_informative=0)", "make_classification(n_classes=8)",
                                  "make_blobs(n_samples=[10, 20], centers=3)",
                                  "make_classification(n_informative=10**9)"])
def test_arguments_sklearn_refuses_give_nothing(call):
    values = analyse(f"from sklearn.datasets import *\nX, y = {call}\n").values
    assert not [v for v in values if v.kind == "tensor"]
    if "10**9" not in call:
        with pytest.raises(ValueError):
            exec(f"from sklearn.datasets import *\nX, y = {call}\n", {})


def test_loaders_take_only_their_own_arguments():
    values = analyse("from sklearn.datasets import load_iris, load_diabetes\n"
                     "X, y = load_iris(return_X_y=True, scaled=True)\n"
                     "A, b = load_diabetes(return_X_y=True, scaled=False)\n").values
    assert [v.shape for v in values if v.kind == "tensor"] == [(442, 10), (442,)]
    with pytest.raises(TypeError):
        sklearn.datasets.load_iris(scaled=True)
