import pytest_lsp
from lsprotocol import types
from pytest_lsp import client_capabilities

from notebook_session import CLIENTS, CONFIG, Client


@pytest_lsp.fixture(scope="module", params=CLIENTS, config=CONFIG)
async def client(request, lsp_client: Client):
    """One server per test module and client kind, the client able to synchronise notebooks (as
    VS Code is since 1.67; Neovim is not, it stands for clients counting in UTF-8)."""
    capabilities = client_capabilities(request.param)
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities())
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    lsp_client.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    lsp_client.notebook_sync = result.capabilities.notebook_document_sync
    yield
    await lsp_client.shutdown_session()
