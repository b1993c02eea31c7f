"""Differential tests of the recurrent layers and the Bidirectional/TimeDistributed wrappers.

The shared oracle builds one layer from keyword arguments; wrappers need layer objects as arguments and
some checks need several calls of the same layers, so this file extends it: a `Spec` describes a layer
(its arguments may be Specs), and `agree` makes it once for Keras and once for the engine, calls it (or
a layer it wraps) on each shape in turn, and compares every outcome until the first error.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import keras
from hypothesis import assume, given, settings, strategies as st

from layer_oracle import normalise
from shapelens.engine.layers import LayerError, apply_layer
from shapelens.engine.layers.base import snake_case
from shapelens.engine.values import Layer

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Spec:
    kind: str
    args: dict

    def keras(self):
        return getattr(keras.layers, self.kind)(**{k: _made(v, "keras") for k, v in self.args.items()})

    def engine(self) -> Layer:
        return Layer(self.kind, {k: _made(v, "engine") for k, v in self.args.items()}, None, {}, snake_case(self.kind))


def _made(value, side: str):
    """An argument for one side: Specs (also in a list, as RNN's cells) made into that side's layers."""
    if isinstance(value, list):
        return [_made(v, side) for v in value]
    return getattr(value, side)() if isinstance(value, Spec) else value


def keras_message(error: Exception) -> str:
    """The first paragraph; for errors raised inside `call()`, also the wrapped message after it."""
    paragraphs = str(error).split("\n\n")
    if paragraphs[0].startswith("Exception encountered when calling") and len(paragraphs) > 1:
        return normalise(paragraphs[0] + "\n\n" + _ANSI.sub("", paragraphs[1]))
    return normalise(paragraphs[0])


def _keras_outcomes(spec: Spec, calls) -> list:
    outcomes = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            layer = spec.keras()
            for path, shape in calls:
                target = layer if path is None else getattr(layer, path)
                out = target(keras.KerasTensor(shape))
                outcomes.append(("ok", [tuple(o.shape) for o in out] if isinstance(out, (list, tuple))
                                 else tuple(out.shape)))
    except Exception as error:  # every exception is an outcome
        outcomes.append(("error", keras_message(error)))
    return outcomes


def _engine_outcomes(spec: Spec, calls) -> list:
    outcomes = []
    layer = spec.engine()
    for path, shape in calls:
        target = layer if path is None else layer.args[path]
        try:
            out = apply_layer(target, shape)
        except LayerError as error:
            outcomes.append(("error", normalise(error.message)))
            break
        outcomes.append(("unknown", None) if out is None else ("ok", out))
    return outcomes


def agree(spec: Spec, *calls) -> str:
    """Each call is a shape (call the layer) or (name, shape) (call the wrapped layer `spec.args[name]`).
    Assert the engine agrees with Keras on every call Keras reaches, or says unknown; return the engine's
    last verdict."""
    calls = [(c[0], tuple(c[1])) if c and isinstance(c[0], str) else (None, tuple(c)) for c in calls]
    engine = _engine_outcomes(spec, calls)
    if all(verdict == "unknown" for verdict, _ in engine):
        return "unknown"
    truth = _keras_outcomes(spec, calls)
    for i, (mine, theirs) in enumerate(zip(engine, truth)):
        if mine[0] != "unknown":
            assert mine == theirs, f"{spec} on {calls[:i + 1]}:\n engine: {mine}\n Keras:  {theirs}"
    return engine[-1][0]


def constructs(spec: Spec) -> bool:
    """Whether Keras accepts the layer's constructor arguments."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spec.keras()
        return True
    except Exception:
        return False


def mostly(usual, unusual):
    """Draw from `usual` three times in four."""
    return st.sampled_from([usual] * 3 + [unusual]).flatmap(lambda strategy: strategy)


dims = st.one_of(st.none(), st.integers(1, 5))
sizes = mostly(st.integers(1, 5), st.none())
batch = st.one_of(st.none(), st.integers(1, 3))


def shapes(rank: int, dims=sizes):
    """Shapes with a batch axis, mostly of the given rank."""
    other = st.lists(dims, min_size=0, max_size=rank)
    return st.tuples(batch, mostly(st.lists(dims, min_size=rank - 1, max_size=rank - 1), other)).map(
        lambda drawn: (drawn[0], *drawn[1]))


@st.composite
def rnn_specs(draw, units=mostly(st.integers(1, 4), st.integers(-1, 0)), go_backwards=st.booleans()):
    return Spec(draw(st.sampled_from(["LSTM", "GRU", "SimpleRNN"])), {
        "units": draw(units),
        "return_sequences": draw(st.booleans()),
        "return_state": draw(st.booleans()),
        "go_backwards": draw(go_backwards),
        "stateful": draw(mostly(st.just(False), st.just(True))),
    })


@st.composite
def conv_lstm_specs(draw, rank=None):
    rank = draw(st.integers(1, 2)) if rank is None else rank
    window = st.one_of(st.integers(1, 3), st.lists(st.integers(1, 3), min_size=rank, max_size=rank))
    odd_window = st.one_of(st.integers(-1, 0), st.lists(st.integers(0, 3), min_size=rank, max_size=rank + 1))
    return Spec(f"ConvLSTM{rank}D", {
        "filters": draw(st.integers(1, 3)),
        "kernel_size": draw(mostly(window, odd_window)),
        "strides": draw(mostly(st.just(1), st.sampled_from([2, 0, (1,) * rank, [2, 1][:rank]]))),
        "dilation_rate": draw(mostly(st.just(1), st.sampled_from([2, [2] * rank, 0]))),
        "padding": draw(mostly(st.sampled_from(["valid", "same"]), st.sampled_from(["SAME", "causal"]))),
        "data_format": draw(mostly(st.sampled_from(["channels_last", "channels_first"]),
                                   st.sampled_from(["Channels_Last", "nchw"]))),
        "return_sequences": draw(st.booleans()),
        "return_state": draw(st.booleans()),
    })


@settings(max_examples=80, deadline=None)
@given(spec=rnn_specs(), shape=shapes(3))
def test_rnn_layers_match_keras(spec, shape):
    agree(spec, shape)


@settings(max_examples=30, deadline=None)
@given(spec=rnn_specs(units=st.integers(1, 4)), first=st.tuples(st.integers(1, 5), st.integers(1, 5)),
       later=shapes(3))
def test_rnn_layers_check_only_the_rank_on_later_calls(spec, first, later):
    agree(spec, (2, *first), (2, *later[1:]))


@settings(max_examples=60, deadline=None)
@given(spec=conv_lstm_specs(), steps=dims, step=shapes(3, mostly(st.integers(1, 6), st.none())))
def test_conv_lstm_layers_match_keras(spec, steps, step):
    # One timestep's shape is drawn as for ConvLSTM1D; ConvLSTM2D's gets one more axis.
    extra = (3,) if spec.kind == "ConvLSTM2D" and len(step) == 3 else ()
    agree(spec, (step[0], steps, *step[1:], *extra))


@st.composite
def backward_of(draw, forward: Spec):
    """Mostly a backward layer fit for `forward`, sometimes one differing in a checked attribute."""
    args = {**forward.args, "units": draw(st.integers(1, 4)), "go_backwards": True}
    if draw(st.booleans()):
        name = draw(st.sampled_from(["go_backwards", "stateful", "return_sequences", "return_state"]))
        args[name] = not args.get(name, False)
    return Spec(draw(st.sampled_from(["LSTM", "GRU", "SimpleRNN"])), args)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), inner=mostly(rnn_specs(go_backwards=mostly(st.just(False), st.just(True))),
                                     conv_lstm_specs(rank=1)),
       with_backward=st.booleans(),
       merge_mode=st.sampled_from(["concat", "concat", "sum", "mul", "ave", None, None, "Sum"]))
