"""NumPy's file readers and the paths that name their files, each against real NumPy on files in
tmp_path: the engine's shape is NumPy's, its error is NumPy's ValueError word for word, or it says
nothing."""
import ast
import io
import os
import warnings
from pathlib import PurePath

import numpy as np
import pytest

from shapelens.engine import Severity, analyse
from shapelens.engine.api.numpy_io import LOAD_ERROR, _converts
from shapelens.engine.interpreter import Interpreter
from shapelens.engine.source import Source


def engine(tmp_path, program: str):
    """The shape of `x` on the program's last line (None: unknown) and the error messages."""
    path = tmp_path / "prog.py"
    path.write_text(program)
    report = analyse(program, str(path))
    last = len(program.rstrip("\n").split("\n")) - 1
    shapes = [v.shape for v in report.values if v.span.line == last and v.kind == "tensor" and v.span.column == 0]
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    return (shapes[0] if shapes else None), errors


def numpy_outcome(tmp_path, call: str):
    """What NumPy does: ("shape", shape) or ("error", message)."""
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return "shape", eval(call, {"np": np}).shape  # noqa: S307 (the test's own text)
    except Exception as error:  # noqa: BLE001 (any error NumPy raises)
        return "error", str(error)
    finally:
        os.chdir(cwd)


def check(tmp_path, content: str | bytes, call: str, must_know: bool = True):
    """The engine agrees with NumPy on `x = <call>` over a file `t.csv` holding `content`."""
    (tmp_path / "t.csv").write_bytes(content.encode() if isinstance(content, str) else content)
    kind, expected = numpy_outcome(tmp_path, call)
    shape, errors = engine(tmp_path, f"import numpy as np\nx = {call}\n")
    if kind == "shape":
        assert not errors, errors
        assert shape == expected or (shape is None and not must_know), (shape, expected)
    else:
        assert shape is None
        assert [e.message for e in errors] == ([expected] if must_know else [e.message for e in errors][:1])
        assert all(e.message == expected and e.code == LOAD_ERROR for e in errors)
    return shape, errors


TABLES = {
    "numeric": "1,2,3\n4,5,6\n",
    "one_row": "1,2,3\n",
    "one_column": "1\n2\n3\n",
    "one_value": "7\n",
    "header": "sepal_length,sepal_width,species\n5.1,3.5,0\n4.9,3.0,1\n",
    "header_after_comment": "# iris\n\nsepal,width\n5.1,3.5\n",
    "spaced": " 1.0 , 2\n3,\t4\n",
    "floats": "nan,inf,-Infinity\n+.5e-3,5.,1E5\n",
    "comments_blank": "# data\n1,2\n\n4,5 # trailing\n#\n",
    "crlf": "1,2\r\n3,4\r\n",
    "cr": "1,2\r3,4\r",
    "ragged": "1,2,3\n4,5\n",
    "ragged_later": "1,2\n3,4\n\n5,6,7\n",
    "whitespace_line": "1,2\n   \n3,4\n",
    "comment_after_space": "1,2,3 #\n #4,5,6\n",
    "empty_field": "1,,3\n4,5,6\n",
    "trailing_delimiter": "1,2,\n3,4,\n",
    "label_column": "1,2,cat\n3,4,dog\n",
    "quoted": '"1","2"\n3,4\n',
    "hex": "0x10,1\n2,3\n",
    "underscore": "1_000,2\n3,4\n",
    "long_word": "x" * 150 + ",1\n2,3\n",
    "quote_in_word": "it's,1\n2,3\n",
    "bom": "\ufeff1,2\n3,4\n",
    "no_newline_at_end": "1,2\n3,4",
    "semicolons": "1;2\n3;4\n",
}


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("arguments", [
    'delimiter=","',
    'delimiter=",", skiprows=1',
    'delimiter=",", ndmin=1',
    'delimiter=",", ndmin=2',
    'delimiter=",", usecols=(0, 1)',
    'delimiter=",", usecols=-1',
    'delimiter=",", usecols=[2, 0]',
    'delimiter=",", usecols=5',
    'delimiter=",", unpack=True',
    'delimiter=",", max_rows=1',
    'delimiter=",", dtype=np.float32',
    'delimiter=",", dtype=int',
    'delimiter=",", dtype="int32"',
    'delimiter=",", dtype=str',
    'delimiter=",", comments=["#", "%"]',
    'delimiter=",", comments=None',
    'delimiter=";"',
    '',
], ids=lambda a: a.replace('delimiter=",", ', "") or "whitespace")
def test_loadtxt_agrees_with_numpy(tmp_path, name, arguments):
    content = TABLES[name]
    check(tmp_path, content, f'np.loadtxt("t.csv", {arguments})', must_know=False)


