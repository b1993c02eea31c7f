"""File paths as the code builds them: `os.path.join(DATA_DIR, "x.npy")`, `Path("data") / "x.npy"`,
`Path(__file__).parent`, `"{}.npy".format(name)`. A path is a plain `str` or a `PurePath` — pure, so
computing one never touches the disk; what reads the disk (`exists()`, `resolve()` of a relative
path, `glob`) stays unknown. f-strings and `str(path)` are folded by the interpreter.

Loaders find their file with `find_file`; writers (`np.save`, `open(..., "w")`) call `mark_written`,
after which the disk's copy of that file is not read.
"""
from __future__ import annotations

import os
import re
import string
from pathlib import PurePath
from typing import Any

from ..values import UNKNOWN
from . import api, attribute, method

PATH = type(PurePath())  # PurePosixPath or PureWindowsPath: what `Path(...)` means where the code runs
MAX_PATH = 4096  # longest path or formatted string built


def path_text(value: Any) -> str | None:
    """The text of a path value (`str` or `PurePath`), or None."""
    if isinstance(value, PurePath):
        return os.fspath(value)
    return value if isinstance(value, str) else None


def find_file(call, value: Any) -> tuple[str, str] | None:
    """The data file a loader's path argument names: (the file found, the path as hovers show it:
    as the code wrote it, or relative to the analysed file's folder when the code built it absolute
    from `__file__`). None when nothing is there, or the code itself may have written it before."""
    text = path_text(value)
    interp = call.interp
    found = interp.data.find(text, interp.path) if text is not None else None
    if found is None or {None, found} & interp.written_files:
        return None
    if os.path.isabs(text) and os.path.isfile(interp.path):
        relative = os.path.relpath(found, os.path.dirname(os.path.abspath(interp.path)))
        text = text if relative.startswith("..") else relative
    return found, text


def mark_written(call, value: Any, suffix: str = "") -> None:
    """The code writes a file (`suffix`: one the writer adds when missing): the disk's copy is stale
    for the reads after it. A path not known may be any file."""
    text = path_text(value)
    if text is None:
        call.interp.written_files.add(None)
        return
    found = call.interp.data.find(text if text.endswith(suffix) else text + suffix, call.interp.path)
    if found is not None:  # (a file not there now cannot be read now either)
        call.interp.written_files.add(found)


@method(PATH, "write_text", "write_bytes", "touch")
def write(path: PurePath, call) -> Any:
    mark_written(call, path)
    return UNKNOWN


def _texts(values: Any) -> list[str] | None:
    texts = [path_text(v) for v in values]
    return texts if all(t is not None for t in texts) and sum(map(len, texts)) <= MAX_PATH else None


@api("pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath")
def make_path(call) -> Any:
    parts = _texts(call.args)
    return PurePath(*parts) if parts is not None and not call.kwargs else UNKNOWN


@method(PATH, "joinpath")
def joinpath(path: PurePath, call) -> Any:
    parts = _texts(call.args)
    return path.joinpath(*parts) if parts is not None and not call.kwargs else UNKNOWN


def _with(name: str):
    def replace(path: PurePath, call) -> Any:
        text = path_text(call.get("suffix" if name == "with_suffix" else name.removeprefix("with_"), 0))
        try:
            return getattr(path, name)(text) if text is not None else UNKNOWN
        except ValueError:  # an empty name, a suffix without its dot: Python raises
            return UNKNOWN
    return replace


for _name in ("with_suffix", "with_name", "with_stem"):
    method(PATH, _name)(_with(_name))


@method(PATH, "as_posix")
def as_posix(path: PurePath, call) -> Any:
    return path.as_posix()


@method(PATH, "expanduser")
def expanduser(path: PurePath, call) -> Any:
    return PurePath(os.path.expanduser(path))


@method(PATH, "resolve", "absolute")
def absolute(path: PurePath, call) -> Any:
    """Made absolute against the working directory the code runs in, which is not known here."""
    return path if path.is_absolute() else UNKNOWN


@attribute(PATH, "parent")
def parent(interp, path: PurePath, node) -> Any:
    return path.parent


for _name in ("name", "stem", "suffix"):
    attribute(PATH, _name)(lambda interp, path, node, _name=_name: getattr(path, _name))


@api("os.path.join")
def join(call) -> Any:
    parts = _texts(call.args)
    return os.path.join(*parts) if parts and not call.kwargs else UNKNOWN


def _one(fn):
    def apply(call) -> Any:
        text = path_text(call.get("path", 0, call.get("p", 0)))
        return fn(text) if text is not None and len(call.args) + len(call.kwargs) == 1 else UNKNOWN
    return apply


api("os.path.dirname")(_one(os.path.dirname))
api("os.path.basename")(_one(os.path.basename))
api("os.path.normpath")(_one(os.path.normpath))
api("os.path.expanduser")(_one(os.path.expanduser))
api("os.path.splitext")(_one(os.path.splitext))
api("os.fspath")(_one(lambda text: text))
# Absolute already: the working directory does not matter (symbolic links are the same file).
api("os.path.abspath", "os.path.realpath")(_one(lambda text: os.path.normpath(text) if os.path.isabs(text)
                                                  else UNKNOWN))


def formattable(value: Any) -> bool:
    """A value whose formatting the engine can do itself: plain constants and paths."""
    return isinstance(value, (str, int, float, bool, type(None), PurePath))


def bounded_spec(spec: str) -> bool:
    """A format spec without a huge width or precision (which would build a huge string), nor a
    nested field."""
    return not re.search(r"\d{4,}|[{}]", spec)


@method(str, "format")
def str_format(template: str, call) -> Any:
    """`"data/{}_{:03d}.npy".format(name, i)`: with constant arguments only."""
    if not all(formattable(v) for v in [*call.args, *call.kwargs.values()]):
        return UNKNOWN
    try:
        for _, field, spec, _ in string.Formatter().parse(template):
            if field is not None and (not bounded_spec(spec or "") or re.search(r"[.\[]", field)):
                return UNKNOWN  # attribute and item lookups are not followed
        text = template.format(*call.args, **call.kwargs)
    except (ValueError, IndexError, KeyError, TypeError):
        return UNKNOWN
    return text if len(text) <= MAX_PATH else UNKNOWN


def percent_format(template: str, values: Any) -> Any:
    """`"data/%s_%02d.npy" % (name, i)`: with constant arguments only."""
    items = values if isinstance(values, tuple) else (values,)
    if not all(formattable(v) for v in items) or re.search(r"%[^a-zA-Z%]*(?:\d{4,}|\*)|%\(", template):
        return UNKNOWN  # huge or argument-given widths, mappings
    try:
        text = template % values
    except (TypeError, ValueError):
        return UNKNOWN
    return text if len(text) <= MAX_PATH else UNKNOWN
