from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees

dims = st.one_of(st.none(), st.integers(1, 6))


@settings(max_examples=60, deadline=None)
@given(units=st.integers(1, 5), shape=st.lists(dims, min_size=0, max_size=4))
def test_dense_matches_keras(units, shape):
    assert_agrees("Dense", {"units": units}, (None, *shape))


@settings(max_examples=30, deadline=None)
@given(kind=st.sampled_from(["Dropout", "Activation", "GaussianNoise"]), shape=st.lists(dims, min_size=1, max_size=4))
def test_shape_preserving_layers_match_keras(kind, shape):
    args = {"Dropout": {"rate": 0.5}, "Activation": {"activation": "relu"}, "GaussianNoise": {"stddev": 0.1}}[kind]
    assert_agrees(kind, args, (None, *shape))


@settings(max_examples=30, deadline=None)
@given(output_dim=st.integers(1, 5), shape=st.lists(dims, min_size=0, max_size=3))
def test_embedding_matches_keras(output_dim, shape):
    assert_agrees("Embedding", {"input_dim": 10, "output_dim": output_dim}, (None, *shape))


@settings(max_examples=30, deadline=None)
@given(rank=st.integers(1, 3), shape=st.lists(dims, min_size=0, max_size=5))
def test_spatial_dropout_checks_the_rank_like_keras(rank, shape):
    assert_agrees(f"SpatialDropout{rank}D", {"rate": 0.2}, (None, *shape))
