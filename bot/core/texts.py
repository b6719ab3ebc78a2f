"""User-facing texts, looked up by key from messages/*.toml. No handler holds a sentence inline."""

from __future__ import annotations

import functools
import string
import tomllib
from pathlib import Path
from typing import Any

from bot.core import tomlerrors

_FORMATTER = string.Formatter()
SHIPPED = Path(__file__).resolve().parents[2] / "messages"  # beside the code, as config.toml


class Ref(str):
    """A value that is itself a text key (a field's name in "{what} quá dài"), looked up when the
    sentence is made, so a check deep in the code names the field in the user's words."""


class TextsError(Exception):
    """A messages file that cannot be used; the message names the file and the key."""


class Texts:
    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, directory: Path, language: str = "vi") -> Texts:
        path = directory / f"{language}.toml"
        try:
            with path.open("rb") as f:
                raw = tomllib.load(f)
        except FileNotFoundError:
            raise TextsError(f"{path}: không tìm thấy tệp nội dung") from None
        except tomllib.TOMLDecodeError as exc:
            raise TextsError(f"{path}: TOML không hợp lệ ({tomlerrors.describe(exc)})") from None
        entries: dict[str, str] = {}
        _flatten(raw, "", entries, path)
        return cls(entries)

    def __call__(self, key: str, **values: Any) -> str:
        try:
            template = self._entries[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in messages") from None
        return template.format(**{k: self(v) if isinstance(v, Ref) else v for k, v in values.items()})

    def template(self, key: str) -> str:
        """The raw text with its {placeholders}, for a caller that fills them in later."""
        return self._entries[key]

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def keys(self) -> list[str]:
        return sorted(self._entries)

    def fields(self, key: str) -> set[str]:
        """Names of the {placeholders} a text expects."""
        return {name for _, name, _, _ in _FORMATTER.parse(self._entries[key]) if name}


def _flatten(node: dict[str, Any], prefix: str, out: dict[str, str], path: Path) -> None:
    for key, value in node.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{full}.", out, path)
        elif isinstance(value, str):
            try:
                list(_FORMATTER.parse(value))
            except ValueError as exc:
                raise TextsError(f"{path}: {full}: dấu {{ }} không hợp lệ ({exc})") from None
            if not value.strip():
                raise TextsError(f"{path}: {full}: nội dung rỗng")
            out[full] = value.strip("\n")
        else:
            raise TextsError(f"{path}: {full}: phải là chuỗi, đang là {type(value).__name__}")


@functools.cache
def shipped(language: str = "vi") -> Texts:
    """The texts beside the code, read once: for words said before a config is read (`loa --help`,
    an argument's error) without importing more than this module."""
    return Texts.load(SHIPPED, language)
