"""What the user's code runs under, where that changes what Keras and TensorFlow do.

The Keras release decides some checks (Keras 2 words and decides many things differently; Keras
3.13 began raising on an empty convolution output), and TensorFlow's oneDNN kernels, used on
some CPUs, raise other errors than its own. `detect()` reads this from what the user's interpreter
has installed (package metadata), its environment and the CPU's flags, never importing TensorFlow,
which takes seconds. The analysis itself reads it through `current()`, set by `analyse`.
"""
from __future__ import annotations

import os
import platform
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

Version = tuple[int, int, int]

# The TensorFlow distributions that install the `tensorflow` package.
_TENSORFLOW = ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-macos", "tensorflow-intel")
# The values TensorFlow itself reads as true and false (TF_USE_LEGACY_KERAS, TF_ENABLE_ONEDNN_OPTS).
_TRUE = ("true", "True", "1")
_FALSE = ("false", "False", "0")
# CPU features for which TensorFlow's Linux x86 builds turn oneDNN on by default
# (tensorflow/core/util/util.cc, DefaultOneDnnPolicy).
_ONEDNN_FEATURES = frozenset({"avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16"})


@dataclass(frozen=True)
class Runtime:
    keras: Version = (3, 15, 1)  # a new install's Keras when nothing is installed
    onednn: bool = False  # TensorFlow multiplies and convolves float32 with oneDNN's kernels

    @property
    def keras_major(self) -> int:
        return self.keras[0]

    def keras_at_least(self, version: Version) -> bool:
        return self.keras >= version


KERAS2 = Runtime(keras=(2, 21, 0))

_CURRENT: ContextVar[Runtime] = ContextVar("shapelens_runtime", default=Runtime())


def current() -> Runtime:
    return _CURRENT.get()


def keras2() -> bool:
    """Whether the code runs under Keras 2 (engine/keras2.py)."""
    return _CURRENT.get().keras_major == 2


@contextmanager
def bound(variable: ContextVar, value: Any) -> Iterator[None]:
    """`variable` holds `value` for the analysis run inside the block."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def using(runtime: Runtime):
    return bound(_CURRENT, runtime)


def _version(distribution: str) -> Version | None:
    """(major, minor, patch) of an installed distribution, None if it is not installed."""
    try:
        text = metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    return (int(match[1]), int(match[2]), int(match[3] or 0)) if match else None


def keras_version(environ: Mapping[str, str] = os.environ) -> Version:
    """The Keras `tensorflow.keras`/`keras` is in this interpreter: tf-keras when TF_USE_LEGACY_KERAS
    routes to it, the Keras 2 inside TensorFlow up to 2.15, else the `keras` package (Keras 3)."""
    legacy = _version("tf-keras")
    if environ.get("TF_USE_LEGACY_KERAS") in _TRUE and legacy is not None:
        return legacy
    tensorflow = next((v for v in map(_version, _TENSORFLOW) if v is not None), None)
    if tensorflow is not None and tensorflow[:2] <= (2, 15):
        return (2,) + tensorflow[1:]  # tf.keras is Keras 2 up to TF 2.15, numbered as TensorFlow
    return _version("keras") or Runtime().keras


def onednn_enabled(environ: Mapping[str, str] = os.environ, cpu_flags: frozenset[str] | None = None) -> bool:
    """Whether TensorFlow uses oneDNN: TF_ENABLE_ONEDNN_OPTS if set, else TensorFlow's default,
    on for Linux x86 CPUs with neural-network instructions and for Windows x86."""
    setting = environ.get("TF_ENABLE_ONEDNN_OPTS")
    if setting in _TRUE:
        return True
    if setting in _FALSE:
        return False
    machine = platform.machine().lower()
    if machine not in ("x86_64", "amd64"):
        return False
    if platform.system() == "Windows":
        return True
    if platform.system() != "Linux":
        return False
    return bool(_ONEDNN_FEATURES & (cpu_flags if cpu_flags is not None else _cpu_flags()))


@cache
def _cpu_flags() -> frozenset[str]:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def detect(environ: Mapping[str, str] = os.environ) -> Runtime:
    return Runtime(keras_version(environ), onednn_enabled(environ))


@cache
def this_interpreter() -> Runtime:
    """`detect()` once per process: what an analysis runs under when it is not told."""
    return detect()
