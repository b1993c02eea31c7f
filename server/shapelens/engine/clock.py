"""The clock an analysis's time budget is measured on: monotonic time that stands still while the
garbage collector runs. A full collection in a process holding millions of objects takes seconds,
and it is not the analysed file's doing: counted, it would cut the same file's analysis short on
one run and not on the next."""
from __future__ import annotations

import gc
import time

_collecting_since: float | None = None
_collected = 0.0  # seconds spent collecting so far


def _collection(phase: str, info: dict) -> None:
    global _collecting_since, _collected
    if phase == "start":
        _collecting_since = time.monotonic()
    elif _collecting_since is not None:
        _collected += time.monotonic() - _collecting_since
        _collecting_since = None


gc.callbacks.append(_collection)


def now() -> float:
    """Seconds, on a clock that does not advance while garbage is collected."""
    return time.monotonic() - _collected
