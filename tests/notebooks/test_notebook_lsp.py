"""Notebooks over LSP 3.17 notebook synchronisation: per-cell diagnostics and hovers through open,
edit, move, delete, add, save and close; inlay hints and fixes across cells."""
import time

import pytest
from lsprotocol import types

from ipynb import CALL, DATA, MODEL
from lsp_session import Client
from notebook_session import Notebook

pytestmark = pytest.mark.asyncio(loop_scope="module")

# The seed's example 1 in cells: a title, the data (after a magic and a shell line), a markdown
# cell, the model, and the call that fails.
EXAMPLE_1 = [("markdown", "# Example 1"), ("code", "%matplotlib inline\n!nvidia-smi\n" + DATA),
             ("markdown", "The model"), ("code", MODEL), ("code", CALL)]
TITLE, DATA_CELL, MODEL_CELL, CALL_CELL = 0, 1, 3, 4
WHOLE = types.Range(types.Position(0, 0), types.Position(100, 0))


async def inlay_hints(client: Client, uri: str):
    return await client.text_document_inlay_hint_async(types.InlayHintParams(types.TextDocumentIdentifier(uri), WHOLE))


async def hover(client: Client, uri: str, needle: str, offset: int = 0):
    found = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), client.position(uri, needle, offset)))
    return (found.contents.value, found.range) if found else (None, None)


async def test_the_server_synchronises_every_cell_of_jupyter_notebooks(client: Client):
    (selector,) = client.notebook_sync.notebook_selector
    assert selector.notebook == "jupyter-notebook" and selector.cells is None
    assert client.notebook_sync.save is True


async def test_open_shows_the_error_in_the_call_cell_with_its_causes_in_other_cells(client: Client):
    nb = Notebook(client, "open/example_1.ipynb", EXAMPLE_1)
    call, data, model = nb.cell(CALL_CELL), nb.cell(DATA_CELL), nb.cell(MODEL_CELL)
    (d,) = await client.diagnostics_for(call, 1)
    assert d.code == "SL101" and d.severity == types.DiagnosticSeverity.Error
    assert d.range == types.Range(client.position(call, "input_tensor)"), client.position(call, ") #"))
    assert d.message.endswith("(the model's input is (None, 28, 28, 1), declared on cell 4, line 2)")
    assert [(r.location.uri, r.location.range.start) for r in d.related_information] == [
        (data, client.position(data, "tf.random.normal")), (model, client.position(model, "(28, 28, 1)"))]
    # The magic and shell lines are not Python, and no error either.
    assert await client.diagnostics_for(data, 1) == [] and await client.diagnostics_for(model, 1) == []
    assert not client.publications(nb.cell(TITLE))


async def test_hovers_in_cells_show_what_the_whole_notebook_computes(client: Client):
    nb = Notebook(client, "hover/example_1.ipynb", EXAMPLE_1)
    call, data, model = nb.cell(CALL_CELL), nb.cell(DATA_CELL), nb.cell(MODEL_CELL)
    await client.diagnostics_for(call, 1)

    text, at = await hover(client, call, "input_tensor)", 3)
    assert text.startswith("**SL101**")
    assert "- cell 2, line 7: the data gets shape `(1, 28, 28, 3)` here" in text
    assert "- cell 4, line 2: the model's input `(None, 28, 28, 1)` is declared here" in text
    assert at.start == client.position(call, "input_tensor)")

    text, at = await hover(client, model, "Conv2D(32", 2)
    assert text.startswith("**Conv2D** · input `(None, 28, 28, 1)` → output `(None, 26, 26, 32)`")
    assert at == types.Range(client.position(model, "tf.keras.layers.Conv2D"), client.position(model, "),\n  tf", 1))
    assert (await hover(client, data, "input_tensor =", 3))[0] == "**Tensor** `(1, 28, 28, 3)` float32"
    assert await hover(client, nb.cell(TITLE), "Example") == (None, None)


