"""Driving `shapelens server` over stdio like an editor: documents, waiting for diagnostics,
applying edits in the session's position encoding."""
from __future__ import annotations

import asyncio
import re
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SEED = Path(__file__).parent.parent / "fixtures" / "seed"
SERVER_COMMAND = [sys.executable, "-m", "shapelens", "server"]


def without_a_rule(kind: str) -> list[str]:
    """The `shapelens` command with no built-in rule for the layer `kind`, as for a class a newer
    Keras release adds (every class of the pinned keras.layers has one): Keras answers for it.
    -P keeps the current folder off sys.path, as `python -m shapelens` does for itself."""
    return [sys.executable, "-P", "-c", "import sys; from shapelens.engine.layers.base import RULES; "
            f"del RULES[{kind!r}]; from shapelens.cli import main; sys.exit(main(sys.argv[1:]))"]
CLIENTS = ["visual-studio-code", "neovim"]  # UTF-16 and UTF-8 positions respectively
WAIT = 10.0  # seconds; generous for loaded CI machines, a passing wait takes milliseconds


class Client(LanguageClient):
    """A test client that keeps every publishDiagnostics (with its version and arrival time)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[tuple[float, types.PublishDiagnosticsParams]] = []
        self.inlay_hint_refreshes = 0
        self.encoding = types.PositionEncodingKind.Utf16
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.registrations: list[types.Registration] = []

    async def start_session(self, client: str, options: dict | None = None) -> None:
        self.kind = client
        result = await self.initialize_session(types.InitializeParams(
            capabilities=client_capabilities(client), initialization_options=options))
        self.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
        self.server_capabilities = result.capabilities

    # ---- documents --------------------------------------------------------------------------

    def open(self, name: str, text: str) -> str:
        uri = f"file:///shapelens-tests/{name}"
        self.versions[uri], self.texts[uri] = 1, text
        self.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))

    def close(self, uri: str) -> None:
        self.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    # ---- diagnostics ------------------------------------------------------------------------

    def publications(self, uri: str, version: int | None = None, since: float = 0.0) -> list[types.PublishDiagnosticsParams]:
        return [p for at, p in self.published
                if p.uri == uri and at >= since and (version is None or p.version == version)]

    async def diagnostics_for(self, uri: str, version: int | None = None, since: float = 0.0) -> list[types.Diagnostic]:
        """The diagnostics of the first publication for `uri` (at `version`) after `since`."""
        await until(lambda: self.publications(uri, version, since))
        return [d for d in self.publications(uri, version, since)[0].diagnostics
                if d.severity != types.DiagnosticSeverity.Hint]  # hints (SL301) are tested on their own

    # ---- positions --------------------------------------------------------------------------

    def position(self, uri: str, needle: str, offset: int = 0, occurrence: int = 0) -> types.Position:
        """The position of `needle` (+ offset characters) in the document, in client units."""
        text = self.texts[uri]
        index = -1
        for _ in range(occurrence + 1):
            index = text.index(needle, index + 1)
        index += offset
        line = text.count("\n", 0, index)
        start = text.rfind("\n", 0, index) + 1
        return types.Position(line, self.units(text[start:index]))

    def units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> str:
        """The document's text after a workspace edit (as an editor would apply it)."""
        if edit.document_changes:
            (change,) = edit.document_changes
            assert change.text_document.uri == uri and change.text_document.version == self.versions[uri]
            edits = change.edits
        else:
            edits = edit.changes[uri]
        text = self.texts[uri]
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            text = text[:self.offset(text, e.range.start)] + e.new_text + text[self.offset(text, e.range.end):]
        return text

    def offset(self, text: str, position: types.Position) -> int:
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        start = starts[position.line]
        counted = 0
        for index in range(start, len(text)):
            if counted >= position.character:
                return index
            counted += self.units(text[index])
        return len(text)


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES,
                                   types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
                                   types.WORKSPACE_INLAY_HINT_REFRESH: _refresh,
                                   types.CLIENT_REGISTER_CAPABILITY: _register})
    return client


def _record(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.published.append((time.monotonic(), params))
    client.diagnostics[params.uri] = params.diagnostics


def _register(client: Client, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _refresh(client: Client, params: None) -> None:
    client.inlay_hint_refreshes += 1


CONFIG = ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client)


async def until(condition, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await asyncio.sleep(0.005)


def seed(name: str) -> str:
    return (SEED / name).read_text()
