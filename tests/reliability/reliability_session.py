"""A language-server session over stdio on a real workspace folder, started the way an editor may
start it (`python -m shapelens server`, in the workspace), with the requests the reliability tests
send: open/save/close of files on disk, hovers everywhere, code actions applied, inlay hints."""
from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import client_capabilities

from lsp_session import SERVER_COMMAND, Client, make_client


@contextlib.asynccontextmanager
async def session(root: Path, options: dict | None = None, command: list[str] = SERVER_COMMAND):
    client = make_client()
    await client.start_io(*command, cwd=str(root))
    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)], initialization_options=options))
    client.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    try:
        yield client
        assert alive(client), "the server exited"
        assert not internal_errors(client)
    finally:
        await client.shutdown_session()
        await client.stop()


def alive(client: Client) -> bool:
    return client._server is not None and client._server.returncode is None


def internal_errors(client: Client) -> list[str]:
    """The server's log lines that say an engine or handler failed (it answers nothing instead)."""
    return [m.message for m in client.log_messages if "Internal error" in m.message or "failed" in m.message]


def open_file(client: Client, path: Path) -> str:
    uri = path.as_uri()
    client.versions[uri], client.texts[uri] = 1, path.read_text()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=client.texts[uri])))
    return uri


async def save(client: Client, uri: str) -> list[types.Diagnostic]:
    saved = time.monotonic()
    client.save(uri)
    return await client.diagnostics_for(uri, client.versions[uri], since=saved)


async def close(client: Client, uri: str) -> None:
    closed = time.monotonic()
    client.close(uri)
    assert await client.diagnostics_for(uri, since=closed) == []


async def hover_everywhere(client: Client, uri: str) -> int:
    """Hover at the start of every word; returns how many hovers had an answer."""
    answered = 0
    text = client.texts[uri]
    for match in re.finditer(r"\w+", text):
        line = text.count("\n", 0, match.start())
        start = text.rfind("\n", 0, match.start()) + 1
        position = types.Position(line, client.units(text[start:match.start()]))
        hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), position))
        answered += hover is not None
    return answered


async def inlay_hints(client: Client, uri: str) -> list[types.InlayHint]:
    lines = client.texts[uri].count("\n") + 1
    return await client.text_document_inlay_hint_async(types.InlayHintParams(
        types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(lines, 0)))) or []


async def code_actions(client: Client, uri: str, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
    """The actions for each diagnostic, and for the whole document."""
    actions = []
    lines = client.texts[uri].count("\n") + 1
    ranges = [(d.range, [d]) for d in diagnostics] + [
        (types.Range(types.Position(0, 0), types.Position(lines, 0)), diagnostics)]
    for where, context in ranges:
        actions += await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), where, types.CodeActionContext(diagnostics=context))) or []
    return actions


async def change(client: Client, uri: str, text: str) -> list[types.Diagnostic]:
    """A new version of the document, and its diagnostics."""
    return await client.diagnostics_for(uri, client.change(uri, text))


async def apply(client: Client, uri: str, action: types.CodeAction) -> list[types.Diagnostic]:
    """Apply an action's edit as an editor would."""
    return await change(client, uri, client.apply(uri, action.edit))


async def exercise(client: Client, path: Path) -> dict[str, int]:
    """Everything an editor does with a file: open, hover, inlay hints, code actions (each applied),
    save. The file is left open. Returns how many answers each request had."""
    uri = open_file(client, path)
    diagnostics = await client.diagnostics_for(uri, 1)
    counts = {"diagnostics": len(diagnostics), "hovers": await hover_everywhere(client, uri),
              "inlay hints": len(await inlay_hints(client, uri))}
    actions = await code_actions(client, uri, diagnostics)
    counts["code actions"] = len(actions)
    original, index = client.texts[uri], 0
    while index < len(actions):
        fixed = await apply(client, uri, actions[index])
        await code_actions(client, uri, fixed)
        # Back to the file as it is on disk, and the actions for that new version (fixes that could
        # not be checked in time are left out, so there may be fewer).
        actions = await code_actions(client, uri, await change(client, uri, original))
        index += 1
    await save(client, uri)
    return counts
