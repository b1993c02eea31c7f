"""Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization,
RMSNormalization. All keep the input's shape; their checks are about the axes they normalize."""
from __future__ import annotations

from typing import Any

from ..values import Layer, Shape
from .base import INVALID_ARGUMENT, InputSpec, LayerError, Unknowable, arg, int_arg, known_rank, layer_rule
from .conv import call_error


def _axes(layer: Layer) -> tuple[list[int], Any]:
    """The axis argument as a list of ints, and as Keras keeps it (an int or a list) for messages."""
    axis = arg(layer, "axis", -1)
    if isinstance(axis, int) and not isinstance(axis, bool):
        return [axis], axis
    if isinstance(axis, (tuple, list)) and all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        return list(axis), list(axis)
    raise Unknowable("axis")


def _weight_dims(shape: Shape, axes: list[int]) -> None:
    """Keras indexes the input shape with each axis to size a weight: an IndexError outside the
    rank, and a refusal to create a weight with a None dimension (for us None may be unknown)."""
    for axis in axes:
        if not -len(shape) <= axis < len(shape) or shape[axis] is None:
            raise Unknowable("axis")


def _built_axis_spec(layer: Layer, shape: Shape) -> InputSpec | None:
    """BatchNormalization and GroupNormalization fix the rank and the normalized axis at build."""
    try:
        axis = int_arg(layer, "axis", -1)
    except Unknowable:
        return None
    return InputSpec(ndim=len(shape), axes={axis: shape[axis]})


@layer_rule("BatchNormalization", ("axis", "momentum", "epsilon"), built_spec=_built_axis_spec)
def batch_normalization(layer: Layer, shape: Shape) -> Shape:
    axis = int_arg(layer, "axis", -1)
    if axis is None:
        raise Unknowable("axis")
    shape = known_rank(shape)
    _weight_dims(shape, [axis])
    return shape


def _weights_on_axes(layer: Layer, shape: Shape) -> Shape:
    axes, _ = _axes(layer)
    shape = known_rank(shape)
    _weight_dims(shape, axes)
    return shape


layer_rule("LayerNormalization", ("axis", "epsilon"))(_weights_on_axes)
layer_rule("RMSNormalization", ("axis", "epsilon"))(_weights_on_axes)


@layer_rule("GroupNormalization", ("groups", "axis"), built_spec=_built_axis_spec)
def group_normalization(layer: Layer, shape: Shape) -> Shape:
    groups = int_arg(layer, "groups", 32)
    if groups is None or (groups <= 0 and groups != -1):
        raise LayerError(INVALID_ARGUMENT, "Received an invalid value for argument `groups`, expected a positive "
                         f"integer (or `-1` for instance normalization). Received: groups={groups}",
                         culprit="groups")
    axis = int_arg(layer, "axis", -1)
    if axis is None:
        raise Unknowable("axis")
    shape = known_rank(shape)
    _weight_dims(shape, [axis])
    channels = shape[axis]
    if groups == -1:  # instance normalization: one group per channel
        groups = channels
    if channels < groups:
        raise LayerError(INVALID_ARGUMENT, f"Number of groups ({groups}) cannot be more than the number of "
                         f"channels ({channels}).", culprit="groups")
    if channels % groups:
        raise LayerError(INVALID_ARGUMENT, f"Number of groups ({groups}) must be a multiple of the number of "
                         f"channels ({channels}).", culprit="groups")
    return shape


@layer_rule("UnitNormalization", ("axis",))
def unit_normalization(layer: Layer, shape: Shape) -> Shape:
    axes, shown = _axes(layer)
    shape = known_rank(shape)
    if any(not -len(shape) <= a < len(shape) for a in axes):
        raise LayerError(INVALID_ARGUMENT, call_error(layer, f"Axis {shown} is out of bounds for input shape "
                                                             f"{tuple(shape)}."), culprit="axis")
    return shape
