"""Differential tests of the convolution rules against real Keras.

`agrees` calls one layer instance on several input shapes in turn, so that a second call meets the
InputSpec the first call built. It compares error messages in full: Keras wraps errors raised inside
`call()` in a first paragraph naming the class, and the engine must reproduce the paragraph after it
too (only Keras's trailing "Arguments received by ..." paragraph and its ANSI codes are dropped).
"""
import re
import warnings
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from keras_run import run_elsewhere
from layer_oracle import normalise
from shapelens.engine import analyse, runtime
from shapelens.engine.layers import LayerError, apply_layer
from shapelens.engine.layers.base import ALIASES, snake_case
from shapelens.engine.values import Layer

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


_STRING_SET = re.compile(r"\{'[^{}]*'\}")


def _sorted_sets(message: str) -> str:
    """Sort the items of a printed set of strings, whose order varies between runs (string hashing)."""
    return _STRING_SET.sub(lambda m: "{" + ", ".join(sorted(m.group()[1:-1].split(", "))) + "}", message)


def _keras_message(error: Exception) -> str:
    paragraphs = _ANSI.sub("", str(error)).split("\n\n")
    return normalise("\n\n".join(p for p in paragraphs if not p.startswith("Arguments received by")))


def agrees(kind: str, args: dict, shapes: list) -> list[str]:
    """Call one `kind(**args)` layer on each shape in turn, in Keras and in the engine; assert the same
    output shapes or the same error, up to the first error or the first call the engine cannot decide.
    Returns the verdicts ("ok", "error", "unknown")."""
    import keras

    canonical = ALIASES.get(kind, kind)  # the engine resolves aliases (MaxPool2D) when it creates a layer
    engine_layer = Layer(canonical, dict(args), None, {}, snake_case(canonical))
    keras_layer = None
    verdicts = []
    for shape in shapes:
        try:
            out = apply_layer(engine_layer, tuple(shape))
            engine = ("unknown", None) if out is None else ("ok", tuple(out))
        except LayerError as error:
            engine = ("error", _sorted_sets(normalise(error.message)))
        verdicts.append(engine[0])
        if engine[0] == "unknown":
            return verdicts
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if keras_layer is None:
                    keras_layer = getattr(keras.layers, kind)(**args)
                truth = ("ok", tuple(keras_layer(keras.KerasTensor(tuple(shape))).shape))
        except Exception as error:  # every exception Keras raises is an outcome to reproduce
            truth = ("error", _sorted_sets(_keras_message(error)))
        assert engine == truth, f"{kind}({args}) on {shapes}, at {shape}:\n engine: {engine}\n Keras:  {truth}"
        if engine[0] == "error":
            return verdicts
    return verdicts


dims = st.one_of(st.none(), st.integers(1, 9), st.integers(0, 9))  # 0 now and then


def rarely(draw, usual, unusual):
    """A value from `usual`, or about one time in eight from `unusual` (invalid or edge-case arguments).
    The test is on a middle value: hypothesis favours the ends of a range."""
    return draw(unusual if draw(st.integers(0, 7)) == 4 else usual)


def ints(rank: int, low: int, high: int):
    """An int or a tuple of `rank` ints in [low, high], as Keras accepts for kernel_size and the like."""
    return st.one_of(st.integers(low, high), st.lists(st.integers(low, high), min_size=rank, max_size=rank).map(tuple))


KINDS = ["Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "SeparableConv1D",
         "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D", "Convolution2D", "SeparableConvolution2D"]


@st.composite
def conv_case(draw, kind: str):
    rank = int(re.search(r"\d", kind).group())
    bad_tuple = st.sampled_from([0, -1, (1,) * (rank + 1), (2,) + (0,) * (rank - 1)])
    args = {"kernel_size": rarely(draw, ints(rank, 1, 5), bad_tuple)}
    if not kind.startswith("Depthwise"):
        args["filters"] = rarely(draw, st.sampled_from([1, 2, 4, 6]), st.just(0))
    if draw(st.booleans()):
        args["strides"] = rarely(draw, ints(rank, 1, 3), bad_tuple)
    if draw(st.booleans()):
        args["dilation_rate"] = rarely(draw, ints(rank, 1, 3), bad_tuple)
    if draw(st.booleans()):
        args["padding"] = rarely(draw, st.sampled_from(["valid", "same"]), st.sampled_from(["causal", "SAME", "full"]))
    if draw(st.booleans()):
        args["data_format"] = rarely(draw, st.sampled_from(["channels_first", "channels_last"]),
                                     st.sampled_from(["Channels_Last", "nhwc"]))
    if kind.startswith(("Conv1D", "Conv2D", "Conv3D", "Convolution")) and "Transpose" not in kind and draw(st.booleans()):
        args["groups"] = rarely(draw, st.integers(1, 3), st.just(0))
    if kind.startswith(("Separable", "Depthwise")) and draw(st.booleans()):
        args["depth_multiplier"] = rarely(draw, st.integers(1, 3), st.just(0))
    if "Transpose" in kind and draw(st.booleans()):
        args["output_padding"] = rarely(draw, ints(rank, 0, 1), st.just(-1))
    # Mostly the expected rank; else one below or up to two above (a batch axis written into input_shape).
    shape_rank = rarely(draw, st.just(rank + 1), st.integers(rank, rank + 3))
    shapes = [(None, *draw(st.lists(dims, min_size=shape_rank, max_size=shape_rank)))]
    if draw(st.booleans()):  # a second call: another channel count, other sizes or another rank
        second = list(shapes[0][1:])
        index = draw(st.integers(0, len(second) - 1))
        second[index] = draw(dims)
        shapes.append((None, *rarely(draw, st.just(second), st.lists(dims, min_size=rank, max_size=rank + 2))))
    return args, shapes


