"""Keras models: Input, Sequential, the functional API, and what compile/fit/predict/evaluate check.

Keras 3 behaviour followed here (each measured with TensorFlow 2.21):
- A Sequential whose first layer has `input_shape=`, or that starts with an Input, is built as soon
  as it has a layer after the input: layer errors are raised by the constructor or by `add`.
  Without a declared input it is built on its first call, with the data's shape.
- Calling a built model adapts the data's rank first: one missing trailing axis of size 1 is added,
  one extra trailing axis of size 1 is removed, any other rank difference is an error. Layers then
  check the data as they run. Functional models also check every fixed input dimension first.
- fit/evaluate/predict feed batches: the first axis of the data becomes the batch axis.
"""
from __future__ import annotations

import ast
import math
import weakref
from typing import Any

from .. import runtime
from ..calls import CallArgs
from ..layers import LayerError, apply_layer, create_layer, eager_call, input_shape_arg
from ..layers.base import (AXIS_MISMATCH, CALLED_WITH, DECLARED, INVALID_ARGUMENT, MODEL_INPUT_MISMATCH,
                           RANK_MISMATCH, RULES, literal_shape)
from ..params import format_shapes, layer_line
from ..runtime import bound
from ..values import UNKNOWN, Dataset, Layer, Model, Shape, Tensor, changing, format_shape
from . import api, attribute, keras2, method
from .layer_fixes import layer_fixes, padding_on_the_path
from .model_diagnostics import (FED, ModelCallError, input_shape_hint, layer_data_fixes, report_batch_axis,
                                report_build_error, report_call_error, resize_data)
from .loss_fixes import loss_fixes
from .losses import LossError, check_loss, loss_name
from .dtypes import dtype_name
from .frames import DataFrame, Series, as_array, encode_text_fix, numbers_fix, refused_dtype
from .tensors import as_shape

DEFAULT_BATCH_SIZE = 32


# ---- keras.Input -------------------------------------------------------------------------------

@api("keras.Input", "keras.layers.InputLayer")
def keras_input(call) -> Any:
    shape_node = call.node_of("shape", 0) or call.node_of("input_shape")
    batch_shape = call.get("batch_shape", None, call.get("batch_input_shape"))
    if batch_shape is not None:
        shape = as_shape(batch_shape)
        shape_node = call.node_of("batch_shape") or call.node_of("batch_input_shape")
    else:
        shape = as_shape(call.get("shape", 0, call.get("input_shape")))
        batch = call.get("batch_size")
        if shape is not None and (batch is None or isinstance(batch, int)):
            shape = (batch,) + shape
        else:
            shape = None
    name = call.get("name")
    if not isinstance(name, str):
        name = call.interp.unique_name("input_layer")
    dtype = call.get("dtype")  # Keras's default float type unless named
    dtype = "float32" if dtype is None else dtype_name(dtype, "tensorflow")
    return Tensor(shape, dtype, call.node, symbolic=True, input_name=name, declared_at=shape_node)


# ---- Sequential ----------------------------------------------------------------------------------

@api("keras.Sequential")
def sequential(call) -> Any:
    interp = call.interp
    name = call.get("name", 1)
    model = Model("Sequential", name if isinstance(name, str) else interp.unique_name("sequential"), call.node,
                  made_at=interp.local_site())
    interp.models.append(model)
    items = call.get("layers", 0)
    if items is None:
        return model
    if not isinstance(items, (list, tuple)):
        return UNKNOWN
    nodes = _element_nodes(call.node_of("layers", 0), len(items))
    for item, node in zip(items, nodes):
        if not model.layers and not model.inputs and isinstance(item, Layer):
            input_shape_hint(interp, item, node)
        _add(model, item, node or call.node)
    return model if _build_declared(interp, model, call.node) else UNKNOWN


def _element_nodes(node: ast.AST | None, count: int) -> list[ast.AST | None]:
    if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == count:
        return list(node.elts)
    return [None] * count


