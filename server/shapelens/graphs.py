"""`shapelens graph`: the model graphs of a report as Graphviz DOT or JSON, and the one a line picks."""
from __future__ import annotations

import json
from typing import Callable

from .engine.params import format_shapes
from .engine.report import GraphEdge, GraphNode, ModelGraph, Span

Place = Callable[[Span], dict]  # a span's 1-based position fields (the CLI's `located`)
ERROR_COLOUR = "#d32f2f"


def at_line(graphs: list[ModelGraph], line: int) -> list[ModelGraph]:
    """The model made at a 0-based line (the innermost one), else the one a layer on that line belongs
    to, else the one made nearest to it."""
    def holds(span: Span | None) -> bool:
        return span is not None and span.line <= line <= span.end_line

    made = [g for g in graphs if holds(g.span)]
    if made:
        return [min(made, key=lambda g: g.span.end_line - g.span.line)]
    layered = [g for g in graphs if any(holds(n.span) for n in g.nodes)]
    if layered:
        return layered[:1]
    placed = [g for g in graphs if g.span is not None]
    return [min(placed, key=lambda g: abs(g.span.line - line))] if placed else graphs[:1]


def graph_json(graph: ModelGraph, place: Place) -> dict:
    def node(n: GraphNode) -> dict:
        return {"id": n.id, "name": n.name, "class": n.kind, "shape": n.shape, "params": n.params,
                "input": n.input, "output": n.output, "location": place(n.span) if n.span else None,
                "graph": graph_json(n.graph, place) if n.graph else None}

    def edge(e: GraphEdge) -> dict:
        return {"from": e.source, "to": e.target, "shape": e.shape, "error": e.error}

    return {"name": graph.name, "class": graph.kind, "location": place(graph.span) if graph.span else None,
            "nodes": [node(n) for n in graph.nodes], "edges": [edge(e) for e in graph.edges],
            "errors": [{"code": e.code, "message": e.message, **place(e.span)} for e in graph.errors]}


def as_json(path: str, graphs: list[ModelGraph], place: Place) -> str:
    return json.dumps({"path": path, "graphs": [graph_json(g, place) for g in graphs]}, indent=2) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attributes(**values: str) -> str:
    return "[" + ", ".join(f"{key}={_quoted(value)}" for key, value in values.items()) + "]"


def as_dot(graphs: list[ModelGraph]) -> str:
    """One digraph, a cluster per model; node ids are prefixed by the model's place in the list."""
    lines = ["digraph shapelens {", "  rankdir=TB;",
             '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for number, graph in enumerate(graphs):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={_quoted(f'{graph.name} ({graph.kind})')};")
        for node in graph.nodes:
            lines.append(f"    g{number}_{node.id} {_attributes(**_node_style(node))};")
        for edge in graph.edges:
            style = {"label": edge.error, "color": ERROR_COLOUR, "fontcolor": ERROR_COLOUR, "penwidth": "2"} \
                if edge.error else {"label": format_shapes(edge.shape)}
            lines.append(f"    g{number}_{edge.source} -> g{number}_{edge.target} {_attributes(**style)};")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_style(node: GraphNode) -> dict[str, str]:
    label = f"{node.name}\n{node.kind}\n{format_shapes(node.shape)}"
    if node.params:
        label += f"\n{node.params:,} params"
    if node.graph is not None:
        count = sum(n.kind != "InputLayer" for n in node.graph.nodes)
        label += f"\n{count} layer{'s' * (count != 1)} inside"
    style = {"label": label}
    if node.kind == "Data":
        style.update(shape="note")
    elif node.input:
        style.update(shape="invhouse")
    elif node.output:
        style.update(shape="house")
    if node.graph is not None:
        style.update(shape="box3d")
    return style
