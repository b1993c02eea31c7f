"""One-line descriptions of values, for hovers, inlay hints and the CLI's JSON."""
from __future__ import annotations

from typing import Any

from .values import Layer, Model, Tensor, format_shape


def describe_value(value: Any) -> tuple[str, str, tuple | None, str] | None:
    """(kind, summary, shape, detail) for values worth showing; None otherwise."""
    if isinstance(value, Tensor) and value.shape is not None:
        dtype = f" {value.dtype}" if value.dtype else ""
        what = "KerasTensor" if value.symbolic else "Tensor"
        return "tensor", f"{what} {format_shape(value.shape)}{dtype}", value.shape, ""
    if isinstance(value, Model) and not value.poisoned:
        return "model", model_summary_line(value), value.outputs[0] if len(value.outputs) == 1 else None, \
            model_table(value)
    if isinstance(value, Layer):
        return "layer", f"{value.kind} '{value.name}'", None, ""
    return None


def model_summary_line(model: Model) -> str:
    inputs = ", ".join(format_shape(s) for s in model.inputs) or "input not yet known"
    outputs = ", ".join(format_shape(s) for s in model.outputs) or "?"
    return f"{model.kind} '{model.name}' · {inputs} → {outputs}"


def model_table(model: Model) -> str:
    """Each layer with its output shape, like model.summary()."""
    if not model.layers:
        return ""
    rows = []
    for layer, shape in zip(model.layers, model.layer_outputs):
        kind = layer.kind
        rows.append(f"{layer.name} ({kind})".ljust(36) + (format_shape(shape) if shape is not None else "?"))
    return "\n".join(rows)
