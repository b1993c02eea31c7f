"""Python's own containers: list, dict, set, collections.deque and defaultdict, their methods applied
to the engine's containers in place, and str.split.

Each change goes through the interpreter's journal (`mutations.touch`) so that branches can be
joined and loops widened. A change the engine cannot make exactly (an argument it does not know,
an element it cannot compare) forgets the container instead: reads of it are UNKNOWN from then on.
"""
from __future__ import annotations

from collections import deque
from typing import Any

from .. import growing
from ..values import UNKNOWN, Grown
from . import api, method
from .tensors import _int

_SEQUENCES = (list, tuple, range, str)
_MAX_ITEMS = 10_000  # as the interpreter's longest sequence


def _plain(value: Any) -> bool:
    """Values Python compares the way the engine can: numbers, strings, None, tuples of them."""
    if isinstance(value, tuple):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (int, float, str))


class _Unsure(Exception):
    """The change depends on something the engine does not know."""


def apply_change(interp, owner: Any, fn, args: list, kwargs: dict) -> Any:
    """Run a changing method on `owner`, journaled; on any doubt the container is forgotten."""
    mutations = interp.mutations
    mutations.touch(owner)
    try:
        result = fn(owner, *args, **kwargs)
    except Exception:  # unsure, or Python raises too (pop from an empty list): forgotten either way
        mutations.forget(owner)
        return UNKNOWN
    if type(owner) is list and len(owner) > _MAX_ITEMS:
        mutations.forget(owner)
    return result


# ---- list -----------------------------------------------------------------------------------------

def append(owner: list, item: Any) -> None:
    owner.append(item)


def extend(owner: list, items: Any) -> None:
    if not isinstance(items, _SEQUENCES) or len(items) > _MAX_ITEMS:
        raise _Unsure
    owner.extend(items)


def insert(owner: list, index: Any, item: Any) -> None:
    if not _int(index):
        raise _Unsure
    owner.insert(index, item)


def pop(owner: Any, *args: Any) -> Any:
    if type(owner) is list:
        if args and not _int(args[0]):
            raise _Unsure
        return owner.pop(*args)
    if not args or not _plain(args[0]) or len(args) > 2:
        raise _Unsure
    if args[0] not in owner and len(args) == 1:
        raise _Unsure  # a KeyError, or a key the engine lost track of
    return owner.pop(*args)


def remove(owner: list, item: Any) -> None:
    if item is UNKNOWN:
        raise _Unsure
    for i, existing in enumerate(owner):
        if existing is item:
            del owner[i]
            return
        if not (_plain(existing) and _plain(item)):
            raise _Unsure  # == on tensors or layers is not the engine's to decide
        if existing == item:
            del owner[i]
            return
    raise _Unsure


def clear(owner: Any) -> None:
    owner.clear()


def _hashable(value: Any) -> None:
    """A set member or key the engine compares as Python does; else the change is not followed."""
    if not _plain(value):
        raise _Unsure


def sort(owner: list, key: Any = None, reverse: Any = False) -> None:
    if key is not None or not isinstance(reverse, bool) or not all(_plain(v) and not isinstance(v, tuple)
                                                                   for v in owner):
        raise _Unsure
    owner.sort(reverse=reverse)


def reverse(owner: list) -> None:
    owner.reverse()


def setitem(owner: Any, key: Any, value: Any) -> None:
    if type(owner) is list:
        if isinstance(key, slice):
            if not isinstance(value, _SEQUENCES):
                raise _Unsure
            owner[key] = list(value)
        elif _int(key):
            owner[key] = value
        else:
            raise _Unsure
    else:
        _hashable(key)
        owner[key] = value


def delitem(owner: Any, key: Any) -> None:
    if type(owner) is list and not (isinstance(key, slice) or _int(key)):
        raise _Unsure
    if isinstance(owner, dict):
        _hashable(key)
    del owner[key]


def iadd(owner: Any, items: Any) -> Any:
    extend(owner, items)
    return owner


def imul(owner: Any, count: Any) -> Any:
    if not _int(count) or len(owner) * max(count, 0) > _MAX_ITEMS:
        raise _Unsure
    owner *= count
    return owner


# ---- dict -----------------------------------------------------------------------------------------

