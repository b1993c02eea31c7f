"""`shapelens/modelGraph` and the "Show graph" code lenses, over a real session."""
from typing import Any

import attrs
import pytest
from lsprotocol import types

from lsp_session import Client, seed, until
from shapelens.lsp.documents import Documents

pytestmark = pytest.mark.asyncio(loop_scope="module")

BRANCHES = """import numpy as np
import keras
from keras import layers

inputs = keras.Input((32,))
a = layers.Dense(16, name="left")(inputs)
b = layers.Dense(8, name="right")(inputs)
merged = layers.Concatenate(name="merge")([a, b])
outputs = layers.Dense(1, name="out")(merged)
model = keras.Model(inputs, outputs)
model.predict(np.zeros((4, 30)))

small = keras.Sequential([keras.Input((4,)), layers.Dense(2, name="tiny")])
"""


async def model_graph(client: Client, uri: str, line: int | None = None) -> dict:
    params = {"uri": uri} if line is None else {"uri": uri, "line": line}
    protocol = client.protocol
    # pygls makes an unknown method's reply named tuples ("class" and "from" renamed): keep the JSON.
    typed = type(protocol).get_result_type.__get__(protocol)
    protocol.get_result_type = lambda method: RawReply if method == "shapelens/modelGraph" else typed(method)
    return await protocol.send_request_async("shapelens/modelGraph", params)


@attrs.define
class RawReply:
    id: Any
    jsonrpc: str
    result: Any = None


def at(client: Client, uri: str, needle: str, offset: int = 0) -> dict:
    position = client.position(uri, needle, offset)
    return {"line": position.line, "character": position.character}


async def test_a_sequential_model_has_its_layers_and_the_shapes_between_them(client: Client):
    uri = client.open("graph/example_1.py", seed("example_1.py"))
    await client.diagnostics_for(uri, 1)
    reply = await model_graph(client, uri, 9)
    assert (reply["uri"], reply["version"], reply["selected"]) == (uri, 1, 0)
    (graph,) = reply["graphs"]
    assert (graph["name"], graph["class"]) == ("sequential", "Sequential")
    assert graph["location"]["range"]["start"] == at(client, uri, "tf.keras.models.Sequential")
    assert [(n["name"], n["class"], n["shape"]) for n in graph["nodes"]] == [
        ("input_layer", "InputLayer", [None, 28, 28, 1]), ("conv2d", "Conv2D", [None, 26, 26, 32]),
        ("max_pooling2d", "MaxPooling2D", [None, 13, 13, 32]), ("flatten", "Flatten", [None, 5408]),
        ("dense", "Dense", [None, 10]), ("input_tensor", "Data", [1, 28, 28, 3])]
    conv = graph["nodes"][1]
    assert conv["params"] == 320 and conv["location"]["range"]["start"] == at(client, uri, "tf.keras.layers.Conv2D")
    assert {"from": "n1", "to": "n2", "shape": [None, 26, 26, 32], "error": None} in graph["edges"]
    assert {"from": "n3", "to": "n4", "shape": [None, 5408], "error": None} in graph["edges"]
    assert {"from": "n5", "to": "n0", "shape": [1, 28, 28, 3],
            "error": "expected (None, 28, 28, 1) · got (1, 28, 28, 3)"} in graph["edges"]
    (error,) = graph["errors"]
    assert error["code"] == "SL101"
    assert error["range"]["start"] == at(client, uri, "input_tensor) # error")


