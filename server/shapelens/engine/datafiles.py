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
import math
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from typing import Any, Callable

from . import reads

HEAD_BYTES = 64 * 1024  # read from the start of a file: headers, and the first rows of a table
MAX_ENTRIES = 512  # entries listed from a folder before giving up
MAX_ARCHIVE_MEMBERS = 256  # arrays in an .npz
MAX_TABLE_ROWS = 2_000  # rows parsed from a table's head
MAX_CACHED = 1_024  # results kept; past that the cache starts again


@dataclass(frozen=True)
class TableHead:
    """The first records of a delimited text file, split into fields (quotes resolved).
    `complete`: they are all of the file's records, so its row count is known."""

    records: tuple[tuple[str, ...], ...]
    complete: bool


@dataclass(frozen=True)
class TextHead:
    """The first lines of a UTF-8 text file, split as Python's universal newlines split them
    (line ends removed). `complete`: they are all of the file's lines."""

    lines: tuple[str, ...]
    complete: bool


@dataclass(frozen=True)
class ArrayHeader:
    """A `.npy` array: its shape and NumPy dtype name ("float32", "uint8", "<U5" kept as "str")."""

    shape: tuple[int, ...]
    dtype: str


@dataclass(frozen=True)
class ImageHeader:
    """An image file's size and pixel layout, as PIL opens it: mode "1", "L", "LA", "P", "RGB",
    "RGBA", "I;16" or "CMYK", or None when the file does not settle it. `transparency`: a PNG has a
    tRNS chunk (decoders that keep every channel add an alpha one); `orientation`: the EXIF
    orientation tag (1 without one), which OpenCV applies; each None when not known."""

    format: str  # "PNG" | "JPEG" | "BMP" | "GIF"
    width: int
    height: int
    mode: str | None
    transparency: bool | None = None
    orientation: int | None = None


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
        if isinstance(name, os.PathLike):  # a pathlib path the code built
            name = os.fspath(name)
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
                reads.note(os.path.normpath(candidate))
                return os.path.normpath(candidate)
        return None

    # ---- reading -----------------------------------------------------------------------------

    def table(self, path: str, delimiter: str | None = ",") -> TableHead | None:
        """The first records of a delimited text file; `delimiter` None splits on whitespace."""
        return self._cached(path, ("table", delimiter), lambda head, size: _table(head, size, delimiter))

    def text(self, path: str) -> TextHead | None:
        """The first lines of a UTF-8 text file (None if it is not valid UTF-8)."""
        return self._cached(path, ("text",), _text)

    def array(self, path: str) -> ArrayHeader | None:
        """The header of a `.npy` file (an object array, which needs pickle, gives None; so does a
        file too short for the data its header announces, which NumPy fails to load)."""
        return self._cached(path, ("array",), _npy)

    def archive(self, path: str) -> dict[str, ArrayHeader | None] | None:
        """The arrays of an `.npz` file by key, each header read from the archive's member (None for
        one whose header cannot be read); None if the file is not such an archive."""
        return self._cached(path, ("archive",), None, _npz)

    def image(self, path: str) -> ImageHeader | None:
        """The size and pixel layout of a PNG, JPEG, BMP or GIF file, from its header."""
        return self._cached(path, ("image",), None, _image)

    def subfolders(self, path: str) -> tuple[str, ...] | None:
        """The names of a folder's sub-folders, sorted; None past `MAX_ENTRIES` entries."""
        if not self.enabled:
            return None
        reads.note(path)
        try:
            identity = _identity(os.stat(path))
            key = (path, "subfolders", identity)
            if key not in self._cache:
                self._remember(key, _subfolders(path))
            return self._cache[key]
        except (OSError, ValueError):
            return None

    def _cached(self, path: str, what: tuple, parse_head: Callable | None,
                parse_file: Callable | None = None) -> Any:
        if not self.enabled:
            return None
        reads.note(path)
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
            self._remember(key, result)
            return result
        except OSError:
            return None
        finally:
            os.close(fd)

    def _remember(self, key: tuple, result: Any) -> None:
        if len(self._cache) >= MAX_CACHED:  # files edited over a long session
            self._cache.clear()
        self._cache[key] = result


def _identity(info: os.stat_result) -> tuple:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


# ---- parsers (each sees bytes from the start of the file and returns a result or None) --------

