"""Is it an image? Told from the first bytes, for the formats phones and chat apps produce.

Pure and cheap, so an adapter can check a local file before a photo is confirmed, and the
photo fetcher can check what it downloaded. How many pixels it has is read from the header
alone; an image is decoded only small (`open_small`), and never beyond the pixel limit.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from typing import Any

SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF8", "gif"))
ORIENTATION = 0x0112  # the EXIF tag phones set instead of turning the pixels
HEAD_BYTES = 16  # enough to tell every format below
IMAGE_MIME_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
                              "image/heif"})


class NotAnImage(Exception):
    pass


def image_type(data: bytes) -> str:
    """The file extension for these bytes, or NotAnImage."""
    for magic, ext in SIGNATURES:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    raise NotAnImage()


def is_image(head: bytes) -> bool:
    try:
        image_type(head)
    except NotAnImage:
        return False
    return True


class TooManyPixels(NotAnImage):
    """An image whose header declares more pixels than Loa decodes (a "pixel bomb"); a kind of
    NotAnImage, so every path that refuses a non-image refuses it too."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__(f"{width}x{height} pixels")
        self.width, self.height = width, height


def dimensions(source: bytes | Path) -> tuple[int, int] | None:
    """Width and height read from the header alone (nothing is decoded); None when Pillow cannot
    read the format (HEIC without a plugin) or the header is broken."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
                return image.size
    except Image.DecompressionBombError as exc:  # beyond Pillow's own bound: surely too many
        found = re.findall(r"[0-9]+", str(exc))
        return (int(found[0]), 1) if found else (2**31, 1)
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        return None


def check_pixels(source: bytes | Path, max_pixels: int) -> None:
    """TooManyPixels when the header declares more than `max_pixels`; reads the header only."""
    size = dimensions(source)
    if size is not None and size[0] * size[1] > max_pixels:
        raise TooManyPixels(*size)


def open_small(path: Path, edge: int, max_pixels: int) -> Any:
    """The image at `path` upright, in RGB, at most `edge` pixels on its longer side.

    A JPEG is decoded already reduced (draft mode: 1/2, 1/4 or 1/8 of its size in the decoder),
    and turned upright after that (`exif_transpose` on the full image would decode it whole);
    nothing over `max_pixels` is decoded at all (TooManyPixels)."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise TooManyPixels(width, height)
            image.draft("RGB", (edge, edge))  # a no-op for formats other than JPEG
            orientation = image.getexif().get(ORIENTATION, 1)
            image.thumbnail((edge, edge))
            small = image.convert("RGB")
    t = Image.Transpose
    turn = {2: t.FLIP_LEFT_RIGHT, 3: t.ROTATE_180, 4: t.FLIP_TOP_BOTTOM, 5: t.TRANSPOSE,
            6: t.ROTATE_270, 7: t.TRANSVERSE, 8: t.ROTATE_90}.get(orientation)  # as exif_transpose
    return small.transpose(turn) if turn is not None else small

