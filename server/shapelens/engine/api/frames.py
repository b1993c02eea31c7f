"""pandas: DataFrames and Series as their columns (names, dtypes) and row counts.

A frame's columns are `(name, dtype, categories)` triples: the dtype as pandas names it ("int64",
"float64", "bool", "str", "object") or None when not known; `categories`, for text columns of a
file read to its end, the sorted distinct values (what `get_dummies` makes columns of), followed by
None if some are missing (a category of its own to scikit-learn's OneHotEncoder), else None.
`columns` is None when not even their count is known; `rows` is None unless known.

`read_csv` reads the file's head through `interp.data` and infers dtypes as pandas does. The row
count is known only when the whole file was read; a dtype only when the whole column was seen,
except that text in any row makes a column text whatever follows.

Frames change in place (`df["x"] = ...`, `del df["x"]`, `pop`, `inplace=True`): the changes modelled
here are journaled like a list's (`mutation.Changeable`), anything else forgets the frame, as does
handing it to code the engine does not follow.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from ..fixes import api_spelling, append_to, replace_node
from ..modules import module_of
from ..mutation import Changeable
from ..calls import builtin_name
from ..values import UNKNOWN, ApiRef, Function, Tensor, format_shape
from . import METHODS, api, attribute, method
from .containers import _CHANGES, _Unsure, apply_change
from .dtypes import FLOATS, INTS
from .tensors import _dtype, _int

_NUMERIC = ("int64", "float64")
# Strings pandas reads as missing values by default.
_MISSING = frozenset({"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                      "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"})
_BOOLS = frozenset({"True", "TRUE", "true", "False", "FALSE", "false"})
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


@dataclass(eq=False)
class DataFrame(Changeable):
    columns: tuple | None  # ((name, dtype, categories), ...), or None when not known
    rows: int | None
    node: ast.AST | None = None
    origin: str | None = None  # where the columns came from: "from data/iris.csv"

    def snapshot(self) -> list:
        return [self.columns, self.rows]

    def restore(self, state: list) -> None:
        self.columns, self.rows = state

    @property
    def names(self) -> list | None:
        return None if self.columns is None else [column[0] for column in self.columns]


@dataclass(eq=False)
class Series(Changeable):
    rows: int | None
    dtype: str | None
    name: Any = None
    categories: tuple | None = None
    node: ast.AST | None = None
    origin: str | None = None
    labels: tuple | None = None  # a reduction of a frame (`df.mean()`): indexed by its column names

    def snapshot(self) -> list:
        return [self.rows, self.dtype, self.categories]

    def restore(self, state: list) -> None:
        self.rows, self.dtype, self.categories = state


class Indexer(Changeable):
    """`df.loc`, `df.iloc`: reads select; any assignment through them forgets the frame."""

    def __init__(self, frame: DataFrame, by_position: bool):
        self.frame, self.by_position = frame, by_position

    def snapshot(self) -> list:
        return self.frame.snapshot()

    def restore(self, state: list) -> None:
        self.frame.restore(state)

    def parts(self) -> tuple:
        return (self.frame,)


# ---- dtypes -------------------------------------------------------------------------------------

def _field_kind(text: str) -> str | None:
    """What one CSV field makes its column: "int64", "float64", "bool", "str"; None for missing."""
    if text in _MISSING:
        return None
    if text in _BOOLS:
        return "bool"
    if _INTEGER.fullmatch(text):
        return "int64" if -2 ** 63 <= int(text) < 2 ** 63 else "?"
    if _DECIMAL.fullmatch(text):
        return "float64"
    try:
        float(text)
        return "?"  # "inf", " 1.5", "1_0": how pandas reads them is not modelled
    except ValueError:
        return "str"


def _column_dtype(fields: list[str], complete: bool) -> tuple[str | None, tuple | None]:
    """pandas's dtype for a column's fields (and its categories, for text of a whole file)."""
    kinds = {_field_kind(text) for text in fields}
    if "?" in kinds:
        return None, None
    if "str" in kinds:
        if not complete:
            return "str", None
        values = tuple(sorted({text for text in fields if text not in _MISSING}))
        return "str", values + ((None,) if any(text in _MISSING for text in fields) else ())
    if not complete:
        return None, None
    missing = None in kinds
    kinds.discard(None)
    if not kinds:
        return "float64", None  # all missing: NaN
    if kinds == {"bool"}:
        return ("object" if missing else "bool"), None
    if "bool" in kinds:  # with numbers: read as text
        return ("str" if not missing else None), None
    if kinds == {"int64"} and not missing:
        return "int64", None
    return "float64", None


def array_dtype(dtypes: list) -> str | None:
    """The NumPy dtype of `.values`/`.to_numpy()` over columns of these dtypes."""
    if any(dtype in ("str", "object") for dtype in dtypes):
        return "object"
    if not dtypes or any(dtype is None for dtype in dtypes):
        return None
    kinds = set(dtypes)
    if len(kinds) == 1:
        return dtypes[0]
    if "bool" in kinds:
        return "object"
    floats, ints = kinds & {"float16", "float32", "float64"}, kinds & {"int8", "int16", "uint8", "int32", "int64"}
    if floats | ints != kinds:
        return None
    if not floats:  # NumPy's promotion of signed integers
        return "int64" if ints <= {"int8", "int16", "int32", "int64"} and "int64" in ints else None
    if "float64" in floats or ints & {"int32", "int64"}:
        return "float64"
    return "float32" if floats == {"float32"} else None


def _value_dtype(value: Any) -> str | None:
    """The dtype of a column made from this value."""
    if isinstance(value, Series):
        return value.dtype
    if isinstance(value, Tensor):
        return value.dtype
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "str"
    return None


def _length(value: Any) -> int | None:
    if isinstance(value, Series):
        return value.rows
    if isinstance(value, Tensor) and value.shape:
        return value.shape[0]
    if isinstance(value, (list, tuple)):
        return len(value)
    return None


def _list_dtype(items: list | tuple) -> str | None:
    kinds = {_value_dtype(item) for item in items}
    if len(kinds) == 1:
        return kinds.pop()
    return "float64" if kinds == {"int64", "float64"} else None


def as_array(value: Any, node: ast.AST) -> Any:
    """The NumPy array `np.asarray(value)` gives for a frame or Series: `.to_numpy()`."""
    if isinstance(value, DataFrame):
        width = None if value.columns is None else len(value.columns)
        dtypes = None if value.columns is None else [column[1] for column in value.columns]
        dtype = array_dtype(dtypes) if dtypes is not None else None
        origin = f"{value.origin}: {width} columns" if value.origin and width is not None else value.origin
        return Tensor((value.rows, width), dtype, node, origin=origin)
    if isinstance(value, Series):
        return Tensor((value.rows,), "object" if value.dtype == "str" else value.dtype, node, origin=value.origin)
    return UNKNOWN


def describe_frame(value: Any) -> tuple[str, str, tuple, str] | None:
    """A hover's (kind, summary, shape, detail) for a DataFrame or Series."""
    if isinstance(value, Series):
        dtype = f" {value.dtype}" if value.dtype else ""
        return "frame", f"Series {format_shape((value.rows,))}{dtype}", (value.rows,), value.origin or ""
    if not isinstance(value, DataFrame):
        return None
    width = None if value.columns is None else len(value.columns)
    lines = [value.origin] if value.origin else []
    if value.columns is not None:
        listed = [f"{label}: {dtype or 'unknown dtype'}" for label, dtype, _ in value.columns[:_LISTED]]
        lines.append(", ".join(listed) + (", ..." if len(value.columns) > _LISTED else ""))
    return "frame", f"DataFrame {format_shape((value.rows, width))}", (value.rows, width), "\n".join(lines)


