"""Differential tests of the attention layers.

Attention and AdditiveAttention take a list of tensors, as the shared oracle passes them.
MultiHeadAttention is called as `mha(query, value, key)`, and some of its errors depend on whether it
was built by an earlier call, so it gets a small harness of its own that calls one layer several times.
"""
from __future__ import annotations

import re
import warnings

import keras
import pytest
from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees, normalise
from shapelens.engine.layers import LayerError, apply_layer
from shapelens.engine.layers.base import snake_case
from shapelens.engine.values import Layer

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def keras_message(error: Exception) -> str:
    """The first paragraph; for errors raised inside `call()`, also the wrapped message after it."""
    paragraphs = str(error).split("\n\n")
    if paragraphs[0].startswith("Exception encountered when calling") and len(paragraphs) > 1:
        return normalise(paragraphs[0] + "\n\n" + _ANSI.sub("", paragraphs[1]))
    return normalise(paragraphs[0])


def mha_agrees(args: dict, *calls, kind: str = "MultiHeadAttention") -> str:
    """Call one MultiHeadAttention (or GroupQueryAttention) on each list of shapes [query, value(, key)] in
    turn; assert the engine agrees with Keras on each call (or says unknown) until the first error."""
    layer = Layer(kind, dict(args), None, {}, snake_case(kind))
    engine = []
    for shapes in calls:
        try:
            out = apply_layer(layer, [tuple(s) for s in shapes])
        except LayerError as error:
            engine.append(("error", normalise(error.message)))
            break
        engine.append(("unknown", None) if out is None else ("ok", out))
    if all(verdict == "unknown" for verdict, _ in engine):
        return "unknown"
    truth = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mha = getattr(keras.layers, kind)(**args)
            for shapes in calls:
                truth.append(("ok", tuple(mha(*[keras.KerasTensor(tuple(s)) for s in shapes]).shape)))
    except Exception as error:  # every exception is an outcome
        truth.append(("error", keras_message(error)))
    for i, (mine, theirs) in enumerate(zip(engine, truth)):
        if mine[0] != "unknown":
            assert mine == theirs, f"{kind}({args}) on {calls[:i + 1]}:\n engine: {mine}\n Keras: {theirs}"
    return engine[-1][0]


def mostly(usual, unusual, odds: int = 3):
    """Draw from `usual` `odds` times as often as from `unusual`."""
    return st.sampled_from([usual] * odds + [unusual]).flatmap(lambda strategy: strategy)


def shapes(sizes):
    return st.tuples(st.one_of(st.none(), st.integers(1, 3)), st.lists(sizes, min_size=0, max_size=3)).map(
        lambda drawn: (drawn[0], *drawn[1]))


shape = shapes(mostly(st.integers(1, 5), st.none()))
# MultiHeadAttention needs every last axis: fewer Nones, or most examples would be unknown.
mha_sizes = mostly(st.integers(1, 5), st.none(), odds=8)
mha_shape = shapes(mha_sizes)


@st.composite
def mha_args(draw):
    args = {"num_heads": draw(mostly(st.integers(1, 3), st.sampled_from([0, -1, 2.0, "2"]), odds=8)),
            "key_dim": draw(mostly(st.integers(1, 4), st.sampled_from([0, 1.5]), odds=8)),
            "value_dim": draw(mostly(st.sampled_from([None, 2, 3]), st.sampled_from([0, 2.5]), odds=8))}
    if draw(st.booleans()):
        args["output_shape"] = draw(st.sampled_from([0, 5, (2, 3), [4], (4, 0), ()]))
    if draw(st.booleans()):
        args["attention_axes"] = draw(st.sampled_from([1, -2, (1, 2), 0, 3, 4, -6, []]))
    return args


@st.composite
def mha_inputs(draw):
    """[query, value] or [query, value, key]; the key mostly matches the value but its last axis."""
    query, value = draw(mha_shape), draw(mha_shape)
    if draw(st.booleans()):
        return [query, value]
    key = value[:-1] + (draw(mha_sizes),) if value and draw(mostly(st.just(True), st.just(False))) else draw(mha_shape)
    return [query, value, key]


@settings(max_examples=80, deadline=None)
@given(args=mha_args(), inputs=mha_inputs())
def test_multi_head_attention_matches_keras(args, inputs):
    mha_agrees(args, inputs)


