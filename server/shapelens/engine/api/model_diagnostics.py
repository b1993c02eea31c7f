"""How model errors are reported: where the squiggle goes, what the message adds to Keras's, the
related locations, and the fixes (batch axis in the input shape, channels, data axes, SL301)."""
from __future__ import annotations

import ast
import dataclasses
from contextvars import ContextVar
from typing import Any

from .. import resolve
from ..fixes import (add_axis_where_defined, add_batch_axis, append_to, assignment_of, data_axis_fixes,
                     drop_leading_axis, insert_before_element, insert_line_before, layer_spelling,
                     remove_first_element, remove_keyword, remove_method_call, remove_statement, replace_element,
                     replace_node, resize_where_made, set_keyword, transpose_data)
from ..layers import LayerError, apply_layer
from ..layers.base import (AXIS_MISMATCH, BATCH_AXIS_IN_INPUT_SHAPE, DEPRECATED_INPUT_SHAPE, MISSING_BATCH_AXIS,
                           MODEL_INPUT_MISMATCH, NO_LAYER_SHAPE_ATTRIBUTE, RANK_MISMATCH)
from ..modules import module_of
from ..report import Fix, Related, Severity, TextEdit
from ..values import UNKNOWN, ApiRef, Dataset, Layer, Model, Shape, Tensor, format_shape, num_elements
from . import attribute, keras2
from .images import gray_images
from .layer_fixes import drop_flatten, layer_fixes


class ModelCallError(Exception):
    """Keras raises while running data through a model: which layer, and its error."""

    def __init__(self, error: LayerError, layer: Layer | None):
        super().__init__(error.message)
        self.error, self.layer = error, layer


def input_shape_hint(interp, layer: Layer, element: ast.AST | None) -> None:
    """Keras 3 warns about `input_shape=` on a layer and prefers an Input first: offer the rewrite."""
    keyword = next((k for k in layer.node.keywords if k.arg in ("input_shape", "input_dim")), None) \
        if isinstance(layer.node, ast.Call) else None
    if keyword is None:
        return
    shape = interp.source.snippet(keyword.value, 10**6)
    if keyword.arg == "input_dim":
        shape = f"({shape},)"
    fixes = []
    spelling = _input_spelling(interp, layer.node.func)
    if spelling is not None and "\n" not in shape:
        new_input = f"{spelling}(shape={shape})"
        first = insert_line_before(interp.source, layer.added_by, f"{interp.source.snippet(layer.added_by.func.value)}"
                                   f".add({new_input})", "") if layer.added_by is not None else \
            insert_before_element(interp.source, element, new_input, "") if element is not None else None
        if first is not None:
            fixes.append(Fix("Declare the input with keras.Input instead of input_shape=",
                             first.edits + (remove_keyword(interp.source, layer.node, keyword),), kind="refactor"))
    interp.report(keyword, DEPRECATED_INPUT_SHAPE,
                  "Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, "
                  "prefer using an `Input(shape)` object as the first layer in the model instead.",
                  fixes=fixes, severity=Severity.HINT)


def _input_spelling(interp, func: ast.expr) -> str | None:
    """`tf.keras.layers.Conv2D` → `tf.keras.Input`; `layers.Dense` → `layers.Input`."""
    if isinstance(func, ast.Attribute):
        prefix = interp.source.snippet(func.value, 10**6)
        return prefix[: -len(".layers")] + ".Input" if prefix.endswith(".layers") else f"{prefix}.Input"
    value = interp.frames[0].env.get("Input")
    return "Input" if isinstance(value, ApiRef) and value.path.endswith("Input") else None


def report_build_error(interp, model: Model, failure: ModelCallError, site: ast.AST) -> None:
    error, layer = failure.error, failure.layer
    declared_node = model.input_nodes[0] if model.input_nodes else None
    declared = model.inputs[0]
    first = layer is not None and model.layers and model.layers[0] is layer
    culprit = layer.arg_nodes.get(error.culprit) if layer is not None and error.culprit else None
    if first and report_batch_axis(interp, layer, error, declared, declared_node):
        return
    target = culprit or (layer.node if layer is not None and layer.node is not None else site)
    related = []
    if declared_node is not None:
        related += interp.related(declared_node, f"the model's input shape {format_shape(declared)} is declared here")
    where = f" (the model's input is {format_shape(declared)}" + (
        f", declared on {interp.where(declared_node)})" if declared_node is not None else ")")
    fixes = _sequential_fixes(interp, model, layer, error)
    if first:
        fixes += layer_data_fixes(interp, error, layer, declared, declared_node)
    interp.report(target, error.code, error.message + where, related, fixes,
                  actual=f"{format_shape(declared)} — the model's input" + (
                      f", {interp.where(declared_node)}" if declared_node is not None else ""))


