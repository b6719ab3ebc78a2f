"""One cleaning step for everything a user or a platform sends, before any flow sees it.

Text is put in NFC; control characters (NUL included: PostgreSQL refuses it), zero-width and
bidi-override characters and lone surrogates are removed, so nothing invisible can make two
texts differ or reorder what a reader sees. Numbers are parsed from ASCII digits only: Python's
`isdigit()` and `\\d` accept `²` and `٩`, which `int()` then refuses or reads unexpectedly.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from bot.core.events import CALLBACK_DATA_MAX_BYTES, ButtonIn, CommandIn, Incoming, PhotoIn, TextIn

# The largest id a database row can have (INTEGER on PostgreSQL, the narrower of the two).
ID_MAX = 2**31 - 1
# Longer data than any choice Loa makes is forged; it is not even read.
MAX_CALLBACK_CHARS = CALLBACK_DATA_MAX_BYTES

_LINE_BREAKS = str.maketrans({"\r": "\n", "\u0085": "\n", "\u2028": "\n", "\u2029": "\n"})
_KEPT_CONTROLS = {"\n", "\t"}
_ZWJ = "\u200d"
_ASCII_INT = re.compile(r"[0-9]{1,18}")


def _invisible(ch: str) -> bool:
    """Controls (Cc), format characters such as zero-width and bidi marks (Cf), surrogates."""
    return ch not in _KEPT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cf", "Cs")


def clean_text(text: str) -> str:
    """`text` in NFC without control, zero-width, bidi-override or surrogate characters.

    Line breaks are kept (as "\\n"); a zero-width joiner is kept only inside an emoji sequence.
    """
    if text.isascii() and text.isprintable():
        return text  # the common case, at no cost
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == _ZWJ:
            before, after = (out[-1] if out else ""), text[i + 1:i + 2]
            if before and after and not before.isalnum() and not after.isalnum() \
                    and not _invisible(after):
                out.append(ch)
            continue
        if not _invisible(ch):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def clean_line(text: str) -> str:
    """Like `clean_text`, on one line: line breaks and tabs become spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


def parse_int(text: str | None, lo: int, hi: int) -> int | None:
    """The whole number written in ASCII digits in `text` (spaces around allowed), when it lies
    within [lo, hi]; None for anything else (other scripts' digits, signs, superscripts)."""
    if text is None:
        return None
    value = text.strip()
    if not _ASCII_INT.fullmatch(value):
        return None
    number = int(value)
    return number if lo <= number <= hi else None


def parse_id(text: str | None) -> int | None:
    """A row id from a button or a command: positive and within the database's integer range."""
    return parse_int(text, 1, ID_MAX)


def normalize_event(event: Incoming) -> Incoming:
    """The event with every text field cleaned; what a flow or command parser sees."""
    changes: dict[str, object] = {
        "update_id": clean_line(event.update_id), "user_id": clean_line(event.user_id),
        "chat_id": clean_line(event.chat_id), "display_name": clean_line(event.display_name or ""),
        "chat_title": clean_line(event.chat_title or ""),
    }
    if event.reply_to is not None:
        changes["reply_to"] = clean_line(event.reply_to)
    if isinstance(event, TextIn):
        changes["text"] = clean_text(event.text)
    elif isinstance(event, CommandIn):
        changes["args"] = tuple(a for a in (clean_line(a) for a in event.args) if a.strip())
    elif isinstance(event, PhotoIn):
        changes["caption"] = clean_text(event.caption or "")
        changes["photo"] = dataclasses.replace(
            event.photo, file_id=clean_line(event.photo.file_id),
            unique_id=clean_line(event.photo.unique_id or ""))
        if event.media_group_id is not None:
            changes["media_group_id"] = clean_line(event.media_group_id)
    elif isinstance(event, ButtonIn):
        data = clean_line(event.data or "")
        changes["data"] = data if len(data) <= MAX_CALLBACK_CHARS else ""
    return dataclasses.replace(event, **changes)  # type: ignore[arg-type]
