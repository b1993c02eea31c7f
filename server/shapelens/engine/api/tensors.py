"""Tensor and array creation and manipulation: TensorFlow, NumPy and keras.ops functions and methods.

Only shapes and dtypes are computed, never values. An operation whose result shape cannot be
derived with certainty returns UNKNOWN.
"""
from __future__ import annotations

import ast
import math
from typing import Any

from ..growing import index_size
from ..layers.base import OP_MISMATCH
from ..values import UNKNOWN, ApiRef, Grown, Shape, Tensor, format_shape, is_shape
from . import api, attribute, method
from .dtypes import FLOATS, dtype_name


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def as_shape(value: Any) -> Shape | None:
    """A shape argument: (2, 3), [2, 3], 5, or another tensor's `.shape` tuple."""
    if _int(value):
        return (value,) if value >= 0 else None
    if is_shape(value) and all(d is None or d >= 0 for d in value):
        return tuple(value)
    return None


def _dtype(value: Any, default: str | None, library: str | None = None) -> str | None:
    """A dtype argument: `default` when absent, None when its meaning is not certain."""
    return default if value is None else dtype_name(value, library)


def _number_dtype(value: Any) -> str | None:
    """The dtype a Python number fills an array with ("int"/"float": the library decides)."""
    return "float" if isinstance(value, float) else "int" if _int(value) else None


def _make(call, dtype: str | None, library: str, dtype_position: int = 1) -> Any:
    shape = as_shape(call.get("shape", 0))
    if shape is None:
        return UNKNOWN
    return Tensor(shape, _dtype(call.get("dtype", dtype_position), dtype, library), call.node)


@api("tensorflow.zeros", "tensorflow.ones", "keras.ops.zeros", "keras.ops.ones")
def tf_create(call) -> Any:
    return _make(call, "float32", "tensorflow")


@api("tensorflow.random.normal", "tensorflow.random.uniform", "tensorflow.random.truncated_normal",
     "keras.random.normal", "keras.random.uniform")
def tf_random(call) -> Any:
    return _make(call, "float32", "tensorflow", dtype_position=3)


@api("tensorflow.fill")
def tf_fill(call) -> Any:
    shape = as_shape(call.get("dims", 0))
    return Tensor(shape, _number_dtype(call.get("value", 1)), call.node) if shape is not None else UNKNOWN


@api("numpy.zeros", "numpy.ones", "numpy.empty")
def np_create(call) -> Any:
    return _make(call, "float64", "numpy")


@api("numpy.full")
def np_full(call) -> Any:
    return _make(call, _number_dtype(call.get("fill_value", 1)), "numpy", dtype_position=2)


@api("numpy.eye", "numpy.identity")
def np_eye(call) -> Any:
    rows = call.get("N", 0, call.get("n", 0))
    columns = call.get("M", 1, rows)
    if not (_int(rows) and rows >= 0 and (_int(columns) and columns >= 0 or columns is None)):
        return UNKNOWN
    return Tensor((rows, rows if columns is None else columns), _dtype(call.get("dtype"), "float64", "numpy"), call.node)


@api("numpy.random.rand", "numpy.random.randn")
def np_rand(call) -> Any:
    if call.kwargs or not all(_int(a) and a >= 0 for a in call.args):
        return UNKNOWN
    return Tensor(tuple(call.args), "float64", call.node)


def _sized(size_position: int, dtype: str | None):
    """NumPy samplers whose shape is the `size` argument (a scalar when it is absent); a `dtype`
    given by position is not followed."""
    def sample(call) -> Any:
        shape = as_shape(call.get("size", size_position))
        kind = _dtype(call.get("dtype"), dtype if len(call.args) <= size_position + 1 else None, "numpy")
        return Tensor(shape, kind, call.node) if shape is not None else UNKNOWN
    return sample


