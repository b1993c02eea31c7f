"""The Shape Lens language server: LSP features wired to the handlers in this package."""
from __future__ import annotations

import asyncio
import functools
import gc
import logging
import os
import sys
import traceback
from typing import Any, Callable

from lsprotocol import types
from pygls import uris
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from .. import __version__, jupyter
from ..engine import DataFiles, ModuleLoader, Report
from ..notebook import Program
from . import actions, configuration, convert, hover, inlay, model_graph, notebooks, workspace
from .configuration import Configuration
from .documents import Documents, Text
from .notebooks import Notebooks
from .settings import Settings
from .workspace import WorkspaceFiles

logger = logging.getLogger(__name__)
FULL_AFTER = 1000


class ShapeLensProtocol(LanguageServerProtocol):
    """pygls's protocol, with a notebook's cell edits made whole texts before pygls applies them
    (see notebooks.whole_cell_texts)."""

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(self, params: types.DidChangeNotebookDocumentParams):
        notebooks.whole_cell_texts(params, self.workspace)
        yield from super().lsp_notebook_document__did_change(params)


class ShapeLensServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: pygls applies incremental changes with str.splitlines, which also splits at
        # form feeds and U+2028, so an edit below such a character would land on the wrong line.
        super().__init__("shapelens", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         notebook_document_sync=notebooks.SYNC, protocol_cls=ShapeLensProtocol)
        self.settings = Settings()
        self.data_roots: list[str] = []  # the workspace folders, where relative data paths are also tried
        self.documents = Documents(self.publish, self.log)
        self.notebooks = Notebooks(self.documents, self.text_document_publish_diagnostics)
        self.configuration = Configuration(self.warn)
        self.watching = False  # the client tells of changed files (else a save looks for changed configuration)
        self.documents.configs = self.configuration
        self.workspace_files = WorkspaceFiles(self.documents, self.text_document_publish_diagnostics, self.log,
                                              lambda: self.encoding)

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def lines(self, text: str) -> convert.Lines:
        return convert.Lines(text, self.encoding)

    def in_notebook(self, uri: str) -> bool:
        return self.workspace.get_notebook_document(cell_uri=uri) is not None

    def publish(self, uri: str, version: int | None, text: Text, report: Report) -> None:
        if isinstance(text, Program):
            self.notebooks.publish(uri, version, text, report, self.encoding)
            return
        diagnostics = convert.diagnostics(report, self.lines(text), uri, version)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    def log(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        logger.log(logging.ERROR if kind == types.MessageType.Error else logging.WARNING, "%s", message)
        self.window_log_message(types.LogMessageParams(kind, message))

    def warn(self, message: str) -> None:
        """A message the user sees once, as a notification (and in the log)."""
        self.log(message)
        self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, message))

    def supports(self, capability: str) -> bool:
        return bool(get_capability(self.client_capabilities, capability, False))

    def check_workspace(self) -> None:
        """Start or stop checking the files that are not open, as the diagnostic mode says."""
        if self.settings.diagnostic_mode == "workspace":
            self.workspace_files.start(self.data_roots, self.work_done_progress
                                       if self.supports("window.work_done_progress") else None)
        elif self.workspace_files.active:
            self.workspace_files.stop()


SERVER = ShapeLensServer()


def never_fails(empty: Any = None) -> Callable:
    """A handler that raises is logged and answers `empty`, so one bug costs one answer, not the
    session (pygls would send an error response, which clients show as a popup)."""
    def decorate(handler: Callable) -> Callable:
        def failed(ls: ShapeLensServer) -> Any:
            ls.log(f"Internal error in {handler.__name__}:\n{traceback.format_exc()}", types.MessageType.Error)
            return empty

        if asyncio.iscoroutinefunction(handler):
            @functools.wraps(handler)
            async def guarded(ls: ShapeLensServer, params: Any) -> Any:
                try:
                    return await handler(ls, params)
                except Exception:
                    return failed(ls)
        else:
            @functools.wraps(handler)
            def guarded(ls: ShapeLensServer, params: Any) -> Any:
                try:
                    return handler(ls, params)
                except Exception:
                    return failed(ls)
        return guarded
    return decorate


