"""Run one layer configuration through real Keras and through the engine, with the same result shape.

Both return ("ok", output shape(s)) or ("error", message); the engine may also answer
("unknown", None). Layer names in messages are normalised, since Keras numbers them globally.
"""
from __future__ import annotations

import os
import re
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from shapelens.engine.layers import LayerError, apply_layer
from shapelens.engine.layers.base import snake_case
from shapelens.engine.values import Layer

_NAME = re.compile(r"layer '[^']*'")


def normalise(message: str) -> str:
    return _NAME.sub("layer 'L'", message.strip())


def _shapes(out: Any) -> Any:
    if isinstance(out, (list, tuple)) and out and not isinstance(out[0], (int, type(None))):
        return [_shapes(o) for o in out]
    return tuple(out.shape) if hasattr(out, "shape") else tuple(out)


def keras_outcome(kind: str, args: dict, input_shape: Any, multi_input: bool = False) -> tuple[str, Any]:
    import warnings

    import keras

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer = getattr(keras.layers, kind)(**args)
            if multi_input:
                inputs = [keras.KerasTensor(tuple(s)) for s in input_shape]
            else:
                inputs = keras.KerasTensor(tuple(input_shape))
            return "ok", _shapes(layer(inputs))
    except Exception as error:  # Keras raises ValueError, TypeError, ...: all are outcomes here
        return "error", normalise(str(error).split("\n\n")[0])


def engine_outcome(kind: str, args: dict, input_shape: Any) -> tuple[str, Any]:
    layer = Layer(kind, dict(args), None, {}, snake_case(kind))
    try:
        out = apply_layer(layer, [tuple(s) for s in input_shape] if isinstance(input_shape, list) else tuple(input_shape))
    except LayerError as error:
        return "error", normalise(error.message)
    if out is None:
        return "unknown", None
    return "ok", out


def assert_agrees(kind: str, args: dict, input_shape: Any, multi_input: bool = False) -> str:
    """Assert the engine agrees with Keras (or honestly says unknown); return the engine's verdict."""
    engine = engine_outcome(kind, args, input_shape)
    if engine[0] == "unknown":
        return "unknown"
    truth = keras_outcome(kind, args, input_shape, multi_input)
    context = f"{kind}({args}) on {input_shape}"
    assert engine[0] == truth[0], f"{context}: engine {engine}, Keras {truth}"
    if engine[0] == "ok":
        assert engine[1] == truth[1], f"{context}: engine {engine[1]}, Keras {truth[1]}"
    else:
        assert engine[1] == truth[1], f"{context}:\n engine: {engine[1]}\n Keras:  {truth[1]}"
    return engine[0]
