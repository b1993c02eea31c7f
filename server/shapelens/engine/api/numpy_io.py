"""NumPy's file readers: `np.load` (a `.npy` array of its header's shape and dtype; an `.npz` archive
of such arrays), `np.loadtxt` and `np.genfromtxt` (the file's text split as NumPy splits it).

Files are read through `interp.data` only (bounded, never unpickled). A table's row count is known
only when its whole text was read; otherwise the rows axis is None. `np.loadtxt` raises on a field
that is not a number (a header row, an empty field) and on rows of changing length: those errors are
reported with NumPy's own wording when the text read shows them; anything the engine cannot decide
as NumPy would leaves the value unknown. `np.fromfile` (raw bytes, no header) stays unknown.
"""
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..calls import builtin_name
from ..datafiles import MAX_TABLE_ROWS, ArrayHeader, TextHead
from ..fixes import replace_node
from ..report import Fix, Span, TextEdit
from ..values import UNKNOWN, ApiRef, Tensor
from . import api, attribute, method
from .paths import find_file, mark_written

LOAD_ERROR = "SL401"  # a data file the loader rejects as written (NumPy's ValueError)

# dtype arguments: NumPy's name, and how a field converts ("float", "int" or "str": any text).
_DTYPES = {
    **{name: (name, "float") for name in ("float16", "float32", "float64")},
    **{name: (name, "int") for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                                        "uint64")},
    "float": ("float64", "float"), "double": ("float64", "float"), "single": ("float32", "float"),
    "float_": ("float64", "float"), "half": ("float16", "float"), "f2": ("float16", "float"),
    "f4": ("float32", "float"), "f8": ("float64", "float"), "d": ("float64", "float"),
    "int": ("int64", "int"), "int_": ("int64", "int"), "intc": ("int32", "int"), "i4": ("int32", "int"),
    "i8": ("int64", "int"), "u1": ("uint8", "int"), "str": (None, "str"), "str_": (None, "str"),
    "U": (None, "str"),
}
_NUMBER = r"[ \t]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|nan|inf|infinity)[ \t]*"
_FLOAT = re.compile(_NUMBER, re.IGNORECASE | re.ASCII)
_INT = re.compile(r"[ \t]*[+-]?\d+[ \t]*", re.ASCII)

_DEFAULT = object()  # an argument not given


def _dtype(value: Any) -> tuple[str | None, str] | None:
    if value is _DEFAULT:
        return _DTYPES["float"]
    if builtin_name(value) in ("float", "int", "str"):
        return _DTYPES[builtin_name(value)]
    if isinstance(value, ApiRef) and value.path.startswith("numpy."):
        value = value.path.removeprefix("numpy.")
    return _DTYPES.get(value) if isinstance(value, str) else None


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _array(header: ArrayHeader | None, node: ast.AST, origin: str) -> Any:
    if header is None:
        return UNKNOWN
    return Tensor(header.shape, header.dtype if header.dtype != "str" else None, node, origin=origin)


# ---- writers: what they write is not read from the disk afterwards ---------------------------------

def _writer(suffix: str = ""):
    def write(call) -> Any:
        mark_written(call, call.get("file", 0, call.get("fname", None, call.get("fid"))), suffix)
        return None
    return write


api("numpy.save")(_writer(".npy"))  # NumPy adds the suffix
api("numpy.savez", "numpy.savez_compressed")(_writer(".npz"))
api("numpy.savetxt")(_writer())
method(Tensor, "tofile", "dump")(lambda tensor, call: _writer()(call))


# ---- np.load ------------------------------------------------------------------------------------

@dataclass(eq=False)
class NpzFile:
    """`np.load` of an `.npz` archive: its arrays by key (None: a member whose shape is unknown)."""

    arrays: dict[str, ArrayHeader | None]
    shown: str  # the path as hovers show it


@api("numpy.load")
def load(call) -> Any:
    """NumPy decides by the file's first bytes, not its name: an array header, or a zip archive."""
    file = find_file(call, call.get("file", 0))
    if file is None:
        return UNKNOWN
    found, shown = file
    header = call.interp.data.array(found)
    if header is not None:
        return _array(header, call.node, f"from {shown}")
    arrays = call.interp.data.archive(found)
    return NpzFile(arrays, shown) if arrays is not None else UNKNOWN


@method(NpzFile, "__getitem__", "get")
def npz_item(archive: NpzFile, call) -> Any:
    key = call.get("key", 0)
    if not isinstance(key, str):
        return UNKNOWN
    key = key if key in archive.arrays else key.removesuffix(".npy")  # NumPy takes both spellings
    return _array(archive.arrays.get(key), call.node, f"from {archive.shown}['{key}']")


