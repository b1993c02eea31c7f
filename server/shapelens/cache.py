"""Results of `shapelens check` kept by content, in `.shapelens_cache/` at the project root.

An entry belongs to one file checked one way. It is used again only when everything the result
depends on is unchanged: the file's bytes, what the file is checked under (the Keras version, whether
data files are read and Keras may be imported, the folder relative paths start from), Shape Lens
itself (a digest of its own source), and every other file the analysis read, each as it was then
(workspace modules and small data files by content, large files and folders by size and time), and
the modules it imports that had no file then (beside it or at the root; not through jedi).
The engine's report is kept but for what `check` does not show (the values, the model graphs);
select/ignore/hints are applied after, so they never invalidate.
Entries are JSON, never pickles: a cache folder that came with a repository is only data."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable

from .engine import Diagnostic, Fix, Related, Report, Severity, Span, TextEdit

FOLDER = ".shapelens_cache"
HASHED_BYTES = 1 << 20  # files up to this size are compared by content, larger ones by size and time
# Marks the folder as a cache for backup tools (https://bford.info/cachedir/).
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by Shape Lens.\n"


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder / _own_digest()[:16]
        self._fingerprints: dict[str, Any] = {}  # per run: a module many files import is hashed once
        self._prepared = False  # the folder exists

    def get(self, path: Path, text: str, how: str,
            found: Callable[[str], bool] = lambda module: False) -> Report | None:
        """The kept report, unless something it depends on changed; `found`: whether a module
        the file imports, which no file was found for then, has one now."""
        try:
            entry = json.loads(self._entry(path, how).read_text(encoding="utf-8"))
            if entry["source"] != _digest(text.encode()) or any(
                    self._fingerprint(read) != fingerprint for read, fingerprint in entry["reads"]) or any(
                    found(module) for module in entry["missing"]):
                return None
            return _report(entry["report"], str(path))
        except (OSError, ValueError, KeyError, TypeError):  # missing, or not an entry of ours
            return None

    def put(self, path: Path, text: str, how: str, report: Report) -> None:
        if report.partial:  # out of time: another run may get further
            return
        entry = {"source": _digest(text.encode()), "reads": [[read, self._fingerprint(read)] for read in report.reads],
                 "missing": list(report.not_found), "report": _json(report)}
        try:
            self._prepare()
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, delete=False) as file:
                json.dump(entry, file)
            os.replace(file.name, self._entry(path, how))
        except OSError:  # a read-only project is checked all the same
            pass

    def _entry(self, path: Path, how: str) -> Path:
        return self.folder / (_digest(f"{os.path.abspath(path)}\0{how}".encode()) + ".json")

    def _prepare(self) -> None:
        top = self.folder.parent
        if not self._prepared and not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (top / ".gitignore").write_text("# Created by Shape Lens\n*\n", encoding="utf-8")
            (top / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")
        self._prepared = True

    def _fingerprint(self, path: str) -> Any:
        if path not in self._fingerprints:
            self._fingerprints[path] = _fingerprint(path)
        return self._fingerprints[path]


def _fingerprint(path: str) -> Any:
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size <= HASHED_BYTES:
            with open(path, "rb") as file:
                return _digest(file.read())
        return [info.st_mode, info.st_size, info.st_mtime_ns]
    except OSError:
        return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def _own_digest() -> str:
    """A digest of Shape Lens's own source: any change to the checker starts a new cache."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# ---- reports as JSON ---------------------------------------------------------------------------

def _json(report: Report) -> dict:
    return {"reads": list(report.reads), "not_found": list(report.not_found), "diagnostics": [{
        "span": _span(d.span), "code": d.code, "message": d.message, "severity": d.severity.value,
        "related": [[_span(r.span), r.message, r.path] for r in d.related],
        "fixes": [{"title": f.title, "edits": [[_span(e.span), e.new_text] for e in f.edits],
                   "preferred": f.preferred, "kind": f.kind, "speculative": f.speculative} for f in d.fixes],
        "expected": d.expected, "actual": d.actual} for d in report.diagnostics]}


def _report(data: dict, path: str) -> Report:
    return Report(path, [Diagnostic(
        Span(*d["span"]), d["code"], d["message"], Severity(d["severity"]),
        [Related(Span(*span), message, where) for span, message, where in d["related"]],
        [Fix(f["title"], tuple(TextEdit(Span(*span), text) for span, text in f["edits"]), f["preferred"], f["kind"],
             f["speculative"]) for f in d["fixes"]],
        d["expected"], d["actual"]) for d in data["diagnostics"]], reads=tuple(data["reads"]),
        not_found=tuple(data["not_found"]))


def _span(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]
