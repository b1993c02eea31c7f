"""Configuration files (`[tool.shapelens]` in pyproject.toml, shapelens.toml, .shapelens.toml) and
the command line options that override them, through `shapelens check`."""
import json
import textwrap

import numpy as np
import pytest

from shapelens import config
from shapelens.cli import main

# SL101 (wrong input width), SL111 under Keras 3 only, and a hint SL301 (input_shape=).
BROKEN = """\
from tensorflow import keras
import numpy as np

model = keras.Sequential([keras.layers.Dense(2, input_shape=(4,))])
print(model.layers[0].output_shape)
model(np.zeros((3, 5), "float32"))
"""
# An error only when the data file is read.
READS_DATA = """\
import numpy as np
from tensorflow import keras

x = np.load("x.npy")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
model.predict(x)
"""


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def check(capsys, *args):
    """Exit status and {(file, code)} of `shapelens check --format json ARGS` (paths relative)."""
    status = main(["check", "--no-keras", "--format", "json", *args])
    out = capsys.readouterr().out
    rows = json.loads(out) if out else []
    return status, {(row["path"], row["code"]) for row in rows}


def error(capsys, *args):
    assert main(["check", "--no-keras", *args]) == 2
    return capsys.readouterr().err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_configuration_every_code_and_no_hint(project, capsys):
    write(project, {"a.py": BROKEN})
    assert check(capsys, "a.py") == (1, {("a.py", "SL101"), ("a.py", "SL111")})


@pytest.mark.parametrize("name, table", [("pyproject.toml", "[tool.shapelens]\n"), ("shapelens.toml", ""),
                                         (".shapelens.toml", "")])
def test_each_config_file_name(project, capsys, name, table):
    write(project, {"a.py": BROKEN, name: table + 'ignore = ["SL1"]\nhints = true\n'})
    assert check(capsys, "a.py") == (0, {("a.py", "SL301")})


def test_pyproject_without_the_table_does_not_count(project, capsys):
    write(project, {"pyproject.toml": '[tool.ruff]\nselect = ["E"]\n', "shapelens.toml": "",
                    "sub/pyproject.toml": "[project]\nname = 'x'\n", "sub/a.py": BROKEN})
    (project / "shapelens.toml").write_text('select = ["SL111"]\n')
    assert check(capsys, "sub/a.py") == (1, {("sub/a.py", "SL111")})


def test_precedence_in_one_folder(project, capsys):
    write(project, {"a.py": BROKEN, "pyproject.toml": '[tool.shapelens]\nselect = ["SL101"]\n',
                    "shapelens.toml": 'select = ["SL111"]\n'})
    assert check(capsys, "a.py")[1] == {("a.py", "SL111")}
    write(project, {".shapelens.toml": 'select = ["SL301"]\nhints = true\n'})
    assert check(capsys, "a.py")[1] == {("a.py", "SL301")}


def test_nearest_configuration_wins(project, capsys):
    write(project, {"shapelens.toml": 'ignore = ["SL101"]\n', "a.py": BROKEN, "pkg/a.py": BROKEN,
                    "pkg/deep/a.py": BROKEN, "pkg/pyproject.toml": '[tool.shapelens]\nignore = ["SL111"]\n'})
    assert check(capsys, ".")[1] == {("a.py", "SL111"), ("pkg/a.py", "SL101"), ("pkg/deep/a.py", "SL101")}


def test_config_option_is_used_for_every_file(project, capsys):
    write(project, {"pkg/shapelens.toml": 'ignore = ["SL111"]\n', "pkg/a.py": BROKEN,
                    "other/settings.toml": 'select = ["SL111"]\n'})
    assert check(capsys, "--config", "other/settings.toml", "pkg")[1] == {("pkg/a.py", "SL111")}


def test_command_line_select_ignore_and_hints_replace_the_files(project, capsys):
    write(project, {"a.py": BROKEN, "shapelens.toml": 'select = ["SL111"]\nhints = true\n'})
    assert check(capsys, "--select", "SL101", "a.py")[1] == {("a.py", "SL101"), }
    write(project, {"shapelens.toml": 'ignore = ["SL101"]\n'})
    assert check(capsys, "--ignore", "SL111", "--hints", "a.py")[1] == {("a.py", "SL101"), ("a.py", "SL301")}


