"""Real Keras as a fallback for layers without a rule: `compute_output_shape` of Keras's own class.

Importing TensorFlow/Keras costs seconds and hundreds of MB, so the oracle is loaded only when a
file needs it, and never blocks a first answer: until it is ready, such layers have unknown
outputs. Only Keras's own layer classes are instantiated, with literal arguments — never user
code — and only classes that compute shapes arithmetically (they override
`compute_output_shape`), so no weights are ever created.
"""
from __future__ import annotations

import importlib.util
import threading
from typing import Any

_LITERALS = (int, float, str, bool, type(None))


def _is_literal(value: Any) -> bool:
    if isinstance(value, (tuple, list)):
        return all(_is_literal(v) for v in value)
    return isinstance(value, _LITERALS)


def _freeze(value: Any) -> Any:
    return tuple(_freeze(v) for v in value) if isinstance(value, (tuple, list)) else value


class KerasOracle:
    """Asked in this process: `load` imports Keras here (the command line). The language server asks
    a worker process instead (keras_worker.py), through `_unanswered`."""

    def __init__(self) -> None:
        self._keras: Any = None
        self._lock = threading.Lock()
        self._cache: dict[tuple, Any] = {}
        self.misses = 0  # questions met with no answer yet
        self.answers = 0  # answers that came after their question (an analysis that missed one is stale)

    @staticmethod
    def available() -> bool:
        return importlib.util.find_spec("keras") is not None

    @property
    def ready(self) -> bool:
        return self._keras is not None

    def load(self) -> bool:
        """Import Keras (blocking: callers that must stay responsive run it on a thread); False if it
        is not installed or fails to import."""
        with self._lock:
            if self._keras is None:
                try:
                    import os
                    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
                    import keras
                    self._keras = keras
                except Exception:  # a broken TensorFlow install must not break the analysis
                    return False
        return True

    def output_shape(self, kind: str, positional: tuple, args: dict[str, Any], input_shape: Any,
                     concrete: bool = False) -> Any:
        """The output shape Keras computes, or None (unknown) when it cannot be asked safely or has
        not answered yet. (Keras's shape rules are the same for symbolic and real inputs: `concrete`
        is not needed.)"""
        if not _is_literal([*positional, *args.values()]) or not _is_literal(input_shape):
            return None
        key = (kind, _freeze(positional), _freeze(sorted(args.items())), _freeze(input_shape))
        if key in self._cache:
            return self._cache[key]
        if self._keras is None:
            self.misses += 1
            self._unanswered(key, (kind, tuple(positional), dict(args), input_shape))
            return None
        self._cache[key] = self._ask(kind, positional, args, input_shape)
        return self._cache[key]

    def _unanswered(self, key: tuple, question: tuple) -> None:
        """A question Keras has not answered: here, until `load`, it stays unknown."""

    def _ask(self, kind: str, positional: tuple, args: dict[str, Any], input_shape: Any) -> Any:
        import warnings
        keras = self._keras
        cls = getattr(keras.layers, kind, None)
        if not isinstance(cls, type) or not issubclass(cls, keras.layers.Layer):
            return None
        if cls.compute_output_shape is keras.layers.Layer.compute_output_shape:
            return None  # the generic version traces the layer, which would build its weights
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                shape = cls(*positional, **args).compute_output_shape(_freeze(input_shape))
        except Exception:  # Keras refusing here is not a diagnosis: stay unknown
            return None
        if isinstance(shape, (tuple, list)) and all(d is None or isinstance(d, int) for d in shape):
            return tuple(shape)
        return None