@pytest.mark.parametrize("name,arguments,expected", [
    ("numeric", 'delimiter=","', (2, 3)),
    ("one_row", 'delimiter=","', (3,)),
    ("one_column", 'delimiter=","', (3,)),
    ("one_value", 'delimiter=","', ()),
    ("one_value", 'delimiter=",", ndmin=2', (1, 1)),
    ("one_column", 'delimiter=",", ndmin=2', (3, 1)),
    ("one_row", 'delimiter=",", ndmin=2', (1, 3)),
    ("header", 'delimiter=",", skiprows=1', (2, 3)),
    ("header_after_comment", 'delimiter=",", skiprows=3', (2,)),
    ("comments_blank", 'delimiter=","', (2, 2)),
    ("spaced", 'delimiter=","', (2, 2)),
    ("floats", 'delimiter=","', (2, 3)),
    ("crlf", 'delimiter=","', (2, 2)),
    ("cr", 'delimiter=","', (2, 2)),
    ("numeric", 'delimiter=",", unpack=True', (3, 2)),
    ("numeric", 'delimiter=",", usecols=(0, 2)', (2, 2)),
    ("numeric", 'delimiter=",", usecols=-1', (2,)),
    ("numeric", 'delimiter=",", max_rows=1', (3,)),
    ("label_column", 'delimiter=",", usecols=(0, 1)', (2, 2)),
    ("numeric", 'delimiter=",", dtype=str', (2, 3)),
])
def test_loadtxt_knows_these_shapes(tmp_path, name, arguments, expected):
    shape, _ = check(tmp_path, TABLES[name], f'np.loadtxt("t.csv", {arguments})')
    assert shape == expected


@pytest.mark.parametrize("name,arguments", [
    ("header", 'delimiter=","'),
    ("header_after_comment", 'delimiter=","'),
    ("label_column", 'delimiter=","'),
    ("label_column", 'delimiter=",", usecols=[2, 0]'),
    ("ragged", 'delimiter=","'),
    ("ragged_later", 'delimiter=","'),
    ("whitespace_line", 'delimiter=","'),
    ("comment_after_space", 'delimiter=","'),
    ("empty_field", 'delimiter=","'),
    ("trailing_delimiter", 'delimiter=","'),
    ("quoted", 'delimiter=","'),
    ("quote_in_word", 'delimiter=","'),
    ("numeric", ""),  # commas, but split on whitespace: one field '1,2,3' per row
    ("numeric", 'delimiter=",", usecols=5'),
])
def test_loadtxt_reports_numpys_value_error(tmp_path, name, arguments):
    _, errors = check(tmp_path, TABLES[name], f'np.loadtxt("t.csv", {arguments})')
    assert len(errors) == 1


@pytest.mark.parametrize("text", [
    "1", "-0", "00012", "1.", ".5", "1.e5", "1E+05", "+nan", "-NaN", "inf", "-Infinity", "iNf", " 7 ", "\t7\t",
    "nan(1)", "1d5", "0x10", "0x1p3", "1_000", "1 2", "1e", "e1", "-", "", " ", ".", "+-1", "1.5.2", "١", "٣.٥",
    "1.0f", "True", "None", "N/A", "?", "infin", "nana", "sepal_length", "petal width (cm)", '"1"', "'1'", "1,5",
    "\ufeff1", "\xa07", "7\x0b", "\u20037",
])
def test_field_conversion_as_numpy_parses_floats(text):
    try:
        np.loadtxt(io.StringIO(text + "|1\n"), delimiter="|")
        numpy_converts = True
    except ValueError:
        numpy_converts = False
    assert _converts(text, "float") in (numpy_converts, None)
    if all(c in " \t" or not c.isspace() for c in text):
        assert _converts(text, "float") is numpy_converts