async def test_editing_cells_updates_the_diagnostics_and_hovers(client: Client):
    nb = Notebook(client, "edit/example_1.ipynb", EXAMPLE_1)
    call = nb.cell(CALL_CELL)
    assert [d.code for d in await client.diagnostics_for(call, 1)] == ["SL101"]

    since = time.monotonic()
    nb.edit(MODEL_CELL, "(28, 28, 1)", "(28, 28, 3)")  # fixed in another cell
    assert await client.diagnostics_for(call, since=since) == []
    text, _ = await hover(client, nb.cell(MODEL_CELL), "Conv2D(32", 2)
    assert text.startswith("**Conv2D** · input `(None, 28, 28, 3)`")

    since = time.monotonic()
    nb.edit(MODEL_CELL, "(28, 28, 3)", "(28, 28, 1)")
    version = nb.edit(CALL_CELL, "  output = ", "  print('😀 é'); output = ")  # the call moves right
    (d,) = await client.diagnostics_for(call, version, since=since)
    assert d.code == "SL101" and d.range.start == client.position(call, "input_tensor)")


async def test_moving_cells_changes_what_runs_first(client: Client):
    nb = Notebook(client, "move/example_1.ipynb", EXAMPLE_1)
    call = nb.cell(CALL_CELL)
    assert [d.code for d in await client.diagnostics_for(call, 1)] == ["SL101"]

    since = time.monotonic()
    nb.move(CALL_CELL, MODEL_CELL)  # the call now runs before the model exists: nothing is known
    assert await client.diagnostics_for(call, since=since) == []

    since = time.monotonic()
    nb.move(3, 4)  # back after the model
    assert [d.code for d in await client.diagnostics_for(call, since=since)] == ["SL101"]

    since = time.monotonic()
    nb.move(TITLE, 4)  # the title to the end: the model is now the third cell
    (d,) = await client.diagnostics_for(call, since=since)
    assert d.message.endswith("declared on cell 3, line 2)")
    assert [r.location.uri for r in d.related_information] == [nb.cell(0), nb.cell(2)]


async def test_deleting_and_adding_cells(client: Client):
    nb = Notebook(client, "delete/example_1.ipynb", EXAMPLE_1)
    call = nb.cell(CALL_CELL)
    assert await client.diagnostics_for(call, 1)

    since = time.monotonic()
    assert nb.remove(CALL_CELL) == call
    assert await client.diagnostics_for(call, since=since) == []  # cleared with its cell

    since = time.monotonic()
    added = nb.insert(4, "code", CALL)
    assert [d.code for d in await client.diagnostics_for(added, 1, since=since)] == ["SL101"]

    since = time.monotonic()
    nb.remove(DATA_CELL)  # the data is gone: its shape is unknown, so nothing is reported
    assert await client.diagnostics_for(added, since=since) == []


async def test_a_syntax_error_while_typing_shows_on_save(client: Client):
    nb = Notebook(client, "save/example_1.ipynb", EXAMPLE_1)
    call = nb.cell(CALL_CELL)
    assert [d.code for d in await client.diagnostics_for(call, 1)] == ["SL101"]

    since = time.monotonic()
    version = nb.edit(CALL_CELL, "model_2(input_tensor)", "model_2(input_tensor")
    assert await client.diagnostics_for(call, version, since=since) == []  # as in files: nothing mid-typing
    since = time.monotonic()
    nb.save()
    (d,) = await client.diagnostics_for(call, version, since=since)
    assert d.code == "SL001" and d.range.start.line == 1


async def test_closing_a_notebook_clears_every_cell(client: Client):
    nb = Notebook(client, "close/example_1.ipynb", EXAMPLE_1)
    assert await client.diagnostics_for(nb.cell(CALL_CELL), 1)
    since = time.monotonic()
    nb.close()
    for index in (DATA_CELL, MODEL_CELL, CALL_CELL):
        assert await client.diagnostics_for(nb.cell(index), since=since) == []
    assert await hover(client, nb.cell(MODEL_CELL), "Conv2D") == (None, None)


