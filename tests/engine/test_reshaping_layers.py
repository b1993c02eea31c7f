import math
from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees
from test_conv_layers import agrees  # one layer called on shapes in turn; messages in full

dims = st.one_of(st.none(), st.integers(1, 6))
known_dims = st.integers(1, 6)
formats = st.sampled_from([None, "channels_last", "channels_first"])


@settings(max_examples=40, deadline=None)
@given(shape=st.lists(dims, min_size=0, max_size=5))
def test_flatten_matches_keras(shape):
    assert_agrees("Flatten", {}, tuple(shape))


@st.composite
def reshape_cases(draw):
    rest = draw(st.lists(st.one_of(known_dims, st.none()), min_size=0, max_size=3))
    how = draw(st.sampled_from(["regroup", "regroup", "random", "invalid"]))
    if how == "regroup" and None not in rest:  # the same elements, split differently
        size = math.prod(rest)
        first = draw(st.sampled_from([d for d in range(1, size + 1) if size % d == 0]))
        target = [first, size // first]
    elif how == "invalid":
        target = draw(st.sampled_from([[-2, 3], [-1, -1], [2, -1, -1], [0, -3]]))
    else:
        target = draw(st.lists(st.integers(0, 6), min_size=0, max_size=3))
    if target and how != "invalid" and draw(st.booleans()):
        target[draw(st.integers(0, len(target) - 1))] = -1
    if draw(st.booleans()):
        target = tuple(target)
    return rest, target


@settings(max_examples=80, deadline=None)
@given(case=reshape_cases())
def test_reshape_matches_keras(case):
    rest, target = case
    agrees("Reshape", {"target_shape": target}, [(None, *rest)])


def test_reshape_examples():
    assert agrees("Reshape", {"target_shape": (28, 28, 3)}, [(None, 784)])[-1] == "error"
    assert agrees("Reshape", {"target_shape": (-1, 5)}, [(None, 12)])[-1] == "error"
    assert agrees("Reshape", {"target_shape": (-1, 0)}, [(None, 12)])[-1] == "error"
    assert agrees("Reshape", {"target_shape": (-1, 4)}, [(None, 12)])[-1] == "ok"
    assert agrees("Reshape", {"target_shape": (4, 5)}, [(None, None, 3)])[-1] == "ok"  # Keras checks nothing


@settings(max_examples=40, deadline=None)
@given(dims_arg=st.one_of(st.permutations([1, 2, 3]), st.permutations([1, 2]), st.lists(st.integers(0, 4), max_size=3)),
       shape=st.lists(dims, min_size=1, max_size=4), right_rank=st.booleans())
def test_permute_matches_keras(dims_arg, shape, right_rank):
    if right_rank:
        shape = (shape * 3)[: len(dims_arg)]
    assert_agrees("Permute", {"dims": tuple(dims_arg)}, (None, *shape))


@settings(max_examples=30, deadline=None)
@given(n=st.integers(-1, 4), shape=st.one_of(st.tuples(dims), st.lists(dims, min_size=0, max_size=3)))
def test_repeat_vector_matches_keras(n, shape):
    assert_agrees("RepeatVector", {"n": n}, (None, *shape))


@st.composite
def spatial_cases(draw, family, lo, hi):
    """UpSampling/ZeroPadding/Cropping 1D-3D: the argument as an int, a tuple, pairs, or a tuple of
    the wrong length; any data_format; a rank that is wrong now and then."""
    rank = draw(st.integers(1, 3))
    name = {"UpSampling": "size", "ZeroPadding": "padding", "Cropping": "cropping"}[family]
    value = st.integers(lo + 1, hi)  # lo itself is the invalid value
    forms = [value, value, st.lists(value, min_size=1, max_size=4).map(tuple), st.just(lo)]
    if rank == 1 and name != "size":
        forms.append(st.tuples(value, value))
    elif rank > 1:
        forms.append(st.tuples(*[value] * rank))
        if name != "size":
            forms.append(st.tuples(*[st.tuples(value, value)] * rank))
    args = {name: draw(value if (rank, name) == (1, "size") else st.one_of(*forms))}
    if rank > 1 or family == "ZeroPadding":
        data_format = draw(formats)
        if data_format:
            args["data_format"] = data_format
    shape = (None, *draw(st.lists(st.one_of(st.none(), st.integers(1, 7)), min_size=rank + 1, max_size=rank + 1)))
    if draw(st.integers(0, 4)) == 0:  # a wrong rank now and then
        shape = shape[:-1]
    return f"{family}{rank}D", args, [shape]


@settings(max_examples=60, deadline=None)
@given(case=spatial_cases("UpSampling", 0, 3))
def test_up_sampling_matches_keras(case):
    agrees(*case)


@settings(max_examples=60, deadline=None)
@given(case=spatial_cases("ZeroPadding", -1, 3))
def test_zero_padding_matches_keras(case):
    agrees(*case)


@settings(max_examples=80, deadline=None)
@given(case=spatial_cases("Cropping", -1, 3))
def test_cropping_matches_keras(case):
    agrees(*case)


def test_cropping_examples():
    assert agrees("Cropping1D", {"cropping": (2, 2)}, [(None, 4, 3)])[-1] == "error"
    assert agrees("Cropping2D", {"cropping": ((1, 1), (2, 3))}, [(None, 8, 5, 3)])[-1] == "error"
    assert agrees("Cropping2D", {"cropping": 2, "data_format": "channels_first"}, [(None, 3, 8, 8)])[-1] == "ok"
    assert agrees("Cropping3D", {"cropping": 1}, [(None, 4, 2, 6, 3)])[-1] == "error"
    assert agrees("Cropping2D", {"cropping": -1}, [(None, 4, 5, 3)])[-1] == "error"
    assert agrees("Cropping1D", {"cropping": -1}, [(None, 4, 3)])[-1] == "error"
    assert agrees("ZeroPadding2D", {"padding": (1, 2, 3)}, [(None, 4, 5, 3)])[-1] == "error"
    assert agrees("UpSampling2D", {"size": 2, "data_format": "chanels_last"}, [(None, 4, 5, 3)])[-1] == "error"