def _add(model: Model, item: Any, node: ast.AST) -> None:
    """Append a layer (or an Input) to a Sequential, as `Sequential.add(rebuild=False)` does."""
    if isinstance(item, Tensor) and item.input_name is not None and not model.layers and not model.inputs:
        model.inputs, model.input_nodes = [item.shape], [item.declared_at]
        model.input_names = [item.input_name]
        return
    if not isinstance(item, (Layer, Model)):
        model.poisoned = True
        return
    if not model.layers and not model.inputs and isinstance(item, Layer):
        declared = input_shape_arg(item)
        if declared is UNKNOWN:
            model.poisoned = True
        elif declared is not None:
            shape = as_shape(declared)
            if shape is None:
                model.poisoned = True
            else:
                model.inputs = [(None,) + shape]
                model.input_nodes = [item.arg_nodes.get("input_shape") or item.arg_nodes.get("input_dim")]
                model.input_names = [None]
    changing(model)
    model.layers.append(item)
    model.layer_outputs.append(None)


def _build_declared(interp, model: Model, site: ast.AST) -> bool:
    """Build a Sequential with a declared input, as Keras does at construction/add time.
    Returns False when Keras raises (the error is reported)."""
    if model.poisoned or not model.inputs or not model.layers or model.inputs[0] is None:
        return True
    try:
        with _declared(model):
            _run_layers(model, model.inputs[0], record=True)
    except ModelCallError as failure:
        report_build_error(interp, model, failure, site)
        model.poisoned = True
        return False
    return True


def _declared(model: Model):
    """Building a Sequential from the input shape written in its code: its `None`s are Keras's."""
    literal = model.input_nodes and literal_shape(model.input_nodes[0]) and all(map(_ruled, model.layers))
    return bound(DECLARED, f"{model.name}/" if literal else None)


def _ruled(layer: Any) -> bool:
    """A built-in layer whose output shape a rule computes as Keras does (not user code, not Keras
    asked for a shape the engine then trusts)."""
    return isinstance(layer, Layer) and layer.kind in RULES and layer.kind != "Lambda"


# Whether a KerasTensor comes from declared Inputs through ruled layers alone: fixed once it is
# made, and asked of every tensor a layer is called on (a chain of layers asks again and again).
_FROM_DECLARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _from_declared_inputs(tensor: Tensor) -> bool:
    """A KerasTensor computed by layers alone from Inputs whose shapes are written in the code."""
    known = _FROM_DECLARED.get(tensor)
    if known is not None:
        return known
    pending, seen, found = [tensor], set(), True
    while pending and found:
        current = pending.pop()
        if id(current) in seen or _FROM_DECLARED.get(current):
            continue
        seen.add(id(current))
        if current.input_name is not None:
            found = literal_shape(current.declared_at)
        elif current.producer is None or not _ruled(current.producer[0]):
            found = False
        else:
            sources = current.producer[1]
            pending.extend(sources if isinstance(sources, list) else [sources])
    _FROM_DECLARED[tensor] = bool(found)
    return bool(found)


def _run_layers(model: Model, shape: Shape, record: bool = False, concrete: bool = False) -> Shape | None:
    """Run a shape through a Sequential's layers; None once it is unknown."""
    current: Any = shape
    if record:
        changing(model)
    for index, item in enumerate(model.layers):
        if current is None:
            if record:
                model.layer_outputs[index] = None
            continue
        try:
            if isinstance(item, Model):
                current = run_model(item, current, concrete)
            else:
                current = apply_layer(item, current, concrete)
        except LayerError as error:
            raise ModelCallError(error, item if isinstance(item, Layer) else None) from None
        except ModelCallError as inner:
            raise ModelCallError(inner.error, inner.layer) from None
        if isinstance(current, list):  # a multi-output layer inside a Sequential: not followed
            current = None
        if record:
            model.layer_outputs[index] = current
    if record:
        model.outputs = [current]
    return current