def _sequential_fixes(interp, model: Model, layer: Layer | None, error: LayerError) -> list[Fix]:
    """The fixes for a layer of a Sequential: its input is the output recorded for the layer before."""
    index = next((i for i, item in enumerate(model.layers) if item is layer), None)
    if index is None:
        return []
    shape = model.layer_outputs[index - 1] if index else model.inputs[0] if model.inputs else None
    before = model.layers[index - 1] if index else None
    return drop_flatten(interp, model, index, error) + layer_fixes(
        interp, error, layer, shape, [before], None, model.input_nodes[0] if index == 0 and model.input_nodes else None)


def report_batch_axis(interp, layer: Layer, error: LayerError, declared: Shape, declared_node: ast.AST | None) -> bool:
    """A layer fed straight from a declared input rejects its rank, and would accept one rank
    less: the batch axis was written into input_shape/Input(shape=...). Report it there."""
    if (error.code != RANK_MISMATCH or not isinstance(declared_node, (ast.Tuple, ast.List))
            or len(declared_node.elts) != len(declared) - 1 or len(declared) < 3
            or not _accepts_rank(layer, len(declared) - 1)):
        return False
    message = (f"{error.message} The input shape {interp.source.snippet(declared_node)} includes the batch "
               f"axis ({declared[1]}); Keras adds the batch axis itself, so the layer receives "
               f"{format_shape(declared)}.")
    fix = remove_first_element(interp.source, declared_node, "Remove the batch axis from the input shape")
    interp.report(declared_node.elts[0], BATCH_AXIS_IN_INPUT_SHAPE, message,
                  interp.related(layer.node, f"{layer.kind} '{layer.name}' receives {format_shape(declared)}"),
                  [fix] if fix else [],
                  expected=f"{format_shape((None,) + tuple(declared[2:]))} — one sample, the batch axis left to Keras",
                  actual=f"{format_shape(declared)} — input shape on {interp.where(declared_node)}")
    return True


def _accepts_rank(layer: Layer, rank: int) -> bool:
    """Would the layer accept an input of this rank (checked with a probe shape)?"""
    try:
        probe = Layer(layer.kind, dict(layer.args), None, {}, layer.name)
        return apply_layer(probe, (None,) + (64,) * (rank - 1)) is not None
    except LayerError:
        return False


