"""The model graphs on the Report: nodes, the shape on every edge, and where Keras raises. The layers,
shapes, parameters and edges of the graphs without errors are compared with the models Keras builds."""
import contextlib
import io
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from shapelens.engine import ModuleLoader, analyse
from shapelens.engine.graph import PLACES
from shapelens.engine.incremental import Session

SEED = Path(__file__).parent.parent / "fixtures" / "seed"

BRANCHES = """
import keras
from keras import layers

inp = keras.Input((32, 32, 3), name="image")
x = layers.Conv2D(16, 3, padding="same")(inp)
a = layers.Conv2D(16, 1)(x)
b = layers.Conv2D(16, 3, padding="same")(x)
y = layers.Add()([a, b])
y = layers.GlobalAveragePooling2D()(y)
model = keras.Model(inp, layers.Dense(10)(y))
"""

MULTI_INPUT = """
import keras
from keras import layers

left = keras.Input((8,), name="left")
right = keras.Input((8,), name="right")
shared = layers.Dense(6)
merged = layers.concatenate([shared(left), shared(right), layers.Dense(4)(right)])
model = keras.Model([left, right], [layers.Dense(1)(merged), layers.Dense(2)(merged)])
"""

MULTI_OUTPUT_LAYER = """
import keras
from keras import layers

inp = keras.Input((6, 3))
seq, h, c = layers.LSTM(4, return_sequences=True, return_state=True)(inp)
model = keras.Model(inp, [layers.Dense(2)(h), layers.Dense(5)(seq), c])
"""

NESTED = """
import keras
from keras import layers

inner = keras.Sequential([keras.Input((5,)), layers.Dense(3), layers.Dense(4)], name="inner")
z = keras.Input((5,))
model = keras.Model(z, layers.Dense(2)(inner(z)))
"""

REFUSED = """
import keras
from keras import layers
inp = keras.Input((16,))
a = layers.Dense(4)(inp)
b = layers.Dense(5)(inp)
x = layers.Add()([a, b])
model = keras.Model(inp, x)
"""


def graphs(source: str, **options):
    return analyse(textwrap.dedent(source).lstrip("\n"), verify_fixes=False, graphs=True, **options).graphs


def only(source: str):
    (graph,) = graphs(source)
    return graph


def named(graph):
    """Edges as (source name, target name, shape, error)."""
    names = {n.id: n.name for n in graph.nodes}
    return sorted(((names[e.source], names[e.target], e.shape, e.error) for e in graph.edges), key=str)


def keras_graph(source: str):
    """The same model built by Keras: each layer's (name, class, output shape, parameters), and the
    edges between layers with the shape each carries."""
    import keras

    keras.backend.clear_session()  # layer names numbered from the start, as in a fresh process
    namespace: dict = {}
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        exec(compile(textwrap.dedent(source), "<test-program>", "exec"), namespace)
    model = namespace["model"]
    names = {layer.name for layer in model.layers}
    layers = sorted((layer.name, type(layer).__name__, _shape(layer.output), layer.count_params())
                    for layer in model.layers)
    edges = sorted([(tensor._keras_history.operation.name, layer.name, _shape(tensor), None)
                    for layer in model.layers for node in layer._inbound_nodes for tensor in node.input_tensors
                    if tensor._keras_history.operation.name in names], key=str)
    return layers, edges


def _shape(tensor):
    return [tuple(t.shape) for t in tensor] if isinstance(tensor, list) else tuple(tensor.shape)


@pytest.mark.parametrize("source", [BRANCHES, MULTI_INPUT, MULTI_OUTPUT_LAYER, NESTED],
                         ids=["branches", "multi-input", "multi-output-layer", "nested"])
def test_functional_graphs_are_the_models_keras_builds(source):
    graph = [g for g in graphs(source) if g.kind == "Functional"][0]
    layers = sorted((n.name, n.kind, n.shape, n.params) for n in graph.nodes)
    assert (layers, named(graph)) == keras_graph(source)


def test_resnet50_written_out():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import generate

    graph = next(g for g in graphs(generate.resnet50()) if g.name == "resnet50")
    assert len(graph.nodes) == 177 and len(graph.edges) == 176 + 16  # each layer's input, an Add's two
    adds = {n.id for n in graph.nodes if n.kind == "Add"}
    assert len(adds) == 16 and all(sum(e.target == add for e in graph.edges) == 2 for add in adds)
    assert [(n.name, n.shape) for n in graph.nodes if n.output] == [("predictions", (None, 1000))]
    assert all(n.params is not None for n in graph.nodes)


