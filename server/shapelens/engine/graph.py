"""The model graphs of a file: each model it defines as its layers and the tensors between them, with
their shapes, and the place where Keras raises marked on the edge that carries the wrong shape.

Built at the end of one analysis from the objects it left (models, the module's names, the uses of
models), never by running anything again: the same graphs whether statements ran or were replayed.
"""
from __future__ import annotations

import ast
import bisect
import re
from typing import Any, Iterator

from .modules import module_of
from .params import count_params
from .report import Diagnostic, GraphEdge, GraphError, GraphNode, ModelGraph, Severity, Span
from .values import Layer, Model, Tensor, format_shape

# The model methods that feed it data: x is their first argument, y (labels) their second.
_FEEDS = {"fit": True, "evaluate": True, "train_on_batch": True, "test_on_batch": True,
          "predict": False, "predict_on_batch": False}
# What Keras's messages say a layer expects: "expected min_ndim=4, found ndim=2".
_EXPECTED = re.compile(r"expected (.+?),? (?:but )?(?:found|received|got)\b")
# The layer Keras names as the one that raises: "Input 0 of layer "dense" is incompatible ...".
_LAYER = re.compile(r"of layer ['\"]([^'\"]+)['\"]")
# A functional model's input refusing data names both shapes (of the input it names, in a multi-input model).
_INPUT_SHAPES = re.compile(r"expected shape=(\([^)]*\)), found shape=(\([^)]*\))")
# analyse(graphs=PLACES): each graph's name, class and place only, without its nodes and edges (what
# code lenses need, at a fraction of the cost of drawing them).
PLACES = "places"


