"""Inlay hints: the output shape after each layer and at the end of each tensor assignment."""
from __future__ import annotations

from lsprotocol import types

from ..engine import Report
from .convert import Lines


def inlay_hints(report: Report, lines: Lines, requested: types.Range) -> list[types.InlayHint]:
    hints: list[types.InlayHint] = []
    # Layers first: `x = Conv2D(...)(x)` would otherwise show the same shape twice on its line.
    for value in sorted(report.values, key=lambda v: v.kind != "layer"):
        if value.shape is None or value.kind not in ("layer", "tensor"):
            continue
        span = value.span
        position = (lines.position(span.end_line, span.end_column) if value.kind == "layer"
                    else lines.line_end(span.end_line))
        label = f"→ {tuple(value.shape)!r}"
        if value.kind == "tensor" and any(h.position.line == position.line and h.label == label for h in hints):
            continue
        hints.append(types.InlayHint(position, label, kind=types.InlayHintKind.Type, padding_left=True))
    return sorted((h for h in hints if _within(h.position, requested)),
                  key=lambda h: (h.position.line, h.position.character))


def _within(position: types.Position, requested: types.Range) -> bool:
    at = (position.line, position.character)
    return (requested.start.line, requested.start.character) <= at <= (requested.end.line, requested.end.character)
