import pytest_lsp

from lsp_session import CLIENTS, CONFIG, Client


@pytest_lsp.fixture(scope="module", params=CLIENTS, config=CONFIG)
async def client(request, lsp_client: Client):
    """One server per test module and client kind; tests use their own document URIs."""
    await lsp_client.start_session(request.param)
    yield
    await lsp_client.shutdown_session()
