"""Recurrent layers: LSTM, GRU, SimpleRNN, ConvLSTM1D/2D/3D, the generic RNN over cells (LSTMCell, GRUCell,
SimpleRNNCell, StackedRNNCells), and the wrappers Bidirectional, TimeDistributed and SpectralNormalization.

Keras computes an RNN's output shape from its constructor arguments alone, through
`compute_output_shape`: a later call is checked for its rank only, never against the feature size the
weights were built on, so these rules declare no `built_spec`. The weights are built on the first call
and need the feature axis (and, for ConvLSTM, every spatial axis): a None there stays silent.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..values import Layer, Shape, format_shape
from .base import (AXIS_MISMATCH, INVALID_ARGUMENT, OUTPUT_NOT_POSITIVE, RANK_MISMATCH, RULES, InputSpec,
                   LayerError, Unknowable, arg, bool_arg, int_arg, known_rank, layer_rule, require)
from .conv import Window, call_error, channels_first, int_tuple, numpy_str

_RNN_TAIL = ("dropout", "recurrent_dropout", "seed", "return_sequences", "return_state", "go_backwards",
             "stateful", "unroll")
_INITIALIZERS = ("kernel_initializer", "recurrent_initializer", "bias_initializer")
_REGULARIZERS = ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
                 "kernel_constraint", "recurrent_constraint", "bias_constraint")
_PARAMS = {
    "LSTM": ("units", "activation", "recurrent_activation", "use_bias", *_INITIALIZERS, "unit_forget_bias",
             *_REGULARIZERS, *_RNN_TAIL, "use_cudnn"),
    "GRU": ("units", "activation", "recurrent_activation", "use_bias", *_INITIALIZERS, *_REGULARIZERS,
            *_RNN_TAIL, "reset_after", "use_cudnn"),
    "SimpleRNN": ("units", "activation", "use_bias", *_INITIALIZERS, *_REGULARIZERS, "dropout",
                  "recurrent_dropout", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                  "seed"),
}
_CONV_PARAMS = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
                "recurrent_activation", "use_bias", *_INITIALIZERS, "unit_forget_bias", *_REGULARIZERS, "dropout",
                "recurrent_dropout", "seed", "return_sequences", "return_state", "go_backwards", "stateful")
_STATES = {"LSTM": 2, "GRU": 1, "SimpleRNN": 1, "ConvLSTM1D": 2, "ConvLSTM2D": 2, "ConvLSTM3D": 2}


@dataclass
class Recurrent:
    """An RNN layer's constructor arguments, validated as Keras validates them when it is created."""

    layer: Layer
    size: int  # units, or filters
    window: Window | None  # ConvLSTM only
    return_sequences: bool
    return_state: bool
    go_backwards: bool
    stateful: bool
    states: int | None  # how many states it returns (None: nested lists, one per stacked cell)

    @classmethod
    def read(cls, layer: Layer) -> "Recurrent":
        if layer.kind == "RNN":
            (size, states), window = _cells(layer), None
        elif layer.kind not in _STATES:
            raise Unknowable("not a recurrent layer")
        elif layer.kind.startswith("ConvLSTM"):
            (size, window), states = _conv_window(layer), _STATES[layer.kind]
        else:
            size, window, states = _units(layer), None, _STATES[layer.kind]
        return cls(layer, size, window, bool_arg(layer, "return_sequences", False),
                   bool_arg(layer, "return_state", False), bool_arg(layer, "go_backwards", False),
                   bool_arg(layer, "stateful", False), states)

    @property
    def ndim(self) -> int:
        return 3 if self.window is None else len(self.window.kernel) + 3

    def build(self, step: Shape) -> None:
        """The weights' needs, on one timestep's shape."""
        if self.window is None:
            if step[-1] is None:
                raise Unknowable("features")
        elif None in self.window.spatial(step) or step[self.window.channel_axis()] is None:
            raise Unknowable("spatial or channel axis")

    def output(self, shape: Shape, caller: Layer):
        """The output shape(s) on `shape`. `caller` is the layer actually called (the RNN, or the
        Bidirectional wrapping it): Keras checks its InputSpec and names it in wrapped errors."""
        if self.layer.kind == "RNN" and (shape is None or len(shape) != 3):
            raise Unknowable("rank")  # RNN declares no InputSpec: Keras builds its cells on odd shapes
        shape = require(caller, shape, ndim=self.ndim)
        batch = shape[0]
        step = (batch, *shape[2:])
        self.build(step)
        if self.stateful and batch is None:  # Keras requires a static batch size; None may be unknown
            raise Unknowable("batch")
        state = self._state(step, caller)
        output = (batch, shape[1], *state) if self.return_sequences else (batch, *state)
        if self.return_state:
            if self.states is None:
                raise Unknowable("nested states")
            return [output] + [(batch, *state)] * self.states
        return output

    def _state(self, step: Shape, caller: Layer) -> Shape:
        window = self.window
        if window is None:
            return (self.size,)
        sizes = []
        for size, k, s, d in zip(window.spatial(step), window.kernel, window.strides, window.dilation):
            if window.padding == "same":
                sizes.append((size - 1) // s + 1)
                continue
            span = size - d * (k - 1) - 1
            if span < 0:
                channels = step[window.channel_axis()]
                # Raised from compute_output_shape, inside the call: Keras wraps it.
                raise LayerError(OUTPUT_NOT_POSITIVE, call_error(
                    caller, "Computed output size would be zero or negative. Received "
                    f"`inputs shape={format_shape(step)}`, "
                    f"`kernel shape={format_shape(window.kernel + (channels, self.size))}`, "
                    f"`dilation_rate={numpy_str(window.dilation, padded=True)}`, "
                    f"`strides={format_shape(window.strides)}`, `padding={window.padding}`."), culprit="kernel_size")
            sizes.append(span // s + 1)
        return window.assemble(step, sizes, self.size)[1:]


def _units(layer: Layer) -> int:
    units = int_arg(layer, "units")
    if units is None:
        raise Unknowable("units")
    if units <= 0:
        raise LayerError(INVALID_ARGUMENT, "Received an invalid value for argument `units`, expected a positive "
                         f"integer, got {units}.", culprit="units")
    return units


_CELLS = {"LSTMCell": 2, "GRUCell": 1, "SimpleRNNCell": 1}  # the states each cell keeps


def _cells(layer: Layer) -> tuple[int, int | None]:
    """An RNN's cell, or cells (a list, or StackedRNNCells): the last one's units, and the states
    returned (None for stacked cells: Keras returns them as nested lists)."""
    cell = arg(layer, "cell")
    stacked = isinstance(cell, (list, tuple)) or isinstance(cell, Layer) and cell.kind == "StackedRNNCells"
    cells = cell if isinstance(cell, (list, tuple)) else arg(cell, "cells") if stacked else [cell]
    if not isinstance(cells, (list, tuple)) or not cells:
        raise Unknowable("cells")
    # The cells were made before the RNN: their constructors' errors come first.
    units = [_units(c) for c in cells if isinstance(c, Layer) and c.kind in _CELLS]
    for c in cells:
        if c is None or isinstance(c, (str, int, float)):  # surely without a `call` method
            raise LayerError(INVALID_ARGUMENT, "All cells must have a `call` method. Received cell without a "
                             f"`call` method: {c}" if stacked else
                             f"Argument `cell` should have a `call` method. Received: cell={c}", culprit="cell")
    if len(units) < len(cells):
        raise Unknowable("cell")  # a cell of another kind (a user's own cell class...)
    return units[-1], None if stacked else _CELLS[cells[0].kind]


def _conv_window(layer: Layer) -> tuple[int, Window]:
    """ConvLSTMCell's checks, in its order (which differs from the Conv layers')."""
    rank = int(layer.kind[len("ConvLSTM")])
    filters = int_arg(layer, "filters")
    if filters is None or filters <= 0:
        raise Unknowable("filters")
    kernel = int_tuple(layer, "kernel_size", rank, None)
    strides = int_tuple(layer, "strides", rank, 1, allow_zero=True)
    padding = arg(layer, "padding", "valid")
    if not isinstance(padding, str):
        raise Unknowable("padding")
    padding = padding.lower()
    allowed = {"valid", "same"}  # built as Keras builds it, so that it prints in the same (hash) order
    if padding not in allowed:
        raise LayerError(INVALID_ARGUMENT, "The `padding` argument must be a list/tuple or one of "
                         f"{allowed}. Received: {padding}", culprit="padding")
    first = channels_first(layer)
    dilation = int_tuple(layer, "dilation_rate", rank, 1)
    if max(strides) > 1 and max(dilation) > 1:
        raise LayerError(INVALID_ARGUMENT, "Specifying `strides > 1` is not compatible with `dilation_rate > 1`. "
                         "Please provide `strides=1` or `dilation_rate=1`. "
                         f"Received: strides={strides} and dilation_rate={dilation}", culprit="strides")
    if 0 in strides:  # Keras divides by zero computing the output size
        raise Unknowable("strides")
    return filters, Window(kernel=kernel, strides=strides, dilation=dilation, padding=padding, channels_first=first)


def _recurrent_rule(layer: Layer, shape: Shape):
    return Recurrent.read(layer).output(shape, layer)


_GATES = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}


def _cell_kernel_check(layer: Layer, built: Shape, shape: Shape) -> None:
    """Symbolic calls never compare feature sizes, but running real data through the cell does:
    its kernel was built for the first call's features, and the step's matmul fails."""
    if len(built) != 3 or len(shape) != 3 or None in (built[-1], shape[-1]) or built[-1] == shape[-1]:
        return
    units = int_arg(layer, "units")
    raise LayerError(AXIS_MISMATCH, f"Dimensions must be equal, but are {shape[-1]} and {built[-1]} for the "
                     f"MatMul in {layer.kind}Cell of layer '{layer.name}' with input shapes: [?,{shape[-1]}], "
                     f"[{built[-1]},{_GATES[layer.kind] * units}]: the input has {shape[-1]} features per step, "
                     f"the layer was built for {built[-1]}.")


for _kind, _params in _PARAMS.items():
    layer_rule(_kind, _params, concrete_check=_cell_kernel_check)(_recurrent_rule)
layer_rule("RNN", ("cell", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                   "zero_output_for_mask"))(_recurrent_rule)


def _cell_call(layer: Layer, shape: Shape):
    """A cell called on its own takes `(inputs, states)` and returns `(output, new_states)`: not followed."""
    raise Unknowable("a cell's own call")


_CELL_REGULARIZERS = tuple(name for name in _REGULARIZERS if name != "activity_regularizer")
layer_rule("LSTMCell", ("units", "activation", "recurrent_activation", "use_bias", *_INITIALIZERS, "unit_forget_bias",
                        *_CELL_REGULARIZERS, "dropout", "recurrent_dropout", "seed"))(_cell_call)
layer_rule("GRUCell", ("units", "activation", "recurrent_activation", "use_bias", *_INITIALIZERS, *_CELL_REGULARIZERS,
                       "dropout", "recurrent_dropout", "reset_after", "seed"))(_cell_call)
layer_rule("SimpleRNNCell", ("units", "activation", "use_bias", *_INITIALIZERS, *_CELL_REGULARIZERS, "dropout",
                             "recurrent_dropout", "seed"))(_cell_call)
layer_rule("StackedRNNCells", ("cells",))(_cell_call)
for _rank in (1, 2, 3):
    layer_rule(f"ConvLSTM{_rank}D", _CONV_PARAMS)(_recurrent_rule)


def _wrapped(wrapper: Layer, name: str, refusal: str) -> Layer:
    """The layer a wrapper was given as `name`; Keras refuses anything else with `refusal`."""
    if name not in wrapper.args:
        raise Unknowable(name)
    inner = arg(wrapper, name)
    if isinstance(inner, Layer):
        return inner
    if inner is None or isinstance(inner, (str, int, float)):  # surely not a Layer
        raise LayerError(INVALID_ARGUMENT, refusal + str(inner), culprit=name)
    raise Unknowable(name)


@layer_rule("Bidirectional", ("layer", "merge_mode", "weights", "backward_layer"))
def bidirectional(layer: Layer, shape: Shape):
    forward = Recurrent.read(_wrapped(layer, "layer", "Please initialize `Bidirectional` layer with a "
                                      "`keras.layers.Layer` instance. Received: "))
    backward = None
    if arg(layer, "backward_layer", None) is not None:
        backward = Recurrent.read(_wrapped(layer, "backward_layer", "`backward_layer` need to be a "
                                           "`keras.layers.Layer` instance. Received: "))
    merge_mode = arg(layer, "merge_mode", "concat")
    if merge_mode is not None and not isinstance(merge_mode, str):
        raise Unknowable("merge_mode")
    if merge_mode not in ("sum", "mul", "ave", "concat", None):
        raise LayerError(INVALID_ARGUMENT, f"Invalid merge mode. Received: {merge_mode}. Merge mode should be one "
                         'of {"sum", "mul", "ave", "concat", None}', culprit="merge_mode")
    # Without a backward_layer, Keras makes one from a copy of `layer` with go_backwards=True.
    backwards = True if backward is None else backward.go_backwards
    if forward.go_backwards == backwards:
        raise LayerError(INVALID_ARGUMENT, "Forward layer and backward layer should have different `go_backwards` "
                         f"value. Received: forward_layer.go_backwards {forward.go_backwards}, "
                         f"backward_layer.go_backwards={backwards}", culprit="backward_layer")
    if backward is not None:
        for name in ("stateful", "return_sequences", "return_state"):
            ours, theirs = getattr(forward, name), getattr(backward, name)
            if ours != theirs:
                raise LayerError(INVALID_ARGUMENT, "Forward layer and backward layer are expected to have the same "
                                 f'value for attribute "{name}", got "{ours}" for forward layer and "{theirs}" for '
                                 "backward layer", culprit="backward_layer")
        if backward.ndim != forward.ndim:  # building the backward layer would fail in other ways
            raise Unknowable("backward_layer")
    # The Bidirectional checks the wrapped layer's InputSpec; its output shape is the forward layer's.
    outputs = forward.output(shape, layer)
    if backward is not None:
        backward.build((shape[0], *shape[2:]))
    if forward.return_state and forward.stateful:
        # A Keras 3 bug: with states to return, Bidirectional.compute_mask multiplies a generator.
        raise LayerError(INVALID_ARGUMENT, "unsupported operand type(s) for *: 'generator' and 'int'",
                         culprit="layer")
    output, *states = outputs if isinstance(outputs, list) else [outputs]
    if merge_mode == "concat":
        output = (*output[:-1], output[-1] * 2)
    merged = [output, output] if merge_mode is None else [output]
    result = merged + states + states
    return result if len(result) > 1 else result[0]


@layer_rule("TimeDistributed", ("layer",))
def time_distributed(layer: Layer, shape: Shape) -> Shape:
    inner = _wrapped(layer, "layer", "Please initialize `TimeDistributed` layer with a `keras.layers.Layer` "
                     "instance. Received: ")
    shape = known_rank(shape)
    if len(shape) < 3:
        raise LayerError(RANK_MISMATCH, "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 "
                         f"dimensions, received: {format_shape(shape)}")
    rule = RULES.get(inner.kind)  # without a rule, apply_layer may still ask Keras's compute_output_shape
    if rule is not None and rule.multi_input:
        raise Unknowable("inner layer")
    child = (shape[0], *shape[2:])
    try:
        output = _built_inner(inner, child)
    except LayerError as error:
        prefix = call_error(inner, "")
        if error.message.startswith(prefix):  # errors inside the call are credited to the layer called
            raise LayerError(error.code, call_error(layer, error.message[len(prefix):]), error.culprit) from error
        raise
    if not isinstance(output, tuple) or not output:
        raise Unknowable("inner output")
    return (output[0], shape[1], *output[1:])


def _built_inner(inner: Layer, shape: Shape):
    """The output of a wrapped layer that the wrapper builds and asks for its compute_output_shape
    directly, never calling it: its InputSpec (even the one a previous build fixed) is not checked,
    hence a fresh, unbuilt copy. Building it fixes the inner layer's spec for direct calls later on."""
    from . import apply_layer  # the package imports this module while it is being set up

    try:
        output = apply_layer(replace(inner, built_shape=None), shape)
    except LayerError as error:
        if error.code in (RANK_MISMATCH, AXIS_MISMATCH):
            raise Unknowable("inner InputSpec") from error
        raise
    if inner.built_shape is None:
        inner.built_shape = shape
    return output


# The layers whose weight SpectralNormalization normalizes: a `kernel`, or an Embedding's `embeddings`.
_NORMALIZABLE = {"Dense", "EinsumDense", "Embedding", *(f"Conv{r}D{t}" for r in (1, 2, 3) for t in ("", "Transpose"))}


@layer_rule("SpectralNormalization", ("layer", "power_iterations"),
            built_spec=lambda layer, shape: InputSpec(min_ndim=1, axes={} if shape[-1] is None else {-1: shape[-1]}))
def spectral_normalization(layer: Layer, shape: Shape) -> Shape:
    inner = arg(layer, "layer")
    if inner is None or isinstance(inner, (str, int, float)):
        raise LayerError(INVALID_ARGUMENT, f"Layer {inner} supplied to Wrapper isn't a supported layer type. Please "
                         "ensure wrapped layer is a valid Keras layer.", culprit="layer")
    iterations = int_arg(layer, "power_iterations", 1)
    if not isinstance(inner, Layer) or inner.kind not in _NORMALIZABLE or iterations is None or iterations <= 0:
        raise Unknowable("layer/power_iterations")
    try:
        return _built_inner(inner, known_rank(shape))
    except LayerError as error:
        prefix = call_error(inner, "")
        if error.message.startswith(prefix):  # raised by compute_output_shape, which the wrapper calls itself
            raise LayerError(error.code, error.message[len(prefix):], error.culprit) from error
        raise
