"""Differential tests of the keras.applications table against real Keras, with weights=None.

Three kinds of checks, to stay fast while building few models:
- the input checks: Keras's application function runs for real up to its `layers.Input(...)` call,
  which is intercepted (nothing is built, nothing is downloaded, even with weights="imagenet"), so
  its refusal or the input shape it settled on is compared with the engine's;
- the feature map: each architecture is built once on (None, None, 3) and its compute_output_shape
  is compared with the engine's over many image sizes;
- a handful of real constructions (include_top, pooling, the larger variants once each).
"""
import inspect
import re
import warnings
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

from shapelens.engine.layers.applications import APPLICATIONS, application_shapes, positional_params
from shapelens.engine.layers.base import LayerError, Unknowable

REQUIRED = {"VGG16", "VGG19", "ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "MobileNet", "MobileNetV2",
            "MobileNetV3Small", "MobileNetV3Large", "InceptionV3", "Xception", "DenseNet121", "DenseNet169",
            "DenseNet201"} | {f"EfficientNetB{i}" for i in range(8)}
# Built once each for the feature-map test; their larger siblings share their code.
SWEPT = ["VGG16", "ResNet50", "ResNet50V2", "MobileNet", "MobileNetV2", "MobileNetV3Small", "MobileNetV3Large",
         "EfficientNetB0", "InceptionV3", "Xception", "DenseNet121"]
# These pad with imagenet_utils.correct_pad, whose padding a model built on unknown rows keeps.
CORRECT_PAD = {"MobileNetV2", "MobileNetV3Small", "MobileNetV3Large", "EfficientNetB0"}


class _ReachedInput(Exception):
    pass


def _keras_input_check(name: str, kwargs: dict):
    """Run keras.applications.<name>(**kwargs) until it creates its Input: its refusal, or that shape."""
    import keras

    def stop(shape=None, **_):
        raise _ReachedInput(tuple(shape))

    try:
        with mock.patch("keras.src.layers.Input", stop), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            getattr(keras.applications, name)(**kwargs)
    except _ReachedInput as reached:
        return "ok", (None, *reached.args[0])
    except Exception as error:
        return "error", str(error)
    raise AssertionError("the application never created its input")


def _engine(name: str, kwargs: dict):
    args = {key: kwargs[key] for key in ("include_top", "input_shape", "pooling", "classes", "weights") if key in kwargs}
    try:
        return "ok", application_shapes(name, **args)
    except LayerError as error:
        return "error", error.message
    except Unknowable:
        return "unknown", None


sizes = st.one_of(st.none(), st.integers(20, 300), st.integers(0, 40))
image_shapes = st.one_of(
    st.none(),
    st.tuples(sizes, sizes, st.sampled_from([3, 3, 1, None])),
    st.tuples(sizes, sizes, st.just(3)).map(list),
    st.sampled_from([(224, 224, 3), (299, 299, 3), (128, 128, 3), (96, 96, 3), (1, 224, 224, 3), (224, 224), ()]),
)


def check_input(name: str, kwargs: dict) -> str:
    engine = _engine(name, kwargs)
    if engine[0] == "unknown":
        return "unknown"
    truth = _keras_input_check(name, kwargs)
    context = f"{name}({kwargs})"
    assert engine[0] == truth[0], f"{context}: engine {engine}, Keras {truth}"
    if engine[0] == "error":
        assert engine[1] == truth[1], f"{context}:\n engine: {engine[1]}\n Keras:  {truth[1]}"
    else:
        assert engine[1][0] == truth[1], f"{context}: engine input {engine[1][0]}, Keras {truth[1]}"
    return engine[0]


@pytest.mark.parametrize("name", sorted(APPLICATIONS))
def test_input_checks_match_keras(name):
    @settings(max_examples=40, deadline=None)
    @given(include_top=st.booleans(), input_shape=image_shapes, weights=st.sampled_from([None, None, "imagenet"]),
           classes=st.sampled_from([1000, 10]), pooling=st.sampled_from([None, "avg", "max"]))
    def check(include_top, input_shape, weights, classes, pooling):
        kwargs = {"include_top": include_top, "weights": weights, "classes": classes, "pooling": pooling}
        if input_shape is not None:
            kwargs["input_shape"] = input_shape
        check_input(name, kwargs)

    check()