_LISTED = 12  # columns named in a hover


# ---- reading files ------------------------------------------------------------------------------

# read_csv arguments that change no shape (dtypes that follow from them are left unknown where
# noted in `_RETYPING`).
_HARMLESS = frozenset({"encoding", "low_memory", "engine", "skipinitialspace", "memory_map", "on_bad_lines"})
_RETYPING = frozenset({"dtype", "na_values", "keep_default_na", "converters", "parse_dates", "true_values",
                       "false_values", "na_filter"})


def _skip(records: list, skiprows: Any) -> list | None:
    if skiprows is None:
        return records
    if _int(skiprows) and skiprows >= 0:
        return records[skiprows:]
    if isinstance(skiprows, (list, tuple, set)) and all(_int(i) and i >= 0 for i in skiprows):
        return [record for i, record in enumerate(records) if i not in set(skiprows)]
    return None


def read_table(call, default_sep: str) -> Any:
    interp = call.interp
    allowed = {"filepath_or_buffer", "sep", "delimiter", "header", "names", "index_col", "usecols", "nrows",
               "skiprows", *_HARMLESS, *_RETYPING}
    if set(call.kwargs) - allowed or len(call.args) > 2:
        return UNKNOWN
    name = call.get("filepath_or_buffer", 0)
    sep = call.get("sep", 1, call.get("delimiter", None, default_sep))
    if call.get("delimiter") is not None and "sep" in call.kwargs:
        return UNKNOWN
    if sep == r"\s+":
        delimiter = None
    elif isinstance(sep, str) and len(sep) == 1 and sep not in ('"', "\n", "\r"):
        delimiter = sep
    else:
        return UNKNOWN
    if not isinstance(name, str) or call.get("engine") not in (None, "c", "python"):
        return UNKNOWN
    path = interp.data.find(name, interp.path)
    head = interp.data.table(path, delimiter) if path is not None else None
    if head is None:
        return UNKNOWN
    records, complete = _skip(list(head.records), call.get("skiprows")), head.complete
    names, header = call.get("names"), call.get("header", None, "infer")
    if records is None or not records:
        return UNKNOWN
    if header == "infer":
        header = None if names is not None else 0
    if header is None:
        labels: list = list(range(len(records[0])))
    elif _int(header) and 0 <= header < len(records):
        labels = _labels(records[header])
        records = records[header + 1:]
    else:
        return UNKNOWN
    if labels is None:
        return UNKNOWN  # duplicate names: pandas renames them
    if names is not None:
        if not isinstance(names, (list, tuple)) or len(names) != len(labels) or len(set(names)) != len(names):
            return UNKNOWN
        labels = list(names)
    if any(len(record) != len(labels) for record in records):
        return UNKNOWN  # an implicit index column, ragged rows, duplicate names: not modelled
    nrows = call.get("nrows")
    if nrows is not None:
        if not _int(nrows) or nrows < 0:
            return UNKNOWN
        complete = complete or nrows <= len(records)
        records = records[:nrows]
    columns = [(label, *_column_dtype([record[i] for record in records], complete))
               for i, label in enumerate(labels)]
    if any(key in call.kwargs for key in _RETYPING):
        columns = [(label, None, None) for label, _, _ in columns]
    columns = _use(columns, call.get("usecols"))
    if columns is None:
        return UNKNOWN
    index_col = call.get("index_col")
    if index_col is not None and index_col is not False:
        if "usecols" in call.kwargs:
            return UNKNOWN
        position = _position(columns, index_col)
        if position is None:
            return UNKNOWN
        columns = columns[:position] + columns[position + 1:]
    return DataFrame(tuple(columns), len(records) if complete else None, call.node, f"from {name}")