def report_call_error(interp, model: Model, failure: ModelCallError, declared: list, shape: Any,
                       data_node: ast.AST, data: Any, how: str, dataset: Dataset | None = None) -> None:
    error, layer = failure.error, failure.layer
    related: list[Related] = []
    fixes = []
    note = ""
    data_shape = data.shape if isinstance(data, Tensor) else None
    if isinstance(data, Tensor) and data.node is not None and data.node is not data_node:
        related += interp.related(data.node, f"the data gets shape {format_shape(data_shape)} here")
    if declared and declared[0] is not None and model.input_nodes and model.input_nodes[0] is not None:
        declared_node = model.input_nodes[0]
        related += interp.related(declared_node, f"the model's input {format_shape(declared[0])} is declared here")
        note = f" (the model's input is {format_shape(declared[0])}, declared on {interp.where(declared_node)})"
        fix = _channel_fix(interp, model, error, layer, declared[0], declared_node, data_shape)
        if fix is not None:
            fixes.append(fix)
    # The channel fix, when there is one, names the one axis that differs.
    if declared and declared[0] is not None and not fixes and how != "unbatched dataset":
        fixes += _declare_data_shape(interp, model, error, declared[0], data_shape, data_node)
    if isinstance(data, Tensor) and declared and declared[0] is not None:
        fixes[:0] = _concatenate_axis_fix(interp, data, declared[0])  # repaired where it is made
    if data_shape is not None and how != "dataset":
        fixes += data_axis_fixes(interp.source, data_node, data_shape, error.code == RANK_MISMATCH,
                                 interp.numpy_alias())
        if declared and declared[0] is not None:
            fixes += _transpose_fix(interp, data_node, declared[0], data)
            if error.code in (AXIS_MISMATCH, MODEL_INPUT_MISMATCH):
                fixes += resize_data(interp, data, declared[0])
            if error.code == RANK_MISMATCH:
                fixes += _stack_fix(interp, data, declared[0])
    elif layer is not None and layer.node is not None:
        related += interp.related(layer.node, f"{layer.kind} '{layer.name}' raises here")
    if how == "dataset" and isinstance(data, Tensor) and declared and declared[0] is not None:
        fixes += _element_reshape_fix(interp, data, declared[0])
    if isinstance(data, Tensor) and data_shape is not None:
        fixes += _rank_fixes(interp, model, error, layer, declared, data, dataset)
    code = error.code
    message = error.message + note
    whole = (data_shape is not None and declared and declared[0] is not None
             and tuple(data_shape) == tuple(declared[0][1:]))
    if whole and how in ("predict", "call"):
        code = MISSING_BATCH_AXIS
        message = (f"{error.message} The data has shape {format_shape(data_shape)}, which is one sample: the model "
                   f"expects a batch {format_shape(declared[0])}. Add the batch axis, e.g. np.expand_dims(x, 0).")
        fixes = [fix for fix in [add_batch_axis(interp.source, data_node, interp.numpy_alias())] if fix]
    elif whole and how in ("fit", "evaluate") and model.input_nodes and model.input_nodes[0] is not None:
        # Training data always has a batch axis: here the declared input is the whole data shape.
        declared_node = model.input_nodes[0]
        code = BATCH_AXIS_IN_INPUT_SHAPE
        message = (f"{error.message} The model's input {format_shape(declared[0])} ({interp.where(declared_node)}) "
                   f"is the shape of the whole data set, batch axis included; declare one sample's shape, "
                   f"{format_shape(tuple(data_shape[1:]))}.")
        fixes = [fix for fix in [drop_leading_axis(interp.source, declared_node)] if fix]
    if code == MODEL_INPUT_MISMATCH and model.kind not in ("Functional", "Sequential") and data_shape is not None:
        message += (f". keras.applications.{model.kind} is built for {format_shape(declared[0])}: pass "
                    f"input_shape={format_shape(tuple(data_shape[1:]))} (with include_top=False, or weights=None) "
                    "or resize the images")
    if how == "unbatched dataset":
        message += (f". The dataset is not batched, so Keras takes each sample of shape {format_shape(data_shape)} "
                    "as a batch: add .batch(batch_size) to the pipeline.")
        text = interp.source.snippet(data_node, 10**6)
        if isinstance(data_node, (ast.Name, ast.Attribute)) and module_of(data_node) is None and "\n" not in text:
            # 32: Keras's own default batch size. Speculative: the labels may disagree too.
            fixes.append(replace_node(interp.source, data_node, f"{text}.batch(32)",
                                      f"Batch the dataset: {text}.batch(32)", preferred=True, speculative=True))
    expected = None
    if declared and declared[0] is not None:
        node = model.input_nodes[0] if model.input_nodes else None
        expected = f"{format_shape(declared[0])} — the input of '{model.name}'" + (
            f", {interp.where(node)}" if node is not None else "")
    actual = f"{format_shape(data_shape)} — `{interp.source.snippet(data_node)}`" + (
        f", {interp.where(data.node)}" if isinstance(data, Tensor) and data.node is not None else "") \
        if data_shape is not None else None
    interp.report(data_node, code, message, related, fixes, expected=expected, actual=actual)


