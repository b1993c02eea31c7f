"""Hover text: what the engine found at a position, as short Markdown."""
from __future__ import annotations

import re
from typing import Callable

from ..engine import Diagnostic, Related, Report, Span, ValueInfo

# A shape as the engine writes it: (None, 28, 28, 3), (5,), ().
_SHAPE = re.compile(r"\((?:(?:None|-?\d+), )*(?:None|-?\d+)?,?\)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def line_of(related: Related) -> str:
    return f"line {related.span.line + 1}"


def hover(report: Report, line: int, column: int,
          where: Callable[[Related], str] = line_of) -> tuple[Span, str] | None:
    """The innermost span at (line, column) with its Markdown; a diagnostic wins over a value with
    the same span, and all items sharing that span are shown. `where` names a related place."""
    items: list[Diagnostic | ValueInfo] = [
        *(d for d in report.diagnostics if d.span.contains(line, column)),
        *(v for v in report.values if v.span.contains(line, column)),
    ]
    if not items:
        return None
    span = min((item.span for item in items), key=_extent)
    parts = [_diagnostic(i, where) if isinstance(i, Diagnostic) else _value(i) for i in items if i.span == span]
    return span, "\n\n---\n\n".join(parts)


def _extent(span: Span) -> tuple[int, int]:
    return span.end_line - span.line, span.end_column - span.column


def _value(value: ValueInfo) -> str:
    text = _heading(value.summary)
    if value.kind == "model" and value.detail:
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", value.detail)), default=0))
        text += f"\n\n{fence}text\n{value.detail}\n{fence}"
    elif value.detail:
        text += f"\n\n{_markdown(value.detail)}"
    return text


def _heading(summary: str) -> str:
    """"Conv2D · input (…) → output (…)" → "**Conv2D** · input `(…)` → output `(…)`"; a summary
    without " · " has its first word in bold ("**Tensor** `(1, 28)` float32")."""
    head, separator, rest = summary.partition(" · ")
    if not separator:
        head, separator, rest = summary.partition(" ")
    return f"**{_markdown(head)}**{separator}{_markdown(rest)}"


def _diagnostic(d: Diagnostic, where: Callable[[Related], str]) -> str:
    lines = [f"**{d.code}**"]
    if d.expected and d.actual:
        lines += ["", "| expected | actual |", "| --- | --- |", f"| {_markdown(d.expected)} | {_markdown(d.actual)} |"]
    else:
        lines += ["", _markdown(d.message)]
    if d.related:
        lines.append("")
        lines += [f"- {where(r)}: {_markdown(r.message)}" for r in d.related]
    return "\n".join(lines)


def _markdown(text: str) -> str:
    """Engine text as Markdown: shapes as code, special characters escaped, and the code spans the
    engine already wrote (`input_tensor`) kept as they are."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: nothing is code
        pieces = [text]
    for i in range(0, len(pieces), 2):
        pieces[i] = _SHAPE.sub(lambda m: f"`{m.group()}`", _MARKDOWN_SPECIAL.sub(r"\\\1", pieces[i]))
    return "`".join(pieces)