def _labels(record: tuple) -> list | None:
    """Column names from a header row: blanks named as pandas does; duplicates not modelled."""
    labels = [text if text else f"Unnamed: {i}" for i, text in enumerate(record)]
    return labels if len(set(labels)) == len(labels) else None


def _use(columns: list, usecols: Any) -> list | None:
    """`usecols`: the columns named or numbered, in the file's order."""
    if usecols is None:
        return columns
    if not isinstance(usecols, (list, tuple, set)) or not usecols:
        return None
    wanted = list(usecols)
    if all(_int(i) for i in wanted):
        if not all(0 <= i < len(columns) for i in wanted):
            return None
        return [column for i, column in enumerate(columns) if i in wanted]
    if all(isinstance(label, str) for label in wanted):
        names = [column[0] for column in columns]
        if not all(label in names for label in wanted):
            return None
        return [column for column in columns if column[0] in wanted]
    return None


def _position(columns: list, key: Any) -> int | None:
    if _int(key):
        return key if 0 <= key < len(columns) else None
    names = [column[0] for column in columns]
    return names.index(key) if isinstance(key, str) and names.count(key) == 1 else None


@api("pandas.read_csv")
def read_csv(call) -> Any:
    return read_table(call, ",")


@api("pandas.read_table")
def read_tsv(call) -> Any:
    return read_table(call, "\t")


# ---- construction -------------------------------------------------------------------------------

@api("pandas.DataFrame")
def new_frame(call) -> Any:
    data, labels = call.get("data", 0), call.get("columns", 2)
    if set(call.kwargs) - {"data", "columns", "index", "dtype"} or len(call.args) > 1 or call.get("index") is not None:
        return UNKNOWN
    dtype = _dtype(call.get("dtype"), None) if call.get("dtype") is not None else ...
    if isinstance(data, dict):
        if labels is not None or not data:
            return UNKNOWN
        lengths = {_length(value) for value in data.values()}
        if len(lengths) != 1 or any(isinstance(value, Tensor) and value.rank != 1 for value in data.values()):
            return UNKNOWN
        columns = [(key, _list_dtype(value) if isinstance(value, (list, tuple)) else _value_dtype(value), None)
                   for key, value in data.items()]
        # Series are aligned on their indexes: the rows are their union.
        rows = None if any(isinstance(value, Series) for value in data.values()) else lengths.pop()
    elif isinstance(data, DataFrame):
        if labels is not None:
            return UNKNOWN
        columns, rows = list(data.columns or ()), data.rows
        if data.columns is None:
            return DataFrame(None, rows, call.node)
    elif isinstance(data, Tensor) and data.shape is not None and data.rank in (1, 2):
        rows = data.shape[0]
        width = data.shape[1] if data.rank == 2 else 1
        if width is None:
            return DataFrame(None, rows, call.node)
        if labels is None:
            labels = list(range(width))
        if not isinstance(labels, (list, tuple)) or len(labels) != width:
            return UNKNOWN
        columns = [(label if isinstance(label, (str, int)) else None, data.dtype, None) for label in labels]
    else:
        return UNKNOWN
    if dtype is not ...:
        columns = [(label, dtype, None) for label, _, _ in columns]
    return DataFrame(tuple(columns), rows, call.node)


@api("pandas.Series")
def new_series(call) -> Any:
    data = call.get("data", 0)
    if set(call.kwargs) - {"data", "name", "dtype"} or len(call.args) > 1:
        return UNKNOWN
    name = call.get("name")
    if isinstance(data, (list, tuple)):
        return Series(len(data), _list_dtype(data), name, node=call.node)
    if isinstance(data, Tensor) and data.rank == 1:
        return Series(data.shape[0], _value_dtype(data), name, node=call.node)
    return UNKNOWN


# ---- selecting ----------------------------------------------------------------------------------

def _column(frame: DataFrame, key: Any, node: ast.AST) -> Any:
    """`df["a"]`: the column as a Series."""
    if frame.columns is None or not isinstance(key, (str, int)) or isinstance(key, bool):
        return UNKNOWN
    found = [column for column in frame.columns if column[0] == key and type(column[0]) is type(key)]
    if len(found) != 1 or any(column[0] is None for column in frame.columns):
        return UNKNOWN
    label, dtype, categories = found[0]
    return Series(frame.rows, dtype, label, categories, node, frame.origin)


