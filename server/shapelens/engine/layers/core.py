"""Core layers: Dense, EinsumDense, Activation, the dropout/noise family, Identity, Masking, Embedding,
ReversibleEmbedding."""
from __future__ import annotations

import re

from .. import runtime
from ..values import Layer, Shape, Tensor, format_shape
from .base import (DECLARED, INVALID_ARGUMENT, InputSpec, LayerError, Unknowable, arg, int_arg, known_rank,
                   last_axis_spec, layer_rule, require)


@layer_rule("Dense", ("units", "activation", "use_bias"), built_spec=last_axis_spec(2))
def dense(layer: Layer, shape: Shape) -> Shape:
    units = int_arg(layer, "units")
    if units is None or units <= 0:
        raise LayerError(INVALID_ARGUMENT, "Received an invalid value for `units`, expected a positive "
                         f"integer. Received: units={units}", culprit="units")
    shape = require(layer, shape, min_ndim=2)
    if shape[-1] is None:  # the kernel needs the last axis; Keras refuses to build without it
        path = DECLARED.get()
        if path is None or runtime.keras2():  # Keras 2 words it otherwise
            raise Unknowable("last axis")
        raise LayerError(INVALID_ARGUMENT, "Shapes used to initialize variables must be fully-defined (no `None` "
                         f"dimensions). Received: shape=(None, {units}) for variable path='{path}{layer.name}/kernel'")
    return shape[:-1] + (units,)


def _same_shape(layer: Layer, shape: Shape) -> Shape:
    return known_rank(shape)


# Layers whose output has the input's shape and which check nothing about it.
for _kind, _params in {
    "Activation": ("activation",),
    "Dropout": ("rate", "noise_shape", "seed"),
    "AlphaDropout": ("rate", "noise_shape", "seed"),
    "GaussianDropout": ("rate", "seed"),
    "GaussianNoise": ("stddev", "seed"),
    "ActivityRegularization": ("l1", "l2"),
    "Identity": (),
    "Masking": ("mask_value",),
    "ReLU": ("max_value", "negative_slope", "threshold"),
    "LeakyReLU": ("negative_slope",),
    "ELU": ("alpha",),
    "Softmax": ("axis",),
    "PReLU": (),
}.items():
    layer_rule(_kind, _params)(_same_shape)


@layer_rule("ReversibleEmbedding", ("input_dim", "output_dim", "tie_weights", "embeddings_initializer",
                                   "embeddings_regularizer", "embeddings_constraint", "mask_zero", "reverse_dtype",
                                   "logit_soft_cap"))
@layer_rule("Embedding", ("input_dim", "output_dim"))
def embedding(layer: Layer, shape: Shape) -> Shape:
    output_dim = int_arg(layer, "output_dim")
    if output_dim is None:
        raise LayerError(INVALID_ARGUMENT, "`output_dim` must be a positive integer.", culprit="output_dim")
    return known_rank(shape) + (output_dim,)


def embedding_weights_error(layer: Layer) -> str | None:
    """Keras 3's Embedding builds itself and sets `weights=[W]` in its constructor: W must be
    (input_dim, output_dim). The message, when it is not."""
    weights = layer.args.get("weights")
    if isinstance(weights, list) and len(weights) == 1:
        weights = weights[0]
    sizes = layer.args.get("input_dim"), layer.args.get("output_dim")
    if not isinstance(weights, Tensor) or weights.symbolic or weights.shape is None or None in weights.shape \
            or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in sizes):
        return None
    if tuple(weights.shape) == sizes:
        return None
    return (f"Layer {layer.name} weight shape {format_shape(sizes)} is not compatible with provided weight shape "
            f"{format_shape(weights.shape)}.")


def _spatial_dropout(rank: int):
    """Drops whole feature maps: the input must have exactly `rank` spatial axes."""
    def rule(layer: Layer, shape: Shape) -> Shape:
        return require(layer, shape, ndim=rank + 2)
    return rule


for _rank in (1, 2, 3):
    layer_rule(f"SpatialDropout{_rank}D", ("rate", "seed"))(_spatial_dropout(_rank))


