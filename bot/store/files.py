"""Files kept by content: <root>/<ab>/<sha256>.<ext>, written once, never half-written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from bot.core.images import check_pixels, image_type


def store(root: Path, data: bytes, max_pixels: int | None = None) -> tuple[str, str]:
    """Write an image's `data` as <root>/<ab>/<sha256>.<ext> (once: the same bytes make the same
    file); returns the hash and the path relative to root. NotAnImage when it is not one, or
    TooManyPixels when its header declares more than `max_pixels` (nothing decoded)."""
    ext = image_type(data)
    if max_pixels is not None:
        check_pixels(data, max_pixels)
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{digest[:2]}/{digest}.{ext}"
    target = root / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)  # never a half-written photo under its final name
    return digest, relative


def read_stored(root: Path, digest: str) -> bytes | None:
    """The bytes kept under `digest` (whatever their extension), None when there are none."""
    folder = root / digest[:2]
    found = sorted(folder.glob(f"{digest}.*")) if folder.is_dir() else []
    return found[0].read_bytes() if found else None
