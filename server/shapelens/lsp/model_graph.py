"""The model graph view: `shapelens/modelGraph` (the graphs of a document as `shapelens graph --format
json` writes them, with LSP positions) and a "Show graph" code lens above each model."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from .. import graphs
from ..engine import Report, Span
from .convert import Lines, range_data

REQUEST = "shapelens/modelGraph"
COMMAND = "shapelens.showGraph"


def model_graph(report: Report, lines: Lines, uri: str, version: int, line: int | None) -> dict[str, Any]:
    """{uri, version, graphs, selected}: `selected` is the index of the graph `line` picks (as
    `shapelens graph --line` picks it), null without a line or a graph. Locations are {range}."""
    def place(span: Span) -> dict:
        return {"range": range_data(lines.range(span))}

    found = report.graphs
    picked = graphs.at_line(found, line) if line is not None else []
    return {"uri": uri, "version": version, "graphs": [graphs.graph_json(g, place) for g in found],
            "selected": next((i for i, g in enumerate(found) if picked and g is picked[0]), None)}


def code_lenses(report: Report, lines: Lines, uri: str) -> list[types.CodeLens]:
    """ "Show graph" at the start of each model's definition; its command takes (uri, 0-based line)."""
    lenses = []
    for graph in report.graphs:
        if graph.span is not None:
            start = lines.position(graph.span.line, graph.span.column)
            lenses.append(types.CodeLens(types.Range(start, start),
                                         types.Command("Show graph", COMMAND, arguments=[uri, graph.span.line])))
    return lenses
