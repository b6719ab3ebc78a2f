"""Checks for typed answers. Each raises Invalid with the text that tells the user what is expected."""

from __future__ import annotations

import unicodedata

from bot.flows import Invalid

NAME_PUNCTUATION = set(" .'-")


def one_line(text: str, *, min_len: int, max_len: int, what: str) -> str:
    """Trimmed single-spaced text of sane length that contains real letters (not emoji only)."""
    value = " ".join(unicodedata.normalize("NFC", text).split())
    if not value:
        raise Invalid("errors.empty_text")
    if len(value) > max_len:
        raise Invalid("errors.too_long", what=what, max=max_len, got=len(value))
    if sum(ch.isalpha() for ch in value) < min_len:
        raise Invalid("errors.need_letters", what=what, min=min_len)
    return value


def person_name(text: str) -> str:
    """A full name: letters (with diacritics), spaces, . ' -; at least two words."""
    value = one_line(text, min_len=2, max_len=80, what="Họ và tên")
    if any(not (ch.isalpha() or ch in NAME_PUNCTUATION) for ch in value):
        raise Invalid("onboarding.name_bad_chars")
    if len(value.split()) < 2:
        raise Invalid("onboarding.name_need_full")
    return value
