"""keras.datasets: what `load_data()` returns, from a table of the shapes and dtypes Keras documents
(and asserts in its own code). Nothing is downloaded or read.

The image sets are channels-last, Keras's default `image_data_format`. The text sets' sequences
are lists of word indices of varying length (object arrays): `pad_sequences` makes them a matrix;
their count is known from the labels.
"""
from __future__ import annotations

from typing import Any

from ..values import UNKNOWN, Tensor
from . import api
from .preprocessing import INT_SEQUENCES

# name → (train count, test count, image shape, label shape per sample)
_IMAGES = {
    "mnist": (60_000, 10_000, (28, 28), ()),
    "fashion_mnist": (60_000, 10_000, (28, 28), ()),
    "cifar10": (50_000, 10_000, (32, 32, 3), (1,)),
    "cifar100": (50_000, 10_000, (32, 32, 3), (1,)),
}
# name → (samples, features per sample, the versions' sample counts): split by `test_split`.
_TABLES = {
    "boston_housing": (506, 13, None),
    "california_housing": (20_640, 8, {"large": 20_640, "small": 600}),
}
# name → samples: split by `test_split` (Reuters) or fixed halves (IMDB).
_TEXTS = {"imdb": (25_000, 25_000), "reuters": 11_228}


def _split(call, samples: int, position: int) -> tuple[int, int] | None:
    test_split = call.get("test_split", position, 0.2)
    if not isinstance(test_split, (int, float)) or isinstance(test_split, bool) or not 0 <= test_split < 1:
        return None
    train = int(samples * (1 - test_split))  # as Keras computes it
    return train, samples - train


def _origin(name: str) -> str:
    return f"from keras.datasets.{name}: the shapes Keras documents"


def _images(name: str):
    train, test, image, label = _IMAGES[name]

    def load_data(call) -> Any:
        if name == "cifar100" and call.get("label_mode", 0, "fine") not in ("fine", "coarse"):
            return UNKNOWN
        node, origin = call.node, _origin(name)
        return ((Tensor((train, *image), "uint8", node, origin=origin),
                 Tensor((train, *label), "uint8", node, origin=origin)),
                (Tensor((test, *image), "uint8", node, origin=origin),
                 Tensor((test, *label), "uint8", node, origin=origin)))
    return load_data


def _table(name: str):
    samples, features, versions = _TABLES[name]

    def load_data(call) -> Any:
        count = samples
        if versions is not None:
            count = versions.get(call.get("version", 0, "large"))
            if count is None:
                return UNKNOWN
        split = _split(call, count, 2 if versions is not None else 1)
        if split is None:
            return UNKNOWN
        (train, test), node, origin = split, call.node, _origin(name)
        return ((Tensor((train, features), None, node, origin=origin), Tensor((train,), None, node, origin=origin)),
                (Tensor((test, features), None, node, origin=origin), Tensor((test,), None, node, origin=origin)))
    return load_data


def _text(name: str):
    def load_data(call) -> Any:
        if call.get("maxlen", 3) is not None:  # longer sequences are dropped: the counts change
            return UNKNOWN
        if name == "imdb":
            train, test = _TEXTS["imdb"]
        else:
            split = _split(call, _TEXTS["reuters"], 4)
            if split is None:
                return UNKNOWN
            train, test = split
        node, origin = call.node, _origin(name)
        return ((INT_SEQUENCES, Tensor((train,), "int64", node, origin=origin)),
                (INT_SEQUENCES, Tensor((test,), "int64", node, origin=origin)))
    return load_data


for _name in _IMAGES:
    api(f"keras.datasets.{_name}.load_data")(_images(_name))
for _name in _TABLES:
    api(f"keras.datasets.{_name}.load_data")(_table(_name))
for _name in _TEXTS:
    api(f"keras.datasets.{_name}.load_data")(_text(_name))