def _select(frame: DataFrame, keys: list, node: ast.AST) -> Any:
    """`df[["a", "b"]]`: those columns, in that order."""
    if frame.columns is None or not all(isinstance(key, (str, int)) and not isinstance(key, bool) for key in keys):
        return UNKNOWN
    picked = []
    for key in keys:
        found = [column for column in frame.columns if column[0] == key and type(column[0]) is type(key)]
        if len(found) != 1:
            return UNKNOWN
        picked.append(found[0])
    return DataFrame(tuple(picked), frame.rows, node, frame.origin)


@method(DataFrame, "__getitem__")
def getitem(frame: DataFrame, call) -> Any:
    key = call.args[0]
    if isinstance(key, (list, tuple)):
        return _select(frame, list(key), call.node)
    if isinstance(key, slice):  # rows, by position or by label depending on the index
        return _rows(frame, None, call.node)
    return _column(frame, key, call.node)


def _rows(frame: DataFrame, rows: slice | None, node: ast.AST) -> DataFrame:
    """The rows a positional slice selects; None: some rows, how many is not known."""
    count = len(range(frame.rows)[rows]) if rows is not None and frame.rows is not None else None
    return DataFrame(_without_categories(frame.columns), count, node, frame.origin)


def _without_categories(columns: tuple | None) -> tuple | None:
    """Columns of a subset of the rows: a text column may have lost some of its values."""
    return None if columns is None else tuple((label, dtype, None) for label, dtype, _ in columns)


@attribute(DataFrame, "loc")
def loc(interp, frame: DataFrame, node: ast.AST) -> Any:
    return Indexer(frame, by_position=False)


@attribute(DataFrame, "iloc")
def iloc(interp, frame: DataFrame, node: ast.AST) -> Any:
    return Indexer(frame, by_position=True)


@method(Indexer, "__getitem__")
def index_frame(indexer: Indexer, call) -> Any:
    """`df.iloc[:, :-1]`, `df.iloc[:, 4]`, `df.loc[:, "a":"c"]`, `df.iloc[:100]`."""
    frame, key, node = indexer.frame, call.args[0], call.node
    rows, cols = (key if isinstance(key, tuple) and len(key) == 2 else (key, slice(None)))
    if rows is UNKNOWN or cols is UNKNOWN or isinstance(rows, Tensor):
        return UNKNOWN
    if rows == slice(None):
        picked = DataFrame(frame.columns, frame.rows, node, frame.origin)
    elif isinstance(rows, slice) and indexer.by_position:
        picked = _rows(frame, rows, node)
    else:
        return UNKNOWN  # rows by label, one row (a Series), masks
    if picked.columns is None:
        return UNKNOWN if not isinstance(cols, slice) or cols != slice(None) else picked
    columns = list(picked.columns)
    if indexer.by_position:
        if isinstance(cols, slice):
            return DataFrame(tuple(columns[cols]), picked.rows, node, frame.origin)
        if _int(cols) and -len(columns) <= cols < len(columns):
            label, dtype, categories = columns[cols]
            return Series(picked.rows, dtype, label, categories, node, frame.origin)
        if isinstance(cols, (list, tuple)) and all(_int(i) and -len(columns) <= i < len(columns) for i in cols):
            return DataFrame(tuple(columns[i] for i in cols), picked.rows, node, frame.origin)
        return UNKNOWN
    if isinstance(cols, slice):  # by label: both ends included
        if cols.step is not None:
            return UNKNOWN
        start = 0 if cols.start is None else _position(columns, cols.start)
        stop = len(columns) - 1 if cols.stop is None else _position(columns, cols.stop)
        if start is None or stop is None or _int(cols.start) or _int(cols.stop):
            return UNKNOWN
        return DataFrame(tuple(columns[start:stop + 1]), picked.rows, node, frame.origin)
    if isinstance(cols, (list, tuple)):
        return _select(picked, list(cols), node)
    return _column(picked, cols, node)


@attribute(DataFrame, "*")
def column_attribute(interp, frame: DataFrame, name: str, node: ast.AST) -> Any:
    """A column read as an attribute (`df.age`) when no method or attribute has that name."""
    if frame.names is None or name not in frame.names:
        return UNKNOWN
    return _column(frame, name, node)


@attribute(DataFrame, "shape")
def frame_shape(interp, frame: DataFrame, node: ast.AST) -> Any:
    return (frame.rows, None if frame.columns is None else len(frame.columns))


@attribute(DataFrame, "columns")
def frame_columns(interp, frame: DataFrame, node: ast.AST) -> Any:
    names = frame.names
    return UNKNOWN if names is None or None in names else tuple(names)


@attribute(DataFrame, "ndim")
def frame_ndim(interp, frame: DataFrame, node: ast.AST) -> Any:
    return 2


@attribute(DataFrame, "values")
@attribute(Series, "values")
def values(interp, owner: Any, node: ast.AST) -> Any:
    if isinstance(owner, Series) and owner.dtype in ("str", None):
        return UNKNOWN  # text: a pandas StringArray, not a NumPy array
    return as_array(owner, node)


@method(DataFrame, "to_numpy")
@method(Series, "to_numpy")
def to_numpy(owner: Any, call) -> Any:
    if call.args or set(call.kwargs) - {"dtype", "copy"}:
        return UNKNOWN
    array = as_array(owner, call.node)
    if call.get("dtype") is not None and isinstance(array, Tensor):
        array.dtype = _type_name(call.get("dtype"))
    return array


