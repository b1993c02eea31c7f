"""What PIL, OpenCV, keras.utils and tf.image give for an image file, against the libraries
themselves: each program below runs for real in a folder of image files, and the engine, analysing
the same text, must infer the shape and dtype of `z` — or leave it unknown, never a wrong one."""
from __future__ import annotations

import contextlib
import warnings

import cv2
import numpy as np
import pytest
from PIL import Image

from shapelens.engine import DataFiles, analyse

SIZE = (7, 5)  # width, height: not square, so a swap shows
IMPORTS = "import numpy as np\nimport cv2\nimport tensorflow as tf\nimport keras\nfrom PIL import Image\n"


def exif(orientation):
    block = Image.Exif()
    block[0x0112] = orientation
    return block.tobytes()


def picture(mode):
    image = Image.new("RGBA", SIZE, (200, 30, 90, 255))
    image.putpixel((1, 1), (10, 220, 40, 0))
    return image.convert(mode)


# name → how it is written
FILES = {
    "1.png": lambda p: picture("1").save(p), "L.png": lambda p: picture("L").save(p),
    "LA.png": lambda p: picture("LA").save(p), "P.png": lambda p: picture("RGB").convert("P").save(p),
    "P-alpha.png": lambda p: picture("P").save(p, transparency=0), "RGB.png": lambda p: picture("RGB").save(p),
    "RGB-alpha.png": lambda p: picture("RGB").save(p, transparency=(0, 0, 0)),
    "RGBA.png": lambda p: picture("RGBA").save(p), "I16.png": lambda p: picture("I;16").save(p),
    "L.jpg": lambda p: picture("L").save(p), "RGB.jpg": lambda p: picture("RGB").save(p),
    "CMYK.jpg": lambda p: picture("CMYK").save(p),
    "progressive.jpg": lambda p: picture("RGB").save(p, progressive=True),
    "turned.jpg": lambda p: picture("RGB").save(p, exif=exif(6)),
    "flipped.jpg": lambda p: picture("RGB").save(p, exif=exif(3)),
    "turned.png": lambda p: picture("RGB").save(p, exif=exif(8)),
    "1.bmp": lambda p: picture("1").save(p), "L.bmp": lambda p: picture("L").save(p),
    "P.bmp": lambda p: picture("P").save(p), "RGB.bmp": lambda p: picture("RGB").save(p),
    "RGB.gif": lambda p: picture("RGB").save(p), "L.gif": lambda p: picture("1").save(p),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("images")
    for name, write in FILES.items():
        write(path / name)
    return path


def real(program, folder):
    """z's (shape, dtype) when the program runs in `folder`, or None if it raises."""
    namespace: dict = {}
    try:
        with warnings.catch_warnings(), contextlib.chdir(folder):
            warnings.simplefilter("ignore")
            exec(IMPORTS + program, namespace)  # noqa: S102 - the test's own program
    except Exception:
        return None
    z = namespace["z"]
    if z is None:
        return None
    z = np.asarray(z)
    return tuple(z.shape), z.dtype.name


def inferred(program, folder):
    """z's (shape, dtype) as the engine infers it, or None if it does not know."""
    text = IMPORTS + program
    line = next(i for i, l in enumerate(text.splitlines()) if l.strip().startswith("z = "))
    report = analyse(text, str(folder / "program.py"), data=DataFiles([str(folder)]), verify_fixes=False)
    assert not report.diagnostics, report.diagnostics
    for value in report.values:
        if value.span.line == line and value.kind == "tensor":
            dtype = value.summary.rsplit(" ", 1)[-1]
            return value.shape, None if dtype.endswith(")") else dtype
    return None


def check(program, folder, known=True):
    """The engine infers what the library gives, or (when `known` is False) may not know it."""
    truth, found = real(program, folder), inferred(program, folder)
    if found is None:
        assert not known or truth is None, (program, truth)
        return truth
    assert truth is not None, (program, found)
    shape, dtype = found
    assert len(shape) == len(truth[0]), (program, truth, found)
    assert all(d is None or d == t for d, t in zip(shape, truth[0])), (program, truth, found)
    assert dtype in (None, truth[1]), (program, truth, found)
    assert not known or None not in shape, (program, found)
    return truth


# ---- PIL ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FILES))
def test_pil_open_as_array(folder, name):
    check(f"z = np.asarray(Image.open({name!r}))", folder)
    check(f"z = np.array(Image.open({name!r}), dtype=np.float32)", folder)


@pytest.mark.parametrize("name", ["L.png", "RGBA.png", "I16.png", "CMYK.jpg", "P.bmp", "RGB.gif"])
@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGB", "RGBA", "I", "F", "CMYK", "YCbCr"])
def test_pil_convert_and_resize(folder, name, mode):
    check(f"z = np.asarray(Image.open({name!r}).convert({mode!r}))", folder)
    check(f"z = np.asarray(Image.open({name!r}).convert({mode!r}).resize((4, 9)))", folder)


@pytest.mark.parametrize("expression,known", [
    ("img.crop((1, 2, 6, 4))", True), ("img.crop()", True), ("img.copy()", True), ("img.rotate(30)", True),
    ("img.rotate(30, expand=True)", False), ("img.transpose(Image.Transpose.ROTATE_90)", True),
    ("img.transpose(Image.FLIP_LEFT_RIGHT)", True), ("img.transpose(Image.Transpose.TRANSVERSE)", True),
    ("Image.new('RGB', (3, 8))", True), ("Image.fromarray(np.zeros((4, 6, 3), dtype=np.uint8))", True),
    ("Image.fromarray(np.zeros((4, 6), dtype=np.uint8))", True),
    ("Image.fromarray(np.zeros((4, 6, 2), dtype=np.uint8))", True),
    ("Image.fromarray(np.zeros((4, 6), dtype=np.float32))", True),
    ("Image.fromarray(np.zeros((4, 6, 3)))", False),
])
def test_pil_methods(folder, expression, known):
    check(f"img = Image.open('RGB.png')\nz = np.asarray({expression})", folder, known)


def test_pil_size_is_width_height(folder):
    check("w, h = Image.open('RGB.png').size\nz = np.zeros((h, w))", folder)
    check("img = Image.open('RGB.png')\nz = np.zeros((img.height, img.width, len(img.mode)))", folder)


@pytest.mark.parametrize("change,changes", [
    ("img.thumbnail((3, 3))", True), ("img.putalpha(128)", True), ("img.paste(Image.new('RGB', (2, 2)))", True),
    ("img.draft('L', (2, 2))", True), ("ImageOps.exif_transpose(img, in_place=True)", True), ("helper(img)", True),
    ("img._size = (2, 2)", True), ("img.save('copy.png')", False), ("img.getpixel((0, 0))", False), ("ImageOps.exif_transpose(img)", True),
])
def test_pil_image_changed_in_place_is_unknown(folder, change, changes):
    """Whatever may change the image leaves it unknown, through every alias and branch."""
    program = (f"from PIL import ImageOps\nimg = Image.open('turned.jpg')\nalias = img\n"
               f"def helper(i):\n    i.thumbnail((2, 2))\nif len(str(img)) > 0:\n    {change}\nz = np.asarray(alias)")
    check(program, folder, known=not changes)
    assert (inferred(program, folder) is None) is changes


def test_with_statement_binds_the_image(folder):
    assert check("with Image.open('RGB.png') as img:\n    z = np.asarray(img)", folder) == ((5, 7, 3), "uint8")


def test_unknown_file_keeps_what_the_code_fixes(folder):
    assert inferred("z = np.asarray(Image.open(input()).convert('RGB').resize((4, 9)))", folder) == \
        ((9, 4, 3), "uint8")
    assert inferred("z = np.asarray(Image.open(input()).convert('L'))", folder) == ((None, None), "uint8")
    assert inferred("z = np.asarray(Image.open('missing.png'))", folder) is None


# ---- keras.utils ---------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["keras.utils", "keras.preprocessing.image", "tf.keras.utils",
                                      "tf.keras.preprocessing.image"])
