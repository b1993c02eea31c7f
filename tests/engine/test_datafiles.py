"""engine.datafiles: every parser against files written by the real libraries, and the reads that
must give None (without blocking or raising): special files, missing files, garbage."""
import csv
import io
import os
import socket
import struct
import threading
import zipfile
from pathlib import PurePath

import numpy as np
import pandas as pd
import pytest
from numpy.lib import format as npy_format

from shapelens.engine import datafiles
from shapelens.engine.datafiles import ArrayHeader, DataFiles

READERS = ("table", "text", "array", "archive", "image")


def expected_header(path) -> ArrayHeader:
    array = np.load(path)
    name = "str" if array.dtype.kind in "US" else array.dtype.name
    return ArrayHeader(array.shape, name)


# ---- .npy -------------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "longdouble", "int8", "int16", "int32",
                                   "int64", "uint8", "uint16", "uint32", "uint64", "bool", "complex64",
                                   "complex128", "<U5", "S3", ">f4", ">i8"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (2, 0, 4), (1, 1, 1, 1), (4, 5, 6)])
def test_npy_headers_give_what_numpy_loads(tmp_path, dtype, shape):
    path = tmp_path / "a.npy"
    np.save(path, np.zeros(shape, dtype=dtype))
    assert DataFiles().array(str(path)) == expected_header(path)


def test_fortran_order_and_a_file_larger_than_the_head(tmp_path):
    path = tmp_path / "f.npy"
    np.save(path, np.asfortranarray(np.zeros((300, 70), dtype="float32")))
    assert os.path.getsize(path) > datafiles.HEAD_BYTES
    assert DataFiles().array(str(path)) == expected_header(path) == ArrayHeader((300, 70), "float32")


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_every_header_version(tmp_path, version):
    path = tmp_path / "v.npy"
    with open(path, "wb") as handle:
        npy_format.write_array(handle, np.ones((5, 2), dtype="uint8"), version=version)
    assert open(path, "rb").read(8)[6] == version[0]
    assert DataFiles().array(str(path)) == expected_header(path)


def test_a_header_longer_than_version_1_allows(tmp_path):
    path = tmp_path / "long.npy"
    np.save(path, np.zeros((1,) * 30 + (2,), dtype="<U3000"))  # saved as version 1: still read
    assert DataFiles().array(str(path)) == expected_header(path)


@pytest.mark.parametrize("array", [
    np.array([1, "a", None], dtype=object),
    np.zeros(3, dtype=[("a", "<i4"), ("b", "<f8")]),
    np.zeros(3, dtype="M8[s]"),
    np.zeros(3, dtype="m8[D]"),
    np.zeros(2, dtype="V4"),
], ids=["object", "structured", "datetime", "timedelta", "void"])
def test_arrays_that_need_pickle_or_hold_records_stay_unknown(tmp_path, array):
    path = tmp_path / "o.npy"
    np.save(path, array)
    assert DataFiles().array(str(path)) is None


def test_a_truncated_array_is_not_loaded_and_trailing_bytes_are_ignored(tmp_path):
    raw = io.BytesIO()
    np.save(raw, np.zeros((2, 3), "float32"))
    truncated, padded = tmp_path / "t.npy", tmp_path / "p.npy"
    truncated.write_bytes(raw.getvalue()[:-1])
    padded.write_bytes(raw.getvalue() + b"junk")
    with pytest.raises(ValueError):
        np.load(truncated)
    assert DataFiles().array(str(truncated)) is None
    assert DataFiles().array(str(padded)) == expected_header(padded)


def npy_with_header(text: bytes, major: int = 1) -> bytes:
    length = struct.pack("<H" if major == 1 else "<I", len(text))
    return b"\x93NUMPY" + bytes([major, 0]) + length + text + b"\0" * 64


