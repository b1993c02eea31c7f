"""Image headers (engine.datafiles): the size and mode each file has when PIL opens it, for every
mode each format stores. Where the header cannot settle PIL's mode the reader says None, never a
guess; files are written by PIL itself, or byte by byte for the layouts PIL does not write."""
import io
import struct
import zlib

import pytest
from PIL import Image

from shapelens.engine.datafiles import HEAD_BYTES, MAX_IMAGE_SEGMENTS, DataFiles

SIZE = (7, 5)  # width, height: not square, so a swap shows


def header(path):
    return DataFiles().image(str(path))


def assert_as_pil(path, settled=True):
    """The header agrees with PIL on the size, and on the mode unless it leaves it open."""
    found = header(path)
    with Image.open(path) as image:
        assert found is not None
        assert (found.format, found.width, found.height) == (image.format, *image.size)
        assert found.mode == image.mode if settled else found.mode in (None, image.mode)
    return found


def gray_palette_image(mode, colors):
    image = Image.new(mode, SIZE)
    image.putpalette([level for i in range(colors) for level in (i, i, i)])
    return image


def color_image(mode="RGB"):
    image = Image.new("RGB", SIZE, (200, 30, 90))
    image.putpixel((1, 1), (10, 220, 40))
    return image.convert(mode)


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"])
def test_png_modes(tmp_path, mode):
    path = tmp_path / "a.png"
    color_image("RGBA").convert(mode).save(path)
    with Image.open(path) as image:
        assert assert_as_pil(path).transparency is ("transparency" in image.info)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(width, height, depth, color, extra=b""):
    """A PNG of any bit depth and colour type (PIL writes only some), all pixels zero."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    row = b"\0" + bytes((width * channels * depth + 7) // 8)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0))
            + (chunk(b"PLTE", bytes(3 * 4)) if color == 3 else b"") + extra
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("depth,color", [(1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (2, 3),
                                         (4, 3), (8, 3), (8, 4), (16, 4), (8, 6), (16, 6)])
def test_png_depths(tmp_path, depth, color):
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes(*SIZE, depth, color))
    assert_as_pil(path)


def test_png_pairs_pil_refuses_are_unknown(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes(*SIZE, 4, 2))
    with pytest.raises(Exception):
        Image.open(path).load()
    assert header(path) is None


@pytest.mark.parametrize("mode,transparency", [("L", 0), ("RGB", (0, 0, 0)), ("P", 0), ("I;16", 0)])
def test_png_transparency_chunk(tmp_path, mode, transparency):
    path = tmp_path / "a.png"
    color_image().convert(mode).save(path, transparency=transparency)
    found = assert_as_pil(path)
    with Image.open(path) as image:
        assert found.transparency is ("transparency" in image.info) is True


def exif_block(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_png_exif_orientation(tmp_path, orientation):
    path = tmp_path / "a.png"
    color_image().save(path, exif=exif_block(orientation))
    with Image.open(path) as image:
        assert assert_as_pil(path).orientation == image.getexif()[0x0112] == orientation


@pytest.mark.parametrize("mode,options", [
    ("L", {}), ("RGB", {}), ("CMYK", {}), ("RGB", {"progressive": True}), ("L", {"progressive": True}),
    ("RGB", {"quality": 5, "subsampling": 0}), ("RGB", {"optimize": True}),
])
def test_jpeg_modes(tmp_path, mode, options):
    path = tmp_path / "a.jpg"
    color_image(mode).save(path, **options)
    assert assert_as_pil(path).orientation == 1


def test_jpeg_size_past_the_head_behind_big_exif_and_icc_blocks(tmp_path):
    path = tmp_path / "a.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010E] = "x" * 60_000  # an image description filling the EXIF block
    color_image().save(path, exif=exif.tobytes(), icc_profile=bytes(200_000))
    assert path.read_bytes().find(b"\xff\xc0") > HEAD_BYTES  # the frame header lies past the head
    assert assert_as_pil(path).orientation == 6


@pytest.mark.parametrize("orientation", [1, 2, 5, 6, 7, 8])
def test_jpeg_exif_orientation(tmp_path, orientation):
    path = tmp_path / "a.jpg"
    color_image().save(path, exif=exif_block(orientation))
    with Image.open(path) as image:
        assert assert_as_pil(path).orientation == image.getexif()[0x0112]


def test_jpeg_of_twelve_bits_pil_refuses_is_unknown(tmp_path):
    path = tmp_path / "a.jpg"
    color_image().save(path)
    data = bytearray(path.read_bytes())
    data[data.find(b"\xff\xc0") + 4] = 12
    path.write_bytes(bytes(data))
    with pytest.raises(Exception):
        Image.open(path)
    assert header(path) is None


def test_jpeg_with_more_markers_than_the_bound_leaves_the_orientation_open(tmp_path):
    path = tmp_path / "a.jpg"
    color_image().save(path)
    data = path.read_bytes()
    comments = (b"\xff\xfe" + struct.pack(">H", 4) + b"hi") * (MAX_IMAGE_SEGMENTS + 1)
    path.write_bytes(data[:2] + comments + data[2:])
    found = header(path)
    assert found is None or found.orientation is None


@pytest.mark.parametrize("make", [
    lambda: color_image("1"), lambda: color_image("L"), lambda: color_image("P"), lambda: color_image("RGB"),
    lambda: color_image("RGBA"), lambda: gray_palette_image("P", 256), lambda: gray_palette_image("P", 2),
    lambda: Image.new("P", SIZE), lambda: Image.new("L", SIZE),
], ids=["1", "L", "P", "RGB", "RGBA", "gray-palette", "two-grays", "new-P", "new-L"])
def test_bmp_modes(tmp_path, make):
    path = tmp_path / "a.bmp"
    make().save(path)
    assert_as_pil(path)


def test_bmp_top_down_rows(tmp_path):
    path = tmp_path / "a.bmp"
    color_image().save(path)
    data = bytearray(path.read_bytes())
    data[22:26] = struct.pack("<i", -SIZE[1])
    path.write_bytes(bytes(data))
    assert assert_as_pil(path).height == SIZE[1]


def os2_bmp(bits, palette):
    """An OS/2 bitmap (12-byte header, 3-byte palette entries), which PIL does not write."""
    row = bytes(((SIZE[0] * bits + 31) // 32) * 4)
    offset = 14 + 12 + len(palette)
    return (b"BM" + struct.pack("<IHHI", offset + len(row) * SIZE[1], 0, 0, offset)
            + struct.pack("<IHHHH", 12, *SIZE, 1, bits) + palette + row * SIZE[1])


@pytest.mark.parametrize("bits,palette", [
    (8, b"".join(bytes((i,)) * 3 for i in range(256))), (8, bytes(range(256)) * 3), (1, b"\0\0\0\xff\xff\xff"),
    (4, b"".join(bytes((i,)) * 3 for i in range(16))), (24, b""),
], ids=["gray", "color", "black-white", "4-bit-gray", "24-bit"])
def test_os2_bmp(tmp_path, bits, palette):
    path = tmp_path / "a.bmp"
    path.write_bytes(os2_bmp(bits, palette))
    assert_as_pil(path)


@pytest.mark.parametrize("make", [
    lambda: color_image("1"), lambda: color_image("L"), lambda: color_image("RGB"), lambda: color_image("P"),
    lambda: gray_palette_image("P", 256), lambda: gray_palette_image("L", 256), lambda: Image.new("L", SIZE),
], ids=["1", "L", "RGB", "P", "gray-palette", "gray-L", "new-L"])
def test_gif_modes(tmp_path, make):
    path = tmp_path / "a.gif"
    make().save(path, comment=b"made for a test")
    assert_as_pil(path)


def test_animated_gif_with_local_palettes(tmp_path):
    path = tmp_path / "a.gif"
    frames = [color_image(), gray_palette_image("P", 256).convert("RGB"), color_image("1").convert("RGB")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50, loop=0, optimize=False)
    assert_as_pil(path)


def test_gif_frame_larger_than_the_screen(tmp_path):
    path = tmp_path / "a.gif"
    color_image().save(path)
    data = bytearray(path.read_bytes())
    data[6:10] = struct.pack("<HH", 3, 2)  # a logical screen smaller than the frame
    path.write_bytes(bytes(data))
    assert (assert_as_pil(path).width, header(path).height) == SIZE


@pytest.mark.parametrize("data", [
    b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"BM" + bytes(10), b"GIF89a\x05", b"not an image",
    b"\x89PNG\r\n\x1a\n" + bytes(40), b"\xff\xd8" + b"\xff\xe0\x00\x02" * 3,
])
def test_odd_files_are_unknown(tmp_path, data):
    path = tmp_path / "a.img"
    path.write_bytes(data)
    assert header(path) is None


def test_cut_files_give_no_more_than_their_bytes_say(tmp_path):
    for suffix, image in ((".png", color_image()), (".jpg", color_image()), (".bmp", color_image("P")),
                          (".gif", color_image())):
        buffer = io.BytesIO()
        image.save(buffer, format=Image.registered_extensions()[suffix])
        data = buffer.getvalue()
        (tmp_path / f"whole{suffix}").write_bytes(data)
        whole = header(tmp_path / f"whole{suffix}")
        for cut in range(0, len(data), 7):
            path = tmp_path / f"cut-{cut}{suffix}"
            path.write_bytes(data[:cut])
            found = header(path)
            if found is not None:  # what it says still holds for the whole file
                assert (found.width, found.height) == (whole.width, whole.height)
                assert found.mode in (None, whole.mode)


def test_jpeg_exif_block_after_an_xmp_block(tmp_path):
    path = tmp_path / "a.jpg"
    color_image().save(path, exif=exif_block(8))
    data = path.read_bytes()
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp + data[2:])
    with Image.open(path) as image:
        assert assert_as_pil(path).orientation == image.getexif()[0x0112] == 8
