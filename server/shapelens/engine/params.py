"""Trainable + non-trainable parameter counts of built layers, as model.summary() shows them.

Computed from the layer's arguments and the shape it is built on — never by building it. None
when not known (an unknown argument, a None dimension the weights depend on, a layer not listed).
"""
from __future__ import annotations

import math
from typing import Any, Callable

from .layers.base import Unknowable, bool_arg, int_arg, str_arg, tuple_arg
from .values import UNKNOWN, Layer, Shape, format_shape

# Layers that own no weights.
_NO_WEIGHTS = frozenset({
    "Flatten", "Reshape", "Permute", "RepeatVector", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
    "SpatialDropout3D", "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization",
    "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "Identity", "Masking",
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
    "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
    "Cropping1D", "Cropping2D", "Cropping3D", "Rescaling", "Resizing", "CenterCrop", "UnitNormalization",
    "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness",
    "RandomCrop",
}) | {f"{kind}Pooling{rank}D" for kind in ("Max", "Average", "GlobalMax", "GlobalAverage") for rank in (1, 2, 3)}


def _channels(layer: Layer, shape: Shape) -> int:
    axis = -1 if str_arg(layer, "data_format", "channels_last") == "channels_last" else 1
    value = shape[axis]
    if value is None:
        raise Unknowable("channels")
    return value


def _last(shape: Shape) -> int:
    if shape[-1] is None:
        raise Unknowable("last axis")
    return shape[-1]


def _bias(layer: Layer, size: int) -> int:
    return size if bool_arg(layer, "use_bias", True) else 0


def _dense(layer: Layer, shape: Shape) -> int:
    units = int_arg(layer, "units")
    return _last(shape) * units + _bias(layer, units)


def _conv(rank: int, transpose: bool = False) -> Callable[[Layer, Shape], int]:
    def count(layer: Layer, shape: Shape) -> int:
        filters = int_arg(layer, "filters")
        window = math.prod(tuple_arg(layer, "kernel_size", rank, None))
        groups = 1 if transpose else int_arg(layer, "groups", 1)
        return window * _channels(layer, shape) // groups * filters + _bias(layer, filters)
    return count


def _depthwise(rank: int) -> Callable[[Layer, Shape], int]:
    def count(layer: Layer, shape: Shape) -> int:
        out = _channels(layer, shape) * int_arg(layer, "depth_multiplier", 1)
        return math.prod(tuple_arg(layer, "kernel_size", rank, None)) * out + _bias(layer, out)
    return count


def _separable(rank: int) -> Callable[[Layer, Shape], int]:
    def count(layer: Layer, shape: Shape) -> int:
        depthwise = _channels(layer, shape) * int_arg(layer, "depth_multiplier", 1)
        filters = int_arg(layer, "filters")
        window = math.prod(tuple_arg(layer, "kernel_size", rank, None))
        return window * depthwise + depthwise * filters + _bias(layer, filters)
    return count


def _rnn(gates: int) -> Callable[[Layer, Shape], int]:
    def count(layer: Layer, shape: Shape) -> int:
        units = int_arg(layer, "units")
        bias = _bias(layer, gates * units)
        if gates == 3 and bool_arg(layer, "reset_after", True):
            bias *= 2  # GRU keeps separate input and recurrent biases
        return gates * units * (_last(shape) + units) + bias
    return count


def _axis_size(layer: Layer, shape: Shape) -> int:
    axis = int_arg(layer, "axis", -1)
    if not -len(shape) <= axis < len(shape) or shape[axis] is None:
        raise Unknowable("axis")
    return shape[axis]


def _layer_normalization(layer: Layer, shape: Shape) -> int:
    """gamma (scale) and beta (center) per feature."""
    return _axis_size(layer, shape) * (bool_arg(layer, "center", True) + bool_arg(layer, "scale", True))


def _batch_normalization(layer: Layer, shape: Shape) -> int:
    """As LayerNormalization, plus the moving mean and variance (not trainable, always there)."""
    return _layer_normalization(layer, shape) + 2 * _axis_size(layer, shape)


def _embedding(layer: Layer, shape: Shape) -> int:
    return int_arg(layer, "input_dim") * int_arg(layer, "output_dim")


def _wrapped(layer: Layer, shape: Shape, multiplier: int) -> int:
    inner = layer.args.get("layer")
    if not isinstance(inner, Layer):
        raise Unknowable("layer")
    count = count_params(inner, shape)
    if count is None:
        raise Unknowable("layer")
    return multiplier * count


_COUNTERS: dict[str, Callable[[Layer, Shape], int]] = {
    "Dense": _dense,
    "Embedding": _embedding,
    "LSTM": _rnn(4), "GRU": _rnn(3), "SimpleRNN": _rnn(1),
    "LayerNormalization": _layer_normalization,
    "BatchNormalization": _batch_normalization,
    "Bidirectional": lambda layer, shape: _wrapped(layer, shape, 2),
    "TimeDistributed": lambda layer, shape: _wrapped(layer, (shape[0],) + tuple(shape[2:]), 1),
}
for _rank in (1, 2, 3):
    _COUNTERS[f"Conv{_rank}D"] = _conv(_rank)
    _COUNTERS[f"Conv{_rank}DTranspose"] = _conv(_rank, transpose=True)
for _rank in (1, 2):
    _COUNTERS[f"DepthwiseConv{_rank}D"] = _depthwise(_rank)
    _COUNTERS[f"SeparableConv{_rank}D"] = _separable(_rank)


def count_params(layer: Layer, input_shape: Any) -> int | None:
    if layer.kind in _NO_WEIGHTS:
        return 0
    counter = _COUNTERS.get(layer.kind)
    if counter is None or not isinstance(input_shape, tuple) or input_shape is UNKNOWN:
        return None
    try:
        return counter(layer, input_shape)
    except (Unknowable, TypeError):
        return None


def layer_line(layer: Layer, input_shape: Any, output: Any) -> str:
    """Conv2D · input (None, 28, 28, 3) → output (None, 26, 26, 32) · 896 params"""
    text = f"{layer.kind} · input {format_shapes(input_shape)} → output {format_shapes(output)}"
    params = count_params(layer, input_shape)
    return text if params is None else f"{text} · {params:,} params"


def format_shapes(shape: Any) -> str:
    if isinstance(shape, list):
        return "[" + ", ".join(format_shape(s) for s in shape) + "]"
    return format_shape(shape)
