"""Quick fixes for a loss that rejects the labels: each is offered only if the loss then accepts
the labels (checked here with the same rules) — the engine re-checks the whole file afterwards."""
from __future__ import annotations

import ast
from typing import Any

from ..fixes import insert_before_element, insert_line_before, replace_node
from ..report import Fix
from ..values import ApiRef, Layer, Model, Shape
from .losses import LossError, check_loss


def _passes(loss: str, target: Shape, output: Shape) -> bool:
    try:
        check_loss(loss, target, output)
    except LossError:
        return False
    return True


def loss_fixes(interp, model: Model, loss: str, target: Shape, output: Shape) -> list[Fix]:
    fixes: list[Fix] = []
    switched = {"categorical_crossentropy": "sparse_categorical_crossentropy",
                "sparse_categorical_crossentropy": "categorical_crossentropy"}.get(loss)
    node = model.loss_node
    if switched and isinstance(node, ast.Constant) and isinstance(node.value, str) and _passes(switched, target, output):
        labels = "integer class ids" if switched.startswith("sparse") else "one-hot labels"
        quote = interp.source.snippet(node)[0]
        fixes.append(replace_node(interp.source, node, f"{quote}{switched}{quote}",
                                  f"Use {switched} for {labels}", preferred=True))
    last = model.layers[-1] if model.kind == "Sequential" and model.layers else None
    if isinstance(last, Layer) and last.kind == "Dense":
        fixes += _units_fix(interp, last, loss, target, output)
        fixes += _flatten_fix(interp, model, last, loss, target, output)
    return fixes


def _units_fix(interp, dense: Layer, loss: str, target: Shape, output: Shape) -> list[Fix]:
    units = dense.arg_nodes.get("units")
    classes = target[-1]
    if (not isinstance(units, ast.Constant) or classes is None or len(target) != len(output)
            or not _passes(loss, target, output[:-1] + (classes,))):
        return []
    return [replace_node(interp.source, units, str(classes), f"Set the last Dense to {classes} units")]


def _flatten_fix(interp, model: Model, dense: Layer, loss: str, target: Shape, output: Shape) -> list[Fix]:
    """Dense on a feature map keeps its spatial axes: flatten them first."""
    before = model.layer_outputs[-2] if len(model.layers) > 1 else model.inputs[0] if model.inputs else None
    if before is None or len(before) < 3 or any(d is None for d in before[1:]) or dense.node is None:
        return []
    if not _passes(loss, target, (output[0], output[-1])):
        return []
    flatten = _spelling(interp, dense.node.func, "Flatten")
    if flatten is None:
        return []
    title = "Insert Flatten() before the last Dense layer"
    if dense.added_by is not None:
        receiver = interp.source.snippet(dense.added_by.func.value, 10**6)
        return [insert_line_before(interp.source, dense.added_by, f"{receiver}.add({flatten}())", title)]
    return [insert_before_element(interp.source, dense.node, f"{flatten}()", title)]


def _spelling(interp, func: ast.expr, name: str) -> str | None:
    """How this file spells another class of the module `func` comes from: layers.Dense →
    layers.Flatten; Dense (imported by name) → Flatten if that name is imported too."""
    if isinstance(func, ast.Attribute):
        return f"{interp.source.snippet(func.value, 10**6)}.{name}"
    value: Any = interp.frames[0].env.get(name)
    return name if isinstance(value, ApiRef) and value.path.endswith(f"layers.{name}") else None
