from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees
from test_conv_layers import agrees  # one layer called on shapes in turn; messages in full

dims = st.integers(0, 8).map(lambda d: d or None)  # None now and then
shapes = st.lists(dims, min_size=0, max_size=3).map(lambda s: (None, *s))


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
    return [first, tuple(second)]


@settings(max_examples=40, deadline=None)
@given(axis=st.sampled_from([-1, 1, 2]), pair=call_pairs())
def test_batch_normalization_second_call_matches_keras(axis, pair):
    agrees("BatchNormalization", {"axis": axis}, pair)  # the second call meets the built InputSpec


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
    agrees("GroupNormalization", {"groups": groups, "axis": axis}, pair)


def test_group_normalization_examples():
    assert assert_agrees("GroupNormalization", {"groups": 4}, (None, 8, 6)) == "error"
    assert assert_agrees("GroupNormalization", {"groups": 4}, (None, 8, 3)) == "error"
    assert assert_agrees("GroupNormalization", {"groups": -1}, (None, 8, 3)) == "ok"
    assert assert_agrees("GroupNormalization", {}, (None, 8, 64)) == "ok"
    assert assert_agrees("GroupNormalization", {"groups": 0}, (None, 8, 3)) == "error"
    assert agrees("BatchNormalization", {"axis": 1}, [(None, 8, 3), (None, 7, 3)]) == ["ok", "error"]
    assert agrees("BatchNormalization", {}, [(None, 8, 3), (None, 8)]) == ["ok", "error"]


@settings(max_examples=40, deadline=None)
@given(axis=st.one_of(st.integers(-4, 3), st.lists(st.integers(-4, 3), min_size=1, max_size=2),
                      st.lists(st.integers(-4, 3), min_size=1, max_size=2).map(tuple)), shape=shapes)
def test_unit_normalization_matches_keras(axis, shape):
    agrees("UnitNormalization", {"axis": axis}, [shape])
