"""Configuration files in the language server: each document is checked with the nearest one, as
the CLI does; a file's mistakes are shown once and the defaults used for the keys at fault; a
changed configuration file re-checks the open documents."""
import time

import pytest
from lsprotocol import types
from pygls import uris

from lsp_session import Client, until

pytestmark = pytest.mark.asyncio(loop_scope="module")

# SL101 (predict on 6 features, the model takes 4) and SL110 (a reshape of 6 values into 35)
PROGRAM = """import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
model.predict(np.ones((3, 6)))
flat = np.reshape(np.zeros((2, 3)), (5, 7))
"""


def open_file(client: Client, path, text: str = PROGRAM) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    uri = uris.from_fs_path(str(path))
    client.versions[uri], client.texts[uri] = 1, text
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    return uri


async def codes(client: Client, uri: str, since: float = 0.0) -> list[str]:
    return [d.code for d in await client.diagnostics_for(uri, since=since)]


def changed(client: Client, *paths) -> float:
    """Tell the server files changed on disk, as the editor's file watcher does; when it was told."""
    told = time.monotonic()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uris.from_fs_path(str(p)), types.FileChangeType.Changed) for p in paths]))
    return told


async def test_configuration_files_are_watched_or_looked_at_on_save(client: Client, tmp_path):
    """VS Code watches files for the server; Neovim does not (by default on Linux), so a save looks
    for configuration files that changed."""
    config = tmp_path / "shapelens.toml"
    config.write_text('ignore = ["SL101"]\n')
    uri = open_file(client, tmp_path / "a.py")
    assert await codes(client, uri) == ["SL110"]
    watched = [w["globPattern"] for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
               for w in r.register_options["watchers"]]
    if client.kind == "visual-studio-code":
        assert "**/{.shapelens.toml,shapelens.toml,pyproject.toml}" in watched
        return
    assert watched == []
    config.write_text('ignore = ["SL110"]\n')
    saved = time.monotonic()
    client.save(uri)
    assert await codes(client, uri, since=saved) == ["SL101"]


async def test_the_nearest_configuration_selects_what_is_shown(client: Client, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.shapelens]\nignore = ["SL110"]\n')
    (tmp_path / "sub" / "shapelens.toml").parent.mkdir()
    (tmp_path / "sub" / "shapelens.toml").write_text('select = ["SL110"]\n')
    assert await codes(client, open_file(client, tmp_path / "a.py")) == ["SL101"]
    assert await codes(client, open_file(client, tmp_path / "sub" / "b.py")) == ["SL110"]
    assert await codes(client, open_file(client, tmp_path / "sub" / "deeper" / "c.py")) == ["SL110"]


async def test_per_file_ignores_and_hints(client: Client, tmp_path):
    (tmp_path / "quiet" / ".shapelens.toml").parent.mkdir()
    (tmp_path / "quiet" / ".shapelens.toml").write_text('hints = false\n[per-file-ignores]\n"tests/*" = ["SL1"]\n')
    uri = open_file(client, tmp_path / "quiet" / "tests" / "t.py")
    await until(lambda: client.publications(uri))
    assert list(client.publications(uri)[0].diagnostics) == []

    hinted = PROGRAM + "other = keras.Sequential([keras.layers.Dense(2, input_shape=(4,))])\n"  # SL301, a hint

    async def severities(path) -> list:
        uri = open_file(client, path, hinted)
        await until(lambda: client.publications(uri))
        return [(d.code, d.severity) for d in client.publications(uri)[0].diagnostics]

    errors = [("SL101", types.DiagnosticSeverity.Error), ("SL110", types.DiagnosticSeverity.Error)]
    assert await severities(tmp_path / "quiet" / "h.py") == errors
    assert await severities(tmp_path / "h.py") == errors + [("SL301", types.DiagnosticSeverity.Hint)]


async def test_a_changed_configuration_re_checks_open_documents(client: Client, tmp_path):
    config = tmp_path / "shapelens.toml"
    config.write_text('ignore = ["SL101"]\n')
    uri = open_file(client, tmp_path / "a.py")
    assert await codes(client, uri) == ["SL110"]
    config.write_text('ignore = ["SL110"]\n')
    assert await codes(client, uri, since=changed(client, config)) == ["SL101"]
    config.unlink()
    assert await codes(client, uri, since=changed(client, config)) == ["SL101", "SL110"]


async def test_a_bad_configuration_is_shown_once_and_its_good_keys_still_apply(client: Client, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.shapelens]\nselect = "SL1"\ncolour = "red"\nignore = ["SL110"]\n')
    before = len(client.messages)
    first = await codes(client, open_file(client, tmp_path / "a.py"))
    second = await codes(client, open_file(client, tmp_path / "b.py"))
    assert first == second == ["SL101"]  # `ignore` applies; `select` is the default (every code)
    (message,) = client.messages[before:]
    assert message.type == types.MessageType.Warning
    assert message.message.startswith(f"Shape Lens: {config} has problems; the defaults are used instead:\n")
    assert "- [tool.shapelens] unknown key `colour`" in message.message
    assert "- [tool.shapelens] `select` must be a list of codes or prefixes" in message.message

    changed(client, tmp_path / "unrelated.py")  # not a configuration file: nothing is read again
    config.write_text('[tool.shapelens]\nignore = ["SL110"]\n')
    assert await codes(client, open_file(client, tmp_path / "a.py"), since=changed(client, config)) == ["SL101"]
    assert len(client.messages) == before + 1


async def test_keras_version_2_gives_keras_2_wording(client: Client, tmp_path):
    (tmp_path / "shapelens.toml").write_text("keras-version = 2\n")
    uri = open_file(client, tmp_path / "a.py", PROGRAM.replace("keras.Input(shape=(4,)), keras.layers.Dense(2)",
                                                               "keras.layers.Dense(2, input_shape=(4,))"))
    (d, _) = await client.diagnostics_for(uri)
    assert d.code == "SL107" and d.message.startswith('Input 0 of layer "sequential" is incompatible')
