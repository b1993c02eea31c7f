"""Data files the analysed code names, read for their shapes — never executed, never unpickled.

A loader call (`np.load("x.npy")`, `pd.read_csv("train.csv")`, `load_img("cat.png")`,
`image_dataset_from_directory("photos/")`) names a file or folder; this module finds it and reads
just enough to know the shape: a `.npy` header, a CSV's first rows, an image's header, a folder's
sub-folder names. Every read is bounded (`HEAD_BYTES` from the start of a file, `MAX_ENTRIES`
entries of a folder), whatever the file's size, and only regular files are opened (a FIFO, device
or socket is never opened, so nothing can block). Anything missing, unreadable, too large to list
or odd gives None, and the value it would have described stays unknown.

Results are cached by path and file identity (inode, size, modification time), so re-analysing
while typing costs a dictionary lookup.
"""
from __future__ import annotations

import ast
import csv
import io
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from typing import Any, Callable

HEAD_BYTES = 64 * 1024  # read from the start of a file: headers, and the first rows of a table
MAX_ENTRIES = 512  # entries listed from a folder before giving up
MAX_ARCHIVE_MEMBERS = 256  # arrays in an .npz
MAX_TABLE_ROWS = 2_000  # rows parsed from a table's head


@dataclass(frozen=True)
class TableHead:
    """The first records of a delimited text file, split into fields (quotes resolved).
    `complete`: they are all of the file's records, so its row count is known."""

    records: tuple[tuple[str, ...], ...]
    complete: bool


@dataclass(frozen=True)
class ArrayHeader:
    """A `.npy` array: its shape and NumPy dtype name ("float32", "uint8", "<U5" kept as "str")."""

    shape: tuple[int, ...]
    dtype: str


@dataclass(frozen=True)
class ImageHeader:
    """An image file's size and pixel layout, as PIL names it ("L", "LA", "RGB", "RGBA", "P",
    "1", "I;16", "CMYK"), or None when the header does not settle it."""

    format: str  # "PNG" | "JPEG" | "BMP" | "GIF"
    width: int
    height: int
    mode: str | None