@method(Model, "add")
def add(model: Model, call) -> Any:
    item = call.get("layer", 0)
    if model.kind != "Sequential":
        return UNKNOWN
    was_built = model.built and bool(model.layers)
    count = len(model.layers)
    if isinstance(item, Layer) and item.added_by is None:
        item.added_by = call.node
    if not model.layers and not model.inputs and isinstance(item, Layer):
        input_shape_hint(call.interp, item, None)
    _add(model, item, call.node)
    if model.poisoned or len(model.layers) == count:
        return None
    if was_built:
        # Keras rebuilds the whole model; earlier layers are unchanged, so only the new one runs.
        previous = model.layer_outputs[-2] if len(model.layer_outputs) > 1 else model.inputs[0]
        if previous is None:
            return None
        try:
            with _declared(model):
                output = run_model(item, previous) if isinstance(item, Model) else apply_layer(item, previous)
        except (LayerError, ModelCallError) as error:
            failure = error if isinstance(error, ModelCallError) else ModelCallError(error, item)
            report_build_error(call.interp, model, failure, call.node)
            model.poisoned = True
            return None
        output = None if isinstance(output, list) else output
        changing(model)
        model.layer_outputs[-1] = output
        model.outputs = [output]
    else:
        _build_declared(call.interp, model, call.node)
    return None


@method(Model, "pop")
def pop(model: Model, call) -> Any:
    model.poisoned = True
    return UNKNOWN


# ---- functional API ------------------------------------------------------------------------------

@api("keras.Model")
def functional(call) -> Any:
    inputs = call.get("inputs", 0)
    outputs = call.get("outputs", 1)
    input_list = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    output_list = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    if not all(isinstance(t, Tensor) and t.symbolic and t.input_name for t in input_list):
        return UNKNOWN
    if not all(isinstance(t, Tensor) for t in output_list):
        return UNKNOWN
    name = call.get("name")
    if not isinstance(name, str):  # Keras 2 names functional models model, model_1, ...
        name = call.interp.unique_name("model" if call.interp.keras_major == 2 else "functional")
    model = Model("Functional", name, call.node, made_at=call.interp.local_site())
    model.inputs = [t.shape for t in input_list]
    model.input_nodes = [t.declared_at for t in input_list]
    model.input_names = [t.input_name for t in input_list]
    model.outputs = [t.shape for t in output_list]
    # Keras 3 treats `outputs=[y]` as the single output y (predict gives an array, not a list).
    model.multi_output = isinstance(outputs, (list, tuple)) and (len(outputs) > 1 or runtime.keras2())
    model.graph = (list(input_list), list(output_list))
    model.layers = graph_layers(model.graph)
    return model


class Unreplayable(Exception):
    """Part of the graph was made by code the engine did not track as a layer call."""


def graph_layers(graph: tuple) -> list:
    """The layers between a functional model's inputs and outputs, inputs first, in call order."""
    inputs, outputs = graph
    seen: dict[int, Any] = {}
    visited: set[int] = set()  # tensors, so residual branches are walked once, not once per path

    def visit(tensor: Tensor) -> None:
        if tensor.producer is None or id(tensor) in visited:
            return
        visited.add(id(tensor))
        owner, sources, _ = tensor.producer
        for source in sources if isinstance(sources, list) else [sources]:
            visit(source)
        seen.setdefault(id(owner), owner)

    for tensor in outputs:
        visit(tensor)
    return [Layer("InputLayer", {}, t.node, {}, t.input_name or "input_layer") for t in inputs] + list(seen.values())


def replay(model: Model, shapes: list, concrete: bool) -> Any:
    """Run a functional model's graph on these input shapes, layer by layer (as Keras does when
    it is called on data). Raises Unreplayable if the graph holds untracked operations."""
    inputs, outputs = model.graph
    known: dict[int, Any] = {id(t): s for t, s in zip(inputs, shapes)}

    def shape_of(tensor: Tensor) -> Any:
        if id(tensor) in known:
            return known[id(tensor)]
        if tensor.producer is None:
            raise Unreplayable
        owner, sources, index = tensor.producer
        source_shapes = [shape_of(t) for t in sources] if isinstance(sources, list) else shape_of(sources)
        if source_shapes is None or (isinstance(source_shapes, list) and None in source_shapes):
            raise Unreplayable
        try:
            result = run_model(owner, source_shapes, concrete) if isinstance(owner, Model) else \
                apply_layer(owner, source_shapes, concrete)
        except LayerError as error:
            raise ModelCallError(error, owner if isinstance(owner, Layer) else None) from None
        if result is None:
            raise Unreplayable
        known[id(tensor)] = result[index] if index is not None and isinstance(result, list) else result
        return known[id(tensor)]

    return [shape_of(t) for t in outputs]