@SERVER.feature(types.INITIALIZE)
@never_fails()
def initialize(ls: ShapeLensServer, params: types.InitializeParams) -> None:
    ls.settings = ls.settings.updated(params.initialization_options)
    folders = [uris.to_fs_path(folder.uri) for folder in params.workspace_folders or []]
    root = folders[0] if folders else (uris.to_fs_path(params.root_uri) if params.root_uri else params.root_path)
    ls.documents.loader = ModuleLoader(root)
    ls.data_roots = [folder for folder in folders or [root] if folder]
    ls.documents.data = DataFiles(ls.data_roots, ls.settings.read_data_files)


@SERVER.feature(types.INITIALIZED)
@never_fails()
async def initialized(ls: ShapeLensServer, params: types.InitializedParams) -> None:
    ls.check_workspace()
    ls.watching = ls.supports("workspace.did_change_watched_files.dynamic_registration")
    if ls.watching:
        watchers = [types.FileSystemWatcher(glob_pattern=configuration.WATCHED), *workspace.WATCHERS]
        await ls.client_register_capability_async(types.RegistrationParams([types.Registration(
            "shapelens-watched-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            types.DidChangeWatchedFilesRegistrationOptions(watchers))]))


@SERVER.feature(types.SHUTDOWN)
@never_fails()
def shutdown(ls: ShapeLensServer, params: None) -> None:
    ls.workspace_files.stop(clear=False)
    ls.documents.close_oracle()


@SERVER.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@never_fails()
def did_change_watched_files(ls: ShapeLensServer, params: types.DidChangeWatchedFilesParams) -> None:
    if ls.configuration.changed(uris.to_fs_path(change.uri) or "" for change in params.changes):
        ls.documents.recheck()
        ls.check_workspace()
    ls.workspace_files.files_changed(params.changes)


@SERVER.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
@never_fails()
def did_change_workspace_folders(ls: ShapeLensServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    ls.data_roots = [path for folder in ls.workspace.folders.values() if (path := uris.to_fs_path(folder.uri))]
    ls.documents.data = DataFiles(ls.data_roots, ls.settings.read_data_files)
    ls.documents.recheck()
    ls.check_workspace()


@SERVER.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@never_fails()
def did_change_configuration(ls: ShapeLensServer, params: types.DidChangeConfigurationParams) -> None:
    before, ls.settings = ls.settings, ls.settings.updated(params.settings)
    if ls.settings.inlay_hints != before.inlay_hints and ls.supports("workspace.inlay_hint.refresh_support"):
        ls.workspace_inlay_hint_refresh(None)
    if ls.settings.read_data_files != before.read_data_files:
        ls.documents.data = DataFiles(ls.data_roots, ls.settings.read_data_files)
        ls.documents.recheck()
    if ls.settings.diagnostic_mode != before.diagnostic_mode or ls.settings.read_data_files != before.read_data_files:
        ls.check_workspace()


@SERVER.feature(types.TEXT_DOCUMENT_DID_OPEN)
@never_fails()
def did_open(ls: ShapeLensServer, params: types.DidOpenTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    text = jupyter.python_text(document.uri, document.source)
    ls.documents.open(document.uri, document.path, text, params.text_document.version)


@SERVER.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@never_fails()
def did_change(ls: ShapeLensServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    text = jupyter.python_text(document.uri, document.source)
    ls.documents.change(document.uri, text, params.text_document.version, ls.settings.analyze_on_type)


@SERVER.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
@never_fails()
def did_save(ls: ShapeLensServer, params: types.DidSaveTextDocumentParams) -> None:
    if not ls.watching and ls.configuration.refresh():
        ls.documents.recheck()
        ls.check_workspace()
    ls.documents.save(params.text_document.uri)


@SERVER.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@never_fails()
def did_close(ls: ShapeLensServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.workspace_files.close(params.text_document.uri)


@SERVER.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
@never_fails()
def did_open_notebook(ls: ShapeLensServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.notebooks.open(params.notebook_document.uri, ls.workspace)
    ls.workspace_files.opened(params.notebook_document.uri)


@SERVER.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
@never_fails()
def did_change_notebook(ls: ShapeLensServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.notebooks.change(params, ls.workspace, ls.settings.analyze_on_type)


@SERVER.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
@never_fails()
def did_save_notebook(ls: ShapeLensServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.documents.save(params.notebook_document.uri)


@SERVER.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
@never_fails()
def did_close_notebook(ls: ShapeLensServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.workspace_files.close(params.notebook_document.uri)


@SERVER.feature(types.TEXT_DOCUMENT_HOVER)
@never_fails()
async def on_hover(ls: ShapeLensServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    if ls.in_notebook(uri):
        found = await ls.notebooks.hover(uri, params.position, ls.workspace, ls.encoding)
    else:
        found = await file_hover(ls, uri, params.position)
    if found is None:
        return None
    at, text = found
    formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None)
    kind = types.MarkupKind.PlainText if formats and types.MarkupKind.Markdown not in formats else types.MarkupKind.Markdown
    return types.Hover(types.MarkupContent(kind, text), at)


async def file_hover(ls: ShapeLensServer, uri: str, position: types.Position) -> tuple[types.Range, str] | None:
    analysis = await ls.documents.current(uri)
    if analysis is None:
        return None
    lines = ls.lines(analysis.text)
    found = hover.hover(analysis.report, *lines.engine_position(position))
    if found is None:
        return None
    span, text = found
    return lines.range(span), text


@SERVER.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
@never_fails([])
async def on_inlay_hint(ls: ShapeLensServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    if not ls.settings.inlay_hints:
        return []
    uri = params.text_document.uri
    if ls.in_notebook(uri):
        return await ls.notebooks.inlay_hints(uri, params.range, ls.workspace, ls.encoding)
    analysis = await ls.documents.current(uri)
    if analysis is None:
        return []
    return inlay.inlay_hints(analysis.report, ls.lines(analysis.text), params.range)


@SERVER.feature(model_graph.REQUEST)
@never_fails()
async def on_model_graph(ls: ShapeLensServer, params: Any) -> dict | None:
    """params: {uri, line?} (line 0-based); None for a document that is not open, or a notebook's."""
    uri = params.uri
    analysis = None if ls.in_notebook(uri) else await ls.documents.with_graphs(uri)
    if analysis is None:
        return None
    return model_graph.model_graph(analysis.report, ls.lines(analysis.text), uri, analysis.version,
                                   getattr(params, "line", None))


@SERVER.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=False))
@never_fails([])
async def on_code_lens(ls: ShapeLensServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    uri = params.text_document.uri
    analysis = None if ls.in_notebook(uri) else await ls.documents.with_graphs(uri, places=True)
    if analysis is None:
        return []
    return model_graph.code_lenses(analysis.report, ls.lines(analysis.text), uri)


@SERVER.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.Refactor, actions.FIX_ALL,
                       actions.FIX_ALL_NOTEBOOK]))
@never_fails([])
async def on_code_action(ls: ShapeLensServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    document_changes = ls.supports("workspace.workspace_edit.document_changes")
    if ls.in_notebook(uri):
        found = await ls.notebooks.code_actions(uri, params, ls.workspace, ls.encoding, document_changes)
        if actions.wants_fix_all(params, notebook=True):
            action = await ls.notebooks.fix_all(uri, params, ls.workspace, ls.encoding, document_changes)
            found += [action] if action is not None else []
        return found
    version = ls.documents.version(uri)
    if version is None:
        return []
    analysis = await ls.documents.for_actions(uri)
    current = convert.diagnostics(analysis.report, ls.lines(analysis.text), uri, version) if analysis else None
    found = actions.code_actions(uri, version, params, current, document_changes)
    if actions.wants_fix_all(params):
        fixed = await ls.documents.fixed(uri)
        if fixed is not None and fixed[0] == ls.documents.version(uri):
            action = actions.fix_all_action(params, [(uri, *fixed, ls.lines(fixed[1]))], document_changes)
            found += [action] if action is not None else []
    return found


def serve(tcp: tuple[str, int] | None = None) -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="shapelens: %(levelname)s %(message)s")
    # What is loaded by now lives as long as the server: collections need not walk it again. A full
    # collection walks every document's last run: automatic ones are rare (one in FULL_AFTER middle
    # collections instead of 10), and one runs when the editor is idle (Documents._verified).
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_AFTER)
    if tcp is not None:
        SERVER.start_tcp(*tcp)
        return
    # stdout carries the protocol: keep a private handle on it and send everything else that would
    # be written there (a print in a library, TensorFlow's C++ logging) to stderr instead.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    SERVER.start_io(sys.stdin.buffer, protocol_out)
