"""A stand-in for tensorflow_datasets, for running test programs offline: `load()` returns tf.data
datasets whose elements have the features the TFDS catalog documents (a few random examples per
split), as a program would get after the download. Only the loader is modelled."""
import re

import numpy as np
import tensorflow as tf

EXAMPLES = 8  # per split (a split's slice, "train[:80%]", takes its share of them)

DIGITS = {"image": ((28, 28, 1), tf.uint8, 256), "label": ((), tf.int64, 10)}
CATALOG = {  # name → (features: key → (shape, dtype, values below), supervised keys, splits)
    "mnist": (DIGITS, ("image", "label"), ("train", "test")),
    "fashion_mnist": (DIGITS, ("image", "label"), ("train", "test")),
    "cifar10": ({"id": ((), tf.string, None), "image": ((32, 32, 3), tf.uint8, 256), "label": ((), tf.int64, 10)},
                ("image", "label"), ("train", "test")),
    "cifar100": ({"coarse_label": ((), tf.int64, 20), "id": ((), tf.string, None),
                  "image": ((32, 32, 3), tf.uint8, 256), "label": ((), tf.int64, 100)},
                 ("image", "label"), ("train", "test")),
    "tf_flowers": ({"image": ((None, None, 3), tf.uint8, 256), "label": ((), tf.int64, 5)},
                   ("image", "label"), ("train",)),
    "imdb_reviews": ({"label": ((), tf.int64, 2), "text": ((), tf.string, None)}, ("text", "label"),
                     ("train", "test", "unsupervised")),
}


def _examples(features, count, rng):
    columns = {key: [] for key in features}
    for index in range(count):
        size = int(rng.integers(8, 40))  # images of varying sizes where the catalog says None
        for key, (shape, dtype, values) in features.items():
            if dtype == tf.string:
                columns[key].append(f"example {index} " + "word " * int(rng.integers(1, 6)))
            else:
                concrete = tuple(size if d is None else d for d in shape)
                columns[key].append(rng.integers(0, values, concrete).astype(dtype.as_numpy_dtype))
    return columns


def _split(name, split, as_supervised, batch_size):
    features, supervised, splits = CATALOG[name]
    count = 0
    for part in split.split("+"):
        base = re.match(r"\s*(\w+)", part).group(1)
        if base not in splits:
            raise ValueError(f"Unknown split '{base}'. Should be one of {list(splits)}.")
        count += EXAMPLES // 2 if "[" in part else EXAMPLES
    columns = _examples(features, count, np.random.default_rng(0))
    signature = {key: tf.TensorSpec(shape, dtype) for key, (shape, dtype, _) in features.items()}

    def generate():
        for index in range(count):
            yield {key: columns[key][index] for key in features}
    dataset = tf.data.Dataset.from_generator(generate, output_signature=signature)
    if as_supervised:
        dataset = dataset.map(lambda example: tuple(example[key] for key in supervised))
    if batch_size is not None:
        dataset = dataset.batch(count if batch_size == -1 else batch_size)
    return dataset


def load(name, *, split=None, batch_size=None, shuffle_files=False, as_supervised=False, with_info=False,
         **kwargs):
    name = name.split(":", 1)[0]
    name = {"imdb_reviews/plain_text": "imdb_reviews"}.get(name, name)
    if name not in CATALOG:
        raise ValueError(f"The stand-in does not know the data set {name!r}")
    splits = CATALOG[name][2]
    if split is None:
        result = {s: _split(name, s, as_supervised, batch_size) for s in splits}
    elif isinstance(split, (list, tuple)):
        result = [_split(name, s, as_supervised, batch_size) for s in split]
    else:
        result = _split(name, split, as_supervised, batch_size)
    return (result, None) if with_info else result
