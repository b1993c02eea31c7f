"""Keras 2 mode: where Keras 2 (tf-keras, or TensorFlow ≤ 2.15) words or decides differently.

The engine's rules speak Keras 3. `analyse(..., runtime=runtime.KERAS2)` runs them in Keras 2 mode, in which
- `translate` rewords the finished diagnostics (the same error, Keras 2's message);
- the few rules that decide differently ask `runtime.keras2()`; each difference was measured
  against tf-keras 2.21 (tests/keras2/):
  - convolutions take extra leading batch axes, so `input_shape=(32, 28, 28, 3)` on a Conv2D
    passes and the next layer that checks the rank raises (`layers/keras2.py`);
  - `Dense(0)`, `RepeatVector(0)`, `MultiHeadAttention(0, ...)` and a Cropping3D that crops
    everything are accepted (`layers/keras2.py`);
  - a model with a declared input (a Sequential's `input_shape=` too) checks real data against
    it, and does not check KerasTensors (api/models.py);
  - a layer has `input_shape`/`output_shape` once it is part of a graph (`api/keras2.py`);
  - `batch_input_shape=` is a layer argument (layers/__init__.py);
  - the losses match ranks, check shapes and word errors their own way (`api/keras2.py`);
  - `input_shape=` draws no warning, so there is no SL301 hint.
Errors Keras 2 leaves to a TensorFlow op name a graph node (`'{{node conv2d/Conv2D}} = Conv2D[...]'`)
that depends on how the model runs; here they keep the op's words and shapes, not the node.
"""
from __future__ import annotations

import re

from .layers.base import DEPRECATED_INPUT_SHAPE
from .report import Diagnostic


# ---- wording -------------------------------------------------------------------------------------------

_REWORDINGS = [
    # InputSpec checks, of layers and of models: Keras 2 names neither the input nor quotes the same way.
    (re.compile(r"Input (\d+) with name '[^']*' of layer '([^']*)' is incompatible"),
     r'Input \1 of layer "\2" is incompatible'),
    (re.compile(r"Cannot merge tensors with different batch sizes\. Received tensors"),
     "Cannot merge tensors with different batch sizes. Got tensors"),
    (re.compile(r"`TimeDistributed` Layer should be passed an `input_shape` "),
     "`TimeDistributed` Layer should be passed an `input_shape ` "),
    (re.compile(r"(?:The `padding` argument must be a list/tuple or one of \{[^}]*\}|"
                r"Argument `padding` must be either 'valid' or 'same')\. Received: (?:padding=)?(\S+)"),
     (r'The `padding` argument must be a list/tuple or one of "valid", "same" (or "causal", only for `Conv1D). '
      r"Received: \1")),
    (re.compile(r"The `data_format` argument must be one of \{'channels_first', 'channels_last'\}\. "
                r"Received: data_format=(\S+)"),
     r'The `data_format` argument must be one of "channels_first", "channels_last". Received: \1'),
    (re.compile(r"(The number of filters must be evenly divisible by the number of groups\. "
                r"Received: groups=\d+, filters=\d+)\."), r"\1"),
    (re.compile(r"Invalid value for argument score_mode\. Expected one of \{'dot', 'concat'\}\. "
                r"Received: score_mode=(\S+)"),
     r'Received: score_mode=\1. Acceptable values are: ["dot", "concat"]'),
    (re.compile(r"`output_padding` must be strictly less than `strides` for all dimensions\. .*? "
                r"Received: output_padding=(\(.*?\)), strides=(\(.*?\))"),
     r"Strides must be greater than output padding. Received strides=\2, output_padding=\1."),
]


def translate(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Keras 3's diagnostics as Keras 2 gives them: reworded, without the hint Keras 2 has no reason for."""
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.code == DEPRECATED_INPUT_SHAPE:
            continue
        for pattern, replacement in _REWORDINGS:
            diagnostic.message = pattern.sub(replacement, diagnostic.message)
        kept.append(diagnostic)
    return kept
