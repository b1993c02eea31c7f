"""The input and output shapes of keras.applications backbones, from a table: no model is built and
no weights are ever loaded.

`application_shapes` mirrors the checks each application makes before building (the weights /
classes checks, then `imagenet_utils.obtain_input_shape`, or MobileNetV3's own size check) with
Keras's wording, then follows each architecture's downsampling. Every argument not in its
signature (alpha, depth_multiplier, input_tensor, ...) is assumed to have its default value, and
the image data format to be channels_last.
"""
from __future__ import annotations

from dataclasses import dataclass

from .base import INVALID_ARGUMENT, LayerError, Unknowable

# --- the spatial steps of an architecture, applied to each image axis on its own ---
# ("valid", k, s): a conv/pool with a k-wide window, stride s, no padding.
# ("pad", p): ZeroPadding2D adding p in all along the axis.
# ("same", s): a "same"-padded conv/pool with stride s.
# "correct": ZeroPadding2D(correct_pad(x, k)) then a stride-2 "valid" conv of an odd size k.


def _valid(k: int, s: int):
    return ("valid", k, s)


HALVE = ("same", 2)
CORRECT = "correct"
VGG_STEPS = (_valid(2, 2),) * 5
# ResNet V2 strides at the end of a stack rather than at its start, to the same sizes.
RESNET_STEPS = (("pad", 6), _valid(7, 2), ("pad", 2), _valid(3, 2)) + (_valid(1, 2),) * 3
MOBILENET_STEPS = (HALVE,) + (("pad", 1), _valid(3, 2)) * 4
CORRECT_STEPS = (HALVE,) + (CORRECT,) * 4  # MobileNetV2/V3: a plain stride-2 stem, four padded ones
EFFICIENTNET_STEPS = (CORRECT,) * 5
INCEPTION_STEPS = (_valid(3, 2), _valid(3, 1), _valid(3, 2), _valid(3, 1), _valid(3, 2), _valid(3, 2), _valid(3, 2))
XCEPTION_STEPS = (_valid(3, 2), _valid(3, 1)) + (HALVE,) * 4
DENSENET_STEPS = (("pad", 6), _valid(7, 2), ("pad", 2), _valid(3, 2)) + (_valid(2, 2),) * 3

# The wordings of the weights='imagenet' / classes != 1000 refusal.
_CLASSES_QUOTED = ("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  "
                   "Received classes={classes}")
_CLASSES_V2 = ('If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000. '
               "Received `classes={classes}`")
_CLASSES_V3 = ('If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000.  '
               "Received classes={classes}")
_CLASSES_INCEPTION = ('If using `weights="imagenet"` with `include_top=True`, `classes` should be 1000. '
                      "Received classes={classes}")
_CLASSES_EFFICIENTNET = 'If using `weights="imagenet"` with `include_top` as true, `classes` should be 1000'
_CLASSES_DENSENET = 'If using `weights` as `"imagenet"` with `include_top` as true, `classes` should be 1000'

_USUAL = ("include_top", "weights", "input_tensor", "input_shape", "pooling", "classes", "classifier_activation",
          "name")


@dataclass(frozen=True)
class Backbone:
    default_size: int
    min_size: int
    channels: int  # of the last feature map
    steps: tuple
    classes_message: str
    params: tuple[str, ...] = _USUAL  # positional parameters, in order
    # MobileNet/V2 take a square input of one of these sizes as their default (imagenet) size.
    square_sizes: tuple[int, ...] = ()
    v3: bool = False  # MobileNetV3: its own input checks instead of obtain_input_shape


_MOBILENET_V3_PARAMS = ("input_shape", "alpha", "minimalistic", "include_top", "weights", "input_tensor", "classes",
                        "pooling", "dropout_rate", "classifier_activation", "include_preprocessing", "name")