@method(DataFrame, "__len__")
@method(Series, "__len__")
def length(owner: Any, call) -> Any:
    return owner.rows if owner.rows is not None else UNKNOWN


@attribute(Series, "shape")
def series_shape(interp, series: Series, node: ast.AST) -> Any:
    return (series.rows,)


@attribute(Series, "name")
def series_name(interp, series: Series, node: ast.AST) -> Any:
    return series.name if isinstance(series.name, (str, int)) else UNKNOWN


# ---- new frames from frames ---------------------------------------------------------------------

def _labels_of(call, name: str, position: int | None) -> list | None:
    value = call.get(name, position)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return list(value)
    return None


def _dropped(frame: DataFrame, call) -> DataFrame | None:
    """The columns `drop` leaves (`columns=`, or labels with axis=1); None if not followed."""
    if set(call.kwargs) - {"labels", "columns", "axis", "inplace", "errors"} or len(call.args) > 1:
        return None  # pandas takes only the labels by position
    axis = call.get("axis", None, 0)
    if "columns" in call.kwargs and ("labels" in call.kwargs or call.args):
        return None
    labels = _labels_of(call, "columns", None) if "columns" in call.kwargs else (
        _labels_of(call, "labels", 0) if axis in (1, "columns") else None)
    if labels is None or frame.columns is None or call.get("errors", None, "raise") != "raise":
        return None
    names = frame.names
    if not all(names.count(label) == 1 and type(names[names.index(label)]) is type(label) for label in labels):
        return None  # a KeyError, or labels the engine cannot tell apart
    kept = tuple(column for column in frame.columns if column[0] not in labels)
    return DataFrame(kept, frame.rows, call.node, frame.origin)


@method(DataFrame, "drop")
def drop(frame: DataFrame, call) -> Any:
    result = _dropped(frame, call)
    return _in_place(frame, call, result)


def _in_place(frame: DataFrame, call, result: DataFrame | None) -> Any:
    """A method's result, or with `inplace=True` the frame itself changed to it (None returned)."""
    inplace = call.get("inplace", None, False)
    if inplace is False:
        return result if result is not None else UNKNOWN

    def change(owner: DataFrame) -> None:
        if inplace is not True or result is None:
            raise _Unsure
        owner.columns, owner.rows = result.columns, result.rows
    apply_change(call.interp, frame, change, [], {})
    return None if inplace is True else UNKNOWN


def _same_columns(name: str, rows_known: bool):
    """Methods that keep the columns; the rows stay only if `rows_known`."""
    def handler(frame: DataFrame, call) -> Any:
        if _calls_code(call, unknown=False):
            return UNKNOWN
        if call.get("axis", None, 0) not in (0, "index"):  # dropna(axis=1), sample(axis=1): columns
            return _in_place(frame, call, None)
        rows = frame.rows if rows_known else None
        if name == "head" or name == "tail":
            count = call.get("n", 0, 5)
            if not _int(count):
                return UNKNOWN
            rows = None if frame.rows is None else (min(count, frame.rows) if count >= 0 else
                                                    max(frame.rows + count, 0))
        if name == "sample" and not call.args and set(call.kwargs) <= {"frac", "n", "random_state"}:
            # the shuffle idiom `df.sample(frac=1)`, or n rows (without replacement: n ≤ rows)
            frac, count = call.get("frac"), call.get("n")
            if frac == 1 and count is None:
                rows = frame.rows
            elif _int(count) and frac is None and frame.rows is not None and 0 <= count <= frame.rows:
                rows = count
        # Fewer rows (or not known to be all): a text column may have lost some of its values.
        columns = frame.columns if rows is not None and rows == frame.rows else _without_categories(frame.columns)
        if name == "fillna":
            columns = _filled(frame.columns, call.get("value", 0))
        return _in_place(frame, call, DataFrame(columns, rows, call.node, frame.origin))
    return handler


def _filled(columns: tuple | None, value: Any) -> tuple | None:
    """fillna(value): numeric columns stay numeric under a number; anything else is not followed."""
    if columns is None:
        return None
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return tuple((label, dtype if number and dtype in _NUMERIC else None, None) for label, dtype, _ in columns)


for _name, _keeps in (("copy", True), ("fillna", True), ("head", True), ("tail", True), ("dropna", False),
                      ("sample", False), ("drop_duplicates", False), ("sort_values", True)):
    method(DataFrame, _name)(_same_columns(_name, _keeps))


@method(DataFrame, "reset_index")
def reset_index(frame: DataFrame, call) -> Any:
    """reset_index(drop=True) keeps the columns (without `drop`, the index becomes one)."""
    if call.args or set(call.kwargs) - {"drop", "inplace"} or call.get("drop") is not True:
        return _in_place(frame, call, None)
    return _in_place(frame, call, DataFrame(frame.columns, frame.rows, call.node, frame.origin))


def _calls_code(call, unknown: bool = True) -> bool:
    """A method given a function of the analysed code (or, if `unknown`, a value the engine does
    not know, which may be a function) may run it, and that function may change anything."""
    if any(isinstance(value, Function) or unknown and value is UNKNOWN
           for value in [*call.args, *call.kwargs.values()]):
        call.interp.escape(call)
        return True
    return False


