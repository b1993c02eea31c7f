"""Attention layers: MultiHeadAttention, GroupQueryAttention, Attention, AdditiveAttention.

All take several tensors: (Multi)HeadAttention as `mha(query, value, key=None)`, the others as a
list `[query, value]` or `[query, value, key]`; their rules receive the list of shapes in that order.
Keras computes their output shapes without relating the inputs' sizes to each other (mismatches
surface only when the model runs), so the rules check little more than the constructor arguments.
"""
from __future__ import annotations

from dataclasses import replace

from ..values import UNKNOWN, Layer, Shape, format_shape, is_shape
from .base import (INVALID_ARGUMENT, MERGE_MISMATCH, LayerError, Unknowable, arg, bool_arg, int_arg,
                   known_rank, layer_rule)
from .conv import call_error


def _inputs(inputs) -> list[Shape]:
    if not isinstance(inputs, list) or len(inputs) not in (2, 3):
        raise Unknowable("inputs")
    shapes = [known_rank(shape) for shape in inputs]
    if not all(shapes):  # scalars: Keras fails on them in ways not worth modelling
        raise Unknowable("rank 0")
    return shapes


def _check_positive(layer: Layer, name: str, expected: str, optional: bool = False) -> None:
    """MultiHeadAttention's own integer checks (they refuse floats, but let True through)."""
    if name not in layer.args:
        if optional:
            return
        raise Unknowable(name)
    value = arg(layer, name)
    if optional and value is None or isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return
    if value is None or isinstance(value, (int, float, str)) and not isinstance(value, bool):
        raise LayerError(INVALID_ARGUMENT, f"Received an invalid value for argument `{name}`, expected {expected}. "
                         f"Received: {name}={value}", culprit=name)
    raise Unknowable(name)


def _output_shape(layer: Layer) -> tuple[int, ...]:
    value = arg(layer, "output_shape", None)
    if not value:  # Keras ignores a falsy output_shape (None, 0, ())
        return ()
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value,)
    if isinstance(value, (tuple, list)) and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                                for v in value):
        return tuple(value)
    raise Unknowable("output_shape")


def _attention_axes(layer: Layer) -> tuple[int, ...] | None:
    axes = arg(layer, "attention_axes", None)
    if isinstance(axes, int) and not isinstance(axes, bool):
        return (axes,)
    if axes is None or isinstance(axes, (tuple, list)) and all(
            isinstance(a, int) and not isinstance(a, bool) for a in axes):
        return axes if axes is None else tuple(axes)
    raise Unknowable("attention_axes")


@layer_rule("MultiHeadAttention", ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape",
                                   "attention_axes", "sliding_window", "flash_attention", "kernel_initializer",
                                   "bias_initializer", "kernel_regularizer", "bias_regularizer",
                                   "activity_regularizer", "kernel_constraint", "bias_constraint", "use_gate",
                                   "seed"), multi_input=True)
def multi_head_attention(layer: Layer, inputs) -> Shape:
    _check_positive(layer, "num_heads", "a positive integer")
    _check_positive(layer, "key_dim", "a positive integer")
    _check_positive(layer, "value_dim", "a positive integer or `None`", optional=True)
    output_shape = _output_shape(layer)
    axes = _attention_axes(layer)
    if arg(layer, "sliding_window", None) is not None or arg(layer, "flash_attention", None):
        raise Unknowable("sliding_window/flash_attention")
    shapes = _inputs(inputs)
    query, value = shapes[:2]
    key = shapes[2] if len(shapes) == 3 else value
    if layer.built_shape is UNKNOWN:  # built on some paths only: which wording, which checks?
        raise Unknowable("built")
    first = layer.built_shape is None
    mismatch = value[1:-1] != key[1:-1]
    if mismatch and len(value) == len(key) and all(
            v == k or None in (v, k) for v, k in zip(value[1:-1], key[1:-1])):
        raise Unknowable("None in value or key")  # only None dims differ: they may be equal
    if mismatch:
        message = ("All dimensions of `value` and `key`, except the last one, must be equal. Received: "
                   f"value_shape={format_shape(value)} and key_shape={format_shape(key)}")
        # Checked by build on the first call; later, inside the call, where Keras wraps it.
        raise LayerError(MERGE_MISMATCH, message if first else call_error(layer, message))
    if first:
        # The projections are built now, once; apply_layer records nothing for multi-input layers.
        layer.built_shape = query
        if None in (query[-1], value[-1], key[-1]):  # the projections' kernels need these
            raise Unknowable("last axis")
        rank = len(value) + 1  # the rank of the projected value, in which the axes are counted
        if axes is not None and any(not -rank <= (a if a >= 0 else rank - 1 + a) < rank for a in axes):
            raise Unknowable("attention_axes")  # Keras fails with a NumPy IndexError
    return query[:-1] + output_shape if output_shape else query