@attribute(NpzFile, "files")
def npz_files(interp, archive: NpzFile, node: ast.AST) -> Any:
    return list(archive.arrays)


@method(NpzFile, "keys")
def npz_keys(archive: NpzFile, call) -> Any:
    return list(archive.arrays)


@method(NpzFile, "items", "values")
def npz_items(archive: NpzFile, call) -> Any:
    """Each array read afresh, as NumPy reads it on every access."""
    arrays = [(key, _array(header, call.node, f"from {archive.shown}['{key}']"))
              for key, header in archive.arrays.items()]
    return arrays if call.node.func.attr == "items" else [array for _, array in arrays]


@method(NpzFile, "__enter__")
def npz_enter(archive: NpzFile, call) -> Any:
    return archive


@method(NpzFile, "close")
def npz_close(archive: NpzFile, call) -> Any:
    return None


# ---- np.loadtxt / np.genfromtxt -----------------------------------------------------------------

@dataclass(frozen=True)
class _Options:
    """The arguments of a text reader that decide the shape, checked as NumPy checks them."""

    dtype: str | None
    kind: str  # "float" | "int" | "str"
    comments: tuple[str, ...]
    delimiter: str | None
    skip: int
    usecols: tuple[int, ...] | None
    unpack: bool
    ndmin: int
    max_rows: int | None


def _options(call, skip_name: str, skip_position: int | None, usecols_position: int | None,
             unpack_position: int | None, ndmin_position: int | None, max_rows_position: int | None,
             encoding_position: int | None) -> _Options | None:
    dtype = _dtype(call.get("dtype", 1, _DEFAULT))
    comments = call.get("comments", 2, "#")
    comments = () if comments is None else (comments,) if isinstance(comments, str) else \
        tuple(comments) if isinstance(comments, (list, tuple)) else None
    delimiter = call.get("delimiter", 3)
    skip = call.get(skip_name, skip_position, 0)
    usecols = call.get("usecols", usecols_position)
    usecols = (usecols,) if _int(usecols) else tuple(usecols) if isinstance(usecols, (list, tuple, range)) else \
        usecols if usecols is None else ("not followed",)
    unpack = call.get("unpack", unpack_position, False) or False
    ndmin = call.get("ndmin", ndmin_position, 0)
    max_rows = call.get("max_rows", max_rows_position)
    encoding = call.get("encoding", encoding_position)
    valid = (dtype is not None and isinstance(comments, tuple) and all(isinstance(c, str) and c for c in comments)
             and (delimiter is None or isinstance(delimiter, str) and len(delimiter) == 1
                  and delimiter not in "\r\n" and not any(delimiter in c for c in comments))
             and _int(skip) and skip >= 0 and (usecols is None or all(_int(c) for c in usecols))
             and isinstance(unpack, bool) and _int(ndmin) and ndmin in (0, 1, 2)
             and (max_rows is None or _int(max_rows) and max_rows >= 0)
             and encoding in (None, "utf-8", "utf8", "UTF-8"))
    if not valid:
        return None
    return _Options(*dtype, comments, delimiter, skip, usecols, unpack, ndmin, max_rows)


def _uncommented(line: str, options: _Options) -> str:
    for comment in options.comments:
        line = line.split(comment, 1)[0]
    return line


def _loadtxt_fields(line: str, options: _Options) -> list[str] | None:
    """A line's fields as np.loadtxt splits them: [] for a line it skips (nothing before the
    comment; only whitespace, when whitespace separates); None when that is not certain."""
    line = _uncommented(line, options)
    if options.delimiter is None:
        return line.split()
    if options.delimiter.isspace() and line != line.strip():
        return None  # whitespace around the line and a whitespace delimiter: not followed
    return line.split(options.delimiter) if line else []


def _genfromtxt_fields(line: str, options: _Options) -> list[str]:
    """A line's fields as np.genfromtxt splits them (its LineSplitter): [] for a blank line."""
    line = _uncommented(line, options).strip(" \r\n")
    return line.split(options.delimiter) if line else []


class _LoadError(Exception):
    """NumPy's ValueError; `line`: the line of the file at fault; `header`: the first row's text
    is not a number (column names)."""

    def __init__(self, message: str, line: int, header: bool = False):
        super().__init__(message)
        self.message, self.line, self.header = message, line, header


