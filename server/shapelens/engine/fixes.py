"""Quick-fix builders: minimal text edits that keep the user's formatting."""
from __future__ import annotations

import ast

from .report import Fix, Span, TextEdit
from .source import Source


def remove_first_element(source: Source, sequence: ast.Tuple | ast.List, title: str) -> Fix | None:
    """(32, 28, 28, 3) → (28, 28, 3): delete the first element and the separator after it."""
    if len(sequence.elts) < 2:
        return None
    first, second = source.span(sequence.elts[0]), source.span(sequence.elts[1])
    edit = TextEdit(Span(first.line, first.column, second.line, second.column), "")
    return Fix(title, (edit,), preferred=True)


def replace_element(source: Source, sequence: ast.Tuple | ast.List, index: int, text: str, title: str,
                    preferred: bool = False) -> Fix | None:
    if not 0 <= index < len(sequence.elts):
        return None
    return Fix(title, (TextEdit(source.span(sequence.elts[index]), text),), preferred=preferred)


def replace_keyword(source: Source, keyword: ast.keyword, text: str, title: str) -> Fix:
    """Replace a whole `name=value` argument."""
    return Fix(title, (TextEdit(source.span(keyword), text),), preferred=True)


def apply_edits(text: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> str:
    """The text after the edits (non-overlapping, positions in the original text)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return offsets[min(line, len(lines))] + column

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        start = offset(edit.span.line, edit.span.column)
        end = offset(edit.span.end_line, edit.span.end_column)
        text = text[:start] + edit.new_text + text[end:]
    return text
