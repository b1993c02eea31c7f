"""Suppressions over LSP: the "Ignore ... on this line" action (last, never preferred, never part of
"fix all"), and SL901 for a suppression that silences nothing."""
import time

import pytest
from lsprotocol import types

from lsp_session import Client

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROGRAM = """import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
model.predict(np.ones((3, 6)))
"""
NO_FIX = "flat = np.reshape(np.zeros((2, 3)), (5, 7))\n"  # SL110, which has no fix but the ignore one


async def actions_for(client: Client, uri: str, diagnostics):
    return await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), diagnostics[0].range, types.CodeActionContext(diagnostics=diagnostics)))


async def test_the_ignore_action_is_the_last_quick_fix_and_not_preferred(client: Client):
    uri = client.open("suppress/program.py", PROGRAM)
    (d,) = await client.diagnostics_for(uri, 1)
    actions = await actions_for(client, uri, [d])
    fixes = [a for a in actions if list(a.diagnostics or ()) == [d]]
    assert len(fixes) >= 2 and fixes[-1].title == "Ignore SL101 on this line"
    assert fixes[-1].kind == types.CodeActionKind.QuickFix and not fixes[-1].is_preferred

    text = client.apply(uri, fixes[-1].edit)
    assert text.splitlines()[4] == "model.predict(np.ones((3, 6)))  # shapelens: ignore[SL101]"
    version = client.change(uri, text)
    saved = time.monotonic()
    client.save(uri)
    assert await client.diagnostics_for(uri, version, since=saved) == []


async def test_an_ignore_action_does_not_count_for_fix_all(client: Client):
    """"Fix all" is offered beside two fixable errors; an error only an ignore action fixes is not one."""
    uri = client.open("suppress/one_fixable.py", PROGRAM + NO_FIX)
    found = await client.diagnostics_for(uri, 1)
    assert [d.code for d in found] == ["SL101", "SL110"]
    titles = [a.title for a in await actions_for(client, uri, found)]
    assert titles[-1] == "Ignore SL110 on this line" and "Ignore SL101 on this line" in titles
    assert "Fix all Shape Lens problems in this file" not in titles


async def test_an_unused_suppression_is_published_as_a_warning_with_its_removal(client: Client):
    uri = client.open("suppress/unused.py", "x = 1  # shapelens: ignore[SL101]\n")
    (d,) = await client.diagnostics_for(uri, 1)
    assert d.code == "SL901" and d.severity == types.DiagnosticSeverity.Warning
    assert d.message == "Unused suppression: SL101 silences nothing on this line"
    (action,) = await actions_for(client, uri, [d])
    assert action.title == "Remove the unused suppression" and action.kind == types.CodeActionKind.QuickFix
    assert client.apply(uri, action.edit) == "x = 1\n"
