"""What library calls do: dispatch tables filled by the modules of this package.

`FUNCTIONS` maps a canonical API path (`numpy.zeros`, `keras.Sequential`) to a handler taking a
`CallArgs`; `METHODS` maps (value type, method name) to a handler taking the receiver and the call;
`ATTRIBUTES` maps (value type, attribute name) to a getter. Keras layer classes are not listed one
by one: any `keras.layers.<Class>` with a rule in `engine.layers` constructs a layer.
"""
from __future__ import annotations

import ast
from typing import Any, Callable

from ..layers import create_layer, layer_kind
from ..values import UNKNOWN, Tensor

FUNCTIONS: dict[str, Callable] = {}
METHODS: dict[tuple[type, str], Callable] = {}
ATTRIBUTES: dict[tuple[type, str], Callable] = {}


def api(*paths: str):
    def register(fn):
        for path in paths:
            FUNCTIONS[path] = fn
        return fn
    return register


def method(kind: type, *names: str):
    def register(fn):
        for name in names:
            METHODS[(kind, name)] = fn
        return fn
    return register


def attribute(kind: type, *names: str):
    def register(fn):
        for name in names:
            ATTRIBUTES[(kind, name)] = fn
        return fn
    return register


class BoundMethod:
    __slots__ = ("owner", "name", "handler")

    def __init__(self, owner: Any, name: str, handler: Callable):
        self.owner, self.name, self.handler = owner, name, handler


def is_known_api(path: str) -> bool:
    return path in FUNCTIONS or layer_kind(path) is not None


# The libraries whose functions make tf.Tensors or ndarrays (keras.ops: on real data, TensorFlow's).
_MAKERS = {"numpy": "numpy", "tensorflow": "tensorflow", "keras.ops": "tensorflow", "keras.random": "tensorflow",
           "keras.datasets": "numpy"}


def call_api(path: str, call) -> Any:
    handler = FUNCTIONS.get(path)
    if handler is not None:
        maker = next((library for prefix, library in _MAKERS.items() if path.startswith(prefix + ".")), None)
        return dtypes.stamp(handler(call), maker, call.node)
    kind = layer_kind(path)
    if kind is not None:
        return create_layer(call, kind)
    return UNKNOWN


def has_call(callee: Any) -> bool:
    """Whether calling this value is modelled."""
    return isinstance(callee, BoundMethod) or (type(callee), "__call__") in METHODS


def call_value(interp, callee: Any, call) -> Any:
    if isinstance(callee, BoundMethod):
        owner = callee.owner
        # An array's methods give arrays, a tf.Tensor's tensors; `.numpy()` and a NumPy Generator's arrays.
        library = None
        if isinstance(owner, Tensor):
            library = "numpy" if callee.name == "numpy" else owner.library
        elif isinstance(owner, tensors.RandomGenerator):
            library = "numpy"
        return dtypes.stamp(callee.handler(owner, call), library, call.node)
    handler = METHODS.get((type(callee), "__call__"))
    return handler(callee, call) if handler is not None else UNKNOWN


def attribute_of(interp, owner: Any, name: str, node: ast.AST) -> Any:
    getter = ATTRIBUTES.get((type(owner), name))
    if getter is not None:
        return getter(interp, owner, node)
    handler = METHODS.get((type(owner), name))
    if handler is not None:
        return BoundMethod(owner, name, handler)
    fallback = ATTRIBUTES.get((type(owner), "*"))  # any other name: a DataFrame's column
    return fallback(interp, owner, name, node) if fallback is not None else UNKNOWN


def special_method(owner: Any, name: str) -> Callable | None:
    """The handler of `__getitem__`/`__len__` for values whose indexing or length a rule models."""
    return METHODS.get((type(owner), name))


# Importing the modules registers their handlers.
from . import (applications, containers, data, datasets, dtypes, frames, images, learn, losses, models,  # noqa: E402,F401
               numpy_io, ops, paths, preprocessing, tensors, tfds)
