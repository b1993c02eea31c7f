"""Reshaping layers: Flatten, Reshape, Permute, RepeatVector, UpSampling, ZeroPadding, Cropping."""
from __future__ import annotations

import math
from typing import Any

from ..values import Layer, Shape
from .base import (INVALID_ARGUMENT, OUTPUT_NOT_POSITIVE, RESHAPE_SIZE, LayerError, Unknowable, arg, int_arg,
                   known_rank, layer_rule, require, str_arg)
from .conv import call_error, channels_first

_ORDINALS = ("1st", "2nd", "3rd")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _standard_tuple(value: Any, n: int, name: str, culprit: str, allow_zero: bool) -> tuple[int, ...]:
    """An int or n ints → n ints, rejected as Keras's `standardize_tuple` rejects them."""
    message = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if _is_int(value):
        values: tuple = (value,) * n
    elif isinstance(value, (tuple, list)) and all(_is_int(v) for v in value):
        if len(value) != n:
            raise LayerError(INVALID_ARGUMENT, message, culprit=culprit)
        values = tuple(value)
    else:
        raise Unknowable(culprit)
    bad = {v for v in values if v < 0 or (v == 0 and not allow_zero)}
    if len(bad) > 1:  # Keras prints a set: its order is not worth reproducing
        raise Unknowable(culprit)
    if bad:
        raise LayerError(INVALID_ARGUMENT, message + f", including values {bad} that do not satisfy "
                         f"`value {'>= 0' if allow_zero else '> 0'}`", culprit=culprit)
    return values


def _spatial_axes(layer: Layer, rank: int) -> range:
    """Positions of the spatial axes of a (batch, *spatial, channels) or channels_first input."""
    first = 2 if channels_first(layer) else 1
    return range(first, first + rank)


@layer_rule("Flatten", ("data_format",))
def flatten(layer: Layer, shape: Shape) -> Shape:
    channels_first(layer)  # validated by the constructor; the flattened size is the same either way
    shape = require(layer, shape, min_ndim=1)
    rest = shape[1:]
    return (shape[0], None if None in rest else math.prod(rest))


