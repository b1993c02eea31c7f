"""Draws icon.png (128x128): three stacked tensor slices under a lens. Standard library only.

Run `python3 client/images/make_icon.py` after changing it; the PNG is committed.
"""
import struct
import zlib
from pathlib import Path

SIZE, SCALE = 128, 4  # drawn at 4x and averaged down: anti-aliased edges
BACKGROUND = (30, 41, 59)
SLICES = [(255, 111, 0), (255, 160, 0), (255, 202, 40)]  # Keras-like oranges, back to front
LENS = (226, 232, 240)


def inside_rounded_square(x, y, left, top, size, radius):
    cx = min(max(x, left + radius), left + size - radius)
    cy = min(max(y, top + radius), top + size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def colour_at(x, y):
    """The colour of one supersampled point, in 128-pixel coordinates; None outside the tile."""
    if not inside_rounded_square(x, y, 0, 0, SIZE, 22):
        return None
    colour = BACKGROUND
    for i, slice_colour in enumerate(SLICES):
        if inside_rounded_square(x, y, 18 + 12 * i, 18 + 12 * i, 56, 6):
            colour = slice_colour
    # The lens: a ring centred on the front slice's corner, and a handle towards the bottom right.
    dx, dy = x - 80, y - 80
    distance = (dx * dx + dy * dy) ** 0.5
    if 20 <= distance <= 28:
        colour = LENS
    along = (dx + dy) / 2 ** 0.5
    across = abs(dx - dy) / 2 ** 0.5
    if 27 <= along <= 52 and across <= 6:
        colour = LENS
    return colour


def pixel(px, py):
    samples = [colour_at(px + (sx + 0.5) / SCALE, py + (sy + 0.5) / SCALE)
               for sy in range(SCALE) for sx in range(SCALE)]
    opaque = [s for s in samples if s is not None]
    if not opaque:
        return (0, 0, 0, 0)
    rgb = [round(sum(c[k] for c in opaque) / len(opaque)) for k in range(3)]
    return (*rgb, round(255 * len(opaque) / len(samples)))


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + bytes(v for p in row for v in p) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    Path(__file__).with_name("icon.png").write_bytes(png(SIZE, SIZE, rows))