def _channel_fix(interp, model, error, layer, declared: Shape, declared_node: ast.AST, data: Shape | None):
    """The declared input's last axis disagrees with the data's: offer to declare the data's."""
    first = layer is not None and model.layers and model.layers[0] is layer
    if (error.code != AXIS_MISMATCH or not first or data is None or len(data) != len(declared)
            or data[-1] is None or tuple(data[1:-1]) != tuple(declared[1:-1])
            or not isinstance(declared_node, (ast.Tuple, ast.List)) or module_of(declared_node) is not None
            or len(declared_node.elts) != len(declared) - 1):
        return None
    fix = replace_element(interp.source, declared_node, len(declared_node.elts) - 1, str(data[-1]),
                        f"Declare {_count(data[-1], 'feature' if len(declared) == 2 else 'channel')} "
                        "in the input shape to match the data")
    # Other data may still need the old channel count (validation data, a second call).
    return dataclasses.replace(fix, speculative=True) if fix else None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _declare_data_shape(interp, model: Model, error, declared: Shape, data: Shape | None,
                        data_node: ast.AST) -> list[Fix]:
    """The model declares another sample shape than the data's: declare the data's. Speculative,
    since later layers or other data (validation data, a second call) may need the old one."""
    if data is None or error.code not in (MODEL_INPUT_MISMATCH, AXIS_MISMATCH, RANK_MISMATCH):
        return []
    if len(data) == len(declared):
        # Axes declared None accept any size: they stay None. Axes the data leaves unknown (a dataset's
        # window length) keep their declared size.
        sample = tuple(None if want is None else want if d is None else d for d, want in zip(data[1:], declared[1:]))
    elif all(isinstance(d, int) for d in data[1:]) and len(data) > 1:  # another rank: the data's sizes
        sample = tuple(data[1:])
    else:
        return []
    if sample == tuple(declared[1:]):
        return []
    node = model.input_nodes[0] if model.input_nodes else None
    if node is None:
        # keras.applications models take the image size as input_shape=.
        call = model.node
        if model.kind in ("Functional", "Sequential") or not isinstance(call, ast.Call) or module_of(call) is not None:
            return []
        return [set_keyword(interp.source, call, None, "input_shape", str(sample),
                            f"Build {model.kind} for the data's shape: input_shape={sample}", speculative=True)]
    if module_of(node) is not None:
        return _declare_in_builder_call(interp, model, node, tuple(declared[1:]), sample, data_node)
    if isinstance(node, ast.Constant):  # input_dim=
        text = str(sample[0]) if len(sample) == 1 else None
    elif isinstance(node, (ast.Tuple, ast.List)):  # batch_shape= literals hold one element more
        text = str(sample) if len(node.elts) == len(declared) - 1 else None
    else:
        text = str(sample)
    if text is None:
        return []
    return [replace_node(interp.source, node, text, f"Declare the data's shape {sample} as the model's input",
                         preferred=True, speculative=True)]


def resize_data(interp, data: Tensor, want: Shape) -> list[Fix]:
    """Data of the right rank with other sizes than `want` (a model's input, or the shape a layer was
    built for), made from sizes written in this file: make it in the wanted sizes."""
    if data.shape is None or len(data.shape) != len(want) or module_of(data.node) is not None:
        return []
    sizes = tuple(have if axis == 0 or need is None else need for axis, (have, need) in enumerate(zip(data.shape, want)))
    fix = resize_where_made(interp.source, data.node, tuple(data.shape), sizes)
    return [fix] if fix else []