def run_model(model: Model, shape: Any, concrete: bool = False) -> Any:
    """The output shape(s) of calling `model` on data of `shape` (with batch axis); raises
    ModelCallError where Keras raises; None when not known."""
    if model.poisoned:
        return None
    if model.runner is not None:  # a subclassed model: its call() reports its own errors
        output = model.runner.output_shape(model.kind, (), {}, shape, concrete)
        if output is not None and not model.inputs:
            model.inputs, model.input_nodes, model.input_names = [shape], [None], [None]
            model.outputs = [output] if isinstance(output, tuple) else list(output)
        return output
    if model.kind == "Sequential":
        if not model.layers:
            return None
        if not model.built:
            model.inputs, model.input_nodes, model.input_names = [shape], [None], [None]
            model.built_by_data = True
            return _run_layers(model, shape, record=True, concrete=concrete)
        if model.inputs[0] is None or shape is None:
            return None
        if runtime.keras2() and concrete and not model.built_by_data:
            check_functional_input(model, 0, shape)  # Keras 2 checks real data against a declared input
        adjusted = adjust_rank(model, 0, shape)
        return _run_layers(model, adjusted, concrete=concrete)
    shapes = shape if isinstance(shape, list) else [shape]
    if len(shapes) != len(model.inputs) or any(s is None for s in shapes) or any(i is None for i in model.inputs):
        return None
    adjusted = []
    for index, data in enumerate(shapes):
        if concrete or not runtime.keras2():  # Keras 2 checks no KerasTensor against the declared input
            check_functional_input(model, index, data)
        adjusted.append(adjust_rank(model, index, data))
    try:
        outputs = replay(model, adjusted, concrete) if model.graph else None
    except Unreplayable:
        outputs = None
    if outputs is None:  # the declared outputs, with the data's batch size
        batch = shapes[0][0] if shapes[0] else None
        outputs = [None if o is None else (batch,) + tuple(o[1:]) for o in model.outputs]
    return outputs if model.multi_output else outputs[0]


def check_functional_input(model: Model, index: int, data: Shape) -> None:
    """Functional models check every fixed dimension of their inputs (a trailing 1 may be missing)."""
    spec = (None,) + tuple(model.inputs[index][1:])
    shape = tuple(data)
    if shape and shape[-1] == 1:
        shape = shape[:-1]
    compared = spec[:-1] if spec and spec[-1] == 1 else spec
    for expected, got in zip(compared, shape):
        if expected is not None and got is not None and expected != got:
            if runtime.keras2():  # Keras 2 shows the data's shape as it came
                shape = tuple(data)
            raise ModelCallError(LayerError(
                MODEL_INPUT_MISMATCH,
                f"Input {index} with name '{model.input_names[index]}' of layer '{model.name}' is incompatible "
                f"with the layer: expected shape={format_shape(spec)}, found shape={format_shape(shape)}"), None)


def adjust_rank(model: Model, index: int, data: Shape) -> Shape:
    """Keras adds or removes one trailing axis of size 1 to match the declared input rank."""
    ref = model.inputs[index]
    if len(data) == len(ref):
        return data
    if len(data) == len(ref) + 1 and data[-1] == 1:
        return data[:-1]
    if len(data) == len(ref) - 1 and ref[-1] == 1:
        return data + (1,)
    if runtime.keras2():
        return data  # Keras 2 passes it on unchanged: its layers check it
    name = model.input_names[index] if model.input_names[index] else "input_layer"
    raise ModelCallError(LayerError(
        RANK_MISMATCH,
        f"Invalid input shape for input with name '{name}'. Expected shape {format_shape(ref)}, but input "
        f"has incompatible shape {format_shape(data)}"), None)


# ---- calls: model(x), fit, evaluate, predict -------------------------------------------------------

def _data_shape(value: Any) -> Any:
    if isinstance(value, Tensor):
        return value.shape
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Tensor) for v in value):
        shapes = [v.shape for v in value]
        return None if any(s is None for s in shapes) else shapes
    return None