@pytest.mark.parametrize("text", ["0", "255", "256", "-1", "+7", " 12 ", "1.0", "99999999999999999999", "-129"])
@pytest.mark.parametrize("dtype", ["uint8", "int8", "int64"])
def test_field_conversion_as_numpy_parses_integers(text, dtype):
    try:
        np.loadtxt(io.StringIO(text + "|1\n"), delimiter="|", dtype=dtype)
        numpy_converts = True
    except ValueError:
        numpy_converts = False
    assert _converts(text, "int", dtype) in (numpy_converts, None)
    assert _converts(text, "int", dtype) is not None or not numpy_converts or "." in text


def test_the_header_fix_skips_the_header(tmp_path):
    (tmp_path / "t.csv").write_text(TABLES["header_after_comment"])
    program = 'import numpy as np\ndata = np.loadtxt("t.csv", delimiter=",")\n'
    (tmp_path / "prog.py").write_text(program)
    (error,) = analyse(program, str(tmp_path / "prog.py")).diagnostics
    (fix,) = error.repairs
    assert fix.edits[0].new_text == ", skiprows=3"
    assert np.loadtxt(tmp_path / "t.csv", delimiter=",", skiprows=3).shape == (2,)


def test_a_table_larger_than_the_head_has_unknown_rows(tmp_path):
    content = "a,b,c\n" + "".join(f"{i},{i}.5,{i % 3}\n" for i in range(20_000))
    (tmp_path / "t.csv").write_text(content)
    assert os.path.getsize(tmp_path / "t.csv") > 64 * 1024
    assert engine(tmp_path, 'import numpy as np\nx = np.loadtxt("t.csv", delimiter=",", skiprows=1)\n')[0] == (None, 3)
    assert engine(tmp_path, 'import numpy as np\nx = np.loadtxt("t.csv", delimiter=",", skiprows=1, usecols=2)\n')[0] \
        == (None,)
    assert engine(tmp_path, 'import numpy as np\nx = np.loadtxt("t.csv", delimiter=",", skiprows=1, max_rows=5)\n')[0] \
        == (5, 3)
    check(tmp_path, content, 'np.loadtxt("t.csv", delimiter=",")')  # the header still raises
    content = "1,2\n" * 20 + "1,2,3\n" * 20_000  # a change past the rows read: never reported
    (tmp_path / "t.csv").write_text(content)
    check(tmp_path, content, 'np.loadtxt("t.csv", delimiter=",")')
    shape, errors = engine(tmp_path, 'import numpy as np\nx = np.loadtxt("t.csv", delimiter=",", usecols=(0, 1))\n')
    assert shape == (None, 2) and not errors


GENFROMTXT_TABLES = {**TABLES, "tab_line": "1,2\n\t\n3,4\n", "footer": "1,2\n3,4\n5,6\ntotal,12\n"}


@pytest.mark.parametrize("name", sorted(GENFROMTXT_TABLES))
@pytest.mark.parametrize("arguments", [
    'delimiter=","',
    'delimiter=",", skip_header=1',
    'delimiter=",", skip_footer=1',
    'delimiter=",", usecols=(0, 1)',
    'delimiter=",", usecols=-1',
    'delimiter=",", unpack=True',
    'delimiter=",", ndmin=2',
    'delimiter=",", max_rows=1',
    'delimiter=",", dtype=int',
    'delimiter=",", dtype=None',
    'delimiter=",", names=True',
    'delimiter=",", filling_values=0',
    '',
], ids=lambda a: a.replace('delimiter=",", ', "") or "whitespace")
def test_genfromtxt_agrees_with_numpy(tmp_path, name, arguments):
    shape, errors = check(tmp_path, GENFROMTXT_TABLES[name], f'np.genfromtxt("t.csv", {arguments})', must_know=False)
    assert not errors  # genfromtxt's own errors are not reported


