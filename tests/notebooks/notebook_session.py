"""A notebook open in the test client, changed the way VS Code's language client reports changes
(LSP 3.17 notebook synchronisation): cells added, removed, moved and edited, saved, closed."""
from __future__ import annotations

import itertools

from lsprotocol import types

from lsp_session import Client

_KINDS = {"code": types.NotebookCellKind.Code, "markdown": types.NotebookCellKind.Markup}
_cell_ids = itertools.count()


class Notebook:
    def __init__(self, client: Client, name: str, cells: list[tuple[str, str]]):
        """Opens `cells`, each (kind, text) with kind "code" or "markdown"."""
        self.client = client
        self.name = name
        self.uri = f"file:///shapelens-tests/{name}"
        self.version = 1
        self.cells: list[types.NotebookCell] = [self._new(kind, text) for kind, text in cells]
        client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
            types.NotebookDocument(uri=self.uri, notebook_type="jupyter-notebook", version=1, cells=list(self.cells)),
            [self._item(cell) for cell in self.cells]))

    def cell(self, index: int) -> str:
        """The URI of the cell at `index` (0-based, counting markdown cells)."""
        return self.cells[index].document

    def edit(self, index: int, old: str, new: str) -> int:
        """Replace the first `old` in the cell by `new`, as a ranged edit; the cell's new version."""
        uri = self.cell(index)
        at = types.Range(self.client.position(uri, old), self.client.position(uri, old, len(old)))
        self.client.texts[uri] = self.client.texts[uri].replace(old, new, 1)
        self.client.versions[uri] += 1
        self._change(types.NotebookDocumentCellChanges(text_content=[types.NotebookDocumentCellContentChanges(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.client.versions[uri]),
            [types.TextDocumentContentChangePartial(range=at, text=new)])]))
        return self.client.versions[uri]

    def insert(self, index: int, kind: str, text: str) -> str:
        cell = self._new(kind, text)
        self.cells.insert(index, cell)
        self._change(types.NotebookDocumentCellChanges(structure=types.NotebookDocumentCellChangeStructure(
            types.NotebookCellArrayChange(start=index, delete_count=0, cells=[cell]), did_open=[self._item(cell)])))
        return cell.document

    def remove(self, index: int) -> str:
        cell = self.cells.pop(index)
        self._change(types.NotebookDocumentCellChanges(structure=types.NotebookDocumentCellChangeStructure(
            types.NotebookCellArrayChange(start=index, delete_count=1),
            did_close=[types.TextDocumentIdentifier(cell.document)])))
        return cell.document

    def move(self, source: int, target: int) -> None:
        """As VS Code's client reports a move: the range between the two places is replaced by its
        cells in their new order; no cell is opened or closed."""
        self.cells.insert(target, self.cells.pop(source))
        start, end = min(source, target), max(source, target) + 1
        self._change(types.NotebookDocumentCellChanges(structure=types.NotebookDocumentCellChangeStructure(
            types.NotebookCellArrayChange(start=start, delete_count=end - start, cells=self.cells[start:end]))))

    def save(self) -> None:
        self.client.notebook_document_did_save(types.DidSaveNotebookDocumentParams(
            types.NotebookDocumentIdentifier(self.uri)))

    def close(self) -> None:
        self.client.notebook_document_did_close(types.DidCloseNotebookDocumentParams(
            types.NotebookDocumentIdentifier(self.uri),
            [types.TextDocumentIdentifier(c.document) for c in self.cells]))

    def _change(self, cells: types.NotebookDocumentCellChanges) -> None:
        self.version += 1
        self.client.notebook_document_did_change(types.DidChangeNotebookDocumentParams(
            types.VersionedNotebookDocumentIdentifier(version=self.version, uri=self.uri),
            types.NotebookDocumentChangeEvent(cells=cells)))

    def _new(self, kind: str, text: str) -> types.NotebookCell:
        uri = f"vscode-notebook-cell:/shapelens-tests/{self.name}#C{next(_cell_ids)}"
        self.client.texts[uri], self.client.versions[uri] = text, 1
        return types.NotebookCell(kind=_KINDS[kind], document=uri)

    def _item(self, cell: types.NotebookCell) -> types.TextDocumentItem:
        language = "python" if cell.kind == types.NotebookCellKind.Code else "markdown"
        uri = cell.document
        return types.TextDocumentItem(uri=uri, language_id=language, version=self.client.versions[uri],
                                      text=self.client.texts[uri])
