"""What an analysis reports: diagnostics, at the place in the analysed file they concern (an error
raised in another file is shown at the call that led there), and the values hovers show. The
interpreter reports through these methods and nothing else; an incremental session, while it
records a statement, is told of each (`recorder`)."""
from __future__ import annotations

import ast
import os
import re
from typing import Any

from .modules import module_of
from .report import Diagnostic, Related, Severity, Span, ValueInfo
from .source import Source

_CALL_WRAPPER = re.compile(r"Exception encountered when calling [\w.]+\(\)\.\s*")


class Reporting:
    def __init__(self, source: Source, path: str) -> None:
        self.source = source
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.values: dict[tuple, ValueInfo] = {}
        self._seen: set[tuple] = set()
        self.recorder: Any = None  # incremental.Session while it records a top-level statement
        # Where the custom layer or model being run was called from, for errors inside its call().
        self.call_sites: list[tuple[ast.AST, str]] = []
        # fit/evaluate/predict calls running a compiled graph, innermost last.
        self.compiled_sites: list[ast.AST] = []
        self.graph_mode = False  # running custom layer code as Keras traces it

    def span(self, node: ast.AST) -> Span:
        module = module_of(node)
        return (module.source if module else self.source).span(node)

    def where(self, node: ast.AST) -> str:
        """'line 7', or 'lib/builders.py, line 7' for a node of another file."""
        module = module_of(node)
        if module is None:
            return f"line {node.lineno}"
        return f"{os.path.relpath(module.path, os.path.dirname(os.path.abspath(self.path)))}, line {node.lineno}"

    def local_site(self) -> ast.AST | None:
        """The innermost call in the analysed file that is running other code (another file's
        function, a custom layer)."""
        for site, _ in reversed(self.call_sites):
            if module_of(site) is None:
                return site
        return None

    def report(self, node: ast.AST, code: str, message: str, related: list[Related] | None = None,
               fixes: list | None = None, severity: Severity = Severity.ERROR,
               expected: str | None = None, actual: str | None = None) -> None:
        # Keras wraps errors raised inside call() in a paragraph naming the method: the user needs the
        # error itself, on one line.
        message = _CALL_WRAPPER.sub("", message).replace("\n", " ")
        related = list(related or [])
        module = module_of(node)
        if module is not None:
            # Raised in another file: shown at the call in this file that led there.
            site = self.local_site()
            if site is None:
                return
            message = f"{message} (in {self.where(node)})"
            related.insert(0, Related(module.source.span(node), "raised here", module.path))
            node = site
        span = self.span(node)
        key = (span, code, message)
        for site, description in self.call_sites[-1:]:
            if not self.span(site).contains(span.line, span.column):
                related.append(Related(self.span(site), description))
        diagnostic = Diagnostic(span, code, message, severity, related, fixes or [], expected, actual)
        if self.recorder is not None:
            self.recorder.reported(key, diagnostic)
        if key in self._seen:  # the same code reached twice (a function called twice)
            return
        self._seen.add(key)
        self.diagnostics.append(diagnostic)

    def report_op_error(self, node: ast.AST, code: str, message: str, runtime_only: bool,
                        fixes: list | None = None) -> None:
        """A tensor operation fails. Inside a traced graph (custom layer code while a model is built
        or trained), an error the static shapes cannot show is raised only when the graph runs on
        data: by fit/evaluate/predict ("Graph execution error"), not at the operation's line."""
        if self.graph_mode and runtime_only:
            site = self.compiled_sites[-1] if self.compiled_sites else None
            if site is not None:
                self.report(site, code, f"Graph execution error: {message}",
                            self.related(node, "raised here when the graph runs"), fixes)
            return
        self.report(node, code, message, fixes=fixes)

    def related(self, node: ast.AST | None, message: str) -> list[Related]:
        if node is None:
            return []
        module = module_of(node)
        return [Related(self.span(node), message, module.path if module else None)]

    def note(self, node: ast.AST, kind: str, summary: str, shape: tuple | None = None, detail: str = "") -> None:
        info = self.value_info(node, kind, summary, shape, detail)
        if info is not None:
            self.values[(info.span, kind)] = info
            if self.recorder is not None:
                self.recorder.noted((info.span, kind), info)

    def value_info(self, node: ast.AST, kind: str, summary: str, shape: tuple | None = None,
                   detail: str = "") -> ValueInfo | None:
        if module_of(node) is not None:  # values of other files are shown when those are open
            return None
        return ValueInfo(self.span(node), kind, summary, shape, detail)

