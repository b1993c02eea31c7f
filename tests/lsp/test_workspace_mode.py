"""diagnosticMode "workspace": the files that are not open are checked in the background (with
work-done progress), published, re-checked when they change on disk, and cleared when the mode
goes back to open files."""
import asyncio
import json
import textwrap
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls import uris
from pytest_lsp import client_capabilities

from lsp_session import CONFIG, Client, until

pytestmark = pytest.mark.asyncio

MATMUL = "import numpy as np\nfrom lib import WIDTH\n\nnp.zeros((2, 3)) @ np.zeros((WIDTH, 5))\n"
BROKEN = "import numpy as np\n\nnp.zeros((2, 3)) @ np.zeros((4, 5))\n"
NOTEBOOK = json.dumps({"cells": [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": ["import numpy as np\n"]},
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
     "source": ["\n", "y = np.zeros((2, 3)) @ np.zeros((4, 5))\n"]},
], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
LAYOUT = {
    "lib.py": "WIDTH = 4\n", "main.py": MATMUL, "clean.py": "x = 1\n", "pkg/broken.py": BROKEN,
    "analysis.ipynb": NOTEBOOK, "uses_extra.py": MATMUL.replace("from lib import WIDTH", "from extra import WIDTH"),
    # never checked: excluded by default, by the configuration, or ignored by git
    "build/broken.py": BROKEN, "gen/broken.py": BROKEN, "scratch.py": BROKEN,
    "shapelens.toml": 'extend-exclude = ["gen"]\n', ".gitignore": "scratch.py\n",
}
CHECKED = ["lib.py", "main.py", "clean.py", "pkg/broken.py", "analysis.ipynb", "uses_extra.py"]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


async def start(client: Client, root: Path, kind: str = "visual-studio-code", mode: str = "workspace") -> None:
    client.root = root
    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(kind), initialization_options={"shapelens": {"diagnosticMode": mode}},
        workspace_folders=[types.WorkspaceFolder(uris.from_fs_path(str(root)), root.name)]))
    client.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16


@pytest_lsp.fixture(config=CONFIG)
async def project(lsp_client: Client, tmp_path: Path):
    write(tmp_path, LAYOUT)
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


def uri(root: Path, name: str) -> str:
    return uris.from_fs_path(str(root / name))


def codes(client: Client, root: Path, name: str) -> list[str]:
    """The codes last published for the file. A loaded machine may stop a check at its budget
    (SL002, information): what it found is still all true."""
    return [d.code for d in client.diagnostics[uri(root, name)] if d.code != "SL002"]


def progress_ended(client: Client) -> bool:
    return any(isinstance(r, types.WorkDoneProgressEnd) for rs in client.progress_reports.values() for r in rs)


async def checked(client: Client, root: Path) -> None:
    await until(lambda: progress_ended(client) and all(uri(root, n) in client.diagnostics for n in CHECKED))


def open_file(client: Client, root: Path, name: str, text: str) -> str:
    address = uri(root, name)
    client.versions[address], client.texts[address] = 1, text
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=address, language_id="python", version=1, text=text)))
    return address


def changed(client: Client, root: Path, *events: tuple[str, types.FileChangeType]) -> float:
    at = time.monotonic()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri(root, name), kind) for name, kind in events]))
    return at


async def test_every_file_is_checked_with_progress_and_the_configuration_honoured(project):
    client, root = project, project.root
    await checked(client, root)
    (token, reports), = client.progress_reports.items()
    begin, *middle, end = reports
    assert isinstance(begin, types.WorkDoneProgressBegin) and begin.title == "Shape Lens"
    assert begin.message.startswith("Checking workspace: 0/")
    assert all(isinstance(r, types.WorkDoneProgressReport) for r in middle)
    assert isinstance(end, types.WorkDoneProgressEnd)
    assert end.message == f"Checked {len(CHECKED)} files"

    assert codes(client, root, "main.py") == ["SL110"]  # through the module it imports
    assert codes(client, root, "pkg/broken.py") == ["SL110"]
    assert [codes(client, root, name) for name in ("clean.py", "lib.py", "uses_extra.py")] == [[], [], []]
    (cell,) = client.diagnostics[uri(root, "analysis.ipynb")]  # on the notebook file, in its cell
    assert cell.message.startswith("cell 3: matmul") and cell.range.start == types.Position(1, 4)
    published = {p.uri for _, p in client.published}
    assert published == {uri(root, name) for name in CHECKED}  # nothing excluded or ignored

    registration, = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert [(w["globPattern"], w.get("kind")) for w in registration.register_options["watchers"]][1:] == [
        ("**/*.py", None), ("**/*.ipynb", None), ("**/*", types.WatchKind.Delete)]  # after the configuration's


