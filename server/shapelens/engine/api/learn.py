"""scikit-learn: its bundled data sets (from a table measured with the pinned release), the
synthetic data generators (from their arguments), `train_test_split` (with sklearn's rounding),
and the transformers whose output shape follows from their input: scalers, encoders, PCA.
Nothing is downloaded; the `fetch_*` loaders, which download, stay unknown.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

from ..mutation import Changeable
from ..values import UNKNOWN, Tensor
from . import api, attribute, method
from .frames import DataFrame, Series, as_array, rows_subset, shape_of
from .tensors import _dtype, _int

# name → (data shape (float64), target dtype, how many target names), as sklearn 1.9.1 returns
# them; load_digits also has `images`, load_diabetes no target names.
_BUNDLED = {
    "iris": ((150, 4), "int64", 3),
    "digits": ((1797, 64), "int64", 10),
    "wine": ((178, 13), "int64", 3),
    "breast_cancer": ((569, 30), "int64", 2),
    "diabetes": ((442, 10), "float64", None),
}
# The Bunch's keys in sklearn 1.9.1's order (the text and file names among them are not followed).
_KEYS = {
    "iris": ("data", "target", "frame", "target_names", "DESCR", "feature_names", "filename", "data_module"),
    "digits": ("data", "target", "frame", "feature_names", "target_names", "images", "DESCR"),
    "wine": ("data", "target", "frame", "target_names", "DESCR", "feature_names"),
    "breast_cancer": ("data", "target", "frame", "target_names", "DESCR", "feature_names", "filename",
                      "data_module"),
    "diabetes": ("data", "target", "frame", "DESCR", "feature_names", "data_filename", "target_filename",
                 "data_module"),
}
# Arguments only some loaders take (the others raise TypeError).
_OPTIONS = {"digits": ("n_class",), "diabetes": ("scaled",)}
# The dtype of `target_names` (NumPy arrays of strings, or of the digits).
_TARGET_NAMES = {"iris": "str", "digits": "int64", "wine": "str", "breast_cancer": "str"}


class Bunch(dict):
    """A loader's result, a dict whose items are also read as attributes (as sklearn's Bunch):
    changed like a dict, and forgotten like one."""


@attribute(Bunch, "*")
def bunch_attribute(interp, bunch: Bunch, name: str, node: ast.AST) -> Any:
    return bunch.get(name, UNKNOWN)


def _loader(name: str):
    shape, target_dtype, classes = _BUNDLED[name]

    def load(call) -> Any:
        allowed = {"return_X_y", "as_frame", *_OPTIONS.get(name, ())}
        if set(call.kwargs) - allowed or call.args or call.get("as_frame", None, False) is not False:
            return UNKNOWN
        if name == "digits" and call.get("n_class", None, 10) != 10:
            return UNKNOWN  # a subset of the classes: fewer rows
        node, origin = call.node, f"from sklearn's {name} data set"
        data = Tensor(shape, "float64", node, origin=origin)
        target = Tensor(shape[:1], target_dtype, node, origin=origin)
        return_xy = call.get("return_X_y", None, False)
        if return_xy is True:
            return (data, target)
        if return_xy is not False:
            return UNKNOWN
        names = Tensor(shape[1:], "str", node) if name == "breast_cancer" else [UNKNOWN] * shape[1]
        items = {"data": data, "target": target, "feature_names": names, "frame": None}
        if classes is not None:
            items["target_names"] = Tensor((classes,), _TARGET_NAMES[name], node, origin=origin)
        if name == "digits":
            items["images"] = Tensor((shape[0], 8, 8), "float64", node, origin=origin)
        return Bunch((key, items.get(key, UNKNOWN)) for key in _KEYS[name])
    return load


for _name in _BUNDLED:
    api(f"sklearn.datasets.load_{_name}")(_loader(_name))


# ---- generators ---------------------------------------------------------------------------------

def _count(value: Any) -> int | None:
    return value if _int(value) and value >= 0 else None


def _samples(value: Any) -> int | None:
    """`n_samples`: a count, or (make_moons, make_circles, make_blobs) one count per group."""
    if isinstance(value, (list, tuple)) and value and all(_count(v) is not None for v in value):
        return sum(value)
    return _count(value)


def _generated(call, rows: int | None, features: int | None, labels: tuple, extra: Any = None) -> Any:
    if rows is None or features is None:
        return UNKNOWN
    X = Tensor((rows, features), "float64", call.node)
    y = Tensor((rows, *labels[0]), labels[1], call.node)
    return (X, y) if extra is None else (X, y, extra)


@api("sklearn.datasets.make_classification")
def make_classification(call) -> Any:
    names = ("n_samples", "n_features", "n_informative", "n_redundant", "n_repeated", "n_classes",
             "n_clusters_per_class")
    defaults = (100, 20, 2, 2, 0, 2, 2)
    values = [call.get(name, None, default) for name, default in zip(names, defaults)]
    if call.args or not all(_count(v) is not None for v in values):
        return UNKNOWN
    rows, features, informative, redundant, repeated, classes, clusters = values
    # sklearn raises for these (and nothing is known of what follows)
    if informative + redundant + repeated > features or classes * clusters > 2 ** min(informative, 64) or \
            min(rows, features, informative, classes, clusters) < 1:
        return UNKNOWN
    return _generated(call, rows, features, ((), "int64"))


@api("sklearn.datasets.make_regression")
def make_regression(call) -> Any:
    rows, features = _count(call.get("n_samples", None, 100)), _count(call.get("n_features", None, 100))
    targets, coef = call.get("n_targets", None, 1), call.get("coef", None, False)
    if call.args or _count(targets) is None or targets < 1 or not isinstance(coef, bool):
        return UNKNOWN
    extra = Tensor((features,) if targets == 1 else (features, targets), "float64", call.node) if coef else None
    return _generated(call, rows, features, ((), "float64") if targets == 1 else ((targets,), "float64"), extra)


@api("sklearn.datasets.make_blobs")
def make_blobs(call) -> Any:
    centers, features = call.get("centers", None), call.get("n_features", None, 2)
    if isinstance(centers, Tensor):
        if centers.rank != 2:
            return UNKNOWN
        features = centers.shape[1]
    elif not (centers is None or _int(centers)) or isinstance(call.get("n_samples"), (list, tuple)) and \
            centers is not None:
        return UNKNOWN  # sklearn wants the centers' array with samples per center
    if call.args or call.get("return_centers", None, False) is not False:
        return UNKNOWN
    return _generated(call, _samples(call.get("n_samples", None, 100)), _count(features), ((), "int64"))


@api("sklearn.datasets.make_moons", "sklearn.datasets.make_circles")
def make_two_dimensional(call) -> Any:
    if call.args:
        return UNKNOWN
    return _generated(call, _samples(call.get("n_samples", None, 100)), 2, ((), "int64"))


# ---- train_test_split ---------------------------------------------------------------------------

def _split_sizes(samples: int, test_size: Any, train_size: Any) -> tuple[int, int] | None:
    """sklearn's `_validate_shuffle_split`: the train and test counts, or None where it raises."""
    if test_size is None and train_size is None:
        test_size = 0.25
    kinds = []
    for size in (test_size, train_size):
        if size is None:
            kinds.append(None)
        elif _int(size):
            kinds.append("i")
            if not 0 < size < samples:
                return None
        elif isinstance(size, float) and not isinstance(size, bool):
            kinds.append("f")
            if not 0 < size < 1:
                return None
        else:
            return None
    test_kind, train_kind = kinds
    if test_kind == "f" and train_kind == "f" and train_size + test_size > 1:
        return None
    n_test = math.ceil(test_size * samples) if test_kind == "f" else test_size
    n_train = math.floor(train_size * samples) if train_kind == "f" else train_size
    if train_size is None:
        n_train = samples - n_test
    elif test_size is None:
        n_test = samples - n_train
    if n_train + n_test > samples or n_train == 0:
        return None
    return int(n_train), int(n_test)


