"""Diagnostic codes: their names, and selecting codes by code or prefix (`SL1`), as ruff does."""
from __future__ import annotations

import re
from typing import Iterable

# code → (name, what Keras rejects); the README's table "Diagnostics" says more about each.
CODES = {
    "SL001": ("syntax-error", "Python cannot parse the file"),
    "SL002": ("analysis-stopped", "The analysis ran out of time; nothing after this line was checked"),
    "SL101": ("incompatible-axis", "A layer gets a different size of an axis than it was built for"),
    "SL102": ("incompatible-rank", "A layer gets a tensor of the wrong rank"),
    "SL103": ("batch-axis-in-input-shape", "The input shape includes the batch size"),
    "SL104": ("output-size-not-positive", "A convolution or pooling shrinks an axis to zero or below"),
    "SL105": ("reshape-size-mismatch", "Reshape to a shape with a different number of elements"),
    "SL106": ("merge-shape-mismatch", "A merge layer gets shapes that do not match or broadcast"),
    "SL107": ("model-input-mismatch", "A model gets data whose shape differs from its declared input"),
    "SL108": ("missing-batch-axis", "A single sample is passed where a batch is expected"),
    "SL109": ("invalid-argument", "A layer argument Keras rejects for these shapes"),
    "SL110": ("op-shape-mismatch", "A tensor operation on shapes it rejects"),
    "SL111": ("no-layer-shape-attribute", "Keras 3 layers have no input_shape/output_shape"),
    "SL112": ("op-dtype-mismatch", "A TensorFlow operation on dtypes it refuses to mix"),
    "SL201": ("loss-rank-mismatch", "Labels and model output have ranks the loss rejects"),
    "SL202": ("loss-shape-mismatch", "Labels and model output shapes differ"),
    "SL301": ("input-shape-argument", "input_shape=/input_dim= on a layer; Keras 3 prefers keras.Input"),
    "SL401": ("data-file-rejected", "A data file the loader rejects as written"),
    "SL901": ("unused-suppression", "A shapelens: ignore comment that silences nothing"),
}

CODE_PATTERN = re.compile(r"SL\d{0,3}")


def name(code: str) -> str:
    return CODES.get(code, ("", ""))[0]


def is_selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Whether `code` is reported: the longest matching prefix decides, `ignore` winning a tie;
    without `select` every code is selected."""
    select = list(select) or [""]

    def longest(prefixes: list[str]) -> int:
        return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

    return longest(select) > longest(list(ignore))
