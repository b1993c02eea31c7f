"""Core layers: Dense, Activation, the dropout/noise family, Identity, Masking, Embedding, InputLayer."""
from __future__ import annotations

from .. import runtime
from ..values import Layer, Shape, Tensor, format_shape
from .base import (DECLARED, INVALID_ARGUMENT, LayerError, Unknowable, int_arg, known_rank, last_axis_spec,
                   layer_rule, require)


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
