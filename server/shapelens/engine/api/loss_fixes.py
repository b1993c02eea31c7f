"""Quick fixes for a loss that rejects the labels: each is offered only if the loss then accepts
the labels (checked here with the same rules) — the engine re-checks the whole file afterwards."""
from __future__ import annotations

import ast
import re

from ..fixes import api_spelling, insert_before_element, insert_line_before, layer_spelling, replace_node
from ..modules import module_of
from ..report import Fix
from ..values import Layer, Model, Shape
from .losses import LossError, check_loss

# keras.losses spells each loss as a function and as a class.
_SPELLINGS = {"categorical_crossentropy": "CategoricalCrossentropy",
              "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy"}


def _passes(loss: str, target: Shape, output: Shape) -> bool:
    try:
        check_loss(loss, target, output)
    except LossError:
        return False
    return True


def loss_fixes(interp, model: Model, loss: str, target: Shape, output: Shape,
               labels: ast.AST | None = None) -> list[Fix]:
    fixes: list[Fix] = []
    switched = {"categorical_crossentropy": "sparse_categorical_crossentropy",
                "sparse_categorical_crossentropy": "categorical_crossentropy"}.get(loss)
    if switched and _passes(switched, target, output):
        fixes += _switch_fix(interp, model.loss_node, switched)
    if labels is not None:
        fixes += _labels_fixes(interp, labels, loss, target, output)
    last = _last_layer(model)
    if isinstance(last, Layer) and last.kind == "Dense":
        fixes += _units_fix(interp, last, loss, target, output)
        if model.kind == "Sequential":
            fixes += _flatten_fix(interp, model, last, loss, target, output)
    return fixes


def _switch_fix(interp, node: ast.AST | None, switched: str) -> list[Fix]:
    """'categorical_crossentropy', keras.losses.categorical_crossentropy or
    keras.losses.CategoricalCrossentropy(...) → its sparse (or one-hot) counterpart, spelled alike."""
    labels = "integer class ids" if switched.startswith("sparse") else "one-hot labels"
    title = f"Use {switched} for {labels}"
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        quote = interp.source.snippet(node)[0]
        return [replace_node(interp.source, node, f"{quote}{switched}{quote}", title, preferred=True)]
    func = node.func if isinstance(node, ast.Call) else node
    # keras.losses.<loss> only: a name imported alone may lack its counterpart, `self.loss` is a variable
    if not isinstance(func, ast.Attribute) or func.attr not in (*_SPELLINGS, *_SPELLINGS.values()):
        return []
    name = _SPELLINGS[switched] if func.attr in _SPELLINGS.values() else switched
    receiver = interp.source.snippet(func.value, 10**6)
    return [replace_node(interp.source, func, f"{receiver}.{name}", title, preferred=True)]


def _last_layer(model: Model) -> Layer | None:
    """The layer making a Sequential model's output, or a functional model's only output."""
    if model.kind == "Sequential":
        return model.layers[-1] if model.layers else None
    outputs = model.graph[1] if model.graph else None
    if isinstance(outputs, (list, tuple)):
        outputs = outputs[0] if len(outputs) == 1 else None
    producer = getattr(outputs, "producer", None)
    return producer[0] if producer and isinstance(producer[0], Layer) else None


def _labels_fixes(interp, labels: ast.AST, loss: str, target: Shape, output: Shape) -> list[Fix]:
    """At the labels given to fit: one-hot ↔ integer labels, or drop an extra axis of one."""
    text = interp.source.snippet(labels, 10**6)
    numpy = interp.numpy_alias()
    if not text or "\n" in text or isinstance(labels, (ast.List, ast.Tuple)) or module_of(labels) is not None:
        return []
    classes = output[-1]
    if loss == "categorical_crossentropy" and len(target) == len(output) - 1 and classes is not None:
        spelled = api_spelling(interp.frames[0].env, "keras.utils.to_categorical")
        if spelled and _passes(loss, target + (classes,), output):
            return [replace_node(interp.source, labels, f"{spelled}({text}, {classes})", "One-hot encode the labels",
                                 speculative=True)]
    if loss == "sparse_categorical_crossentropy" and len(target) == len(output) and numpy:
        if _passes(loss, target[:-1], output):
            return [replace_node(interp.source, labels, f"{numpy}.argmax({text}, axis=-1)",
                                 "Use class ids (argmax) of the one-hot labels", speculative=True)]
    ones = [i for i, size in enumerate(target) if i and size == 1]
    if len(target) == len(output) + 1 and ones and _passes(loss, target[:ones[0]] + target[ones[0] + 1:], output):
        index = ", ".join([":"] * ones[0] + ["0"])
        return [replace_node(interp.source, labels, f"{text}[{index}]", f"Drop the labels' axis {ones[0]} of size 1",
                             speculative=True)]
    return []


def _units_fix(interp, dense: Layer, loss: str, target: Shape, output: Shape) -> list[Fix]:
    """The last Dense's units to match the labels: their last axis, or one unit for a label per sample."""
    units = dense.arg_nodes.get("units")
    # one target per sample takes one unit, but for a softmax over classes
    one_per_sample = len(target) == len(output) - 1 and "categorical" not in loss
    classes = target[-1] if len(target) == len(output) else 1 if one_per_sample else None
    if (units is None or classes is None or "\n" in interp.source.snippet(units, 10**6)
            or not _passes(loss, target, output[:-1] + (classes,))):
        return []
    title = f"Set the last Dense to {classes} unit{'s' if classes != 1 else ''}"
    return [replace_node(interp.source, units, str(classes), title)]


def _flatten_fix(interp, model: Model, dense: Layer, loss: str, target: Shape, output: Shape) -> list[Fix]:
    """Dense on a feature map keeps its spatial axes: flatten them first."""
    before = model.layer_outputs[-2] if len(model.layers) > 1 else model.inputs[0] if model.inputs else None
    if before is None or len(before) < 3 or any(d is None for d in before[1:]) or dense.node is None:
        return []
    if not _passes(loss, target, (output[0], output[-1])):
        return []
    flatten = layer_spelling(interp.source, interp.frames[0].env, dense.node.func, "Flatten")
    if flatten is None:
        return []
    title = "Insert Flatten() before the last Dense layer"
    if dense.added_by is not None:
        receiver = interp.source.snippet(dense.added_by.func.value, 10**6)
        return [insert_line_before(interp.source, dense.added_by, f"{receiver}.add({flatten}())", title)]
    # A layer list grown statement by statement: `layers.append(Dense(...))` on a line of its own.
    span = interp.source.span(dense.node)
    line = interp.source.lines[span.line]
    appended = re.fullmatch(r"\s*([\w.]+)\.append\(", line[:span.column])
    if appended and span.end_line == span.line and re.fullmatch(r"\)\s*(#.*)?", line[span.end_column:].rstrip("\r\n")):
        return [insert_line_before(interp.source, dense.node, f"{appended.group(1)}.append({flatten}())", title)]
    return [insert_before_element(interp.source, dense.node, f"{flatten}()", title)]
