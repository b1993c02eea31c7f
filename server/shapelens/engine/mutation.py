"""Lists, dicts and objects the analysed code changes in place.

The engine represents a Python list or dict as a real list or dict of abstract values, so aliases
(`b = a`), arguments and captured names share one object and every modelled change (`append`,
`d[k] = v`, `del a[i]`, `a += [...]`) is seen through all of them. Two things keep that sound:

- A journal: each branch of an `if`/`try` and each pass over a loop body records the state of every
  container it changes before the first change. Branches are then undone and their outcomes
  joined (an item on which they disagree becomes UNKNOWN; a container whose length they disagree
  on is forgotten), and what a loop of unknown length changed is forgotten.
- Forgetting: a container changed in a way the engine cannot follow (an unknown function got it,
  an unmodelled method ran on it, a branch left it at different lengths) is forgotten, and reads
  of it, or of any container holding it, are UNKNOWN from then on.
"""
from __future__ import annotations

import ast
from collections import deque
from collections.abc import Callable
from typing import Any

from .values import Grown, changing, join, same_value

_SCAN_DEPTH = 4  # how deep reads look for a forgotten container inside containers


class Changeable:
    """A library object the engine models whose state changes in place (a pandas DataFrame): the
    journal keeps what `snapshot` returns (a list of plain values) and puts it back with `restore`."""

    def snapshot(self) -> list:
        raise NotImplementedError

    def restore(self, state: list) -> None:
        raise NotImplementedError

    def parts(self) -> tuple:
        """The changeable objects it is a view of (forgetting it forgets them)."""
        return ()


_CONTAINERS = (list, dict, set, deque, Grown, Changeable)
_NESTING = (*_CONTAINERS, tuple)


def is_container(value: Any) -> bool:
    return isinstance(value, _CONTAINERS)


def _snapshot(obj: Any) -> Any:
    if isinstance(obj, Changeable):
        return obj.snapshot()
    return list(obj.items()) if isinstance(obj, dict) else list(obj)


def _restore(obj: Any, state: Any) -> None:
    if isinstance(obj, Changeable):
        obj.restore(state)
    elif type(obj) is list:
        obj[:] = state
    elif isinstance(obj, deque):
        obj.clear()
        obj.extend(state)
    else:
        obj.clear()
        obj.update(state)


def _same(a: Any, b: Any) -> bool:
    return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))


