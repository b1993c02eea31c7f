"""The files an analysis reads besides its own text (workspace modules, data files and folders):
noted on the way, so that a result kept by content can tell when it is out of date."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_READ: ContextVar[set[str] | None] = ContextVar("shapelens_read", default=None)
_noted = 0  # reads noted in this process so far: a statement that read any file is told by the count


@contextmanager
def recording() -> Iterator[set[str]]:
    """The paths read in the block; an analysis inside another (a fix being checked) adds to its set."""
    outer = _READ.get()
    if outer is not None:
        yield outer
        return
    read: set[str] = set()
    token = _READ.set(read)
    try:
        yield read
    finally:
        _READ.reset(token)


def count() -> int:
    return _noted


def note(path: str) -> None:
    global _noted
    _noted += 1
    read = _READ.get()
    if read is not None:
        read.add(path)
