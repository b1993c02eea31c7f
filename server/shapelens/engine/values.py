"""Abstract values the interpreter computes.

A dimension is an int, or None when it is not fixed (the batch axis, `Input((None, 3))`) or not
known statically. A shape is a tuple of dimensions; an unknown rank is represented by `None` in
place of the tuple. Anything the engine cannot follow is `UNKNOWN`, and nothing is ever reported
about an `UNKNOWN`.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field
from typing import Any, Optional

Dim = Optional[int]
Shape = tuple  # tuple[Dim, ...]


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def format_shape(shape: Shape | None) -> str:
    if shape is None:
        return "(unknown)"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"


def num_elements(shape: Shape) -> int | None:
    """Product of the dimensions, or None if any is not fixed."""
    if any(d is None for d in shape):
        return None
    return math.prod(shape)


def is_shape(value: Any) -> bool:
    """A Python value usable as a shape: a tuple/list of ints or None."""
    return isinstance(value, (tuple, list)) and all(
        d is None or (isinstance(d, int) and not isinstance(d, bool)) for d in value
    )


# Called before an object the engine made changes (incremental.py records which statement changed
# what); None when nothing records. It returns whether it took note: then the same object's next
# changes are not told again until `next_changer` (a constructor sets many attributes in a row).
_changing: Any = None
_told: Any = None


def watch_changes(hook: Any) -> None:
    """Have `hook(obj)` called before each change to an object (None: stop). Attribute changes of
    `Tracked` objects pay for it only while watched."""
    global _changing, _told
    _changing, _told = hook, None
    if hook is None:
        if "__setattr__" in vars(Tracked):
            del Tracked.__setattr__  # back to object's own
    else:
        Tracked.__setattr__ = _watched_setattr  # type: ignore[method-assign]


def next_changer() -> None:
    """Another statement changes objects from here on: the hook is told of each again."""
    global _told
    _told = None


def changing(obj: Any) -> None:
    """Call before changing `obj` in place other than by setting an attribute (which `Tracked` sees)."""
    global _told
    if _changing is not None and obj is not _told and _changing(obj):
        _told = obj


class Tracked:
    """A value whose attributes change in place: while changes are watched, each is told first."""

    __slots__ = ()


def _watched_setattr(self: Tracked, name: str, value: Any) -> None:
    global _told
    if self is not _told and _changing(self):
        _told = self
    object.__setattr__(self, name, value)


@dataclass(frozen=True)
class ApiRef:
    """A name that resolves into a library: 'keras.layers.Conv2D', 'numpy.zeros', 'tensorflow'."""

    path: str

    def attr(self, name: str) -> "ApiRef":
        return ApiRef(f"{self.path}.{name}")


def imported(env: dict) -> list[tuple[str, ApiRef]]:
    """The names a namespace binds to library objects, in the order they were bound (fixes spell
    the calls they add with them). A namespace that notes what is read says so (`imports`)."""
    noted = getattr(env, "imports", None)
    return noted() if noted is not None else [(n, v) for n, v in env.items() if isinstance(v, ApiRef)]


@dataclass(eq=False)
class Tensor(Tracked):
    """A tf.Tensor, NumPy array or KerasTensor whose shape is (partly) known."""

    shape: Shape | None
    dtype: str | None = None
    node: ast.AST | None = None  # the expression that made it, for "came from" notes
    symbolic: bool = False  # a KerasTensor from keras.Input / a functional layer call
    # For keras.Input tensors: the input's name and the expression that declared its shape (which
    # the tensors a custom layer's call() gets for them keep too).
    input_name: str | None = None
    declared_at: ast.AST | None = None
    # For KerasTensors made by a layer call: (layer or model, its input tensor(s), output index),
    # so a functional model can run its graph again on real data.
    producer: tuple | None = None
    # Where the shape came from when that is not in the code: "from data/iris.csv: 5 columns".
    origin: str | None = None
    # What it is when that is certain: "tensorflow" (a tf.Tensor) or "numpy" (an ndarray); the
    # dtype rules differ (api/dtypes.py). A KerasTensor is `symbolic`.
    library: str | None = None

    @property
    def rank(self) -> int | None:
        return None if self.shape is None else len(self.shape)


@dataclass(eq=False)
class Layer(Tracked):
    """A Keras layer instance: its class, its statically known arguments, where it was made."""

    kind: str  # canonical Keras class name, e.g. "Conv2D"
    args: dict[str, Any]  # argument values by parameter name (UNKNOWN where not static)
    node: ast.Call | None  # the constructor call
    arg_nodes: dict[str, ast.AST]  # the source expression of each argument
    name: str  # Keras's name for it, e.g. "conv2d_1"
    built_shape: Shape | None = None  # the input shape it was built with (first call)
    built_at: ast.AST | None = None
    # Asked for the output shape of layers without a rule (real Keras), when there is one.
    fallback: Any = None
    positional: tuple = ()  # positional arguments a rule did not name (layers without a rule)
    added_by: ast.Call | None = None  # the `model.add(...)` call that added it, if any
    connected: bool = False  # called on a KerasTensor: part of a graph (Keras 2 then gives it input_shape)

    def arg(self, name: str, default: Any = None) -> Any:
        return self.args.get(name, default)


@dataclass(eq=False)
class Model(Tracked):
    """A Sequential or functional Keras model."""

    kind: str  # "Sequential" | "Functional" | an application name such as "ResNet50"
    name: str
    node: ast.AST | None
    layers: list[Layer] = field(default_factory=list)
    # Declared input shapes with the batch axis, e.g. [(None, 28, 28, 1)]; [] until known.
    inputs: list[Shape | None] = field(default_factory=list)
    input_nodes: list[ast.AST | None] = field(default_factory=list)  # where each input was declared
    input_names: list[str | None] = field(default_factory=list)
    outputs: list[Shape | None] = field(default_factory=list)
    # Output shape after each layer, parallel to `layers` (Sequential), for hovers and hints.
    layer_outputs: list[Shape | None] = field(default_factory=list)
    loss: Any = None
    loss_node: ast.AST | None = None
    multi_output: bool = False
    built_by_data: bool = False  # a Sequential without declared input, built by its first call
    runner: Any = None  # for subclassed models: runs the user's call() on a shape
    graph: tuple | None = None  # functional models: (input tensors, output tensors)
    poisoned: bool = False  # changed where the engine could not follow: shapes are unknown
    made_at: ast.AST | None = None  # made by another file's function: the call in this file that ran it
    # A functional model Keras refuses to put together (never made, so `poisoned`): the layer whose call
    # raises, the tensor(s) it got and the node its error is reported at, for the model graph (graph.py).
    refused: tuple | None = None

    @property
    def built(self) -> bool:
        return bool(self.inputs)


@dataclass(eq=False)
class Dataset(Tracked):
    """A tf.data.Dataset: the shapes of one element, and whether it is batched."""

    element: Any  # Tensor, or tuple of Tensors
    batched: bool = False
    node: ast.AST | None = None
    batched_again: ast.Call | None = None  # a `.batch()` applied to a batched dataset (batches of batches)


class Grown:
    """A list a loop of unknown length appended to: every item is like `item` (a Tensor of fixed
    shape; a Python number is a 0-d one), how many there are is not known. `item` is None while
    nothing has been appended. It holds no items the engine could read one by one."""

    __slots__ = ("item",)

    def __init__(self, item: "Tensor | None" = None):
        self.item = item

    def __iter__(self):  # nothing to read item by item (mutation's scans iterate containers)
        return iter(())


@dataclass(eq=False)
class PilImage(Tracked):
    """A PIL image: its size as PIL gives it, (width, height), and its mode ("L", "RGB", ...), each
    None when not known. Changed in place by methods the engine does not follow (`thumbnail`,
    `paste`, ...) or by code it does not read, it forgets both (`forget`): every alias sees that."""

    size: tuple[int, int] | None
    mode: str | None
    node: ast.AST | None = None
    origin: str | None = None  # "from data/cat.png: 8x8 RGB image": the file the size and mode came from

    def forget(self) -> None:
        self.size = self.mode = self.origin = None


@dataclass(eq=False)
class Function:
    """A function defined in the analysed file."""

    node: ast.FunctionDef | ast.Lambda
    closure: dict[str, Any]


def same_value(a: Any, b: Any) -> bool:
    """One object, or equal plain values (numbers, strings, None, tuples of them): the same to
    every rule."""
    if a is b:
        return True
    try:
        return type(a) is type(b) and isinstance(a, (int, float, str, bool, tuple)) and a == b
    except Exception:  # comparing exotic values must never break the analysis
        return False


def join(a: Any, b: Any) -> Any:
    """The value a name holds after two branches: the same value, or UNKNOWN."""
    if same_value(a, b):
        return a
    if isinstance(a, Tensor) and isinstance(b, Tensor) and a.shape == b.shape:
        return Tensor(a.shape, a.dtype if a.dtype == b.dtype else None, a.node, a.symbolic and b.symbolic,
                      library=a.library if a.library == b.library else None)
    return UNKNOWN
