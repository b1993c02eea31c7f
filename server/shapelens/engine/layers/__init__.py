"""Keras layers: construction, and applying a layer to input shapes through its rule.

Each family module registers its rules in `base.RULES`; this module is what the interpreter uses.
"""
from __future__ import annotations

import ast
from contextvars import ContextVar
from typing import Any

from ..modules import module_of
from ..report import Fix, TextEdit
from .. import runtime
from ..runtime import bound
from ..values import UNKNOWN, Function, Layer, Shape, Tensor
from .base import ALIASES, INVALID_ARGUMENT, RULES, EmptyOutput, LayerError, Unknowable, check_spec, snake_case

# Importing the family modules registers their rules.
from . import core, conv, pooling, reshaping, recurrent, merge, normalization, attention, preprocessing  # noqa: E402,F401
from .keras2 import rule_for  # noqa: E402


# Set while real data runs eagerly through layers (`model(x)`, `layer(x)` outside fit/predict),
# where the kernels run one by one and raise their own errors.
_EAGER: ContextVar[bool] = ContextVar("shapelens_eager", default=False)


def eager_call(eager: bool):
    return bound(_EAGER, eager)


# Classes in keras.layers that are not layers.
_NOT_LAYERS = frozenset({"InputSpec", "Input"})


def layer_kind(path: str) -> str | None:
    """'keras.layers.MaxPool2D' → 'MaxPooling2D'. Any other class in keras.layers is a layer too,
    one without a rule: its output shape is unknown. None if the path names no layer class."""
    if not path.startswith("keras.layers."):
        return None
    name = path[len("keras.layers."):]
    if "." in name or not name[:1].isupper() or name in _NOT_LAYERS:
        return None
    return ALIASES.get(name, name)


def create_layer(call, kind: str) -> Layer:
    rule = RULES.get(kind)
    params = rule.params if rule is not None else ()
    args: dict[str, Any] = {}
    arg_nodes: dict = {}
    for position, value in enumerate(call.args):
        if position < len(params):
            args[params[position]] = value
            arg_nodes[params[position]] = call.arg_nodes[position]
    args.update(call.kwargs)
    arg_nodes.update(call.kwarg_nodes)
    name = args.get("name")
    if not isinstance(name, str):
        name = call.interp.unique_name(snake_case(kind))
    if "batch_input_shape" in args and kind != "InputLayer" and not runtime.keras2():
        _report_batch_input_shape(call, kind, args["batch_input_shape"])
        return UNKNOWN
    fallback = call.interp.oracle
    function = args.get("function", call.args[0] if kind == "Lambda" and call.args else None)
    if kind == "Lambda" and isinstance(function, Function):
        fallback = call.interp.lambda_runner(function)
    layer = Layer(kind, args, call.node, arg_nodes, name, fallback=fallback, positional=tuple(call.args[len(params):]))
    error = core.embedding_weights_error(layer) if kind == "Embedding" and not runtime.keras2() else None
    if error is not None:  # raised by the constructor
        call.interp.report(call.node, INVALID_ARGUMENT, error, call.interp.related(
            arg_nodes.get("weights"), "the weights given"), _embedding_size_fixes(call.interp.source, layer))
        return UNKNOWN
    return layer


def _embedding_size_fixes(source, layer: Layer) -> list:
    """Embedding(n + 1, d, weights=[matrix]) with a matrix of n rows: size the layer from the matrix
    (`matrix.shape[0]`, `matrix.shape[1]`), the sizes written where they differ."""
    weights = layer.arg_nodes.get("weights")
    matrix = weights.elts[0] if isinstance(weights, (ast.List, ast.Tuple)) and len(weights.elts) == 1 else None
    if not isinstance(matrix, (ast.Name, ast.Attribute)) or module_of(matrix) is not None:
        return []
    shape = layer.args["weights"][0].shape
    if len(shape) != 2:
        return []
    text = source.snippet(matrix, 10**6)
    edits, changed = [], []
    for axis, name in enumerate(("input_dim", "output_dim")):
        node = layer.arg_nodes.get(name)
        if layer.args.get(name) == shape[axis]:
            continue
        if node is None:
            return []
        edits.append(TextEdit(source.span(node), f"{text}.shape[{axis}]"))
        changed.append(f"{text}.shape[{axis}]")
    return [Fix(f"Size the Embedding from its weights: {', '.join(changed)}", tuple(edits), preferred=True)]