def _batched(shape: Any, batch: int | None, how: str = "fit") -> Any:
    """The shape of the batches fit/evaluate/predict feed: the first axis becomes the batch axis.
    Measured: fit and evaluate give it a static size only when all batches are full; predict
    traces its first batch with that batch's size."""
    if shape is None:
        return None
    if isinstance(shape, list):
        parts = [_batched(s, batch, how) for s in shape]
        return None if any(p is None for p in parts) else parts
    if not shape:
        return None
    size = shape[0]
    if batch is None or size is None:
        first = None
    elif how == "predict" and not runtime.keras2():  # Keras 2 predicts as it fits
        first = min(size, batch)
    else:
        first = batch if size % batch == 0 else None
    return (first,) + tuple(shape[1:])


@method(Model, "__call__")
def call_model(model: Model, call) -> Any:
    data = call.get("inputs", 0)
    node = call.node_of("inputs", 0) or call.node
    shape = _data_shape(data)
    symbolic = isinstance(data, Tensor) and data.symbolic
    output = _feed(call.interp, model, shape, node, call.node, data, "call")
    if output is UNKNOWN or output is None:
        return UNKNOWN
    return _outputs(output, call.node, symbolic, (model, list(data) if isinstance(data, (list, tuple)) else data))


def _outputs(output: Any, node: ast.AST, symbolic: bool, producer: tuple) -> Any:
    """Tensors for a call's output shape(s); KerasTensors remember the call that made them."""
    def make(shape: Shape, index: int | None) -> Tensor:
        return Tensor(shape, "float32", node, symbolic, producer=(*producer, index) if symbolic else None)
    if isinstance(output, list):
        return [make(s, i) for i, s in enumerate(output)]
    return make(output, None)


def _feed(interp, model: Model, shape: Any, data_node: ast.AST, site: ast.AST, data: Any, how: str,
          dataset: Dataset | None = None) -> Any:
    """Run data through a model and report where Keras raises. Returns the output shape(s)."""
    if shape is None or model.poisoned:
        return None
    declared = list(model.inputs)
    concrete = not (isinstance(data, Tensor) and data.symbolic)
    subclassed = model.runner is not None
    try:
        with eager_call(concrete and how == "call" and _eager(interp)), \
                bound(FED, data if subclassed and isinstance(data, Tensor) else None), \
                bound(CALLED_WITH, data if subclassed else None):
            return run_model(model, shape, concrete)
    except ModelCallError as failure:
        report_call_error(interp, model, failure, declared, shape, data_node, data, how, dataset)
        return UNKNOWN


def _eager(interp) -> bool:
    """Whether a call on real data runs eagerly: not traced by fit/evaluate/predict or by a custom
    layer's call() inside a model."""
    return not interp.compiled_sites and not interp.graph_mode


@method(Model, "compile")
def compile_model(model: Model, call) -> Any:
    model.loss = call.get("loss", 1)
    model.loss_node = call.node_of("loss", 1)
    return None


def _fit_like(model: Model, call, how: str, in_batches: bool = False) -> Any:
    """fit/evaluate/predict and the *_on_batch methods (one batch: `in_batches` False)."""
    call.interp.compiled_sites.append(call.node)
    try:
        return _run_fit_like(model, call, how, in_batches)
    finally:
        call.interp.compiled_sites.pop()