def test_branches_meet_in_the_add_and_inputs_and_outputs_are_marked():
    graph = only(BRANCHES)
    by_name = {n.name: n for n in graph.nodes}
    into_add = [e for e in graph.edges if e.target == by_name["add"].id]
    out_of_conv = [e for e in graph.edges if e.source == by_name["conv2d"].id]
    assert len(into_add) == 2 and len(out_of_conv) == 2
    assert [n.name for n in graph.nodes if n.input] == ["image"]
    assert [n.name for n in graph.nodes if n.output] == ["dense"]
    assert by_name["conv2d"].span.line == 4 and graph.span.line == 9


def test_a_shared_layer_is_drawn_once_with_an_edge_per_call():
    graph = only(MULTI_INPUT)
    (shared,) = [n for n in graph.nodes if n.name == "dense"]
    assert [e.target for e in graph.edges].count(shared.id) == 2
    assert [n.name for n in graph.nodes if n.input] == ["left", "right"]
    assert sorted(n.name for n in graph.nodes if n.output) == ["dense_2", "dense_3"]


def test_a_nested_model_is_one_node_holding_its_own_graph():
    outer = [g for g in graphs(NESTED) if g.kind == "Functional"][0]
    (node,) = [n for n in outer.nodes if n.kind == "Sequential"]
    assert node.shape == (None, 4) and node.params == 18 + 16
    assert [(n.kind, n.shape) for n in node.graph.nodes] == [("InputLayer", (None, 5)), ("Dense", (None, 3)),
                                                             ("Dense", (None, 4))]
    assert [e.shape for e in node.graph.edges] == [(None, 5), (None, 3)]


def test_a_model_held_by_another_is_also_drawn_on_its_own_when_named():
    assert sorted(g.name for g in graphs(NESTED)) == ["functional", "inner"]


def test_sequential():
    graph = only("""
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(3)])
    """)
    assert [(n.kind, n.shape, n.params) for n in graph.nodes] == [
        ("InputLayer", (None, 28, 28, 1), 0), ("Conv2D", (None, 26, 26, 8), 80), ("Flatten", (None, 5408), 0),
        ("Dense", (None, 3), 16227)]
    assert [(e.source, e.target, e.shape) for e in graph.edges] == [
        ("n0", "n1", (None, 28, 28, 1)), ("n1", "n2", (None, 26, 26, 8)), ("n2", "n3", (None, 5408))]
    assert graph.nodes[0].input and graph.nodes[-1].output and graph.errors == ()


