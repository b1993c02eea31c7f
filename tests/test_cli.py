"""`shapelens check`: output formats, exit codes, directories, unreadable and broken files."""
import functools
import io
import json
import subprocess
import sys
from pathlib import Path

from shapelens import checking, cli
from shapelens.cli import main

SEED = Path(__file__).parent / "fixtures" / "seed"


def run(*args):
    return subprocess.run([sys.executable, "-m", "shapelens", *args], capture_output=True, text=True, timeout=120)


def test_text_output_and_exit_status_for_errors():
    result = run("check", str(SEED))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{SEED / 'example_1.py'}:16:20: error[SL101] Input 0" in lines[0]
    assert f"{SEED / 'example_3.py'}:28:35: error[SL111] 'MyCustomLayer' object has no attribute" in lines[1]
    assert f"{SEED / 'example_4.py'}:22:35: error[SL111]" in lines[2]
    assert f"{SEED / 'example_5.py'}:6:70: error[SL103] Kernel shape" in lines[3]
    assert lines[4:] == ["Checked 6 files: 4 problems found."]


def test_clean_file_exits_zero(capsys):
    assert main(["check", str(SEED / "example_2.py")]) == 0


def test_json_output_has_the_documented_fields(capsys):
    assert main(["check", "--format", "json", str(SEED / "example_5.py")]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("line", "column", "end_line", "end_column", "severity", "code")} == {
        "line": 6, "column": 70, "end_line": 6, "end_column": 72, "severity": "error", "code": "SL103"}
    (fix,) = row["fixes"]
    (edit,) = fix["edits"]
    assert edit == {"path": str(SEED / "example_5.py"), "line": 6, "column": 70, "end_line": 6,
                    "end_column": 74, "new_text": ""}


def test_missing_path_is_a_usage_error():
    result = run("check", "does/not/exist.py")
    assert result.returncode == 2
    assert "cannot read does/not/exist.py" in result.stderr


def test_no_arguments_is_a_usage_error(capsys):
    assert main([]) == 2


def test_syntax_error_is_reported_and_other_files_are_still_checked(tmp_path, capsys):
    (tmp_path / "broken.py").write_text("model = Sequential([\n")
    (tmp_path / "seed.py").write_text((SEED / "example_1.py").read_text())
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(Path(r["path"]).name, r["code"]) for r in rows] == [("broken.py", "SL001"), ("seed.py", "SL101")]


def test_non_utf8_and_empty_files_do_not_crash(tmp_path, capsys):
    (tmp_path / "latin1.py").write_bytes(b"x = '\xe9t\xe9'\n")
    (tmp_path / "empty.py").write_bytes(b"")
    assert main(["check", str(tmp_path)]) == 0


def test_hints_are_shown_only_when_asked(capsys):
    assert main(["check", str(SEED / "example_2.py")]) == 0
    assert "SL301" not in capsys.readouterr().out
    assert main(["check", "--hints", str(SEED / "example_2.py")]) == 0
    assert "hint[SL301] Do not pass an `input_shape`" in capsys.readouterr().out


