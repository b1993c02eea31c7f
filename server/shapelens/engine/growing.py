"""Loops the engine cannot follow pass by pass, and what they still say about shapes.

Lists a loop of unknown length appends arrays of one shape to (`frames.append(img)` over the files
of a folder): afterwards a `Grown` list, whose items all have that shape while their count is not
known, so that `np.array(frames)` is `(None, *shape)`. What each pass gets is known for some loops:
the rows of an array (`for row in X`, `enumerate(X)`, `zip(X, y)`) and the index of a long `range`
(`LoopIndex`), with which `series[i:i + 10]` keeps 10 rows.

The loop's body is analysed once, as for any loop of unknown length, with the list's name bound to
the `Grown` value, which follows every append. The list object itself is forgotten, as the loop
would leave it, and watched: if anything in the body reads it another way (an alias, a function
that names it), its count and items may matter there and the list stays unknown. A `Grown` value
changed any other way (an append of another shape, `+=`, an unknown function) is forgotten.
Assumed, as for the other arrays the engine follows: the loop appends at least once.
"""
from __future__ import annotations

import ast
from typing import Any

from .values import UNKNOWN, Grown, Tensor


def sample(value: Any) -> Tensor | None:
    """What an item of a grown list stands for: an array of a fixed shape, or a Python number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Tensor((), "int" if isinstance(value, int) else "float")
    if isinstance(value, Tensor) and not value.symbolic and value.shape is not None \
            and all(isinstance(d, int) for d in value.shape):
        return value
    return None


def add(grown: Grown, value: Any) -> bool:
    """Append to a grown list; False when its items would no longer share one shape."""
    item = sample(value)
    if item is None or grown.item is not None and grown.item.shape != item.shape:
        return False
    if grown.item is None or grown.item.dtype != item.dtype:
        dtype = item.dtype if grown.item is None else None
        grown.item = Tensor(item.shape, dtype, item.node)
    return True


def _from_list(items: list) -> Grown | None:
    grown = Grown()
    return grown if all(add(grown, item) for item in items) else None


def _appended_only_in_body(stmt: ast.For | ast.While, name: str) -> bool:
    """The loop appends to `name` in its body and never rebinds it; its header and `else` do not
    name it."""
    outside = [stmt.iter, stmt.target] if isinstance(stmt, ast.For) else [stmt.test]
    if any(isinstance(n, ast.Name) and n.id == name for part in outside + stmt.orelse for n in ast.walk(part)):
        return False
    appends = False
    for node in (n for part in stmt.body for n in ast.walk(part)):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return False
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        appends = appends or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                              and node.func.attr == "append" and isinstance(node.func.value, ast.Name)
                              and node.func.value.id == name)
    return appends


def prepare(interp, stmt: ast.For | ast.While, env: dict) -> dict[str, tuple[Grown, list | None]]:
    """The lists the loop grows: name → (the Grown value its body appends to, the list it replaces)."""
    declared = interp.frames[-1].declared if len(interp.frames) > 1 else {}
    found: dict[str, tuple[Grown, list | None]] = {}
    mutations = interp.mutations
    for name, value in env.items():
        if name in declared or name in interp.volatile or mutations.hides(value):
            continue
        if not (isinstance(value, Grown) or type(value) is list) or not _appended_only_in_body(stmt, name):
            continue
        if isinstance(value, Grown):
            found[name] = (value, None)
            continue
        grown = _from_list(value)
        if grown is not None:
            found[name] = (grown, value)
            mutations.forget(value)  # as the loop leaves it, for every other name that holds it
    return found


def watch(interp, found: dict[str, tuple[Grown, list | None]]) -> None:
    """From now on (the loop's pass), note every read of the lists being replaced."""
    interp.mutations.watched.update(id(replaced) for _, replaced in found.values() if replaced is not None)


def settle(interp, env: dict, found: dict[str, tuple[Grown, list | None]]) -> None:
    """After the loop: each name holds its grown list, unless the body read the list another way or
    changed it where the engine could not follow."""
    mutations = interp.mutations
    for name, (grown, replaced) in found.items():
        if replaced is not None:
            mutations.watched.discard(id(replaced))
            if id(replaced) in mutations.reads:
                mutations.reads.discard(id(replaced))
                mutations.forget(grown)
        if grown.item is not None and not mutations.hides(grown):
            env[name] = grown


class Rows:
    """What `enumerate`/`zip` over arrays or grown lists give when there are many or how many is
    not known: `count` passes (None: not known), each getting `item`."""

    __slots__ = ("item", "count")

    def __init__(self, item: Any, count: int | None):
        self.item, self.count = item, count


def passes(items: Any, node: ast.AST) -> tuple[Any, int | None] | None:
    """For `for x in items`: (what each pass gets, how many passes, None if not known) when `items`
    is an array (its rows), a grown list or `Rows`; None for other values."""
    if isinstance(items, Rows):
        return items.item, items.count
    if isinstance(items, Grown):
        return (items.item, None) if items.item is not None else None
    if isinstance(items, Tensor) and not items.symbolic and items.shape:
        return Tensor(items.shape[1:], items.dtype, node), items.shape[0]
    return None


def zipped(values: list, node: ast.AST, first: int | None = None, most: int = 64) -> Any:
    """zip(*values), or enumerate(values[0], first), when an array or a grown list is among them:
    their items, pass by pass, when there are at most `most`; else `Rows`."""
    parts, counts = [], []
    for value in values:
        found = passes(value, node)
        if found is not None:
            parts.append((found[0], None))
            counts.append(found[1])
        elif isinstance(value, (list, tuple, range, str)):
            parts.append((UNKNOWN, value))
            counts.append(len(value))
        else:
            return UNKNOWN
    count = None if None in counts else min(counts)
    if count is not None and count <= most:
        rows = [tuple(item if seq is None else seq[i] for item, seq in parts) for i in range(count)]
        return [(first + i, row[0]) for i, row in enumerate(rows)] if first is not None else rows
    items = tuple(item for item, _ in parts)
    return Rows((UNKNOWN, items[0]) if first is not None else items, count)


class LoopIndex:
    """The variable of a loop over a long `range`, in the one pass that stands for all of them, plus
    a constant: `i + delta` for an int i in [low, high]. Two of them with the same `key` move
    together, so `x[i:i + 10]` has 10 rows whenever every i keeps it inside x. Anything else the
    engine does with it gives UNKNOWN, as for any unknown int."""

    __slots__ = ("key", "low", "high", "delta")

    def __init__(self, key: object, low: int, high: int, delta: int = 0):
        self.key, self.low, self.high, self.delta = key, low, high, delta

    def shifted(self, by: int) -> "LoopIndex":
        return LoopIndex(self.key, self.low, self.high, self.delta + by)

    @property
    def least(self) -> int:
        return self.low + self.delta

    @property
    def most(self) -> int:
        return self.high + self.delta


def loop_index(items: range) -> Any:
    return LoopIndex(object(), min(items), max(items)) if len(items) else UNKNOWN


def shift(op: ast.operator, left: Any, right: Any) -> Any:
    """`i + 3`, `3 + i`, `i - 1` for a loop index; UNKNOWN for anything else done with one."""
    def whole(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(left, LoopIndex) and whole(right) and isinstance(op, (ast.Add, ast.Sub)):
        return left.shifted(right if isinstance(op, ast.Add) else -right)
    if isinstance(right, LoopIndex) and whole(left) and isinstance(op, ast.Add):
        return right.shifted(left)
    return UNKNOWN


def index_size(item: Any, size: int | None) -> tuple[bool, int | None] | None:
    """An index made of loop indices, into an axis of `size`: (whether it drops the axis, the size
    it leaves), when every pass gives the same; None when not (or it may be out of range)."""
    if size is None:
        return None
    if isinstance(item, LoopIndex):  # one element, in range in every pass
        return (True, None) if 0 <= item.least and item.most < size else None
    if isinstance(item, slice) and item.step is None and isinstance(item.start, LoopIndex) \
            and isinstance(item.stop, LoopIndex) and item.start.key is item.stop.key:
        start, stop = item.start, item.stop
        if 0 <= start.least and stop.most <= size and stop.delta >= start.delta:
            return False, stop.delta - start.delta
    return None