def _cut(head: bytes, size: int) -> tuple[bytes, bool]:
    """The head, cut after its last complete line when the file goes on; and whether it is all."""
    complete = size <= len(head)
    return (head, True) if complete else (head[:head.rfind(b"\n") + 1], False)


def _table(head: bytes, size: int, delimiter: str | None) -> TableHead | None:
    head, complete = _cut(head, size)
    lines = io.StringIO(head.decode("utf-8-sig", errors="replace"), newline="")  # ends: \n, \r\n, \r
    if delimiter is None:
        records = [tuple(line.split()) for line in lines]
    else:
        records = [tuple(fields) for fields in csv.reader(lines, delimiter=delimiter)]
    if not complete and records:  # the bound may cut a quoted field's lines: its record is partial
        records.pop()
    # Blank lines (nothing but whitespace, no delimiter) are not records; `,,` is one of empty fields.
    records = [record for record in records if len(record) > 1 or record and record[0].strip()]
    if len(records) > MAX_TABLE_ROWS:
        records, complete = records[:MAX_TABLE_ROWS], False
    return TableHead(tuple(records), complete) if records else None


def _text(head: bytes, size: int) -> TextHead:
    head, complete = _cut(head, size)
    lines = io.StringIO(head.decode("utf-8"), newline="")  # not UTF-8: an error, so None
    return TextHead(tuple(line.rstrip("\r\n") for line in lines), complete)


_NPY_MAGIC = b"\x93NUMPY"
_NPY_KEYS = {"descr", "fortran_order", "shape"}
# NumPy's type codes (without byte order) for the dtypes an array header can name.
_NPY_KINDS = {"f": "float", "i": "int", "u": "uint", "c": "complex"}


def _npy(head: bytes, size: int) -> ArrayHeader | None:
    """The header NumPy's `read_array_header_{1,2,3}_0` read, checked as strictly as NumPy checks it."""
    if not head.startswith(_NPY_MAGIC) or len(head) < 10:
        return None
    major = head[6]
    if major == 1:
        (length,), start = struct.unpack("<H", head[8:10]), 10
    elif major in (2, 3) and len(head) >= 12:
        (length,), start = struct.unpack("<I", head[8:12]), 12
    else:
        return None
    text = head[start:start + length]
    if len(text) < length:
        return None
    header = ast.literal_eval(text.decode("latin1" if major < 3 else "utf-8"))
    if not isinstance(header, dict) or set(header) != _NPY_KEYS or not isinstance(header["fortran_order"], bool):
        return None
    shape, descr = header["shape"], header["descr"]
    if not isinstance(shape, tuple) or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0
                                               for d in shape):
        return None
    dtype = _dtype(descr) if isinstance(descr, str) else None
    if dtype is None or size < start + length + math.prod(shape) * dtype[1]:
        return None  # NumPy: "Failed to read all data for array"
    return ArrayHeader(shape, dtype[0])


def _dtype(descr: str) -> tuple[str, int] | None:
    """NumPy's name for a simple dtype and its item size in bytes."""
    code = descr.lstrip("<>|=")
    digits = code[1:]
    if not digits.isdigit():
        return None  # objects (pickled), structured records, datetimes: not followed
    if code[0] == "b" and digits == "1":
        return "bool", 1
    if code[0] in ("U", "S"):
        return "str", int(digits) * (4 if code[0] == "U" else 1)
    kind = _NPY_KINDS.get(code[0])
    return (f"{kind}{int(digits) * 8}", int(digits)) if kind is not None else None


_ZIP_END = b"PK\x05\x06"  # the end of central directory record, at most 64 KiB of comment from the end
MAX_ARCHIVE_DIRECTORY = 1 << 20  # bytes of an archive's member list read


def _npz(handle) -> dict[str, ArrayHeader | None] | None:
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - 22 - 0xFFFF))
    tail = handle.read()
    end = tail.rfind(_ZIP_END)
    if end < 0 or len(tail) < end + 22:
        return None
    members, directory = struct.unpack("<HI", tail[end + 10:end + 16])
    if members > MAX_ARCHIVE_MEMBERS or directory > MAX_ARCHIVE_DIRECTORY:
        return None  # listing it would read more than the bound
    handle.seek(0)
    with zipfile.ZipFile(handle) as archive:
        arrays: dict[str, ArrayHeader | None] = {}
        for member in archive.infolist()[:MAX_ARCHIVE_MEMBERS]:
            key = member.filename[:-4] if member.filename.endswith(".npy") else member.filename
            with archive.open(member) as stream:
                arrays[key] = _npy(stream.read(4096), member.file_size)
        return arrays