def test_load_img_spellings(folder, spelling):
    check(f"z = {spelling}.img_to_array({spelling}.load_img('RGBA.png', target_size=(3, 6)))", folder)


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("options", ["", ", color_mode='grayscale'", ", color_mode='rgba'", ", target_size=(9, 4)",
                                     ", color_mode='grayscale', target_size=(4, 4), keep_aspect_ratio=True"])
def test_load_img(folder, name, options):
    check(f"z = keras.utils.img_to_array(keras.utils.load_img({name!r}{options}))", folder)
    check(f"z = np.asarray(keras.utils.load_img({name!r}{options}))", folder)


def test_load_img_arguments_by_position(folder):
    check("z = keras.utils.img_to_array(keras.utils.load_img('RGBA.png', 'grayscale', (9, 4)))", folder)
    check("z = keras.utils.img_to_array(keras.utils.load_img('RGBA.png', 'rgba', None, 'bilinear'))", folder)
    check("z = keras.utils.img_to_array(keras.utils.load_img('RGBA.png', grayscale=True))", folder, known=False)


@pytest.mark.parametrize("options,known", [
    ("", True), (", data_format='channels_first'", True), (", dtype='uint8'", True),
    (", data_format='channels_last', dtype='float64'", True),
])
def test_img_to_array(folder, options, known):
    check(f"z = keras.utils.img_to_array(Image.open('L.png'){options})", folder, known)
    check(f"z = keras.utils.img_to_array(Image.open('RGB.jpg'){options})", folder, known)
    check(f"z = keras.utils.img_to_array(np.zeros((4, 6), dtype=np.uint8){options})", folder, known)