def _pairs(args: tuple | list) -> list[tuple]:
    """The (key, value) pairs of dict()'s or update()'s argument: a mapping or pairs, keys known."""
    if len(args) > 1:
        raise _Unsure
    other = as_sequence(args[0]) if args else {}
    if isinstance(other, dict):
        pairs = list(other.items())
    elif isinstance(other, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in other):
        pairs = [tuple(p) for p in other]
    else:
        raise _Unsure
    if not all(_plain(key) for key, _ in pairs):
        raise _Unsure
    return pairs


def update(owner: dict, *args: Any, **kwargs: Any) -> None:
    owner.update(_pairs(args), **kwargs)


def setdefault(owner: dict, key: Any, default: Any = None) -> Any:
    _hashable(key)
    return owner.setdefault(key, default)


def popitem(owner: dict) -> Any:
    return owner.popitem()


def ior(owner: dict, other: Any) -> dict:
    update(owner, other)
    return owner


# ---- set ------------------------------------------------------------------------------------------

def add(owner: set, item: Any) -> None:
    _hashable(item)
    owner.add(item)


def discard(owner: set, item: Any) -> None:
    _hashable(item)
    owner.discard(item)


def set_remove(owner: set, item: Any) -> None:
    _hashable(item)
    owner.remove(item)


def _members(*others: Any) -> list:
    items = [item for other in others for item in as_sequence(other, ordered=False)] \
        if all(isinstance(as_sequence(o, ordered=False), (set, list, tuple, str)) for o in others) else None
    if items is None or not all(_plain(item) for item in items):
        raise _Unsure
    return items


def set_update(owner: set, *others: Any) -> set:
    owner.update(_members(*others))
    return owner


def difference_update(owner: set, *others: Any) -> set:
    owner.difference_update(_members(*others))
    return owner


def intersection_update(owner: set, *others: Any) -> set:
    owner.intersection_update(_members(*others))
    return owner


# ---- deque ----------------------------------------------------------------------------------------

def appendleft(owner: deque, item: Any) -> None:
    owner.appendleft(item)


def popleft(owner: deque) -> Any:
    return owner.popleft()


def extendleft(owner: deque, items: Any) -> None:
    if not isinstance(items, _SEQUENCES):
        raise _Unsure
    owner.extendleft(items)


def rotate(owner: deque, steps: Any = 1) -> None:
    if not _int(steps):
        raise _Unsure
    owner.rotate(steps)


class DefaultDict(dict):
    """collections.defaultdict: reading a missing key stores and returns `factory()`, which the
    interpreter calls (`factory` is an engine value: int, list, a lambda of the analysed code)."""

    __slots__ = ("factory",)


_DICT_CHANGES = {
    "update": update, "setdefault": setdefault, "popitem": popitem, "pop": pop, "clear": clear,
    "__setitem__": setitem, "__delitem__": delitem, "__ior__": ior,
}
_CHANGES: dict[tuple[type, str], Any] = {
    **{(list, fn.__name__): fn for fn in (append, extend, insert, remove, sort, reverse, pop, clear)},
    (list, "__setitem__"): setitem, (list, "__delitem__"): delitem, (list, "__iadd__"): iadd, (list, "__imul__"): imul,
    **{(kind, name): fn for kind in (dict, DefaultDict) for name, fn in _DICT_CHANGES.items()},
    (set, "add"): add, (set, "discard"): discard, (set, "remove"): set_remove, (set, "clear"): clear,
    (set, "update"): set_update, (set, "difference_update"): difference_update,
    (set, "intersection_update"): intersection_update, (set, "__ior__"): set_update, (set, "__isub__"): difference_update,
    (set, "__iand__"): intersection_update,
    **{(deque, fn.__name__): fn for fn in (append, appendleft, popleft, extend, extendleft, rotate, reverse, clear)},
    (deque, "pop"): lambda owner: owner.pop(), (deque, "remove"): remove, (deque, "__iadd__"): iadd,
    (deque, "__imul__"): imul,
}


def _method(fn):
    return lambda owner, call: apply_change(call.interp, owner, fn, call.args, call.kwargs)


for (_kind, _name), _fn in _CHANGES.items():
    method(_kind, _name)(_method(_fn))


@method(Grown, "append")
def grown_append(owner: Grown, call) -> Any:
    """An append to a list grown by a loop: still one shape, or forgotten."""
    if len(call.args) != 1 or call.kwargs or not growing.add(owner, call.args[0]):
        call.interp.mutations.forget(owner)
    return None


# ---- reading --------------------------------------------------------------------------------------