def test_per_file_ignores(project, capsys):
    write(project, {"shapelens.toml": """\
        [per-file-ignores]
        "tests/*.py" = ["SL101"]
        "legacy_*.py" = ["SL1"]
        "scripts/" = ["SL111"]
        """, "a.py": BROKEN, "tests/a.py": BROKEN, "tests/deep/a.py": BROKEN, "lib/legacy_a.py": BROKEN,
                    "scripts/x/a.py": BROKEN})
    assert check(capsys, ".")[1] == {
        ("a.py", "SL101"), ("a.py", "SL111"), ("tests/a.py", "SL111"),
        ("tests/deep/a.py", "SL101"), ("tests/deep/a.py", "SL111"),  # `*` stays in one folder
        ("scripts/x/a.py", "SL101")}


def test_per_file_ignores_are_relative_to_the_config_file(project, capsys):
    write(project, {"pkg/shapelens.toml": '[per-file-ignores]\n"a.py" = ["SL1"]\n"/b.py" = ["SL1"]\n',
                    "pkg/a.py": BROKEN, "pkg/b.py": BROKEN, "pkg/sub/b.py": BROKEN})
    assert check(capsys, "pkg")[1] == {("pkg/sub/b.py", "SL101"), ("pkg/sub/b.py", "SL111")}


def test_default_excludes_and_exclude_replacing_them(project, capsys):
    write(project, {"a.py": BROKEN, "build/a.py": BROKEN, "gen/a.py": BROKEN, "gen/keep.py": BROKEN})
    assert {path for path, _ in check(capsys, ".")[1]} == {"a.py", "gen/a.py", "gen/keep.py"}
    write(project, {"shapelens.toml": 'exclude = ["gen/a.py"]\n'})
    assert {path for path, _ in check(capsys, ".")[1]} == {"a.py", "build/a.py", "gen/keep.py"}


def test_extend_exclude_keeps_the_defaults(project, capsys):
    write(project, {"shapelens.toml": 'extend-exclude = ["gen", "*_pb2.py"]\n', "a.py": BROKEN,
                    "build/a.py": BROKEN, "src/gen/a.py": BROKEN, "src/model_pb2.py": BROKEN, "src/b.py": BROKEN})
    assert {path for path, _ in check(capsys, ".")[1]} == {"a.py", "src/b.py"}


def test_a_file_named_explicitly_is_checked_even_if_excluded(project, capsys):
    write(project, {"shapelens.toml": 'extend-exclude = ["gen"]\n', "gen/a.py": BROKEN, ".gitignore": "b.py\n",
                    "b.py": BROKEN, "c.py": BROKEN})
    assert {path for path, _ in check(capsys, "gen/a.py", "b.py")[1]} == {"gen/a.py", "b.py"}
    assert {path for path, _ in check(capsys, ".")[1]} == {"c.py"}


def test_gitignore(project, capsys):
    write(project, {".gitignore": """\
        # generated
        out/
        *.gen.py
        !keep.gen.py
        /top.py
        data/**/raw
        """, "a.py": BROKEN, "out/a.py": BROKEN, "x.gen.py": BROKEN, "sub/keep.gen.py": BROKEN,
                    "top.py": BROKEN, "sub/top.py": BROKEN, "data/a/b/raw/a.py": BROKEN, "data/raw2/a.py": BROKEN,
                    "sub/.gitignore": "!x.gen.py\nb.py\n", "sub/x.gen.py": BROKEN, "sub/b.py": BROKEN,
                    "b.py": BROKEN})
    assert {path for path, _ in check(capsys, ".")[1]} == {
        "a.py", "b.py", "sub/keep.gen.py", "sub/top.py", "data/raw2/a.py", "sub/x.gen.py"}


def test_gitignore_above_the_walked_folder_inside_the_repository(project, capsys):
    write(project, {".git/HEAD": "", ".gitignore": "skip/\n", "src/skip/a.py": BROKEN, "src/a.py": BROKEN})
    assert {path for path, _ in check(capsys, "src")[1]} == {"src/a.py"}


def test_respect_gitignore_false(project, capsys):
    write(project, {".gitignore": "*.py\n", "shapelens.toml": "respect-gitignore = false\n", "a.py": BROKEN})
    assert {path for path, _ in check(capsys, ".")[1]} == {"a.py"}