@pytest.mark.parametrize("content", [
    b"",
    b"\x93NUMPY",
    b"\x93NUMPY\x01\x00",
    b"\x93NUMPY\x09\x00\x10\x00{}",
    b"\x93NUMPY\x02\x00\x10",
    b"\x93NUMPY\x01\x00\xff\xff{'descr': '<f8'",  # header longer than the file
    npy_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}"),
    npy_with_header(b"{'descr': '<f8', 'fortran_order': 0, 'shape': (0,)}"),
    npy_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}"),
    npy_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (True,)}"),
    npy_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': [0]}"),
    npy_with_header(b"{'descr': '<x8', 'fortran_order': False, 'shape': (0,)}"),
    npy_with_header(b"__import__('os').system('false')"),
    npy_with_header(b"(" * 5000 + b")" * 5000),
    npy_with_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (" + b"9" * 5000 + b",)}"),
    npy_with_header(b"\xff\xfe garbage", major=3),
    b"PK\x03\x04 not an array",
    bytes(range(256)) * 10,
], ids=lambda content: repr(content[:24]))
def test_garbage_headers_give_none(tmp_path, content):
    path = tmp_path / "g.npy"
    path.write_bytes(content)
    with pytest.raises(Exception):
        np.load(path)
    assert DataFiles().array(str(path)) is None
    assert DataFiles().archive(str(path)) is None


def test_type_codes_without_a_size_stay_unknown(tmp_path):
    path = tmp_path / "f.npy"
    path.write_bytes(npy_with_header(b"{'descr': 'f', 'fortran_order': False, 'shape': (0,)}"))
    assert np.load(path).dtype == np.float32  # NumPy's one-letter codes: not followed, unknown
    assert DataFiles().array(str(path)) is None


# ---- .npz -------------------------------------------------------------------------------------

@pytest.mark.parametrize("save", [np.savez, np.savez_compressed])
def test_archives_list_the_arrays_numpy_loads(tmp_path, save):
    path = tmp_path / "d.npz"
    save(path, np.zeros((4, 28, 28), "uint8"), x_train=np.zeros((10, 20)), y_train=np.arange(10),
         scalar=np.float32(1), empty=np.zeros((0, 3)), text=np.array(["a", "bc"]))
    arrays = DataFiles().archive(str(path))
    with np.load(path) as loaded:
        assert list(arrays) == loaded.files
        for key in loaded.files:
            assert arrays[key] == ArrayHeader(loaded[key].shape, "str" if loaded[key].dtype.kind == "U"
                                              else loaded[key].dtype.name)


def test_an_object_member_is_unknown_the_others_known(tmp_path):
    path = tmp_path / "o.npz"
    np.savez(path, x=np.zeros((2, 2)), ragged=np.array([[1], [1, 2]], dtype=object))
    assert DataFiles().archive(str(path)) == {"x": ArrayHeader((2, 2), "float64"), "ragged": None}


def test_an_archive_with_too_many_members_is_not_listed(tmp_path):
    path = tmp_path / "many.npz"
    np.savez(path, **{f"a{i}": np.zeros(1) for i in range(datafiles.MAX_ARCHIVE_MEMBERS + 1)})
    assert DataFiles().archive(str(path)) is None
    np.savez(path, **{f"a{i}": np.zeros(1) for i in range(datafiles.MAX_ARCHIVE_MEMBERS)})
    assert len(DataFiles().archive(str(path))) == datafiles.MAX_ARCHIVE_MEMBERS


