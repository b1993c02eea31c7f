"""tensorflow_datasets: what `tfds.load(...)` returns, from a table of the features the catalog
documents for each data set. Nothing is downloaded or read.

An element is a dict of features, or the (input, label) pair with `as_supervised=True`; images keep
their channel axis ((28, 28, 1) for mnist, unlike keras.datasets) and labels are int64 scalars. A
split string ("train", "train[:80%]", "train+test") selects examples, never features: only the
split names are checked.
"""
from __future__ import annotations

import re
from typing import Any

from ..values import UNKNOWN, Dataset, Tensor
from . import api

_DIGITS = {"image": ((28, 28, 1), "uint8"), "label": ((), "int64")}
_CIFAR = {"id": ((), "string"), "image": ((32, 32, 3), "uint8"), "label": ((), "int64")}

# name → (features: {key: (shape, dtype)}, supervised (input, label) keys, split names)
_CATALOG = {
    "mnist": (_DIGITS, ("image", "label"), ("train", "test")),
    "fashion_mnist": (_DIGITS, ("image", "label"), ("train", "test")),
    "cifar10": (_CIFAR, ("image", "label"), ("train", "test")),
    "cifar100": ({**_CIFAR, "coarse_label": ((), "int64")}, ("image", "label"), ("train", "test")),
    "tf_flowers": ({"image": ((None, None, 3), "uint8"), "label": ((), "int64")}, ("image", "label"), ("train",)),
    "imdb_reviews": ({"label": ((), "int64"), "text": ((), "string")}, ("text", "label"),
                     ("train", "test", "unsupervised")),
}
# The configurations whose features are the table's (others encode the text differently).
_CONFIGS = {"imdb_reviews/plain_text": "imdb_reviews"}

_SPLIT = re.compile(r"\s*(\w+)\s*(\[[^\]]*\])?\s*")


def _split_names(split: str) -> list[str] | None:
    names = []
    for part in split.split("+"):
        match = _SPLIT.fullmatch(part)
        if match is None:
            return None
        names.append(match.group(1))
    return names


def _dataset(name: str, split: Any, call) -> Any:
    features, supervised, splits = _CATALOG[name]
    if not isinstance(split, str) or not set(_split_names(split) or [None]) <= set(splits):
        return UNKNOWN
    batch_size = call.get("batch_size")
    if batch_size is not None and not (isinstance(batch_size, int) and not isinstance(batch_size, bool)
                                       and (batch_size > 0 or batch_size == -1)):
        return UNKNOWN
    lead = () if batch_size is None else (None,)
    origin = f"from tfds.load('{name}')"

    def feature(key: str) -> Tensor:
        shape, dtype = features[key]
        return Tensor(lead + shape, dtype, call.node, origin=f"{origin}: '{key}'")
    as_supervised = call.get("as_supervised", None, False)
    if as_supervised is True:
        element: Any = tuple(feature(key) for key in supervised)
    elif as_supervised is False:
        element = {key: feature(key) for key in features}
    else:
        return UNKNOWN
    return Dataset(element, batch_size is not None, call.node)


@api("tensorflow_datasets.load")
def load(call) -> Any:
    name = call.get("name", 0)
    if not isinstance(name, str):
        return UNKNOWN
    name = name.split(":", 1)[0]  # "mnist:3.*.*": a version of the same features
    name = _CONFIGS.get(name, name)
    if name not in _CATALOG:
        return UNKNOWN
    split = call.get("split")
    if split is None:  # every split, by name
        result: Any = {name_: _dataset(name, name_, call) for name_ in _CATALOG[name][2]}
    elif isinstance(split, (list, tuple)):
        result = [_dataset(name, s, call) for s in split]
    else:
        result = _dataset(name, split, call)
    with_info = call.get("with_info", None, False)
    if with_info not in (True, False):
        return UNKNOWN
    return (result, UNKNOWN) if with_info else result