def _run_fit_like(model: Model, call, how: str, in_batches: bool) -> Any:
    interp = call.interp
    batch_size = call.get("batch_size", 2 if how != "predict" else 1)
    batch = batch_size if isinstance(batch_size, int) and not isinstance(batch_size, bool) else (
        DEFAULT_BATCH_SIZE if batch_size is None else None)
    x = call.get("x", 0)
    y = call.get("y", 1) if how != "predict" else None
    x_node = call.node_of("x", 0) or call.node
    # The *_on_batch methods (and Keras 2) convert otherwise, with a message naming the first
    # item's type.
    on_batch = isinstance(call.node.func, ast.Attribute) and call.node.func.attr.endswith("_on_batch")
    refused = refused_dtype(x) if not on_batch and not runtime.keras2() else None
    if refused is not None:
        # Keras converts the data first: an object array (text, or booleans mixed with numbers, as
        # from `pd.get_dummies(df).values`) or a frame with a text column is refused whatever its shape.
        what = "an object array" if refused == "object" else "a DataFrame with a text column"
        origin = getattr(x, "origin", None)
        interp.report(call.node, INVALID_ARGUMENT, f"Invalid dtype: {refused}",
                      interp.related(x.node, f"{what}{' ' + origin if origin else ''}"),
                      numbers_fix(interp, x) if refused == "object" else encode_text_fix(interp, x))
        return UNKNOWN
    x, y = (_array(value) for value in (x, y))
    validation = call.get("validation_data", 7)
    if isinstance(x, Dataset):
        if not _feed_dataset(interp, model, x, x_node, call.node) and how == "fit" and isinstance(validation, Dataset):
            _feed_dataset(interp, model, validation, call.node_of("validation_data", 7), call.node)
        return UNKNOWN
    split = call.get("validation_split", 6, 0.0) if how == "fit" and validation is None else 0.0
    training, held_out = _split(_data_shape(x), split)
    if call.get("steps_per_epoch") is not None or call.get("steps") is not None:
        batch = None  # batches of the data, but not all of it
    output = _feed(interp, model, _batched(training, batch, how), x_node, call.node, x, how)
    if output is UNKNOWN:  # Keras raised
        return UNKNOWN
    batches = _batch_sizes(training, batch) if in_batches else []
    if isinstance(y, (list, tuple)) and len(y) == 1 and not model.multi_output and not runtime.keras2():
        y = y[0]  # the labels of the one output, as Keras 3 takes them
    if how != "predict" and _check_loss(interp, model, y, output, call.node_of("y", 1), batches):
        return UNKNOWN
    vbatch = call.get("validation_batch_size") or batch
    vbatch = vbatch if isinstance(vbatch, int) and not isinstance(vbatch, bool) else None
    if how == "fit" and isinstance(validation, (tuple, list)) and len(validation) >= 2:
        vnode = call.node_of("validation_data", 7)
        elements = vnode.elts if isinstance(vnode, (ast.Tuple, ast.List)) and len(vnode.elts) >= 2 else [vnode, vnode]
        vx, vy = validation[0], validation[1]
        voutput = _feed(interp, model, _batched(_data_shape(vx), vbatch), elements[0], call.node, vx, "fit")
        _check_loss(interp, model, vy, voutput, elements[1], _batch_sizes(_data_shape(vx), vbatch))
    elif how == "fit" and isinstance(validation, Dataset):
        _feed_dataset(interp, model, validation, call.node_of("validation_data", 7), call.node)
    elif held_out is not None:  # the last part of the data, run after the first epoch
        voutput = _feed(interp, model, _batched(held_out, vbatch), x_node, call.node, x, "fit")
        _check_loss(interp, model, y, voutput, call.node_of("y", 1), _batch_sizes(held_out, vbatch))
    return UNKNOWN


def _feed_dataset(interp, model: Model, dataset: Dataset, node: ast.AST, site: ast.AST) -> bool:
    """Run a dataset of (x, y) pairs through the model and its loss; whether Keras raises. Keras takes
    each element as one batch: unbatched, a sample is a "batch"."""
    if not isinstance(dataset.element, tuple) or len(dataset.element) != 2:
        return False
    how = "dataset" if dataset.batched else "unbatched dataset"
    x, y = dataset.element
    output = _feed(interp, model, _data_shape(x), node, site, x, how, dataset)
    return output is UNKNOWN or _check_loss(interp, model, y, output, node)


def _split(shape: Any, split: Any) -> tuple[Any, Any]:
    """The shapes of the training and the validation data `fit(validation_split=...)` makes: the
    last `split` of the samples is held out (`keras...array_slicing.train_validation_split`)."""
    if split == 0 or shape is None:
        return shape, None
    shapes = shape if isinstance(shape, list) else [shape]
    size = shapes[0][0] if shapes[0] else None
    if not isinstance(split, float) or not 0 < split < 1 or not isinstance(size, int):
        return _resized(shape, None), None
    kept = int(math.floor(size * (1.0 - split)))
    if kept in (0, size):
        return None, None  # Keras refuses the split
    return _resized(shape, kept), _resized(shape, size - kept)


def _resized(shape: Any, size: int | None) -> Any:
    if isinstance(shape, list):
        return [_resized(s, size) for s in shape]
    return (size,) + tuple(shape[1:]) if shape else shape


