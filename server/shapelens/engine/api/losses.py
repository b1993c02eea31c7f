"""The checks Keras 3's losses make on (target, output) shapes, with Keras's wording.

Measured with TensorFlow 2.21: every built-in loss first calls `squeeze_or_expand_to_same_rank`;
the cross-entropies are then strict about rank and shape, while mean squared/absolute error only
need the two shapes to broadcast.
"""
from __future__ import annotations

from typing import Any

from ..values import ApiRef, Shape, format_shape
from . import api
from .tensors import broadcast

LOSS_RANK = "SL201"
LOSS_SHAPE = "SL202"

_ALIASES = {
    "categorical_crossentropy": "categorical_crossentropy",
    "categoricalcrossentropy": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "sparse_categorical_crossentropy",
    "sparsecategoricalcrossentropy": "sparse_categorical_crossentropy",
    "binary_crossentropy": "binary_crossentropy",
    "binarycrossentropy": "binary_crossentropy",
    "mse": "mean_squared_error",
    "mean_squared_error": "mean_squared_error",
    "meansquarederror": "mean_squared_error",
    "mae": "mean_absolute_error",
    "mean_absolute_error": "mean_absolute_error",
    "meanabsoluteerror": "mean_absolute_error",
}


def loss_name(value: Any) -> str | None:
    """'categorical_crossentropy', keras.losses.CategoricalCrossentropy(), keras.losses.mse → a
    canonical loss name, or None for losses the engine does not model."""
    if isinstance(value, ApiRef):
        value = value.path.rsplit(".", 1)[-1]
    if isinstance(value, str):
        return _ALIASES.get(value.lower())
    return None


_CLASSES = {
    "CategoricalCrossentropy": "categorical_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "BinaryCrossentropy": "binary_crossentropy",
    "MeanSquaredError": "mean_squared_error",
    "MeanAbsoluteError": "mean_absolute_error",
}


def _loss_object(name: str):
    def construct(call) -> str:
        return name
    return construct


for _class, _name in _CLASSES.items():
    api(f"keras.losses.{_class}")(_loss_object(_name))


class LossError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _squeezes_unknown(target: Shape, output: Shape) -> bool:
    """Whether Keras would squeeze a last axis whose size is unknown (it does if that size is 1)."""
    return (len(target) == len(output) + 1 and target[-1] is None) or \
        (len(output) == len(target) + 1 and output[-1] is None)


def _squeeze_or_expand(target: Shape, output: Shape) -> tuple[Shape, Shape]:
    if len(target) == len(output) + 1 and target[-1] == 1:
        if len(output) == 1:
            output = output + (1,)
        else:
            target = target[:-1]
    elif len(output) == len(target) + 1 and output[-1] == 1:
        if len(target) == 1:
            target = target + (1,)
        else:
            output = output[:-1]
    return target, output


def _shape(shape: Shape) -> str:
    return format_shape(shape)


def check_loss(name: str, target: Shape, output: Shape, on_data: bool = False) -> None:
    """Raise LossError where Keras raises for this loss on these batch shapes; `on_data`: shapes
    only a batch of data has (the graph was traced without them), TensorFlow's kernels decide."""
    if _squeezes_unknown(target, output):
        return
    target, output = _squeeze_or_expand(target, output)
    received = f"Received: target.shape={_shape(target)}, output.shape={_shape(output)}"
    if name in ("categorical_crossentropy", "binary_crossentropy"):
        if len(target) != len(output):
            raise LossError(LOSS_RANK, "Arguments `target` and `output` must have the same rank (ndim). " + received)
        if any(a is not None and b is not None and a != b for a, b in zip(target, output)):
            raise LossError(LOSS_SHAPE, "Arguments `target` and `output` must have the same shape. " + received)
    elif name == "sparse_categorical_crossentropy":
        if len(target) == len(output) and target and target[-1] is None:
            return  # squeezed if it is 1 (one-hot labels of one class)
        if len(target) == len(output) and target and target[-1] == 1:
            target = target[:-1]
            received = f"Received: target.shape={_shape(target)}, output.shape={_shape(output)}"
        if len(target) != len(output) - 1:
            raise LossError(LOSS_RANK, "Argument `output` must have rank (ndim) `target.ndim - 1`. " + received)
        if any(a is not None and b is not None and a != b for a, b in zip(target, output[:-1])):
            raise LossError(LOSS_SHAPE, "Arguments `target` and `output` must have the same shape up until the "
                            f"last dimension: target.shape={_shape(target)}, output.shape={_shape(output)}")
    elif name in ("mean_squared_error", "mean_absolute_error"):
        if _incompatible(target, output):
            a, b = _first_conflict(target, output)
            if on_data:
                raise LossError(LOSS_SHAPE, f"Graph execution error: Incompatible shapes: {_tf(target)} vs. "
                                f"{_tf(output)} (in `{name}`, on a batch of {target[0]})")
            raise LossError(LOSS_SHAPE, f"Dimensions must be equal, but are {a} and {b} for `{name}` with input "
                            f"shapes: {_shape(target)}, {_shape(output)}.")


def _tf(shape: Shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _incompatible(a: Shape, b: Shape) -> bool:
    """Broadcasting fails for certain: two fixed, different, non-1 sizes on an aligned axis."""
    return broadcast(a, b) is None and _first_conflict(a, b) is not None


def _first_conflict(a: Shape, b: Shape) -> tuple[int, int] | None:
    for x, y in zip(reversed(a), reversed(b)):
        if x is not None and y is not None and x != y and x != 1 and y != 1:
            return x, y
    return None
