"""keras.utils / keras.preprocessing loaders: the datasets made from folders of images or texts
and from arrays of time steps, padded sequences, and the legacy ImageDataGenerator and Tokenizer.

A folder's classes are its sub-folders, read through `interp.data` (never the files themselves):
`image_dataset_from_directory` skips those whose name starts with a dot, ImageDataGenerator's
`flow_from_directory` counts them too. The element shapes are those of the dataset's
`element_spec` (what `fit` traces the model with), not those of one concrete batch: a timeseries
dataset's time axis is `None` there.
"""
from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass
from typing import Any

from ..fixes import set_keyword
from ..layers.base import INVALID_ARGUMENT
from ..values import UNKNOWN, Dataset, Tensor, format_shape
from . import api, attribute, method
from .model_diagnostics import axis_where_defined

_CHANNELS = {"rgb": 3, "rgba": 4, "grayscale": 1}
_IMAGE_LABEL_MODES = ("int", "categorical", "binary", None)
_DATA_FORMATS = ("channels_last", "channels_first")

# The class names of the datasets made from folders (`ds.class_names`).
_CLASS_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _folder(call, position: int) -> tuple[str, str] | None:
    """The folder a loader names: (as written in the code, path found), or None."""
    written = call.get("directory", position)
    if not isinstance(written, str):
        return None
    found = call.interp.data.find(written, call.interp.path, folder=True)
    return None if found is None else (written, found)


def _image_size(value: Any) -> tuple[int, int] | None:
    if _int(value) and value > 0:
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(_int(v) and v > 0 for v in value):
        return tuple(value)
    return None


def _image_shape(size: tuple[int, int], channels: int, data_format: Any) -> tuple | None:
    if data_format not in (None, *_DATA_FORMATS):
        return None
    return (channels, *size) if data_format == "channels_first" else (*size, channels)


def _inferred_classes(call, folder: tuple[str, str], names: Any, hidden: bool) -> tuple[str, ...] | None:
    """The classes of a folder of class sub-folders, or the ones named in `names` (which must be
    among them for the image and text loaders)."""
    found = call.interp.data.subfolders(folder[1])
    if found is None:
        return None
    found = tuple(name for name in found if hidden or not name.startswith("."))
    if names is None:
        return found
    if not isinstance(names, (list, tuple)) or not names or not all(isinstance(n, str) for n in names):
        return None
    return tuple(names) if hidden or set(names) <= set(found) else None


# label_mode → (the labels' shape in one unbatched element, given the class count; dtype)
_LABELS = {"int": (lambda classes: (), "int32"), "categorical": (lambda classes: (classes,), "float32"),
           "binary": (lambda classes: (1,), "float32")}


def _directory_dataset(call, kind: str, sample: tuple, dtype: str, label_mode: Any,
                       classes: tuple[str, ...] | None, folder: tuple[str, str]) -> Any:
    """One dataset, or a [training, validation] pair for subset="both"."""
    batch_size = call.get("batch_size", _POSITIONS[kind]["batch_size"], 32)
    if batch_size is not None and not (_int(batch_size) and batch_size > 0):
        return UNKNOWN
    subset = call.get("subset", _POSITIONS[kind]["subset"])
    node = call.node
    origin = f"from {folder[0]}: " + (f"{len(classes)} classes" if classes is not None else "no labels")
    lead = (None,) if batch_size is not None else ()
    element: Any = Tensor(lead + sample, dtype, node, origin=origin)
    if label_mode is not None:
        shape, dtype = _LABELS[label_mode]
        element = (element, Tensor(lead + shape(len(classes)), dtype, node, origin=origin))

    def dataset() -> Dataset:
        made = Dataset(element, batch_size is not None, node)
        if classes is not None:
            _CLASS_NAMES[made] = list(classes)
        return made
    return [dataset(), dataset()] if subset == "both" else dataset()


# The positions of the parameters both loaders share.
_POSITIONS = {"image": {"shuffle": 7, "seed": 8, "validation_split": 9, "subset": 10, "batch_size": 5},
              "text": {"shuffle": 6, "seed": 7, "validation_split": 8, "subset": 9, "batch_size": 4}}


_SEED_NEEDED = ("If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make "
                "sure that there is no overlap between the training and validation subset.")


