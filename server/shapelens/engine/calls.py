"""A call as the library rules and Python's builtins see it, below both and the interpreter that
makes it: the rules import this module, never the interpreter."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Callable


@dataclass
class CallArgs:
    """A library call as the API handlers see it: evaluated values plus their source nodes."""

    interp: Any  # the Interpreter running the call
    node: ast.Call
    args: list[Any]
    kwargs: dict[str, Any]
    arg_nodes: list[ast.AST]
    kwarg_nodes: dict[str, ast.AST]

    def get(self, name: str, position: int | None = None, default: Any = None) -> Any:
        if name in self.kwargs:
            return self.kwargs[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return default

    def node_of(self, name: str, position: int | None = None) -> ast.AST | None:
        if name in self.kwarg_nodes:
            return self.kwarg_nodes[name]
        if position is not None and position < len(self.arg_nodes):
            return self.arg_nodes[position]
        return None


Handler = Callable[[CallArgs], Any]


def builtin(fn: Handler, name: str | None = None) -> Handler:
    """Mark a handler as a Python builtin the interpreter calls with CallArgs; `name`: the builtin
    it stands for, when rules must recognise it (`dtype=float`)."""
    fn.__shapelens_builtin__ = True  # type: ignore[attr-defined]
    fn.__shapelens_builtin_name__ = name  # type: ignore[attr-defined]
    return fn


def is_builtin(value: Any) -> bool:
    return callable(value) and getattr(value, "__shapelens_builtin__", False)


def builtin_name(value: Any) -> str | None:
    """"float" for the builtin `float` as the code passes it around, and so on; None for others."""
    return getattr(value, "__shapelens_builtin_name__", None) if is_builtin(value) else None