def test_bidirectional_matches_keras(data, inner, with_backward, merge_mode):
    args = {"layer": inner, "merge_mode": merge_mode}
    if with_backward and inner.kind != "ConvLSTM1D":
        args["backward_layer"] = data.draw(backward_of(inner))
    agree(Spec("Bidirectional", args), data.draw(shapes(4 if inner.kind == "ConvLSTM1D" else 3)))


INNER = st.one_of(
    st.builds(lambda u: Spec("Dense", {"units": u}), mostly(st.integers(1, 4), st.just(0))),
    st.builds(lambda u, s: Spec("LSTM", {"units": u, "return_sequences": s}), st.integers(1, 4), st.booleans()),
    st.just(Spec("Dropout", {"rate": 0.5})),
    st.builds(lambda d: Spec("Embedding", {"input_dim": 10, "output_dim": d}), st.integers(1, 4)),
    st.builds(lambda f, k: Spec("Conv1D", {"filters": f, "kernel_size": k}), st.integers(1, 3), st.integers(1, 4)),
    conv_lstm_specs(rank=1),
    st.builds(lambda u: Spec("Bidirectional", {"layer": Spec("GRU", {"units": u})}), st.integers(1, 3)),
)


@settings(max_examples=80, deadline=None)
@given(inner=INNER, shape=st.one_of(shapes(3), shapes(4), shapes(5)))
def test_time_distributed_matches_keras(inner, shape):
    # Known difference: Keras refuses an invalid inner layer when it is created, before the wrapper
    # sees a too-small rank; the engine reports the rank.
    assume(len(shape) >= 3 or constructs(inner))
    agree(Spec("TimeDistributed", {"layer": inner}), shape)


