"""Refusals every layer can raise and every edge can show: a text key and its values."""

from __future__ import annotations

from typing import Any


class Invalid(Exception):
    """Input refused; `key` names the text that says what is expected."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
