import re

from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees, engine_outcome, keras_outcome, normalise
from shapelens.engine.layers import LayerError, apply_layer
from shapelens.engine.layers.base import snake_case
from shapelens.engine.values import Layer

dims = st.integers(0, 8).map(lambda d: d or None)  # None now and then
shapes = st.lists(dims, min_size=0, max_size=3).map(lambda s: (None, *s))

_WRAPPED = "Exception encountered when calling"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _wrapped_message(kind, args, shape):
    import keras

    try:
        getattr(keras.layers, kind)(**args)(keras.KerasTensor(tuple(shape)))
    except Exception as error:  # noqa: BLE001 - any Keras failure is the outcome
        return normalise(_ANSI.sub("", str(error).split("\n\n")[1]))
    raise AssertionError("Keras did not fail the second time")


def agrees(kind, args, shape):
    """assert_agrees, except that an error Keras raises while computing the output shape, which it
    wraps as "Exception encountered when calling X.call().", is compared by the message it wraps."""
    engine = engine_outcome(kind, args, shape)
    if engine[0] == "unknown":
        return "unknown"
    truth = keras_outcome(kind, args, shape)
    if truth[0] == "error" and truth[1].startswith(_WRAPPED):
        truth = ("error", _wrapped_message(kind, args, shape))
    assert engine == truth, f"{kind}({args}) on {shape}:\n engine: {engine}\n Keras:  {truth}"
    return engine[0]


def agrees_twice(kind, args, first, second):
    """Call one layer on `first`, then on `second`: the second call must be judged as Keras judges
    it (the built layer's InputSpec). Returns the engine's verdict on the second call."""
    import keras

    layer = Layer(kind, dict(args), None, {}, snake_case(kind))
    if engine_outcome(kind, args, first)[0] != "ok":
        return "unknown"  # only second calls of a layer that was built are compared here
    apply_layer(layer, first)
    try:
        engine = apply_layer(layer, second)
        engine = ("unknown", None) if engine is None else ("ok", engine)
    except LayerError as error:
        engine = ("error", normalise(error.message))
    if engine[0] == "unknown":
        return "unknown"
    real = getattr(keras.layers, kind)(**args)
    real(keras.KerasTensor(first))
    try:
        truth = ("ok", tuple(real(keras.KerasTensor(second)).shape))
    except Exception as error:  # noqa: BLE001
        truth = ("error", normalise(str(error).split("\n\n")[0]))
    assert engine == truth, f"{kind}({args}) on {first} then {second}:\n engine: {engine}\n Keras:  {truth}"
    return engine[0]


@settings(max_examples=50, deadline=None)
@given(axis=st.sampled_from([-1, -1, 1, 2, -2, 0, 3, -4]), shape=shapes)
def test_batch_normalization_matches_keras(axis, shape):
    assert_agrees("BatchNormalization", {"axis": axis}, shape)


@st.composite
def call_pairs(draw):
    """A first input shape, and a second one that keeps or changes each axis, or the rank."""
    first = (None, *draw(st.lists(st.integers(1, 8), min_size=1, max_size=3)))
    second = [d if draw(st.booleans()) else draw(dims) for d in first]
    if draw(st.integers(0, 3)) == 0:
        second = second[:-1] if len(second) > 2 else second + [3]
    return first, tuple(second)


@settings(max_examples=40, deadline=None)
@given(axis=st.sampled_from([-1, 1, 2]), pair=call_pairs())
def test_batch_normalization_second_call_matches_keras(axis, pair):
    agrees_twice("BatchNormalization", {"axis": axis}, *pair)


@settings(max_examples=50, deadline=None)
@given(kind=st.sampled_from(["LayerNormalization", "RMSNormalization"]),
       axis=st.sampled_from([-1, -1, 1, 2, -2, 3, -4, [1, 2], [-1], [1, 3]]), shape=shapes)
def test_layer_and_rms_normalization_match_keras(kind, axis, shape):
    assert_agrees(kind, {"axis": axis}, shape)


@settings(max_examples=60, deadline=None)
@given(groups=st.integers(-2, 8), axis=st.sampled_from([-1, -1, 1, 2, 4]),
       shape=st.lists(st.integers(0, 12).map(lambda d: d or None), min_size=0, max_size=3).map(lambda s: (None, *s)))
def test_group_normalization_matches_keras(groups, axis, shape):
    assert_agrees("GroupNormalization", {"groups": groups, "axis": axis}, shape)


@settings(max_examples=30, deadline=None)
@given(groups=st.sampled_from([1, 2, 4]), axis=st.sampled_from([-1, 1]), pair=call_pairs())
def test_group_normalization_second_call_matches_keras(groups, axis, pair):
    agrees_twice("GroupNormalization", {"groups": groups, "axis": axis}, *pair)


def test_group_normalization_examples():
    assert assert_agrees("GroupNormalization", {"groups": 4}, (None, 8, 6)) == "error"
    assert assert_agrees("GroupNormalization", {"groups": 4}, (None, 8, 3)) == "error"
    assert assert_agrees("GroupNormalization", {"groups": -1}, (None, 8, 3)) == "ok"
    assert assert_agrees("GroupNormalization", {}, (None, 8, 64)) == "ok"
    assert assert_agrees("GroupNormalization", {"groups": 0}, (None, 8, 3)) == "error"
    assert agrees_twice("BatchNormalization", {"axis": 1}, (None, 8, 3), (None, 7, 3)) == "error"
    assert agrees_twice("BatchNormalization", {}, (None, 8, 3), (None, 8)) == "error"


@settings(max_examples=40, deadline=None)
@given(axis=st.one_of(st.integers(-4, 3), st.lists(st.integers(-4, 3), min_size=1, max_size=2),
                      st.lists(st.integers(-4, 3), min_size=1, max_size=2).map(tuple)), shape=shapes)
def test_unit_normalization_matches_keras(axis, shape):
    agrees("UnitNormalization", {"axis": axis}, shape)
