"""Parameter counts match Keras's count_params() on small built layers."""
import pytest

from shapelens.engine.params import count_params
from shapelens.engine.values import Layer

CASES = [
    ("Dense", {"units": 7}, (None, 5)),
    ("Dense", {"units": 7, "use_bias": False}, (None, 3, 5)),
    ("Conv2D", {"filters": 32, "kernel_size": 3}, (None, 28, 28, 3)),
    ("Conv2D", {"filters": 8, "kernel_size": (3, 5), "groups": 2}, (None, 9, 9, 4)),
    ("Conv1D", {"filters": 4, "kernel_size": 2, "use_bias": False}, (None, 10, 6)),
    ("Conv3D", {"filters": 2, "kernel_size": 2}, (None, 4, 4, 4, 3)),
    ("Conv2DTranspose", {"filters": 6, "kernel_size": 3}, (None, 5, 5, 4)),
    ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2}, (None, 8, 8, 3)),
    ("SeparableConv2D", {"filters": 5, "kernel_size": 3, "depth_multiplier": 2}, (None, 8, 8, 3)),
    ("Embedding", {"input_dim": 50, "output_dim": 8}, (None, 10)),
    ("LSTM", {"units": 6}, (None, 5, 3)),
    ("GRU", {"units": 6}, (None, 5, 3)),
    ("GRU", {"units": 6, "reset_after": False}, (None, 5, 3)),
    ("SimpleRNN", {"units": 4}, (None, 5, 3)),
    ("BatchNormalization", {}, (None, 8, 8, 3)),
    ("BatchNormalization", {"center": False}, (None, 6)),
    ("LayerNormalization", {}, (None, 4, 6)),
    ("MaxPooling2D", {}, (None, 8, 8, 3)),
    ("Flatten", {}, (None, 8, 8, 3)),
]


@pytest.mark.parametrize("kind,args,shape", CASES)
def test_count_matches_keras(kind, args, shape):
    import keras

    layer = getattr(keras.layers, kind)(**args)
    layer.build(shape)
    assert count_params(Layer(kind, dict(args), None, {}, "x"), shape) == layer.count_params()


@pytest.mark.parametrize("wrapper", ["Bidirectional", "TimeDistributed"])
def test_wrappers_count_their_inner_layer(wrapper):
    import keras

    inner = keras.layers.LSTM(4) if wrapper == "Bidirectional" else keras.layers.Dense(3)
    shape = (None, 5, 6)
    outer = getattr(keras.layers, wrapper)(inner)
    outer.build(shape)
    engine_inner = Layer("LSTM", {"units": 4}, None, {}, "i") if wrapper == "Bidirectional" else \
        Layer("Dense", {"units": 3}, None, {}, "i")
    assert count_params(Layer(wrapper, {"layer": engine_inner}, None, {}, "w"), shape) == outer.count_params()


def test_unknown_dimensions_give_no_count():
    assert count_params(Layer("Dense", {"units": 3}, None, {}, "d"), (None, None)) is None
    assert count_params(Layer("Custom", {}, None, {}, "c"), (None, 3)) is None
