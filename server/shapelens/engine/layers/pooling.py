"""Pooling layers: MaxPooling/AveragePooling 1D-3D, their global and adaptive variants.

Pooling layers are built when constructed, so Keras computes their output shape inside `call()`
and wraps its errors in "Exception encountered when calling ...".
"""
from __future__ import annotations

from ..values import Layer, Shape
from .base import (INVALID_ARGUMENT, OUTPUT_NOT_POSITIVE, LayerError, Unknowable, arg, bool_arg, layer_rule, require,
                   EmptyOutput, tuple_arg)
from .conv import call_error, channels_first, int_tuple, numpy_str


def pooling(rank: int, mode: str):
    def rule(layer: Layer, shape: Shape) -> Shape:
        # AveragePooling has no default pool_size; without one Keras raises a TypeError, which we
        # leave alone in case the engine missed the argument (e.g. passed through **kwargs).
        pool_size = int_tuple(layer, "pool_size", rank, 2 if mode == "Max" else None)
        strides = arg(layer, "strides", None)
        strides = pool_size if strides is None else int_tuple(layer, "strides", rank, None, allow_zero=True)
        if 0 in strides:  # Keras divides by zero
            raise Unknowable("strides")
        first = channels_first(layer)
        shape = require(layer, shape, ndim=rank + 2)
        padding = arg(layer, "padding", "valid")
        if not isinstance(padding, str):
            raise Unknowable("padding")
        # The layer keeps `padding` as given; only the lowercase spellings pass its shape computation.
        if padding not in ("valid", "same"):
            raise LayerError(INVALID_ARGUMENT, call_error(layer, "Argument `padding` must be either 'valid' or "
                                                         f"'same'. Received: padding={padding}"), culprit="padding")
        spatial = shape[2:] if first else shape[1:-1]
        sizes = []
        for size, pool, stride in zip(spatial, pool_size, strides):
            if size is None:
                sizes.append(None)
            elif padding == "same":
                sizes.append((size - 1) // stride + 1)
            elif size < pool:
                error = EmptyOutput if size - pool >= -stride else LayerError  # an output of size 0, or less
                raise error(OUTPUT_NOT_POSITIVE, call_error(layer, _too_small(shape, first, pool_size, strides)),
                            culprit="pool_size")
            else:
                sizes.append((size - pool) // stride + 1)
        return (shape[0], shape[1], *sizes) if first else (shape[0], *sizes, shape[-1])
    return rule


def _too_small(shape: Shape, first: bool, pool_size, strides) -> str:
    # Keras prints the input shape as a NumPy array in which unknown spatial sizes became -1.
    start, stop = (2, len(shape)) if first else (1, len(shape) - 1)
    shown = [-1 if d is None and start <= i < stop else d for i, d in enumerate(shape)]
    has_none = None in shape
    return ("Computed output size would be zero or negative. Received: "
            f"`inputs.shape={numpy_str(shown, padded=not has_none)}`, "
            f"`pool_size={numpy_str(pool_size, padded=True)}`, `strides={tuple(strides)}`, `padding=valid`.")


def global_pooling(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        first = channels_first(layer)
        keepdims = bool_arg(layer, "keepdims", False)
        shape = require(layer, shape, ndim=rank + 2)
        channels = shape[1] if first else shape[-1]
        if not keepdims:
            return (shape[0], channels)
        return (shape[0], channels) + (1,) * rank if first else (shape[0],) + (1,) * rank + (channels,)
    return rule


def adaptive_pooling(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        output_size = tuple_arg(layer, "output_size", rank, None)
        data_format = arg(layer, "data_format", None) or "channels_last"
        # Keras validates neither the sizes nor the rank here: those only fail when the model runs.
        if data_format not in ("channels_first", "channels_last") or min(output_size) <= 0:
            raise Unknowable("adaptive pooling arguments")
        if shape is None or len(shape) != rank + 2:
            raise Unknowable("rank")
        if data_format == "channels_first":
            return (shape[0], shape[1], *output_size)
        return (shape[0], *output_size, shape[-1])
    return rule


for _rank in (1, 2, 3):
    for _mode, _short in (("Max", "Max"), ("Average", "Avg")):
        layer_rule(f"{_mode}Pooling{_rank}D", ("pool_size", "strides", "padding", "data_format"),
                   aliases=(f"{_short}Pool{_rank}D",))(pooling(_rank, _mode))
        layer_rule(f"Global{_mode}Pooling{_rank}D", ("data_format", "keepdims"),
                   aliases=(f"Global{_short}Pool{_rank}D",))(global_pooling(_rank))
        layer_rule(f"Adaptive{_mode}Pooling{_rank}D", ("output_size", "data_format"))(adaptive_pooling(_rank))
