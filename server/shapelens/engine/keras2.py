"""Keras 2 mode: where Keras 2 (tf-keras, or TensorFlow ≤ 2.15) words or decides differently.

The engine's rules speak Keras 3. `analyse(..., runtime=runtime.KERAS2)` runs them in Keras 2 mode, in which
- `translate` rewords the finished diagnostics (the same error, Keras 2's message);
- the few rules that decide differently ask `active()`; each difference was measured against
  tf-keras 2.21 (tests/keras2/):
  - convolutions take extra leading batch axes, so `input_shape=(32, 28, 28, 3)` on a Conv2D
    passes and the next layer that checks the rank raises (`rule_for`);
  - `Dense(0)`, `RepeatVector(0)`, `MultiHeadAttention(0, ...)` and a Cropping3D that crops
    everything are accepted (`rule_for`);
  - a model with a declared input (a Sequential's `input_shape=` too) checks real data against
    it, and does not check KerasTensors (api/models.py);
  - a layer has `input_shape`/`output_shape` once it is part of a graph (`has_layer_shape`);
  - `batch_input_shape=` is a layer argument (layers/__init__.py);
  - the losses match ranks, check shapes and word errors their own way (`check_loss`);
  - `input_shape=` draws no warning, so there is no SL301 hint.
Errors Keras 2 leaves to a TensorFlow op name a graph node (`'{{node conv2d/Conv2D}} = Conv2D[...]'`)
that depends on how the model runs; here they keep the op's words and shapes, not the node.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import cache
from typing import Any

from . import runtime
from .layers.base import (DEPRECATED_INPUT_SHAPE, OUTPUT_NOT_POSITIVE, RESHAPE_SIZE, RULES, LayerError, LayerRule,
                          Unknowable)
from .layers.conv import channels_first, int_tuple
from .report import Diagnostic
from .values import UNKNOWN, ApiRef, Layer, Model, Shape, format_shape


def active() -> bool:
    return runtime.current().keras_major == 2


# ---- layer rules ---------------------------------------------------------------------------------

_CONV_RANKS = {"Conv1D": 1, "Conv2D": 2, "Conv3D": 3}
_POOL_RANKS = {f"{mode}Pooling{rank}D": rank for mode in ("Max", "Average") for rank in (1, 2, 3)}
_DEPTHWISE = {"DepthwiseConv2D", "SeparableConv2D"}  # their op fails first, on the depthwise kernel
# Arguments Keras 2 takes at 0 where Keras 3 raises: the layer builds with an empty axis.
_ZERO_ACCEPTED = {("Dense", "units"), ("RepeatVector", "n"), ("MultiHeadAttention", "num_heads")}


def rule_for(kind: str) -> LayerRule | None:
    """The rule `apply_layer` uses for a layer class: Keras 3's, adapted in Keras 2 mode."""
    return _keras2_rule(kind) if active() and kind in RULES else RULES.get(kind)


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
            + ", ".join(map(_tf_shape, shapes)) + ".")


def _tf_shape(shape: Shape) -> str:
    """A shape as TensorFlow's op errors print it: [?,4,4,8]."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


# ---- layers' input_shape/output_shape ---------------------------------------------------------------

def has_layer_shape(interp, layer: Layer) -> bool:
    """Keras 2 layers have input_shape/output_shape once they are part of a graph: called on a
    KerasTensor, or in a Sequential that is built. Called on real data only, they have none."""
    return layer.connected or any(m.built and not m.poisoned and any(item is layer for item in m.layers)
                                  for m in interp.models)


def no_layer_shape_message(layer: Layer, name: str) -> str:
    what = "input shape" if name == "input_shape" else "output shape"
    message = f'The layer "{layer.name}" has never been called and thus has no defined {what}.'
    if name == "input_shape":
        message += (" Note that the `input_shape` property is only available for Functional and Sequential "
                    "models.")
    return message


# ---- losses ------------------------------------------------------------------------------------------

def check_loss(name: str, target: Shape, output: Shape, model: Model) -> None:
    """Raise LossError where Keras 2's loss raises on these batch shapes, in its words."""
    from .api.losses import LOSS_RANK, LOSS_SHAPE, LossError
    if len(target) == 1 and len(output) == 2:  # compile_utils.match_dtype_and_rank
        target = target + (1,)
    # losses_utils.squeeze_or_expand_dimensions: a trailing 1 the other lacks is squeezed.
    if len(output) - len(target) != 1 or output[-1] == 1:
        if len(output) == len(target) + 1 and output[-1] == 1:
            output = output[:-1]
        elif len(target) == len(output) + 1 and target[-1] == 1:
            target = target[:-1]
    code = LOSS_RANK if len(target) != len(output) else LOSS_SHAPE
    if name == "categorical_crossentropy":
        if not _compatible(target, output):
            raise LossError(code, f"Shapes {format_shape(target)} and {format_shape(output)} are incompatible")
    elif name == "binary_crossentropy":
        # From a sigmoid or softmax, Keras 2 takes the logits and compares shapes; otherwise it
        # broadcasts. Unknown: report only what fails either way.
        logits = _has_logits(model)
        if logits is False:
            _check_broadcast(target, output)
        elif not _compatible(target, output) and (logits or _conflict(target, output)):
            raise LossError(code, "`logits` and `labels` must have the same shape, received "
                                  f"({format_shape(output)} vs {format_shape(target)}).")
    elif name == "sparse_categorical_crossentropy":
        _check_sparse(target, output)
    elif name in ("mean_squared_error", "mean_absolute_error"):
        _check_broadcast(output, target)