def _declare_in_builder_call(interp, model: Model, declared: ast.AST, old: Shape, sample: Shape,
                             data_node: ast.AST) -> list[Fix]:
    """The model comes from a function in another file whose parameter sets its input shape
    (`build_cnn(input_shape)`, `build_mlp(n_features)`): pass the data's shape in the call here."""
    site = model.made_at
    function = _enclosing_function(declared)
    if not isinstance(site, ast.Call) or function is None:
        return []
    arguments = _arguments_by_parameter(function, site)
    data = interp.source.snippet(data_node, 10**6) if isinstance(data_node, (ast.Name, ast.Attribute)) else None
    fix = None
    if isinstance(declared, ast.Name) and declared.id in arguments:  # the whole shape: Input(shape=input_shape)
        argument = arguments[declared.id]
        if isinstance(argument, (ast.Tuple, ast.List)) and len(argument.elts) == len(sample):
            changed = [i for i, size in enumerate(sample) if size != old[i]]
            if changed and all(isinstance(argument.elts[i], ast.Constant) for i in changed):
                fix = Fix(f"Pass the data's shape {format_shape(sample)} to {_called(interp, site)}",
                          tuple(TextEdit(interp.source.span(argument.elts[i]), str(sample[i])) for i in changed))
        elif data is not None:
            fix = replace_node(interp.source, argument, f"{data}.shape[1:]",
                               f"Pass the data's shape to {_called(interp, site)}: {data}.shape[1:]")
    elif isinstance(declared, (ast.Tuple, ast.List)) and len(declared.elts) == len(sample):
        # One size from a parameter: Input(shape=(n_features,)).
        for axis, element in enumerate(declared.elts):
            if isinstance(element, ast.Name) and element.id in arguments and sample[axis] is not None:
                text = f"{data}.shape[{axis + 1}]" if data is not None else str(sample[axis])
                fix = replace_node(interp.source, arguments[element.id], text,
                                   f"Pass the data's size to {_called(interp, site)}: {element.id}={text}")
                break
    return [dataclasses.replace(fix, preferred=True, speculative=True)] if fix is not None else []


def _called(interp, site: ast.Call) -> str:
    return interp.source.snippet(site.func, 10**6)


def _enclosing_function(node: ast.AST) -> ast.FunctionDef | None:
    """The innermost function of another file's module that holds `node`."""
    module = module_of(node)
    if module is None:
        return None
    inside = [f for f in ast.walk(module.tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              and (f.lineno, f.col_offset) <= (node.lineno, node.col_offset)
              and (node.end_lineno, node.end_col_offset) <= (f.end_lineno, f.end_col_offset)]
    return max(inside, key=lambda f: (f.lineno, f.col_offset), default=None)


def _arguments_by_parameter(function: ast.FunctionDef, call: ast.Call) -> dict[str, ast.AST]:
    """Which argument of `call` each parameter of `function` receives, as written in the call."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return {}
    positional = [p.arg for p in function.args.posonlyargs + function.args.args]
    if positional[:1] in (["self"], ["cls"]):
        positional = positional[1:]
    found = dict(zip(positional, call.args))
    found.update({k.arg: k.value for k in call.keywords})
    return found


def _stack_fix(interp, data: Tensor, declared: Shape) -> list[Fix]:
    """Series joined end to end with np.concatenate where the model wants them side by side on a
    last axis (an LSTM's features, an image's channels): np.stack(..., axis=-1)."""
    numpy, join = interp.numpy_alias(), _join(interp, data)
    if numpy is None or join is None or join[0] != "numpy.concatenate":
        return []
    _, call, count, axis, axis_node = join
    shape = list(data.shape)
    shape[axis] //= count
    if len(shape) != len(declared) - 1 or any(want not in (None, have) for want, have in zip(declared[1:-1], shape[1:])) \
            or declared[-1] not in (None, count):
        return []
    edits = [TextEdit(interp.source.span(call.func), f"{numpy}.stack")]
    edits.append(TextEdit(interp.source.span(axis_node), "-1") if axis_node is not None else
                 set_keyword(interp.source, call, None, "axis", "-1", "").edits[0])
    return [Fix(f"Stack the arrays on a new last axis: {numpy}.stack(..., axis=-1)", tuple(edits), speculative=True)]


def _element_reshape_fix(interp, data: Tensor, declared: Shape) -> list[Fix]:
    """A dataset's elements reshaped in `map()` to another shape than the model's input, e.g. with
    a -1 that gives each element a batch axis of its own (`.batch()` adds the batch axis), or
    flattened: reshape them to the model's input shape, when the element counts agree."""
    call, sample = data.node, tuple(declared[1:])
    if (not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) or call.func.attr != "reshape"
            or module_of(call) is not None or data.shape is None or not all(isinstance(d, int) for d in sample)
            or num_elements(tuple(data.shape[1:])) != num_elements(sample)):
        return []
    target = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "shape"), None)
    if not isinstance(target, (ast.Tuple, ast.List)):
        return []
    text = str(list(sample)) if isinstance(target, ast.List) else format_shape(sample)
    return [replace_node(interp.source, target, text, f"Reshape each element to the model's input {format_shape(sample)}",
                         speculative=True)]


