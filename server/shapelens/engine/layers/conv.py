"""Convolution layers: Conv1D/2D/3D, their transposes, SeparableConv1D/2D, DepthwiseConv1D/2D.

Keras validates the constructor arguments first, then the rank (InputSpec min_ndim), then, while
building on the first call, the channel axis and the output size. On later calls the build does not
run again: the channel axis is fixed by the built InputSpec and the output-size errors are raised
from inside `call()`, so Keras wraps them in "Exception encountered when calling ...".
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import runtime
from ..values import Layer, Shape, format_shape, num_elements
from .base import (INVALID_ARGUMENT, OUTPUT_NOT_POSITIVE, RANK_MISMATCH, InputSpec, LayerError, Unknowable, arg,
                   EmptyOutput, int_arg, layer_rule, require)


def numpy_str(values, padded: bool) -> str:
    """How Keras's messages print a NumPy array: `[1 1]`; an int array pads its items to one
    width (`[ 1 10]`), an object array (one holding None) does not (`[None 5 3]`)."""
    items = [str(v) for v in values]
    if padded:
        width = max(len(item) for item in items)
        items = [item.rjust(width) for item in items]
    text = "[" + " ".join(items) + "]"
    if len(text) > 75:  # NumPy would wrap the line; not worth imitating
        raise Unknowable("array format")
    return text


def call_error(layer: Layer, message: str) -> str:
    """An error raised inside `Layer.call()`: Keras prefixes it with this paragraph."""
    return f"Exception encountered when calling {layer.kind}.call().\n\n{message}"


def int_tuple(layer: Layer, name: str, rank: int, default, allow_zero: bool = False) -> tuple[int, ...]:
    """An int or `rank` ints, validated as Keras's `standardize_tuple` does."""
    value = arg(layer, name, default)
    if isinstance(value, bool):
        raise Unknowable(name)
    if isinstance(value, int):
        values = (value,) * rank
    elif isinstance(value, (tuple, list)) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        values = tuple(value)
    else:
        raise Unknowable(name)
    message = f"The `{name}` argument must be a tuple of {rank} integers. Received {name}={value}"
    if len(values) != rank:
        raise LayerError(INVALID_ARGUMENT, message, culprit=name)
    bad = {v for v in values if v < 0 or (v == 0 and not allow_zero)}
    if bad:
        raise LayerError(INVALID_ARGUMENT, message + f", including values {bad} that do not satisfy "
                         f"`value {'>= 0' if allow_zero else '> 0'}`", culprit=name)
    return values


def channels_first(layer: Layer) -> bool:
    """data_format, assuming the default image_data_format (channels_last)."""
    value = arg(layer, "data_format", None)
    if value is None:
        return False
    if not isinstance(value, str):
        raise Unknowable("data_format")
    value = value.lower()
    if value not in ("channels_first", "channels_last"):
        raise LayerError(INVALID_ARGUMENT, "The `data_format` argument must be one of {'channels_first', "
                         f"'channels_last'}}. Received: data_format={value}", culprit="data_format")
    return value == "channels_first"


def positive_int(layer: Layer, name: str, default=None) -> int:
    value = int_arg(layer, name, default)
    if value is None:
        raise Unknowable(name)
    if value <= 0:
        raise LayerError(INVALID_ARGUMENT, f"Invalid value for argument `{name}`. Expected a strictly positive "
                         f"value. Received {name}={value}.", culprit=name)
    return value


@dataclass
class Window:
    """The constructor arguments every convolution shares, validated in Keras's order."""

    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: str
    channels_first: bool
    output_padding: tuple[int, ...] | None = None  # transposed convolutions only

    @classmethod
    def read(cls, layer: Layer, rank: int, causal: bool = False, transpose: bool = False) -> "Window":
        kernel = int_tuple(layer, "kernel_size", rank, None)
        strides = int_tuple(layer, "strides", rank, 1)
        dilation = int_tuple(layer, "dilation_rate", rank, 1)
        padding = arg(layer, "padding", "valid")
        if not isinstance(padding, str):  # a list of paddings fails later, in ways not worth modelling
            raise Unknowable("padding")
        padding = padding.lower()
        allowed = ("valid", "same", "causal") if causal else ("valid", "same")
        if padding not in allowed:
            # Keras prints a set here, in an order that varies from run to run (string hashing).
            shown = "{" + ", ".join(repr(value) for value in allowed) + "}"
            raise LayerError(INVALID_ARGUMENT, "The `padding` argument must be a list/tuple or one of "
                             f"{shown}. Received: {padding}", culprit="padding")
        output_padding = None
        if transpose and arg(layer, "output_padding", None) is not None:
            output_padding = int_tuple(layer, "output_padding", rank, None, allow_zero=True)
        return cls(kernel, strides, dilation, padding, channels_first(layer), output_padding)

    def forbid_strided_dilation(self) -> None:
        if max(self.strides) > 1 and max(self.dilation) > 1:
            raise LayerError(INVALID_ARGUMENT, "`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation}",
                             culprit="strides")

    def channel_axis(self) -> int:
        return 1 if self.channels_first else -1

    def spatial(self, shape: Shape) -> Shape:
        return shape[2:] if self.channels_first else shape[1:-1]

    def assemble(self, shape: Shape, spatial: Shape, channels) -> Shape:
        if self.channels_first:
            return (shape[0], channels) + tuple(spatial)
        return (shape[0],) + tuple(spatial) + (channels,)


