"""Generators of the hostile inputs of issue #19, made in the tests (nothing large is committed):
a PNG whose few hundred KB hold 177 million pixels, a photo turned by EXIF, deeply nested TOML
and JSON, a chunked upload that never ends."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of(width: int, height: int) -> bytes:
    """A valid black RGB PNG of any size, written row by row: 13,300 × 13,300 (just under
    Pillow's own bomb limit) compresses to ~540 KB and costs this process almost nothing."""
    row = b"\x00" * (1 + 3 * width)  # filter byte, then the pixels
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(parts))
            + _chunk(b"IEND", b""))


def turned_jpeg(size: tuple[int, int] = (4000, 3000), orientation: int = 6) -> bytes:
    """A phone's photo: landscape pixels with an EXIF tag saying "turn me upright"."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (200, 225, 240))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1]), fill=(200, 20, 20))  # red left
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70, exif=exif.tobytes())
    return out.getvalue()


def nested_toml(depth: int = 100_000) -> bytes:
    return b'plan_number = "01/KH"\nx = ' + b"[" * depth + b"]" * depth + b"\n"


def nested_json(depth: int = 100_000) -> bytes:
    return b"[" * depth


def chunked(total: int, piece: int = 64 * 1024, head: bytes = b"") -> Iterator[bytes]:
    """`head` then zeros, `total` bytes in all, each piece framed as HTTP/1.1 chunked encoding."""
    if head:
        yield b"%x\r\n%s\r\n" % (len(head), head)
    left = total - len(head)
    block = b"\x00" * piece
    while left > 0:
        n = min(piece, left)
        yield b"%x\r\n%s\r\n" % (n, block[:n])
        left -= n
    yield b"0\r\n\r\n"
