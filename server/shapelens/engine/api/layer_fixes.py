"""Quick fixes for a layer that rejects its input inside a model (SL102, SL104, SL105, SL106). Each
candidate is first run through the layer's own rule; the engine then re-checks the whole file, since
later layers may reject the new shape."""
from __future__ import annotations

import ast
import dataclasses
import math
from typing import Any

from ..fixes import (api_spelling, append_element, layer_spelling, remove_statement, replace_element, replace_node,
                     set_keyword)
from ..layers import LayerError, apply_layer
from ..modules import module_of
from ..layers.base import (INVALID_ARGUMENT, MERGE_MISMATCH, OUTPUT_NOT_POSITIVE, RANK_MISMATCH, RESHAPE_SIZE, RULES,
                           Unknowable, literal_shape)
from ..report import Fix, Span, TextEdit
from ..values import Layer, Tensor, format_shape

ELEMENTWISE = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
CHANNELS = {"Dense": "units", "Conv1D": "filters", "Conv2D": "filters", "Conv3D": "filters"}


def _runs(layer: Layer, shape: Any, **changes: Any) -> bool:
    """Would the layer, with these arguments changed, accept this input?"""
    try:
        return apply_layer(Layer(layer.kind, {**layer.args, **changes}, None, {}, layer.name), shape) is not None
    except (LayerError, Unknowable):
        return False


def layer_fixes(interp, error: LayerError, layer: Layer, shape: Any, producers: list, elements: list | None,
                declared: ast.AST | None) -> list[Fix]:
    """`shape`: the layer's input shape(s); `producers`: the layer that made each input (or None);
    `elements`: the input expressions of a merge, as written in its list; `declared`: the literal
    input shape the layer is fed straight from. All speculative: a later layer may reject the new shape."""
    # `**options` may already hold the argument a fix would add.
    if not isinstance(layer.node, ast.Call) or shape is None or any(k.arg is None for k in layer.node.keywords):
        return []
    return [dataclasses.replace(fix, speculative=True)
            for fix in _candidates(interp, error, layer, shape, producers, elements, declared)]


def _candidates(interp, error: LayerError, layer: Layer, shape: Any, producers: list, elements: list | None,
                declared: ast.AST | None) -> list[Fix]:
    source = interp.source
    if error.code == OUTPUT_NOT_POSITIVE and "padding" in getattr(RULES.get(layer.kind), "params", ()) \
            and _runs(layer, shape, padding="same"):
        return [set_keyword(source, layer.node, layer.arg_nodes.get("padding"), "padding", '"same"',
                            f'Use padding="same" in {layer.kind}')]
    if error.code == RESHAPE_SIZE and layer.kind == "Reshape":
        return _reshape_fixes(interp, layer, shape, producers[0] if producers else None)
    if error.code == MERGE_MISMATCH and layer.kind == "Concatenate":
        axis = next((a for a in range(1, len(shape[0])) if _runs(layer, shape, axis=a)), None)
        return [] if axis is None else [set_keyword(source, layer.node, layer.arg_nodes.get("axis"), "axis",
                                                    str(axis), f"Concatenate along axis {axis}")]
    if error.code == MERGE_MISMATCH and layer.kind in ELEMENTWISE and elements is not None:
        return _match_channels(interp, layer, shape, producers, elements)
    if error.code == RANK_MISMATCH and producers and isinstance(producers[0], Layer) and not isinstance(shape, list) \
            and _runs(layer, tuple(shape) + (1,)):
        kept = _keep_reduced_axis(interp, producers[0])
        if kept:
            return kept
    if (error.code == RANK_MISMATCH and isinstance(declared, (ast.Tuple, ast.List)) and literal_shape(declared)
            and len(declared.elts) == len(shape) - 1 and _runs(layer, tuple(shape) + (1,))):
        new = format_shape(tuple(shape[1:]) + (1,))
        return [append_element(source, declared, "1", f"Add an axis of size 1 to the input shape: {new}")]
    if error.code == INVALID_ARGUMENT and producers:
        return _pool_instead_of_flatten(interp, layer, producers[0])
    return []