@layer_rule("Reshape", ("target_shape",))
def reshape(layer: Layer, shape: Shape) -> Shape:
    target = arg(layer, "target_shape")
    if not isinstance(target, (tuple, list)) or not all(_is_int(d) for d in target):
        raise Unknowable("target_shape")
    target = tuple(target)
    if any(d < -1 for d in target):
        raise LayerError(INVALID_ARGUMENT, "Each dimension in `target_shape` must be a non-negative integer, or "
                         f"`-1` for a single unknown dimension. Received: target_shape={target}.",
                         culprit="target_shape")
    if target.count(-1) > 1:
        raise LayerError(INVALID_ARGUMENT, "There must be at most one unknown dimension (-1) in `target_shape`. "
                         f"Received: target_shape={target}.", culprit="target_shape")
    shape = known_rank(shape)
    if not shape:
        raise Unknowable("rank")  # an IndexError in Keras
    rest = tuple(shape[1:])
    if None in rest:  # Keras checks nothing then, and leaves the -1 unresolved
        return (shape[0], *(None if d == -1 else d for d in target))
    size = math.prod(rest)
    if -1 not in target:
        if size != math.prod(target):
            raise LayerError(RESHAPE_SIZE, call_error(layer, "The total size of the tensor must be unchanged. "
                             f"Received: input_shape={rest}, target_shape={target}"), culprit="target_shape")
        return (shape[0], *target)
    known = math.prod(d for d in target if d != -1)
    if known == 0 or size % known:
        raise LayerError(RESHAPE_SIZE, call_error(layer, "The total size of the tensor must be unchanged, however, "
                         "the input size cannot by divided by the specified dimensions in target_shape. Received: "
                         f"input_shape={rest}, target_shape={target}"), culprit="target_shape")
    return (shape[0], *(size // known if d == -1 else d for d in target))


@layer_rule("Permute", ("dims",))
def permute(layer: Layer, shape: Shape) -> Shape:
    dims = arg(layer, "dims")
    if not isinstance(dims, (tuple, list)) or not all(_is_int(d) for d in dims):
        raise Unknowable("dims")
    if sorted(dims) != list(range(1, len(dims) + 1)):
        raise LayerError(INVALID_ARGUMENT, "Invalid permutation argument `dims` for Permute Layer. The set of "
                         f"indices in `dims` must be consecutive and start from 1. Received dims={dims}",
                         culprit="dims")
    shape = require(layer, shape, ndim=len(dims) + 1)
    return (shape[0], *(shape[d] for d in dims))


@layer_rule("RepeatVector", ("n",))
def repeat_vector(layer: Layer, shape: Shape) -> Shape:
    n = int_arg(layer, "n")
    if n is None:
        raise Unknowable("n")
    if n <= 0:
        raise LayerError(INVALID_ARGUMENT, f"Argument `n` should be a positive integer. Received: n={n}",
                         culprit="n")
    shape = require(layer, shape, ndim=2)
    return (shape[0], n, shape[1])


def _scaled(dim: int | None, factor: int) -> int | None:
    return None if dim is None else dim * factor


@layer_rule("UpSampling1D", ("size",))
def up_sampling1d(layer: Layer, shape: Shape) -> Shape:
    size = int_arg(layer, "size", 2)
    if size is None:
        raise Unknowable("size")
    if size <= 0:
        raise LayerError(INVALID_ARGUMENT, f"Argument `size` should be a positive integer. Received: size={size}",
                         culprit="size")
    shape = require(layer, shape, ndim=3)
    return (shape[0], _scaled(shape[1], size), shape[2])


def _up_sampling(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        axes = _spatial_axes(layer, rank)  # Keras checks data_format first
        size = _standard_tuple(arg(layer, "size", (2,) * rank), rank, "size", "size", allow_zero=False)
        str_arg(layer, "interpolation", "nearest")  # UpSampling2D lowercases it: a str, or a TypeError
        shape = require(layer, shape, ndim=rank + 2)
        out = list(shape)
        for axis, factor in zip(axes, size):
            out[axis] = _scaled(shape[axis], factor)
        return tuple(out)
    return rule


layer_rule("UpSampling2D", ("size", "data_format", "interpolation"))(_up_sampling(2))
layer_rule("UpSampling3D", ("size", "data_format"))(_up_sampling(3))


def _pairs(layer: Layer, name: str, rank: int, default: Any) -> tuple[tuple[int, int], ...]:
    """`padding`/`cropping` of the 2D/3D layers: an int, `rank` ints, or `rank` pairs of ints."""
    value = arg(layer, name, default)
    if _is_int(value):
        if value < 0:
            if name == "cropping":
                raise LayerError(INVALID_ARGUMENT, f"`cropping` cannot be negative. Received: cropping={value}.",
                                 culprit=name)
            raise Unknowable(name)  # ZeroPadding accepts it unchecked; we don't follow it
        return ((value, value),) * rank
    if not isinstance(value, (tuple, list)) or not all(
            _is_int(v) or isinstance(v, (tuple, list)) and all(_is_int(x) for x in v) for v in value):
        raise Unknowable(name)  # including elements not known statically, which a message would show
    if len(value) != rank:
        count = "two elements" if rank == 2 else "3 elements"
        received = f"{name}={value}" if rank == 2 else f"{value}"
        raise LayerError(INVALID_ARGUMENT, f"`{name}` should have {count}. Received: {received}.", culprit=name)
    return tuple(_standard_tuple(entry, 2, f"{_ORDINALS[i]} entry of {name}", name, allow_zero=True)
                 for i, entry in enumerate(value))


@layer_rule("ZeroPadding1D", ("padding", "data_format"))
def zero_padding1d(layer: Layer, shape: Shape) -> Shape:
    (axis,) = _spatial_axes(layer, 1)
    padding = _standard_tuple(arg(layer, "padding", 1), 2, "padding", "padding", allow_zero=True)
    shape = require(layer, shape, ndim=3)
    out = list(shape)
    if shape[axis] is not None:
        out[axis] = shape[axis] + sum(padding)
    return tuple(out)


def _zero_padding(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        axes = _spatial_axes(layer, rank)
        padding = _pairs(layer, "padding", rank, 1)
        shape = require(layer, shape, ndim=rank + 2)
        out = list(shape)
        for axis, pad in zip(axes, padding):
            if shape[axis] is not None:
                out[axis] = shape[axis] + sum(pad)
        return tuple(out)
    return rule


layer_rule("ZeroPadding2D", ("padding", "data_format"))(_zero_padding(2))
layer_rule("ZeroPadding3D", ("padding", "data_format"))(_zero_padding(3))


@layer_rule("Cropping1D", ("cropping",))
def cropping1d(layer: Layer, shape: Shape) -> Shape:
    cropping = _standard_tuple(arg(layer, "cropping", (1, 1)), 2, "cropping", "cropping", allow_zero=True)
    shape = require(layer, shape, ndim=3)
    if shape[1] is None:
        return shape
    if shape[1] - sum(cropping) <= 0:
        raise LayerError(OUTPUT_NOT_POSITIVE, call_error(layer, "`cropping` parameter of `Cropping1D` layer must "
                         "be smaller than the input length. Received: "
                         f"input_shape={tuple(shape)}, cropping={cropping}"), culprit="cropping")
    return (shape[0], shape[1] - sum(cropping), shape[2])


def _cropping(rank: int, default: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        axes = _spatial_axes(layer, rank)
        cropping = _pairs(layer, "cropping", rank, default)
        shape = require(layer, shape, ndim=rank + 2)
        out = list(shape)
        for axis, crop in zip(axes, cropping):
            if shape[axis] is None:
                continue
            if shape[axis] - sum(crop) <= 0:
                raise LayerError(OUTPUT_NOT_POSITIVE, call_error(layer, "Values in `cropping` argument should be "
                                 "smaller than the corresponding spatial dimension of the input. Received: "
                                 f"input_shape={tuple(shape)}, cropping={cropping}"), culprit="cropping")
            out[axis] = shape[axis] - sum(crop)
        return tuple(out)
    return rule


layer_rule("Cropping2D", ("cropping", "data_format"))(_cropping(2, 0))
layer_rule("Cropping3D", ("cropping", "data_format"))(_cropping(3, 1))
