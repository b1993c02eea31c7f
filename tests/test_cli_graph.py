"""`shapelens graph`: DOT and JSON output, picking a model by line, exit codes."""
import json
import re
import textwrap
from pathlib import Path

import pytest

from shapelens.cli import main

SEED = Path(__file__).parent / "fixtures" / "seed"

TWO_MODELS = """
import numpy as np
import keras

small = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])

inp = keras.Input((8,))
hidden = keras.layers.Dense(3)(inp)
big = keras.Model(inp, keras.layers.Dense(1)(hidden))

data = {"images": np.zeros((2, 5))}
small.predict(data["images"])
"""


@pytest.fixture
def two_models(tmp_path):
    path = tmp_path / "models.py"
    path.write_text(textwrap.dedent(TWO_MODELS).lstrip("\n"))
    return path


def graph(capsys, *args):
    status = main(["graph", *map(str, args)])
    return status, capsys.readouterr()


def test_dot_labels_every_edge_with_its_shape_and_colours_the_error_edge(capsys):
    status, out = graph(capsys, SEED / "example_1.py")
    assert status == 0  # the graph was written, errors or not
    dot = out.out
    assert dot.startswith("digraph shapelens {") and dot.rstrip().endswith("}")
    assert 'g0_n1 -> g0_n2 [label="(None, 26, 26, 32)"];' in dot
    assert 'g0_n3 -> g0_n4 [label="(None, 5408)"];' in dot
    assert ('g0_n5 -> g0_n0 [label="expected (None, 28, 28, 1) · got (1, 28, 28, 3)", color="#d32f2f", '
            'fontcolor="#d32f2f", penwidth="2"];') in dot
    assert 'g0_n1 [label="conv2d\\nConv2D\\n(None, 26, 26, 32)\\n320 params"];' in dot


def test_dot_draws_a_nested_model_as_one_node(tmp_path, capsys):
    path = tmp_path / "nested.py"
    path.write_text(textwrap.dedent("""
        import keras
        inner = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)], name="inner")
        z = keras.Input((5,))
        model = keras.Model(z, inner(z))
    """))
    status, out = graph(capsys, "--line", 5, path)
    assert status == 0 and out.out.count("subgraph") == 1
    assert 'g0_n1 [label="inner\\nSequential\\n(None, 3)\\n18 params\\n1 layer inside", shape="box3d"];' in out.out


def test_json_has_nodes_edges_shapes_and_the_error(capsys):
    status, out = graph(capsys, "--format", "json", SEED / "example_1.py")
    assert status == 0
    document = json.loads(out.out)
    (model,) = document["graphs"]
    assert document["path"] == str(SEED / "example_1.py")
    assert (model["name"], model["class"], model["location"]["line"]) == ("sequential", "Sequential", 8)
    conv = model["nodes"][1]
    assert {k: conv[k] for k in ("id", "name", "class", "shape", "params", "input", "output")} == {
        "id": "n1", "name": "conv2d", "class": "Conv2D", "shape": [None, 26, 26, 32], "params": 320,
        "input": False, "output": False}
    assert conv["location"] == {"line": 9, "column": 3, "end_line": 9, "end_column": 81}
    assert {"from": "n3", "to": "n4", "shape": [None, 5408], "error": None} in model["edges"]
    assert {"from": "n5", "to": "n0", "shape": [1, 28, 28, 3],
            "error": "expected (None, 28, 28, 1) · got (1, 28, 28, 3)"} in model["edges"]
    (error,) = model["errors"]
    assert (error["code"], error["line"], error["column"]) == ("SL101", 16, 20)


def test_line_picks_the_model_made_there_or_whose_layer_is_there_else_the_nearest(two_models, capsys):
    def picked(line):
        status, out = graph(capsys, "--format", "json", "--line", line, two_models)
        assert status == 0
        return [g["name"] for g in json.loads(out.out)["graphs"]]

    assert picked(4) == ["sequential"]
    assert picked(8) == ["functional"]  # keras.Model(...)
    assert picked(7) == ["functional"]  # a layer of it
    assert picked(1) == ["sequential"]
    assert picked(100) == ["functional"]


def test_all_models_without_line_and_quotes_escaped_in_dot(two_models, capsys):
    status, out = graph(capsys, two_models)
    assert status == 0
    assert re.findall(r'label="(\w+) \((\w+)\)"', out.out) == [("sequential", "Sequential"),
                                                               ("functional", "Functional")]
    assert 'label="data[\\"images\\"]\\nData\\n(2, 5)"' in out.out


def test_output_file(two_models, tmp_path, capsys):
    target = tmp_path / "graph.json"
    status, out = graph(capsys, "--format", "json", "-o", target, two_models)
    assert status == 0 and out.out == ""
    assert len(json.loads(target.read_text())["graphs"]) == 2


def test_a_file_without_models(tmp_path, capsys):
    path = tmp_path / "plain.py"
    path.write_text("x = 1\n")
    assert graph(capsys, "--format", "json", path)[1].out == f'{{\n  "path": "{path}",\n  "graphs": []\n}}\n'
    assert graph(capsys, "--line", 1, path)[1].out.count("cluster") == 0


@pytest.mark.parametrize("args", [["does/not/exist.py"], ["."], ["--line", "0", "x.py"], ["--format", "svg", "x.py"],
                                  []])
def test_usage_errors(args, capsys):
    assert main(["graph", *args]) == 2
    assert capsys.readouterr().err


def test_a_notebook_places_nodes_and_errors_in_cells(tmp_path, capsys):
    lines = (SEED / "example_1.py").read_text().splitlines(keepends=True)
    cells = ["".join(lines[0:5]), "".join(lines[7:13]), "".join(lines[14:])]  # data, model, call
    path = tmp_path / "example.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text}
        for text in cells]}))
    status, out = graph(capsys, "--format", "json", path)
    (model,) = json.loads(out.out)["graphs"]
    assert status == 0 and model["location"]["cell"] == 2 and model["nodes"][1]["location"]["cell"] == 2
    (error,) = model["errors"]
    assert (error["cell"], error["line"]) == (3, 2) and "declared on cell 2, line 2" in error["message"]
