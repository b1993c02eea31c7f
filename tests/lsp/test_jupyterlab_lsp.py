"""A notebook as jupyterlab-lsp sends it: one text document under the notebook's URI, its code
cells joined by blank lines and IPython's syntax rewritten as `get_ipython()` calls."""
import pytest
from lsprotocol import types

from lsp_session import Client

pytestmark = pytest.mark.asyncio(loop_scope="module")

# What jupyterlab-lsp 5.3 sent for a notebook whose cells are a title (markdown), `!pip install
# "tensorflow>=2.16"` and `%matplotlib inline`, the data, `%%bash` + `echo "$HOME"`, the model
# and `model?`, `model.fit(...)`, and `%%time` + `model.predict(...)`. The shell command and the
# cell magic's body end with a quote, which makes them invalid Python.
VIRTUAL_DOCUMENT = '''


get_ipython().getoutput("pip install "tensorflow>=2.16"")
get_ipython().run_line_magic("matplotlib", " inline")


import numpy as np
from tensorflow import keras

features = np.random.rand(256, 12)
prices = np.random.rand(256, 1)


get_ipython().run_cell_magic("bash", "", """echo "$HOME"""")


model = keras.Sequential([
    keras.Input(shape=(10,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
get_ipython().run_line_magic('pinfo',  'model')


model.fit(features, prices, epochs=5)


# START_CELL_MAGIC("time", "")
predicted = model.predict(features)
# END_CELL_MAGIC
'''


async def test_errors_and_hovers_in_a_jupyterlab_notebook(client: Client):
    uri = client.open("jupyterlab/prices.ipynb", VIRTUAL_DOCUMENT)
    diagnostics = await client.diagnostics_for(uri, 1)
    assert [(d.code, d.range.start) for d in diagnostics] == [
        ("SL101", client.position(uri, "features, prices")),
        ("SL101", client.position(uri, "features)", occurrence=0)),
    ]
    assert "expected axis -1 of input shape to have value 10" in diagnostics[0].message

    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), client.position(uri, "features =")))
    assert hover.contents.value == "**Tensor** `(256, 12)` float64"


async def test_the_same_text_in_a_python_file_is_read_as_written(client: Client):
    uri = client.open("jupyterlab/prices.py", VIRTUAL_DOCUMENT)
    (diagnostic,) = await client.diagnostics_for(uri, 1)
    assert diagnostic.code == "SL001"
    assert diagnostic.range.start.line == client.position(uri, 'get_ipython().run_cell_magic("bash"').line


async def test_a_suppression_comment_in_a_cell_silences_its_line(client: Client):
    text = VIRTUAL_DOCUMENT.replace("epochs=5)", "epochs=5)  # shapelens: ignore[SL101]")
    uri = client.open("jupyterlab/suppressed.ipynb", text)
    (diagnostic,) = await client.diagnostics_for(uri, 1)
    assert diagnostic.range.start == client.position(uri, "features)")