def _batch_sizes(shape: Any, batch: int | None) -> list[int]:
    """The sizes of the batches fit/evaluate run, first batch first, when known."""
    shape = shape[0] if isinstance(shape, list) and shape else shape
    size = shape[0] if shape else None
    if not isinstance(size, int) or not isinstance(batch, int) or batch < 1:
        return []
    full, rest = divmod(size, batch)
    return ([batch] if full else []) + ([rest] if rest else [])


for _name in ("fit", "evaluate", "predict", "train_on_batch", "test_on_batch", "predict_on_batch"):
    method(Model, _name)(lambda model, call, _how=_name.split("_")[0], _whole=_name in ("fit", "evaluate"):
                         _fit_like(model, call, _how, _whole))


def _array(value: Any) -> Any:
    """A DataFrame or Series given to fit: its shape as an array's (its dtype is converted column
    by column, so it is not the array's)."""
    if isinstance(value, (DataFrame, Series)):
        array = as_array(value, value.node)
        array.dtype = None
        return array
    return value


def _check_loss(interp, model: Model, labels: Any, output: Any, labels_node: ast.AST | None,
                batches: list[int] = ()) -> bool:
    """Report where the loss raises on these labels and outputs; `batches`: the sizes of the batches
    it runs on, when known, for the checks that depend on them. Whether it raises."""
    name = loss_name(model.loss)
    if name is None or not isinstance(labels, Tensor) or labels.shape is None or not labels.shape:
        return False
    if not isinstance(output, tuple) or labels_node is None:
        return False
    target = (output[0],) + tuple(labels.shape[1:])
    try:
        if interp.keras_major == 2:
            keras2.check_loss(name, target, output, model)
        else:
            check_loss(name, target, output)
            if output and output[0] is None:  # the static shapes pass: each batch meets the loss
                for size in batches:
                    check_loss(name, (size,) + target[1:], (size,) + output[1:], on_data=True)
    except LossError as error:
        related = interp.related(model.loss_node, f"the loss is {name}") if model.loss_node else []
        if labels.node is not None:
            related += interp.related(labels.node, f"the labels get shape {format_shape(labels.shape)} here")
        interp.report(labels_node, error.code, f"{error.message} (the model's output is {format_shape(output)}; "
                      f"labels {format_shape(labels.shape)}; loss {name})", related,
                      loss_fixes(interp, model, name, target, output, labels_node),
                      expected=f"{format_shape(output)} — the output of '{model.name}', compared by {name}",
                      actual=f"{format_shape(labels.shape)} — the labels" + (
                          f", {interp.where(labels.node)}" if labels.node is not None else ""))
        return True
    return False


# ---- attributes --------------------------------------------------------------------------------------

@attribute(Model, "input_shape")
def input_shape(interp, model: Model, node: ast.AST) -> Any:
    if model.poisoned or not model.inputs or model.inputs[0] is None:
        return UNKNOWN
    return model.inputs[0] if len(model.inputs) == 1 else list(model.inputs)


@attribute(Model, "layers")
def model_layers(interp, model: Model, node: ast.AST) -> Any:
    return UNKNOWN if model.poisoned or (model.kind != "Sequential" and not model.graph) else list(model.layers)


@attribute(Model, "output_shape")
def output_shape(interp, model: Model, node: ast.AST) -> Any:
    if model.poisoned or not model.outputs or any(o is None for o in model.outputs):
        return UNKNOWN
    return model.outputs[0] if len(model.outputs) == 1 else list(model.outputs)


# Constructor arguments Keras keeps, unchanged, as attributes of the same name.
_PLAIN_ATTRIBUTES = ("units", "filters", "output_dim", "input_dim", "num_heads", "key_dim", "rate")


def _argument_attribute(name: str):
    def read(interp, layer: Layer, node: ast.AST) -> Any:
        value = layer.args.get(name, UNKNOWN)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else UNKNOWN
    return read


for _name in _PLAIN_ATTRIBUTES:
    attribute(Layer, _name)(_argument_attribute(_name))


@method(Model, "summary", "save", "save_weights", "load_weights")
def no_result(model: Model, call) -> Any:
    return None


# ---- calling a layer ----------------------------------------------------------------------------------