@pytest.mark.parametrize("name,arguments,expected", [
    ("header", 'delimiter=","', (3, 3)),  # the header is a row of NaN
    ("header", 'delimiter=",", skip_header=1', (2, 3)),
    ("label_column", 'delimiter=","', (2, 3)),
    ("empty_field", 'delimiter=","', (2, 3)),
    ("whitespace_line", 'delimiter=","', (2, 2)),
    ("footer", 'delimiter=",", skip_footer=1', (3, 2)),
    ("one_row", 'delimiter=","', (3,)),
    ("numeric", 'delimiter=",", unpack=True', (3, 2)),
    ("numeric", "", (2,)),
])
def test_genfromtxt_knows_these_shapes(tmp_path, name, arguments, expected):
    shape, _ = check(tmp_path, GENFROMTXT_TABLES[name], f'np.genfromtxt("t.csv", {arguments})')
    assert shape == expected


# ---- np.load --------------------------------------------------------------------------------------

def test_load_npy_gives_the_header_shape_and_dtype(tmp_path):
    np.save(tmp_path / "x.npy", np.zeros((50, 28, 28), "uint8"))
    np.save(tmp_path / "labels.npy", np.array(["a", "b"]))
    path = tmp_path / "prog.py"
    program = ('import numpy as np\nx = np.load("x.npy")\ny = np.load("x.npy", mmap_mode="r", allow_pickle=True)\n'
               'z = np.load("labels.npy")\nw = np.load("missing.npy")\nv = np.fromfile("x.npy")\n')
    path.write_text(program)
    values = {v.span.line: v for v in analyse(program, str(path)).values}
    assert values[1].summary == "Tensor (50, 28, 28) uint8" and values[1].detail == "from x.npy"
    assert values[2].shape == (50, 28, 28)
    assert values[3].shape == (2,)  # strings: the dtype is not a number type
    assert 4 not in values and 5 not in values


def test_load_npz_gives_an_archive_of_arrays(tmp_path):
    with open(tmp_path / "d.npz", "wb") as handle:  # any name: NumPy reads the first bytes
        np.savez(handle, x_train=np.zeros((100, 20), "float32"), y_train=np.zeros(100, "int64"))
    (tmp_path / "data.bin").write_bytes((tmp_path / "d.npz").read_bytes())
    program = """import numpy as np
data = np.load("d.npz")
a = data["x_train"]
b = data["y_train.npy"]
c = data["missing"]
with np.load("data.bin") as archive:
    d = archive["x_train"]
    names = archive.files
e = data.get("x_train")
for key in data.files:
    f = data[key]
arrays = dict(data.items())
g = arrays["y_train"]
h = list(data.values())[0]
"""
    path = tmp_path / "prog.py"
    path.write_text(program)
    values = {(v.span.line, v.span.column): v for v in analyse(program, str(path)).values}
    assert values[(2, 0)].shape == (100, 20) and values[(2, 0)].summary.endswith("float32")
    assert values[(2, 0)].detail == "from d.npz['x_train']"
    assert values[(3, 0)].shape == (100,)
    assert (4, 0) not in values
    assert values[(6, 4)].shape == (100, 20)
    assert values[(8, 0)].shape == (100, 20)
    assert values[(12, 0)].shape == (100,) and values[(13, 0)].shape == (100, 20)
    with np.load(tmp_path / "d.npz") as loaded:
        assert loaded["y_train.npy"].shape == (100,) and loaded.files == ["x_train", "y_train"]


def test_object_arrays_stay_unknown(tmp_path):
    np.save(tmp_path / "o.npy", np.array([[1], [1, 2]], dtype=object))
    shape, errors = engine(tmp_path, 'import numpy as np\nx = np.load("o.npy", allow_pickle=True)\n')
    assert shape is None and not errors


