"""Library names → one canonical spelling.

`tf.keras.layers.MaxPool2D`, `tensorflow.keras.layers.MaxPooling2D` and `keras.layers.MaxPooling2D`
all name the same class; the engine's tables are keyed by the canonical spelling
(`keras.layers.MaxPooling2D`). Only TensorFlow, Keras, NumPy, `collections`, `os`, `pathlib`, PIL,
OpenCV, pandas and scikit-learn are resolved here: any other import is the user's own code, which the
engine never imports, and its names stay unknown (`tensorflow_datasets` too is a library: its
loaders are a table).
"""
from __future__ import annotations

LIBRARY_ROOTS = ("tensorflow", "keras", "tf_keras", "numpy", "collections", "os", "pathlib", "PIL", "cv2", "pandas",
                 "sklearn", "tensorflow_datasets")

# Prefix rewrites, applied in order, longest first.
_PREFIXES = (
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
    ("keras.api.", "keras."),
    ("keras.layers.experimental.preprocessing.", "keras.layers."),
    ("keras.models.", "keras."),
    ("keras.engine.", "keras."),
    ("keras.layers.core.", "keras.layers."),
)

_EXACT = {
    "tensorflow.keras": "keras",
    "tf_keras": "keras",
    "keras.layers.Input": "keras.Input",
    "keras.layers.InputLayer": "keras.layers.InputLayer",
    "keras.utils.np_utils.to_categorical": "keras.utils.to_categorical",
    "tensorflow.compat.v1.keras": "keras",
    # Keras 3 keeps these only under tf.keras (keras.src.legacy), not as keras.preprocessing.*.
    "tensorflow.keras.preprocessing.image.ImageDataGenerator": "keras.legacy.preprocessing.image.ImageDataGenerator",
    "tensorflow.keras.preprocessing.text.Tokenizer": "keras.legacy.preprocessing.text.Tokenizer",
}


def is_library(module: str) -> bool:
    return module.split(".", 1)[0] in LIBRARY_ROOTS


def canonical(path: str) -> str:
    path = _EXACT.get(path, path)
    for old, new in _PREFIXES:
        if path.startswith(old):
            path = new + path[len(old):]
    path = _EXACT.get(path, path)
    # keras.applications.resnet50.ResNet50 → keras.applications.ResNet50
    parts = path.split(".")
    if len(parts) == 4 and parts[:2] == ["keras", "applications"] and parts[3][:1].isupper():
        path = f"keras.applications.{parts[3]}"
    return path