api("numpy.random.random", "numpy.random.random_sample", "numpy.random.sample",
    "numpy.random.standard_normal")(_sized(0, "float64"))
api("numpy.random.uniform", "numpy.random.normal")(_sized(2, "float64"))
api("numpy.random.randint")(_sized(2, "int64"))


@api("numpy.random.choice")
def np_choice(call) -> Any:
    return _sized(1, _population_dtype(call.get("a", 0)))(call)


def _population_dtype(population: Any) -> str | None:
    """What `choice` draws: integers below an int, or the items of an array or list."""
    if _int(population):
        return "int64"
    if isinstance(population, Tensor):
        return population.dtype
    try:
        items = _literal_array(population, None)
    except Ragged:
        return None
    return items.dtype if isinstance(items, Tensor) else None


class RandomGenerator:
    """`np.random.default_rng(...)`: its sampling methods take `size` as the module's do."""


@api("numpy.random.default_rng")
def default_rng(call) -> Any:
    return RandomGenerator()


def _generator_method(size_position: int, dtype: str):
    sample = _sized(size_position, dtype)
    return lambda generator, call: sample(call)


for _names, _position, _kind in ((("random", "standard_normal"), 0, "float64"), (("normal", "uniform"), 2, "float64"),
                                 (("integers",), 2, "int64")):
    for _name in _names:
        method(RandomGenerator, _name)(_generator_method(_position, _kind))


@method(RandomGenerator, "choice")
def generator_choice(generator: RandomGenerator, call) -> Any:
    return _sized(1, _population_dtype(call.get("a", 0)))(call)


@api("numpy.copy", "tensorflow.identity", "tensorflow.nn.relu", "tensorflow.nn.softmax", "tensorflow.math.sigmoid",
     "tensorflow.sigmoid", "tensorflow.tanh", "numpy.abs", "tensorflow.abs", "tensorflow.exp", "tensorflow.math.log",
     "tensorflow.clip_by_value", "tensorflow.stop_gradient")
def same_shape(call) -> Any:
    value = call.get("x", 0, call.get("a", None, call.get("input", None, call.get("value"))))
    if isinstance(value, Tensor):
        return Tensor(value.shape, value.dtype, call.node, value.symbolic)
    try:
        return _literal_array(value, call.node) if value is not None else UNKNOWN
    except Ragged:
        return UNKNOWN


def _retyped(dtype_of) -> Any:
    """A shape-keeping call whose dtype is `dtype_of(call, the input's dtype)`."""
    def rule(call) -> Any:
        result = same_shape(call)
        if isinstance(result, Tensor):
            result.dtype = dtype_of(call, result.dtype)
        return result
    return rule


_numpy_retyped = _retyped(lambda call, dtype: _dtype(call.get("dtype", 1), dtype, "numpy"))
api("numpy.zeros_like", "numpy.ones_like")(_numpy_retyped)


@api("numpy.asarray")
def asarray(call) -> Any:
    from .frames import as_array  # a DataFrame or Series becomes its `.to_numpy()`
    array = as_array(call.get("a", 0), call.node) if call.get("dtype", 1) is None else UNKNOWN
    return array if array is not UNKNOWN else _numpy_retyped(call)


api("tensorflow.zeros_like", "tensorflow.ones_like", "tensorflow.convert_to_tensor")(
    _retyped(lambda call, dtype: _dtype(call.get("dtype", 1), dtype, "tensorflow")))
api("tensorflow.image.convert_image_dtype")(lambda call: _retyped(
    lambda call, dtype: _dtype(call.get("dtype", 1), None, "tensorflow"))(call) if call.get("dtype", 1) else UNKNOWN)
api("numpy.float32")(_retyped(lambda call, dtype: "float32"))
# Integers come out in floating point of a size that depends on theirs; floats keep their dtype.
api("numpy.sqrt", "numpy.exp", "numpy.log", "numpy.clip")(
    _retyped(lambda call, dtype: dtype if dtype in FLOATS else None))