def model_graphs(interp: Any, diagnostics: list[Diagnostic], draw: bool = True) -> list[ModelGraph]:
    """The graphs of the models the file makes, in the order they are made; without `draw`, the same
    graphs without their nodes and edges."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    fed = _fed(interp, errors) if errors and draw else {}
    graphs = []
    for model in _models(interp):
        build = _Build(interp)
        graph = build.graph(model, errors, fed.get(id(model), []), draw)
        if graph is not None:
            graphs.append(graph)
    return sorted(graphs, key=lambda g: g.span.order() if g.span else (-1,))


def _models(interp: Any) -> list[Model]:
    """The models bound to a module name or used by name, and those made elsewhere that no other model
    holds (a builder's model used inline)."""
    named: dict[int, Model] = {}
    for value in dict.values(interp.frames[0].env) if interp.frames else ():
        if isinstance(value, Model):
            named.setdefault(id(value), value)
    for name, model in interp.model_uses:
        if module_of(name) is None:
            named.setdefault(id(model), model)
    made = {id(m): m for m in interp.models if id(m) not in named}
    held = {id(item) for m in [*named.values(), *made.values()] for item in m.layers if isinstance(item, Model)}
    found = list(named.values()) + [m for key, m in made.items() if key not in held]
    return [m for m in found if module_of(m.node) is None or m.made_at is not None]  # made by this file


def _fed(interp: Any, errors: list[Diagnostic]) -> dict[int, list[tuple[ast.AST, bool, Diagnostic]]]:
    """For each model, the data given to a call, fit, evaluate or predict that Keras refuses: (the
    argument, whether it is the labels, the error reported there). Only the statements holding errors
    are read."""
    uses = {id(name): model for name, model in interp.model_uses}
    found: dict[int, list] = {}
    for diagnostic in errors:
        for call in _nodes_at(interp, diagnostic.span):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            if isinstance(func, ast.Name) and id(func) in uses:
                model, arguments = uses[id(func)], [(_argument(call, "inputs", 0), False)]
            elif (isinstance(func, ast.Attribute) and id(func.value) in uses and func.attr in _FEEDS):
                model, arguments = uses[id(func.value)], [(_argument(call, "x", 0), False)]
                if _FEEDS[func.attr]:
                    arguments.append((_argument(call, "y", 1), True))
                validation = _argument(call, "validation_data", 7) if func.attr == "fit" else None
                if isinstance(validation, (ast.Tuple, ast.List)) and len(validation.elts) >= 2:
                    arguments += [(validation.elts[0], False), (validation.elts[1], True)]
            else:
                continue
            for node, labels in arguments:
                if node is not None and interp.span(node) == diagnostic.span:
                    found.setdefault(id(model), []).append((node, labels, diagnostic))
    return found


def _nodes_at(interp: Any, span: Span) -> Iterator[ast.AST]:
    """The nodes of the top-level statement of the analysed file that holds `span`."""
    body = interp.tree.body if interp.tree is not None else []
    index = bisect.bisect_left([stmt.end_lineno for stmt in body], span.line + 1)
    if index < len(body) and body[index].lineno <= span.line + 1:
        yield from ast.walk(body[index])


def _raised_in(node: ast.AST | None, diagnostic: Diagnostic, interp: Any) -> bool:
    """Whether the error is reported within this node: in the analysed file, or in another file that
    the error reported at a call here says it was raised in."""
    if node is None:
        return False
    module = module_of(node)
    path = module.path if module is not None else None
    where = module.source.span(node) if module is not None else interp.span(node)
    places = [(None, diagnostic.span)] + [(r.path, r.span) for r in diagnostic.related if r.message == "raised here"]
    return any(at == path and where.contains(span.line, span.column) and where.contains(span.end_line, span.end_column)
               for at, span in places)


def _argument(call: ast.Call, keyword: str, position: int) -> ast.AST | None:
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _shape_of(text: str | None) -> tuple | None:
    """The shape a diagnostic's "(1, 28, 28, 3) — `x`, line 5" starts with."""
    try:
        shape = ast.literal_eval(text.split(" — ")[0]) if text else None
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return shape if isinstance(shape, tuple) else None


def _label(diagnostic: Diagnostic, got: str) -> str:
    """"expected (None, 28, 28, 1) · got (1, 28, 28, 3)"; "got …" alone when the error names no expectation."""
    expected = diagnostic.expected.split(" — ")[0] if diagnostic.expected else None
    if expected is None:
        match = _EXPECTED.search(diagnostic.message)
        expected = match.group(1) if match else None
    return f"expected {expected} · got {got}" if expected else f"got {got}"


class _Build:
    """One model's graph; nested models get their own, each drawn once however deep."""

    def __init__(self, interp: Any, inside: frozenset = frozenset()):
        self.interp = interp
        self.inside = inside  # the models being drawn around this one (a model holding itself stops there)
        self.nodes: list[dict] = []
        self.edges: list[GraphEdge] = []

    def span(self, node: ast.AST | None) -> Span | None:
        return self.interp.span(node) if node is not None and module_of(node) is None else None

    def node(self, name: str, kind: str, shape: Any, span: Span | None, params: int | None = None,
             graph: ModelGraph | None = None, **marks: bool) -> dict:
        fields = dict(id=f"n{len(self.nodes)}", name=name, kind=kind, shape=shape, params=params, span=span,
                      graph=graph, input=False, output=False)
        fields.update(marks)
        self.nodes.append(fields)
        return fields

    def graph(self, model: Model, errors: list[Diagnostic] = (), fed: list = (),
              draw: bool = True) -> ModelGraph | None:
        marked: list[Diagnostic] = []
        if model.refused is not None:
            if not self.refused(model, errors, marked):
                return None
        elif model.poisoned:  # Keras refused to build it, else changed where the engine could not follow
            if not (model.kind == "Sequential" and self.sequential_error(model, errors, marked)):
                return None
        elif model.runner is None and model.kind != "Sequential" and model.graph is None and (
                model.kind == "Functional" or not model.inputs):
            return None  # a functional model the engine did not follow
        elif draw:
            self.layers(model)
        site = model.node if module_of(model.node) is None else model.made_at
        name = f"up to {model.name}" if model.refused is not None else model.name
        if not draw:
            return ModelGraph(name, model.kind, self.span(site), (), ())
        for node, labels, diagnostic in fed:
            self.data(node, labels, diagnostic, model.name)
            marked.append(diagnostic)
        return ModelGraph(name, model.kind, self.span(site), tuple(GraphNode(**n) for n in self.nodes),
                          tuple(self.edges), tuple(GraphError(d.code, d.message, d.span) for d in marked))

    def layers(self, model: Model) -> None:
        if model.runner is not None:
            self.subclassed(model)
        elif model.kind == "Sequential":
            self.sequential(model)
        elif model.graph is not None:
            self.functional(model)
        else:  # a keras.applications backbone: one node
            first = self.node(model.input_names[0] or "input_layer", "InputLayer", model.inputs[0],
                              self.span(model.input_nodes[0]), 0, input=True)
            backbone = self.node(model.name, model.kind, model.outputs[0] if model.outputs else None,
                                 self.span(model.node), output=True)
            self.edges.append(GraphEdge(first["id"], backbone["id"], model.inputs[0]))

    def item(self, item: Any, shape_in: Any, shape_out: Any, **marks: bool) -> dict:
        """The node of a layer or a nested model."""
        if isinstance(item, Model):
            inner = None if id(item) in self.inside else \
                _Build(self.interp, self.inside | {id(item)}).graph(item)
            counts = [n.params for n in inner.nodes] if inner is not None else [None]
            params = sum(counts) if None not in counts else None
            return self.node(item.name, item.kind, shape_out, self.span(item.node), params, inner, **marks)
        return self.node(item.name, item.kind, shape_out, self.span(item.node),
                         count_params(item, shape_in) if shape_in is not None else None, **marks)

    def sequential(self, model: Model) -> None:
        # Built by its first call, it holds that data's batch size: the model's own batch axis is free.
        batch = _unbatched if model.built_by_data else _same
        shape, previous = (batch(model.inputs[0]) if model.inputs else None), None
        if model.inputs:
            previous = self.node(model.input_names[0] or "input_layer", "InputLayer", shape,
                                 self.span(model.input_nodes[0]), 0, input=True)
        for index, item in enumerate(model.layers):
            output = batch(model.layer_outputs[index]) if index < len(model.layer_outputs) else None
            node = self.item(item, shape, output, input=previous is None, output=index == len(model.layers) - 1)
            if previous is not None:
                self.edges.append(GraphEdge(previous["id"], node["id"], shape))
            previous, shape = node, output

    def sequential_error(self, model: Model, errors: list[Diagnostic], marked: list[Diagnostic]) -> bool:
        """A Sequential Keras refuses to build: the edge into the layer that raises (whose constructor
        holds the error) carries the shape it refuses."""
        for index, item in enumerate(model.layers):
            failed = next((d for d in errors if isinstance(item, Layer) and _raised_in(item.node, d, self.interp)),
                          None)
            if failed is None:
                continue
            self.sequential(model)
            if not self.raises_in(self.nodes[index + bool(model.inputs)], failed):
                return False
            marked.append(failed)
            return True
        return False

    def raises_in(self, node: dict, diagnostic: Diagnostic) -> bool:
        """Mark the edges into the node of the layer that raises; whether it has any whose shape is known."""
        into = [i for i, e in enumerate(self.edges) if e.target == node["id"] and e.shape is not None]
        for i in into:
            edge = self.edges[i]
            self.edges[i] = GraphEdge(edge.source, edge.target, edge.shape,
                                      _label(diagnostic, format_shape(edge.shape)))
        node["params"] = None  # counted for a shape it refuses
        return bool(into)

    def raising_layer(self, diagnostic: Diagnostic, model: str) -> dict | None:
        """The node of the layer Keras names as raising, when data gets past the model's inputs and a
        layer further on refuses what reaches it."""
        named = _LAYER.search(diagnostic.message)
        if named is None or named.group(1) == model:
            return None
        by_id = {n["id"]: n for n in self.nodes}
        layer = next((n for n in self.nodes if n["name"] == named.group(1) and n["kind"] not in ("Data", "InputLayer")),
                     None)
        first = {e.target for e in self.edges if by_id[e.source]["input"]}
        return layer if layer is not None and layer["id"] not in first else None

    def functional(self, model: Model) -> None:
        inputs, outputs = model.graph
        ids = self.tensors(inputs, outputs)
        for tensor in outputs:
            self.source(tensor, ids)["output"] = True

    def refused(self, model: Model, errors: list[Diagnostic], marked: list[Diagnostic]) -> bool:
        """The layers up to a call Keras refuses while a functional model is put together, and the edges
        into that call, which carry its error."""
        layer, data, reported = model.refused
        where = self.span(reported) or self.span(model.made_at)
        diagnostic = next((d for d in errors if d.span == where), None)
        if diagnostic is None:
            return False
        marked.append(diagnostic)
        tensors = list(data) if isinstance(data, (list, tuple)) else [data]
        ids = self.tensors(_inputs(tensors), tensors)
        node = self.item(layer, None, None)
        for tensor in tensors:
            self.edges.append(GraphEdge(self.source(tensor, ids)["id"], node["id"], tensor.shape,
                                        _label(diagnostic, format_shape(tensor.shape))))
        return True

    def tensors(self, inputs: list[Tensor], outputs: list[Tensor]) -> dict[int, dict]:
        """The nodes and edges between input and output tensors; returns the node of each input tensor
        and of each layer (or model) that made one, by id."""
        ids: dict[int, dict] = {}  # input tensors and the layers (or models) that made tensors → their nodes
        for tensor in inputs:
            ids[id(tensor)] = self.node(tensor.input_name or "input_layer", "InputLayer", tensor.shape,
                                        self.span(tensor.declared_at or tensor.node), 0, input=True)
        shapes: dict[int, dict] = {}  # node id → {output index: shape}
        calls: set[tuple[int, int]] = set()
        for tensor in _made(outputs, ids):
            owner, sources, index = tensor.producer
            sources = sources if isinstance(sources, list) else [sources]
            if id(owner) not in ids:
                given = [s.shape for s in sources]
                ids[id(owner)] = self.item(owner, given if len(given) > 1 else given[0], None)
            node = ids[id(owner)]
            shapes.setdefault(node["id"], {}).setdefault(index, tensor.shape)
            if (id(owner), id(tensor.producer[1])) in calls:
                continue  # another output of the same call
            calls.add((id(owner), id(tensor.producer[1])))
            for source in sources:
                self.edges.append(GraphEdge(self.source(source, ids)["id"], node["id"], source.shape))
        for node in self.nodes:
            made = shapes.get(node["id"])
            if made:
                node["shape"] = made[None] if None in made else [made.get(i) for i in range(max(made) + 1)]
        return ids

    def source(self, tensor: Tensor, ids: dict[int, dict]) -> dict:
        """The node a tensor comes from: an input, a layer, or an operation the engine did not follow
        as a layer call (drawn without the edges into it, which are not known)."""
        if id(tensor) in ids:
            return ids[id(tensor)]
        if tensor.producer is not None:
            return ids[id(tensor.producer[0])]
        text = self.interp.source.snippet(tensor.node) if self.span(tensor.node) is not None else "(not followed)"
        ids[id(tensor)] = self.node(text, "Operation", tensor.shape, self.span(tensor.node))
        return ids[id(tensor)]

    def subclassed(self, model: Model) -> None:
        """A subclassed model: its input and the layers its __init__ makes. call() runs on plain
        tensors, so the edges between them are not known and none is drawn."""
        if model.inputs:
            self.node(model.input_names[0] or "input_layer", "InputLayer", _unbatched(model.inputs[0]), None, 0,
                      input=True)
        for value in model.runner.instance.attrs.values():
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, (Layer, Model)) and item is not model:
                    self.item(item, item.built_shape if isinstance(item, Layer) else None, None)

    def data(self, node: ast.AST, labels: bool, diagnostic: Diagnostic, model: str) -> None:
        """Data Keras refuses, as an extra input (the labels: an extra output) with the error on its edge:
        into the input Keras names, else into each."""
        shape = _shape_of(diagnostic.actual)
        inside = None if labels else self.raising_layer(diagnostic, model)
        data = self.node(self.interp.source.snippet(node), "Data", shape, self.span(node), input=not labels,
                         output=labels)
        if inside is not None and self.raises_in(inside, diagnostic):
            for end in [n for n in self.nodes if n["input"] and n is not data]:
                self.edges.append(GraphEdge(data["id"], end["id"], shape))
            return
        shapes = _INPUT_SHAPES.search(diagnostic.message)
        if shapes:
            label, shape = f"expected {shapes.group(1)} · got {shapes.group(2)}", _shape_of(shapes.group(2))
        else:
            label = _label(diagnostic, format_shape(shape) if shape is not None else "(unknown)")
        ends = [n for n in self.nodes if (n["output"] if labels else n["input"]) and n is not data]
        named = re.match(rf"Input (\d+) with name '[^']*' of layer '{re.escape(model)}'", diagnostic.message)
        if named and not labels and int(named.group(1)) < len(ends):
            ends = [ends[int(named.group(1))]]
        for end in ends:
            pair = (end["id"], data["id"]) if labels else (data["id"], end["id"])
            self.edges.append(GraphEdge(*pair, shape, label))