def _rows(value: Any) -> Any:
    """A split argument's row count (None if not known); UNKNOWN if it is not an array-like."""
    if isinstance(value, Tensor):
        return value.shape[0] if value.shape else None
    shape = shape_of(value)
    if shape is not None:
        return shape[0]
    if isinstance(value, (list, tuple)):
        return len(value)
    return UNKNOWN


def _part(value: Any, rows: int | None, node: ast.AST) -> Any:
    if isinstance(value, Tensor):
        if value.shape is None:
            return UNKNOWN
        return Tensor((rows, *value.shape[1:]), value.dtype, node, origin=value.origin)
    if isinstance(value, (DataFrame, Series)):
        return rows_subset(value, rows, node)
    return UNKNOWN  # a list's items are picked at random


@api("sklearn.model_selection.train_test_split")
def train_test_split(call) -> Any:
    arrays = call.args
    if not arrays or set(call.kwargs) - {"test_size", "train_size", "random_state", "shuffle", "stratify"}:
        return UNKNOWN
    counts = {_rows(value) for value in arrays}
    known = {count for count in counts if count is not None and count is not UNKNOWN}
    if len(known) > 1:
        return UNKNOWN  # sklearn raises: inconsistent numbers of samples
    sizes = _split_sizes(min(known), call.get("test_size"), call.get("train_size")) if known else None
    if known and sizes is None:
        return UNKNOWN
    train, test = sizes if sizes is not None else (None, None)
    parts = []
    for value in arrays:
        parts.extend([_part(value, train, call.node), _part(value, test, call.node)])
    return parts