class DataFiles:
    """Finds and reads the data files of one workspace. `roots`: folders a relative path is tried
    against after the analysed file's own folder (the workspace folders). Disabled, it reads
    nothing (the `readDataFiles` setting, an untrusted workspace)."""

    def __init__(self, roots: list[str] | tuple[str, ...] = (), enabled: bool = True):
        self.roots = tuple(os.path.abspath(root) for root in roots if root)
        self.enabled = enabled
        self._cache: dict[tuple, Any] = {}

    # ---- finding ---------------------------------------------------------------------------

    def find(self, name: str, importer: str, folder: bool = False) -> str | None:
        """The file (or folder) a path in the code means: absolute as written, or relative to the
        analysed file's folder, then to each root. None if reading is off or nothing is there."""
        if not self.enabled or not isinstance(name, str) or not name or "\0" in name:
            return None
        name = os.path.expanduser(name)
        if os.path.isabs(name):
            candidates = [name]
        else:
            bases = [os.path.dirname(os.path.abspath(importer))] if os.path.isfile(importer) else []
            candidates = [os.path.join(base, name) for base in (*bases, *self.roots)]
        for candidate in candidates:
            try:
                mode = os.stat(candidate).st_mode
            except (OSError, ValueError):
                continue
            if (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
                return os.path.normpath(candidate)
        return None

    # ---- reading -----------------------------------------------------------------------------

    def table(self, path: str, delimiter: str | None = ",") -> TableHead | None:
        """The first records of a delimited text file; `delimiter` None splits on whitespace."""
        return self._cached(path, ("table", delimiter), lambda head, size: _table(head, size, delimiter))

    def array(self, path: str) -> ArrayHeader | None:
        """The header of a `.npy` file (an object array, which needs pickle, gives None)."""
        return self._cached(path, ("array",), lambda head, size: _npy(head))

    def archive(self, path: str) -> dict[str, ArrayHeader | None] | None:
        """The arrays of an `.npz` file by key, each header read from the archive's member (None for
        one whose header cannot be read); None if the file is not such an archive."""
        return self._cached(path, ("archive",), None, _npz)

    def image(self, path: str) -> ImageHeader | None:
        """The size and pixel layout of a PNG, JPEG, BMP or GIF file, from its header."""
        return self._cached(path, ("image",), lambda head, size: _image(head))

    def subfolders(self, path: str) -> tuple[str, ...] | None:
        """The names of a folder's sub-folders, sorted; None past `MAX_ENTRIES` entries."""
        if not self.enabled:
            return None
        try:
            identity = _identity(os.stat(path))
            key = (path, "subfolders", identity)
            if key not in self._cache:
                self._cache[key] = _subfolders(path)
            return self._cache[key]
        except (OSError, ValueError):
            return None

    def _cached(self, path: str, what: tuple, parse_head: Callable | None,
                parse_file: Callable | None = None) -> Any:
        if not self.enabled:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except (OSError, ValueError):
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None
            key = (path, what, _identity(info))
            if key in self._cache:
                return self._cache[key]
            with os.fdopen(os.dup(fd), "rb") as handle:
                try:
                    result = (parse_file(handle) if parse_file is not None
                              else parse_head(handle.read(HEAD_BYTES), info.st_size))
                except Exception:  # an odd file is an unknown value, whatever the parser met
                    result = None
            self._cache[key] = result
            return result
        except OSError:
            return None
        finally:
            os.close(fd)


def _identity(info: os.stat_result) -> tuple:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


# ---- parsers (each sees bytes from the start of the file and returns a result or None) --------

def _table(head: bytes, size: int, delimiter: str | None) -> TableHead | None:
    complete = size <= len(head)
    text = head.decode("utf-8-sig", errors="replace")
    if not complete:  # a record cut off by the bound is not a record
        text = text[:text.rfind("\n") + 1]
    lines = text.splitlines()
    if delimiter is None:
        records = [tuple(line.split()) for line in lines]
    else:
        records = [tuple(fields) for fields in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
    # Blank lines are skipped (as pandas and NumPy skip them); a line of empty fields is a record.
    records = [record for record in records if len(record) > 1 or record and record[0].strip()]
    if len(records) > MAX_TABLE_ROWS:
        records, complete = records[:MAX_TABLE_ROWS], False
    return TableHead(tuple(records), complete) if records else None


_NPY_MAGIC = b"\x93NUMPY"
# NumPy's type codes (without byte order) for the dtypes an array header can name.
_NPY_KINDS = {"f": "float", "i": "int", "u": "uint", "c": "complex"}


def _npy(head: bytes) -> ArrayHeader | None:
    if not head.startswith(_NPY_MAGIC) or len(head) < 10:
        return None
    major = head[6]
    if major == 1:
        (length,), start = struct.unpack("<H", head[8:10]), 10
    elif major in (2, 3):
        (length,), start = struct.unpack("<I", head[8:12]), 12
    else:
        return None
    text = head[start:start + length]
    if len(text) < length:
        return None
    header = ast.literal_eval(text.decode("latin1" if major < 3 else "utf-8"))
    if not isinstance(header, dict) or not isinstance(header.get("shape"), tuple):
        return None
    shape, descr = header["shape"], header.get("descr")
    if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
        return None
    dtype = _dtype_name(descr) if isinstance(descr, str) else None
    return ArrayHeader(shape, dtype) if dtype is not None else None


def _dtype_name(descr: str) -> str | None:
    code = descr.lstrip("<>|=")
    if code in ("b1", "?"):
        return "bool"
    if code[:1] in ("U", "S") and code[1:].isdigit():
        return "str"
    kind = _NPY_KINDS.get(code[:1])
    if kind is None or not code[1:].isdigit():
        return None  # objects (pickled), structured records, datetimes: not followed
    return f"{kind}{int(code[1:]) * 8}"


def _npz(handle) -> dict[str, ArrayHeader | None] | None:
    with zipfile.ZipFile(handle) as archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            return None
        arrays: dict[str, ArrayHeader | None] = {}
        for member in members:
            key = member.filename[:-4] if member.filename.endswith(".npy") else member.filename
            with archive.open(member) as stream:
                arrays[key] = _npy(stream.read(4096))
        return arrays


def _image(head: bytes) -> ImageHeader | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        width, height, depth, color = struct.unpack(">IIBB", head[16:26])
        mode = {0: {1: "1", 16: "I;16"}.get(depth, "L"), 2: "RGB", 3: "P", 4: "LA", 6: "RGBA"}.get(color)
        return ImageHeader("PNG", width, height, mode)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    if head.startswith(b"BM") and len(head) >= 30:
        header_size = struct.unpack("<I", head[14:18])[0]
        if header_size == 12:
            width, height, _, bits = struct.unpack("<HHHH", head[18:26])
        else:
            width, height, _, bits = struct.unpack("<iiHH", head[18:30])
        mode = {24: "RGB", 1: "1"}.get(bits)
        return ImageHeader("BMP", abs(width), abs(height), mode)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", head[6:10])
        return ImageHeader("GIF", width, height, None)
    return None


# JPEG frame markers that carry the image size (all SOFn but DHT, JPG and DAC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(head: bytes) -> ImageHeader | None:
    position = 2
    while position + 4 <= len(head):
        if head[position] != 0xFF:
            return None
        marker = head[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", head[position + 2:position + 4])
        if marker in _SOF_MARKERS:
            if position + 10 > len(head):
                return None
            height, width, components = struct.unpack(">HHB", head[position + 5:position + 10])
            mode = {1: "L", 3: "RGB", 4: "CMYK"}.get(components)
            return ImageHeader("JPEG", width, height, mode)
        position += 2 + length
    return None


def _subfolders(path: str) -> tuple[str, ...] | None:
    names = []
    with os.scandir(path) as entries:
        for count, entry in enumerate(entries):
            if count >= MAX_ENTRIES:
                return None
            if entry.is_dir():
                names.append(entry.name)
    return tuple(sorted(names))
