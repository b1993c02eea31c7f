"""The engine's output: the contract between the engine and its front ends (CLI, language server).

Positions are 0-based lines and 0-based character columns (Unicode code points); front ends convert
to their own convention (the CLI prints 1-based, LSP counts UTF-16 units).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

SYNTAX_ERROR = "SL001"  # the one code every front end knows: a file that does not parse is never fixed


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"


@dataclass(frozen=True, order=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)

    def order(self) -> tuple[int, int, int, int]:
        """The sort key (spans compare in this order; a tuple compares much faster)."""
        return self.line, self.column, self.end_line, self.end_column


@dataclass(frozen=True)
class TextEdit:
    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[TextEdit, ...]
    preferred: bool = False
    # "quickfix" repairs the diagnostic; "refactor" is an optional rewrite; "suppress" edits a
    # suppression comment (engine/suppressions.py), which "fix all" never does.
    kind: str = "quickfix"
    # A candidate the engine must confirm by re-analysing the fixed text before offering it
    # (e.g. adding an axis to the data); other fixes follow from the rule that found the error.
    speculative: bool = False


@dataclass(frozen=True)
class Related:
    span: Span
    message: str
    path: str | None = None  # another file (a workspace module); None: the analysed file


@dataclass
class Diagnostic:
    span: Span
    code: str
    message: str
    severity: Severity = Severity.ERROR
    related: list[Related] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    # For shape mismatches: what was expected and what arrived, each with where it comes from,
    # e.g. "(None, 28, 28, 1) — input_shape on line 9" (hovers show them side by side).
    expected: str | None = None
    actual: str | None = None

    @property
    def repairs(self) -> list[Fix]:
        """The fixes that change the code (not a suppression comment)."""
        return [fix for fix in self.fixes if fix.kind != "suppress"]


@dataclass(frozen=True)
class ValueInfo:
    """What the engine inferred for one expression of interest (a layer, model, tensor or dataset)."""

    span: Span
    kind: str  # "tensor" | "layer" | "model" | "dataset"
    summary: str  # one line, e.g. "Conv2D · input (None, 28, 28, 3) → output (None, 26, 26, 32)"
    shape: tuple | None = None  # output shape for layers and tensors, when known
    detail: str = ""  # longer text (a model's layer table), when there is one


@dataclass(frozen=True)
class GraphNode:
    """A layer, a nested model, a model's input, or data given to the model where it does not match."""

    id: str
    name: str  # Keras's name ("conv2d"), or the data's expression
    kind: str  # the class ("Conv2D", "InputLayer", "Sequential", "ResNet50"), or "Data"
    shape: tuple | list | None  # the output shape (a list for several outputs), None when not known
    params: int | None = None  # parameters, when the engine computes them
    span: Span | None = None  # the layer's constructor (the input's declaration, the data) in the analysed file
    input: bool = False
    output: bool = False
    graph: "ModelGraph | None" = None  # a nested model's own graph


@dataclass(frozen=True)
class GraphEdge:
    """A tensor from one node to another: its shape, the batch axis None. `error` marks where Keras
    raises: "expected (None, 28, 28, 1) · got (1, 28, 28, 3)"."""

    source: str
    target: str
    shape: tuple | list | None
    error: str | None = None


@dataclass(frozen=True)
class GraphError:
    code: str
    message: str
    span: Span


@dataclass(frozen=True)
class ModelGraph:
    """A model the file defines, as layers and the tensors between them (engine/graph.py)."""

    name: str
    kind: str  # "Sequential", "Functional", "Subclassed" or an application's name
    span: Span | None  # where the model is made (or the call in this file that made it)
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    errors: tuple[GraphError, ...] = ()  # the errors marked on its edges


@dataclass
class Report:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    values: list[ValueInfo] = field(default_factory=list)
    partial: bool = False  # the analysis ran out of time; what it found is still true
    reads: tuple[str, ...] = ()  # the other files it read (engine/reads.py), sorted
    not_found: tuple[str, ...] = ()  # the modules its imports named but no file was found for, sorted
    graphs: list[ModelGraph] = field(default_factory=list)  # the models it defines, by where they are made

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)
