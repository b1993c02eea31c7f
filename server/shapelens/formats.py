"""Report formats of `shapelens check --output-format`: each turns the diagnostics (the rows of the
JSON format: 1-based positions, a notebook's in its `cell`) into the text printed."""
from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path, PurePath

from . import __version__
from .codes import CODES, name

HOME = "https://pypi.org/project/shapelens/"  # the README, with an anchor per code in its table
GITHUB_LEVELS = {"error": "error", "warning": "warning"}  # information and hints: notice
GITLAB_SEVERITIES = {"error": "major", "warning": "minor"}  # information and hints: info
SARIF_LEVELS = {"error": "error", "warning": "warning"}  # information and hints: note


def _message(row: dict) -> str:
    """The message, naming the notebook cell whose lines the position counts."""
    return f"cell {row['cell']}: {row['message']}" if "cell" in row else row["message"]


def concise(rows: list[dict]) -> str:
    """`path:line:col: CODE message`, one line each."""
    return "".join(f"{row['path']}:{'cell %d:' % row['cell'] if 'cell' in row else ''}"
                   f"{row['line']}:{row['column']}: {row['code']} {row['message']}\n" for row in rows)


def json_lines(rows: list[dict]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def _github_escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def github(rows: list[dict]) -> str:
    """GitHub Actions workflow commands, which annotate the lines of a pull request."""
    lines = []
    for row in rows:
        fields = {"file": row["path"], "line": row["line"], "col": row["column"], "endLine": row["end_line"],
                  "endColumn": row["end_column"], "title": row["code"]}
        properties = ",".join(f"{key}={_github_escape(str(value), property=True)}" for key, value in fields.items())
        lines.append(f"::{GITHUB_LEVELS.get(row['severity'], 'notice')} {properties}::"
                     f"{_github_escape(_message(row))}\n")
    return "".join(lines)


def gitlab(rows: list[dict], line_texts: list[str], root: str | None = None) -> str:
    """A GitLab Code Quality report. Paths under `root` (the repository) are relative to it, as GitLab
    wants. A fingerprint hashes the path, code, message and the text of the line (not its number), so
    it survives edits elsewhere in the file; repeats are numbered."""
    seen: Counter[str] = Counter()
    issues = []
    for row, line_text in zip(rows, line_texts):
        path = PurePath(row["path"])
        if root and path.is_relative_to(root):
            path = path.relative_to(root)
        key = "\0".join((path.as_posix(), row["code"], row["message"], line_text.strip()))
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        issues.append({
            "description": f"{row['code']}: {_message(row)}", "check_name": row["code"], "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITIES.get(row["severity"], "info"),
            "location": {"path": path.as_posix(), "lines": {"begin": row["line"], "end": row["end_line"]}},
        })
    return json.dumps(issues, indent=2) + "\n"


def _uri(path: str) -> str:
    pure = PurePath(path)
    return Path(path).as_uri() if pure.is_absolute() else pure.as_posix()


def _region(row: dict) -> dict:
    region = {"startLine": row["line"], "startColumn": row["column"]}
    if "end_line" in row:
        region.update(endLine=row["end_line"], endColumn=row["end_column"])
    return region


def _location(row: dict) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(row["path"])}, "region": _region(row)}}


def sarif(rows: list[dict]) -> str:
    """A SARIF 2.1.0 log: one run, a rule per known code, fixes as replacements."""
    codes = list(CODES) + sorted({row["code"] for row in rows} - set(CODES))
    rules = [{"id": code, "name": name(code) or code,
              "shortDescription": {"text": CODES.get(code, ("", code))[1]},
              "helpUri": f"{HOME}#{code.lower()}"} for code in codes]
    results = []
    for row in rows:
        result = {"ruleId": row["code"], "ruleIndex": codes.index(row["code"]),
                  "level": SARIF_LEVELS.get(row["severity"], "note"),
                  "message": {"text": _message(row)}, "locations": [_location(row)]}
        if row["related"]:
            result["relatedLocations"] = [{"id": index, **_location(related), "message": {"text": related["message"]}}
                                          for index, related in enumerate(row["related"])]
        if row["fixes"]:
            result["fixes"] = [{"description": {"text": fix["title"]}, "artifactChanges": [
                {"artifactLocation": {"uri": _uri(path)},
                 "replacements": [{"deletedRegion": _region(edit), "insertedContent": {"text": edit["new_text"]}}
                                  for edit in fix["edits"] if edit["path"] == path]}
                for path in dict.fromkeys(edit["path"] for edit in fix["edits"])]} for fix in row["fixes"]]
        results.append(result)
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "shapelens", "version": __version__, "informationUri": HOME,
                                         "rules": rules}},
                     "columnKind": "unicodeCodePoints", "results": results}]}
    return json.dumps(log, indent=2) + "\n"


def junit(rows: list[dict], paths: list[str]) -> str:
    """JUnit XML: a test suite per checked file, a failed test case per diagnostic, and one passing
    test case for a file without any."""
    suites = ET.Element("testsuites", name="shapelens", tests="0", failures="0")
    by_path: dict[str, list[dict]] = {path: [] for path in paths}
    for row in rows:
        by_path.setdefault(row["path"], []).append(row)
    for path, found in by_path.items():
        suite = ET.SubElement(suites, "testsuite", name=path, tests=str(max(len(found), 1)),
                              failures=str(len(found)), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", name="No problems found", classname=path)
        for row in found:
            place = f"cell {row['cell']}, " if "cell" in row else ""
            case = ET.SubElement(suite, "testcase", name=f"{row['code']} {name(row['code'])}".strip(),
                                 classname=path, file=path, line=str(row["line"]))
            failure = ET.SubElement(case, "failure", type=row["code"], message=row["message"])
            failure.text = f"{place}line {row['line']}, column {row['column']}: {row['severity']}: {row['message']}"
    suites.set("tests", str(sum(int(suite.get("tests")) for suite in suites)))
    suites.set("failures", str(len(rows)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def statistics(rows: list[dict]) -> str:
    """How many diagnostics of each code, most frequent first: `count  code  name`."""
    counts = Counter(row["code"] for row in rows).most_common()
    width = max((len(str(count)) for _, count in counts), default=1)
    return "".join(f"{count:>{width}}\t{code}\t{name(code)}\n" for code, count in counts)


def statistics_json(rows: list[dict]) -> str:
    counts = Counter(row["code"] for row in rows).most_common()
    return json.dumps([{"code": code, "name": name(code), "count": count} for code, count in counts], indent=2) + "\n"