def _report_batch_input_shape(call, kind: str, value: Any) -> None:
    """Keras 3 dropped `batch_input_shape=` on layers (Keras 2 code): construction raises."""
    from ..fixes import replace_node
    keyword = next(k for k in call.node.keywords if k.arg == "batch_input_shape")
    shown = repr(value) if value is not UNKNOWN and "UNKNOWN" not in repr(value) else \
        call.interp.source.snippet(keyword.value)
    fixes = []
    if isinstance(value, (tuple, list)) and len(value) > 1 and isinstance(keyword.value, (ast.Tuple, ast.List)):
        elements = ", ".join(call.interp.source.snippet(e) for e in keyword.value.elts[1:])
        inner = f"({elements},)" if len(value) == 2 else f"({elements})"
        fixes.append(replace_node(call.interp.source, keyword, f"input_shape={inner}",
                                  "Use input_shape= without the batch axis", preferred=True))
    call.interp.report(keyword, INVALID_ARGUMENT,
                       f"Unrecognized keyword arguments passed to {kind}: {{'batch_input_shape': {shown}}}. "
                       "Keras 3 no longer accepts `batch_input_shape` on layers.", fixes=fixes)


def apply_layer(layer: Layer, inputs: Any, concrete: bool = False) -> Any:
    """The output shape(s) of `layer` called on `inputs` (a shape, or a list of shapes for layers
    taking several tensors), or None when not known. Raises LayerError where Keras raises.
    `concrete`: the data is real (fit/predict/eager call), not a symbolic KerasTensor."""
    rule = rule_for(layer.kind)
    if rule is None:
        return layer.fallback.output_shape(layer.kind, layer.positional, layer.args, inputs, concrete) \
            if layer.fallback else None
    built = layer.built_shape
    if built is not None and built is not UNKNOWN and rule.built_spec is not None and not rule.multi_input:
        spec = rule.built_spec(layer, built)
        if spec is not None:
            check_spec(layer, spec, inputs)
    if concrete and built is not None and built is not UNKNOWN and rule.concrete_check is not None:
        try:
            rule.concrete_check(layer, built, inputs)
        except Unknowable:
            pass
    try:
        output = rule.output(layer, inputs)
    except Unknowable:
        return None
    except EmptyOutput as empty:
        if not concrete:
            raise
        if empty.eager is not None and _EAGER.get():
            raise empty.eager from None
        return None  # what TensorFlow does with it depends on the kernel and on eager or graph mode
    if built is None and not rule.multi_input:
        layer.built_shape = inputs
    return output


def input_shape_arg(layer: Layer) -> Any:
    """The `input_shape=`/`input_dim=` a layer was given (Keras 3 honours it on a Sequential's
    first layer), UNKNOWN if given but not static, None if not given."""
    if "input_dim" in layer.args and layer.kind != "Embedding":  # an Embedding's is its vocabulary size
        dim = layer.args["input_dim"]
        return (dim,) if isinstance(dim, int) else UNKNOWN
    if "batch_input_shape" in layer.args:  # a Keras 2 argument (Keras 3 rejects the layer)
        value = layer.args["batch_input_shape"]
        return tuple(value[1:]) if isinstance(value, (tuple, list)) and value else UNKNOWN
    return layer.args.get("input_shape")


__all__ = ["LayerError", "apply_layer", "eager_call", "create_layer", "input_shape_arg", "layer_kind", "Tensor", "Shape"]