MAX_IMAGE_SEGMENTS = 256  # PNG chunks, JPEG markers or GIF blocks walked before the image data

# PIL's mode for each PNG (bit depth, colour type); any other pair PIL refuses to open.
_PNG_MODES = {(1, 0): "1", (2, 0): "L", (4, 0): "L", (8, 0): "L", (16, 0): "I;16", (8, 2): "RGB", (16, 2): "RGB",
              (1, 3): "P", (2, 3): "P", (4, 3): "P", (8, 3): "P", (8, 4): "LA", (16, 4): "RGBA",
              (8, 6): "RGBA", (16, 6): "RGBA"}
# JPEG frame markers that carry the image size (all SOFn but DHT, JPG and DAC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_MODES = {1: "L", 3: "RGB", 4: "CMYK"}
_BMP_HEADERS = (40, 52, 56, 64, 108, 124)  # the Windows headers PIL reads, besides OS/2's 12 bytes


def _image(handle) -> ImageHeader | None:
    """The header of an image file; the walks over its chunks, markers or blocks seek past their
    contents, so only a few bytes of each are read, and at most `MAX_IMAGE_SEGMENTS` of them."""
    magic = handle.read(8)
    if magic == b"\x89PNG\r\n\x1a\n":
        return _png(handle)
    if magic.startswith(b"\xff\xd8"):
        return _jpeg(handle)
    if magic.startswith(b"BM"):
        return _bmp(handle)
    if magic[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(handle)
    return None


def _read(handle, offset: int, size: int) -> bytes:
    """`size` bytes at `offset`, or EOFError (the file is cut short: an odd file)."""
    handle.seek(offset)
    data = handle.read(size)
    if len(data) < size:
        raise EOFError
    return data


def _png(handle) -> ImageHeader | None:
    chunk = _read(handle, 8, 8 + 13)
    if chunk[4:8] != b"IHDR":
        return None
    width, height, depth, color = struct.unpack(">IIBB", chunk[8:18])
    mode = _PNG_MODES.get((depth, color))
    if mode is None:
        return None
    # The chunks before the image data: a tRNS chunk, an eXIf chunk.
    offset, transparency, orientation, exif = 8 + 12 + 13, False, 1, False
    for _ in range(MAX_IMAGE_SEGMENTS):
        handle.seek(offset)
        head = handle.read(8)
        if len(head) < 8:
            break
        length, kind = struct.unpack(">I4s", head)
        if kind == b"IDAT":
            return ImageHeader("PNG", width, height, mode, transparency, orientation)
        if kind == b"tRNS":
            transparency = True
        elif kind == b"eXIf" and not exif:
            exif, orientation = True, _exif_orientation(handle.read(min(length, HEAD_BYTES)))
        offset += 12 + length
    return ImageHeader("PNG", width, height, mode)


def _jpeg(handle) -> ImageHeader | None:
    """The last frame header before the scan (as PIL reads it), and the EXIF orientation."""
    offset, frame, orientation, exif = 2, None, 1, False
    for _ in range(MAX_IMAGE_SEGMENTS):
        handle.seek(offset)
        head = handle.read(4)
        if len(head) < 2 or head[0] != 0xFF:
            return None
        marker = head[1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            offset += 2
            continue
        if marker == 0xDA:  # the scan: no more headers
            break
        if len(head) < 4:
            return None
        (length,) = struct.unpack(">H", head[2:4])
        if marker in _SOF_MARKERS:
            frame = _read(handle, offset + 4, 6)
        elif marker == 0xE1 and not exif and handle.read(6) == b"Exif\0\0":  # the first EXIF block
            exif, orientation = True, _exif_orientation(handle.read(max(length - 8, 0)))
        offset += 2 + length
    else:
        orientation = None  # headers past the bound: an orientation may follow
    if frame is None:
        return None
    precision, height, width, components = struct.unpack(">BHHB", frame)
    if precision != 8 or components not in _JPEG_MODES:
        return None  # PIL opens only 8-bit JPEGs of 1, 3 or 4 components
    return ImageHeader("JPEG", width, height, _JPEG_MODES[components], None, orientation)


def _exif_orientation(tiff: bytes) -> int | None:
    """The orientation tag of an EXIF block's first directory: 1 without one, None if unreadable."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return None
    (start,) = struct.unpack(order + "I", tiff[4:8])
    if start + 2 > len(tiff):
        return None
    (count,) = struct.unpack(order + "H", tiff[start:start + 2])
    for entry in range(start + 2, start + 2 + 12 * count, 12):
        if entry + 12 > len(tiff):
            return None
        tag, kind, _ = struct.unpack(order + "HHI", tiff[entry:entry + 8])
        if tag == 0x0112:
            (value,) = struct.unpack(order + "H", tiff[entry + 8:entry + 10])
            return value if kind == 3 and 1 <= value <= 8 else None
    return 1


def _bmp(handle) -> ImageHeader | None:
    (header_size,) = struct.unpack("<I", _read(handle, 14, 4))
    colors = 0
    if header_size == 12:
        width, height, _, bits = struct.unpack("<HHHH", _read(handle, 18, 8))
        compression, padding = 0, 3
    elif header_size in _BMP_HEADERS:
        data = _read(handle, 18, 36)
        width, height, _, bits, compression = struct.unpack("<IIHHI", data[:16])
        if data[7] == 0xFF:  # a negative height: rows stored top-down
            height = 2 ** 32 - height
        (colors,) = struct.unpack("<I", data[32:36])
        padding = 4
    else:
        return None
    if bits in (16, 24, 32):
        # Bit-field layouts decide between RGB and RGBA by their masks: not followed.
        return ImageHeader("BMP", width, height, "RGB" if compression == 0 else None, None, 1)
    if bits not in (1, 4, 8) or compression not in (0, 1, 2):
        return None
    # A palette of only grays (black and white for two colours) makes PIL drop it: "1" or "L".
    colors = colors or 1 << bits
    if colors > 256:
        return None
    palette = _read(handle, 14 + header_size, padding * colors)
    levels = (0, 255) if colors == 2 else range(colors)
    gray = all(palette[i * padding:i * padding + 3] == bytes((level,)) * 3 for i, level in enumerate(levels))
    mode = ("1" if colors <= 2 else "L") if gray else "P"
    return ImageHeader("BMP", width, height, mode, None, 1)


def _gif(handle) -> ImageHeader | None:
    """The logical screen, grown to the first frame's extent as PIL grows it; the mode is "P" if
    the first frame's palette is not just the gray ramp 0, 1, 2, ... (PIL then reads it as "L")."""
    width, height, flags = struct.unpack("<HHB", _read(handle, 6, 5))
    offset, palette = 13, False
    if flags & 0x80:
        palette = _needs_palette(_read(handle, offset, 3 << ((flags & 7) + 1)))
        offset += 3 << ((flags & 7) + 1)
    blocks = 0
    while blocks < MAX_IMAGE_SEGMENTS:
        kind = _read(handle, offset, 1)
        if kind == b"!":  # an extension: a label, then sub-blocks up to an empty one
            offset += 2
            while blocks < MAX_IMAGE_SEGMENTS:
                blocks += 1
                size = _read(handle, offset, 1)[0]
                offset += 1 + size
                if not size:
                    break
        elif kind == b",":
            x, y, frame_width, frame_height, frame_flags = struct.unpack("<HHHHB", _read(handle, offset + 1, 9))
            if frame_flags & 0x80:
                palette = _needs_palette(_read(handle, offset + 10, 3 << ((frame_flags & 7) + 1)))
            return ImageHeader("GIF", max(width, x + frame_width), max(height, y + frame_height),
                               "P" if palette else "L", None, 1)
        else:
            return None
        blocks += 1
    return None


def _needs_palette(table: bytes) -> bool:
    return any(not (i // 3 == table[i] == table[i + 1] == table[i + 2]) for i in range(0, len(table), 3))


def _subfolders(path: str) -> tuple[str, ...] | None:
    names = []
    with os.scandir(path) as entries:
        for count, entry in enumerate(entries):
            if count >= MAX_ENTRIES:
                return None
            if entry.is_dir():
                names.append(entry.name)
    return tuple(sorted(names))
