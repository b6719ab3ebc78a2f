"""Thumbnails for the report gallery: made once per photo with Pillow and kept beside the photos,
so a page of 50 reports reads 50 small files and decodes nothing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

SIZE = (320, 320)
FOLDER = "thumbs"


def thumbnail(root: Path, relative: str, sha256: str) -> Path | None:
    """The cached JPEG thumbnail of a stored photo (made now if missing); None if unreadable."""
    target = root / FOLDER / sha256[:2] / f"{sha256}.jpg"
    if target.exists():
        return target
    try:
        with Image.open(root / relative) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(SIZE)
            small = image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name first: two requests at once never serve half a file.
    fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        small.save(out, "JPEG", quality=80)
    os.replace(temp, target)
    return target
