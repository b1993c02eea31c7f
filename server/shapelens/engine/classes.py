"""User classes: custom Keras layers and subclassed models, interpreted abstractly — never run.

A class deriving from keras.layers.Layer or keras.Model is read from its source: `__init__` sets
attributes (often sub-layers), `build(input_shape)` creates weights with `self.add_weight(shape=...)`,
and `call(inputs)` computes the output with tensor operations, which the engine follows as it
follows any other code. Errors inside `call` are reported where they happen, with the call site
that fed the shape as related information.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from . import resolve
from .api.tensors import as_shape
from .calls import CallArgs, builtin
from .layers.base import CALLED_WITH, snake_case
from .runtime import bound
from .values import UNKNOWN, ApiRef, Function, Layer, Model, Tensor, Tracked

LAYER_BASES = frozenset({"keras.layers.Layer", "keras.Layer"})
MODEL_BASES = frozenset({"keras.Model"})


@dataclass(eq=False)
class UserClass(Tracked):
    name: str
    kind: str  # "layer" | "model" | "object" (a plain class: attributes and methods)
    methods: dict[str, ast.FunctionDef]
    closure: dict[str, Any]
    attrs: dict[str, Any] = field(default_factory=dict)  # class attributes (plain classes)


@dataclass(eq=False)
class Instance(Tracked):
    """`self` inside a user class's methods: its attributes, and the Layer/Model value it is."""

    cls: UserClass
    attrs: dict[str, Any] = field(default_factory=dict)
    value: Any = None  # the Layer or Model the rest of the program sees
    built: bool = False


@dataclass(eq=False)
class BoundUserMethod:
    instance: Instance
    function: ast.FunctionDef


class Super:
    """`super()` / `super(Cls, self)`: Keras's own base methods, which change no shape here."""


def classify(interp, node: ast.ClassDef, env: dict) -> UserClass | None:
    """A Layer or Model subclass (directly or through another user class), a plain class, else None."""
    if all(isinstance(base, ast.Name) and base.id == "object" for base in node.bases) and not node.keywords:
        return _plain_class(interp, node, env)
    kind = None
    methods: dict[str, ast.FunctionDef] = {}
    for base in node.bases:
        value = interp.eval(base, env)
        if isinstance(value, ApiRef):
            path = resolve.canonical(value.path)
            kind = "layer" if path in LAYER_BASES else "model" if path in MODEL_BASES else kind
        elif isinstance(value, UserClass) and value.kind != "object":
            kind = value.kind
            methods.update(value.methods)
    if kind is None or node.keywords:
        return None
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef):
            if stmt.decorator_list and not all(_harmless_decorator(d) for d in stmt.decorator_list):
                methods.pop(stmt.name, None)
                continue
            methods[stmt.name] = stmt
    return UserClass(node.name, kind, methods, env)


# Methods that change how a plain object's attributes are read or written: the engine's model of
# attributes would not hold.
_MAGIC = frozenset({"__getattr__", "__getattribute__", "__setattr__", "__delattr__", "__set_name__",
                    "__init_subclass__", "__class_getitem__", "__new__"})


