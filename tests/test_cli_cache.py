"""`shapelens check` keeps results by content: a second run over unchanged files analyses nothing,
and a change to a file, a module it imports or a data file it reads checks that file again."""
import json

import numpy as np
import pytest

from shapelens import cache, checking
from shapelens.cli import main

MODEL = """import keras

def build(width):
    return keras.Sequential([keras.Input(shape=(width,)), keras.layers.Dense(2)])
"""
USES_MODULE = """import numpy as np
from models import build

build(4).predict(np.ones((3, 6)))
"""
USES_DATA = """import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
model.predict(np.load("x.npy"))
"""
CLEAN = "import numpy as np\nx = np.zeros((2, 3)).reshape(3, 2)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a configuration file, checked from a folder inside it; the cache goes where
    it goes by default (the test session sets SHAPELENS_CACHE_DIR for every other test)."""
    monkeypatch.delenv("SHAPELENS_CACHE_DIR")
    monkeypatch.delenv("SHAPELENS_NO_CACHE", raising=False)
    (tmp_path / "pyproject.toml").write_text("[tool.shapelens]\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "models.py").write_text(MODEL)
    (src / "uses_module.py").write_text(USES_MODULE)
    (src / "uses_data.py").write_text(USES_DATA)
    (src / "clean.py").write_text(CLEAN)
    np.save(src / "x.npy", np.zeros((10, 5), "float32"))
    monkeypatch.chdir(src)
    return tmp_path


@pytest.fixture
def analysed(monkeypatch):
    """The files the engine analyses in this process (one job)."""
    seen = []
    real = checking.analyse

    def counting(text, path, *args, **kwargs):
        seen.append(path.rsplit("/", 1)[-1])
        return real(text, path, *args, **kwargs)
    monkeypatch.setattr(checking, "analyse", counting)
    return seen


def check(capsys, *args) -> tuple[int, list[tuple[str, str]]]:
    status = main(["check", "--jobs", "1", "--no-keras", "--output-format", "json", *args, "."])
    return status, sorted((row["path"].rsplit("/", 1)[-1], row["code"]) for row in json.loads(capsys.readouterr().out))


def test_a_second_run_over_unchanged_files_analyses_none(project, capsys, analysed):
    first = check(capsys)
    assert first == (1, [("uses_data.py", "SL101"), ("uses_module.py", "SL101")])
    assert sorted(analysed) == ["clean.py", "models.py", "uses_data.py", "uses_module.py"]
    analysed.clear()
    assert check(capsys) == first and analysed == []
    folder = project / ".shapelens_cache"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_select_and_ignore_apply_to_cached_results(project, capsys, analysed):
    check(capsys)
    analysed.clear()
    assert check(capsys, "--ignore", "SL101") == (0, [])
    assert check(capsys, "--select", "SL101") == (1, [("uses_data.py", "SL101"), ("uses_module.py", "SL101")])
    assert analysed == []


def test_a_changed_file_module_or_data_file_checks_its_users_again(project, capsys, analysed):
    src = project / "src"
    check(capsys)
    analysed.clear()
    (src / "clean.py").write_text(CLEAN.replace("(3, 2)", "(4, 2)"))
    assert check(capsys)[1] == [("clean.py", "SL110"), ("uses_data.py", "SL101"), ("uses_module.py", "SL101")]
    assert analysed == ["clean.py"]
    analysed.clear()
    (src / "models.py").write_text(MODEL + "\n# the same model\n")  # a module: compared by content
    assert check(capsys)[1][-1] == ("uses_module.py", "SL101")
    assert sorted(analysed) == ["models.py", "uses_module.py"]
    analysed.clear()
    np.save(src / "x.npy", np.zeros((10, 4), "float32"))  # the data now fits the model
    assert check(capsys)[1] == [("clean.py", "SL110"), ("uses_module.py", "SL101")]
    assert analysed == ["uses_data.py"]


def test_a_module_created_where_the_import_looks_checks_its_importer_again(project, capsys, analysed):
    src = project / "src"
    (src / "later.py").write_text("import numpy as np\nfrom helpers import WIDTH\n\nx = np.zeros((2, WIDTH)).reshape(3, 2)\n")
    check(capsys)
    analysed.clear()
    assert ("later.py", "SL110") not in check(capsys)[1] and analysed == []
    (src / "helpers.py").write_text("WIDTH = 4\n")  # 8 values cannot take the shape (3, 2)
    assert ("later.py", "SL110") in check(capsys)[1]
    assert sorted(analysed) == ["helpers.py", "later.py"]


def test_no_cache_analyses_everything_and_writes_nothing(project, capsys, analysed, monkeypatch):
    check(capsys, "--no-cache")
    check(capsys, "--no-cache")
    assert len(analysed) == 8 and not (project / ".shapelens_cache").exists()
    monkeypatch.setenv("SHAPELENS_NO_CACHE", "1")
    check(capsys)
    assert len(analysed) == 12 and not (project / ".shapelens_cache").exists()


def test_cache_dir_and_a_damaged_cache(project, capsys, analysed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    first = check(capsys, "--cache-dir", str(elsewhere))
    entries = list(elsewhere.glob("*/*.json"))
    assert len(entries) == 4 and not (project / ".shapelens_cache").exists()
    for number, entry in enumerate(entries):  # truncated, not JSON, or JSON of another shape
        entry.write_text(['{"source": ', "garbage", '{"source": 1}', "[]"][number])
    analysed.clear()
    assert check(capsys, "--cache-dir", str(elsewhere)) == first and len(analysed) == 4


def test_an_entry_gives_back_the_whole_report_unless_cut_short(project):
    path = project / "src" / "uses_data.py"
    report = checking.analyse(USES_DATA, str(path))
    (error,) = report.diagnostics
    assert error.fixes and error.related and error.expected and report.reads == (str(project / "src" / "x.npy"),)
    kept = cache.Cache(project / "kept")
    kept.put(path, USES_DATA, "how", report)
    shown = checking.replace(report, values=[], graphs=[])  # what `check` shows
    assert kept.get(path, USES_DATA, "how") == shown
    assert kept.get(path, USES_DATA, "how", found=lambda module: module == "keras") == shown
    assert kept.get(path, USES_DATA + "\n", "how") is None
    assert kept.get(path, USES_DATA, "another way") is None
    report.partial = True  # out of time: not kept
    kept.put(path, CLEAN, "how", report)
    assert kept.get(path, CLEAN, "how") is None