def test_virtual_environments_and_build_folders_are_not_walked(tmp_path, capsys):
    error = (SEED / "example_5.py").read_text()
    installed = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages" / "requests" / "__init__.py"
    for path in (installed, tmp_path / "myenv" / "tools.py", tmp_path / "build" / "lib" / "app.py",
                 tmp_path / "app.egg-info" / "x.py", tmp_path / "node_modules" / "x.py", tmp_path / "app.py"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(error)
    (tmp_path / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    assert {row["path"] for row in json.loads(capsys.readouterr().out)} == {str(tmp_path / "app.py")}
    # A file named on the command line is checked wherever it is.
    assert main(["check", "--format", "json", str(installed)]) == 1
    assert {row["path"] for row in json.loads(capsys.readouterr().out)} == {str(installed)}


SLOW = "import numpy as np\nx = 1\nxs = [[[i * j * k for i in range(512)] for j in range(512)] for k in range(512)]\n"
STOPPED = "analysis stopped after 0.3 s; nothing after this line was checked"


def test_where_the_analysis_stopped_is_information_not_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(checking, "analyse", functools.partial(checking.analyse, budget=0.3))
    path = tmp_path / "slow.py"
    path.write_text(SLOW)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{path}:3:1: information[SL002] {STOPPED}"
    assert main(["check", "--format", "json", str(path)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("line", "column", "end_line", "end_column", "severity", "code", "message")} == {
        "line": 3, "column": 1, "end_line": 3, "end_column": len(SLOW.splitlines()[2]) + 1,
        "severity": "information", "code": "SL002", "message": STOPPED}


def test_a_file_whose_errors_are_suppressed_exits_zero(tmp_path, capsys):
    text = (SEED / "example_5.py").read_text().splitlines()
    text[5] += "  # shapelens: ignore[SL103]"
    (tmp_path / "suppressed.py").write_text("\n".join(text) + "\n")
    assert main(["check", str(tmp_path / "suppressed.py")]) == 0
    assert capsys.readouterr().out == "Checked 1 file: 0 problems found.\n"


def test_an_unused_suppression_is_a_warning_that_does_not_fail_the_check(tmp_path, capsys):
    (tmp_path / "unused.py").write_text("x = 1  # shapelens: ignore[SL101]\n")
    assert main(["check", "--format", "json", str(tmp_path / "unused.py")]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["severity"], row["code"], row["column"], row["end_column"]) == ("warning", "SL901", 8, 34)
    assert row["fixes"] == []  # fixes of suppression comments are the editor's


def test_files_checked_in_parallel_give_what_one_process_gives(tmp_path, capsys):
    """Every kind of file and setting through the worker processes: seed programs, a notebook, a
    broken notebook, a syntax error, per-file settings from a configuration file, and fixes."""
    for example in SEED.glob("*.py"):
        (tmp_path / example.name).write_text(example.read_text())
    (tmp_path / "broken.py").write_text("def f(:\n")
    (tmp_path / "broken.ipynb").write_text("{not json")
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": (SEED / "example_1.py").read_text().splitlines(keepends=True)}
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                                   "nbformat_minor": 5}))
    (tmp_path / "shapelens.toml").write_text('[per-file-ignores]\n"example_4.py" = ["SL111"]\n')
    outputs = []
    for jobs in ("1", "2"):
        for extra in ([], ["--diff"]):
            assert main(["check", "--output-format", "json", "--jobs", jobs, *extra, str(tmp_path)]) == 1
            outputs.append(capsys.readouterr().out)
    assert outputs[:2] == outputs[2:]
    rows = json.loads(outputs[0])
    assert {Path(row["path"]).name for row in rows} == {
        "example_1.py", "example_3.py", "example_5.py", "broken.py", "broken.ipynb", "nb.ipynb"}
    assert "--- " in outputs[1] and "+++ " in outputs[1]


def test_jobs_must_be_a_whole_number_of_at_least_one(capsys):
    assert main(["check", "--jobs", "0", str(SEED)]) == 2
    assert "expected a whole number of at least 1, got '0'" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_shows_past_its_delay_and_is_wiped_at_the_end():
    now = [0.0]
    stream = Terminal()
    bar = cli.ProgressBar(stream, shown=True, delay=1.0, clock=lambda: now[0])
    bar(1, 400)
    assert stream.getvalue() == ""  # short runs print nothing
    now[0] = 1.5
    bar(120, 400)
    assert stream.getvalue() == "\rChecking [#########.....................] 120/400 files"
    bar.close()
    assert stream.getvalue().endswith("\r\033[K")
    hidden = cli.ProgressBar(Terminal(), shown=False, delay=0.0)
    hidden(1, 2)
    hidden.close()
    assert hidden.stream.getvalue() == ""