_EINSUM_FORMS = (  # Keras's forms, with "..." written "0": (pattern, the ellipsis is on the left)
    (re.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"), False),
    (re.compile("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)"), True),
    (re.compile("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0"), False),
)


def _einsum_output(layer: Layer) -> list:
    value = arg(layer, "output_shape")
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, (tuple, list)) and all(d is None or type(d) is int for d in value):
        return list(value)
    raise Unknowable("output_shape")


@layer_rule("EinsumDense", ("equation", "output_shape", "activation", "bias_axes"),
            built_spec=lambda layer, shape: InputSpec(ndim=len(shape)))
def einsum_dense(layer: Layer, shape: Shape) -> Shape:
    """Keras reads the equation as input spec, kernel spec and output spec, the output's first axis
    the batch; an ellipsis stands for the input's extra axes, which the output keeps."""
    output = _einsum_output(layer)  # read by the constructor
    equation, bias_axes = arg(layer, "equation"), arg(layer, "bias_axes", None)
    if not isinstance(equation, str) or not isinstance(bias_axes, (str, type(None))):
        raise Unknowable("equation/bias_axes")
    written = equation.replace("...", "0")
    form = next(((match, left) for pattern, left in _EINSUM_FORMS if (match := pattern.match(written))), None)
    if form is None:
        raise LayerError(INVALID_ARGUMENT, f"Invalid einsum equation '{equation}'. Equations must be in the form "
                         "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....", culprit="equation")
    match, left = form
    if match.end() != len(written):
        raise Unknowable("equation")  # Keras reads a prefix of it
    inputs, weights, outputs = match.groups()
    shape = known_rank(shape)
    elided = len(shape) - len(inputs)
    # The full output: the batch, the extra axes where the ellipsis stands, the given sizes. Keras
    # puts the extra axes on the left in reverse order; real data keeps their order.
    extra = shape[1:elided]
    full = [shape[0], *extra, *output] if left else [shape[0], *output, *shape[len(shape) - elided:]]
    if elided < 0 or elided > 0 and "0" not in written or len(full) != len(outputs) + max(elided, 0) or \
            extra != extra[::-1]:
        raise Unknowable("rank")  # Keras indexes out of range, or computes a shape real data does not have
    offset = elided if left else 0
    in_axis = {d: i + offset for i, d in enumerate(inputs)}
    out_axis = {d: i + offset for i, d in enumerate(outputs)}
    for d in inputs:
        if d in out_axis and full[out_axis[d]] is not None and full[out_axis[d]] != shape[in_axis[d]]:
            if shape[in_axis[d]] is None:
                raise Unknowable("shared axis")
            raise LayerError(INVALID_ARGUMENT, f"Input shape and output shape do not match at shared dimension "
                             f"'{d}'. Input shape is {shape[in_axis[d]]}, and output shape is {full[out_axis[d]]}.",
                             culprit="output_shape")
    for d in outputs:
        if d not in inputs and d not in weights:
            raise LayerError(INVALID_ARGUMENT, f"Dimension '{d}' was specified in the output '{outputs}' but has no "
                             f"corresponding dim in the input spec '{inputs}' or weight spec '{outputs}'",
                             culprit="equation")
    kernel = []
    for d in weights:
        if d not in out_axis and d not in in_axis:
            raise LayerError(INVALID_ARGUMENT, f"Weight dimension '{d}' did not have a match in either the input spec "
                             f"'{inputs}' or the output spec '{outputs}'. For this layer, the weight must be fully "
                             "specified.", culprit="equation")
        kernel.append(full[out_axis[d]] if d in out_axis else shape[in_axis[d]])
    for d in bias_axes or "":
        if d not in outputs:
            raise LayerError(INVALID_ARGUMENT, f"Bias dimension '{d}' was requested, but is not part of the output "
                             f"spec '{outputs}'", culprit="bias_axes")
    if None in kernel or any(full[out_axis[d]] is None for d in bias_axes or ""):
        raise Unknowable("weights")  # Keras cannot create them; the engine's None may be a size it does not know
    return tuple(full)