@method(DataFrame, "astype")
def frame_astype(frame: DataFrame, call) -> Any:
    dtype = call.get("dtype", 0)
    if frame.columns is None:
        return DataFrame(None, frame.rows, call.node, frame.origin)
    if isinstance(dtype, dict):
        if not all(key in frame.names for key in dtype):
            return UNKNOWN
        columns = tuple((label, _type_name(dtype[label]) if label in dtype else kind,
                         cats if label not in dtype else None) for label, kind, cats in frame.columns)
    else:
        columns = tuple((label, _type_name(dtype), None) for label, _, _ in frame.columns)
    return DataFrame(columns, frame.rows, call.node, frame.origin)


def _type_name(dtype: Any) -> str | None:
    """A dtype argument as pandas names the result: float → "float64", "float32", np.int32 ..."""
    for kind, name in (("float", "float64"), ("int", "int64")):
        if builtin_name(dtype) == kind or dtype == kind:
            return name
    if dtype in ("bool", "str"):
        return dtype
    if isinstance(dtype, ApiRef) or isinstance(dtype, str):
        name = _dtype(dtype, None)
        return name if name in ("float32", "float64", "int32", "int64", "int8", "int16", "uint8", "float16",
                                "bool") else None
    return None


@method(Series, "astype")
def series_astype(series: Series, call) -> Any:
    return Series(series.rows, _type_name(call.get("dtype", 0)), series.name, None, call.node, series.origin)


@method(Series, "map", "apply", "replace", "fillna")
def series_map(series: Series, call) -> Any:
    if _calls_code(call) or call.get("inplace") not in (None, False):
        call.interp.mutations.forget(series)
        return UNKNOWN
    return Series(series.rows, None, series.name, None, call.node, series.origin)


@method(Series, "copy")
def series_copy(series: Series, call) -> Any:
    return Series(series.rows, series.dtype, series.name, series.categories, call.node, series.origin)


@method(Series, "value_counts")
def series_counts(series: Series, call) -> Any:
    if series.categories is None or call.args or call.kwargs:
        return UNKNOWN
    return Series(len(present(series.categories)), "int64", None, node=call.node)


@method(Series, "nunique")
def series_nunique(series: Series, call) -> Any:
    return len(present(series.categories)) if series.categories is not None and not call.kwargs else UNKNOWN


def present(categories: tuple) -> tuple:
    """The categories without the mark of missing values."""
    return tuple(category for category in categories if category is not None)


# ---- arithmetic ---------------------------------------------------------------------------------

_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def _result_dtype(op: ast.operator, a: str, b: str) -> str:
    """int64 and float64 operands, as NumPy combines them."""
    return "float64" if isinstance(op, ast.Div) or "float64" in (a, b) else "int64"