class Mutations:
    def __init__(self) -> None:
        self.forgotten: dict[int, Any] = {}  # id → the object itself, kept alive so ids stay unique
        self._levels: list[dict[int, tuple[Any, Any]]] = []  # per open branch or pass: id → (obj, state before)
        # Forgotten containers whose every read is noted (`reads`): a list a loop grows, while its
        # single pass runs.
        self.watched: set[int] = set()
        self.reads: set[int] = set()

    # ---- forgetting ------------------------------------------------------------------------------

    def forget(self, value: Any, depth: int = 0) -> None:
        """`value` and the containers inside it may have changed in ways the engine cannot follow."""
        if depth > _SCAN_DEPTH or not isinstance(value, _NESTING):
            return
        if is_container(value):
            if id(value) in self.forgotten:
                return
            self.forgotten[id(value)] = value
        for item in _items(value):
            self.forget(item, depth + 1)

    def forget_object(self, obj: Any) -> None:
        """An object (an array reshaped in place) whose reads are unknown from now on."""
        self.forgotten[id(obj)] = obj

    def hides(self, value: Any, depth: int = 0) -> bool:
        """Whether reading `value` would show a forgotten container's stale contents."""
        if not self.forgotten:
            return False
        if id(value) in self.forgotten:
            if id(value) in self.watched:
                self.reads.add(id(value))
            return True
        if depth > _SCAN_DEPTH or not isinstance(value, _NESTING):
            return False
        return any(self.hides(item, depth + 1) for item in _items(value) if isinstance(item, _NESTING))

    # ---- the journal -----------------------------------------------------------------------------

    def touch(self, obj: Any) -> None:
        """Call before changing `obj`: every open branch or pass keeps its state from before."""
        changing(obj)
        for level in self._levels:
            if id(obj) not in level:
                level[id(obj)] = (obj, _snapshot(obj))

    def begin(self) -> None:
        self._levels.append({})

    def end(self, undo: bool = True) -> dict[int, tuple[Any, Any, Any]]:
        """Close the innermost branch or pass, and undo it unless told not to:
        id → (obj, state before, state after)."""
        level = self._levels.pop()
        changes = {key: (obj, before, _snapshot(obj)) for key, (obj, before) in level.items()}
        if undo:
            for obj, before, _ in changes.values():
                _restore(obj, before)
        return changes

    @staticmethod
    def changed(changes: dict[int, tuple[Any, Any, Any]]) -> bool:
        """Whether a closed branch or pass left any container different."""
        return any(not _same(before, after) for _, before, after in changes.values())

    def forget_changed(self, changes: dict[int, tuple[Any, Any, Any]]) -> None:
        """What a loop of unknown length changed: unknown afterwards."""
        for obj, _, _ in changes.values():
            self.forget(obj)

    def join(self, outcomes: list[dict[int, tuple[Any, Any, Any]]]) -> None:
        """Set each container changed by some branch to what every branch agrees on. All branches
        count, also those that returned or raised: their changes are seen by whoever goes on."""
        objects = {key: (obj, before) for changes in outcomes for key, (obj, before, _) in changes.items()}
        for key, (obj, before) in objects.items():
            states = [changes[key][2] if key in changes else before for changes in outcomes]
            if isinstance(obj, set):
                merged = states[0] if all(set(state) == set(states[0]) for state in states) else None
            elif isinstance(obj, Changeable):  # its state is one whole: kept only where all agree
                merged = states[0] if all(_same(states[0], state) for state in states) else None
            else:
                merged = _merge(states, keyed=isinstance(obj, dict))
            if merged is None:
                self.forget(obj)
                continue
            self.touch(obj)
            _restore(obj, merged)


def _items(value: Any) -> Any:
    """The values a container holds (a Changeable's state holds only plain values)."""
    return value.values() if isinstance(value, dict) else value.parts() if isinstance(value, Changeable) else value


def _merge(states: list[list], keyed: bool) -> list | None:
    """The item-wise join of a container's states (its items, or a dict's (key, value) pairs), or
    None when they differ in length or in keys."""
    first = states[0]
    if all(_same(first, other) for other in states[1:]):
        return first
    if any(len(other) != len(first) for other in states):
        return None
    merged = []
    for items in zip(*states):
        if keyed and any(item[0] != items[0][0] for item in items):
            return None
        value = items[0][1] if keyed else items[0]
        for item in items[1:]:
            value = join(value, item[1] if keyed else item)
        merged.append((items[0][0], value) if keyed else value)
    return merged


# ---- what code may change, read from its text ---------------------------------------------------

def changed_in_place(node: ast.AST, keeps_arguments: Callable[[ast.expr], bool] = lambda func: False) -> set[str]:
    """Names whose values the code may change in place: receivers of method calls, targets of item
    and attribute assignment, `del` and `+=`, and arguments of calls, unless `keeps_arguments`
    says the function called changes none."""
    names: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            if isinstance(sub.func, ast.Attribute):
                names.add(_root(sub.func.value))
            if not keeps_arguments(sub.func):
                names.update(_root(arg.value if isinstance(arg, ast.Starred) else arg) for arg in sub.args)
                names.update(_root(kw.value) for kw in sub.keywords)
        elif isinstance(sub, (ast.Subscript, ast.Attribute)) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            names.add(_root(sub.value))
        elif isinstance(sub, ast.AugAssign):
            names.add(_root(sub.target))
    names.discard("")
    return names


def _root(node: ast.AST) -> str:
    """The name an expression such as `a.b[0].c` starts from, or ''."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""