@method(list, "copy")
@method(dict, "copy")
@method(set, "copy")
@method(deque, "copy")
def copy(owner: Any, call) -> Any:
    return owner.copy() if not call.args and not call.kwargs and type(owner) is not DefaultDict else UNKNOWN


@method(dict, "get")
@method(DefaultDict, "get")
def get(owner: dict, call) -> Any:
    if not call.args or len(call.args) > 2 or call.kwargs or not _plain(call.args[0]):
        return UNKNOWN
    return owner.get(call.args[0], call.args[1] if len(call.args) > 1 else None)


@method(list, "index")
@method(list, "count")
def search(owner: list, call) -> Any:
    return UNKNOWN  # reads only; Python's == on tensors and layers is not modelled


def change(interp, owner: Any, name: str, *args: Any) -> Any:
    """A change written as a statement (`a[i] = v`, `del d[k]`, `a += b`), as its method does it."""
    fn = _CHANGES.get((type(owner), name))
    if fn is None:
        interp.mutations.forget(owner)
        return UNKNOWN
    return apply_change(interp, owner, fn, list(args), {})


class DictView:
    """`d.keys()`, `d.values()`, `d.items()`: live, as in Python; read when iterated or converted."""

    __slots__ = ("owner", "kind")

    def __init__(self, owner: dict, kind: str):
        self.owner, self.kind = owner, kind

    def items(self) -> tuple:
        return tuple(getattr(self.owner, self.kind)())


def view(kind: str):
    return lambda owner, call: DictView(owner, kind) if not call.args and not call.kwargs else UNKNOWN


for _kind in (dict, DefaultDict):
    for _name in ("keys", "values", "items"):
        method(_kind, _name)(view(_name))


def as_sequence(value: Any, ordered: bool = True) -> Any:
    """What iterating over `value` gives, as a tuple when it is a dict view or a deque; a set's
    members in an order the engine shares with Python only when they are ints (strings hash
    differently in every process), unless the order does not matter (`ordered=False`)."""
    if isinstance(value, DictView):
        return value.items()
    if isinstance(value, deque):
        return tuple(value)
    if isinstance(value, set) and ordered:
        return tuple(value) if all(isinstance(v, int) for v in value) else UNKNOWN
    return value


# ---- constructors ---------------------------------------------------------------------------------

def _plain_members(value: Any) -> list | None:
    items = as_sequence(value, ordered=False)
    if not isinstance(items, (list, tuple, set, str, range)) or not all(_plain(item) for item in items):
        return None
    return list(items)


def plain_set(items: Any) -> Any:
    """A set of these items (a literal's, an iterable's), when all are plain values."""
    members = _plain_members(items)
    return set(members) if members is not None else UNKNOWN


def new_set(call) -> Any:
    """set(), and set(iterable) of plain values."""
    if call.kwargs or len(call.args) > 1:
        return UNKNOWN
    return plain_set(call.args[0] if call.args else ())


@api("collections.deque")
def new_deque(call) -> Any:
    items, maxlen = call.get("iterable", 0, ()), call.get("maxlen", 1)
    items = as_sequence(items)
    if not isinstance(items, _SEQUENCES) or not (maxlen is None or _int(maxlen) and maxlen >= 0):
        return UNKNOWN
    return deque(items, maxlen)


@api("collections.defaultdict")
def new_defaultdict(call) -> Any:
    if len(call.args) > 2 or call.kwargs:
        return UNKNOWN
    factory = call.args[0] if call.args else None
    source = call.args[1] if len(call.args) > 1 else {}
    if factory is UNKNOWN or not isinstance(source, dict):
        return UNKNOWN
    result = DefaultDict(source)
    result.factory = factory
    return result


@api("collections.OrderedDict")  # a dict: calling a method OrderedDict adds forgets it
def new_dict(call) -> Any:
    """dict(mapping or pairs, **more): a new dict, when its keys are known."""
    try:
        return dict(_pairs(call.args), **call.kwargs)
    except _Unsure:
        return UNKNOWN


# ---- str ------------------------------------------------------------------------------------------

@method(str, "split")
def split(owner: str, call) -> Any:
    sep, limit = call.get("sep", 0), call.get("maxsplit", 1, -1)
    if not (sep is None or isinstance(sep, str) and sep) or not _int(limit):
        return UNKNOWN
    return owner.split(sep, limit)
