"""Image files and the libraries that read them: PIL, OpenCV, keras.utils.load_img and
tf.io/tf.image's decoders, each giving the layout it really gives for a file (`engine.datafiles`
reads the header: size, PIL mode, transparency chunk, EXIF orientation).

Width and height trade places between them, the classic bug: PIL's `size` and `resize` are
(width, height), arrays are (height, width, channels), `cv2.resize` takes (width, height) and
`load_img`/`tf.image.resize` take (height, width). A file that is not found or whose header does
not settle the answer leaves the value unknown; an image's known size or mode survives calls
that cannot change it (`convert("RGB")` on an unknown file still gives three channels).
"""
from __future__ import annotations

from typing import Any

from ..values import UNKNOWN, ApiRef, PilImage, Tensor
from . import api, attribute, method
from .tensors import array, asarray  # numpy.array/asarray of anything but an image

# PIL mode → (channels of its array, None for a 2-D one; the array's dtype).
_MODES = {
    "1": (None, "bool"), "L": (None, "uint8"), "P": (None, "uint8"), "I;16": (None, "uint16"),
    "I": (None, "int32"), "F": (None, "float32"), "LA": (2, "uint8"), "PA": (2, "uint8"), "La": (2, "uint8"),
    "RGB": (3, "uint8"), "YCbCr": (3, "uint8"), "HSV": (3, "uint8"), "LAB": (3, "uint8"), "RGBA": (4, "uint8"),
    "RGBa": (4, "uint8"), "RGBX": (4, "uint8"), "CMYK": (4, "uint8"),
}
_SWAPPING_ORIENTATIONS = (5, 6, 7, 8)  # EXIF orientations that turn the picture a quarter


