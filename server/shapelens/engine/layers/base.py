"""The layer-rule API: each Keras layer class is one registered rule.

A rule is a function `(layer, input_shape) -> output_shape` that performs the input checks Keras 3
performs and raises `LayerError` with Keras's own wording when they fail. Input shapes include the
batch axis. A rule that meets something it cannot decide raises `Unknowable`, and the output is
unknown. Rules never see UNKNOWN shapes: the engine stops before calling them.
"""
from __future__ import annotations

import ast
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Callable

from ..values import UNKNOWN, Layer, Shape, format_shape


class Unknowable(Exception):
    """A rule needs an argument or dimension that is not known statically."""


class LayerError(Exception):
    """Keras would raise here. `code` is the diagnostic code; `culprit` names the constructor
    argument the user should change, when the error is caused by one (e.g. "kernel_size")."""

    def __init__(self, code: str, message: str, culprit: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.culprit = culprit


class EmptyOutput(LayerError):
    """An output of size 0. Keras raises on a KerasTensor; on real data TensorFlow's kernels decide,
    and they differ (convolutions and average pooling return an empty tensor when eager, max pooling
    raises or crashes, graph execution raises): an error only for symbolic inputs, or `eager`, the
    error an eager call on real data raises where that is known."""

    def __init__(self, code: str, message: str, culprit: str | None = None, eager: LayerError | None = None):
        super().__init__(code, message, culprit)
        self.eager = eager


# Set while the shapes run through layers are Keras's own, every `None` in them declared in the code
# (`Input((None, 8))`), not one the engine does not know: the path of the model's variables ("" or
# "sequential/"). Rules may then report on a `None`.
DECLARED: ContextVar[str | None] = ContextVar("shapelens_declared", default=None)

# The tensors a custom layer or subclassed model is being called with: its call() gets tensors of
# their shapes that still say where the data was made and a keras.Input declared it (for fixes there).
CALLED_WITH: ContextVar[Any] = ContextVar("shapelens_called_with", default=None)


def literal_shape(node: ast.AST | None) -> bool:
    """A shape written out in the code: `(None, 8)`, `[28, 28, 1]`, `784`."""
    def dim(n: ast.AST) -> bool:
        return isinstance(n, ast.Constant) and (n.value is None or type(n.value) is int)
    return isinstance(node, (ast.Tuple, ast.List)) and all(dim(e) for e in node.elts) or \
        isinstance(node, ast.Constant) and type(node.value) is int


# Diagnostic codes, stable across releases (documented in the README).
AXIS_MISMATCH = "SL101"
RANK_MISMATCH = "SL102"
BATCH_AXIS_IN_INPUT_SHAPE = "SL103"
OUTPUT_NOT_POSITIVE = "SL104"
RESHAPE_SIZE = "SL105"
MERGE_MISMATCH = "SL106"
MODEL_INPUT_MISMATCH = "SL107"
MISSING_BATCH_AXIS = "SL108"
INVALID_ARGUMENT = "SL109"
OP_MISMATCH = "SL110"  # a TensorFlow/NumPy/keras.ops operation on incompatible shapes
DEPRECATED_INPUT_SHAPE = "SL301"  # a hint: input_shape= on a layer (Keras 3 warns)
NO_LAYER_SHAPE_ATTRIBUTE = "SL111"  # layer.input_shape / layer.output_shape: gone in Keras 3
DTYPE_MISMATCH = "SL112"  # a TensorFlow operation on dtypes it refuses to mix (it never promotes)


@dataclass
class InputSpec:
    """The subset of keras.layers.InputSpec a rule declares."""

    ndim: int | None = None
    min_ndim: int | None = None
    max_ndim: int | None = None
    axes: dict[int, int] = field(default_factory=dict)


@dataclass
class LayerRule:
    kind: str
    params: tuple[str, ...]  # positional constructor parameters, in order
    output: Callable[[Layer, Any], Shape]
    multi_input: bool = False  # takes a list of tensors (merge layers, attention)
    # The spec a built layer enforces on later calls (e.g. Dense: the last axis it was built on).
    built_spec: Callable[[Layer, Shape], InputSpec | None] | None = None
    # A check only real data meets (not a symbolic KerasTensor): (layer, built shape, shape) → raise.
    concrete_check: Callable[[Layer, Shape, Shape], None] | None = None


RULES: dict[str, LayerRule] = {}
# Keras aliases (MaxPool2D is MaxPooling2D): the alias name → the class it names.
ALIASES: dict[str, str] = {}


def layer_rule(kind: str, params: tuple[str, ...] = (), *, aliases: tuple[str, ...] = (),
               multi_input: bool = False, built_spec=None, concrete_check=None):
    def register(fn):
        RULES[kind] = LayerRule(kind, params, fn, multi_input, built_spec, concrete_check)
        for alias in aliases:
            ALIASES[alias] = kind
        return fn
    return register


def snake_case(name: str) -> str:
    """Keras's automatic layer names: Conv2D → conv2d, MaxPooling2D → max_pooling2d."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


# --- argument helpers: a rule reads arguments through these, never `layer.args` directly ---

def arg(layer: Layer, name: str, default: Any = None) -> Any:
    value = layer.args.get(name, default)
    if value is UNKNOWN:
        raise Unknowable(name)
    return value


def int_arg(layer: Layer, name: str, default: Any = None) -> int | None:
    value = arg(layer, name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Unknowable(name)
    return value


def tuple_arg(layer: Layer, name: str, rank: int, default: Any) -> tuple[int, ...]:
    """kernel_size=3 or (3, 3) → a tuple of `rank` ints."""
    value = arg(layer, name, default)
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * rank
    if isinstance(value, (tuple, list)) and len(value) == rank and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        return tuple(value)
    raise Unknowable(name)


def str_arg(layer: Layer, name: str, default: str) -> str:
    value = arg(layer, name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise Unknowable(name)
    return value.lower()


def bool_arg(layer: Layer, name: str, default: bool) -> bool:
    value = arg(layer, name, default)
    if not isinstance(value, bool):
        raise Unknowable(name)
    return value


def known_rank(shape: Shape | None) -> Shape:
    if shape is None:
        raise Unknowable("rank")
    return shape


# --- the input checks Keras's InputSpec performs, worded as Keras 3 words them ---

def _prefix(layer: Layer, index: int) -> str:
    return f"Input {index} with name 'None' of layer '{layer.name}' is incompatible with the layer: "


def check_spec(layer: Layer, spec: InputSpec, shape: Shape | None, index: int = 0) -> None:
    if shape is None:
        return
    ndim = len(shape)
    shown = format_shape(shape)
    if spec.ndim is not None and ndim != spec.ndim:
        raise LayerError(RANK_MISMATCH, _prefix(layer, index)
                         + f"expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shown}")
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        raise LayerError(RANK_MISMATCH, _prefix(layer, index)
                         + f"expected max_ndim={spec.max_ndim}, found ndim={ndim}")
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        raise LayerError(RANK_MISMATCH, _prefix(layer, index)
                         + f"expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: {shown}")
    for axis, value in spec.axes.items():
        if -ndim <= axis < ndim and shape[axis] is not None and shape[axis] != value:
            raise LayerError(AXIS_MISMATCH, _prefix(layer, index)
                             + f"expected axis {axis} of input shape to have value {value}, "
                             f"but received input with shape {shown}")


def require(layer: Layer, shape: Shape | None, *, ndim: int | None = None, min_ndim: int | None = None,
            max_ndim: int | None = None) -> Shape:
    """Check the rank Keras requires before build; return the shape, known to have a rank."""
    check_spec(layer, InputSpec(ndim=ndim, min_ndim=min_ndim, max_ndim=max_ndim), shape)
    return known_rank(shape)


def last_axis_spec(min_ndim: int) -> Callable[[Layer, Shape], InputSpec | None]:
    """The spec of layers whose weights fix the size of the last axis at build (Dense, Conv)."""
    def spec(layer: Layer, shape: Shape) -> InputSpec | None:
        if shape[-1] is None:
            return InputSpec(min_ndim=min_ndim)
        return InputSpec(min_ndim=min_ndim, axes={-1: shape[-1]})
    return spec
