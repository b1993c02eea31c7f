"""Fix all over LSP: `source.fixAll.shapelens` (what "editor.codeActionsOnSave" asks for) and the
"Fix all" quick fix beside several fixable errors, each one edit that leaves the file clean."""
import time
from pathlib import Path

import pytest
from lsprotocol import types

from lsp_session import Client, seed

pytestmark = pytest.mark.asyncio(loop_scope="module")

THREE_ERRORS = (Path(__file__).parent.parent / "fixtures" / "three_errors.py").read_text()
FIX_ALL = "source.fixAll.shapelens"


async def actions_for(client: Client, uri: str, diagnostics, only=None):
    whole = types.Range(types.Position(0, 0), types.Position(len(client.texts[uri].splitlines()), 0))
    return await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), whole, types.CodeActionContext(diagnostics=diagnostics, only=only)))


async def test_the_server_offers_the_fix_all_kind(client: Client):
    assert FIX_ALL in client.server_capabilities.code_action_provider.code_action_kinds


async def test_fix_all_on_save_removes_three_different_errors(client: Client):
    uri = client.open("fixall/three_errors.py", THREE_ERRORS)
    found = await client.diagnostics_for(uri, 1)
    assert sorted(d.code for d in found) == ["SL101", "SL108", "SL201"]
    assert await actions_for(client, uri, [], only=[f"notebook.{FIX_ALL}"]) == ()  # a notebook's kind
    (action,) = await actions_for(client, uri, [], only=[FIX_ALL])
    assert action.kind == FIX_ALL and action.title == "Fix all Shape Lens problems in this file"
    fixed = client.apply(uri, action.edit)
    assert fixed.splitlines()[:4] == THREE_ERRORS.splitlines()[:4]  # one edit, over what changed only
    version = client.change(uri, fixed)
    saved = time.monotonic()
    client.save(uri)
    assert await client.diagnostics_for(uri, version, since=saved) == []
    assert await actions_for(client, uri, [], only=[FIX_ALL]) == ()  # nothing left to fix


async def test_fix_all_is_a_quick_fix_beside_two_fixable_errors_only(client: Client):
    uri = client.open("fixall/quick.py", THREE_ERRORS)
    found = await client.diagnostics_for(uri, 1)
    titles = [a.title for a in await actions_for(client, uri, found)]
    assert titles.count("Fix all Shape Lens problems in this file") == 1
    one = await actions_for(client, uri, found[:1])
    assert "Fix all Shape Lens problems in this file" not in [a.title for a in one]


async def test_fix_all_is_not_offered_for_a_quick_fix_request_or_a_clean_file(client: Client):
    uri = client.open("fixall/clean.py", seed("example_2.py"))
    assert await client.diagnostics_for(uri, 1) == []
    assert await actions_for(client, uri, [], only=[FIX_ALL]) == ()
    uri = client.open("fixall/quickfix_only.py", THREE_ERRORS)
    found = await client.diagnostics_for(uri, 1)
    kinds = {a.kind for a in await actions_for(client, uri, found, only=[types.CodeActionKind.QuickFix])}
    assert FIX_ALL not in kinds
