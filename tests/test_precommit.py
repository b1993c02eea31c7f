"""The pre-commit hook: `--force-exclude` (pre-commit names every file, so the excludes must apply
to named files too)."""
import json
import textwrap
from pathlib import Path

import pytest

from shapelens.cli import main

BROKEN = """\
from tensorflow import keras
import numpy as np

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
model(np.zeros((3, 5), "float32"))
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def checked(capsys, *args: str) -> tuple[int, set[str]]:
    """Exit status and the files reported by `shapelens check --format json ARGS`."""
    status = main(["check", "--no-keras", "--format", "json", *args])
    return status, {row["path"] for row in json.loads(capsys.readouterr().out)}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_force_exclude_applies_the_excludes_to_named_files(project, capsys):
    write(project, {"shapelens.toml": 'extend-exclude = ["gen", "*_pb2.py"]\n', "gen/a.py": BROKEN,
                    "src/model_pb2.py": BROKEN, "build/c.py": BROKEN, "b.py": BROKEN, ".gitignore": "b.py\n"})
    named = ["gen/a.py", "src/model_pb2.py", "build/c.py", "b.py"]
    assert checked(capsys, *named) == (1, set(named))
    # .gitignore does not apply: git does not ignore the tracked files pre-commit names
    assert checked(capsys, "--force-exclude", *named) == (1, {"b.py"})
    assert checked(capsys, "--force-exclude", "gen", "src", "b.py") == (1, {"b.py"})


def test_force_exclude_with_every_named_file_excluded_checks_nothing(project, capsys):
    write(project, {"pyproject.toml": '[tool.shapelens]\nexclude = ["gen/"]\n', "gen/a.py": BROKEN})
    assert main(["check", "--no-keras", "--force-exclude", "gen/a.py"]) == 0
    assert capsys.readouterr().out == "Checked 0 files: 0 problems found.\n"


def test_force_exclude_looks_no_higher_than_the_configuration(tmp_path, monkeypatch, capsys):
    # Folders named like excluded ones count only below the configuration file's folder, or below
    # the current folder for a file that no configuration file covers.
    project = tmp_path / "build" / "venv"
    write(project, {"a.py": BROKEN, "sub/shapelens.toml": "hints = false\n", "sub/b.py": BROKEN,
                    "sub/dist/c.py": BROKEN})
    monkeypatch.chdir(project)
    assert checked(capsys, "--force-exclude", "a.py", "sub/b.py", "sub/dist/c.py") == (1, {"a.py", "sub/b.py"})
    monkeypatch.chdir(tmp_path)
    named = ["build/venv/a.py", "build/venv/sub/b.py"]
    assert checked(capsys, "--force-exclude", *named) == (1, {"build/venv/sub/b.py"})