@settings(max_examples=40, deadline=None)
@given(num_heads=st.integers(1, 3), key_dim=st.integers(1, 3), first=mha_inputs(), later=mha_inputs())
def test_multi_head_attention_checks_value_and_key_on_every_call(num_heads, key_dim, first, later):
    mha_agrees({"num_heads": num_heads, "key_dim": key_dim}, first, later)


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(["Attention", "AdditiveAttention"]),
       use_scale=st.booleans(), score_mode=mostly(st.sampled_from(["dot", "concat"]), st.sampled_from(["Dot", None])),
       inputs=mostly(st.lists(shape, min_size=2, max_size=3), st.lists(shape, min_size=1, max_size=4)))
def test_attention_layers_match_keras(kind, use_scale, score_mode, inputs):
    args = {"use_scale": use_scale, "score_mode": score_mode}
    assert_agrees(kind, args, inputs, multi_input=True)


def test_explicit_examples():
    assert mha_agrees({"num_heads": 2, "key_dim": 3}, [(None, 5, 8), (None, 7, 6)]) == "ok"
    assert mha_agrees({"num_heads": 2, "key_dim": 3, "output_shape": (2, 5)}, [(None, 5, 8), (None, 7, 8)]) == "ok"
    assert mha_agrees({"num_heads": 2, "key_dim": 3}, [(None, 5, 8), (None, 7, 6), (None, 6, 4)]) == "error"
    assert mha_agrees({"num_heads": 2, "key_dim": 3}, [(None, 5, 8), (None, 7, 6)],
                      [(None, 5, 8), (None, 7, 6), (None, 6, 6)]) == "error"  # wrapped: raised inside call()
    assert mha_agrees({"num_heads": 0, "key_dim": 3}, [(None, 5, 8), (None, 7, 6)]) == "error"
    assert assert_agrees("Attention", {}, [(None, 5, 8), (None, 7, 6)], multi_input=True) == "ok"
    assert assert_agrees("AdditiveAttention", {}, [(None, 5, 8)], multi_input=True) == "error"
    assert assert_agrees("Attention", {"score_mode": "add"}, [(None, 5, 8), (None, 7, 6)], multi_input=True) == "error"


def test_attention_called_on_one_tensor():
    with pytest.raises(LayerError) as engine:
        apply_layer(Layer("Attention", {}, None, {}, "attention"), (None, 5, 8))
    with pytest.raises(ValueError) as truth:
        keras.layers.Attention()(keras.KerasTensor((None, 5, 8)))
    assert normalise(engine.value.message) == keras_message(truth.value)


sequences = st.tuples(st.sampled_from([None, 2]), st.sampled_from([None, 3, 5]), st.sampled_from([4, 4, 6, None])).map(
    lambda s: s if s[0] != 2 or s[2] != 6 else (*s[:2], 6, 1))  # now and then a rank-4 input


@settings(max_examples=80, deadline=None)
@given(heads=st.sampled_from([(8, 4, 2), (8, 4, 4), (4, 2, 1), (4, 3, 2), (4, 0, 1)]),
       shapes=st.lists(sequences, min_size=2, max_size=3), again=st.lists(sequences, min_size=2, max_size=3))
def test_group_query_attention_matches_keras(heads, shapes, again):
    args = dict(zip(("head_dim", "num_query_heads", "num_key_value_heads"), heads))
    mha_agrees(args, shapes, again, kind="GroupQueryAttention")


def test_group_query_attention_examples():
    args = {"head_dim": 8, "num_query_heads": 4, "num_key_value_heads": 2}
    assert mha_agrees(args, [(None, 5, 16), (None, 7, 16)], kind="GroupQueryAttention") == "ok"
    assert mha_agrees(args, [(None, 5, 16), (None, 7, 16), (None, 7, 8)], kind="GroupQueryAttention") == "ok"
    assert mha_agrees(args, [(None, 5, 16), (None, 7, 12)], kind="GroupQueryAttention") == "error"
    assert mha_agrees(args, [(None, 5, 16), (None, 7, 16), (None, 6, 16)], kind="GroupQueryAttention") == "error"
    assert mha_agrees({**args, "num_query_heads": 3}, [(None, 5, 16), (None, 7, 16)],
                      kind="GroupQueryAttention") == "error"
