"""Per-session behaviour, each test with its own server: options, the Keras oracle, TCP."""
import asyncio
import socket
import subprocess
import textwrap
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from lsp_session import CONFIG, SERVER_COMMAND, Client, make_client, seed, until, without_a_rule

pytestmark = pytest.mark.asyncio

WHOLE = types.Range(types.Position(0, 0), types.Position(100, 0))
FIXED_5 = seed("example_5.py").replace("input_shape=(32, 28, 28, 3)", "input_shape=(28, 28, 3)")


@pytest_lsp.fixture(config=CONFIG)
async def neovim_quiet(lsp_client: Client):
    await lsp_client.start_session("neovim", {"shapelens": {"analyzeOnType": False, "inlayHints": {"enable": False}}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def vscode(lsp_client: Client):
    await lsp_client.start_session("visual-studio-code")
    yield
    await lsp_client.shutdown_session()


async def hints(client: Client, uri: str):
    return await client.text_document_inlay_hint_async(types.InlayHintParams(types.TextDocumentIdentifier(uri), WHOLE))


async def test_options_from_initialization_then_changed_in_a_shapelens_section(neovim_quiet: Client):
    client = neovim_quiet
    uri = client.open("quiet/example_5.py", seed("example_5.py"))
    assert [d.code for d in await client.diagnostics_for(uri, 1)] == ["SL103"]  # open always checks

    version = client.change(uri, FIXED_5)
    await asyncio.sleep(0.8)
    assert not client.publications(uri, version)  # analyzeOnType off: nothing while typing
    client.save(uri)
    assert await client.diagnostics_for(uri, version) == []
    assert await hints(client, uri) == ()

    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        {"shapelens": {"analyzeOnType": True, "inlayHints": {"enable": True}}}))
    await until(lambda: client.inlay_hint_refreshes == 1)  # Neovim declares refreshSupport
    assert await hints(client, uri)
    version = client.change(uri, seed("example_5.py"))
    assert [d.code for d in await client.diagnostics_for(uri, version)] == ["SL103"]


async def test_options_changed_with_flat_keys(vscode: Client):
    client = vscode
    uri = client.open("flat/example_5.py", seed("example_5.py"))
    await client.diagnostics_for(uri, 1)
    assert await hints(client, uri)

    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        {"analyzeOnType": False, "inlayHints": False}))
    assert await hints(client, uri) == ()
    version = client.change(uri, FIXED_5)
    await asyncio.sleep(0.8)
    assert not client.publications(uri, version)
    assert client.inlay_hint_refreshes == 0  # VS Code 1.65 has no refreshSupport: none is sent


EINSUM = textwrap.dedent("""\
    import numpy as np
    import keras
    inputs = keras.Input((8,))
    outputs = keras.layers.EinsumDense("ab,bc->ac", output_shape=4)(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    model.fit(np.zeros((6, 8)), np.zeros((6, 5)), epochs=1, verbose=0)
""")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=without_a_rule("EinsumDense") + ["server"], client_factory=make_client))
async def vscode_without_a_rule(lsp_client: Client):
    await lsp_client.start_session("visual-studio-code")
    yield
    await lsp_client.shutdown_session()


async def test_a_layer_without_a_rule_is_rechecked_once_keras_has_loaded(vscode_without_a_rule: Client):
    client = vscode_without_a_rule
    uri = client.open("oracle/einsum.py", EINSUM)
    # Answered at once, without waiting for Keras: EinsumDense's output is unknown, so nothing is found.
    assert await client.diagnostics_for(uri, 1) == []
    # Keras loads in the background and the file is checked again with it.
    await until(lambda: any(p.diagnostics for p in client.publications(uri, 1)), timeout=60)
    (d,) = client.publications(uri, 1)[-1].diagnostics
    assert d.code == "SL202" and d.range.start.line + 1 == 7


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_the_server_listens_on_tcp():
    port = free_port()
    server = subprocess.Popen([*SERVER_COMMAND, "--tcp", f"127.0.0.1:{port}"])
    client = make_client()
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
        await client.start_session("visual-studio-code")
        uri = client.open("tcp/example_5.py", seed("example_5.py"))
        assert [d.code for d in await client.diagnostics_for(uri, 1)] == ["SL103"]
        await client.shutdown_session()
        assert await asyncio.to_thread(server.wait, 10) == 0
    finally:
        server.kill()
        await client.stop()
