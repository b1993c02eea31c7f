"""Notebook documents (LSP 3.17 notebook synchronisation).

A Jupyter notebook's Python code cells are analysed as one program (shapelens.notebook), a
document of Documents under the notebook's URI. Its diagnostics are published per cell, and
hovers, inlay hints and code actions on a cell are answered from its analysis, positions mapped
through the program. Every cell is synchronised, markdown ones too, so that cells are numbered in
messages as the notebook shows them (and as the CLI prints them).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from lsprotocol import types
from pygls import uris
from pygls.workspace import Workspace

from ..engine import Fix, Related, Report, Span
from ..notebook import Cell, Program
from . import actions, convert, hover, inlay
from .documents import Analysis, Documents

SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[types.NotebookDocumentFilterWithNotebook(notebook="jupyter-notebook")], save=True)


def whole_cell_texts(params: types.DidChangeNotebookDocumentParams, workspace: Workspace) -> None:
    """Make each cell's edits one whole new text, in place, before pygls applies them: clients send
    ranged cell edits whatever the server's text sync kind, and pygls applies an edit as that kind
    says (full: the edit's text would replace the whole cell)."""
    cells = params.change.cells
    if cells is None or not cells.text_content:
        return
    encoding = workspace.position_encoding or types.PositionEncodingKind.Utf16
    opened = {item.uri: item.text for item in ((cells.structure.did_open or []) if cells.structure else [])}
    for content in cells.text_content:
        uri = content.document.uri
        text = opened[uri] if uri in opened else workspace.get_text_document(uri).source
        for change in content.changes:
            text = convert.edited(text, change, encoding)
        content.changes = [types.TextDocumentContentChangeWholeDocument(text)]


def program(notebook: types.NotebookDocument, workspace: Workspace) -> Program:
    """The notebook's Python code cells as one program; each cell's handle is its (URI, version)."""
    cells = []
    for number, cell in enumerate(notebook.cells, 1):
        document = workspace.get_text_document(cell.document)
        if cell.kind == types.NotebookCellKind.Code and document.language_id == "python":
            cells.append(Cell(number, document.source, (cell.document, document.version)))
    return Program(cells)


class Notebooks:
    """Open notebooks: their changes, their diagnostics per cell, and the requests on their cells."""

    def __init__(self, documents: Documents, publish: Callable[[types.PublishDiagnosticsParams], None]):
        self._documents = documents
        self._publish = publish
        self._published: dict[str, set[str]] = {}  # notebook URI → the cells its diagnostics went to

    # ---- notebook events ---------------------------------------------------------------------

    def open(self, uri: str, workspace: Workspace) -> None:
        notebook = workspace.get_notebook_document(notebook_uri=uri)
        self._documents.open(uri, uris.to_fs_path(uri) or uri, program(notebook, workspace), 1)

    def change(self, params: types.DidChangeNotebookDocumentParams, workspace: Workspace, analyse_now: bool) -> None:
        """Cells added, removed, moved or edited. The version counts these changes: a client need
        not change the notebook's own version when only a cell's text changes."""
        cells = params.change.cells
        if cells is None:
            return  # the notebook's metadata only
        uri = params.notebook_document.uri
        for closed in (cells.structure.did_close or []) if cells.structure else []:
            self._published.get(uri, set()).discard(closed.uri)
            self._publish(types.PublishDiagnosticsParams(closed.uri, []))  # gone with its cell
        notebook = workspace.get_notebook_document(notebook_uri=uri)
        version = self._documents.version(uri)
        if notebook is not None and version is not None:
            self._documents.change(uri, program(notebook, workspace), version + 1, analyse_now)

    # ---- publishing --------------------------------------------------------------------------

    def publish(self, uri: str, version: int | None, cells: Program, report: Report, encoding: str) -> None:
        """A notebook's diagnostics, to each of its code cells; the cells that had diagnostics
        before and are no longer code cells of it are cleared. `version` None: it was closed."""
        found = diagnostics(cells, report, encoding, version)
        for cell in cells.cells:
            cell_uri, cell_version = cell.handle
            self._publish(types.PublishDiagnosticsParams(
                cell_uri, found[cell_uri], cell_version if version is not None else None))
        for cell_uri in self._published.pop(uri, set()) - found.keys():
            self._publish(types.PublishDiagnosticsParams(cell_uri, []))
        if version is not None:
            self._published[uri] = set(found)

    # ---- requests on a cell ------------------------------------------------------------------

    async def hover(self, uri: str, position: types.Position, workspace: Workspace,
                    encoding: str) -> tuple[types.Range, str] | None:
        found = await self._cell(uri, workspace)
        if found is None:
            return None
        analysis, cell = found
        cells, lines = analysis.text, convert.Lines(cell.text, encoding)
        at = cells.position(cell.number, *lines.engine_position(position))
        answer = hover.hover(analysis.report, *at,
                             where=lambda r: hover.line_of(r) if r.path else cells.where(r.span))
        if answer is None:
            return None
        span, text = answer
        return lines.range(cells.place(span)[1]), text

    async def inlay_hints(self, uri: str, requested: types.Range, workspace: Workspace,
                          encoding: str) -> list[types.InlayHint]:
        found = await self._cell(uri, workspace)
        if found is None:
            return []
        analysis, cell = found
        values = []
        for value in analysis.report.values:
            owner, span = analysis.text.place(value.span)
            if owner.number == cell.number:
                values.append(replace(value, span=span))
        return inlay.inlay_hints(Report(analysis.report.path, values=values), convert.Lines(cell.text, encoding),
                                 requested)

    async def code_actions(self, uri: str, params: types.CodeActionParams, workspace: Workspace, encoding: str,
                           document_changes: bool) -> list[types.CodeAction]:
        notebook = workspace.get_notebook_document(cell_uri=uri)
        version = self._documents.version(notebook.uri) if notebook else None
        if version is None:
            return []
        analysis = await self._documents.for_actions(notebook.uri)
        current = diagnostics(analysis.text, analysis.report, encoding, version).get(uri, []) if analysis else None
        return actions.code_actions(uri, version, params, current, document_changes)

    async def fix_all(self, uri: str, params: types.CodeActionParams, workspace: Workspace, encoding: str,
                      document_changes: bool) -> types.CodeAction | None:
        """Every error of the cell's notebook fixed, as `shapelens check --fix` fixes a notebook:
        one edit for each cell the fixes change."""
        notebook = workspace.get_notebook_document(cell_uri=uri)
        fixed = await self._documents.fixed(notebook.uri) if notebook else None
        if fixed is None or fixed[0] != self._documents.version(notebook.uri):
            return None
        _, cells, done = fixed
        changed = [(*cell.handle, cell.text, after.text, convert.Lines(cell.text, encoding))
                   for cell, after in zip(cells.cells, done.cells)]
        return actions.fix_all_action(params, changed, document_changes, notebook=True)

    async def _cell(self, uri: str, workspace: Workspace) -> tuple[Analysis, Cell] | None:
        """The analysis of the current version of the cell's notebook, and the cell in it (None for
        a markdown cell)."""
        notebook = workspace.get_notebook_document(cell_uri=uri)
        analysis = await self._documents.current(notebook.uri) if notebook else None
        if analysis is None:
            return None
        cell = next((c for c in analysis.text.cells if c.handle[0] == uri), None)
        return (analysis, cell) if cell else None


def diagnostics(cells: Program, report: Report, encoding: str,
                version: int | None) -> dict[str, list[types.Diagnostic]]:
    """The report's diagnostics in LSP terms, by cell URI (every code cell has an entry). Related
    places and fixes may be in other cells; a fix carries each cell's edits with its version."""
    lines = {cell.number: convert.Lines(cell.text, encoding) for cell in cells.cells}

    def located(span: Span) -> tuple[Any, types.Range]:
        cell, local = cells.place(span)
        return cell.handle, lines[cell.number].range(local)

    def fix_data(fix: Fix) -> dict[str, Any]:
        documents: dict[str, dict[str, Any]] = {}
        for edit in fix.edits:
            (uri, cell_version), at = located(edit.span)
            document = documents.setdefault(uri, {"uri": uri, "version": cell_version, "edits": []})
            document["edits"].append(convert.edit_data(at, edit.new_text))
        return {**convert.fix_summary(fix), "documents": list(documents.values())}

    def location(related: Related, uri: str) -> types.Location:
        if related.path:
            return convert.elsewhere(related, uri)
        (related_uri, _), at = located(related.span)
        return types.Location(related_uri, at)

    found: dict[str, list[types.Diagnostic]] = {cell.handle[0]: [] for cell in cells.cells}
    for d in report.diagnostics:
        (uri, _), at = located(d.span)
        related = [types.DiagnosticRelatedInformation(location(r, uri), r.message) for r in d.related]
        data = {"version": version, "fixes": [fix_data(f) for f in d.fixes]} if d.fixes else None
        found[uri].append(convert.lsp_diagnostic(d, at, related, data))
    return found