def _split_error(call, kind: str) -> str | None:
    """Keras's message for a validation split it refuses, None if it accepts it; "" when the
    arguments are not all known."""
    positions = _POSITIONS[kind]
    split, subset = call.get("validation_split", positions["validation_split"]), call.get("subset", positions["subset"])
    shuffle, seed = call.get("shuffle", positions["shuffle"], True), call.get("seed", positions["seed"])
    if not (split is None or isinstance(split, (int, float)) and not isinstance(split, bool)) or \
            subset not in ("training", "validation", "both", None) or shuffle is UNKNOWN:
        return ""
    if split and not 0 < split < 1:
        return f"`validation_split` must be between 0 and 1, received: {split}"
    if (split or subset) and not (split and subset):
        return "If `subset` is set, `validation_split` must be set, and inversely."
    if split and shuffle and seed is None:
        return _SEED_NEEDED
    return None


def _report_binary(call, classes: tuple[str, ...]) -> None:
    node = call.node_of("label_mode", 2) or call.node
    call.interp.report(node, INVALID_ARGUMENT,
                       'When passing `label_mode="binary"`, there must be exactly 2 class_names. '
                       f"Received: class_names={list(classes)}")


def _from_directory(call, kind: str) -> Any:
    """The loaders' checks in Keras's order: arguments, the split, then the folder's classes."""
    folder = _folder(call, 0)
    labels = call.get("labels", 1, "inferred")
    label_mode = call.get("label_mode", 2, "int")
    if folder is None or label_mode not in _IMAGE_LABEL_MODES or labels not in ("inferred", None):
        return UNKNOWN
    sample, dtype = (), "string"
    if kind == "image":
        channels = _CHANNELS.get(call.get("color_mode", 4, "rgb"))
        size = _image_size(call.get("image_size", 6, (256, 256)))
        sample = _image_shape(size, channels, call.get("data_format", 15)) if channels and size else None
        if sample is None:
            return UNKNOWN
        dtype = "float32"
    refused = _split_error(call, kind)
    if refused:
        seed = call.node_of("seed", _POSITIONS[kind]["seed"])
        fixes = [set_keyword(call.interp.source, call.node, seed, "seed", "123",
                             "Pass seed=123, so that the two subsets do not overlap",
                             speculative=True)] if refused == _SEED_NEEDED else []
        call.interp.report(call.node, INVALID_ARGUMENT, refused, fixes=fixes)
    if refused is not None:
        return UNKNOWN
    classes = None
    if labels is None or label_mode is None:
        if call.get("class_names", 3) is not None:
            return UNKNOWN  # Keras raises: class names need inferred labels
        label_mode = None
    else:
        classes = _inferred_classes(call, folder, call.get("class_names", 3), hidden=False)
        if classes is None:
            return UNKNOWN
        if label_mode == "binary" and len(classes) != 2:
            _report_binary(call, classes)
            return UNKNOWN
    return _directory_dataset(call, kind, sample, dtype, label_mode, classes, folder)


@api("keras.utils.image_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory")
def image_dataset_from_directory(call) -> Any:
    return _from_directory(call, "image")


@api("keras.utils.text_dataset_from_directory", "keras.preprocessing.text_dataset_from_directory")
def text_dataset_from_directory(call) -> Any:
    return _from_directory(call, "text")


@attribute(Dataset, "class_names")
def class_names(interp, dataset: Dataset, node: ast.AST) -> Any:
    names = _CLASS_NAMES.get(dataset)
    return list(names) if names is not None else UNKNOWN


@api("keras.utils.timeseries_dataset_from_array", "keras.preprocessing.timeseries_dataset_from_array")
def timeseries_dataset_from_array(call) -> Any:
    """Windows of `sequence_length` steps; the element spec leaves the time axis `None`."""
    data, targets = call.get("data", 0), call.get("targets", 1)
    batch_size = call.get("batch_size", 5, 128)
    if not isinstance(data, Tensor) or not data.shape or not (_int(call.get("sequence_length", 2))):
        return UNKNOWN
    if batch_size is not None and not (_int(batch_size) and batch_size > 0):
        return UNKNOWN
    lead = (None,) if batch_size is not None else ()
    windows = Tensor(lead + (None,) + data.shape[1:], data.dtype, call.node)
    if targets is None:
        return Dataset(windows, batch_size is not None, call.node)
    if not isinstance(targets, Tensor) or not targets.shape:
        return UNKNOWN
    return Dataset((windows, Tensor(lead + targets.shape[1:], targets.dtype, call.node)),
                   batch_size is not None, call.node)