@settings(max_examples=40, deadline=None)
@given(units=st.integers(1, 3), first=st.lists(st.integers(1, 4), min_size=2, max_size=3),
       later=st.lists(sizes, min_size=1, max_size=3), direct=st.booleans())
def test_time_distributed_builds_its_layer(units, first, later, direct):
    """The inner layer is built on the first call; later calls of the wrapper do not check its spec,
    direct calls of the inner layer do."""
    spec = Spec("TimeDistributed", {"layer": Spec("Dense", {"units": units})})
    agree(spec, (None, *first), ("layer", (None, *later)) if direct else (None, 2, *later))


def test_explicit_examples():
    lstm = Spec("LSTM", {"units": 4})
    assert agree(lstm, (None, 3)) == "error"  # expected ndim=3, found ndim=2
    assert agree(Spec("LSTM", {"units": 0}), (None, 5, 3)) == "error"
    assert agree(Spec("GRU", {"units": 4, "return_sequences": True, "return_state": True}), (None, 5, 3)) == "ok"
    assert agree(Spec("Bidirectional", {"layer": Spec("LSTM", {"units": 4, "return_state": True}),
                                        "merge_mode": None}), (None, 5, 3)) == "ok"
    assert agree(Spec("Bidirectional", {"layer": lstm, "backward_layer": lstm}), (None, 5, 3)) == "error"
    assert agree(Spec("Bidirectional", {"layer": "lstm"}), (None, 5, 3)) == "error"
    # Keras 3 fails in Bidirectional.compute_mask when a stateful layer returns its states.
    assert agree(Spec("Bidirectional", {"layer": Spec("LSTM", {"units": 4, "stateful": True, "return_state": True})}),
                 (2, 5, 3)) == "error"
    assert agree(Spec("TimeDistributed", {"layer": Spec("Dense", {"units": 4})}), (None, 5)) == "error"
    assert agree(Spec("TimeDistributed", {"layer": 3}), (None, 5, 3)) == "error"
    assert agree(Spec("ConvLSTM2D", {"filters": 4, "kernel_size": 3}), (None, 5, 2, 7, 2)) == "error"
    assert agree(Spec("Bidirectional", {"layer": Spec("ConvLSTM1D", {"filters": 4, "kernel_size": 3})}),
                 (None, 5, 2, 2)) == "error"
    assert agree(Spec("TimeDistributed", {"layer": Spec("ConvLSTM1D", {"filters": 4, "kernel_size": 3})}),
                 (None, 5, 6, 2, 2)) == "error"


CELLS = {"LSTMCell": 2, "GRUCell": 1, "SimpleRNNCell": 1}
cells = st.builds(lambda kind, units: Spec(kind, {"units": units}), st.sampled_from(sorted(CELLS)),
                  mostly(st.integers(1, 4), st.integers(-1, 0)))


@st.composite
def rnn_over_cells(draw):
    """RNN(cell), RNN([cells]) or RNN(StackedRNNCells([cells])), now and then with something that is no cell."""
    drawn = draw(st.lists(mostly(cells, st.sampled_from([3, "lstm", None])), min_size=1, max_size=3))
    how = draw(st.sampled_from(["one", "one", "list", "stacked"]))
    cell = drawn[0] if how == "one" else drawn if how == "list" else Spec("StackedRNNCells", {"cells": drawn})
    return Spec("RNN", {"cell": cell, "return_sequences": draw(st.booleans()), "return_state": draw(st.booleans()),
                        "go_backwards": draw(st.booleans()),
                        "stateful": draw(mostly(st.just(False), st.just(True)))})