_TABLE: dict[str, Backbone] = {
    "VGG16": Backbone(224, 32, 512, VGG_STEPS, _CLASSES_QUOTED),
    "VGG19": Backbone(224, 32, 512, VGG_STEPS, _CLASSES_QUOTED),
    "MobileNet": Backbone(224, 32, 1024, MOBILENET_STEPS, _CLASSES_QUOTED,
                          ("input_shape", "alpha", "depth_multiplier", "dropout", "include_top", "weights",
                           "input_tensor", "pooling", "classes", "classifier_activation", "name"),
                          square_sizes=(128, 160, 192, 224)),
    "MobileNetV2": Backbone(224, 32, 1280, CORRECT_STEPS, _CLASSES_V2,
                            ("input_shape", "alpha", "include_top", "weights", "input_tensor", "pooling", "classes",
                             "classifier_activation", "name"),
                            square_sizes=(96, 128, 160, 192, 224)),
    "MobileNetV3Small": Backbone(224, 32, 576, CORRECT_STEPS, _CLASSES_V3, _MOBILENET_V3_PARAMS, v3=True),
    "MobileNetV3Large": Backbone(224, 32, 960, CORRECT_STEPS, _CLASSES_V3, _MOBILENET_V3_PARAMS, v3=True),
    "InceptionV3": Backbone(299, 75, 2048, INCEPTION_STEPS, _CLASSES_INCEPTION),
    "InceptionResNetV2": Backbone(299, 75, 1536, INCEPTION_STEPS, _CLASSES_INCEPTION),
    "Xception": Backbone(299, 71, 2048, XCEPTION_STEPS, _CLASSES_QUOTED),
    "DenseNet121": Backbone(224, 32, 1024, DENSENET_STEPS, _CLASSES_DENSENET),
    "DenseNet169": Backbone(224, 32, 1664, DENSENET_STEPS, _CLASSES_DENSENET),
    "DenseNet201": Backbone(224, 32, 1920, DENSENET_STEPS, _CLASSES_DENSENET),
}
for _name in ("ResNet50", "ResNet101", "ResNet152", "ResNet50V2", "ResNet101V2", "ResNet152V2"):
    _TABLE[_name] = Backbone(224, 32, 2048, RESNET_STEPS, _CLASSES_QUOTED)
# EfficientNetB0..B7: default size, and the width of the top conv (round_filters(1280)).
for _index, (_size, _channels) in enumerate(((224, 1280), (240, 1280), (260, 1408), (300, 1536), (380, 1792),
                                              (456, 2048), (528, 2304), (600, 2560))):
    _TABLE[f"EfficientNetB{_index}"] = Backbone(_size, 32, _channels, EFFICIENTNET_STEPS, _CLASSES_EFFICIENTNET)

APPLICATIONS: frozenset[str] = frozenset(_TABLE)


def positional_params(name: str) -> tuple[str, ...]:
    """The application's parameters in positional order (MobileNet* take input_shape first)."""
    return _TABLE[name].params


def _refuse(message: str) -> LayerError:
    return LayerError(INVALID_ARGUMENT, message, culprit="input_shape")


def _check_weights(backbone: Backbone, include_top: bool, weights, classes) -> bool:
    """Whether imagenet weights are asked for; the refusals Keras makes before looking at shapes."""
    if weights is not None and weights != "imagenet":
        raise Unknowable("weights")  # a weights file: Keras checks that it exists
    imagenet = weights == "imagenet"
    if imagenet and include_top and classes != 1000:
        raise LayerError(INVALID_ARGUMENT, backbone.classes_message.format(classes=classes), culprit="classes")
    return imagenet


def _dims(input_shape) -> None:
    if not isinstance(input_shape, (tuple, list)) or not all(
            d is None or (isinstance(d, int) and not isinstance(d, bool)) for d in input_shape):
        raise Unknowable("input_shape")


