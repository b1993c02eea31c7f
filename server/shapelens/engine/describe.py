"""One-line descriptions of values, for hovers, inlay hints and the CLI's JSON."""
from __future__ import annotations

from typing import Any

from .params import count_params
from .values import Dataset, Layer, Model, PilImage, Tensor, format_shape


def describe_value(value: Any) -> tuple[str, str, tuple | None, str] | None:
    """(kind, summary, shape, detail) for values worth showing; None otherwise."""
    if isinstance(value, Tensor) and value.shape is not None:
        dtype = f" {value.dtype}" if value.dtype else ""
        what = "KerasTensor" if value.symbolic else "Tensor"
        return "tensor", f"{what} {format_shape(value.shape)}{dtype}", value.shape, value.origin or ""
    if isinstance(value, Model) and not value.poisoned:
        return "model", model_summary_line(value), value.outputs[0] if len(value.outputs) == 1 else None, \
            model_table(value)
    if isinstance(value, Layer):
        return "layer", f"{value.kind} '{value.name}'", None, ""
    if isinstance(value, PilImage) and value.size is not None:
        mode = f" {value.mode}" if value.mode else ""
        return "image", f"PIL Image {value.size[0]}x{value.size[1]} (width x height){mode}", None, value.origin or ""
    if isinstance(value, Dataset):
        tensors = _tensors(value.element)
        if tensors:
            origin = next((t.origin for t in tensors if t.origin), "")
            return "dataset", f"Dataset of {'batches' if value.batched else 'elements'} {_element(value.element)}", \
                None, origin
    from .api.frames import describe_frame
    return describe_frame(value)


def _tensors(element: Any) -> list[Tensor]:
    """The tensors of a dataset's element (a tensor, or a tuple or dict of them), in order."""
    if isinstance(element, Tensor):
        return [element]
    parts = element.values() if isinstance(element, dict) else element if isinstance(element, tuple) else None
    found = [_tensors(part) for part in parts] if parts is not None else [[]]
    return [] if not all(found) else [t for tensors in found for t in tensors]


def _element(element: Any) -> str:
    """((None, 180, 180, 3) float32, (None,) int32), or {'image': (28, 28, 1) uint8, ...}"""
    if isinstance(element, dict):
        return "{" + ", ".join(f"'{key}': {_element(part)}" for key, part in element.items()) + "}"
    if isinstance(element, tuple):
        return "(" + ", ".join(_element(part) for part in element) + ")"
    return format_shape(element.shape) + (f" {element.dtype}" if element.dtype else "")


def model_summary_line(model: Model) -> str:
    inputs = ", ".join(format_shape(s) for s in model.inputs) or "input not yet known"
    outputs = ", ".join(format_shape(s) for s in model.outputs) or "?"
    return f"{model.kind} '{model.name}' · {inputs} → {outputs}"


def model_table(model: Model) -> str:
    """Each layer with its output shape and parameter count, like model.summary()."""
    if not model.layers or model.kind != "Sequential":
        return ""
    rows = [f"{'Layer (type)':<34}{'Output Shape':<24}Param #"]
    total: int | None = 0
    previous = model.inputs[0] if model.inputs else None
    for layer, shape in zip(model.layers, model.layer_outputs):
        params = count_params(layer, previous) if isinstance(layer, Layer) and previous is not None else None
        total = None if params is None or total is None else total + params
        name = f"{layer.name} ({layer.kind})"
        shown = format_shape(shape) if shape is not None else "?"
        rows.append(f"{name:<34}{shown:<24}{params:,}" if params is not None else f"{name:<34}{shown:<24}?")
        previous = shape
    rows.append(f"Total params: {total:,}" if total is not None else "Total params: unknown")
    return "\n".join(rows)
