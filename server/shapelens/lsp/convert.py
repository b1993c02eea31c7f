"""Engine positions ↔ LSP positions, and the engine's diagnostics → LSP diagnostics.

The engine counts columns in code points; LSP counts them in units of the position encoding agreed
at initialisation (UTF-16 unless the client offers UTF-8 or UTF-32). Lines are split where LSP and
Python split them (\\r\\n, \\r, \\n), not where str.splitlines does (it also breaks at form feeds
and U+2028, which would shift every following line).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls import uris

from ..engine import Diagnostic, Fix, Related, Report, Severity, Span

SOURCE = "shapelens"
DOCS = "https://github.com/shapelens/shapelens"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}
_JSON = get_converter()


def units(text: str, encoding: str) -> int:
    """The length of `text` in the code units of `encoding`."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """One version of a document's text, for converting positions in both directions."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.text = text
        self.lines = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)  # the first: faster
        self.encoding = encoding

    @functools.cached_property
    def starts(self) -> list[int]:
        """Each line's offset in the text (for edits given by offsets: rarely needed)."""
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, line: int, column: int) -> types.Position:
        """Engine (line, code-point column) → LSP position; past the end clamps to the end."""
        if line >= len(self.lines):
            line, column = len(self.lines) - 1, len(self.lines[-1])
        return types.Position(line, units(self.lines[line][:column], self.encoding))

    def offset_position(self, offset: int) -> types.Position:
        """A character offset in the text → LSP position."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return self.position(line, offset - self.starts[line])

    def range(self, span: Span) -> types.Range:
        return types.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def line_end(self, line: int) -> types.Position:
        """The end of a line's text, trailing blanks excluded."""
        line = min(line, len(self.lines) - 1)
        return types.Position(line, units(self.lines[line].rstrip(), self.encoding))

    def engine_position(self, position: types.Position) -> tuple[int, int]:
        """LSP position → engine (line, code-point column). A column inside a character (half of a
        surrogate pair, a byte inside a UTF-8 sequence) rounds up to the next character."""
        if position.line >= len(self.lines):
            return len(self.lines) - 1, len(self.lines[-1])
        text = self.lines[position.line]
        counted = 0
        for column, character in enumerate(text):
            if counted >= position.character:
                return position.line, column
            counted += units(character, self.encoding)
        return position.line, len(text)

    def offset(self, position: types.Position) -> int:
        """LSP position → index into the text."""
        line, column = self.engine_position(position)
        return self.starts[line] + column


def edited(text: str, change: types.TextDocumentContentChangeEvent, encoding: str) -> str:
    """`text` after one change as clients send it: ranged, or the whole new text."""
    if isinstance(change, types.TextDocumentContentChangeWholeDocument):
        return change.text
    lines = Lines(text, encoding)
    return text[:lines.offset(change.range.start)] + change.text + text[lines.offset(change.range.end):]


def diagnostics(report: Report, lines: Lines, uri: str, version: int | None) -> list[types.Diagnostic]:
    return [diagnostic(d, lines, uri, version) for d in report.diagnostics]


def diagnostic(d: Diagnostic, lines: Lines, uri: str, version: int | None) -> types.Diagnostic:
    # The fixes travel in `data`, already in client units and stamped with the document version they
    # apply to, so a code action request needs neither the report nor the text of that version.
    return lsp_diagnostic(
        d, lines.range(d.span),
        [types.DiagnosticRelatedInformation(
            types.Location(uri, lines.range(r.span)) if r.path is None else elsewhere(r, uri), r.message)
         for r in d.related],
        {"version": version, "fixes": [fix_data(f, lines) for f in d.fixes]} if d.fixes else None)


def lsp_diagnostic(d: Diagnostic, at: types.Range, related: list[types.DiagnosticRelatedInformation],
                   data: dict[str, Any] | None) -> types.Diagnostic:
    """The LSP diagnostic of `d`, given where it and its related places are for the client."""
    return types.Diagnostic(
        range=at,
        message=d.message,
        severity=_SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=f"{DOCS}#{d.code.lower()}"),
        source=SOURCE,
        related_information=related or None,
        data=data,
    )


def elsewhere(related: Related, uri: str) -> types.Location:
    """A related place in another file; its columns are taken as they are (its text is not at
    hand, and its lines are rarely beyond ASCII)."""
    span = related.span
    return types.Location(uris.from_fs_path(related.path) or uri, types.Range(
        types.Position(span.line, span.column), types.Position(span.end_line, span.end_column)))


def fix_data(fix: Fix, lines: Lines) -> dict[str, Any]:
    return {**fix_summary(fix), "edits": [edit_data(lines.range(e.span), e.new_text) for e in fix.edits]}


def fix_summary(fix: Fix) -> dict[str, Any]:
    return {"title": fix.title, "kind": fix.kind, "preferred": fix.preferred}


def range_data(at: types.Range) -> dict[str, Any]:
    return _JSON.unstructure(at)


def edit_data(at: types.Range, new_text: str) -> dict[str, Any]:
    return _JSON.unstructure(types.TextEdit(at, new_text))


def text_edits(fix: dict[str, Any]) -> list[types.TextEdit]:
    """The edits of a fix carried in a diagnostic's `data`."""
    return [_JSON.structure(edit, types.TextEdit) for edit in fix["edits"]]
