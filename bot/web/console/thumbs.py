"""Thumbnails for the report gallery: made once per photo by the photo fetcher, in the
background (`bot.domain.photos.derive`), so a page of 50 reports reads 50 small files and
decodes nothing."""

from __future__ import annotations

from pathlib import Path

from bot.domain.photos import thumb_path


def thumbnail(root: Path, relative: str, sha256: str) -> Path | None:
    """The stored photo's JPEG thumbnail, None while it is not made (yet) or cannot be."""
    target = thumb_path(root, sha256)
    return target if target.exists() else None