async def test_inlay_hints_are_per_cell(client: Client):
    nb = Notebook(client, "hints/example_1.ipynb", EXAMPLE_1)
    data, model = nb.cell(DATA_CELL), nb.cell(MODEL_CELL)
    await client.diagnostics_for(nb.cell(CALL_CELL), 1)
    hints = await inlay_hints(client, model)
    assert [(h.position, h.label) for h in hints][:2] == [
        (client.position(model, "),\n  tf.keras.layers.MaxPool2D", 1), "→ (None, 26, 26, 32)"),
        (client.position(model, ",\n  tf.keras.layers.Flatten"), "→ (None, 13, 13, 32)")]
    hints = await inlay_hints(client, data)
    assert [(h.position.line, h.label) for h in hints] == [(6, "→ (1, 28, 28, 3)")]  # below the magic lines


async def test_the_fix_in_the_call_cell_edits_the_model_cell(client: Client):
    nb = Notebook(client, "fix/example_1.ipynb", EXAMPLE_1)
    call, model = nb.cell(CALL_CELL), nb.cell(MODEL_CELL)
    (d,) = await client.diagnostics_for(call, 1)
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(call), d.range, types.CodeActionContext([d])))
    (fix, ignore) = [a for a in found if a.kind == types.CodeActionKind.QuickFix]
    assert fix.title == "Declare 3 channels in the input shape to match the data"
    assert ignore.title == "Ignore SL101 on this line"
    if fix.edit.document_changes:
        (change,) = fix.edit.document_changes
        assert (change.text_document.uri, change.text_document.version) == (model, 1)
        edits = change.edits
    else:
        edits = fix.edit.changes[model]
    (edit,) = edits
    assert edit.new_text == "3" and edit.range.start == client.position(model, "1))")

    # The model cell's SL301 hint offers its rewrite there, as in a file.
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(model), types.Range(edit.range.start, edit.range.start),
        types.CodeActionContext([])))
    assert [a.title for a in found] == ["Declare the input with keras.Input instead of input_shape="]


@pytest.mark.parametrize("fix_all", ["source.fixAll.shapelens", "notebook.source.fixAll.shapelens"])
async def test_fix_all_in_a_cell_fixes_the_whole_notebook_one_edit_per_cell(client: Client, fix_all: str):
    product = "import numpy as np\nweights = np.ones((5, 3))\nscores = np.ones((4, 3)) @ weights"
    nb = Notebook(client, f"{fix_all}/example_1.ipynb", EXAMPLE_1 + [("code", product)])
    call, model, last = nb.cell(CALL_CELL), nb.cell(MODEL_CELL), nb.cell(len(EXAMPLE_1))
    await client.diagnostics_for(call, 1)
    assert [d.code for d in await client.diagnostics_for(last, 1)] == ["SL110"]
    (action,) = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(last), WHOLE, types.CodeActionContext([], only=[fix_all])))
    assert action.kind == fix_all and action.title == "Fix all Shape Lens problems in this notebook"
    if action.edit.document_changes:
        edited = {c.text_document.uri: (c.text_document.version, c.edits) for c in action.edit.document_changes}
    else:
        edited = {uri: (None, edits) for uri, edits in action.edit.changes.items()}
    assert set(edited) == {model, last}
    ((model_edit,), (last_edit,)) = edited[model][1], edited[last][1]
    assert model_edit.new_text == "3" and model_edit.range.start == client.position(model, "1))")
    assert last_edit.new_text == ".T" and last_edit.range.start == client.position(last, "@ weights", 9)
    since = time.monotonic()  # applied as the editor applies it
    nb.edit(MODEL_CELL, "28, 28, 1)", "28, 28, 3)")
    version = nb.edit(len(EXAMPLE_1), "@ weights", "@ weights.T")
    assert await client.diagnostics_for(last, version, since=since) == []
    assert await client.diagnostics_for(call, since=since) == []
    assert await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(last), WHOLE, types.CodeActionContext([], only=[fix_all]))) == ()