def _obtain_input_shape(backbone: Backbone, input_shape, include_top: bool, imagenet: bool) -> tuple:
    """imagenet_utils.obtain_input_shape, channels_last."""
    if input_shape is not None:
        _dims(input_shape)
    default_size = backbone.default_size
    if backbone.square_sizes and input_shape is not None:
        if len(input_shape) < 2:
            raise Unknowable("input_shape")  # Keras indexes rows and cols before validating
        if input_shape[0] == input_shape[1] and input_shape[0] in backbone.square_sizes:
            default_size = input_shape[0]
    default = (default_size, default_size, 3)
    if imagenet and include_top:
        if input_shape is not None and input_shape != default:
            raise _refuse("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be "
                          f"{default}.  Received: input_shape={input_shape}")
        return default
    if not input_shape:
        return default if include_top else (None, None, 3)
    if len(input_shape) != 3:
        raise _refuse("`input_shape` must be a tuple of three integers.")
    if imagenet and input_shape[-1] != 3:
        raise _refuse(f"The input must have 3 channels; Received `input_shape={input_shape}`")
    low = backbone.min_size
    if any(d is not None and d < low for d in input_shape[:2]):
        raise _refuse(f"Input size must be at least {low}x{low}; Received: input_shape={input_shape}")
    if include_top and None in input_shape:
        raise _refuse("If `include_top` is True, you should specify a static `input_shape`. "
                      f"Received: input_shape={input_shape}")
    return tuple(input_shape)


def _mobilenet_v3_input_shape(input_shape) -> tuple:
    if input_shape is None:
        return (None, None, 3)
    _dims(input_shape)
    if len(input_shape) != 3:  # Keras does not check; the model then fails in ways not modelled
        raise Unknowable("input_shape")
    rows, cols = input_shape[0], input_shape[1]
    if rows and cols and (rows < 32 or cols < 32):
        raise _refuse(f"Input size must be at least 32x32; Received `input_shape={input_shape}`")
    return tuple(input_shape)


def _downsample(steps: tuple, size: int | None, rows_known: bool) -> int | None:
    if size is None:
        return None
    for step in steps:
        if step == CORRECT:
            # correct_pad pads one less on even sizes, and on every axis when the rows are unknown.
            adjust = 1 - size % 2 if rows_known else 1
            size = (size - 1 - adjust) // 2 + 1
        elif step[0] == "pad":
            size += step[1]
        elif step[0] == "same":
            size = (size - 1) // step[1] + 1
        else:
            _, window, stride = step
            size = (size - window) // stride + 1
        if size < 1:  # a layer inside the model would refuse; not worth imitating
            raise Unknowable("feature map size")
    return size


def application_shapes(name: str, include_top: bool = True, input_shape: tuple | list | None = None,
                       pooling: str | None = None, classes: int = 1000, *,
                       weights: str | None = "imagenet") -> tuple[tuple, tuple]:
    """(input batch shape, output batch shape) of `keras.applications.<name>(...)`.

    The defaults are Keras's: pass each argument as written in the call (input_shape as the tuple
    or list it is: Keras compares it with a tuple). Raises LayerError where Keras refuses the
    configuration, Unknowable where the answer is not known statically.
    """
    backbone = _TABLE.get(name)
    if backbone is None:
        raise Unknowable(name)
    if not isinstance(include_top, bool):
        raise Unknowable("include_top")
    imagenet = _check_weights(backbone, include_top, weights, classes)
    if include_top and (isinstance(classes, bool) or not isinstance(classes, int) or classes < 1):
        raise Unknowable("classes")
    if backbone.v3:
        image = _mobilenet_v3_input_shape(input_shape)
    else:
        image = _obtain_input_shape(backbone, input_shape, include_top, imagenet)
    rows, cols, channels = image
    if channels is None:  # the first convolution cannot be built
        raise Unknowable("channels")
    if any(d is not None and d < 1 for d in (rows, cols)):
        raise Unknowable("empty image")
    if CORRECT in backbone.steps and rows is not None and cols is None:
        raise Unknowable("correct_pad")  # Keras fails computing `None % 2`
    out_rows = _downsample(backbone.steps, rows, True)
    out_cols = _downsample(backbone.steps, cols, rows is not None)
    if include_top:
        output = (None, classes)
    elif pooling in ("avg", "max"):
        output = (None, backbone.channels)
    else:  # Keras ignores any other pooling value
        output = (None, out_rows, out_cols, backbone.channels)
    return (None, *image), output
