#!/usr/bin/env python3
"""Draws the Teams app icons with only the standard library (zlib + struct):
color.png 192x192 (a ticket glyph on the accent colour) and outline.png 32x32 (white glyph, transparent)."""
import os
import struct
import zlib

ACCENT = (0x0B, 0x5C, 0xAD, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def ticket(x, y, size):
    """A ticket: a rounded-off rectangle with a notch on each side and a dashed tear line."""
    u, v = x / size, y / size
    inside = 0.12 <= u <= 0.88 and 0.28 <= v <= 0.72
    notch = (u - 0.12) ** 2 + (v - 0.5) ** 2 < 0.07 ** 2 or (u - 0.88) ** 2 + (v - 0.5) ** 2 < 0.07 ** 2
    tear = abs(u - 0.62) < 0.02 and int(v * 20) % 2 == 0
    return inside and not notch and not tear


here = os.path.dirname(os.path.abspath(__file__))
png(os.path.join(here, "color.png"), 192, lambda x, y, s: WHITE if ticket(x, y, s) else ACCENT)
png(os.path.join(here, "outline.png"), 32, lambda x, y, s: WHITE if ticket(x, y, s) else CLEAR)