# ---- sequences ----------------------------------------------------------------------------------

class IntSequences:
    """A list of integer sequences of varying lengths (a tokenizer's output, keras.datasets.imdb's
    reviews). Only `pad_sequences` reads it; their count is not kept, since a list's owner may add
    to it where the engine does not look."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INT_SEQUENCES"


INT_SEQUENCES = IntSequences()


@api("keras.utils.pad_sequences", "keras.preprocessing.sequence.pad_sequences")
def pad_sequences(call) -> Any:
    sequences, maxlen = call.get("sequences", 0), call.get("maxlen", 1)
    dtype = call.get("dtype", 2, "int32")
    if (maxlen is not None and not (_int(maxlen) and maxlen >= 0)) or not isinstance(dtype, str):
        return UNKNOWN
    if sequences is INT_SEQUENCES:
        rows, width, rest = None, maxlen, ()
    elif isinstance(sequences, Tensor) and sequences.shape is not None and len(sequences.shape) >= 2:
        rows, width, rest = sequences.shape[0], maxlen, sequences.shape[2:]
        if width is None:
            width = sequences.shape[1]
    elif isinstance(sequences, (list, tuple)) and (sequences or maxlen is not None) and all(
            isinstance(s, (list, tuple)) and all(_int(i) for i in s) for s in sequences):
        rows, rest = len(sequences), ()  # (Keras finds no longest of no sequences)
        width = maxlen if maxlen is not None else max(len(s) for s in sequences)
    else:
        return UNKNOWN
    return Tensor((rows, width, *rest), dtype, call.node)


# ---- the legacy ImageDataGenerator ----------------------------------------------------------------

@dataclass(eq=False)
class ImageGenerator:
    """`ImageDataGenerator(...)`: only its data format matters to shapes (the augmentations keep
    them, `preprocessing_function` must too)."""

    data_format: str


def _legacy(path: str):
    """Keras 3 keeps ImageDataGenerator and Tokenizer only under tf.keras (`keras.src.legacy`):
    `from keras.preprocessing.image import ImageDataGenerator` fails there, so that spelling is
    followed only under Keras 2."""
    def register(handler):
        def only_keras_2(call) -> Any:
            return handler(call) if call.interp.keras_major == 2 else UNKNOWN
        api(f"keras.legacy.{path}")(handler)
        api(f"keras.{path}")(only_keras_2)
        return handler
    return register


@_legacy("preprocessing.image.ImageDataGenerator")
def image_data_generator(call) -> Any:
    data_format = call.get("data_format", 19)
    if data_format not in (None, *_DATA_FORMATS):
        return UNKNOWN
    return ImageGenerator(data_format or "channels_last")


@method(ImageGenerator, "flow")
def flow(generator: ImageGenerator, call) -> Any:
    x, y = call.get("x", 0), call.get("y", 1)
    batch_size = call.get("batch_size", 2, 32)
    if not isinstance(x, Tensor) or x.shape is None or call.get("sample_weight", 4) is not None:
        return UNKNOWN
    if y is not None and not (isinstance(y, Tensor) and y.shape):
        return UNKNOWN
    if y is not None and not x.shape:
        return UNKNOWN  # len() of a scalar fails first
    # Keras compares the lengths first, then the rank.
    if y is not None and _int(x.shape[0]) and _int(y.shape[0]) and x.shape[0] != y.shape[0]:
        call.interp.report(call.node_of("y", 1) or call.node, INVALID_ARGUMENT,
                           "`x` (images tensor) and `y` (labels) should have the same length. Found: "
                           f"x.shape = {format_shape(x.shape)}, y.shape = {format_shape(y.shape)}")
        return UNKNOWN
    if len(x.shape) != 4:
        call.interp.report(call.node_of("x", 0) or call.node, INVALID_ARGUMENT,
                           "Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape "
                           f"{format_shape(x.shape)}", fixes=_channel_axis(generator, call, x))
        return UNKNOWN
    if not (_int(batch_size) and batch_size > 0):
        return UNKNOWN
    images = Tensor((None, *x.shape[1:]), "float32", call.node, origin=x.origin)
    if y is None:
        return Dataset(images, True, call.node)
    return Dataset((images, Tensor((None, *y.shape[1:]), y.dtype, call.node, origin=y.origin)), True, call.node)


@method(ImageGenerator, "fit")
def fit_statistics(generator: ImageGenerator, call) -> Any:
    x = call.get("x", 0)
    if isinstance(x, Tensor) and x.shape is not None and len(x.shape) != 4:
        call.interp.report(call.node_of("x", 0) or call.node, INVALID_ARGUMENT,
                           f"Input to `.fit()` should have rank 4. Got array with shape: {format_shape(x.shape)}",
                           fixes=_channel_axis(generator, call, x))
    return None


def _channel_axis(generator: ImageGenerator, call, x: Tensor) -> list:
    """Grayscale images without their channel axis, (samples, height, width): add it last where
    they are defined, so every use of them (fit, flow, a model's input) gets it."""
    if len(x.shape) != 3 or generator.data_format != "channels_last":
        return []
    return axis_where_defined(call.interp, x, "channel", call.node_of("x", 0))


_CLASS_MODES = ("categorical", "binary", "sparse", "input", None)


@method(ImageGenerator, "flow_from_directory")
def flow_from_directory(generator: ImageGenerator, call) -> Any:
    folder = _folder(call, 0)
    channels = _CHANNELS.get(call.get("color_mode", 2, "rgb"))
    target_size = call.get("target_size", 1, (256, 256))  # a pair: an int fails in Keras
    size = _image_size(target_size) if isinstance(target_size, (tuple, list)) else None
    class_mode = call.get("class_mode", 4, "categorical")
    batch_size = call.get("batch_size", 5, 32)
    if folder is None or channels is None or size is None or class_mode not in _CLASS_MODES or \
            not (_int(batch_size) and batch_size > 0):
        return UNKNOWN
    classes = _inferred_classes(call, folder, call.get("classes", 3), hidden=True)
    if classes is None:
        return UNKNOWN
    origin = f"from {folder[0]}: {len(classes)} classes"
    images = Tensor((None, *_image_shape(size, channels, generator.data_format)), "float32", call.node,
                    origin=origin)
    if class_mode is None:
        return Dataset(images, True, call.node)
    labels = {"categorical": (None, len(classes)), "binary": (None,), "sparse": (None,)}.get(class_mode)
    target = images if labels is None else Tensor(labels, "float32", call.node, origin=origin)
    return Dataset((images, target), True, call.node)


# ---- the legacy Tokenizer ---------------------------------------------------------------------------

@dataclass(eq=False)
class TextTokenizer:
    """`Tokenizer(num_words=...)`: the width of its matrices when `num_words` is given (otherwise
    the vocabulary's size, known only once it has read the texts)."""

    num_words: int | None


@_legacy("preprocessing.text.Tokenizer")
def tokenizer(call) -> Any:
    num_words = call.get("num_words", 0)
    if num_words is not None and not (_int(num_words) and num_words > 0):
        return UNKNOWN
    return TextTokenizer(num_words)


def _count(texts: Any) -> int | None:
    if isinstance(texts, (list, tuple)):
        return len(texts)
    if isinstance(texts, Tensor) and texts.shape and len(texts.shape) == 1:
        return texts.shape[0]
    return None


@method(TextTokenizer, "fit_on_texts", "fit_on_sequences")
def fit_on_texts(tokenizer_: TextTokenizer, call) -> Any:
    return None


@method(TextTokenizer, "texts_to_sequences")
def texts_to_sequences(tokenizer_: TextTokenizer, call) -> Any:
    return INT_SEQUENCES


@method(TextTokenizer, "texts_to_matrix", "sequences_to_matrix")
def to_matrix(tokenizer_: TextTokenizer, call) -> Any:
    items = call.get("texts", 0, call.get("sequences", 0))
    count = None if items is INT_SEQUENCES else _count(items)
    if call.get("mode", 1, "binary") not in ("binary", "count", "tfidf", "freq"):
        return UNKNOWN
    return Tensor((count, tokenizer_.num_words), "float64", call.node)