async def test_a_change_on_disk_rechecks_the_file_and_its_importers(project):
    client, root = project, project.root
    await checked(client, root)
    write(root, {"lib.py": "WIDTH = 3\n", "pkg/broken.py": "x = 2\n"})
    since = changed(client, root, ("lib.py", types.FileChangeType.Changed))
    assert await client.diagnostics_for(uri(root, "main.py"), since=since) == []  # its importer
    assert codes(client, root, "pkg/broken.py") == ["SL110"]  # not reported changed: not checked again

    (root / "pkg/broken.py").unlink()
    write(root, {"new.py": BROKEN, "extra.py": "WIDTH = 4\n"})
    since = changed(client, root, ("pkg/broken.py", types.FileChangeType.Deleted),
                    ("new.py", types.FileChangeType.Created), ("build/new.py", types.FileChangeType.Created),
                    ("extra.py", types.FileChangeType.Created))
    assert [d.code for d in await client.diagnostics_for(uri(root, "new.py"), since=since)] == ["SL110"]
    # its import of the module that did not exist now finds it
    assert [d.code for d in await client.diagnostics_for(uri(root, "uses_extra.py"), since=since)] == ["SL110"]
    assert await client.diagnostics_for(uri(root, "pkg/broken.py"), since=since) == []
    assert not client.publications(uri(root, "build/new.py"))  # excluded

    write(root, {"pkg/more.py": BROKEN})
    since = changed(client, root, ("pkg/more.py", types.FileChangeType.Created))
    assert [d.code for d in await client.diagnostics_for(uri(root, "pkg/more.py"), since=since)] == ["SL110"]
    (root / "pkg/more.py").unlink()
    (root / "pkg").rmdir()
    since = changed(client, root, ("pkg", types.FileChangeType.Deleted))  # the folder's only event
    assert await client.diagnostics_for(uri(root, "pkg/more.py"), since=since) == []


async def test_an_open_document_keeps_its_own_diagnostics_and_leaves_the_file_s_on_close(project):
    client, root = project, project.root
    await checked(client, root)
    address = open_file(client, root, "pkg/broken.py", "x = 1\n")  # unsaved: differs from the disk
    assert await client.diagnostics_for(address, 1) == []
    since = time.monotonic()
    client.close(address)
    await until(lambda: client.publications(address, since=since))
    after = client.publications(address, since=since)
    assert [d.code for d in after[0].diagnostics] == ["SL110"]  # the file on disk's, never cleared first

    address = open_file(client, root, "main.py", MATMUL)
    await client.diagnostics_for(address, 1)
    since = changed(client, root, ("main.py", types.FileChangeType.Changed))  # saved: open, so not from disk
    write(root, {"lib.py": "WIDTH = 3\n"})
    changed(client, root, ("lib.py", types.FileChangeType.Changed))
    assert await client.diagnostics_for(address, since=since) == []  # the open importer too
    assert all(p.version == 1 for p in client.publications(address, since=since))

    (root / "main.py").unlink()  # deleted on disk while open: the editor's text is still checked
    write(root, {"lib.py": "WIDTH = 4\n"})
    since = changed(client, root, ("main.py", types.FileChangeType.Deleted), ("lib.py", types.FileChangeType.Changed))
    await client.diagnostics_for(uri(root, "lib.py"), since=since)
    await asyncio.sleep(0.5)
    assert all(p.version == 1 for p in client.publications(address, since=since))


async def test_back_to_open_files_clears_the_files_not_open(project):
    client, root = project, project.root
    await checked(client, root)
    address = open_file(client, root, "pkg/broken.py", BROKEN)
    await client.diagnostics_for(address, 1)
    since = time.monotonic()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        {"shapelens": {"diagnosticMode": "openFiles"}}))
    others = [uri(root, name) for name in CHECKED if name != "pkg/broken.py"]
    await until(lambda: all(client.publications(u, since=since) for u in others))
    assert not any(client.diagnostics[u] for u in others)
    assert not client.publications(address, since=since)
    assert [d.code for d in client.diagnostics[address]] == ["SL110"]  # open: kept