@settings(max_examples=80, deadline=None)
@given(spec=rnn_over_cells(), shape=shapes(3))
def test_rnn_over_cells_matches_keras(spec, shape):
    agree(spec, shape)


@settings(max_examples=30, deadline=None)
@given(cell=cells, merge_mode=st.sampled_from(["concat", "sum", None]), return_sequences=st.booleans(),
       shape=shapes(3))
def test_bidirectional_rnn_over_a_cell_matches_keras(cell, merge_mode, return_sequences, shape):
    rnn = Spec("RNN", {"cell": cell, "return_sequences": return_sequences})
    agree(Spec("Bidirectional", {"layer": rnn, "merge_mode": merge_mode}), shape)


def test_rnn_over_cells_examples():
    lstm = Spec("LSTMCell", {"units": 4})
    assert agree(Spec("RNN", {"cell": lstm}), (None, 5, 3)) == "ok"
    assert agree(Spec("RNN", {"cell": lstm, "return_sequences": True, "return_state": True}), (None, 5, 3)) == "ok"
    assert agree(Spec("RNN", {"cell": [lstm, Spec("GRUCell", {"units": 2})]}), (None, 5, 3)) == "ok"
    assert agree(Spec("RNN", {"cell": Spec("StackedRNNCells", {"cells": [lstm, lstm]}), "return_sequences": True}),
                 (None, 5, 3)) == "ok"
    assert agree(Spec("RNN", {"cell": Spec("GRUCell", {"units": 0})}), (None, 5, 3)) == "error"
    assert agree(Spec("RNN", {"cell": 3}), (None, 5, 3)) == "error"
    assert agree(Spec("RNN", {"cell": [lstm, "gru"]}), (None, 5, 3)) == "error"
    assert agree(Spec("Bidirectional", {"layer": Spec("RNN", {"cell": lstm})}), (None, 5, 3)) == "ok"
    # Stacked cells return their states as nested lists; a cell called alone needs its states.
    assert agree(Spec("RNN", {"cell": [lstm, lstm], "return_state": True}), (None, 5, 3)) == "unknown"
    assert agree(lstm, (None, 3)) == "unknown"


NORMALIZED = st.one_of(
    st.builds(lambda u: Spec("Dense", {"units": u}), mostly(st.integers(1, 4), st.just(0))),
    st.builds(lambda f, k: Spec("Conv2D", {"filters": f, "kernel_size": k}), st.integers(1, 3), st.integers(1, 4)),
    st.builds(lambda f, k: Spec("Conv1D", {"filters": f, "kernel_size": k}), st.integers(1, 3), st.integers(1, 4)),
    st.builds(lambda d: Spec("Embedding", {"input_dim": 10, "output_dim": d}), st.integers(1, 4)),
    st.sampled_from([Spec("Dropout", {"rate": 0.5}), Spec("LSTM", {"units": 2}), 3, "dense"]),
)


@settings(max_examples=80, deadline=None)
@given(inner=NORMALIZED, iterations=mostly(st.just(1), st.integers(-1, 3)), shape=st.one_of(shapes(3), shapes(4)),
       later=st.one_of(st.none(), shapes(3), shapes(4)))
def test_spectral_normalization_matches_keras(inner, iterations, shape, later):
    spec = Spec("SpectralNormalization", {"layer": inner, "power_iterations": iterations})
    agree(spec, shape) if later is None else agree(spec, shape, later)


def test_spectral_normalization_examples():
    dense = Spec("Dense", {"units": 4})
    assert agree(Spec("SpectralNormalization", {"layer": dense}), (None, 5, 3), (None, 3)) == "ok"
    assert agree(Spec("SpectralNormalization", {"layer": dense}), (None, 5, 3), (None, 5, 2)) == "error"
    conv = Spec("Conv2D", {"filters": 4, "kernel_size": 3})
    assert agree(Spec("SpectralNormalization", {"layer": conv}), (None, 8, 8, 3)) == "ok"
    assert agree(Spec("SpectralNormalization", {"layer": conv}), (None, 2, 2, 3)) == "error"
    assert agree(Spec("SpectralNormalization", {"layer": 3}), (None, 5)) == "error"
