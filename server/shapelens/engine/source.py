"""Source text and positions: AST nodes → character spans, and text snippets for messages."""
from __future__ import annotations

import ast
import gc
import re

from .report import Span


def parse(text: str, path: str = "<unknown>") -> ast.Module:
    """ast.parse with the cyclic garbage collector paused: a syntax tree holds no reference cycles,
    and collections while its nodes are made scan the whole heap again and again (a large file
    parsed in a process holding much was several times slower)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(text, filename=path)
    finally:
        if paused:
            gc.enable()


def first_line(statement: ast.AST) -> int:
    """A statement's first line, 1-based: its decorators' for a definition."""
    decorators = getattr(statement, "decorator_list", None)
    return min(statement.lineno, *(d.lineno for d in decorators)) if decorators else statement.lineno


_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines also ends lines


class Source:
    def __init__(self, text: str):
        self.text = text
        # Python and editors end lines only at \r\n, \r and \n (str.splitlines also splits at
        # form feeds and Unicode separators, which would shift every later position: it is used,
        # being several times faster, only for texts without them).
        if not any(c in text for c in _OTHER_BREAKS):  # a substring test each: faster than one regex
            self.lines = text.splitlines(keepends=True) or [""]
        else:
            self.lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text) or [""]
        self._encoded: dict[int, bytes] = {}

    def _column(self, line_index: int, byte_offset: int) -> int:
        """ast columns count UTF-8 bytes; editors count characters."""
        if line_index >= len(self.lines):
            return byte_offset
        raw = self._encoded.get(line_index)
        if raw is None:
            raw = self._encoded[line_index] = self.lines[line_index].encode("utf-8")
        return len(raw[:byte_offset].decode("utf-8", errors="replace"))

    def span(self, node: ast.AST) -> Span:
        line = node.lineno - 1
        end_line = (node.end_lineno or node.lineno) - 1
        end_offset = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return Span(line, self._column(line, node.col_offset), end_line, self._column(end_line, end_offset))

    def snippet(self, node: ast.AST, limit: int = 60) -> str:
        # Not ast.get_source_segment: it splits the whole text again on every call (seconds per
        # snippet in a 100k-line file).
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        if node.end_col_offset is None or last >= len(self.lines):
            return ""
        raw = "".join(self.lines[first:last + 1]).encode("utf-8")
        end = len(raw) - len(self.lines[last].encode("utf-8")) + node.end_col_offset
        text = raw[node.col_offset:end].decode("utf-8", errors="replace")
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"
