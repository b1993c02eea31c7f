from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees

ELEMENTWISE = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"]


@st.composite
def related_shapes(draw, count):
    """Shapes derived from one base shape: some axes set to 1 or None or another size, some inputs
    of lower rank (Keras aligns trailing axes), a batch size now and then."""
    base = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    shapes = []
    for _ in range(count):
        shape = list(base)
        for i in range(len(shape)):
            shape[i] = draw(st.sampled_from([shape[i]] * 3 + [1, None, shape[i] + 1]))
        if draw(st.integers(0, 3)) == 0:
            shape = shape[draw(st.integers(0, len(shape))):]
        batch = draw(st.sampled_from([None, None, None, 2, 3]))
        shapes.append((batch, *shape))
    return shapes


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(ELEMENTWISE), shapes=st.integers(1, 3).flatmap(related_shapes))
def test_elementwise_merges_match_keras(kind, shapes):
    assert_agrees(kind, {}, shapes, multi_input=True)


def test_elementwise_examples():
    assert assert_agrees("Add", {}, [(None, 10, 16), (None, 1, 16)], multi_input=True) == "ok"
    assert assert_agrees("Add", {}, [(None, 8, 16), (None, 16)], multi_input=True) == "ok"
    assert assert_agrees("Add", {}, [(None, 8, 16), (None, 8)], multi_input=True) == "error"
    assert assert_agrees("Add", {}, [(32, 32, 32, 32), (32, 32, 32, 64)], multi_input=True) == "error"
    assert assert_agrees("Multiply", {}, [(2, 8), (3, 8)], multi_input=True) == "error"
    assert assert_agrees("Subtract", {}, [(None, 8)] * 3, multi_input=True) == "error"
    assert assert_agrees("Maximum", {}, [(None, None, 8), (None, 5, 1)], multi_input=True) == "ok"
    assert assert_agrees("Add", {}, (None, 3)) == "error"  # one tensor, not a list


@settings(max_examples=60, deadline=None)
@given(axis=st.integers(-4, 3), shapes=st.integers(1, 3).flatmap(related_shapes))
def test_concatenate_matches_keras(axis, shapes):
    assert_agrees("Concatenate", {"axis": axis}, shapes, multi_input=True)


def test_concatenate_examples():
    assert assert_agrees("Concatenate", {}, [(None, 8, 16), (None, 4, 16)], multi_input=True) == "error"
    assert assert_agrees("Concatenate", {"axis": 1}, [(None, 8, 16), (None, 4, 16)], multi_input=True) == "ok"
    assert assert_agrees("Concatenate", {"axis": 1}, [(None, 8, 16), (None, 4, 16, 3)], multi_input=True) == "error"
    assert assert_agrees("Concatenate", {}, [(None, 26, 26, 16), (None, 28, 28, 1)], multi_input=True) == "error"
    assert assert_agrees("Concatenate", {"axis": 0}, [(2, 8), (3, 8)], multi_input=True) == "ok"
    assert assert_agrees("Concatenate", {}, (None, 3)) == "error"


dot_shape = st.lists(st.sampled_from([2, 3, 2, 3, 2, 3, None]), min_size=1, max_size=3).map(lambda s: (None, *s))


@settings(max_examples=80, deadline=None)
@given(axes=st.sampled_from([1, 2, -1, -2, 0, 3, (1, 1), (1, 2), (2, 1), (-1, 1), (1, 3), [2, -1], [1], (1, 2, 1)]),
       normalize=st.booleans(),
       shapes=st.sampled_from([2] * 6 + [1, 3]).flatmap(lambda n: st.lists(dot_shape, min_size=n, max_size=n)))
def test_dot_matches_keras(axes, normalize, shapes):
    assert_agrees("Dot", {"axes": axes, "normalize": normalize}, shapes, multi_input=True)


def test_dot_examples():
    assert assert_agrees("Dot", {"axes": 1}, [(None, 8), (None, 8)], multi_input=True) == "ok"
    assert assert_agrees("Dot", {"axes": 1}, [(None, 8), (None, 7)], multi_input=True) == "error"
    assert assert_agrees("Dot", {"axes": (1, 2)}, [(None, 8, 3), (None, 2, 8)], multi_input=True) == "ok"
    assert assert_agrees("Dot", {"axes": -1}, [(None, 8, 3), (None, 2, 3)], multi_input=True) == "ok"
    assert assert_agrees("Dot", {"axes": 1}, [(None, 8)] * 3, multi_input=True) == "error"