# ---- paths ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("setup,expression", [
    ("", '"data/x.npy"'),
    ('DATA_DIR = "data"', 'f"{DATA_DIR}/x.npy"'),
    ('name, i = "x", 1', 'f"data/{name}.npy" if i == 1 else "nowhere"'),
    ('i = 7', 'f"data/part_{i:03d}.npy"'),
    ("import os", 'os.path.join("data", "x.npy")'),
    ("import os\nDATA_DIR = 'data'", "os.path.join(DATA_DIR, 'x' + '.npy')"),
    ("from os.path import join", 'join("data", "x.npy")'),
    ("import os.path as osp", 'osp.join(osp.dirname(__file__), "data", "x.npy")'),
    ("import os", 'os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "x.npy")'),
    ("from pathlib import Path", 'Path("data") / "x.npy"'),
    ("from pathlib import Path", 'Path("data", "x.npy")'),
    ("from pathlib import Path", 'Path("data").joinpath("x.npy")'),
    ("from pathlib import Path", 'str(Path("data") / "x.npy")'),
    ("from pathlib import Path", 'Path(__file__).parent / "data" / "x.npy"'),
    ("from pathlib import Path", 'Path(__file__).resolve().parent / "data/x.npy"'),
    ("import pathlib\nROOT = pathlib.Path('data')", '(ROOT / "x.txt").with_suffix(".npy")'),
    ("from pathlib import Path", 'Path("data") / Path("y.npy").with_name("x.npy")'),
    ("", '"data/{}.npy".format("x")'),
    ("", '"{root}/{name}.npy".format(root="data", name="x")'),
    ("import os", 'os.fspath(os.path.join("data", "x.npy"))'),
    ('i = 7', '"data/part_%03d.npy" % i'),
    ('name = "x"', '"%s/%s.npy" % ("data", name)'),
])
def test_paths_as_users_write_them(tmp_path, setup, expression):
    (tmp_path / "data").mkdir()
    np.save(tmp_path / "data" / "x.npy", np.zeros((4, 2)))
    np.save(tmp_path / "data" / "part_007.npy", np.zeros((4, 2)))
    program = f"import numpy as np\n{setup}\nx = np.load({expression})\n"
    assert engine(tmp_path, program)[0] == (4, 2)


def test_paths_inside_functions_read_module_constants(tmp_path):
    (tmp_path / "data").mkdir()
    np.save(tmp_path / "data" / "x.npy", np.zeros((4, 2)))
    program = ('import os\nimport numpy as np\nDATA_DIR = "data"\n\ndef load(name):\n'
               '    return np.load(os.path.join(DATA_DIR, f"{name}.npy"))\n\nx = load("x")\n')
    assert engine(tmp_path, program)[0] == (4, 2)


@pytest.mark.parametrize("expression", [
    'Path.cwd() / "data/x.npy"',
    'Path("data/x.npy").absolute()',
    'os.path.abspath("data/x.npy")',
    'os.path.join(os.getcwd(), "data/x.npy")',
    'f"data/{unknown_name}.npy"',
    'f"data/{1:99999}.npy"',
    '"data/{0.real}.npy".format(1)',
    'str(unknown_name)',
    '"data/%s.npy" % unknown_name',
    '"data/%*d.npy" % (3, 1)',
    '"data/%(name)s.npy" % {"name": "x"}',
    '"data/%99999d.npy" % 1',
])
def test_paths_the_engine_cannot_know(tmp_path, expression):
    (tmp_path / "data").mkdir()
    np.save(tmp_path / "data" / "x.npy", np.zeros((4, 2)))
    program = f"import os\nimport numpy as np\nfrom pathlib import Path\nx = np.load({expression})\n"
    assert engine(tmp_path, program)[0] is None


def test_folded_strings_are_pythons():
    program = ('from pathlib import Path\nimport os\nv = 2.5\na = f"{v!r:>8}|{v:.1%}|{None}|{True}|{\'x\'!a}"\n'
               'b = str(Path("a") / "b" / "c.txt")\nc = Path("/x/y.tar.gz").stem\nd = os.path.splitext("m/n.csv")\n'
               'e = "a" / Path("b")\nf = str()\n')
    interp = Interpreter(Source(program), "<string>")
    interp.run(ast.parse(program))
    env = interp.frames[0].env
    v = 2.5
    assert env["a"] == f"{v!r:>8}|{v:.1%}|{None}|{True}|{'x'!a}"
    assert env["b"] == os.path.join("a", "b", "c.txt")
    assert env["c"] == "y.tar" and env["d"] == ("m/n", ".csv") and env["e"] == PurePath("a/b") and env["f"] == ""


