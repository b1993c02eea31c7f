"""Differential tests of the pooling rules against real Keras (see test_conv_layers for `agrees`)."""
import pytest
from hypothesis import given, settings, strategies as st

from test_conv_layers import agrees, dims, ints, rarely

# Larger sizes than for the convolutions, so that 3D windows fit often enough.
sizes = st.one_of(st.none(), st.integers(1, 12), st.integers(0, 12))


@st.composite
def pooling_case(draw, rank: int):
    mode = draw(st.sampled_from(["MaxPooling", "AveragePooling", "MaxPool", "AvgPool"]))
    bad = st.sampled_from([0, -1, (1,) * (rank + 1)])
    args = {}
    if mode in ("AveragePooling", "AvgPool") or draw(st.booleans()):  # AveragePooling has no default
        args["pool_size"] = rarely(draw, ints(rank, 1, 4), bad)
    if draw(st.booleans()):
        args["strides"] = rarely(draw, ints(rank, 1, 3), st.sampled_from([0, -1, None]))
    if draw(st.booleans()):
        args["padding"] = rarely(draw, st.sampled_from(["valid", "same"]), st.sampled_from(["SAME", "Valid", "causal"]))
    if draw(st.booleans()):
        args["data_format"] = rarely(draw, st.sampled_from(["channels_first", "channels_last"]), st.just("nchw"))
    shape_rank = rarely(draw, st.just(rank + 1), st.integers(rank, rank + 2))
    shape = (rarely(draw, st.none(), st.integers(1, 4)), *draw(st.lists(sizes, min_size=shape_rank,
                                                                        max_size=shape_rank)))
    return f"{mode}{rank}D", args, shape


@pytest.mark.parametrize("rank", [1, 2, 3])
def test_pooling_matches_keras(rank):
    @settings(max_examples=80, deadline=None)
    @given(pooling_case(rank))
    def check(case):
        kind, args, shape = case
        agrees(kind, args, [shape, shape])  # a pooling layer is built when made: a second call checks the same

    check()


@settings(max_examples=80, deadline=None)
@given(mode=st.sampled_from(["GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool", "GlobalAvgPool"]),
       rank=st.integers(1, 3), keepdims=st.one_of(st.none(), st.booleans()),
       data_format=st.sampled_from([None, "channels_first", "channels_last", "nhwc"]),
       shape=st.lists(dims, min_size=1, max_size=5))
def test_global_pooling_matches_keras(mode, rank, keepdims, data_format, shape):
    args = {} if keepdims is None else {"keepdims": keepdims}
    if data_format:
        args["data_format"] = data_format
    agrees(f"{mode}{rank}D", args, [(None, *shape)])


@settings(max_examples=40, deadline=None)
@given(mode=st.sampled_from(["AdaptiveMaxPooling", "AdaptiveAveragePooling"]), rank=st.integers(1, 3),
       output_size=st.integers(1, 4), data_format=st.sampled_from([None, "channels_first"]),
       shape=st.lists(dims, min_size=1, max_size=5))
def test_adaptive_pooling_matches_keras(mode, rank, output_size, data_format, shape):
    args = {"output_size": output_size}
    if data_format:
        args["data_format"] = data_format
    agrees(f"{mode}{rank}D", args, [(None, *shape)])


def test_known_cases():
    assert agrees("MaxPooling2D", {}, [(None, 28, 28, 1)]) == ["ok"]
    assert agrees("MaxPooling2D", {"pool_size": 3}, [(None, 2, 5, 3)]) == ["error"]
    assert agrees("MaxPooling2D", {"pool_size": (3, 10)}, [(4, 3, 5, 3)]) == ["error"]  # NumPy pads `[ 3 10]`
    assert agrees("AveragePooling2D", {"pool_size": 3}, [(None, None, 2, 3)]) == ["error"]  # None shows as -1
    assert agrees("MaxPooling2D", {"padding": "SAME"}, [(None, 4, 4, 3)]) == ["error"]
    assert agrees("MaxPooling2D", {}, [(None, None, 28, 28, 1)]) == ["error"]
    assert agrees("MaxPooling1D", {"pool_size": 4, "padding": "same"}, [(None, 2, 3)]) == ["ok"]
    assert agrees("GlobalAveragePooling2D", {"keepdims": True}, [(None, 7, 7, 32)]) == ["ok"]
    assert agrees("GlobalMaxPooling1D", {}, [(None, 7, 7, 32)]) == ["error"]
    assert agrees("MaxPooling2D", {"strides": 0}, [(None, 4, 4, 3)]) == ["unknown"]


def test_aliases_are_registered():
    from shapelens.engine.layers import layer_kind

    assert layer_kind("keras.layers.MaxPool2D") == "MaxPooling2D"
    assert layer_kind("keras.layers.AvgPool3D") == "AveragePooling3D"
    assert layer_kind("keras.layers.GlobalAvgPool1D") == "GlobalAveragePooling1D"
    assert layer_kind("keras.layers.GlobalMaxPool2D") == "GlobalMaxPooling2D"