def test_a_sequential_built_by_its_first_call_has_a_free_batch_axis():
    graph = only("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.layers.Dense(3)])
        model(np.zeros((7, 5)))
    """)
    assert [(n.kind, n.shape) for n in graph.nodes] == [("InputLayer", (None, 5)), ("Dense", (None, 3))]


def test_layers_added_one_by_one_and_an_operation_that_is_not_a_layer_call():
    sequential, functional = graphs("""
        import keras
        model = keras.Sequential()
        model.add(keras.Input((3,)))
        for units in (4, 5):
            model.add(keras.layers.Dense(units))
        inp = keras.Input((8,))
        doubled = keras.layers.Dense(4)(inp) * 2.0
        other = keras.Model(inp, keras.layers.Dense(2)(doubled))
    """)
    assert [(n.kind, n.shape) for n in sequential.nodes] == [("InputLayer", (None, 3)), ("Dense", (None, 4)),
                                                             ("Dense", (None, 5))]
    assert [(n.name, n.kind, n.shape) for n in functional.nodes] == [
        ("input_layer_1", "InputLayer", (None, 8)), ("dense_3", "Dense", (None, 2)),
        ("keras.layers.Dense(4)(inp) * 2.0", "Operation", (None, 4))]
    assert [(e.source, e.target, e.shape) for e in functional.edges] == [("n2", "n1", (None, 4))]


def test_a_subclassed_model_shows_the_layers_it_makes_without_edges_it_does_not_know():
    graph = only("""
        import numpy as np
        import keras
        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.hidden = keras.layers.Dense(4)
                self.head = keras.layers.Dense(2)
            def call(self, x):
                return self.head(self.hidden(x))
        model = Net()
        model(np.zeros((3, 7)))
    """)
    assert graph.kind == "Subclassed"
    assert [(n.kind, n.shape, n.params) for n in graph.nodes] == [("InputLayer", (None, 7), 0),
                                                                  ("Dense", None, 32), ("Dense", None, 10)]
    assert graph.edges == ()


def test_a_keras_applications_backbone_is_one_node():
    graph = only("""
        import keras
        model = keras.applications.ResNet50(include_top=False, weights=None, input_shape=(64, 64, 3))
    """)
    assert [(n.kind, n.shape) for n in graph.nodes] == [("InputLayer", (None, 64, 64, 3)),
                                                        ("ResNet50", (None, 2, 2, 2048))]
    assert [e.shape for e in graph.edges] == [(None, 64, 64, 3)]


def test_a_builder_functions_model():
    graph = only("""
        import keras
        def build(units):
            return keras.Sequential([keras.Input((4,)), keras.layers.Dense(units)])
        model = build(6)
    """)
    assert graph.span.line == 2 and graph.nodes[-1].shape == (None, 6)


def test_seed_example_1_shapes_and_the_error_edge():
    graph = only((SEED / "example_1.py").read_text())
    shapes = [e.shape for e in graph.edges]
    assert (None, 26, 26, 32) in shapes and (None, 5408) in shapes
    (error,) = [e for e in graph.edges if e.error]
    data = {n.id: n for n in graph.nodes}[error.source]
    assert (data.kind, data.name, data.shape, data.input) == ("Data", "input_tensor", (1, 28, 28, 3), True)
    assert error.target == "n0" and error.error == "expected (None, 28, 28, 1) · got (1, 28, 28, 3)"
    assert [(e.code, e.span.line) for e in graph.errors] == [("SL101", 15)]


def test_labels_fit_refuses_are_an_extra_output():
    graph = only("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(loss="categorical_crossentropy")
        model.fit(np.zeros((20, 4)), np.zeros((20, 5)))
    """)
    (error,) = [e for e in graph.edges if e.error]
    nodes = {n.id: n for n in graph.nodes}
    assert nodes[error.source].name == "dense" and nodes[error.target].kind == "Data" and nodes[error.target].output
    assert error.error == "expected (None, 3) · got (20, 5)"


def test_predict_on_data_a_functional_model_refuses():
    graph = only("""
        import numpy as np
        import keras
        inp = keras.Input((6,))
        model = keras.Model(inp, keras.layers.Dense(2)(inp))
        model.predict(np.zeros((5, 7)))
    """)
    (error,) = [e for e in graph.edges if e.error]
    assert error.error == "expected (None, 6) · got (5, 7)" and graph.errors[0].code == "SL107"


def test_data_for_one_input_of_several_goes_into_the_input_keras_names():
    graph = only("""
        import numpy as np
        import keras
        a = keras.Input((4,), name="a")
        b = keras.Input((3,), name="b")
        model = keras.Model([a, b], keras.layers.concatenate([a, b]))
        model.predict([np.zeros((2, 4)), np.zeros((2, 5))])
    """)
    (error,) = [e for e in graph.edges if e.error]
    nodes = {n.id: n for n in graph.nodes}
    assert (nodes[error.source].kind, nodes[error.target].name) == ("Data", "b")
    assert (error.shape, error.error) == ((2, 5), "expected (None, 3) · got (2, 5)")


def test_data_that_gets_in_and_a_layer_further_on_that_refuses_it():
    graph = only("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.layers.Dense(8), keras.layers.Conv2D(4, 3)])
        model.compile(loss="mse")
        model.fit(np.zeros((10, 5)), np.zeros((10, 4)))
    """)
    nodes = {n.id: n for n in graph.nodes}
    (error,) = [e for e in graph.edges if e.error]
    assert (nodes[error.source].name, nodes[error.target].name) == ("dense", "conv2d")
    assert (error.shape, error.error) == ((None, 8), "expected min_ndim=4 · got (None, 8)")
    assert nodes[error.target].params is None
    (data,) = [e for e in graph.edges if nodes[e.source].kind == "Data"]
    assert (data.target, data.shape) == ("n0", (10, 5))


def test_validation_data_keras_refuses():
    graph = only("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        model.compile(loss="mse")
        model.fit(np.zeros((8, 4)), np.zeros((8, 3)), validation_data=(np.zeros((2, 5)), np.zeros((2, 3))))
    """)
    (error,) = [e for e in graph.edges if e.error]
    assert {n.id: n for n in graph.nodes}[error.source].name == "np.zeros((2, 5))" and error.target == "n0"