def _unbatched(shape: Any) -> Any:
    return (None,) + tuple(shape[1:]) if isinstance(shape, tuple) and shape else shape


def _same(shape: Any) -> Any:
    return shape


def _inputs(tensors: list[Tensor]) -> list[Tensor]:
    """The keras.Input tensors these tensors were made from."""
    found: dict[int, Tensor] = {}
    seen: set[int] = set()
    stack = list(tensors)
    while stack:
        tensor = stack.pop()
        if id(tensor) in seen or not isinstance(tensor, Tensor):
            continue
        seen.add(id(tensor))
        if tensor.producer is None:
            if tensor.input_name is not None:
                found[id(tensor)] = tensor
            continue
        sources = tensor.producer[1]
        stack.extend(sources if isinstance(sources, list) else [sources])
    return list(found.values())


def _made(outputs: list[Tensor], inputs: dict[int, dict]) -> list[Tensor]:
    """The tensors layers made between the inputs and the outputs, each after those it was made from
    (walked without recursion: chains of layers can be long)."""
    order: list[Tensor] = []
    seen: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(t, False) for t in reversed(outputs)]
    while stack:
        tensor, ready = stack.pop()
        if ready:
            order.append(tensor)
            continue
        if id(tensor) in seen or id(tensor) in inputs or tensor.producer is None:
            continue
        seen.add(id(tensor))
        stack.append((tensor, True))
        sources = tensor.producer[1]
        stack.extend((s, False) for s in reversed(sources if isinstance(sources, list) else [sources])
                     if isinstance(s, Tensor))
    return order