def _plain_class(interp, node: ast.ClassDef, env: dict) -> UserClass | None:
    """A class of plain objects (a config, a builder): methods without decorators, and class
    attributes assigned simple names. Anything else in its body leaves it unknown."""
    methods: dict[str, ast.FunctionDef] = {}
    attrs: dict[str, Any] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and not stmt.decorator_list and stmt.name not in _MAGIC:
            methods[stmt.name] = stmt
        elif isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets):
            value = interp.eval(stmt.value, env)
            attrs.update({t.id: value for t in stmt.targets})
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            if stmt.value is not None:
                attrs[stmt.target.id] = interp.eval(stmt.value, env)
        elif not (isinstance(stmt, ast.Pass) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            return None
    return UserClass(node.name, "object", methods, env, attrs)


def _harmless_decorator(node: ast.expr) -> bool:
    text = ast.unparse(node)
    return text.endswith("function") or text in ("property",)


def instantiate(interp, cls: UserClass, call) -> Any:
    """Construct an instance: run __init__ abstractly, wrap it as a Layer or Model value."""
    instance = Instance(cls)
    if cls.kind == "object":
        instance.value = instance
    elif cls.kind == "layer":
        name = call.get("name")
        instance.value = Layer(cls.name, {}, call.node, {}, name if isinstance(name, str) else
                               interp.unique_name(snake_case(cls.name)), fallback=CustomLayerRunner(interp, instance))
    else:
        instance.value = Model("Subclassed", interp.unique_name(snake_case(cls.name)), call.node)
        instance.value.runner = CustomLayerRunner(interp, instance)
    init = cls.methods.get("__init__")
    if init is not None and run_method(interp, instance, init, call.args, call.kwargs) is UNKNOWN:
        pass  # an __init__ the engine cannot follow leaves attributes unknown, which is fine
    return instance.value


def run_method(interp, instance: Instance, method: ast.FunctionDef, args: list, kwargs: dict) -> Any:
    call = CallArgs(interp, method, [instance, *args], dict(kwargs), [method] * (len(args) + 1),
                    {k: method for k in kwargs})
    return interp.call_function(Function(method, instance.cls.closure), call)


class CustomLayerRunner:
    """Answers 'what does this custom layer output for this input shape?' by running its build
    (once) and call abstractly. Plugged into a Layer/Model as its fallback."""

    def __init__(self, interp, instance: Instance):
        self.interp, self.instance = interp, instance

    def output_shape(self, kind: str, positional: tuple, args: dict, inputs: Any, concrete: bool = False) -> Any:
        if self.interp.depth >= 8:  # a layer calling itself, however indirectly
            return None
        # Keras traces call() with TensorFlow graph tensors, not KerasTensors, even while a model is
        # built: tf.* operations work on them and check shapes as they do on real data.
        given = CALLED_WITH.get()
        if isinstance(inputs, list):
            given = given if isinstance(given, (list, tuple)) and len(given) == len(inputs) else [None] * len(inputs)
            data: Any = [_traced(s, g) for s, g in zip(inputs, given)]
        else:
            data = _traced(inputs, given)
        with bound(CALLED_WITH, None):
            return self._run(inputs, data, concrete)

    def _run(self, inputs: Any, data: Any, concrete: bool) -> Any:
        methods = self.instance.cls.methods
        if not self.instance.built:
            self.instance.built = True
            build = methods.get("build")
            if build is not None:
                run_method(self.interp, self.instance, build, [list(inputs) if isinstance(inputs, list) else inputs], {})
        call = methods.get("call")
        # Keras traces call() into a graph while building a model and in fit/evaluate/predict;
        # only a direct call on real data runs it eagerly.
        saved = self.interp.graph_mode
        self.interp.graph_mode = not concrete or bool(self.interp.compiled_sites)
        try:
            result = run_method(self.interp, self.instance, call, [data], {}) if call is not None else UNKNOWN
        finally:
            self.interp.graph_mode = saved
        if isinstance(result, Tensor) and result.shape is not None:
            return result.shape
        if isinstance(result, (list, tuple)) and result and all(isinstance(r, Tensor) and r.shape for r in result):
            return [r.shape for r in result]
        declared = methods.get("compute_output_shape")
        if declared is not None:
            shape = as_shape(run_method(self.interp, self.instance, declared, [inputs], {}))
            return shape
        return None


def _traced(shape: Any, given: Any) -> Tensor:
    """A tensor of `shape` for call(), made where the data it stands for was made (batched since,
    maybe), declared where a keras.Input declared it."""
    if not isinstance(given, Tensor):
        return Tensor(shape, "float32")
    return Tensor(shape, "float32", given.node, declared_at=given.declared_at if given.shape == shape else None)


class LambdaRunner:
    """keras.layers.Lambda(f): f is the user's function, run abstractly on the input tensor."""

    def __init__(self, interp, function: Function):
        self.interp, self.function = interp, function

    def output_shape(self, kind: str, positional: tuple, args: dict, inputs: Any, concrete: bool = False) -> Any:
        if self.interp.depth >= 8:
            return None
        data = [Tensor(s, "float32") for s in inputs] if isinstance(inputs, list) else Tensor(inputs, "float32")
        node = self.function.node
        result = self.interp.call_function(self.function, CallArgs(self.interp, node, [data], {}, [node], {}))
        return result.shape if isinstance(result, Tensor) and result.shape is not None else None


def instance_attribute(owner: Instance | Super, name: str) -> Any:
    if isinstance(owner, Super):
        # Keras's own __init__/build change no shape the engine tracks.
        return builtin(lambda call: None) if name in ("__init__", "build") else UNKNOWN
    if name in owner.attrs:
        return owner.attrs[name]
    if name in owner.cls.methods:
        return BoundUserMethod(owner, owner.cls.methods[name])
    if name in owner.cls.attrs:
        return owner.cls.attrs[name]
    if name == "add_weight":
        return builtin(_add_weight)
    return UNKNOWN


def _add_weight(call) -> Any:
    """self.add_weight(shape=...) → a weight tensor of that shape."""
    shape = as_shape(call.get("shape", 0))
    return Tensor(shape, "float32", call.node) if shape is not None else UNKNOWN
