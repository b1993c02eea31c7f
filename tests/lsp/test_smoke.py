import pytest
from lsp_session import Client, seed

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_open(client: Client):
    uri = client.open("smoke/example_1.py", seed("example_1.py"))
    (d,) = await client.diagnostics_for(uri, 1)
    print(d)