class Ragged(Exception):
    """A nested list whose rows differ in length: `depth` axes agree, `shape` are their sizes."""

    def __init__(self, shape: tuple):
        super().__init__()
        self.shape = shape


def _literal_array(value: Any, node: ast.AST | None) -> Any:
    """The shape of a nested list/tuple of numbers, or of arrays of one shape (a list of images
    built in a loop), as np.array/tf.constant see it. Raises Ragged for rows of different lengths."""
    from .containers import as_sequence
    value = as_sequence(value)
    if isinstance(value, Grown):  # arrays of one shape, how many not known
        return Tensor((None,) + value.item.shape, value.item.dtype, node) if value.item is not None else UNKNOWN
    shape: list[int] = []
    level = value
    while isinstance(level, (list, tuple)):
        shape.append(len(level))
        if not level:
            break
        level = level[0]
    if not (isinstance(level, Tensor) or _plain(level)):
        return UNKNOWN  # a list, an unknown, a library object (a dataset, sequences of varying lengths)
    leaf = level.shape if isinstance(level, Tensor) else ()
    if leaf is None or not _regular(value, tuple(shape), leaf):
        _check_ragged(value, ())
        return UNKNOWN
    return Tensor(tuple(shape) + leaf, _leaves_dtype(value, len(shape)), node)


def _leaves_dtype(value: Any, depth: int) -> str | None:
    """One dtype for all the items of a regular nested list: arrays' common dtype, "bool", "int"
    (Python ints that fit in int32) or "float" (numbers, one of them a float); None if they mix."""
    leaves = [value]
    for _ in range(depth):
        leaves = [item for row in leaves for item in row]
    if all(isinstance(leaf, Tensor) for leaf in leaves):
        kinds = {leaf.dtype for leaf in leaves}
    elif all(isinstance(leaf, bool) for leaf in leaves):
        return "bool"
    elif all(isinstance(leaf, (int, float)) and not isinstance(leaf, bool) for leaf in leaves):
        if any(isinstance(leaf, float) for leaf in leaves):
            return "float"
        return "int" if all(-2**31 <= leaf < 2**31 for leaf in leaves) else None
    else:
        return None
    return kinds.pop() if len(kinds) == 1 else None


def _regular(value: Any, shape: Shape, leaf: Shape) -> bool:
    if not shape:
        if isinstance(value, Tensor):
            return value.shape == leaf and None not in leaf and not value.symbolic
        return not leaf and _plain(value)
    if not isinstance(value, (list, tuple)) or len(value) != shape[0]:
        return False
    return all(_regular(v, shape[1:], leaf) for v in value)


def _plain(value: Any) -> bool:
    """A value NumPy stores as one element: a number, a string, None."""
    return value is None or isinstance(value, (int, float, complex, str))


def _check_ragged(value: Any, prefix: tuple) -> None:
    """Raise Ragged where the rows of a nested list of plain numbers first differ; return when
    anything in it is not a plain number or a list (an array, an unknown: not decided here)."""
    rows = [value]
    depth = prefix
    while True:
        if all(isinstance(r, (int, float)) and not isinstance(r, bool) for r in rows):
            return
        if not all(isinstance(r, (list, tuple)) for r in rows):
            if all(isinstance(r, (list, tuple, int, float)) and not isinstance(r, bool) for r in rows):
                raise Ragged(depth)
            return
        lengths = {len(r) for r in rows}
        if len(lengths) > 1:
            if all(isinstance(x, (list, tuple, int, float)) and not isinstance(x, bool) for r in rows for x in r):
                raise Ragged(depth)
            return
        depth += (lengths.pop(),)
        rows = [x for r in rows for x in r]


