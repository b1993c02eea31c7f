"""Layers without a built-in rule: real Keras's compute_output_shape answers, when loaded."""
import textwrap

import pytest

from keras_run import raising_line
from shapelens.engine import KerasOracle, analyse
from shapelens.engine.layers.base import RULES

PROGRAM = textwrap.dedent("""
    import numpy as np
    import keras
    inputs = keras.Input((8,))
    outputs = keras.layers.EinsumDense("ab,bc->ac", output_shape=4)(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    model.fit(np.zeros((6, 8)), np.zeros((6, {classes})), epochs=1, verbose=0)
""")


@pytest.fixture(autouse=True)
def without_a_rule(monkeypatch):
    """Every class in keras.layers has a rule; Keras answers for the classes a newer release adds.
    Played here by EinsumDense without its rule."""
    monkeypatch.delitem(RULES, "EinsumDense")


def test_without_the_oracle_the_layer_is_unknown_and_silent():
    oracle = KerasOracle()
    assert analyse(PROGRAM.format(classes=5), oracle=oracle).diagnostics == []
    assert oracle.misses == 1  # it was needed


def test_with_the_oracle_the_outcome_matches_keras():
    oracle = KerasOracle()
    assert oracle.load()
    for classes in (4, 5):
        source = PROGRAM.format(classes=classes)
        expected = raising_line(source)
        found = [d.span.line + 1 for d in analyse(source, oracle=oracle).diagnostics]
        assert found == ([] if expected is None else [expected])


def test_the_oracle_refuses_non_literal_arguments_and_generic_layers():
    oracle = KerasOracle()
    assert oracle.load()
    assert oracle.output_shape("EinsumDense", ("ab,bc->ac",), {"output_shape": 4}, (None, 8)) == (None, 4)
    assert oracle.output_shape("EinsumDense", (), {"equation": object()}, (None, 8)) is None
    assert oracle.output_shape("NotALayer", (), {}, (None, 8)) is None