def test_odd_archives(tmp_path):
    path = tmp_path / "z.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
        archive.writestr("x.npy", b"\x93NUMPY garbage")
    assert DataFiles().archive(str(path)) == {"notes.txt": None, "x": None}
    np.savez(path, x=np.zeros(3))
    raw = path.read_bytes()
    path.write_bytes(raw[:len(raw) // 2])  # cut: no member list at the end
    assert DataFiles().archive(str(path)) is None
    path.write_bytes(raw + b"\0" * 10)  # bytes after the archive: zipfile and NumPy still read it
    with np.load(path) as loaded:
        assert DataFiles().archive(str(path)) == {"x": ArrayHeader(loaded["x"].shape, "float64")}


def test_arrays_and_archives_are_told_apart(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros(3))
    np.savez(tmp_path / "b.npz", a=np.zeros(3))
    files = DataFiles()
    assert files.archive(str(tmp_path / "a.npy")) is None
    assert files.array(str(tmp_path / "b.npz")) is None


# ---- delimited tables -------------------------------------------------------------------------

def csv_records(path, delimiter=","):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [tuple(r) for r in csv.reader(handle, delimiter=delimiter) if len(r) > 1 or r and r[0].strip()]


@pytest.mark.parametrize("content", [
    "a,b,c\n1,2,3\n4,5,6\n",
    "a,b,c\r\n1,2,3\r\n4,5,6\r\n",
    "a,b,c\r1,2,3\r4,5,6\r",
    "a,b,c\n1,2,3\n4,5,6",  # no final newline
    'name,text,label\n1,"hello, world",0\n2,"two\nlines",1\n3,"say ""hi""",0\n',
    "\ufeffsepal,petal,species\n5.1,1.4,setosa\n4.9,1.3,setosa\n",
    "a,b\n1,2\n\n   \n\t\n3,4\n\n",
    "a,b\n1,2\n,\n3,4\n",
    "a,b\n1,2\x1c3\n3,4\u20285\n",  # separators Python's splitlines() would split at
    "a,b\n1,2\n3,4,5\n",
])
def test_tables_give_the_records_csv_and_pandas_read(tmp_path, content):
    path = tmp_path / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    head = DataFiles().table(str(path))
    assert head.complete
    assert list(head.records) == csv_records(path)
    if content.count(",") and "3,4,5" not in content:
        frame = pd.read_csv(path)
        assert (len(head.records) - 1, len(head.records[0])) == frame.shape
        assert list(head.records[0]) == list(frame.columns)


def test_tab_and_whitespace_separated(tmp_path):
    tsv, spaced = tmp_path / "t.tsv", tmp_path / "w.txt"
    tsv.write_text("a\tb\n1\t2\n")
    spaced.write_text("  1   2  3\n4 5\t6\n\n")
    assert DataFiles().table(str(tsv), "\t").records == (("a", "b"), ("1", "2"))
    assert DataFiles().table(str(spaced), None).records == (("1", "2", "3"), ("4", "5", "6"))
    assert np.loadtxt(spaced).shape == (2, 3)


def test_a_table_larger_than_the_head_has_whole_records_and_unknown_rows(tmp_path):
    path = tmp_path / "big.csv"
    rows = [f'{i},"a, long\nquoted field {i}",{i * 2}' for i in range(5000)]
    path.write_text("id,text,double\n" + "\n".join(rows) + "\n")
    assert os.path.getsize(path) > datafiles.HEAD_BYTES
    head = DataFiles().table(str(path))
    assert not head.complete
    assert head.records[0] == ("id", "text", "double")
    assert all(len(record) == 3 for record in head.records)
    assert list(head.records) == csv_records(path)[:len(head.records)]


def test_a_table_with_more_rows_than_parsed(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("x\n" + "1\n" * (datafiles.MAX_TABLE_ROWS + 10))
    head = DataFiles().table(str(path))
    assert len(head.records) == datafiles.MAX_TABLE_ROWS and not head.complete


def test_empty_and_blank_tables(tmp_path):
    path = tmp_path / "e.csv"
    for content in ("", "\n\n  \n"):
        path.write_text(content)
        assert DataFiles().table(str(path)) is None


# ---- text lines -------------------------------------------------------------------------------

def test_text_lines_split_as_universal_newlines(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("\ufeff# comment\r\n1,2\r3,4\n\n5\x1c6\u20287\n".encode("utf-8"))
    with open(path, encoding="utf-8") as handle:
        expected = tuple(line.rstrip("\n") for line in handle)
    head = DataFiles().text(str(path))
    assert head.lines == expected and head.complete


def test_text_of_a_large_file_ends_at_a_whole_line(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("".join(f"{i},{i}é\n" for i in range(40_000)))
    head = DataFiles().text(str(path))
    assert not head.complete
    assert head.lines[-1] == f"{len(head.lines) - 1},{len(head.lines) - 1}é"


def test_text_that_is_not_utf8_is_unknown(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"caf\xe9,1\n")
    with pytest.raises(UnicodeDecodeError):
        np.loadtxt(path, delimiter=",")
    assert DataFiles().text(str(path)) is None


# ---- files that are not regular files, and finding ---------------------------------------------

def read_all(files: DataFiles, path: str) -> list:
    """Every reader on `path`, on a thread: a read that blocks fails the test instead of hanging it."""
    results: list = []
    worker = threading.Thread(target=lambda: results.extend(getattr(files, name)(path) for name in READERS),
                              daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), f"reading {path} blocked"
    return results


def test_fifos_devices_sockets_folders_and_missing_files_give_none(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.npy"
    folder.mkdir()
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.csv"))
    files = DataFiles([str(tmp_path)])
    try:
        for path in (fifo, "/dev/zero", "/dev/null", folder, tmp_path / "sock.csv", tmp_path / "missing.csv"):
            assert read_all(files, str(path)) == [None] * len(READERS), path
            assert files.find(str(path), __file__) is None
    finally:
        server.close()
    assert files.find("folder.npy", __file__, folder=True) == str(folder)


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    np.save(tmp_path / "real.npy", np.zeros((2, 5)))
    os.symlink(tmp_path / "real.npy", tmp_path / "link.npy")
    os.symlink(tmp_path / "nowhere.npy", tmp_path / "dangling.npy")
    files = DataFiles()
    assert files.find(str(tmp_path / "link.npy"), __file__) == str(tmp_path / "link.npy")
    assert files.array(str(tmp_path / "link.npy")) == ArrayHeader((2, 5), "float64")
    assert files.find(str(tmp_path / "dangling.npy"), __file__) is None
    assert read_all(files, str(tmp_path / "dangling.npy")) == [None] * len(READERS)


def test_find_tries_the_files_folder_then_the_roots(tmp_path):
    (tmp_path / "project" / "data").mkdir(parents=True)
    (tmp_path / "root" / "data").mkdir(parents=True)
    (tmp_path / "project" / "train.py").write_text("")
    (tmp_path / "project" / "data" / "a.csv").write_text("x\n")
    (tmp_path / "root" / "data" / "a.csv").write_text("x\n")
    (tmp_path / "root" / "data" / "b.csv").write_text("x\n")
    importer = str(tmp_path / "project" / "train.py")
    files = DataFiles([str(tmp_path / "root")])
    assert files.find("data/a.csv", importer) == str(tmp_path / "project" / "data" / "a.csv")
    assert files.find("data/b.csv", importer) == str(tmp_path / "root" / "data" / "b.csv")
    assert files.find("./data/../data/a.csv", importer) == str(tmp_path / "project" / "data" / "a.csv")
    assert files.find(PurePath("data") / "b.csv", importer) == str(tmp_path / "root" / "data" / "b.csv")
    assert files.find(str(tmp_path / "root" / "data" / "a.csv"), "<string>") == str(tmp_path / "root/data/a.csv")
    for odd in ("", "a\0b", None, 3, b"data/a.csv"):
        assert files.find(odd, importer) is None
    assert DataFiles([str(tmp_path / "root")], enabled=False).find("data/b.csv", importer) is None


def test_a_disabled_reader_reads_nothing(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros(3))
    (tmp_path / "d").mkdir()
    files = DataFiles(enabled=False)
    assert read_all(files, str(tmp_path / "a.npy")) == [None] * len(READERS)
    assert files.subfolders(str(tmp_path)) is None


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "a.npy"
    files = DataFiles()
    np.save(path, np.zeros((2, 3)))
    assert files.array(str(path)).shape == (2, 3)
    np.save(path, np.zeros((4, 3, 2)))
    assert files.array(str(path)).shape == (4, 3, 2)


# ---- folders ----------------------------------------------------------------------------------

def test_subfolders_are_sorted_and_bounded(tmp_path):
    for name in ("dogs", "cats", "birds"):
        (tmp_path / name).mkdir()
    (tmp_path / "notes.txt").write_text("")
    os.symlink(tmp_path / "cats", tmp_path / "kittens")
    files = DataFiles()
    assert files.subfolders(str(tmp_path)) == ("birds", "cats", "dogs", "kittens")
    assert files.subfolders(str(tmp_path / "missing")) is None
    assert files.subfolders(str(tmp_path / "notes.txt")) is None
    crowded = tmp_path / "crowded"
    crowded.mkdir()
    for i in range(datafiles.MAX_ENTRIES):
        (crowded / f"f{i}").write_text("")
    assert files.subfolders(str(crowded)) == ()
    (crowded / "one_more").mkdir()
    assert files.subfolders(str(crowded)) is None
