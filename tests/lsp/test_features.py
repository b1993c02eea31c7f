"""Hovers, code actions (applied and re-checked) and inlay hints, over a real session."""
import time

import pytest
from lsprotocol import types

from lsp_session import Client, seed

pytestmark = pytest.mark.asyncio(loop_scope="module")

BATCH_INPUT_SHAPE = """import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, batch_input_shape=(None, 8)),
    tf.keras.layers.Dense(1),
])
"""
EMOJI = seed("example_1.py").replace("activation='relu', input_shape", "name='conv_😀', activation='relu', input_shape")


async def hover_text(client: Client, uri: str, needle: str, offset: int = 0, occurrence: int = 0):
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), client.position(uri, needle, offset, occurrence)))
    if hover is None:
        return None, None
    assert hover.contents.kind == types.MarkupKind.Markdown
    return hover.contents.value, hover.range


async def test_hovers(client: Client):
    uri = client.open("hover/example_1.py", seed("example_1.py"))
    await client.diagnostics_for(uri, 1)

    text, span = await hover_text(client, uri, "Conv2D(32", 2)
    assert text.startswith("**Conv2D** · input `(None, 28, 28, 1)` → output `(None, 26, 26, 32)`")
    assert span.start == client.position(uri, "tf.keras.layers.Conv2D")
    assert span.end == client.position(uri, "(28, 28, 1))", len("(28, 28, 1))"))

    text, _ = await hover_text(client, uri, "model_2 =")
    assert text.startswith("**Sequential 'sequential'** · `(None, 28, 28, 1)` → `(None, 10)`")
    assert "\n\n```text\n" in text and text.endswith("\n```")
    assert "conv2d (Conv2D)" in text and "dense (Dense)" in text

    text, _ = await hover_text(client, uri, "input_tensor =", 3)
    assert text == "**Tensor** `(1, 28, 28, 3)` float32"

    text, span = await hover_text(client, uri, "model_2(input_tensor)", len("model_2(inp"))
    assert text.startswith("**SL101**")
    assert "| expected | actual |" in text or "expected axis -1" in text
    assert "- line 5: the data gets shape `(1, 28, 28, 3)` here" in text
    assert "- line 9: the model's input `(None, 28, 28, 1)` is declared here" in text
    assert span.start == client.position(uri, "model_2(input_tensor)", len("model_2("))

    assert await hover_text(client, uri, "# imagine") == (None, None)


FIXES = [
    ("example_5.py", seed("example_5.py"), "SL103", "Remove the batch axis from the input shape", True),
    ("example_1.py", seed("example_1.py"), "SL101", "Declare 3 channels in the input shape to match the data", False),
    ("batch_input_shape.py", BATCH_INPUT_SHAPE, "SL109", "Use input_shape= without the batch axis", True),
    ("emoji.py", EMOJI, "SL101", "Declare 3 channels in the input shape to match the data", False),
]


@pytest.mark.parametrize("name, text, code, title, preferred", FIXES, ids=[f[0] for f in FIXES])
async def test_a_fix_applied_leaves_the_file_clean(client: Client, name, text, code, title, preferred):
    uri = client.open(f"fix/{name}", text)
    (d,) = [d for d in await client.diagnostics_for(uri, 1) if d.code == code]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[d])))
    (action,) = [a for a in actions if a.title == title]
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred is preferred
    assert list(action.diagnostics) == [d]

    version = client.change(uri, client.apply(uri, action.edit))
    saved = time.monotonic()
    client.save(uri)
    assert await client.diagnostics_for(uri, version, since=saved) == []


CHANNELS_FIRST = """import numpy as np
from tensorflow import keras

x = np.zeros((60, 3, 28, 28), "float32")
y = np.zeros((60,), "int32")
model = keras.Sequential([keras.Input((28, 28, 3)), keras.layers.Conv2D(8, 3), keras.layers.Flatten(),
                          keras.layers.Dense(10)])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x, y)
"""


async def test_diagnostics_come_before_their_fixes_are_checked(client: Client):
    """A save publishes at once; fixes that only re-analysis can vouch for follow in the code actions."""
    uri = client.open("checked/channels_first.py", CHANNELS_FIRST)
    (d,) = await client.diagnostics_for(uri, 1)
    assert [f["title"] for f in d.data["fixes"]] == ["Ignore SL101 on this line"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[d])))
    assert "Move the channel axis last (channels-first data)" in [a.title for a in actions]


async def test_a_diagnostic_sent_back_without_data_is_matched_by_range(client: Client):
    uri = client.open("nodata/example_5.py", seed("example_5.py"))
    (d,) = await client.diagnostics_for(uri, 1)
    bare = types.Diagnostic(d.range, d.message, d.severity, d.code, source=d.source)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[bare])))
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in fixes] == ["Remove the batch axis from the input shape", "Ignore SL103 on this line"]
    assert "input_shape=(28, 28, 3)" in client.apply(uri, fixes[0].edit)
    # The input_shape= rewrite (SL301) overlaps the range, and is offered as a refactoring.
    assert [a.kind for a in actions if a not in fixes] == [types.CodeActionKind.Refactor]


async def test_inlay_hints_show_shapes_after_layers_and_tensor_assignments(client: Client):
    uri = client.open("inlay/example_1.py", seed("example_1.py"))
    await client.diagnostics_for(uri, 1)
    whole = types.Range(types.Position(0, 0), types.Position(30, 0))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(types.TextDocumentIdentifier(uri), whole))
    lines = seed("example_1.py").splitlines()
    assert [(h.position.line, h.label) for h in hints] == [
        (4, "→ (1, 28, 28, 3)"),
        (8, "→ (None, 26, 26, 32)"),
        (9, "→ (None, 13, 13, 32)"),
        (10, "→ (None, 5408)"),
        (11, "→ (None, 10)"),
    ]
    assert hints[0].position.character == client.units(lines[4].rstrip())  # the end of the assignment's line
    assert hints[1].position == client.position(uri, "(28, 28, 1))", len("(28, 28, 1))"))  # after Conv2D(...)
    assert all(h.padding_left and h.kind == types.InlayHintKind.Type for h in hints)

    part = types.Range(types.Position(9, 0), types.Position(10, 200))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(types.TextDocumentIdentifier(uri), part))
    assert [h.position.line for h in hints] == [9, 10]


async def test_bad_requests_get_empty_answers_and_the_server_keeps_going(client: Client):
    unknown = types.TextDocumentIdentifier("file:///shapelens-tests/never-opened.py")
    assert await client.text_document_hover_async(types.HoverParams(unknown, types.Position(0, 0))) is None
    assert await client.text_document_inlay_hint_async(types.InlayHintParams(
        unknown, types.Range(types.Position(0, 0), types.Position(5, 0)))) == ()

    uri = client.open("bad/example_5.py", seed("example_5.py"))
    (d,) = await client.diagnostics_for(uri, 1)
    assert await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(999, 999))) is None
    # Not one the server published (else its own fixes answer): only the data can.
    nowhere = types.Range(types.Position(0, 0), types.Position(0, 1))
    mangled = types.Diagnostic(nowhere, d.message, d.severity, d.code, source=d.source,
                               data={"version": 1, "fixes": [{"title": "no edits"}]})
    errors = len([m for m in client.log_messages if m.type == types.MessageType.Error])
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), d.range, types.CodeActionContext(diagnostics=[mangled])))
    assert actions == ()
    assert len([m for m in client.log_messages if m.type == types.MessageType.Error]) == errors + 1

    text, _ = await hover_text(client, uri, "Conv2D(32")
    assert text is None or "SL103" in text  # still answering