_BUILT: dict = {}


def _feature_model(name: str):
    """The application built once, headless, on images of any size."""
    if name not in _BUILT:
        import keras

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _BUILT[name] = getattr(keras.applications, name)(include_top=False, weights=None,
                                                             input_shape=(None, None, 3))
    return _BUILT[name]


@pytest.mark.parametrize("name", SWEPT)
def test_feature_maps_match_keras(name):
    model = _feature_model(name)

    @settings(max_examples=25, deadline=None)
    @given(rows=st.one_of(st.none(), st.integers(1, 260)), cols=st.one_of(st.none(), st.integers(1, 260)))
    def check(rows, cols):
        if name in CORRECT_PAD and rows is not None:
            rows = None  # a model built on unknown rows pads as for unknown rows
        try:
            engine = application_shapes(name, False, (rows, cols, 3), None, weights=None)
        except (LayerError, Unknowable):
            return  # refused by the input checks (tested above) or not known
        assert engine[0] == (None, rows, cols, 3)
        assert engine[1] == tuple(model.compute_output_shape((None, rows, cols, 3))), (name, rows, cols)

    check()


def _built_shapes(name: str, **kwargs):
    import keras

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = getattr(keras.applications, name)(weights=None, **kwargs)
    return tuple(model.input.shape), tuple(model.output.shape)


@pytest.mark.parametrize("name, kwargs", [
    ("VGG16", {"include_top": True, "input_shape": (32, 40, 3), "classes": 7}),
    ("ResNet50", {"include_top": False, "input_shape": (97, 64, 3), "pooling": "max"}),
    ("MobileNet", {"include_top": True, "input_shape": (33, 35, 1), "classes": 5}),
    ("MobileNetV2", {"include_top": False, "input_shape": (35, 64, 3)}),
    ("MobileNetV3Small", {"include_top": True, "classes": 3}),  # no static size needed
    ("MobileNetV3Large", {"include_top": False, "input_shape": (None, 45, 3), "pooling": "avg"}),
    ("EfficientNetB0", {"include_top": False, "input_shape": (33, 47, 3)}),
    ("InceptionV3", {"include_top": False, "input_shape": (75, 100, 3), "pooling": "weird"}),
    ("Xception", {"include_top": True, "input_shape": (71, 71, 3), "classes": 2}),
    ("DenseNet121", {"include_top": False, "input_shape": (None, 50, 3)}),
    # The larger variants, once each.
    ("VGG19", {"include_top": False, "input_shape": (64, 48, 3)}),
    ("ResNet101", {"include_top": False, "input_shape": (40, 40, 3)}),
    ("EfficientNetB1", {"include_top": False, "input_shape": (63, 63, 3)}),
    ("EfficientNetB2", {"include_top": False, "input_shape": (None, None, 3), "pooling": "avg"}),
    ("EfficientNetB3", {"include_top": False, "input_shape": (32, 32, 3)}),
    ("DenseNet169", {"include_top": False, "input_shape": (32, 32, 3)}),
])
def test_constructed_models_match_keras(name, kwargs):
    engine = application_shapes(name, **kwargs, weights=None)
    assert engine == _built_shapes(name, **kwargs)


def test_required_backbones_are_covered():
    assert REQUIRED <= APPLICATIONS


def test_positional_parameters_match_keras():
    import keras

    for name in APPLICATIONS:
        assert positional_params(name) == tuple(inspect.signature(getattr(keras.applications, name)).parameters), name


def test_known_refusals():
    with pytest.raises(LayerError, match=re.escape("Input size must be at least 32x32; Received: input_shape=(28, 28, 1)")):
        application_shapes("ResNet50", False, (28, 28, 1), None, weights=None)
    with pytest.raises(LayerError, match="you should specify a static `input_shape`"):
        application_shapes("VGG16", True, (None, None, 3), None, weights=None)
    with pytest.raises(LayerError, match="should be 1000"):
        application_shapes("EfficientNetB0", True, None, None, 10)
    with pytest.raises(Unknowable):
        application_shapes("ResNet50", weights="my_weights.h5")
    assert application_shapes("MobileNetV3Small", True, None, None, 1000) == ((None, None, None, 3), (None, 1000))