def _operand_dtype(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return "int64" if isinstance(value, int) else "float64"
    if isinstance(value, Series) and value.dtype in _NUMERIC:
        return value.dtype
    return None


def frame_binary(op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
    """`df / 255.0`, `(df - df.mean()) / df.std()`, `s * 2`: numeric frames and Series only (on text
    pandas raises, and a frame with a Series of other labels gains columns)."""
    if not isinstance(op, _ARITHMETIC):
        return UNKNOWN
    frame = left if isinstance(left, DataFrame) else right if isinstance(right, DataFrame) else None
    other = right if frame is left else left
    if frame is None:  # Series and numbers
        dtypes = [_operand_dtype(value) for value in (left, right)]
        if None in dtypes:
            return UNKNOWN
        series = [value for value in (left, right) if isinstance(value, Series)]
        labels = {value.labels for value in series}
        if len(series) == 2 and (len(labels) != 1 or None in labels):
            return Series(None, _result_dtype(op, *dtypes), node=node)  # aligned on their indexes
        first = series[0]
        return Series(first.rows, _result_dtype(op, *dtypes), first.name if len(series) == 1 else None,
                      node=node, origin=first.origin, labels=first.labels)
    if frame.columns is None or any(dtype not in _NUMERIC for _, dtype, _ in frame.columns):
        return UNKNOWN
    if isinstance(other, Series) and (other.labels is None or list(other.labels) != frame.names):
        return UNKNOWN
    other_dtype = _operand_dtype(other)
    if other_dtype is None:
        return UNKNOWN
    columns = tuple((label, _result_dtype(op, dtype, other_dtype), None) for label, dtype, _ in frame.columns)
    return DataFrame(columns, frame.rows, node, frame.origin)


method(DataFrame, "__binop__")(frame_binary)
method(Series, "__binop__")(frame_binary)


def _reduction(name: str):
    """`df.mean()`, `df.max()`: a Series over the columns, for numeric frames."""
    def reduce(frame: DataFrame, call) -> Any:
        if call.args or call.kwargs or frame.columns is None or \
                any(dtype not in _NUMERIC for _, dtype, _ in frame.columns):
            return UNKNOWN
        dtypes = {dtype for _, dtype, _ in frame.columns}
        dtype = "float64" if name in ("mean", "std", "median") or len(dtypes) != 1 else dtypes.pop()
        return Series(len(frame.columns), dtype, node=call.node, labels=tuple(frame.names))
    return reduce


for _name in ("mean", "std", "median", "min", "max", "sum"):
    method(DataFrame, _name)(_reduction(_name))


# Methods that return a new value (not followed) and change their frame only with `inplace=True`.
_READS = ("mean", "std", "min", "max", "sum", "median", "corr", "cov", "info", "describe", "isnull", "isna",
          "notnull", "notna", "nunique", "count", "value_counts", "to_csv", "plot", "hist", "duplicated",
          "memory_usage", "equals", "any", "all", "quantile", "groupby", "agg", "apply", "transform", "pipe",
          "select_dtypes", "to_string", "idxmax", "idxmin", "unique", "abs", "round", "tolist", "to_list",
          "to_frame", "keys", "items", "iterrows", "itertuples", "to_dict", "to_json", "to_excel", "to_parquet",
          "to_pickle", "nlargest", "nsmallest", "rolling", "merge", "join", "filter", "where", "mask", "clip",
          "diff", "shift", "cumsum", "rank", "isin", "between", "corrwith", "set_index", "replace",
          "interpolate", "query", "explode", "melt", "pivot_table", "applymap", "map")


def _reads(owner: Any, call) -> Any:
    if call.get("inplace", None, False) is not False:
        apply_change(call.interp, owner, _unsure, [], {})
        return UNKNOWN
    _calls_code(call)
    return UNKNOWN


for _name in _READS:
    if (DataFrame, _name) not in METHODS:
        method(DataFrame, _name)(_reads)
    if (Series, _name) not in METHODS:
        method(Series, _name)(_reads)


# ---- changes in place ---------------------------------------------------------------------------

def _setitem(frame: DataFrame, key: Any, value: Any) -> None:
    """`df[key] = value`: a column replaced or added at the end."""
    if frame.columns is None or not isinstance(key, (str, int)) or isinstance(key, bool) or \
            isinstance(value, (DataFrame, Indexer)) or isinstance(value, Tensor) and value.rank not in (None, 0, 1):
        raise _Unsure
    names = frame.names
    if None in names or any(label == key and type(label) is not type(key) for label in names):
        raise _Unsure
    column = (key, _value_dtype(value), None)
    if key in names:
        frame.columns = tuple(column if label == key else existing for existing, label in zip(frame.columns, names))
    else:
        if not frame.columns:
            raise _Unsure  # the first column sets the rows
        frame.columns = frame.columns + (column,)


def _delitem(frame: DataFrame, key: Any) -> None:
    if frame.columns is None or frame.names.count(key) != 1 or not isinstance(key, (str, int)):
        raise _Unsure
    frame.columns = tuple(column for column in frame.columns if column[0] != key)


_CHANGES[(DataFrame, "__setitem__")] = _setitem
_CHANGES[(DataFrame, "__delitem__")] = _delitem


@method(DataFrame, "pop")
def pop(frame: DataFrame, call) -> Any:
    key = call.get("item", 0)
    if len(call.args) != 1 or call.kwargs:
        apply_change(call.interp, frame, _unsure, [], {})
        return UNKNOWN
    column = _column(frame, key, call.node)
    apply_change(call.interp, frame, _delitem, [key], {})
    return column


@method(DataFrame, "insert")
def insert(frame: DataFrame, call) -> Any:
    position, key, value = call.get("loc", 0), call.get("column", 1), call.get("value", 2)

    def change(owner: DataFrame) -> None:
        if owner.columns is None or not _int(position) or not 0 <= position <= len(owner.columns) or \
                not isinstance(key, (str, int)) or key in owner.names or set(call.kwargs) - {"loc", "column", "value"}:
            raise _Unsure
        owner.columns = owner.columns[:position] + ((key, _value_dtype(value), None),) + owner.columns[position:]
    apply_change(call.interp, frame, change, [], {})
    return None


def _unsure(owner: Any) -> None:
    raise _Unsure


@method(DataFrame, "rename")
def rename(frame: DataFrame, call) -> Any:
    mapping = call.get("columns")
    if set(call.kwargs) - {"columns", "inplace"} or call.args or not isinstance(mapping, dict) or \
            frame.columns is None or not all(isinstance(label, (str, int)) for label in mapping.values()):
        return _in_place(frame, call, None)
    columns = tuple((mapping.get(label, label), dtype, cats) for label, dtype, cats in frame.columns)
    if len({label for label, _, _ in columns}) != len(columns):
        return _in_place(frame, call, None)
    return _in_place(frame, call, DataFrame(columns, frame.rows, call.node, frame.origin))


# ---- pandas functions ---------------------------------------------------------------------------

@api("pandas.get_dummies")
def get_dummies(call) -> Any:
    data = call.get("data", 0)
    if set(call.kwargs) - {"data", "columns", "drop_first", "dtype"} or len(call.args) > 1:
        return UNKNOWN
    drop_first, dtype = call.get("drop_first", None, False), call.get("dtype")
    kind = "bool" if dtype is None else _type_name(dtype)
    if not isinstance(drop_first, bool):
        return UNKNOWN
    if isinstance(data, Series):
        rows, encoded, kept = data.rows, [(None, data.categories)], []
    elif isinstance(data, DataFrame) and data.columns is not None:
        rows = data.rows
        chosen = _labels_of(call, "columns", None) if isinstance(call.get("columns"), (list, tuple)) else None
        if call.get("columns") is not None and chosen is None:
            return UNKNOWN
        if chosen is None:
            if any(dtype is None for _, dtype, _ in data.columns):
                return DataFrame(None, rows, call.node)  # which columns are text is not known
            chosen = [label for label, dtype, _ in data.columns if dtype in ("str", "object")]
        if not all(label in data.names for label in chosen):
            return UNKNOWN
        kept = [column for column in data.columns if column[0] not in chosen]
        encoded = [(label, cats) for label, _, cats in data.columns if label in chosen]
    else:
        return UNKNOWN
    columns = list(kept)
    for label, categories in encoded:
        if categories is None:
            return DataFrame(None, rows, call.node)
        names = present(categories)[1:] if drop_first else present(categories)
        columns.extend((name if label is None else f"{label}_{name}", kind, None) for name in names)
    return DataFrame(tuple(columns), rows, call.node)


@api("pandas.concat")
def concat(call) -> Any:
    items, axis = call.get("objs", 0), call.get("axis", None, 0)
    if set(call.kwargs) - {"objs", "axis", "ignore_index"} or len(call.args) > 1 or \
            not isinstance(items, (list, tuple)) or not items:
        return UNKNOWN
    if axis in (0, "index"):
        if all(isinstance(item, Series) for item in items):
            rows = [item.rows for item in items]
            return Series(None if None in rows else sum(rows), _merged([item.dtype for item in items]),
                          node=call.node)
        if not all(isinstance(item, DataFrame) and item.columns is not None for item in items):
            return UNKNOWN
        names = [item.names for item in items]
        if any(other != names[0] for other in names) or None in names[0]:
            return UNKNOWN  # the union of different columns is not modelled
        rows = [item.rows for item in items]
        columns = tuple((label, _merged([item.columns[i][1] for item in items]), None)
                        for i, label in enumerate(names[0]))
        return DataFrame(columns, None if None in rows else sum(rows), call.node)
    if axis in (1, "columns"):
        columns: list | None = []
        for item in items:
            if isinstance(item, Series):
                columns.append((item.name, item.dtype, item.categories))
            elif isinstance(item, DataFrame) and item.columns is not None and columns is not None:
                columns.extend(item.columns)
            elif isinstance(item, DataFrame):
                columns = None
            else:
                return UNKNOWN
        # Rows are aligned on the index: their count is not known.
        return DataFrame(None if columns is None else tuple(columns), None, call.node)
    return UNKNOWN


def refused_dtype(data: Any) -> str | None:
    """The dtype Keras names when it refuses this data for fit/evaluate/predict ("Invalid dtype:
    object"), or None. Measured: an object array; a frame with a text column (whatever the others,
    as long as none is an object column, whose message differs)."""
    if isinstance(data, Tensor):
        return "object" if data.dtype == "object" and not data.symbolic else None
    if isinstance(data, DataFrame) and data.columns is not None:
        dtypes = {dtype for _, dtype, _ in data.columns}
        if "str" in dtypes and dtypes <= {"str", "bool", *_NUMERIC}:
            return "str"
    return None


def _merged(dtypes: list) -> str | None:
    """The dtype of a column stacked from columns of these dtypes."""
    return dtypes[0] if len(set(dtypes)) == 1 else array_dtype(dtypes)


def shape_of(value: Any) -> tuple | None:
    """The array shape of a frame or Series (for functions that take either), or None."""
    if isinstance(value, DataFrame):
        return (value.rows, None if value.columns is None else len(value.columns))
    if isinstance(value, Series):
        return (value.rows,)
    return None


def rows_subset(value: Any, rows: int | None, node: ast.AST) -> Any:
    """A frame or Series with some of its rows (train_test_split's parts)."""
    if isinstance(value, DataFrame):
        return DataFrame(_without_categories(value.columns), rows, node, value.origin)
    return Series(rows, value.dtype, value.name, None, node, value.origin)


def numbers_fix(interp, data: Tensor) -> list:
    """`frame.values` over numbers and booleans (the columns get_dummies adds) is an object array,
    which Keras refuses: convert it to float32 where it is made. Not when a column holds text, which
    would not convert."""
    node = data.node
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "to_numpy" \
            and not node.args and not node.keywords:
        owner = node.func.value
    else:
        owner = node.value if isinstance(node, ast.Attribute) and node.attr == "values" else None
    frame = interp.frames[-1].env.get(owner.id, interp.frames[0].env.get(owner.id)) \
        if isinstance(owner, ast.Name) else None
    if (not isinstance(frame, DataFrame) or frame.columns is None or module_of(node) is not None
            or any(dtype not in ("bool", *INTS, *FLOATS) for _, dtype, _ in frame.columns)):
        return []
    text = interp.source.snippet(node, 10**6)
    return [append_to(interp.source, node, '.astype("float32")',
                      f'Convert the data to numbers: {text}.astype("float32")')]


def encode_text_fix(interp, frame: DataFrame) -> list:
    """A frame with a text column goes to fit: one-hot encode its text columns where it is made,
    as numbers (get_dummies's own booleans would make an object array)."""
    node = frame.node
    spelled = api_spelling(interp.frames[0].env, "pandas.get_dummies")
    text = interp.source.snippet(node, 10**6) if node is not None and module_of(node) is None else ""
    if spelled is None or not text:
        return []
    return [replace_node(interp.source, node, f'{spelled}({text}, dtype="float32")',
                         f'One-hot encode the text columns: {spelled}(..., dtype="float32")', preferred=True)]