def _compatible(a: Shape, b: Shape) -> bool:
    return len(a) == len(b) and all(x is None or y is None or x == y for x, y in zip(a, b))


def _conflict(a: Shape, b: Shape) -> tuple[int, int] | None:
    """Two fixed sizes that cannot broadcast, on aligned axes: broadcasting fails for certain."""
    return next(((x, y) for x, y in zip(reversed(a), reversed(b))
                 if x is not None and y is not None and x != y and 1 not in (x, y)), None)


def _check_broadcast(a: Shape, b: Shape) -> None:
    from .api.losses import LOSS_SHAPE, LossError
    conflict = _conflict(a, b)
    if conflict is not None:
        raise LossError(LOSS_SHAPE, f"Dimensions must be equal, but are {conflict[0]} and {conflict[1]} with "
                                    f"input shapes: {_tf_shape(a)}, {_tf_shape(b)}.")


def _check_sparse(target: Shape, output: Shape) -> None:
    """backend.sparse_categorical_crossentropy flattens labels and logits unless the labels have
    one axis less; TensorFlow then compares them, statically if it can, else when it runs."""
    from .api.losses import LOSS_RANK, LOSS_SHAPE, LossError
    code = LOSS_SHAPE
    labels, logits = target, output
    if len(target) != len(output) - 1:
        code = LOSS_RANK
        labels, logits = (_product(target),), (_product(output[:-1]), output[-1])
    if not _compatible(labels, logits[:-1]):
        raise LossError(code, "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
                              f"labels.shape={format_shape(labels)} and logits.shape={format_shape(logits)}")
    rows, count = _product(output[1:-1]), _product(target[1:])
    if code == LOSS_RANK and rows is not None and count is not None and rows != count:
        raise LossError(code, "logits and labels must have the same first dimension, got logits shape "
                              f"[?,{output[-1]}] and labels shape [?]")


def _product(shape: Shape) -> int | None:
    return None if None in shape else math.prod(shape)


def _has_logits(model: Model) -> bool | None:
    """Does the model end in a sigmoid or softmax, whose outputs keep their logits in Keras 2
    (backend.sigmoid/softmax)? None when the engine cannot tell."""
    layer = None
    if model.kind == "Sequential" and model.layers:
        layer = model.layers[-1]
    elif model.graph is not None and len(model.graph[1]) == 1 and model.graph[1][0].producer is not None:
        layer = model.graph[1][0].producer[0]
    if not isinstance(layer, Layer) or layer.kind not in RULES:
        return None
    if layer.kind == "Softmax":
        return True
    activation = layer.args.get("activation")
    if isinstance(activation, ApiRef):
        activation = activation.path.rsplit(".", 1)[-1]
    if activation is UNKNOWN or not (activation is None or isinstance(activation, str)):
        return None
    return activation in ("sigmoid", "softmax")


# ---- wording -------------------------------------------------------------------------------------------

_REWORDINGS = [
    # InputSpec checks, of layers and of models: Keras 2 names neither the input nor quotes the same way.
    (re.compile(r"Input (\d+) with name '[^']*' of layer '([^']*)' is incompatible"),
     r'Input \1 of layer "\2" is incompatible'),
    (re.compile(r"Cannot merge tensors with different batch sizes\. Received tensors"),
     "Cannot merge tensors with different batch sizes. Got tensors"),
    (re.compile(r"`TimeDistributed` Layer should be passed an `input_shape` "),
     "`TimeDistributed` Layer should be passed an `input_shape ` "),
    (re.compile(r"(?:The `padding` argument must be a list/tuple or one of \{[^}]*\}|"
                r"Argument `padding` must be either 'valid' or 'same')\. Received: (?:padding=)?(\S+)"),
     (r'The `padding` argument must be a list/tuple or one of "valid", "same" (or "causal", only for `Conv1D). '
      r"Received: \1")),
    (re.compile(r"The `data_format` argument must be one of \{'channels_first', 'channels_last'\}\. "
                r"Received: data_format=(\S+)"),
     r'The `data_format` argument must be one of "channels_first", "channels_last". Received: \1'),
    (re.compile(r"(The number of filters must be evenly divisible by the number of groups\. "
                r"Received: groups=\d+, filters=\d+)\."), r"\1"),
    (re.compile(r"Invalid value for argument score_mode\. Expected one of \{'dot', 'concat'\}\. "
                r"Received: score_mode=(\S+)"),
     r'Received: score_mode=\1. Acceptable values are: ["dot", "concat"]'),
    (re.compile(r"`output_padding` must be strictly less than `strides` for all dimensions\. .*? "
                r"Received: output_padding=(\(.*?\)), strides=(\(.*?\))"),
     r"Strides must be greater than output padding. Received strides=\2, output_padding=\1."),
]


def translate(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Keras 3's diagnostics as Keras 2 gives them: reworded, without the hint Keras 2 has no reason for."""
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.code == DEPRECATED_INPUT_SHAPE:
            continue
        for pattern, replacement in _REWORDINGS:
            diagnostic.message = pattern.sub(replacement, diagnostic.message)
        kept.append(diagnostic)
    return kept