def test_no_error_rests_on_the_rows_of_a_table_read_in_part(tmp_path):
    """The rows axis of a large file is unknown: checks that would need it stay silent."""
    (tmp_path / "t.csv").write_text("".join(f"{i},{i}.5,{i % 3}\n" for i in range(20_000)))
    program = """import numpy as np
import keras
data = np.loadtxt("t.csv", delimiter=",")
X, y = data[:, :-1], data[:500, -1]
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
model.compile(loss="mse")
model.fit(X, y, epochs=1)
halves = data.reshape(2, -1, 3)
n = len(data)
images = data[:, :2].reshape(n, 1, 2)
x = X
"""
    shape, errors = engine(tmp_path, program)
    assert shape == (None, 2) and errors == []


def test_compressed_names_and_odd_arguments_stay_unknown(tmp_path):
    (tmp_path / "t.csv.gz").write_text("1,2\n3,4\n")  # NumPy decompresses by the name: this one fails
    (tmp_path / "t.csv").write_text("1,2\n3,4\n")
    for call in ('np.loadtxt("t.csv.gz", delimiter=",")', 'np.loadtxt("t.csv", delimiter=",", usecols=unknown)',
                 'np.loadtxt("t.csv", delimiter=",", converters={0: float})', 'np.loadtxt("t.csv", delimiter=", ")',
                 'np.genfromtxt("t.csv", delimiter=",", names=True)', 'np.loadtxt("t.csv", delimiter=",", ndmin=1.0)'):
        assert engine(tmp_path, f"import numpy as np\nx = {call}\n") == (None, []), call
    assert engine(tmp_path, 'import numpy as np\nx = np.loadtxt("t.csv", delimiter=",", usecols=range(1))\n')[0] == (2,)


def test_hovers_say_where_the_shape_came_from(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("1,2,3\n4,5,6\n")
    program = ('import os\nimport numpy as np\nHERE = os.path.dirname(__file__)\n'
               'x = np.loadtxt(os.path.join(HERE, "data", "t.csv"), delimiter=",", usecols=0)\n')
    path = tmp_path / "prog.py"
    path.write_text(program)
    (value,) = [v for v in analyse(program, str(path)).values if v.kind == "tensor"]
    assert value.detail == f"from {os.path.join('data', 't.csv')}: 2 rows, 1 column"


@pytest.mark.parametrize("writer,stale", [
    ('np.save("x.npy", np.zeros((3, 3)))', {"x.npy"}),
    ('np.save("x", np.zeros((3, 3)))', {"x.npy"}),  # NumPy adds the suffix
    ('np.savez("d", a=np.zeros(3))', {"d.npz"}),
    ('np.savetxt("t.csv", np.zeros((3, 3)), delimiter=",")', {"t.csv"}),
    ('np.zeros((3, 3)).tofile("x.npy")', {"x.npy"}),
    ('np.save("elsewhere.npy", np.zeros(3))', set()),
    ('np.save(unknown_path, np.zeros(3))', {"x.npy", "d.npz", "t.csv"}),
    ('open("t.csv", "w").write("1\\n")', {"t.csv"}),
    ('open("t.csv").read()', set()),
    ('open("t.csv", mode).read()', {"t.csv"}),
    ('Path("t.csv").write_text("1\\n")', {"t.csv"}),
])
def test_a_file_the_code_writes_is_not_read_from_the_disk_afterwards(tmp_path, writer, stale):
    np.save(tmp_path / "x.npy", np.zeros((4, 2)))
    np.savez(tmp_path / "d.npz", a=np.zeros((4, 2)))
    (tmp_path / "t.csv").write_text("1,2\n3,4\n")
    loads = {"x.npy": 'np.load("x.npy")', "d.npz": 'np.load("d.npz")["a"]',
             "t.csv": 'np.loadtxt("t.csv", delimiter=",")'}
    for target, load in loads.items():
        before, _ = engine(tmp_path, f"import numpy as np\nx = {load}\n")
        after, _ = engine(tmp_path, f"import numpy as np\nfrom pathlib import Path\n{writer}\nx = {load}\n")
        assert before == ((2, 2) if target == "t.csv" else (4, 2))
        assert after == (None if target in stale else before), target