@method(Layer, "__call__")
def call_layer(layer: Layer, call) -> Any:
    interp = call.interp
    rule = RULES.get(layer.kind)
    data = call.get("inputs", 0)
    data_node = call.node_of("inputs", 0) or call.node
    if layer.kind == "ReversibleEmbedding" and call.get("reverse", 1, False) is not False:
        return UNKNOWN  # the projection back to the vocabulary is not followed
    if rule is not None and rule.multi_input and layer.kind in ("MultiHeadAttention", "GroupQueryAttention"):
        data = [call.get("query", 0), call.get("value", 1)] + ([call.get("key", 2)] if call.get("key", 2) else [])
    if isinstance(data, (list, tuple)):
        if not data or not all(isinstance(t, Tensor) and t.shape is not None for t in data):
            return UNKNOWN
        shape: Any = [t.shape for t in data]
        symbolic = any(t.symbolic for t in data)
    elif isinstance(data, Tensor) and data.shape is not None:
        shape, symbolic = data.shape, data.symbolic
    else:
        return UNKNOWN
    first_call = layer.built_shape is None
    tensors = data if isinstance(data, (list, tuple)) else [data]
    declared = symbolic and all(t.symbolic and _from_declared_inputs(t) for t in tensors)
    try:
        with eager_call(not symbolic and _eager(interp)), bound(DECLARED, "" if declared else None), \
                bound(CALLED_WITH, data):
            output = apply_layer(layer, shape, concrete=not symbolic)
    except LayerError as error:
        if isinstance(data, Tensor) and data.input_name and report_batch_axis(
                interp, layer, error, data.shape, data.declared_at):
            return UNKNOWN
        target = layer.arg_nodes.get(error.culprit) if error.culprit else None
        related = []
        if layer.node is not None and layer.node is not call.node.func:
            related += interp.related(layer.node, f"{layer.kind} '{layer.name}' is created here")
        if not first_call and layer.built_at is not None and error.code == AXIS_MISMATCH:
            related += interp.related(layer.built_at, f"'{layer.name}' was first called here, on "
                                      f"{format_shape(layer.built_shape)}")
        tensors_made = [t.producer[0] if t.producer else None for t in tensors]
        elements = data_node.elts if isinstance(data_node, (ast.List, ast.Tuple)) else None
        declared_at = data.declared_at if isinstance(data, Tensor) and data.input_name else None
        fixes = layer_fixes(interp, error, layer, shape, tensors_made, elements, declared_at) + padding_on_the_path(
            interp, error, layer, tensors)
        if not first_call and error.code == AXIS_MISMATCH and isinstance(data, Tensor):
            fixes += resize_data(interp, data, layer.built_shape)
        fixes += layer_data_fixes(interp, error, layer, shape, declared_at)
        if symbolic:  # no model is made past this call: the model graph draws the layers up to it
            interp.models.append(Model("Functional", layer.name, call.node, poisoned=True, made_at=interp.local_site(),
                                       refused=(layer, data, target or data_node)))
        interp.report(target or data_node, error.code, error.message, related, fixes,
                      actual=f"{format_shapes(shape)} — `{interp.source.snippet(data_node)}`")
        return UNKNOWN
    if first_call:
        layer.built_at = call.node
    layer.connected = layer.connected or symbolic
    if output is None:
        return UNKNOWN
    interp.note(call.node, "layer", layer_line(layer, shape, output), output if isinstance(output, tuple) else None)
    return _outputs(output, call.node, symbolic, (layer, list(data) if isinstance(data, (list, tuple)) else data))


def _merge_function(kind: str):
    """keras.layers.concatenate([a, b], axis=...) is Concatenate(axis=...)([a, b])."""
    def merge(call) -> Any:
        inputs = call.get("inputs", 0)
        options = {k: v for k, v in call.kwargs.items() if k != "inputs"}
        nodes = {k: n for k, n in call.kwarg_nodes.items() if k != "inputs"}
        layer = create_layer(CallArgs(call.interp, call.node, list(call.args[1:]), options,
                                      list(call.arg_nodes[1:]), nodes), kind)
        data_node = call.node_of("inputs", 0) or call.node
        return call_layer(layer, CallArgs(call.interp, call.node, [inputs], {}, [data_node], {}))
    return merge


for _kind in ("Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Dot"):
    api(f"keras.layers.{_kind.lower()}")(_merge_function(_kind))