def test_load_img_of_an_unknown_file_with_a_target_size():
    assert inferred("z = keras.utils.img_to_array(keras.utils.load_img(input(), target_size=(9, 4)))",
                    _here()) == ((9, 4, 3), "float32")
    assert inferred("z = keras.utils.img_to_array(keras.utils.load_img(input(), color_mode='grayscale'))",
                    _here()) is None


def _here():
    import pathlib
    return pathlib.Path(__file__).parent


# ---- OpenCV -------------------------------------------------------------------------------------------

UNCHANGED_UNKNOWN = {"P.png", "RGB.gif", "L.gif", "P.bmp", "RGB.bmp"}


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("flags", ["", ", cv2.IMREAD_COLOR", ", cv2.IMREAD_GRAYSCALE", ", 0", ", cv2.IMREAD_UNCHANGED",
                                   ", 1 | 128", ", cv2.IMREAD_COLOR_RGB",
                                   ", cv2.IMREAD_ANYDEPTH"])
def test_imread(folder, name, flags):
    known = "ANYDEPTH" not in flags and not ("UNCHANGED" in flags and name in UNCHANGED_UNKNOWN)
    known = known and "|" not in flags  # flags combined by `|` are not folded: unknown
    check(f"z = cv2.imread({name!r}{flags})", folder, known)


def test_imread_of_a_missing_file_is_unknown(folder):
    assert check("z = cv2.imread('missing.png')", folder) is None


@pytest.mark.parametrize("shape", [(5, 7), (5, 7, 1), (5, 7, 3), (5, 7, 4), (2, 5, 7, 3)])
def test_cv2_resize_takes_width_height(folder, shape):
    check(f"z = cv2.resize(np.zeros({shape}, dtype=np.uint8), (4, 9))", folder, len(shape) < 4)
    check(f"z = cv2.resize(np.zeros({shape}, dtype=np.float32), dsize=(4, 9), interpolation=cv2.INTER_AREA)",
          folder, len(shape) < 4)


def test_cv2_resize_by_factors_is_unknown(folder):
    check("z = cv2.resize(np.zeros((5, 7, 3), dtype=np.uint8), None, fx=0.5, fy=0.5)", folder, known=False)


def test_cvtcolor_with_a_channel_count_is_unknown(folder):
    check("z = cv2.cvtColor(np.zeros((5, 7, 3), dtype=np.uint8), cv2.COLOR_BGR2RGB, dstCn=4)", folder, known=False)
    check("z = cv2.cvtColor(np.zeros((5, 7, 3), dtype=np.uint8), cv2.COLOR_BGR2RGB, None, 4)", folder, known=False)
    assert inferred("z = cv2.cvtColor(np.zeros((5, 7, 3), dtype=np.uint8), cv2.COLOR_BGR2RGB, dstCn=4)", folder) is None


def test_cvtcolor_codes_are_opencvs():
    from shapelens.engine.api.images import _CONVERSIONS
    for name, (code, _, _) in _CONVERSIONS.items():
        assert getattr(cv2, name) == code, name


@pytest.mark.parametrize("name", sorted(__import__("shapelens.engine.api.images", fromlist=["_"])._CONVERSIONS))
def test_cvtcolor(folder, name):
    for shape in [(5, 7), (5, 7, 1), (5, 7, 3), (5, 7, 4)]:
        truth = check(f"z = cv2.cvtColor(np.zeros({shape}, dtype=np.uint8), cv2.{name})", folder, known=False)
        if truth is not None:  # where OpenCV accepts the input, the engine knows the result
            assert inferred(f"z = cv2.cvtColor(np.zeros({shape}, dtype=np.uint8), cv2.{name})", folder) is not None
    check(f"z = cv2.cvtColor(np.zeros((5, 7, 3), dtype=np.uint8), {getattr(cv2, name)})", folder, known=False)


# ---- TensorFlow -------------------------------------------------------------------------------------

TF_UNKNOWN = {"P.png"}  # channels=0 of a palette without a tRNS chunk: not measured


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("decode", ["tf.io.decode_png", "tf.image.decode_jpeg", "tf.io.decode_image",
                                    "tf.image.decode_image", "tf.io.decode_gif", "tf.io.decode_bmp"])