async def test_a_functional_model_with_branches_and_the_data_it_refuses(client: Client):
    uri = client.open("graph/branches.py", BRANCHES)
    reply = await model_graph(client, uri, 6)
    functional, sequential = reply["graphs"]
    assert reply["selected"] == 0 and sequential["nodes"][1]["name"] == "tiny"
    names = {n["id"]: n["name"] for n in functional["nodes"]}
    edges = {(names[e["from"]], names[e["to"]]): e for e in functional["edges"]}
    assert edges["input_layer", "left"]["shape"] == edges["input_layer", "right"]["shape"] == [None, 32]
    assert edges["left", "merge"]["shape"] == [None, 16] and edges["right", "merge"]["shape"] == [None, 8]
    assert edges["merge", "out"] == {"from": "n3", "to": "n4", "shape": [None, 24], "error": None}
    assert edges["np.zeros((4, 30))", "input_layer"]["error"] == "expected (None, 32) · got (4, 30)"
    data = next(n for n in functional["nodes"] if n["class"] == "Data")
    assert data["input"] and data["location"]["range"]["start"] == at(client, uri, "np.zeros((4, 30))")
    assert [n["name"] for n in functional["nodes"] if n["output"]] == ["out"]
    assert (await model_graph(client, uri, 12))["selected"] == 1
    assert (await model_graph(client, uri))["selected"] is None


async def test_code_lenses_show_the_graph_of_each_model(client: Client):
    uri = client.open("graph/lenses.py", BRANCHES)
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(types.TextDocumentIdentifier(uri)))
    assert [(lens.range.start, lens.command.title, lens.command.command, list(lens.command.arguments))
            for lens in lenses] == [
        (client.position(uri, "keras.Model("), "Show graph", "shapelens.showGraph", [uri, 9]),
        (client.position(uri, "keras.Sequential("), "Show graph", "shapelens.showGraph", [uri, 12])]
    assert all(lens.range.start == lens.range.end for lens in lenses)


async def test_the_graph_follows_an_edit_before_it_is_saved(client: Client):
    uri = client.open("graph/edited.py", seed("example_1.py"))
    before = await model_graph(client, uri, 9)
    assert any(e["error"] for e in before["graphs"][0]["edges"])
    version = client.change(uri, client.texts[uri].replace("input_shape=(28, 28, 1)", "input_shape=(28, 28, 3)"))
    await until(lambda: client.publications(uri, version))
    after = await model_graph(client, uri, 9)
    assert after["version"] == version
    (graph,) = after["graphs"]
    assert not any(e["error"] for e in graph["edges"]) and graph["errors"] == []
    assert graph["nodes"][1]["params"] == 896  # 3 × 3 × 3 × 32 + 32
    assert all(n["class"] != "Data" for n in graph["nodes"])


async def test_no_graph_for_a_document_that_is_not_open(client: Client):
    assert await model_graph(client, "file:///shapelens-tests/graph/never-opened.py") is None


async def test_a_documents_analyses_draw_its_graphs_once_they_are_asked_for():
    published = []
    documents = Documents(lambda uri, version, text, report: published.append(report), print, delay=0.01)
    uri, text = "file:///graphs/m.py", seed("example_1.py")
    documents.open(uri, "/graphs/m.py", text, 1)
    await until(lambda: published)
    assert published[0].graphs == []  # nobody asked: no cost
    analysis = await documents.with_graphs(uri)
    assert analysis.version == 1 and [g.name for g in analysis.report.graphs] == ["sequential"]
    documents.change(uri, text.replace("Dense(10", "Dense(12"), 2, True)
    await until(lambda: len(published) == 2)
    assert published[1].graphs[0].nodes[4].shape == (None, 12)
    assert await documents.with_graphs(uri) is documents.latest(uri)  # the published analysis, not another


async def test_code_lenses_need_only_where_the_models_are():
    documents = Documents(lambda uri, version, text, report: None, print, delay=0.01)
    uri = "file:///graphs/lensed.py"
    documents.open(uri, "/graphs/lensed.py", seed("example_1.py"), 1)
    placed = await documents.with_graphs(uri, places=True)
    assert [(g.name, g.span.line, g.nodes) for g in placed.report.graphs] == [("sequential", 7, ())]
    drawn = await documents.with_graphs(uri)
    assert len(drawn.report.graphs[0].nodes) == 6
    assert await documents.with_graphs(uri, places=True) is drawn  # a drawn graph has its place too