def _transpose_fix(interp, data_node: ast.AST, declared: Shape, data: Tensor) -> list[Fix]:
    """The data holds the declared sizes in another order (np.stack/np.transpose on the wrong axes):
    transpose it. Only when the sizes are distinct, so the order is certain, and not after a reshape,
    whose values a transpose would not put back."""
    numpy, want, have = interp.numpy_alias(), tuple(declared[1:]), tuple(data.shape[1:])
    made_by = interp.source.snippet(data.node.func, 10**6) if isinstance(data.node, ast.Call) else ""
    if (numpy is None or made_by.endswith("reshape") or len(have) != len(want) or have == want
            or not all(isinstance(d, int) for d in want) or len(set(want)) != len(want) or sorted(have) != sorted(want)):
        return []
    axes = (0,) + tuple(have.index(size) + 1 for size in want)
    if len(want) >= 3 and axes == (0, *range(2, len(want) + 1), 1):  # data_axis_fixes moves the channels last
        return []
    fix = transpose_data(interp.source, data_node, axes, numpy,
                         f"Transpose the data to the model's input {format_shape(declared)}")
    return [fix] if fix else []


@attribute(Layer, "input_shape", "output_shape")
def layer_shape_attribute(interp, layer: Layer, node: ast.AST) -> Any:
    """Keras 3 layers have no input_shape/output_shape (models still do): AttributeError. Keras 2
    layers have them once they are part of a graph."""
    name = node.attr if isinstance(node, ast.Attribute) else "input_shape"
    if interp.keras_major == 2 and keras2.has_layer_shape(interp, layer):
        return UNKNOWN
    fixes = []
    site = layer.built_at
    if name == "input_shape" and isinstance(site, ast.Call) and site.args and isinstance(node, ast.Attribute):
        data = interp.source.snippet(site.args[0], 10**6)
        if data and "\n" not in data and isinstance(site.args[0], ast.Name):
            fixes.append(replace_node(interp.source, node, f"{data}.shape",
                                      f"Use the shape of the layer's input, {data}.shape", preferred=True))
        elif data and "\n" not in data and module_of(site) is None and "layer_input" not in interp.frames[0].env:
            # The input is an expression: keep it in a variable first (on the line above the call).
            hoisted = insert_line_before(interp.source, site, f"layer_input = {data}", "")
            fixes.append(Fix("Keep the layer's input in a variable and use its shape, layer_input.shape",
                             hoisted.edits + (TextEdit(interp.source.span(site.args[0]), "layer_input"),
                                              TextEdit(interp.source.span(node), "layer_input.shape")),
                             preferred=True, speculative=True))
    interp.report(node, NO_LAYER_SHAPE_ATTRIBUTE, keras2.no_layer_shape_message(layer, name)
                  if interp.keras_major == 2 else
                  f"'{layer.kind}' object has no attribute '{name}': Keras 3 layers no longer have "
                  "`input_shape`/`output_shape` (models still do); use the shape of the tensor the layer "
                  "was called on or returned.", fixes=fixes)
    return UNKNOWN


# The data a subclassed model's call() runs on: a layer there that rejects its input's rank may need
# an axis added to that data.
FED: ContextVar[Tensor | None] = ContextVar("shapelens_fed", default=None)


def axis_where_defined(interp, data: Tensor, what: str, name: ast.AST | None = None) -> list[Fix]:
    """Add a trailing axis of size 1 to the data on the line after the assignment that made it;
    `name`: where the code names the data, when it does."""
    if (interp.tree is None or data.node is None or data.symbolic
            or name is not None and module_of(name) is not None):
        return []
    used = name if isinstance(name, ast.Name) else None
    fix = add_axis_where_defined(interp.source, interp.tree, data.node, used.id if used else None,
                                 interp.numpy_alias(), what, used)
    return [fix] if fix else []


def _axis_word(layer: Layer | None) -> str:
    return "channel" if layer is None or "Conv" in layer.kind or "Pool" in layer.kind else "feature"