@pytest.mark.parametrize("channels", ["", ", channels=1", ", channels=3", ", channels=4", ", channels=0"])
def test_decode(folder, name, decode, channels):
    if decode.endswith("decode_gif") and channels:
        return
    bmp = name.endswith(".bmp") or decode.endswith("bmp")
    frames = name.endswith(".gif") and "decode_image" in decode or decode.endswith("gif")  # the frames: unknown
    known = not bmp and not frames and not (name in TF_UNKNOWN and channels in ("", ", channels=0"))
    check(f"raw = tf.io.read_file({name!r})\nz = {decode}(raw{channels})", folder, known)


def test_decode_image_options(folder):
    check("z = tf.io.decode_image(tf.io.read_file('RGB.gif'), expand_animations=False)", folder)
    check("z = tf.io.decode_image(tf.io.read_file('RGB.png'), channels=3, dtype=tf.float32)", folder)
    check("z = tf.io.decode_png(tf.io.read_file('I16.png'), dtype=tf.uint16)", folder)
    check("z = tf.io.decode_jpeg(tf.io.read_file('RGB.jpg'), ratio=2)", folder, known=False)


@pytest.mark.parametrize("shape", [(5, 7, 3), (2, 5, 7, 1), (5, 7)])
@pytest.mark.parametrize("dtype", ["uint8", "float64"])
@pytest.mark.parametrize("options", ["", ", method='nearest'", ", method=tf.image.ResizeMethod.NEAREST_NEIGHBOR",
                                     ", method='bicubic'", ", antialias=True", ", preserve_aspect_ratio=True"])
def test_tf_image_resize_takes_height_width(folder, shape, dtype, options):
    known = len(shape) > 2 and "preserve" not in options
    check(f"z = tf.image.resize(np.zeros({shape}, dtype=np.{dtype}), (4, 9){options})", folder, known)
    check(f"z = tf.image.resize(tf.zeros({shape}, dtype=tf.{dtype}), [4, 9]{options})", folder, known)


@pytest.mark.parametrize("shape", [(5, 7, 3), (2, 5, 7, 3), (5, 7, 1), (5, 7, 4)])
def test_grayscale_conversions(folder, shape):
    check(f"z = tf.image.rgb_to_grayscale(tf.zeros({shape}, dtype=tf.uint8))", folder, shape[-1] == 3)
    check(f"z = tf.image.grayscale_to_rgb(tf.zeros({shape}, dtype=tf.uint8))", folder, shape[-1] == 1)


@pytest.mark.parametrize("call", ["tf.image.resize(x, (4, 9))", "tf.image.rgb_to_grayscale(x)", "cv2.resize(x, (4, 9))",
                                  "keras.utils.img_to_array(x)", "cv2.cvtColor(x, cv2.COLOR_BGR2GRAY)"])
def test_keras_tensors_are_refused(folder, call):
    """TensorFlow's and OpenCV's functions do not take a KerasTensor: the result is not inferred."""
    check(f"x = keras.Input((5, 7, 3), batch_size=2)\nz = {call}", folder, known=False)
    assert inferred(f"x = keras.Input((5, 7, 3), batch_size=2)\nz = {call}", folder) is None


def test_hovers_say_which_file_the_shape_came_from(folder):
    text = IMPORTS + "img = Image.open('turned.jpg')\nz = np.asarray(img)\nc = cv2.imread('turned.jpg')\n"
    report = analyse(text, str(folder / "program.py"), data=DataFiles([str(folder)]), verify_fixes=False)
    found = {(v.span.line - IMPORTS.count("\n"), v.kind): (v.summary, v.detail) for v in report.values}
    opened = "from turned.jpg: JPEG image, 7 wide x 5 high, mode RGB"
    assert found[(0, "image")] == ("PIL Image 7x5 (width x height) RGB", opened)
    assert found[(1, "tensor")] == ("Tensor (5, 7, 3) uint8", opened)
    turned = "from turned.jpg: JPEG image, 7 wide x 5 high, turned a quarter by its EXIF orientation"
    assert found[(2, "tensor")] == ("Tensor (7, 5, 3) uint8", turned)


@pytest.mark.parametrize("module", __import__("shapelens.engine.api.images", fromlist=["_"])._PREPROCESSING_MODULES)
def test_applications_preprocess_input_keeps_an_rgb_shape(folder, module):
    for array in ["np.ones((2, 8, 8, 3), dtype=np.float32)", "np.ones((8, 8, 3), dtype=np.uint8)",
                  "np.ones((8, 8, 3))", "np.ones((8, 8, 1), dtype=np.float32)", "np.ones((8, 8, 4), dtype=np.float32)"]:
        check(f"z = keras.applications.{module}.preprocess_input({array})", folder, known=False)
        known = inferred(f"z = tf.keras.applications.{module}.preprocess_input({array})", folder) is not None
        assert known is array.endswith(("3), dtype=np.float32)", "3), dtype=np.uint8)", "3))")), array