@api("tensorflow.constant", "keras.ops.array", "keras.ops.convert_to_tensor")
def array(call, numpy: bool = False) -> Any:
    from .frames import as_array
    value = call.get("value", 0, call.get("object", 0))
    named = call.get("dtype", 1)
    if numpy and named is None and as_array(value, call.node) is not UNKNOWN:
        return as_array(value, call.node)  # a DataFrame or Series: its `.to_numpy()`
    if isinstance(value, Tensor):
        return Tensor(value.shape, _dtype(named, value.dtype, "numpy" if numpy else "tensorflow"), call.node)
    try:
        result = _literal_array(value, call.node)
    except Ragged as ragged:
        if numpy and _not_object(named):  # an object array holds rows of any length
            call.interp.report_op_error(call.node, OP_MISMATCH, (
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after "
                f"{len(ragged.shape)} dimensions. The detected shape was {format_shape(ragged.shape)} + "
                "inhomogeneous part."), runtime_only=False)
        return UNKNOWN
    if isinstance(result, Tensor):
        result.dtype = _dtype(named, result.dtype, "numpy" if numpy else "tensorflow")
    shape = as_shape(call.get("shape"))
    if result is UNKNOWN or shape is None:
        return result
    # tf.constant(0.0, shape=(2, 3)) broadcasts a scalar; other combinations are not followed.
    return Tensor(shape, result.dtype, call.node) if result.shape == () else UNKNOWN


api("numpy.array")(lambda call: array(call, numpy=True))


def _not_object(dtype: Any) -> bool:
    """A dtype argument known not to be `object`."""
    if isinstance(dtype, ApiRef):
        return not dtype.path.endswith(("object_", "object"))
    return dtype is None or isinstance(dtype, str) and dtype not in ("object", "O")


