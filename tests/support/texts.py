"""Loa's own texts, read by key from messages/vi.toml through the loader Loa uses: a test that
checks which message came (not how it is worded) looks it up, so a rewording does not break it."""

from __future__ import annotations

import re
import string
from typing import Any

from bot.core.texts import Texts
from tests.conftest import ROOT

TEXTS = Texts.load(ROOT / "messages")


def T(key: str, **fields: Any) -> str:
    """The text `key` with its {placeholders} filled, exactly as Loa sends it."""
    return TEXTS(key, **fields)


def head(key: str) -> str:
    """The fixed start of text `key`, before its first {placeholder} (all of it if none): for a
    test that looks for the message without knowing every value in it."""
    literal, _, _, _ = next(iter(string.Formatter().parse(TEXTS.template(key))), ("", None, None, None))
    return literal


def matches(text: str, key: str) -> bool:
    """Whether `text` is text `key` with some values in its {placeholders}."""
    pattern = "".join(re.escape(literal) + ("(?s:.*?)" if name is not None else "")
                      for literal, name, _, _ in string.Formatter().parse(TEXTS.template(key)))
    return re.fullmatch(pattern, text) is not None
