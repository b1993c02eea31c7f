"""Which Keras the user's interpreter runs, 2 or 3, from installed package metadata only.

Importing TensorFlow takes seconds and the checker never imports it for this; the metadata of the
distributions says the same thing.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from importlib import metadata

# The TensorFlow distributions that install the `tensorflow` package.
_TENSORFLOW = ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-macos", "tensorflow-intel")
# The values TensorFlow itself accepts for TF_USE_LEGACY_KERAS (tensorflow/__init__.py).
_TRUE = ("true", "True", "1")


def _version(distribution: str) -> tuple[int, int] | None:
    """(major, minor) of an installed distribution, None if it is not installed."""
    try:
        text = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
    match = re.match(r"(\d+)\.(\d+)", text or "")
    return (int(match[1]), int(match[2])) if match else None


def keras_major(environ: Mapping[str, str] = os.environ) -> int:
    """2 when `tensorflow.keras`/`keras` is Keras 2 in this interpreter, else 3 (also when nothing
    is installed: Keras 3 is what a new install gets)."""
    if environ.get("TF_USE_LEGACY_KERAS") in _TRUE and _version("tf-keras") is not None:
        return 2
    tensorflow = next((v for v in map(_version, _TENSORFLOW) if v is not None), None)
    if tensorflow is not None and tensorflow <= (2, 15):  # tf.keras is Keras 2 up to TF 2.15
        return 2
    keras = _version("keras")
    if keras is not None and keras[0] < 3:
        return 2
    return 3