@pytest.mark.parametrize("where", ["file", "option"])
def test_keras_version_2_gives_keras_2_wording(project, capsys, where):
    write(project, {"a.py": BROKEN})
    args = ["a.py"]
    if where == "file":
        write(project, {"shapelens.toml": "keras-version = 2\n"})
    else:
        write(project, {"shapelens.toml": "keras-version = 3\n"})
        args = ["--keras-version", "2", "a.py"]
    assert main(["check", "--no-keras", "--format", "json", *args]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert row["code"] == "SL107"  # Keras 2 checks a Sequential's declared input; its layers keep output_shape
    assert row["message"].startswith('Input 0 of layer "sequential" is incompatible with the layer: '
                                     "expected shape=(None, 4), found shape=(3, 5)")


def test_keras_version_3(project, capsys):
    write(project, {"a.py": BROKEN, "shapelens.toml": "keras-version = 3\n"})
    assert check(capsys, "--keras-version", "auto", "a.py")[1] == check(capsys, "a.py")[1] == {
        ("a.py", "SL101"), ("a.py", "SL111")}


def test_read_data_files_false(project, capsys):
    write(project, {"a.py": READS_DATA})
    np.save(project / "x.npy", np.zeros((10, 5), "float32"))
    assert check(capsys, "a.py") == (1, {("a.py", "SL101")})
    write(project, {"pyproject.toml": "[tool.shapelens]\nread-data-files = false\n"})
    assert check(capsys, "a.py") == (0, set())


@pytest.mark.parametrize("text, message", [
    ('colour = "red"\n', "unknown key `colour` (allowed: select, ignore, per-file-ignores"),
    ('select = "SL1"\n', '`select` must be a list of codes or prefixes'),
    ('ignore = ["E501"]\n', "`ignore` must be a list of codes or prefixes (SL and up to 3 digits"),
    ("keras-version = 4\n", '`keras-version` must be "auto", 2 or 3, not 4'),
    ('keras-version = "3"\n', "`keras-version` must be \"auto\", 2 or 3, not '3'"),
    ('hints = "yes"\n', "`hints` must be true or false, not 'yes'"),
    ("read-data-files = 1\n", "`read-data-files` must be true or false, not 1"),
    ("respect-gitignore = []\n", "`respect-gitignore` must be true or false"),
    ('exclude = "build"\n', "`exclude` must be a list of glob patterns"),
    ('per-file-ignores = ["a.py"]\n', "`per-file-ignores` must be a table of glob patterns to lists of codes"),
    ('[per-file-ignores]\n"a.py" = ["X1"]\n', "`per-file-ignores.a.py` must be a list of codes"),
    ("select = [\n", "not valid TOML"),
])
def test_bad_configuration_exits_2_naming_file_and_key(project, capsys, text, message):
    write(project, {"a.py": BROKEN, "shapelens.toml": text})
    err = error(capsys, "a.py")
    assert err.startswith(f"shapelens: {project / 'shapelens.toml'}: ")
    assert message in err


def test_bad_pyproject_names_the_table(project, capsys):
    write(project, {"a.py": BROKEN, "pyproject.toml": "[tool.shapelens]\nselct = []\n"})
    assert f"{project / 'pyproject.toml'}: [tool.shapelens] unknown key `selct`" in error(capsys, ".")


def test_bad_or_missing_config_option(project, capsys):
    write(project, {"a.py": BROKEN, "bad.toml": "hints = 2\n"})
    assert "`hints` must be true or false, not 2" in error(capsys, "--config", "bad.toml", "a.py")
    assert "missing.toml: cannot read" in error(capsys, "--config", "missing.toml", "a.py")
    assert main(["check", "--keras-version", "4", "a.py"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("line, path, is_dir, ignored", [
    ("*.py", "a/b/c.py", False, True),
    ("/c.py", "a/c.py", False, None),
    ("a/*.py", "a/b/c.py", False, None),
    ("a/**/c.py", "a/b/d/c.py", False, True),
    ("a/**/c.py", "a/c.py", False, True),
    ("**/b", "x/y/b", True, True),
    ("a/**", "a/b/c.py", False, True),
    ("b/", "a/b", False, None),  # a folder pattern does not match a file
    ("b/", "a/b", True, True),
    ("c?.py", "c1.py", False, True),
    ("c[0-2].py", "c3.py", False, None),
    ("c[!0-2].py", "c3.py", False, True),
    ("\\#x.py", "#x.py", False, True),
    ("!c.py", "c.py", False, False),
    ("# c.py", "# c.py", False, None),
    ("c.py   ", "c.py", False, True),
])
def test_gitignore_patterns(tmp_path, line, path, is_dir, ignored):
    rule = config.pattern(line, str(tmp_path))
    assert config.decision([rule] if rule else [], str(tmp_path / path), is_dir) is ignored