def _attention(layer: Layer, inputs) -> Shape:
    score_mode = arg(layer, "score_mode", "dot")
    if score_mode not in ("dot", "concat"):
        if score_mode is not None and not isinstance(score_mode, str):
            raise Unknowable("score_mode")
        raise LayerError(INVALID_ARGUMENT, "Invalid value for argument score_mode. Expected one of {'dot', "
                         f"'concat'}}. Received: score_mode={score_mode}", culprit="score_mode")
    dropout = arg(layer, "dropout", 0.0)
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)):
        raise Unknowable("dropout")
    if isinstance(inputs, tuple) and is_shape(inputs):  # a single tensor
        raise LayerError(MERGE_MISMATCH, f"{layer.kind} layer must be called on a list of inputs, namely "
                         f"[query, value] or [query, value, key]. Received: inputs={format_shape(inputs)}.")
    if isinstance(inputs, list) and len(inputs) not in (2, 3):
        raise LayerError(MERGE_MISMATCH, f"{layer.kind} layer accepts inputs list of length 2 or 3, namely "
                         f"[query, value] or [query, value, key]. Received length: {len(inputs)}.")
    query, value = _inputs(inputs)[:2]
    # AdditiveAttention's scale has one weight per query feature.
    if layer.kind == "AdditiveAttention" and bool_arg(layer, "use_scale", True) and query[-1] is None:
        raise Unknowable("query features")
    return query[:-1] + value[-1:]


layer_rule("Attention", ("use_scale", "score_mode", "dropout", "seed"), multi_input=True)(_attention)
layer_rule("AdditiveAttention", ("use_scale", "dropout"), multi_input=True)(_attention)


@layer_rule("GroupQueryAttention", ("head_dim", "num_query_heads", "num_key_value_heads", "dropout", "use_bias",
                                    "sliding_window", "flash_attention", "kernel_initializer", "bias_initializer",
                                    "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                                    "kernel_constraint", "bias_constraint", "use_gate", "seed"), multi_input=True)
def group_query_attention(layer: Layer, inputs) -> Shape:
    """Called as `gqa(query, value, key=None)` on sequences (batch, length, features): the query's
    shape, once query and value have as many features and value and key as many steps."""
    heads = [int_arg(layer, name) for name in ("head_dim", "num_query_heads", "num_key_value_heads")]
    if None in heads or min(heads) <= 0 or arg(layer, "sliding_window", None) is not None or \
            arg(layer, "flash_attention", None):
        raise Unknowable("heads/sliding_window/flash_attention")
    if heads[1] % heads[2]:
        raise LayerError(INVALID_ARGUMENT, "`num_query_heads` must be divisible by `num_key_value_heads`.",
                         culprit="num_key_value_heads")
    shapes = _inputs(inputs)
    query, value = shapes[:2]
    key = shapes[2] if len(shapes) == 3 else value
    if any(len(s) != 3 or s[-1] is None for s in (query, value, key)):
        raise Unknowable("rank or features")  # the projections are EinsumDense "bqm,muh->bquh" on each
    named = replace(layer, kind="GroupedQueryAttention")  # the class's own name, in Keras's messages
    if query[-1] != value[-1]:
        raise LayerError(MERGE_MISMATCH, call_error(named, "The last dimension of `query_shape` and `value_shape` "
                         f"must be equal, but are {query[-1]}, {value[-1]}. Received: "
                         f"query_shape={format_shape(query)}, value_shape={format_shape(value)}"))
    if value[1] != key[1]:
        if None in (value[1], key[1]):
            raise Unknowable("None in value or key")
        raise LayerError(MERGE_MISMATCH, call_error(named, "All dimensions of `value` and `key`, except the last "
                         f"one, must be equal. Received: value_shape={format_shape(value)} and "
                         f"key_shape={format_shape(key)}"))
    return query