def test_a_builder_in_another_file_whose_model_keras_refuses_to_build(tmp_path):
    (tmp_path / "builders.py").write_text(textwrap.dedent("""
        import keras
        def build(size):
            return keras.Sequential([keras.Input((size, size, 1)), keras.layers.Conv2D(4, 3),
                                     keras.layers.MaxPooling2D(4)])
    """))
    main = tmp_path / "main.py"
    main.write_text("from builders import build\nmodel = build(5)\n")
    (graph,) = analyse(main.read_text(), str(main), verify_fixes=False, loader=ModuleLoader(str(tmp_path)),
                       graphs=True).graphs
    assert graph.span.line == 1 and all(n.span is None for n in graph.nodes)  # the layers are in builders.py
    (error,) = [e for e in graph.edges if e.error]
    assert (error.target, error.shape, error.error) == ("n2", (None, 3, 3, 4), "got (None, 3, 3, 4)")


def test_a_sequential_keras_refuses_to_build_marks_the_edge_into_the_layer():
    graph = only("""
        import keras
        model = keras.Sequential([
            keras.Input((10,)),
            keras.layers.Dense(8),
            keras.layers.Conv2D(4, 3),
        ])
    """)
    (error,) = [e for e in graph.edges if e.error]
    assert (error.source, error.target, error.shape) == ("n1", "n2", (None, 8))
    assert error.error == "expected min_ndim=4 · got (None, 8)"
    assert graph.nodes[2].params is None and graph.nodes[2].shape is None


def test_a_layer_call_keras_refuses_gives_the_graph_up_to_it():
    graph = only(REFUSED)
    assert [n.name for n in graph.nodes] == ["input_layer", "dense", "dense_1", "add"]
    assert [(e.shape, e.error) for e in graph.edges if e.error] == [((None, 4), "got (None, 4)"),
                                                                    ((None, 5), "got (None, 5)")]
    assert graph.errors[0].code == "SL106" and graph.span.line == 5


def test_no_graph_for_what_the_engine_cannot_follow():
    assert graphs("""
        import keras
        model = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1)])
        model.pop()
        other = keras.Model(unknown_input, unknown_output)
    """) == []
    assert graphs("model = keras.Sequential([") == []


def test_a_suppressed_error_is_not_marked():
    graph = only("""
        import numpy as np
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        model.predict(np.zeros((2, 5)))  # shapelens: ignore
    """)
    assert graph.errors == () and not any(e.error for e in graph.edges)


@pytest.mark.parametrize("text", [(SEED / "example_1.py").read_text(), REFUSED, BRANCHES],
                         ids=["example_1", "refused", "branches"])
def test_incremental_runs_give_the_graphs_of_a_run_from_scratch(text):
    session = Session()
    first = analyse(text, verify_fixes=False, session=session, graphs=True)
    edited = analyse(text + "\nlater = 1\n", verify_fixes=False, session=session, graphs=True)
    assert session.replayed > 0 and first.graphs
    assert edited.graphs == analyse(text + "\nlater = 1\n", verify_fixes=False, graphs=True).graphs == first.graphs


PLACED = {"refused": REFUSED, "branches": BRANCHES, "nested": NESTED, "multi_input": MULTI_INPUT,
          **{path.stem: path.read_text() for path in sorted(SEED.glob("example_*.py"))}}


@pytest.mark.parametrize("text", PLACED.values(), ids=PLACED.keys())
def test_places_are_the_graphs_without_their_nodes(text):
    text = textwrap.dedent(text).lstrip("\n")
    drawn = analyse(text, verify_fixes=False, graphs=True).graphs
    placed = analyse(text, verify_fixes=False, graphs=PLACES).graphs
    assert [(g.name, g.kind, g.span) for g in placed] == [(g.name, g.kind, g.span) for g in drawn]
    assert all(g.nodes == g.edges == g.errors == () for g in placed)