@pytest_lsp.fixture(config=CONFIG)
async def large(lsp_client: Client, tmp_path: Path):
    write(tmp_path, {f"pkg{i // 100}/module_{i}.py": MODEL.format(i=i) for i in range(1000)})
    await start(lsp_client, tmp_path, kind="neovim")
    yield
    await lsp_client.shutdown_session()


MODEL = textwrap.dedent("""\
    import numpy as np
    from tensorflow import keras

    model = keras.Sequential([
        keras.Input(({i} % 7 + 4, 3)),
        keras.layers.Conv1D(8, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(10),
    ])
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.zeros((32, {i} % 7 + 4, 3)), np.zeros((32, 10)), epochs=1)
""")


async def test_a_large_workspace_does_not_delay_the_document_being_edited(large):
    client, root = large, large.root
    await until(lambda: len(client.published) >= 10, timeout=60)  # the background check is under way
    address = open_file(client, root, "main.py", BROKEN)
    assert [d.code for d in await client.diagnostics_for(address, 1)] == ["SL110"]
    assert not progress_ended(client)  # answered while 1,000 files wait
    assert len({p.uri for _, p in client.published}) < 500


async def test_a_notebook_s_diagnostics_move_to_its_cells_while_it_is_open(project):
    client, root = project, project.root
    await checked(client, root)
    address = uri(root, "analysis.ipynb")
    cells = [(f"vscode-notebook-cell:{root}/analysis.ipynb#C{k}", kind, text) for k, (kind, text) in enumerate([
        (types.NotebookCellKind.Markup, "# Title"), (types.NotebookCellKind.Code, "import numpy as np\n"),
        (types.NotebookCellKind.Code, "\ny = np.zeros((2, 3)) @ np.zeros((4, 5))\n")])]
    since = time.monotonic()
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        types.NotebookDocument(address, "jupyter-notebook", 1, [types.NotebookCell(kind, u) for u, kind, _ in cells]),
        [types.TextDocumentItem(u, "python" if kind == types.NotebookCellKind.Code else "markdown", 1, text)
         for u, kind, text in cells]))
    assert [d.code for d in await client.diagnostics_for(cells[2][0], since=since)] == ["SL110"]
    assert await client.diagnostics_for(address, since=since) == []

    since = time.monotonic()
    client.notebook_document_did_close(types.DidCloseNotebookDocumentParams(
        types.NotebookDocumentIdentifier(address), [types.TextDocumentIdentifier(u) for u, _, _ in cells]))
    assert [d.code for d in await client.diagnostics_for(address, since=since)] == ["SL110"]  # from the disk
    assert await client.diagnostics_for(cells[2][0], since=since) == []


async def test_a_configuration_change_rechecks_the_workspace_as_it_now_says(project):
    client, root = project, project.root
    await checked(client, root)
    write(root, {"shapelens.toml": 'extend-exclude = ["gen", "pkg"]\nignore = ["SL110"]\n', "gen/broken.py": BROKEN})
    since = changed(client, root, ("shapelens.toml", types.FileChangeType.Changed))
    assert await client.diagnostics_for(uri(root, "pkg/broken.py"), since=since) == []  # excluded now
    assert await client.diagnostics_for(uri(root, "main.py"), since=since) == []  # its code ignored now
    assert not client.publications(uri(root, "gen/broken.py"))


async def test_workspace_folders_added_and_removed(project):
    client, root = project, project.root
    await checked(client, root)
    second = root.parent / f"{root.name}-second"
    write(second, {"other.py": BROKEN})
    since = time.monotonic()
    folder = [types.WorkspaceFolder(uris.from_fs_path(str(path)), path.name) for path in (second, root)]
    event = types.WorkspaceFoldersChangeEvent(added=folder[:1], removed=folder[1:])
    client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(event))
    assert [d.code for d in await client.diagnostics_for(uri(second, "other.py"), since=since)] == ["SL110"]
    assert await client.diagnostics_for(uri(root, "main.py"), since=since) == []  # no longer in the workspace