def _converts(field: str, kind: str, dtype: str | None = None) -> bool | None:
    """Whether NumPy converts the field to `dtype`: True, False, or None when that is not certain."""
    if kind == "str":
        return True
    if kind == "int":  # in the type's range (NumPy refuses 300 as uint8)
        bits = int(dtype.lstrip("uint")) if dtype else 0
        low, high = (0, 2 ** bits) if dtype.startswith("u") else (-2 ** (bits - 1), 2 ** (bits - 1))
        return True if _INT.fullmatch(field) and low <= int(field) < high else None
    if _FLOAT.fullmatch(field):
        return True
    # NumPy's float parser takes nothing else (no hex, no `_`, no other digits), once the
    # whitespace around is stripped: which whitespace, beyond spaces and tabs, is not settled here.
    return False if kind == "float" and not any(c.isspace() and c not in " \t" for c in field) else None


@functools.cache
def _row_of_numbers(delimiter: str) -> re.Pattern:
    return re.compile(f"(?:{_NUMBER}{re.escape(delimiter)})*{_NUMBER}", re.IGNORECASE | re.ASCII)


def _numbers(delimiter: str | None, fields: list[str]) -> bool:
    """Whether every field is a float NumPy reads: one match over the row where that is exact."""
    if delimiter is None or delimiter.isspace():
        return all(map(_FLOAT.fullmatch, fields))
    return _row_of_numbers(delimiter).fullmatch(delimiter.join(fields)) is not None


def _loadtxt_rows(lines: list[str], options: _Options, first_line: int) -> tuple[int, int] | None:
    """(data rows, columns) as np.loadtxt reads these lines, raising `_LoadError` with NumPy's
    message for the first row it rejects; None when a field's conversion is not certain."""
    rows = 0
    columns: int | None = None
    for offset, line in enumerate(lines):
        if options.max_rows is not None and rows >= options.max_rows:
            break
        fields = _loadtxt_fields(line, options)
        if fields is None:
            return None
        if not fields:
            continue
        if options.usecols is None:
            if columns is not None and len(fields) != columns:
                raise _LoadError(f"the number of columns changed from {columns} to {len(fields)} at row "
                                 f"{rows + 1}; use `usecols` to select a subset and avoid this error",
                                 first_line + offset)
            used = list(range(len(fields)))
        else:
            used = list(options.usecols)
        columns = len(fields) if options.usecols is None else len(used)
        if options.kind == "float" and options.usecols is None and _numbers(options.delimiter, fields):
            used = []  # a row of numbers, the common case, checked at once
        for index in used:
            column = index + len(fields) if index < 0 else index
            if not 0 <= column < len(fields):
                raise _LoadError(f"invalid column index {index} at row {rows + 1} with {len(fields)} columns",
                                 first_line + offset)
            converts = _converts(fields[column], options.kind, options.dtype)
            if converts is None:
                return None
            if not converts:
                text = repr(fields[column])
                if len(text) > 100:  # NumPy shows at most 100 characters of it
                    return None
                raise _LoadError(f"could not convert string {text} to {options.dtype} at row {rows}, column "
                                 f"{column + 1}.", first_line + offset, header=rows == 0)
        rows += 1
    return (rows, columns) if columns is not None else None


def _genfromtxt_rows(lines: list[str], options: _Options) -> tuple[int, int] | None:
    """(data rows, columns) as np.genfromtxt reads these lines (fields that do not convert become
    NaN); None for a row of another length, which it rejects."""
    rows = 0
    columns: int | None = None
    usecols: list[int] = []
    for line in lines:
        if options.max_rows is not None and rows >= options.max_rows:
            break
        fields = _genfromtxt_fields(line, options)
        if not fields:
            continue
        if options.usecols is not None:
            if columns is None:  # negative indexes count from the end of the first row
                usecols = [index + len(fields) if index < 0 else index for index in options.usecols]
                columns = len(usecols)
            if any(not 0 <= index < len(fields) for index in usecols):
                return None
        elif columns is not None and len(fields) != columns:
            return None
        else:
            columns = len(fields)
        rows += 1
    return (rows, columns) if columns is not None else None


def _table_shape(rows: int | None, columns: int, options: _Options) -> tuple:
    """NumPy's `_ensure_ndmin_ndarray`: size-1 axes squeezed away past `ndmin`, then `ndmin`
    restored; then transposed for `unpack`. `rows` None: unknown, but more than one."""
    shape: tuple = (rows, columns)
    if len(shape) > options.ndmin:
        shape = tuple(d for d in shape if d != 1)
    if len(shape) < options.ndmin:  # np.atleast_1d, or np.atleast_2d(...).T
        shape = (1,) if options.ndmin == 1 else (*shape, 1) if shape else (1, 1)
    return tuple(reversed(shape)) if options.unpack else shape


# Names NumPy's readers decompress first.
_COMPRESSED = (".gz", ".bz2", ".xz", ".lzma", ".zip")


