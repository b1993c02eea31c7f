"""Publishing diagnostics: open, edit, save, close, syntax errors while typing, superseded versions."""
import ast
import asyncio
import time

import pytest
from lsprotocol import types

from lsp_session import Client, seed

pytestmark = pytest.mark.asyncio(loop_scope="module")

# About 1-2 s of engine work (a 300 × 300 comprehension, followed item by item), to have an
# analysis in flight.
SLOW = """import tensorflow as tf
x = tf.zeros((2, 3))
ys = [[tf.reshape(x, (3, 2)) for i in range(300)] for j in range(300)]
"""


async def test_open_publishes_the_seed_examples_diagnostics(client: Client):
    uri = client.open("open/example_1.py", seed("example_1.py"))
    (d,) = await client.diagnostics_for(uri, 1)
    assert d.code == "SL101" and d.source == "shapelens" and d.severity == types.DiagnosticSeverity.Error
    assert d.range.start.line + 1 == 16
    assert d.range.start == client.position(uri, "model_2(input_tensor)", len("model_2("))
    assert d.range.end == client.position(uri, "model_2(input_tensor)", len("model_2(input_tensor"))
    assert d.code_description.href == "https://github.com/shapelens/shapelens#sl101"
    assert [r.location.range.start.line + 1 for r in d.related_information] == [5, 9]
    assert all(r.location.uri == uri for r in d.related_information)

    uri = client.open("open/example_5.py", seed("example_5.py"))
    (d,) = await client.diagnostics_for(uri, 1)
    assert d.code == "SL103" and d.range.start.line + 1 == 6
    assert d.range.start == client.position(uri, "input_shape=(32", len("input_shape=("))
    assert d.range.end == client.position(uri, "input_shape=(32", len("input_shape=(32"))


async def test_columns_count_in_the_sessions_position_encoding(client: Client):
    text = seed("example_1.py").replace("  output = model_2(input_tensor)", "  print('😀 é'); output = model_2(input_tensor)")
    uri = client.open("encoding/example_1.py", text)
    (d,) = await client.diagnostics_for(uri, 1)
    # The emoji is 1 code point, 2 UTF-16 units and 4 UTF-8 bytes; "é" is 1, 1 and 2.
    expected = 31 + {"utf-16": 3, "utf-8": 6}[client.encoding]  # 31 ASCII characters before it
    assert d.range.start == types.Position(15, expected) == client.position(uri, "model_2(input_tensor)", 8)


async def test_edit_then_save_updates_the_diagnostics(client: Client):
    uri = client.open("edit/example_5.py", seed("example_5.py"))
    assert [d.code for d in await client.diagnostics_for(uri, 1)] == ["SL103"]

    fixed = seed("example_5.py").replace("input_shape=(32, 28, 28, 3)", "input_shape=(28, 28, 3)")
    version = client.change(uri, fixed)
    assert await client.diagnostics_for(uri, version) == []  # while typing, after the debounce

    version = client.change(uri, fixed.replace("input_shape=(28, 28, 3)", "input_shape=(28, 28, 1)"))
    saved = time.monotonic()
    client.save(uri)
    (d,) = await client.diagnostics_for(uri, version, since=saved)
    assert d.code == "SL101" and d.range.start.line + 1 == 13


async def test_typing_publishes_what_a_save_of_the_same_text_publishes(client: Client):
    """Typing replays what an edit cannot change; a save analyses from scratch: the same diagnostics."""
    text = seed("example_1.py") + "".join(
        f"\nmodel_{i} = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(4)])\n"
        f"out_{i} = model_{i}(tf.zeros((2, {8 if i % 2 else 9})))\n" for i in range(3, 7))
    uri = client.open("typing/models.py", text)
    assert [d.code for d in await client.diagnostics_for(uri, 1)] == ["SL101"] * 3
    for edited, errors in ((text.replace("(28, 28, 1)", "(28, 28, 3)"), 2),  # the seed's fix
                           (text.replace("tf.zeros((2, 9)))\n\nmodel_5", "tf.zeros((2, 8)))\n\nmodel_5"), 2),
                           (text.replace("input_shape = (28, 28, 3)", "input_shape = (28, 28, 1)"), 2),
                           (text, 3)):
        version = client.change(uri, edited)
        typed = await client.diagnostics_for(uri, version)
        assert [d.code for d in typed] == ["SL101"] * errors
        saved = time.monotonic()
        client.save(uri)
        assert await client.diagnostics_for(uri, version, since=saved) == typed


async def test_closing_a_document_clears_its_diagnostics(client: Client):
    uri = client.open("close/example_1.py", seed("example_1.py"))
    assert await client.diagnostics_for(uri, 1)
    closed = time.monotonic()
    client.close(uri)
    assert await client.diagnostics_for(uri, since=closed) == []


async def test_a_syntax_error_while_typing_publishes_nothing_until_saved(client: Client):
    uri = client.open("syntax/example_1.py", seed("example_1.py"))
    assert [d.code for d in await client.diagnostics_for(uri, 1)] == ["SL101"]

    broken = seed("example_1.py").replace("  tf.keras.layers.Flatten(),", "  tf.keras.layers.Flatten(,")
    version = client.change(uri, broken)
    assert await client.diagnostics_for(uri, version) == []  # no stale SL101, no flashing SL001
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), client.position(uri, "Flatten")))
    assert hover is None  # nothing is known about a file that does not parse, and nothing breaks

    saved = time.monotonic()
    client.save(uri)
    (d,) = await client.diagnostics_for(uri, version, since=saved)
    with pytest.raises(SyntaxError) as error:
        ast.parse(broken)
    assert d.code == "SL001" and d.range.start == types.Position(error.value.lineno - 1, error.value.offset - 1)

    version = client.change(uri, seed("example_1.py"))
    assert [d.code for d in await client.diagnostics_for(uri, version)] == ["SL101"]


async def test_rapid_edits_publish_only_the_latest_version(client: Client):
    uri = client.open("rapid/example_5.py", seed("example_5.py"))
    await client.diagnostics_for(uri, 1)
    text = seed("example_5.py")
    for batch in range(2, 12):
        last = client.change(uri, text.replace("input_shape=(32,", f"input_shape=({batch},"))
    (d,) = await client.diagnostics_for(uri, last)
    assert "(11, 28, 28, 3)" in d.message
    await asyncio.sleep(0.5)
    assert [p.version for p in client.publications(uri)] == [1, last]


async def test_a_result_for_a_superseded_version_is_dropped(client: Client):
    uri = client.open("superseded/example_5.py", seed("example_5.py"))
    await client.diagnostics_for(uri, 1)
    slow = client.change(uri, SLOW)
    await asyncio.sleep(0.45)  # past the debounce: the slow version's analysis is running
    latest = client.change(uri, seed("example_1.py"))
    assert [d.code for d in await client.diagnostics_for(uri, latest)] == ["SL101"]
    assert not client.publications(uri, slow)