def layer_data_fixes(interp, error: LayerError, layer: Layer, shape: Any, declared_node: ast.AST | None) -> list[Fix]:
    """A layer that would take one axis more than its input has: add it to the data the input comes
    from, the data a declared input shape is read from (`Input(shape=x.shape[1:])`) or the data a
    subclassed model runs on."""
    if (error.code != RANK_MISMATCH or not isinstance(shape, tuple) or layer is None
            or not _accepts_rank(layer, len(shape) + 1)):
        return []
    if declared_node is None:
        data = FED.get()
        return axis_where_defined(interp, data, _axis_word(layer)) if data is not None else []
    found = _shape_read_from(interp, declared_node, shape)
    return axis_where_defined(interp, found[0], _axis_word(layer), found[1]) if found else []


def _shape_read_from(interp, node: ast.AST, shape: Shape) -> tuple[Tensor, ast.Name] | None:
    """`x.shape[1:]`: the data (and its name) a declared input shape of `shape` is read from."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)
            and isinstance(node.slice.lower, ast.Constant) and node.slice.lower.value == 1
            and node.slice.upper is None and node.slice.step is None
            and isinstance(node.value, ast.Attribute) and node.value.attr == "shape"
            and isinstance(node.value.value, ast.Name)) or module_of(node) is not None:
        return None
    data = interp.eval(node.value.value, interp.frames[-1].env)
    if not isinstance(data, Tensor) or data.shape is None or tuple(data.shape[1:]) != tuple(shape[1:]):
        return None
    return data, node.value.value


def _rank_fixes(interp, model: Model, error: LayerError, layer: Layer | None, declared: list, data: Tensor,
                dataset: Dataset | None) -> list[Fix]:
    """Data with one axis too few or too many for the model: convert a grayscale image to RGB, add
    the axis where a dataset's data is defined; remove a second `.batch()`, or reshape away a last
    axis of size 1 in front of the first layer."""
    if error.code != RANK_MISMATCH:
        return []
    shape, spec = data.shape, declared[0] if declared and declared[0] is not None else None
    first = layer is not None and bool(model.layers) and model.layers[0] is layer

    def wants(rank: int) -> bool:  # the declared input's rank, or one the first layer takes
        if layer is None:
            return spec is not None and len(spec) == rank
        return first and _accepts_rank(layer, rank)
    fixes = []
    if wants(len(shape) + 1):
        fixes += _convert_image_fixes(interp, spec, shape)
        if dataset is not None:
            fixes += axis_where_defined(interp, data, _axis_word(layer))
    if wants(len(shape) - 1):
        if dataset is not None and dataset.batched_again is not None:
            fixes += _remove_second_batch(interp, dataset.batched_again)
        if first and shape[-1] == 1:
            fixes += _reshape_first(interp, model, layer, shape)
    return fixes


def _convert_image_fixes(interp, spec: Shape | None, shape: Shape) -> list[Fix]:
    """Grayscale pictures for a model that wants three channels: open them as RGB."""
    if spec is None or spec[-1] != 3 or tuple(spec[1:-1]) != tuple(shape[1:]):
        return []
    fixes = []
    for node in gray_images(interp, tuple(shape[1:])):
        if module_of(node) is not None:
            continue
        opened = f"{interp.source.snippet(node.func, 10**6)}(...)"
        fixes.append(dataclasses.replace(append_to(interp.source, node, '.convert("RGB")',
                                                   f'Convert the image to RGB: {opened}.convert("RGB")'),
                                         speculative=True))
    return fixes


def _remove_second_batch(interp, call: ast.Call) -> list[Fix]:
    """`.batch()` on a dataset that is already batched: each element becomes a batch of batches."""
    if module_of(call) is not None:
        return []
    title = "Remove the second .batch(): the dataset is already batched"
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    alone = assignment_of(interp.tree, call, receiver.id) if isinstance(receiver, ast.Name) and interp.tree else None
    if alone is not None:  # `ds = ds.batch(8)`: the whole line goes
        return [dataclasses.replace(remove_statement(interp.source, alone[0], title), speculative=True)]
    fix = remove_method_call(interp.source, call, title)
    return [fix] if fix else []


def _reshape_first(interp, model: Model, layer: Layer, shape: Shape) -> list[Fix]:
    """A Sequential built by its data, whose first layer would take the data without its last axis
    of size 1 (images (28, 28, 1) into an LSTM): a Reshape in front of that layer drops it."""
    target = tuple(shape[1:-1])
    if (model.kind != "Sequential" or not model.built_by_data or not isinstance(layer.node, ast.Call)
            or module_of(layer.node) is not None or None in target):
        return []
    spelled = layer_spelling(interp.source, interp.frames[0].env, layer.node.func, "Reshape")
    if spelled is None:
        return []
    text = f"{spelled}({format_shape(target)})"
    title = f"Insert {text} before {layer.kind}: drop the last axis of size 1"
    if layer.added_by is not None:
        receiver = layer.added_by.func.value if isinstance(layer.added_by.func, ast.Attribute) else None
        if receiver is None:
            return []
        fix = insert_line_before(interp.source, layer.added_by, f"{interp.source.snippet(receiver, 10**6)}.add({text})",
                                 title)
    elif isinstance(model.node, ast.Call) and model.node.args and isinstance(model.node.args[0], (ast.List, ast.Tuple)) \
            and any(element is layer.node for element in model.node.args[0].elts):
        fix = insert_before_element(interp.source, layer.node, text, title)
    else:
        return []
    return [dataclasses.replace(fix, preferred=True, speculative=True)]


_JOINS = {"numpy.concatenate": 0, "keras.ops.concatenate": 0, "tensorflow.concat": None}  # their default axis


def _join(interp, data: Tensor) -> tuple[str, ast.Call, int, int, ast.AST | None] | None:
    """Data made in this file by joining n ≥ 2 arrays written out in a list along a literal axis
    that splits evenly: (the function, its call, n, the axis (non-negative), the axis as written)."""
    call, shape = data.node, data.shape
    path = _api_path(interp, call.func) if isinstance(call, ast.Call) else None
    if path not in _JOINS or module_of(call) is not None or not call.args or shape is None:
        return None
    parts = call.args[0]
    axis_node = next((k.value for k in call.keywords if k.arg == "axis"), call.args[1] if len(call.args) > 1 else None)
    try:
        axis = _JOINS[path] if axis_node is None else ast.literal_eval(axis_node)
    except (ValueError, TypeError):
        return None
    rank, count = len(shape), len(parts.elts) if isinstance(parts, (ast.List, ast.Tuple)) else 0
    if (count < 2 or any(isinstance(part, ast.Starred) for part in parts.elts) or type(axis) is not int
            or not -rank <= axis < rank or shape[axis] is None or shape[axis] % count):
        return None
    return path, call, count, axis % rank, axis_node


def _concatenate_axis_fix(interp, data: Tensor, declared: Shape) -> list[Fix]:
    """Data made by joining n arrays along one axis, where joining them along another would give
    the model's input (two shards of rows joined side by side): join them along that one. Assumes
    the parts have one shape, so speculative."""
    join = _join(interp, data)
    if join is None or len(data.shape) != len(declared):
        return []
    _, call, count, axis, axis_node = join
    shape, rank = data.shape, len(data.shape)
    fits = []
    for other in range(rank):
        joined = list(shape)
        joined[axis] //= count
        joined[other] = None if shape[other] is None else shape[other] * count
        if other != axis and all(want is None or have == want for have, want in zip(joined[1:], declared[1:])):
            fits.append(other)
    if len(fits) != 1:
        return []
    spelled = "-1" if fits[0] == rank - 1 else str(fits[0])
    return [set_keyword(interp.source, call, axis_node, "axis", spelled,
                        f"Concatenate along axis {spelled}, as the model's input {format_shape(declared)} needs",
                        speculative=True)]


def _api_path(interp, func: ast.expr) -> str | None:
    """The library function a call's name stands for (`np.concatenate` → numpy.concatenate): names
    are looked up, nothing is evaluated."""
    if isinstance(func, ast.Attribute):
        owner = _api_path(interp, func.value)
        return owner and resolve.canonical(f"{owner}.{func.attr}")
    if isinstance(func, ast.Name):
        value = interp.frames[-1].env.get(func.id, interp.frames[0].env.get(func.id))
        return resolve.canonical(value.path) if isinstance(value, ApiRef) else None
    return None
