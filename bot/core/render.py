"""Fit a message to what a channel can show: numbered choices without buttons, split long text."""

from __future__ import annotations

import re

from bot.channels import Capabilities
from bot.core.events import DocumentOut, EditOut, Outgoing, PhotoOut, TextOut


def render(message: Outgoing, caps: Capabilities, choices_hint: str) -> list[Outgoing]:
    """One outgoing message as the list of messages this channel can actually send."""
    if isinstance(message, TextOut):
        text, choices = message.text, message.choices
        if choices and not caps.buttons:
            text = text if message.typed else _numbered(text, choices, choices_hint)
            choices = ()
        parts = split_text(text, caps.max_text, caps.utf16)
        return [TextOut(text=p) for p in parts[:-1]] + [TextOut(text=parts[-1], choices=choices)]
    if isinstance(message, PhotoOut):
        choices = message.choices if caps.buttons else ()
        if caps.length(message.caption) <= caps.max_caption and (caps.buttons or not message.choices):
            return [message]
        # A caption over the limit goes out as text after the photo, nothing cut.
        photo = PhotoOut(photo=message.photo)
        return [photo, *render(TextOut(text=message.caption, choices=message.choices), caps,
                               choices_hint)] if message.caption or choices else [photo]
    if isinstance(message, DocumentOut):
        if not caps.documents:
            return render(TextOut(text=message.fallback or message.caption), caps, choices_hint)
        if caps.length(message.caption) <= caps.max_caption:
            return [message]
        return [DocumentOut(document=message.document, filename=message.filename),
                *render(TextOut(text=message.caption), caps, choices_hint)]
    if not caps.edits:
        return [TextOut(text=message.text)] if message.text else []
    if message.text is not None and caps.length(message.text) > caps.max_text:
        return [EditOut(message_id=message.message_id, text=shorten(message.text, caps.max_text,
                                                                        one_line=False),
                        choices=message.choices)]
    return [message]


def _numbered(text: str, choices: tuple, hint: str) -> str:
    flat = [c for row in choices for c in row]
    lines = [f"  {i}. {c.label}" for i, c in enumerate(flat, 1)]
    return "\n".join([text, "", *lines, hint])


_SENTENCE_END = re.compile(r"[.!?…][)\"”’»]*(?=\s)")


def split_text(text: str, limit: int, utf16: bool = False) -> list[str]:
    """Split at paragraph, then line, then sentence, then word boundaries (each only if it keeps
    the part at least half full); never lose a character, never cut a word that fits.

    With `utf16` the limit is in UTF-16 code units (an emoji counts two), as some platforms
    count it."""
    if _fits(text, limit, utf16):
        return [text]
    parts: list[str] = []
    rest = text
    while not _fits(rest, limit, utf16):
        end = _prefix(rest, limit, utf16)
        window = rest[:end]
        half = end // 2
        sentences = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = next((c for c in (window.rfind("\n\n"), window.rfind("\n"),
                                sentences[-1] if sentences else -1, window.rfind(" "))
                    if c >= half), end)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        parts.append(rest)
    return parts


def _fits(text: str, limit: int, utf16: bool) -> bool:
    return len(text) <= limit and (not utf16 or len(text) + _wide(text) <= limit)


def _wide(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 0xFFFF)


def _prefix(text: str, limit: int, utf16: bool) -> int:
    """How many characters of `text` fit in `limit` (code points, or UTF-16 units)."""
    if not utf16:
        return limit
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return i
    return len(text)


def shorten(text: str, limit: int, one_line: bool = True) -> str:
    """At most `limit` characters, cut at a word and marked with "…" when anything was cut;
    `one_line` folds line breaks into spaces (a preview in a list)."""
    text = " ".join(text.split()) if one_line else text.strip()
    if len(text) <= limit:
        return text
    window = text[: limit - 1]
    cut = max(window.rfind(" "), window.rfind("\n"))
    if cut < limit // 2:  # one very long word: cut inside it rather than keep almost nothing
        cut = limit - 1
    return window[:cut].rstrip(" ,.;:—-\n") + "…"