def reshape_shape(shape: Shape | None, target: Any) -> Shape | None:
    """numpy/tf reshape: -1 infers one axis. None if not derivable (or if it would fail)."""
    target = as_shape_with_wildcard(target)
    if target is None or shape is None:
        return None
    total = math.prod(shape) if all(d is not None for d in shape) else None
    if target.count(-1) > 1:
        return None
    if -1 in target:
        rest = math.prod(d for d in target if d != -1)
        if total is None:  # an unknown axis (the batch): the inferred one is unknown too
            return tuple(None if d == -1 else d for d in target)
        if rest == 0 or total % rest:
            return None
        return tuple(total // rest if d == -1 else d for d in target)
    if total is not None and math.prod(target) != total:
        return None
    return target


def as_shape_with_wildcard(value: Any) -> tuple | None:
    if _int(value):
        value = (value,)
    if isinstance(value, (tuple, list)) and all(_int(d) and d >= -1 for d in value):
        return tuple(value)
    return None


def reshape_failure(shape: Shape, target: tuple, library: str, graph: bool) -> str | None:
    """The library's message when this reshape fails for certain (all sizes known), else None."""
    if any(d is None for d in shape) or target.count(-1) > 1:
        return None
    total, rest = math.prod(shape), math.prod(d for d in target if d != -1)
    wildcard = -1 in target
    if (total % rest == 0) if wildcard and rest else total == rest:
        return None
    dims = ",".join(str(d) for d in shape)
    if library == "numpy":  # NumPy leaves the -1 out of its message
        return f"cannot reshape array of size {total} into shape ({','.join(str(d) for d in target if d != -1)})"
    if library == "keras":  # keras.ops on a KerasTensor
        return (f"The total size of the tensor must be unchanged. Received: input_shape={format_shape(shape)}, "
                f"newshape={format_shape(target)}")
    if graph:  # TensorFlow's static shape inference while tracing a graph
        if wildcard:
            return (f"Dimension size must be evenly divisible by {rest} but is {total} for 'Reshape' with input "
                    f"shapes: [{dims}], [{len(target)}].")
        return (f"Cannot reshape a tensor with {total} elements to shape [{','.join(map(str, target))}] ({rest} "
                f"elements) for 'Reshape' with input shapes: [{dims}], [{len(target)}].")
    needed = f"requires a multiple of {rest}" if wildcard else f"has {rest}"
    return f"Input to reshape is a tensor with {total} values, but the requested shape {needed} [Op:Reshape]"


def _reshaped(call, tensor: Any, target: Any, library: str) -> Any:
    if not isinstance(tensor, Tensor):
        return UNKNOWN
    shape = reshape_shape(tensor.shape, target)
    if shape is not None:
        return Tensor(shape, tensor.dtype, call.node, tensor.symbolic)
    wanted = as_shape_with_wildcard(target)
    if tensor.shape is not None and wanted is not None:
        if library == "keras" and not tensor.symbolic:
            library = "tensorflow"  # keras.ops on real data runs tf.reshape
        message = reshape_failure(tensor.shape, wanted, library, call.interp.graph_mode)
        if message is not None:
            call.interp.report_op_error(call.node, OP_MISMATCH, message, runtime_only=False)
    return UNKNOWN


@api("numpy.reshape")
def np_reshape(call) -> Any:
    return _reshaped(call, call.get("a", 0), call.get("newshape", 1, call.get("shape", 1)), "numpy")


@api("tensorflow.reshape")
def tf_reshape(call) -> Any:
    return _reshaped(call, call.get("tensor", 0), call.get("shape", 1), "tensorflow")


@api("keras.ops.reshape")
def keras_reshape(call) -> Any:
    return _reshaped(call, call.get("x", 0), call.get("newshape", 1, call.get("new_shape", 1)), "keras")


@method(Tensor, "reshape")
def reshape_method(tensor: Tensor, call) -> Any:
    """ndarray.reshape (tf.Tensor has no such method)."""
    target = call.args[0] if len(call.args) == 1 else tuple(call.args)
    return _reshaped(call, tensor, call.get("shape", None, target), "numpy")


def _axis(axis: Any, rank: int) -> int | None:
    if not _int(axis) or not -rank <= axis < rank:
        return None
    return axis % rank


@api("numpy.expand_dims", "tensorflow.expand_dims", "keras.ops.expand_dims")
def expand_dims(call) -> Any:
    tensor = call.get("a", 0, call.get("input", 0, call.get("x", 0)))
    if not isinstance(tensor, Tensor) or tensor.shape is None:
        return UNKNOWN
    axis = _axis(call.get("axis", 1), len(tensor.shape) + 1)
    if axis is None:
        return UNKNOWN
    shape = tensor.shape[:axis] + (1,) + tensor.shape[axis:]
    return Tensor(shape, tensor.dtype, call.node, tensor.symbolic)


def _squeeze(tensor: Any, axis: Any, node: ast.AST) -> Any:
    if not isinstance(tensor, Tensor) or tensor.shape is None:
        return UNKNOWN
    shape = tensor.shape
    if axis is None:
        if any(d is None for d in shape):
            return UNKNOWN
        return Tensor(tuple(d for d in shape if d != 1), tensor.dtype, node)
    index = _axis(axis, len(shape))
    if index is None or shape[index] != 1:
        return UNKNOWN
    return Tensor(shape[:index] + shape[index + 1:], tensor.dtype, node, tensor.symbolic)


@api("numpy.squeeze", "tensorflow.squeeze", "keras.ops.squeeze")
def squeeze(call) -> Any:
    return _squeeze(call.get("a", 0, call.get("input", 0)), call.get("axis", 1), call.node)


@method(Tensor, "squeeze")
def squeeze_method(tensor: Tensor, call) -> Any:
    return _squeeze(tensor, call.get("axis", 0), call.node)


@method(Tensor, "astype")
def astype(tensor: Tensor, call) -> Any:
    return Tensor(tensor.shape, _dtype(call.get("dtype", 0), None, "numpy"), call.node, tensor.symbolic)


@method(Tensor, "copy", "numpy")
def copy(tensor: Tensor, call) -> Any:
    return Tensor(tensor.shape, tensor.dtype, call.node, tensor.symbolic)


@api("tensorflow.cast", "keras.ops.cast")
def cast(call) -> Any:
    tensor = call.get("x", 0)
    if not isinstance(tensor, Tensor):
        try:
            tensor = _literal_array(tensor, call.node)
        except Ragged:
            return UNKNOWN
        if not isinstance(tensor, Tensor):
            return UNKNOWN
    return Tensor(tensor.shape, _dtype(call.get("dtype", 1), None, "tensorflow"), call.node, tensor.symbolic)


@method(Tensor, "flatten", "ravel")
def flatten(tensor: Tensor, call) -> Any:
    if tensor.shape is None or any(d is None for d in tensor.shape):
        return UNKNOWN
    return Tensor((math.prod(tensor.shape),), tensor.dtype, call.node)


@api("keras.utils.to_categorical")
def to_categorical(call) -> Any:
    labels = call.get("x", 0, call.get("y", 0))
    classes = call.get("num_classes", 1)
    if classes is None and isinstance(labels, list) and labels and all(_int(v) and v >= 0 for v in labels):
        classes = max(labels) + 1  # what Keras counts when not told
    if isinstance(labels, list) and labels and all(_int(v) for v in labels):
        labels = Tensor((len(labels),), "int64", call.node)
    # Without num_classes the count comes from the labels' values: unknown, but the rank is known.
    if not isinstance(labels, Tensor) or labels.shape is None or not (_int(classes) or classes is None):
        return UNKNOWN
    shape = labels.shape
    # Keras drops a trailing axis of size 1: labels (N, 1) become (N, classes).
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = shape[:-1]
    # NumPy's float64 for arrays; TensorFlow's one_hot (float32) for tf.Tensors.
    dtype = {"numpy": "float64", "tensorflow": "float32"}.get(labels.library or "")
    return Tensor(shape + (classes,), dtype, call.node, library=labels.library)


@api("tensorflow.one_hot", "keras.ops.one_hot")
def one_hot(call) -> Any:
    labels = call.get("indices", 0, call.get("x", 0))
    depth = call.get("depth", 1, call.get("num_classes", 1))
    axis = call.get("axis", None, -1)
    if not isinstance(labels, Tensor) or labels.shape is None or not _int(depth) or not _int(axis):
        return UNKNOWN
    position = _axis(axis, len(labels.shape) + 1)
    if position is None:
        return UNKNOWN
    # float32 unless a dtype is named, or on/off values decide it
    valued = len(call.args) > 2 or "on_value" in call.kwargs or "off_value" in call.kwargs
    dtype = None if valued else _dtype(call.get("dtype"), "float32", "tensorflow")
    return Tensor(labels.shape[:position] + (depth,) + labels.shape[position:], dtype, call.node)


@attribute(Tensor, "shape")
def shape_of(interp, tensor: Tensor, node: ast.AST) -> Any:
    return tensor.shape if tensor.shape is not None else UNKNOWN


@attribute(Tensor, "ndim")
def ndim_of(interp, tensor: Tensor, node: ast.AST) -> Any:
    return tensor.rank if tensor.rank is not None else UNKNOWN


@attribute(Tensor, "dtype")
def dtype_of(interp, tensor: Tensor, node: ast.AST) -> Any:
    return UNKNOWN


@attribute(Tensor, "T")
def transpose_of(interp, tensor: Tensor, node: ast.AST) -> Any:
    if tensor.shape is None:
        return UNKNOWN
    return Tensor(tuple(reversed(tensor.shape)), tensor.dtype, node, library=tensor.library)


def index_tensor(tensor: Tensor, index: Any, node: ast.AST) -> Any:
    """x[0], x[:10], x[..., None], x[:, 1:3]: basic indexing with constants; and x[labels] with
    one array of integers (`np.eye(k)[labels]`, a one-hot encoding): its shape, then x's others."""
    if tensor.shape is None:
        return UNKNOWN
    if isinstance(index, Tensor):
        integers = isinstance(index.dtype, str) and index.dtype.startswith(("int", "uint"))
        if not integers or index.shape is None or not tensor.shape or tensor.symbolic or index.symbolic:
            return UNKNOWN
        return Tensor(index.shape + tensor.shape[1:], tensor.dtype, node, library=tensor.library)
    items = list(index) if isinstance(index, tuple) else [index]
    if any(i is UNKNOWN for i in items) or sum(1 for i in items if i is Ellipsis) > 1:
        return UNKNOWN
    consumed = sum(1 for i in items if i is not None and i is not Ellipsis)
    if consumed > len(tensor.shape):
        return UNKNOWN
    if Ellipsis in items:
        at = items.index(Ellipsis)
        items[at:at + 1] = [slice(None)] * (len(tensor.shape) - consumed)
    shape: list = []
    axis = 0
    for item in items:
        if item is None:
            shape.append(1)
            continue
        dim = tensor.shape[axis]
        axis += 1
        moving = index_size(item, dim)  # an index that moves with a loop
        if moving is not None:
            shape.extend(() if moving[0] else (moving[1],))
        elif isinstance(item, slice):
            shape.append(len(range(dim)[item]) if dim is not None else None)
        elif not _int(item):
            return UNKNOWN
    shape.extend(tensor.shape[axis:])
    return Tensor(tuple(shape), tensor.dtype, node, tensor.symbolic, library=tensor.library)


def broadcast(a: Shape, b: Shape) -> Shape | None:
    """NumPy broadcasting of two shapes; None if they are certainly incompatible. A dimension not
    known meets a fixed one: the result is the fixed one (or it fails, which is not reported)."""
    result = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x == 1 or x is None and y != 1:
            result.append(y)
        elif y == 1 or y is None or x == y:
            result.append(x)
        else:
            return None
    return tuple(reversed(result))


@api("numpy.moveaxis", "keras.ops.moveaxis")
def moveaxis(call) -> Any:
    tensor = call.get("a", 0, call.get("x", 0))
    source, destination = call.get("source", 1), call.get("destination", 2)
    if not isinstance(tensor, Tensor) or tensor.shape is None:
        return UNKNOWN
    rank = len(tensor.shape)
    start, end = _axis(source, rank), _axis(destination, rank)
    if start is None or end is None:
        return UNKNOWN
    dims = list(tensor.shape)
    dims.insert(end, dims.pop(start))
    return Tensor(tuple(dims), tensor.dtype, call.node, tensor.symbolic)


def _transpose(tensor: Any, perm: Any, node: ast.AST) -> Any:
    if not isinstance(tensor, Tensor) or tensor.shape is None:
        return UNKNOWN
    rank = len(tensor.shape)
    if perm is None:
        order = list(reversed(range(rank)))
    elif isinstance(perm, (tuple, list)) and sorted(_axis(p, rank) for p in perm if _int(p)) == list(range(rank)) \
            and len(perm) == rank:
        order = [_axis(p, rank) for p in perm]
    else:
        return UNKNOWN
    return Tensor(tuple(tensor.shape[i] for i in order), tensor.dtype, node, tensor.symbolic)


@api("numpy.transpose", "keras.ops.transpose")
def np_transpose(call) -> Any:
    return _transpose(call.get("a", 0, call.get("x", 0)), call.get("axes", 1), call.node)


@api("tensorflow.transpose")
def tf_transpose(call) -> Any:
    return _transpose(call.get("a", 0), call.get("perm", 1), call.node)


@method(Tensor, "transpose")
def transpose_method(tensor: Tensor, call) -> Any:
    perm = call.args[0] if len(call.args) == 1 else (tuple(call.args) if call.args else call.get("axes"))
    return _transpose(tensor, perm, call.node)