# ---- transformers -------------------------------------------------------------------------------

@dataclass(eq=False)
class Transformer(Changeable):
    """A scaler, encoder or PCA: `kind` and its constructor's arguments. Its state is not followed:
    a method without a rule (`set_output`, `set_params`) forgets it."""

    kind: str
    args: dict

    def snapshot(self) -> list:
        return []

    def restore(self, state: list) -> None:
        pass


_TRANSFORMERS = ("StandardScaler", "MinMaxScaler", "RobustScaler", "Normalizer", "MaxAbsScaler",
                 "LabelEncoder", "OneHotEncoder", "PCA")
_MODULES = {"PCA": "decomposition"}


def _constructor(kind: str):
    def construct(call) -> Any:
        args = dict(call.kwargs)
        if call.args:
            if kind != "PCA" or len(call.args) > 1:
                return UNKNOWN
            args["n_components"] = call.args[0]
        return Transformer(kind, args)
    return construct


for _kind in _TRANSFORMERS:
    api(f"sklearn.{_MODULES.get(_kind, 'preprocessing')}.{_kind}")(_constructor(_kind))


def _matrix(value: Any, node: ast.AST) -> Any:
    """What sklearn's `check_array` makes of X: a 2-D array (frames become NumPy arrays)."""
    if isinstance(value, (DataFrame, Series)):
        value = as_array(value, node)
    return value if isinstance(value, Tensor) and value.rank == 2 else UNKNOWN


def _float_dtype(dtype: str | None) -> str | None:
    """The dtype scalers and PCA return: float32 stays float32; integers and float64 give float64."""
    if dtype == "float32":
        return dtype
    return "float64" if dtype in ("float64", "int64", "int32", "uint8", "int8", "int16", "bool") else None


def transform(model: Transformer, call) -> Any:
    data = call.get("X", 0, call.get("y", 0))
    node = call.node
    if model.kind == "LabelEncoder":
        if isinstance(data, Series):
            rows = data.rows
        elif isinstance(data, Tensor) and data.shape is not None and len(data.shape) in (1, 2) and \
                (len(data.shape) == 1 or data.shape[1] == 1):
            rows = data.shape[0]
        else:
            return UNKNOWN
        return Tensor((rows,), "int64", node)
    if model.kind == "OneHotEncoder":
        return _one_hot(model, data, node)
    X = _matrix(data, node)
    if X is UNKNOWN:
        return UNKNOWN
    if model.kind == "PCA":
        components = model.args.get("n_components")
        if components is None and None not in X.shape:
            components = min(X.shape)  # all of them: as many as samples or features allow
        if set(model.args) - {"n_components", "random_state", "whiten", "svd_solver"} or not _int(components) \
                or any(dim is not None and components > dim for dim in X.shape):
            return UNKNOWN  # more components than samples or features: sklearn raises
        return Tensor((X.shape[0], components), _float_dtype(X.dtype), node)
    if model.kind in ("MinMaxScaler", "StandardScaler", "RobustScaler", "Normalizer", "MaxAbsScaler"):
        return Tensor(X.shape, _float_dtype(X.dtype), node)
    return UNKNOWN


def _one_hot(model: Transformer, data: Any, node: ast.AST) -> Any:
    """OneHotEncoder(sparse_output=False): one column per category of each column."""
    if model.args.get("sparse_output") is not False or set(model.args) - {"sparse_output", "categories", "dtype",
                                                                         "handle_unknown"}:
        return UNKNOWN
    dtype = _dtype(model.args.get("dtype"), "float64")
    categories = model.args.get("categories", "auto")
    if isinstance(data, DataFrame) and data.columns is not None and categories == "auto":
        # sklearn's categories: the distinct values, a missing value one of them
        counts = [None if cats is None else len(cats) for _, _, cats in data.columns]
        width = None if None in counts else sum(counts)
        return Tensor((data.rows, width), dtype, node)
    X = _matrix(data, node)
    if X is UNKNOWN:
        return UNKNOWN
    if isinstance(categories, (list, tuple)) and len(categories) == X.shape[1] and \
            all(isinstance(c, (list, tuple)) for c in categories):
        return Tensor((X.shape[0], sum(len(c) for c in categories)), dtype, node)
    return Tensor((X.shape[0], None), dtype, node)


@method(Transformer, "fit")
def fit(model: Transformer, call) -> Any:
    return model


method(Transformer, "fit_transform", "transform")(transform)


@method(Transformer, "inverse_transform")
def inverse_transform(model: Transformer, call) -> Any:
    if model.kind in ("MinMaxScaler", "StandardScaler", "RobustScaler", "MaxAbsScaler"):
        return transform(model, call)
    return UNKNOWN
