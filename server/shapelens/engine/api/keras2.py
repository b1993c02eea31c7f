"""Keras 2's rules for models and losses, where they differ from Keras 3's (see engine/keras2.py)."""
from __future__ import annotations

import math

from ..layers.base import RULES
from ..layers.keras2 import tf_shape
from ..values import UNKNOWN, ApiRef, Layer, Model, Shape, format_shape
from .losses import LOSS_RANK, LOSS_SHAPE, LossError


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


def check_loss(name: str, target: Shape, output: Shape, model: Model) -> None:
    """Raise LossError where Keras 2's loss raises on these batch shapes, in its words."""
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
    conflict = _conflict(a, b)
    if conflict is not None:
        raise LossError(LOSS_SHAPE, f"Dimensions must be equal, but are {conflict[0]} and {conflict[1]} with "
                                    f"input shapes: {tf_shape(a)}, {tf_shape(b)}.")


def _check_sparse(target: Shape, output: Shape) -> None:
    """backend.sparse_categorical_crossentropy flattens labels and logits unless the labels have
    one axis less; TensorFlow then compares them, statically if it can, else when it runs."""
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
