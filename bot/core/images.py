"""Is it an image? Told from the first bytes, for the formats phones and chat apps produce.

Pure and cheap, so an adapter can check a local file before a photo is confirmed, and the
photo fetcher can check what it downloaded.
"""

from __future__ import annotations

SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF8", "gif"))
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