@pytest.mark.parametrize("kind", KINDS)
def test_convolutions_match_keras(kind):
    @settings(max_examples=50, deadline=None)
    @given(conv_case(kind))
    def check(case):
        agrees(kind, *case)

    check()


@settings(max_examples=40, deadline=None)
@given(rank=st.sampled_from([1, 2]), kernel=st.integers(1, 5), size=st.integers(1, 6), channels=st.integers(1, 4),
       other=st.integers(1, 5))
def test_built_conv_keeps_its_channel_axis(rank, kernel, size, channels, other):
    kind = f"Conv{rank}D"
    spatial = (size,) * rank
    agrees(kind, {"filters": 2, "kernel_size": kernel}, [(None, *spatial, channels), (None, *spatial, other)])


def test_known_cases():
    # A channels-first image given to a channels-last convolution.
    assert agrees("Conv2D", {"filters": 32, "kernel_size": 3}, [(None, 1, 28, 28)]) == ["error"]
    # The batch axis written into input_shape gives the input one axis too many.
    assert agrees("Conv2D", {"filters": 32, "kernel_size": 3}, [(None, None, 28, 28, 1)]) == ["error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": (3, 3)}, [(None, 2, 2, 3)]) == ["error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": 3, "dilation_rate": (1, 10)}, [(None, 9, 9, 3)]) == ["error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": 3}, [(None, 8, 8, 3), (None, 8, 8, 1)]) == ["ok", "error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": 3}, [(None, 8, 8, 3), (None, 2, 8, 3)]) == ["ok", "error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": 3, "groups": 2}, [(None, 8, 8, 3)]) == ["error"]
    assert agrees("Conv2D", {"filters": 8, "kernel_size": 3, "data_format": "channels_first"},
                  [(None, 3, 8, 8), (None, 4, 8, 8)]) == ["ok", "error"]
    assert agrees("Conv1D", {"filters": 4, "kernel_size": 5, "padding": "causal"}, [(None, 2, 3)]) == ["ok"]
    assert agrees("Conv2DTranspose", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
                  [(None, 7, None, 3)]) == ["ok"]
    assert agrees("Conv2DTranspose", {"filters": 4, "kernel_size": 3}, [(None, 7, 7, 7, 3)]) == ["error"]
    assert agrees("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2}, [(None, 5, 5, 3)]) == ["ok"]
    assert agrees("SeparableConv2D", {"filters": 4, "kernel_size": 3}, [(None, 2, 5, 3)]) == ["error"]
    # Unknown channels: Keras cannot create the kernel; the engine stays silent.
    assert agrees("Conv2D", {"filters": 4, "kernel_size": 3}, [(None, 5, 5, None)]) == ["unknown"]
    assert agrees("Conv2D", {"filters": 4, "kernel_size": "x"}, [(None, 5, 5, 3)]) == ["unknown"]


def test_aliases_are_registered():
    from shapelens.engine.layers import layer_kind

    assert layer_kind("keras.layers.Convolution2D") == "Conv2D"
    assert layer_kind("keras.layers.Convolution3DTranspose") == "Conv3DTranspose"
    assert layer_kind("keras.layers.SeparableConvolution1D") == "SeparableConv1D"


# ---- an empty output on real data: what raises depends on the Keras release and on oneDNN -------

EMPTY_OUTPUT = """import numpy as np
import keras

model = keras.Sequential([
    keras.Input(shape=(12, 12)),
    keras.layers.MaxPooling1D(2, padding="same"),
    keras.layers.Conv1D(4, 5),
])
x = np.zeros({data}, dtype="float32")
y = model(x)
"""


@pytest.mark.parametrize("onednn,previous", [(False, False), (True, False), (False, True)])
def test_an_empty_convolution_output_on_real_data(onednn, previous):
    """Keras 3.13 and later raise when TensorFlow's eager convolution of real data comes out empty;
    3.12 returns the empty tensor, and with oneDNN, whose kernel returns another shape, nothing raises.
    Each program runs under that Keras and that kernel; the engine, told which, agrees."""
    programs = [EMPTY_OUTPUT.format(data=data) for data in ("(2, 7, 12)", "(2, 9, 12)", "(0, 7, 12)")]
    keras = (3, 12, 4) if previous else runtime.detect().keras
    assert keras >= (3, 13, 0) or previous  # the pinned release is one that raises
    for program, (outcome, message, line) in zip(programs, run_elsewhere(programs, onednn, previous)):
        report = analyse(program, runtime=replace(runtime.detect(), keras=keras, onednn=onednn))
        found = [(d.span.line + 1, d.message) for d in report.diagnostics if d.severity.value == "error"]
        if outcome == "ok":
            assert found == [], program
            continue
        # The engine adds where the model's input was declared.
        error = _keras_message(Exception(message)).split("\n\n")[-1]
        assert len(found) == 1 and found[0][0] == line and found[0][1].startswith(error), (program, found, error)