def conv_output(layer: Layer, shape: Shape, window: Window, filters: int, in_channels,
                checks_empty: bool = False) -> Shape:
    """Keras's `compute_conv_output_shape`, with its two errors. `checks_empty`: the layer runs
    Keras's `ops.conv`, which checks TensorFlow's result for emptiness."""
    kernel_shape = window.kernel + (in_channels, filters)
    built = layer.built_shape is not None

    def fail(code: str, message: str, culprit: str | None, error: type = LayerError) -> LayerError:
        return error(code, call_error(layer, message) if built else message, culprit=culprit)

    if len(kernel_shape) != len(shape):  # typically the batch axis written into input_shape
        raise fail(RANK_MISMATCH, "Kernel shape must have the same length as input, but received kernel of shape "
                   f"{format_shape(kernel_shape)} and input of shape {format_shape(shape)}.", None)
    sizes: list = []
    spans = []  # how far the input reaches past the kernel's first position, per valid-padded axis
    for size, k, s, d in zip(window.spatial(shape), window.kernel, window.strides, window.dilation):
        if size is None:
            sizes.append(None)
        elif window.padding == "valid":
            spans.append(size - d * (k - 1) - 1)
            sizes.append(spans[-1] // s + 1)
        else:  # "same" and "causal"
            sizes.append((size - 1) // s + 1)
    if any(span < 0 for span in spans):
        message = ("Computed output size would be zero or negative. Received "
                   f"`inputs shape={format_shape(shape)}`, `kernel shape={format_shape(kernel_shape)}`, "
                   f"`dilation_rate={numpy_str(window.dilation, padded=True)}`, "
                   f"`strides={format_shape(window.strides)}`, `padding={window.padding}`.")
        if not built or min(spans) < -1:
            raise fail(OUTPUT_NOT_POSITIVE, message, "kernel_size")
        # A built layer meets an output of size 0 only on real data, inside call().
        output = window.assemble(shape, [None if size is None else max(size, 0) for size in sizes], filters)
        raise EmptyOutput(OUTPUT_NOT_POSITIVE, call_error(layer, message), "kernel_size",
                          _empty_output_error(layer, shape, output) if checks_empty else None)
    return window.assemble(shape, sizes, filters)


def _empty_output_error(layer: Layer, shape: Shape, output: Shape) -> LayerError | None:
    """Keras 3.13 and later raise when TensorFlow's convolution of a non-empty input is empty;
    TensorFlow's oneDNN kernel returns a tensor of another shape instead, which nothing here models."""
    current = runtime.current()
    if not current.keras_at_least((3, 13, 0)) or current.onednn or not num_elements(shape):
        return None
    return LayerError(OUTPUT_NOT_POSITIVE, call_error(
        layer, f"The convolution operation resulted in an empty output. Output shape: {format_shape(output)}. "
        "This can happen if the input is too small for the given kernel size, strides, dilation rate, and padding "
        "mode. Please check the input shape and convolution parameters."), "kernel_size")


def input_channels(window: Window, shape: Shape) -> int:
    channels = shape[window.channel_axis()]
    if channels is None:  # Keras fails on it with a TypeError or "Shapes used to initialize variables..."
        raise Unknowable("channels")
    return channels


def built_channel_spec(rank: int):
    """The InputSpec a built convolution enforces: its rank, and the channel axis it was built on."""
    def spec(layer: Layer, shape: Shape) -> InputSpec | None:
        try:
            axis = 1 if channels_first(layer) else -1
        except (Unknowable, LayerError):
            return None
        axes = {} if shape[axis] is None else {axis: shape[axis]}
        return InputSpec(min_ndim=rank + 2, axes=axes)
    return spec


def conv(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        window = Window.read(layer, rank, causal=rank == 1)
        filters = positive_int(layer, "filters")
        groups = int_arg(layer, "groups", 1)
        if groups is None:
            raise Unknowable("groups")
        if groups <= 0:
            raise LayerError(INVALID_ARGUMENT, "The number of groups must be a positive integer. "
                             f"Received: groups={groups}.", culprit="groups")
        if filters % groups:
            raise LayerError(INVALID_ARGUMENT, "The number of filters must be evenly divisible by the number of "
                             f"groups. Received: groups={groups}, filters={filters}.", culprit="filters")
        window.forbid_strided_dilation()
        shape = require(layer, shape, min_ndim=rank + 2)
        if layer.built_shape is not None:  # the kernel is built: the new channel count does not matter
            return conv_output(layer, shape, window, filters, shape[window.channel_axis()], checks_empty=True)
        channels = input_channels(window, shape)
        if channels % groups:
            raise LayerError(INVALID_ARGUMENT, "The number of input channels must be evenly divisible by the number "
                             f"of groups. Received groups={groups}, but the input has {channels} channels (full "
                             f"input shape is {format_shape(shape)}).", culprit="groups")
        return conv_output(layer, shape, window, filters, channels, checks_empty=True)
    return rule


def separable_conv(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        window = Window.read(layer, rank)
        positive_int(layer, "depth_multiplier", 1)
        filters = positive_int(layer, "filters")
        shape = require(layer, shape, min_ndim=rank + 2)
        if layer.built_shape is not None:
            return conv_output(layer, shape, window, filters, shape[window.channel_axis()])
        return conv_output(layer, shape, window, filters, input_channels(window, shape))
    return rule


def depthwise_conv(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        window = Window.read(layer, rank)
        multiplier = positive_int(layer, "depth_multiplier", 1)
        shape = require(layer, shape, min_ndim=rank + 2)
        # Unlike the others, the output size is computed from the channels on every call.
        channels = input_channels(window, shape)
        return conv_output(layer, shape, window, multiplier * channels, channels)
    return rule


def conv_transpose(rank: int):
    def rule(layer: Layer, shape: Shape) -> Shape:
        window = Window.read(layer, rank, transpose=True)
        output_padding = window.output_padding
        filters = positive_int(layer, "filters")
        for i, (pad, stride) in enumerate(zip(output_padding or (), window.strides)):
            if pad >= stride:
                raise LayerError(INVALID_ARGUMENT, "`output_padding` must be strictly less than `strides` for all "
                                 f"dimensions. At dimension {i}, `output_padding` is {pad} but `strides` is {stride}. "
                                 f"Received: output_padding={output_padding}, strides={window.strides}",
                                 culprit="output_padding")
        window.forbid_strided_dilation()
        shape = require(layer, shape, min_ndim=rank + 2)
        if layer.built_shape is None:
            input_channels(window, shape)
        if len(shape) != rank + 2:  # Keras indexes its per-axis tuples past their end
            raise LayerError(RANK_MISMATCH, call_error(layer, "tuple index out of range"))
        sizes = []
        for i, size in enumerate(window.spatial(shape)):
            span = (window.kernel[i] - 1) * window.dilation[i] + 1
            stride = window.strides[i]
            pad = None if output_padding is None else output_padding[i]
            if size is None:
                sizes.append(None)
            elif window.padding == "valid":
                sizes.append((size - 1) * stride + span + (max(span, stride) - span if pad is None else pad))
            else:
                sizes.append(size * stride if pad is None else (size - 1) * stride + span % 2 + pad)
        if any(size is not None and size < 0 for size in sizes):  # degenerate (empty) inputs
            raise Unknowable("output size")
        return window.assemble(shape, sizes, filters)
    return rule


for _rank in (1, 2, 3):
    layer_rule(f"Conv{_rank}D", ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                                 "groups"),
               aliases=(f"Convolution{_rank}D",), built_spec=built_channel_spec(_rank))(conv(_rank))
    # Conv3DTranspose alone takes data_format before output_padding.
    _middle = ("data_format", "output_padding") if _rank == 3 else ("output_padding", "data_format")
    layer_rule(f"Conv{_rank}DTranspose", ("filters", "kernel_size", "strides", "padding", *_middle, "dilation_rate"),
               aliases=(f"Convolution{_rank}DTranspose",), built_spec=built_channel_spec(_rank))(conv_transpose(_rank))

for _rank in (1, 2):
    layer_rule(f"SeparableConv{_rank}D", ("filters", "kernel_size", "strides", "padding", "data_format",
                                          "dilation_rate", "depth_multiplier"),
               aliases=(f"SeparableConvolution{_rank}D",), built_spec=built_channel_spec(_rank))(separable_conv(_rank))
    layer_rule(f"DepthwiseConv{_rank}D", ("kernel_size", "strides", "padding", "depth_multiplier", "data_format",
                                          "dilation_rate"),
               built_spec=built_channel_spec(_rank))(depthwise_conv(_rank))
