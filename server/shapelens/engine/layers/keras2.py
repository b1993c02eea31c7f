"""Keras 2's layer rules: Keras 3's, adapted where Keras 2 decides differently (see engine/keras2.py)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from .. import runtime
from ..values import Layer, Shape
from .base import OUTPUT_NOT_POSITIVE, RESHAPE_SIZE, RULES, LayerError, LayerRule, Unknowable
from .conv import channels_first, int_tuple

_CONV_RANKS = {"Conv1D": 1, "Conv2D": 2, "Conv3D": 3}
_POOL_RANKS = {f"{mode}Pooling{rank}D": rank for mode in ("Max", "Average") for rank in (1, 2, 3)}
_DEPTHWISE = {"DepthwiseConv2D", "SeparableConv2D"}  # their op fails first, on the depthwise kernel
# Arguments Keras 2 takes at 0 where Keras 3 raises: the layer builds with an empty axis.
_ZERO_ACCEPTED = {("Dense", "units"), ("RepeatVector", "n"), ("MultiHeadAttention", "num_heads")}


# Rules not measured against Keras 2 (most of these layers are new in Keras 3): in Keras 2 mode such a
# layer is answered as one without a rule.
_UNMEASURED = frozenset({
    "EinsumDense", "ReversibleEmbedding", "RNN", "LSTMCell", "GRUCell", "SimpleRNNCell", "StackedRNNCells",
    "SpectralNormalization", "GroupQueryAttention", "StringLookup", "IntegerLookup", "Hashing", "HashedCrossing",
    "Discretization", "MelSpectrogram", "STFTSpectrogram", "Pipeline", "RandomColorDegeneration", "AugMix",
    "AutoContrast", "ContrastLimitedAdaptiveHistogramEqualization", "CutMix", "Equalization", "MaxNumBoundingBoxes",
    "MixUp", "RandAugment", "RandomColorJitter", "RandomElasticTransform", "RandomErasing", "RandomGaussianBlur",
    "RandomInvert", "RandomPerspective", "RandomPosterization", "Solarization",
})


def rule_for(kind: str) -> LayerRule | None:
    """The rule `apply_layer` uses for a layer class: Keras 3's, adapted in Keras 2 mode."""
    if not runtime.keras2():
        return RULES.get(kind)
    return _keras2_rule(kind) if kind in RULES and kind not in _UNMEASURED else None


@cache
def _keras2_rule(kind: str) -> LayerRule:
    rule = RULES[kind]

    def output(layer: Layer, shape: Any) -> Any:
        try:
            rank = _CONV_RANKS.get(kind)
            if rank is not None and isinstance(shape, tuple) and len(shape) > rank + 2:
                return _extra_batch_axes(rule, layer, shape, rank)
            return rule.output(layer, shape)
        except LayerError as error:
            raise _keras2_error(layer, shape, error) from None
    return replace(rule, output=output)


def _extra_batch_axes(rule: LayerRule, layer: Layer, shape: Shape, rank: int) -> Shape:
    """Keras 2 convolves the last rank + 1 axes and keeps every axis before them."""
    if channels_first(layer):
        raise Unknowable("data_format")  # not measured
    split = len(shape) - rank - 1
    inner = rule.output(layer, (None,) + tuple(shape[split:]))
    return tuple(shape[:split]) + tuple(inner[1:])


def _keras2_error(layer: Layer, shape: Any, error: LayerError) -> Exception:
    """Keras 3's error for this layer call, as Keras 2 raises it (or Unknowable: Keras 2 accepts it)."""
    kind = layer.kind
    if (kind, error.culprit) in _ZERO_ACCEPTED and layer.args.get(error.culprit) == 0:
        return Unknowable(error.culprit)
    if error.code == RESHAPE_SIZE and kind == "Reshape":
        return _reworded(error, f"total size of new array must be unchanged, input_shape = "
                                      f"{list(shape[1:])}, output_shape = {list(layer.args['target_shape'])}")
    if error.code == OUTPUT_NOT_POSITIVE:
        if kind == "Cropping3D":
            return Unknowable("cropping")
        cropped = re.search(r"Received: input_shape=(.*), cropping=(.*)$", error.message)
        if kind == "Cropping1D" and cropped:
            return _reworded(error, "cropping parameter of Cropping layer must be greater than the input "
                                          f"shape. Received: inputs.shape={cropped[1]}, and cropping={cropped[2]}")
        if kind == "Cropping2D" and cropped:
            return _reworded(error, "Argument `cropping` must be greater than the input shape. Received: "
                                          f"inputs.shape={cropped[1]}, and cropping={cropped[2]}")
        negative = _negative_dimension(layer, shape)
        if negative is not None:
            return _reworded(error, negative)
    return error


def _reworded(error: LayerError, message: str) -> LayerError:
    return LayerError(error.code, message, error.culprit)


def _negative_dimension(layer: Layer, shape: Shape) -> str | None:
    """TensorFlow's shape error for a window larger than the input, e.g. `Negative dimension size
    caused by subtracting 5 from 4 with input shapes: [?,4,4,8], [5,5,8,8].` Conv1D and pooling 1D
    run as 2-D ops on an expanded input, so their shapes show the extra axis."""
    kind = layer.kind
    pool = kind in _POOL_RANKS
    rank = _CONV_RANKS.get(kind) or _POOL_RANKS.get(kind) or (2 if kind in _DEPTHWISE else None)
    if rank is None or len(shape) != rank + 2 or (channels_first(layer) and (pool or rank == 1)):
        return None  # not measured
    if pool:
        window = int_tuple(layer, "pool_size", rank, 2 if kind.startswith("Max") else None)
    else:
        window = int_tuple(layer, "kernel_size", rank, None)
        if any(d != 1 for d in int_tuple(layer, "dilation_rate", rank, 1)):
            return None  # TensorFlow rewrites dilated inputs first (SpaceToBatchND)
    spatial = shape[2:] if channels_first(layer) else shape[1:-1]
    failing = next(((size, k) for size, k in zip(spatial, window) if size is not None and size < k), None)
    if failing is None:
        return None
    if pool:
        shapes = [shape[:2] + (1,) + shape[2:] if rank == 1 else shape]
    else:
        channels = shape[1 if channels_first(layer) else -1]
        last = layer.args.get("depth_multiplier", 1) if kind in _DEPTHWISE else layer.args.get("filters")
        if channels is None or not isinstance(last, int):
            return None
        kernel = tuple(window) + (channels, last)
        shapes = [shape[:1] + (1,) + shape[1:], (1,) + kernel] if rank == 1 else [shape, kernel]
    return (f"Negative dimension size caused by subtracting {failing[1]} from {failing[0]} with input shapes: "
            + ", ".join(map(tf_shape, shapes)) + ".")


def tf_shape(shape: Shape) -> str:
    """A shape as TensorFlow's op errors print it: [?,4,4,8]."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"