def _read_table(call, options: _Options, loadtxt: bool, footer: int = 0) -> Any:
    """The array a text reader returns; `footer`: genfromtxt's last rows dropped (`skip_footer`)."""
    file = find_file(call, call.get("fname", 0))
    if file is not None and file[0].lower().endswith(_COMPRESSED):
        return UNKNOWN
    head: TextHead | None = call.interp.data.text(file[0]) if file is not None else None
    counted = _counted(head, options, loadtxt, footer) if head is not None else None
    if isinstance(counted, _LoadError):
        _report(call, counted)
        return UNKNOWN
    if counted is None:
        return UNKNOWN
    rows, columns = counted
    what = _count(columns, "column") if rows is None else f"{_count(rows, 'row')}, {_count(columns, 'column')}"
    return Tensor(_table_shape(rows, columns, options), options.dtype, call.node,
                  origin=f"from {file[1]}: {what}")


@functools.lru_cache(maxsize=64)  # the same file and arguments while the code is edited
def _counted(head: TextHead, options: _Options, loadtxt: bool, footer: int) -> tuple | _LoadError | None:
    """(rows, columns) of the table the reader returns (rows None: more than one, not known), the
    error NumPy raises reading it, or None when either is not certain."""
    lines = list(head.lines[options.skip:])
    complete = head.complete and len(lines) <= MAX_TABLE_ROWS
    lines = lines[:MAX_TABLE_ROWS]  # what is read is bounded; so is the work on it
    if not complete and (len(head.lines) <= options.skip or footer):
        return None
    if loadtxt and lines and lines[0].startswith("\ufeff"):
        return None  # NumPy keeps a byte order mark in the first field
    try:
        counted = _loadtxt_rows(lines, options, options.skip) if loadtxt else _genfromtxt_rows(lines, options)
    except _LoadError as error:
        return error
    if counted is None:
        return None
    rows, columns = counted[0] - footer, counted[1]
    if not complete and (options.max_rows is None or rows < options.max_rows):
        if rows < 2:  # whether NumPy squeezes the rows axis is not known
            return None
        rows = None
    return (rows, columns) if rows is None or rows > 0 else None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _report(call, error: _LoadError) -> None:
    """NumPy's ValueError at the call; for a header row, the fix that skips it."""
    fix = _skip_rows_fix(call, error.line + 1) if error.header else None
    call.interp.report(call.node, LOAD_ERROR, error.message, fixes=[fix] if fix is not None else [])


def _skip_rows_fix(call, skip: int) -> Fix | None:
    source = call.interp.source
    existing = call.node_of("skiprows", 5)
    if existing is not None:
        return replace_node(source, existing, str(skip), f"Skip the first {skip} lines (a header)", preferred=True)
    if call.node.keywords and call.node.keywords[-1].arg is None or not call.node.args:
        return None
    last = call.node.keywords[-1].value if call.node.keywords else call.node.args[-1]
    end = source.span(last)
    return Fix(f"Skip the first {skip} lines (a header)",
               (TextEdit(Span(end.end_line, end.end_column, end.end_line, end.end_column), f", skiprows={skip}"),),
               preferred=True)


@api("numpy.loadtxt")
def loadtxt(call) -> Any:
    if call.get("converters", 4) is not None or call.get("quotechar") is not None:
        return UNKNOWN
    options = _options(call, "skiprows", 5, 6, 7, 8, 10, 9)
    return _read_table(call, options, loadtxt=True) if options is not None else UNKNOWN


_GENFROMTXT_SHAPELESS = {"missing_values", "filling_values", "excludelist", "deletechars", "replace_space",
                         "autostrip", "case_sensitive", "defaultfmt", "loose", "encoding", "like"}


@api("numpy.genfromtxt")
def genfromtxt(call) -> Any:
    known = {"fname", "dtype", "comments", "delimiter", "skip_header", "skip_footer", "usecols", "unpack",
             "max_rows", "ndmin", *_GENFROMTXT_SHAPELESS}
    if len(call.args) > 5 or set(call.kwargs) - known:  # converters, names, usemask, invalid_raise, ...
        return UNKNOWN
    options = _options(call, "skip_header", 4, None, None, None, None, None)
    footer = call.get("skip_footer", None, 0)
    if options is None or not _int(footer) or footer < 0 or footer and options.max_rows is not None \
            or not isinstance(call.get("comments", 2, "#"), (str, type(None))):
        return UNKNOWN
    if options.kind == "str" or options.max_rows == 0:
        return UNKNOWN
    return _read_table(call, options, loadtxt=False, footer=footer)
