"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot.

Their rules receive the list of input shapes. Keras's own message wording prints those shapes as
Python lists and tuples, so the messages here are built from the same reprs.
"""
from __future__ import annotations

from typing import Any

from ..values import Layer, Shape
from .base import MERGE_MISMATCH, LayerError, Unknowable, arg, int_arg, layer_rule


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shape_list(inputs: Any, single_message: str) -> list[tuple]:
    """The input shapes; Keras refuses a single tensor where a list is expected."""
    if isinstance(inputs, tuple):
        if not inputs:
            raise Unknowable("inputs")
        raise LayerError(MERGE_MISMATCH, single_message.format(tuple(inputs)))
    if not isinstance(inputs, list) or not inputs or any(s is None or len(s) == 0 for s in inputs):
        raise Unknowable("inputs")
    return [tuple(s) for s in inputs]


def _broadcast(a: tuple, b: tuple) -> tuple:
    """Keras's elementwise shape rule (without the batch axis): trailing axes are aligned, 1
    broadcasts, and None (unknown) is never a mismatch."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    out = list(a[:len(a) - len(b)])
    for i, j in zip(a[len(a) - len(b):], b):
        if i is None or j is None:
            out.append(None)
        elif i == 1 or j == 1:
            out.append(j if i == 1 else i)
        elif i != j:
            raise LayerError(MERGE_MISMATCH, f"Inputs have incompatible shapes. Received shapes {a} and {b}")
        else:
            out.append(i)
    return tuple(out)


def _elementwise(layer: Layer, inputs: Any) -> Shape:
    shapes = _shape_list(inputs, "A merge layer should be called on a list of inputs. Received: "
                                 "input_shape={} (not a list of shapes)")
    batches = {s[0] for s in shapes} - {None}
    if len(batches) > 1:
        raise LayerError(MERGE_MISMATCH, f"Cannot merge tensors with different batch sizes. Received tensors "
                         f"with shapes {shapes}")
    out = shapes[0][1:]
    for shape in shapes[1:]:
        out = _broadcast(out, shape[1:])
    if layer.kind == "Subtract" and len(shapes) != 2:
        raise LayerError(MERGE_MISMATCH, "A `Subtract` layer should be called on exactly 2 inputs. Received: "
                         f"input_shape={shapes}")
    return (batches.pop() if batches else None, *out)


for _kind in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
    layer_rule(_kind, multi_input=True)(_elementwise)


@layer_rule("Concatenate", ("axis",), multi_input=True)
def concatenate(layer: Layer, inputs: Any) -> Shape:
    shapes = _shape_list(inputs, "A `Concatenate` layer should be called on a list of at least 1 input. "
                                 "Received: input_shape={}")
    axis = int_arg(layer, "axis", -1)
    if axis is None or not all(-len(s) <= axis < len(s) for s in shapes):
        raise Unknowable("axis")  # Keras fails with an IndexError, or not at all
    rests = [s[:axis % len(s)] + s[axis % len(s) + 1:] for s in shapes]
    mismatch = len({len(r) for r in rests}) > 1 or any(
        len({d for d in column if d is not None}) > 1 for column in zip(*rests))
    if mismatch:
        raise LayerError(MERGE_MISMATCH, "A `Concatenate` layer requires inputs with matching shapes except for "
                         f"the concatenation axis. Received: input_shape={shapes}")
    out = list(shapes[0])
    sizes = [s[axis] for s in shapes]
    out[axis] = None if None in sizes else sum(sizes)
    return tuple(out)


def _dot_axes(layer: Layer) -> tuple[int, int] | int:
    axes = arg(layer, "axes")
    if _is_int(axes):
        return axes
    if not isinstance(axes, (tuple, list)) or not all(_is_int(a) for a in axes):
        raise Unknowable("axes")
    if len(axes) != 2:
        raise LayerError(MERGE_MISMATCH, "Invalid format for argument `axes`: it should contain two elements. "
                         f"Received: axes={axes}", culprit="axes")
    return tuple(axes)


@layer_rule("Dot", ("axes", "normalize"), multi_input=True)
def dot(layer: Layer, inputs: Any) -> Shape:
    axes = _dot_axes(layer)
    message = "A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={}"
    shapes = _shape_list(inputs, message)
    if len(shapes) != 2:
        raise LayerError(MERGE_MISMATCH, message.format(shapes))
    first, second = shapes
    if isinstance(axes, int):
        # Keras wraps a negative int axis per input, and uses a positive one as it is
        pair = [axes % len(first), axes % len(second)] if axes < 0 else [axes, axes]
    else:
        pair = list(axes)
    if not (-len(first) <= pair[0] < len(first) and -len(second) <= pair[1] < len(second)):
        raise Unknowable("axes")  # an IndexError in Keras
    a, b = first[pair[0]], second[pair[1]]
    if (a is None) != (b is None):  # Keras compares None too; ours may stand for a value we don't know
        raise Unknowable("dot axis")
    if a != b:
        raise LayerError(MERGE_MISMATCH, f"Incompatible input shapes: axis values {a} (at axis {pair[0]}) != "
                         f"{b} (at axis {pair[1]}). Full input shapes: {first}, {second}", culprit="axes")
    a_axis, b_axis = pair[0] % len(first), pair[1] % len(second)
    if a_axis == 0 or b_axis == 0:
        raise Unknowable("axes")  # a batch-axis product fails only when run
    out = first[:a_axis] + first[a_axis + 1:] + (second[1:b_axis] + second[b_axis + 1:])
    return out + (1,) if len(out) == 1 else out