def _array(value: Any, ranks: tuple[int, ...]) -> bool:
    """An array of one of these ranks; not a KerasTensor, which these functions refuse."""
    return isinstance(value, Tensor) and not value.symbolic and value.shape is not None and len(value.shape) in ranks


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _pair(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(_int(v) and v > 0 for v in value):
        return int(value[0]), int(value[1])
    return None


def _name(value: Any) -> Any:
    """A library constant by its last name (`cv2.IMREAD_GRAYSCALE`, `Image.Transpose.ROTATE_90`)."""
    return value.path.rsplit(".", 1)[-1] if isinstance(value, ApiRef) else value


def _header(call, position: int, parameter: str):
    """The header of the image file a call names, with the path as written; (None, None) if unknown."""
    written = call.get(parameter, position)
    if not isinstance(written, str):
        return None, None
    found = call.interp.data.find(written, call.interp.path)
    header = call.interp.data.image(found) if found is not None else None
    return (written, header) if header is not None else (None, None)


def _origin(written: str, header, note: str = "") -> str:
    return f"from {written}: {header.format} image, {header.width} wide x {header.height} high{note}"


# ---- PIL ----------------------------------------------------------------------------------------

@api("PIL.Image.open")
def pil_open(call) -> Any:
    written, header = _header(call, 0, "fp")
    if header is None:  # an image all the same, of unknown size and mode
        return PilImage(None, None, call.node)
    origin = _origin(written, header, f", mode {header.mode}") if header.mode else None
    image = PilImage((header.width, header.height), header.mode, call.node, origin)
    call.interp.opened_images.append(image)
    return image


@api("PIL.Image.new")
def pil_new(call) -> Any:
    mode = call.get("mode", 0)
    return PilImage(_pair(call.get("size", 1)), mode if mode in _MODES else None, call.node)


@api("PIL.Image.fromarray")
def pil_fromarray(call) -> Any:
    array = call.get("obj", 0)
    if not _array(array, (2, 3)) or call.get("mode", 1) is not None:
        return UNKNOWN
    height, width = array.shape[:2]
    size = (width, height) if _int(width) and _int(height) else None
    layouts = {("uint8", ()): "L", ("uint8", (3,)): "RGB", ("uint8", (4,)): "RGBA", ("uint8", (2,)): "LA",
               ("bool", ()): "1", ("float32", ()): "F", ("int32", ()): "I"}
    return PilImage(size, layouts.get((array.dtype, array.shape[2:])), call.node)


@attribute(PilImage, "size")
def pil_size(interp, image: PilImage, node) -> Any:
    return image.size if image.size is not None else UNKNOWN


@attribute(PilImage, "width")
def pil_width(interp, image: PilImage, node) -> Any:
    return image.size[0] if image.size is not None else UNKNOWN


@attribute(PilImage, "height")
def pil_height(interp, image: PilImage, node) -> Any:
    return image.size[1] if image.size is not None else UNKNOWN


@attribute(PilImage, "mode")
def pil_mode(interp, image: PilImage, node) -> Any:
    return image.mode if image.mode is not None else UNKNOWN


@method(PilImage, "convert")
def pil_convert(image: PilImage, call) -> Any:
    mode = call.get("mode", 0)
    return PilImage(image.size, mode if mode in _MODES else None, call.node)


@method(PilImage, "resize")
def pil_resize(image: PilImage, call) -> Any:
    return PilImage(_pair(call.get("size", 0)), image.mode, call.node)


@method(PilImage, "crop")
def pil_crop(image: PilImage, call) -> Any:
    box = call.get("box", 0)
    if box is None:
        return PilImage(image.size, image.mode, call.node, image.origin)
    if isinstance(box, (tuple, list)) and len(box) == 4 and all(_int(v) for v in box):
        left, upper, right, lower = box
        if right >= left and lower >= upper:  # else PIL raises
            return PilImage((right - left, lower - upper), image.mode, call.node)
    return PilImage(None, image.mode, call.node)


@method(PilImage, "copy")
def pil_copy(image: PilImage, call) -> Any:
    return PilImage(image.size, image.mode, call.node, image.origin)


@method(PilImage, "rotate")
def pil_rotate(image: PilImage, call) -> Any:
    expand = call.get("expand", 2, False)
    return PilImage(image.size if expand in (False, 0) else None, image.mode, call.node)


_TRANSPOSES = {"FLIP_LEFT_RIGHT": False, "FLIP_TOP_BOTTOM": False, "ROTATE_180": False,
               "ROTATE_90": True, "ROTATE_270": True, "TRANSPOSE": True, "TRANSVERSE": True}


@method(PilImage, "transpose")
def pil_transpose(image: PilImage, call) -> Any:
    swap = _TRANSPOSES.get(_name(call.get("method", 0)))
    size = image.size
    if swap is None or size is None:
        size = None
    elif swap:
        size = (size[1], size[0])
    return PilImage(size, image.mode, call.node)


@method(PilImage, "save", "show", "getpixel", "getbbox", "getextrema", "getbands", "histogram", "tobytes")
def pil_read(image: PilImage, call) -> Any:
    """Methods that only read the image."""
    return UNKNOWN


@method(PilImage, "__enter__")
def pil_enter(image: PilImage, call) -> Any:
    """`with Image.open(path) as image`: the image is its own context."""
    return image


def pil_array(image: PilImage, dtype: Any, node) -> Any:
    """`np.asarray(image)`: (height, width) or (height, width, channels) by mode."""
    if image.mode not in _MODES:
        return UNKNOWN
    channels, natural = _MODES[image.mode]
    height, width = (image.size[1], image.size[0]) if image.size is not None else (None, None)
    shape = (height, width) if channels is None else (height, width, channels)
    name = _name(dtype)
    return Tensor(shape, name if isinstance(name, str) else None if dtype is not None else natural, node,
                  origin=image.origin)


@api("numpy.asarray")
def np_asarray(call) -> Any:
    image = call.get("a", 0)
    return pil_array(image, call.get("dtype", 1), call.node) if isinstance(image, PilImage) else asarray(call)


@api("numpy.array")
def np_array(call) -> Any:
    image = call.get("object", 0)
    return pil_array(image, call.get("dtype", 1), call.node) if isinstance(image, PilImage) else \
        array(call, numpy=True)


# ---- keras.utils ----------------------------------------------------------------------------------

_LOAD_IMG_PARAMETERS = {"path", "color_mode", "target_size", "interpolation", "keep_aspect_ratio"}
# color_mode → the modes load_img leaves as they are, and the mode it converts any other to.
_COLOR_MODES = {"grayscale": (("L", "I;16", "I"), "L"), "rgb": (("RGB",), "RGB"), "rgba": (("RGBA",), "RGBA")}


@api("keras.utils.load_img", "keras.preprocessing.image.load_img")
def load_img(call) -> Any:
    color_mode = call.get("color_mode", 1, "rgb")
    if color_mode not in _COLOR_MODES or set(call.kwargs) - _LOAD_IMG_PARAMETERS:
        return UNKNOWN  # e.g. Keras 2's `grayscale=True`, a TypeError now
    kept, converted = _COLOR_MODES[color_mode]
    written, header = _header(call, 0, "path")
    source = header.mode if header is not None else None
    if source is not None:
        mode = source if source in kept else converted
    else:  # "rgb" and "rgba" convert whatever the file holds; "grayscale" keeps 16- and 32-bit grays
        mode = converted if len(kept) == 1 else None
    target = call.get("target_size", 2)
    if target is not None:
        target = _pair(target)
        return PilImage((target[1], target[0]) if target else None, mode, call.node)
    size = (header.width, header.height) if header is not None else None
    origin = _origin(written, header, f", read as {mode}") if header is not None and mode else None
    return PilImage(size, mode, call.node, origin)


@api("keras.utils.img_to_array", "keras.preprocessing.image.img_to_array")
def img_to_array(call) -> Any:
    image = call.get("img", 0)
    dtype = call.get("dtype", 2)
    if isinstance(image, PilImage):
        array = pil_array(image, None, call.node)
    else:
        array = image
    if not _array(array, (2, 3)):
        return UNKNOWN
    shape = array.shape if len(array.shape) == 3 else array.shape + (1,)
    data_format = call.get("data_format", 1)
    if data_format == "channels_first":
        shape = (shape[2], shape[0], shape[1])
    elif data_format not in (None, "channels_last"):
        return UNKNOWN
    name = _name(dtype) if dtype is not None else "float32"
    return Tensor(shape, name if isinstance(name, str) else None, call.node, origin=array.origin)


# keras.applications' modules with a `preprocess_input`: it keeps the shape of an RGB image or
# batch (and a float dtype), whatever its mode (scaling, mean subtraction, or nothing).
_PREPROCESSING_MODULES = (
    "convnext", "densenet", "efficientnet", "efficientnet_v2", "imagenet_utils", "inception_resnet_v2",
    "inception_v3", "mobilenet", "mobilenet_v2", "mobilenet_v3", "nasnet", "resnet", "resnet50", "resnet_v2",
    "vgg16", "vgg19", "xception")


@api(*(f"keras.applications.{module}.preprocess_input" for module in _PREPROCESSING_MODULES))
def preprocess_input(call) -> Any:
    images = call.get("x", 0)
    if not _array(images, (3, 4)) or images.shape[-1] != 3 or call.get("data_format", 1) not in (None, "channels_last"):
        return UNKNOWN  # some modes refuse other channel counts
    dtype = images.dtype if images.dtype in ("float16", "float32", "float64") else None
    return Tensor(images.shape, dtype, call.node, origin=images.origin)


# ---- OpenCV -----------------------------------------------------------------------------------------

_IMREAD = {"IMREAD_COLOR": 1, "IMREAD_COLOR_BGR": 1, "IMREAD_COLOR_RGB": 256, "IMREAD_GRAYSCALE": 0,
           "IMREAD_UNCHANGED": -1, "IMREAD_IGNORE_ORIENTATION": 128}
_IGNORE_ORIENTATION = 128


def _flag(value: Any) -> int | None:
    value = _IMREAD.get(_name(value), value)
    return value if _int(value) else None


def _unchanged_channels(header) -> int | None | str:
    """The channels `cv2.imread(path, IMREAD_UNCHANGED)` keeps ("2-D" for a plain 2-D array), for
    the files where they are known; no EXIF orientation is applied then."""
    if header.format == "PNG":
        if header.mode in ("1", "L", "I;16"):
            return "2-D"
        if header.mode in ("RGBA", "LA") or (header.mode in ("RGB", "P") and header.transparency):
            return 4
        return 3 if header.mode == "RGB" and header.transparency is False else None
    if header.format == "JPEG":
        return {"L": "2-D", "RGB": 3, "CMYK": 3}.get(header.mode)
    if header.format == "BMP" and header.mode in ("1", "L"):
        return "2-D"
    return None


@api("cv2.imread")
def cv2_imread(call) -> Any:
    written, header = _header(call, 0, "filename")
    flags = _flag(call.get("flags", 1, 1))
    if header is None or flags is None:
        return UNKNOWN  # a missing file gives None, not an array
    height, width = header.height, header.width
    if flags == -1:
        channels = _unchanged_channels(header)
        if channels is None:
            return UNKNOWN
        dtype = "uint16" if header.mode == "I;16" else "uint8"
        shape = (height, width) if channels == "2-D" else (height, width, channels)
        return Tensor(shape, dtype, call.node, origin=_origin(written, header))
    if flags & ~_IGNORE_ORIENTATION not in (0, 1, 256):
        return UNKNOWN  # reduced sizes, other depths: not followed
    note = ""
    if not flags & _IGNORE_ORIENTATION:
        if header.orientation is None:
            return UNKNOWN
        if header.orientation in _SWAPPING_ORIENTATIONS:
            height, width, note = width, height, ", turned a quarter by its EXIF orientation"
    shape = (height, width) if flags & ~_IGNORE_ORIENTATION == 0 else (height, width, 3)
    return Tensor(shape, "uint8", call.node, origin=_origin(written, header, note))


@api("cv2.resize")
def cv2_resize(call) -> Any:
    image, size = call.get("src", 0), _pair(call.get("dsize", 1))
    if not _array(image, (2, 3)) or size is None:
        return UNKNOWN
    if len(image.shape) == 2 or image.shape[2] == 1:
        return Tensor((size[1], size[0]), image.dtype, call.node)  # a single channel comes back 2-D
    if image.shape[2] is None:
        return UNKNOWN
    return Tensor((size[1], size[0], image.shape[2]), image.dtype, call.node)


# code → (the input channel counts OpenCV 5 accepts, 1 for a 2-D image; the output's channels).
_ANY, _COLOR, _GRAY = (1, 3, 4), (3, 4), (1,)
_CONVERSIONS = {
    "COLOR_BGR2RGB": (4, _ANY, 3), "COLOR_RGB2BGR": (4, _ANY, 3), "COLOR_BGR2BGRA": (0, _ANY, 4),
    "COLOR_RGB2RGBA": (0, _ANY, 4), "COLOR_BGRA2BGR": (1, _ANY, 3), "COLOR_RGBA2RGB": (1, _ANY, 3),
    "COLOR_BGR2RGBA": (2, _ANY, 4), "COLOR_RGB2BGRA": (2, _ANY, 4), "COLOR_BGRA2RGB": (3, _ANY, 3),
    "COLOR_RGBA2BGR": (3, _ANY, 3), "COLOR_BGRA2RGBA": (5, _ANY, 4), "COLOR_RGBA2BGRA": (5, _ANY, 4),
    "COLOR_BGR2GRAY": (6, _COLOR, 1), "COLOR_RGB2GRAY": (7, _COLOR, 1), "COLOR_BGRA2GRAY": (10, _COLOR, 1),
    "COLOR_RGBA2GRAY": (11, _COLOR, 1), "COLOR_GRAY2BGR": (8, _GRAY, 3), "COLOR_GRAY2RGB": (8, _GRAY, 3),
    "COLOR_GRAY2BGRA": (9, _GRAY, 4), "COLOR_GRAY2RGBA": (9, _GRAY, 4),
    "COLOR_BGR2HSV": (40, _COLOR, 3), "COLOR_RGB2HSV": (41, _COLOR, 3), "COLOR_BGR2LAB": (44, _COLOR, 3),
    "COLOR_RGB2LAB": (45, _COLOR, 3), "COLOR_BGR2YCrCb": (36, _COLOR, 3), "COLOR_RGB2YCrCb": (37, _COLOR, 3),
    "COLOR_BGR2HLS": (52, _COLOR, 3), "COLOR_RGB2HLS": (53, _COLOR, 3), "COLOR_BGR2YUV": (82, _COLOR, 3),
    "COLOR_RGB2YUV": (83, _COLOR, 3), "COLOR_HSV2BGR": (54, (3,), 3), "COLOR_HSV2RGB": (55, (3,), 3),
    "COLOR_LAB2BGR": (56, (3,), 3), "COLOR_LAB2RGB": (57, (3,), 3), "COLOR_YCrCb2BGR": (38, (3,), 3),
    "COLOR_YUV2BGR": (84, (3,), 3), "COLOR_YUV2RGB": (85, (3,), 3),
}
_CONVERSION_CODES = {code: (inputs, out) for code, inputs, out in _CONVERSIONS.values()}


@api("cv2.cvtColor")
def cv2_cvt_color(call) -> Any:
    image, code = call.get("src", 0), call.get("code", 1)
    conversion = _CONVERSIONS[_name(code)][1:] if _name(code) in _CONVERSIONS else \
        _CONVERSION_CODES.get(code) if _int(code) else None
    if not _array(image, (2, 3)) or conversion is None or call.get("dstCn", 3, 0) != 0:
        return UNKNOWN
    channels = 1 if len(image.shape) == 2 else image.shape[2]
    inputs, out = conversion
    if channels not in inputs:
        return UNKNOWN  # OpenCV raises: not a shape the engine reports
    spatial = image.shape[:2]
    return Tensor(spatial if out == 1 else spatial + (out,), image.dtype, call.node)


# ---- TensorFlow ---------------------------------------------------------------------------------------

class EncodedImage:
    """`tf.io.read_file(path)` of an image file: a scalar string tensor whose header is known."""

    __slots__ = ("written", "header")

    def __init__(self, written: str, header):
        self.written, self.header = written, header


@api("tensorflow.io.read_file", "tensorflow.read_file")
def read_file(call) -> Any:
    written, header = _header(call, 0, "filename")
    return EncodedImage(written, header) if header is not None else UNKNOWN


def _all_channels(header) -> int | None:
    """The channels TensorFlow's PNG/JPEG decoders give with channels=0."""
    if header.format == "PNG":
        if header.mode == "P":
            return 4 if header.transparency else None
        return {"1": 1, "L": 1, "I;16": 1, "LA": 2, "RGB": 3, "RGBA": 4}.get(header.mode)
    if header.format == "JPEG":
        return {"L": 1, "RGB": 3, "CMYK": 3}.get(header.mode)
    if header.format == "GIF":
        return 3
    return None


def _decode(call, channels: Any, animated: bool, dtype: Any = None) -> Any:
    encoded = call.get("contents", 0)
    if not isinstance(encoded, EncodedImage):
        return UNKNOWN
    header = encoded.header
    channels = 0 if channels is None else channels
    if header.format not in ("PNG", "JPEG", "GIF") or channels not in (0, 1, 3, 4):
        return UNKNOWN  # BMP through decode_bmp/decode_image only, and not every depth: not followed
    if header.format == "GIF" and channels in (1, 4) or header.format == "JPEG" and channels == 4 \
            or header.mode == "CMYK" and channels == 1:
        return UNKNOWN  # TensorFlow refuses these
    channels = channels or _all_channels(header)
    name = _name(dtype) if dtype is not None else "uint8"
    if channels is None or not isinstance(name, str):
        return UNKNOWN
    shape = (header.height, header.width, channels)
    if animated and header.format == "GIF":
        shape = (None,) + shape  # the frames, not read
    return Tensor(shape, name, call.node, origin=_origin(encoded.written, header))


# Each decodes PNG, JPEG and GIF alike (a GIF's first frame), whatever its name says.
@api("tensorflow.io.decode_png", "tensorflow.image.decode_png")
def decode_png(call) -> Any:
    return _decode(call, call.get("channels", 1, 0), animated=False, dtype=call.get("dtype", 2))


@api("tensorflow.io.decode_jpeg", "tensorflow.image.decode_jpeg")
def decode_jpeg(call) -> Any:
    if call.get("ratio", 2, 1) != 1:
        return UNKNOWN  # a JPEG decoded at a fraction of its size
    return _decode(call, call.get("channels", 1, 0), animated=False)


@api("tensorflow.io.decode_image", "tensorflow.image.decode_image")
def decode_image(call) -> Any:
    animated = call.get("expand_animations", 4, True) is not False
    return _decode(call, call.get("channels", 1), animated, dtype=call.get("dtype", 2))


@api("tensorflow.io.decode_gif", "tensorflow.image.decode_gif")
def decode_gif(call) -> Any:
    encoded = call.get("contents", 0)
    if isinstance(encoded, EncodedImage) and encoded.header.format != "GIF":
        return UNKNOWN
    return _decode(call, 0, animated=True)


@api("tensorflow.image.resize")
def tf_resize(call) -> Any:
    images, size = call.get("images", 0), _pair(call.get("size", 1))
    if not _array(images, (3, 4)) or size is None:
        return UNKNOWN
    if call.get("preserve_aspect_ratio", 3, False) is not False:
        return UNKNOWN
    method = _name(call.get("method", 2, "bilinear"))
    dtype = images.dtype if method in ("nearest", "NEAREST_NEIGHBOR") else \
        "float32" if isinstance(method, str) else None
    return Tensor(images.shape[:-3] + size + images.shape[-1:], dtype, call.node)


@api("tensorflow.image.rgb_to_grayscale")
def rgb_to_grayscale(call) -> Any:
    images = call.get("images", 0)
    if not _array(images, (3, 4)) or images.shape[-1] != 3:
        return UNKNOWN
    return Tensor(images.shape[:-1] + (1,), images.dtype, call.node)


@api("tensorflow.image.grayscale_to_rgb")
def grayscale_to_rgb(call) -> Any:
    images = call.get("images", 0)
    if not _array(images, (3, 4)) or images.shape[-1] != 1:
        return UNKNOWN
    return Tensor(images.shape[:-1] + (3,), images.dtype, call.node)


def gray_images(interp, shape: tuple) -> list:
    """The `Image.open` calls of this file whose image gives a 2-D array of this shape (grayscale)."""
    nodes = []
    for image in interp.opened_images:
        if (image.mode in _MODES and _MODES[image.mode][0] is None and image.size is not None
                and (image.size[1], image.size[0]) == shape and image.node not in nodes):
            nodes.append(image.node)
    return nodes
