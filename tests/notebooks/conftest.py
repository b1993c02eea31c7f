import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import client_capabilities

sys.path.insert(0, str(Path(__file__).parent.parent / "lsp"))  # the LSP tests' session helpers
from lsp_session import CLIENTS, CONFIG, Client  # noqa: E402


@pytest_lsp.fixture(scope="module", params=CLIENTS, config=CONFIG)
async def client(request, lsp_client: Client):
    """One server per test module and client kind, the client able to synchronise notebooks (as
    VS Code's is; Neovim's is not, it stands here for clients counting in UTF-8)."""
    capabilities = client_capabilities(request.param)
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities())
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    lsp_client.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    lsp_client.notebook_sync = result.capabilities.notebook_document_sync
    yield
    await lsp_client.shutdown_session()
