import pytest
from hypothesis import given, settings, strategies as st

from keras_run import assert_same_outcome
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


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(["Embedding", "ReversibleEmbedding"]), output_dim=st.integers(1, 5),
       shape=st.lists(dims, min_size=0, max_size=3))
def test_embedding_matches_keras(kind, output_dim, shape):
    assert_agrees(kind, {"input_dim": 10, "output_dim": output_dim}, (None, *shape))


@pytest.mark.parametrize("call", ["embedding(tokens)", "embedding(embedding(tokens), reverse=True)"])
def test_reversible_embedding_projects_back_to_the_vocabulary(call):
    """Called forward it embeds, (batch, 5, 16); in reverse it gives (batch, 5, 100)."""
    assert_same_outcome(f"""
import keras
embedding = keras.layers.ReversibleEmbedding(100, 16)
tokens = keras.Input((5,), dtype="int32")
keras.layers.Reshape((5, 100))({call})
""")


@settings(max_examples=30, deadline=None)
@given(rank=st.integers(1, 3), shape=st.lists(dims, min_size=0, max_size=5))
def test_spatial_dropout_checks_the_rank_like_keras(rank, shape):
    assert_agrees(f"SpatialDropout{rank}D", {"rate": 0.2}, (None, *shape))


EQUATIONS = ["ab,bc->ac", "abc,cd->abd", "abc,cde->abde", "abc,cd->abc", "...b,bc->...c", "...bc,cd->...bd",
             "ab...,bc->ac...", "abc,bd->adc", "abc,dc->abd", "ab,bc->xc", "ab,bcx->ac", "abc", "ab,bc->ac,d"]
SIZES = st.sampled_from([3, 3, 4, None])


@st.composite
def einsum_cases(draw):
    """An equation, an output_shape and an input shape of mostly fitting ranks, sizes drawn from few values so
    that shared axes often agree."""
    equation = draw(st.sampled_from(EQUATIONS))
    specs = equation.replace("...", "").replace("->", ",").split(",")
    rank = len(specs[0]) + ("..." in equation) + draw(st.sampled_from([0, 0, 0, 1, -1]))
    out_rank = (len(specs[2]) - 1 + ("..." in equation and equation.startswith("...")) if len(specs) > 2 else 1) \
        + draw(st.sampled_from([0, 0, 0, 1]))
    output = draw(st.lists(SIZES, min_size=max(out_rank, 1), max_size=max(out_rank, 1)))
    shape = (None, *draw(st.lists(SIZES, min_size=max(rank - 1, 0), max_size=max(rank - 1, 0))))
    return equation, output[0] if len(output) == 1 and draw(st.booleans()) else output, shape


@settings(max_examples=150, deadline=None)
@given(case=einsum_cases(), bias=st.sampled_from([None, None, "c", "d", "x", "bd"]))
def test_einsum_dense_matches_keras(case, bias):
    equation, output, shape = case
    assert_agrees("EinsumDense", {"equation": equation, "output_shape": output, "bias_axes": bias}, shape)


def test_einsum_dense_examples():
    assert assert_agrees("EinsumDense", {"equation": "ab,bc->ac", "output_shape": 4}, (None, 3)) == "ok"
    assert assert_agrees("EinsumDense", {"equation": "abc,cd->abd", "output_shape": (None, 4), "bias_axes": "d"},
                         (None, 6, 3)) == "ok"
    assert assert_agrees("EinsumDense", {"equation": "...b,bc->...c", "output_shape": 4}, (None, 7, 3)) == "ok"
    assert assert_agrees("EinsumDense", {"equation": "ab...,bc->ac...", "output_shape": 4}, (None, 3, 5)) == "ok"
    assert assert_agrees("EinsumDense", {"equation": "abc,cd->abd", "output_shape": (5, 4)}, (None, 6, 3)) == "error"
    assert assert_agrees("EinsumDense", {"equation": "ab,bc->ac", "output_shape": 4, "bias_axes": "x"},
                         (None, 3)) == "error"
    assert assert_agrees("EinsumDense", {"equation": "abc", "output_shape": 4}, (None, 3)) == "error"
    assert assert_agrees("EinsumDense", {"equation": "ab,bcx->ac", "output_shape": 4}, (None, 3)) == "error"