def _reshape_fixes(interp, layer: Layer, shape: Any, producer: Any) -> list[Fix]:
    """Keep the target's axes but one, which takes the size the element count leaves for it; or,
    after a Dense, give the Dense as many units as the target holds."""
    node, target = layer.arg_nodes.get("target_shape"), layer.args.get("target_shape")
    if not literal_shape(node) or not isinstance(node, (ast.Tuple, ast.List)) or None in shape[1:] \
            or not isinstance(target, (tuple, list)) or -1 in target:
        return []
    total = math.prod(shape[1:])
    sizes = {i: total // rest for i in range(len(target))
             if total % (rest := math.prod(target[:i] + target[i + 1:])) == 0 and total // rest > 0}
    # A target that ends on the input's last axis (patches of 16 features) keeps that axis.
    kept = [i for i in sizes if i != len(target) - 1 or target[-1] != shape[-1] or len(shape) < 3]
    if kept:
        i = kept[-1]
        new = list(target[:i]) + [sizes[i]] + list(target[i + 1:])
        fix = replace_element(interp.source, node, i, str(sizes[i]),
                              f"Reshape to {format_shape(tuple(new))} ({total} values)", preferred=True)
        return [fix] if fix else []
    units = producer.arg_nodes.get("units") if isinstance(producer, Layer) and producer.kind == "Dense" else None
    if len(shape) == 2 and isinstance(units, ast.Constant) and type(units.value) is int:
        count = math.prod(target)
        return [replace_node(interp.source, units, str(count), f"Set Dense units to {count} to fill the Reshape",
                             preferred=True)]
    return []


def _match_channels(interp, layer: Layer, shapes: list, producers: list, elements: list) -> list[Fix]:
    """Inputs that differ only in their last axis: give the others the first input's size, by
    changing the units/filters of the layer that made them, or by projecting them (1x1 conv, Dense)."""
    first = shapes[0]
    want = first[-1]
    if want is None or len(elements) != len(shapes) or any(
            len(s) != len(first) or tuple(s[1:-1]) != tuple(first[1:-1]) for s in shapes):
        return []
    edits, titles = [], []
    for shape, producer, element in zip(shapes[1:], producers[1:], elements[1:]):
        if shape[-1] == want:
            continue
        argument = CHANNELS.get(producer.kind) if isinstance(producer, Layer) else None
        written = producer.arg_nodes.get(argument) if argument else None
        if isinstance(written, ast.Constant) and type(written.value) is int:
            edits.append(TextEdit(interp.source.span(written), str(want)))
            titles.append(f"Set {producer.kind} '{producer.name}' to {want} {argument}")
            continue
        kind = "Dense" if len(first) == 2 else f"Conv{len(first) - 2}D" if len(first) <= 5 else None
        spelled = layer_spelling(interp.source, interp.frames[0].env, layer.node.func, kind) if kind else None
        text = interp.source.snippet(element, 10**6)
        if spelled is None or not text or "\n" in text:
            return []
        edits.append(TextEdit(interp.source.span(element),
                              f"{spelled}({want})({text})" if kind == "Dense" else f"{spelled}({want}, 1)({text})"))
        titles.append(f"Project {text} to {want} channels with a {'Dense layer' if kind == 'Dense' else '1x1 ' + kind}")
    if not edits:
        return []
    title = titles[0] if len(titles) == 1 else f"Give every input of {layer.kind} {want} channels"
    return [Fix(title, tuple(edits), preferred=True)]


def drop_flatten(interp, model, index: int, error: LayerError) -> list[Fix]:
    """A Flatten right before a layer that needs the axes it removed (Conv2D, LSTM): remove it."""
    layer, before = model.layers[index], model.layers[index - 1] if index else None
    if (error.code != RANK_MISMATCH or not isinstance(before, Layer) or before.kind != "Flatten"
            or not isinstance(before.node, ast.Call) or not isinstance(layer.node, ast.Call)):
        return []
    shape = model.layer_outputs[index - 2] if index > 1 else model.inputs[0] if model.inputs else None
    if shape is None or not _runs(layer, shape):
        return []
    title = f"Remove the Flatten before {layer.kind}"
    if before.added_by is not None:  # model.add(Flatten()) on a line of its own
        span = interp.source.span(before.added_by)
        lines = interp.source.lines
        if lines[span.line][:span.column].strip() or lines[span.end_line][span.end_column:].strip()[:1] not in ("", "#"):
            return []
        fix = remove_statement(interp.source, before.added_by, title)
    elif layer.added_by is None:
        start, end = interp.source.span(before.node), interp.source.span(layer.node)  # list elements in a row
        fix = Fix(title, (TextEdit(Span(start.line, start.column, end.line, end.column), ""),), preferred=True)
    else:
        return []
    return [dataclasses.replace(fix, speculative=True)]  # a later layer may reject the unflattened shape


def _pool_instead_of_flatten(interp, layer: Layer, flatten: Any) -> list[Fix]:
    """Flatten over an axis of any length (sequences of any length) leaves the next layer's input size
    unknown, so its kernel cannot be built: pool over that axis instead (GlobalAveragePooling1D/2D)."""
    shape = flatten.built_shape if isinstance(flatten, Layer) and flatten.kind == "Flatten" else None
    if (not isinstance(shape, tuple) or not isinstance(flatten.node, ast.Call) or len(shape) not in (3, 4)
            or None not in shape[1:-1] or shape[-1] is None or "data_format" in flatten.args
            or not _runs(layer, (shape[0], shape[-1]))):
        return []
    kind = f"GlobalAveragePooling{len(shape) - 2}D"
    spelled = layer_spelling(interp.source, interp.frames[0].env, flatten.node.func, kind) or \
        api_spelling(interp.frames[0].env, f"keras.layers.{kind}")
    if spelled is None:
        return []
    return [replace_node(interp.source, flatten.node.func, spelled,
                         f"Pool over the variable-length axis: {kind} instead of Flatten", preferred=True)]


def padding_on_the_path(interp, error: LayerError, layer: Layer, tensors: list) -> list[Fix]:
    """The inputs of a merge differ in size because a convolution or pooling upstream has no
    padding (a U-Net's skip connection): padding="same" on that layer, when the path, run again with
    it, makes the merge accept its inputs. Speculative: the layer may feed other paths too."""
    if error.code != MERGE_MISMATCH or not isinstance(layer.node, ast.Call):
        return []
    shapes, fixes = [tensor.shape for tensor in tensors], []
    for index, tensor in enumerate(tensors):
        path = []  # (layer, its input) from the merge's input back towards the model's input
        while isinstance(tensor, Tensor) and tensor.producer and len(path) < _PATH_LIMIT:
            owner, tensor = tensor.producer[0], tensor.producer[1]
            if not isinstance(owner, Layer) or not isinstance(tensor, Tensor) or tensor.shape is None:
                break
            path.append((owner, tensor))
        for step, (padded, source) in enumerate(path):
            if (padded.kind.startswith("ZeroPadding") or "padding" not in getattr(RULES.get(padded.kind), "params", ())
                    or padded.args.get("padding", "valid") != "valid" or not isinstance(padded.node, ast.Call)):
                continue
            try:
                shape = apply_layer(Layer(padded.kind, {**padded.args, "padding": "same"}, None, {}, padded.name),
                                    source.shape)
                for later, _ in reversed(path[:step]):
                    shape = shape and apply_layer(Layer(later.kind, dict(later.args), None, {}, later.name), shape)
            except (LayerError, Unknowable):
                continue
            if shape is not None and _runs(layer, [*shapes[:index], shape, *shapes[index + 1:]]):
                fixes.append(set_keyword(interp.source, padded.node, padded.arg_nodes.get("padding"), "padding",
                                         '"same"', f'Use padding="same" in {padded.kind} \'{padded.name}\' so the '
                                         f'inputs of {layer.kind} have one size', speculative=True))
    return fixes


_PATH_LIMIT = 32  # layers followed back from a merge's input


_REDUCTIONS = {"mean", "sum", "max", "min", "prod", "std", "var", "amax", "amin", "reduce_mean", "reduce_sum",
               "reduce_max", "reduce_min", "reduce_prod", "reduce_std", "reduce_variance"}


def _keep_reduced_axis(interp, producer: Layer) -> list[Fix]:
    """A custom layer whose call() returns a reduction over an axis (a mean over the channels)
    drops that axis: keepdims=True keeps it, with size 1, for the layer after it."""
    instance = getattr(producer.fallback, "instance", None)  # a user class's layer
    method = instance.cls.methods.get("call") if instance is not None else None
    if method is None or module_of(method) is not None:
        return []
    fixes = []
    for node in ast.walk(method):
        call = node.value if isinstance(node, ast.Return) else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) \
                or call.func.attr not in _REDUCTIONS or any(k.arg in ("keepdims", "keep_dims", None) for k in call.keywords):
            continue
        if any(k.arg == "axis" for k in call.keywords) or len(call.args) >= 2:
            fixes.append(set_keyword(interp.source, call, None, "keepdims", "True",
                                     f"Keep the reduced axis in {instance.cls.name}.call: keepdims=True"))
    return fixes if len(fixes) == 1 else []  # several reductions returned: which one is unclear
