"""The names `from <module> import *` binds, for the library modules people star-import.

Python binds a module's `__all__`, or else its public names, and nothing else: after
`from keras.models import *` and `from keras.layers import *`, `Model` is still `keras.models.Model`
(keras.layers has no `Model`). The sets are measured from the installed packages by
tests/exports/make_exports.py (exports_table.py). They are exact, so an exported name the engine has
no rule for is still bound (to an unknown library value), shadowing a builtin or an earlier import
as it does at run time.

Keras 2 is tf-keras 2.21: `keras.*` and `tensorflow.keras.*` use the `tf_keras.*` sets then. Below
the top level those are exactly what `tensorflow.keras.*` exports under TF_USE_LEGACY_KERAS=1; at
the top level `tf_keras` also binds its `src` and `protobuf` subpackages, which `tensorflow.keras`
does not (harmless: nothing is known under them).
"""
from __future__ import annotations

from functools import cache

from .exports_table import EXPORTS, SAME_AS

# Spellings that name Keras 2 when the code runs under it (tf_keras always does).
_KERAS_2_SPELLINGS = ("keras", "tensorflow.keras")


@cache
def star_exports(module: str, keras_major: int = 3) -> frozenset[str] | None:
    """The names `from module import *` binds, or None for a module the table does not cover (or
    one the installed version lacks, such as Keras 3's keras.preprocessing.text)."""
    if keras_major == 2:
        for spelling in _KERAS_2_SPELLINGS:
            if module == spelling or module.startswith(spelling + "."):
                module = "tf_keras" + module[len(spelling):]
                break
    names = EXPORTS.get(SAME_AS.get(module, module))
    return None if names is None else frozenset(names.split())
