"""Fit a message to what a channel can show: numbered choices without buttons, split long text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.channels import Capabilities
from bot.core.events import DocumentOut, EditOut, Outgoing, PhotoOut, TextOut


def render(message: Outgoing, caps: Capabilities, choices_hint: str) -> list[Outgoing]:
    """One outgoing message as the list of messages this channel can actually send."""
    if isinstance(message, TextOut):
        text, choices = message.text, message.choices
        if choices and not caps.buttons:
            text = text if message.typed else _numbered(text, choices, choices_hint)
            choices = ()
        parts = split_text(text, caps.max_text)
        return [TextOut(text=p) for p in parts[:-1]] + [TextOut(text=parts[-1], choices=choices)]
    if isinstance(message, PhotoOut):
        choices = message.choices if caps.buttons else ()
        if len(message.caption) <= caps.max_caption and (caps.buttons or not message.choices):
            return [message]
        # A caption over the limit goes out as text after the photo, nothing cut.
        photo = PhotoOut(photo=message.photo)
        return [photo, *render(TextOut(text=message.caption, choices=message.choices), caps,
                               choices_hint)] if message.caption or choices else [photo]
    if isinstance(message, DocumentOut):
        if not caps.documents:
            return render(TextOut(text=message.fallback or message.caption), caps, choices_hint)
        if len(message.caption) <= caps.max_caption:
            return [message]
        return [DocumentOut(document=message.document, filename=message.filename),
                *render(TextOut(text=message.caption), caps, choices_hint)]
    if not caps.edits:
        return [TextOut(text=message.text)] if message.text else []
    if message.text is not None and len(message.text) > caps.max_text:
        return [EditOut(message_id=message.message_id, text=shorten(message.text, caps.max_text,
                                                                        one_line=False),
                        choices=message.choices)]
    return [message]


def _numbered(text: str, choices: tuple, hint: str) -> str:
    flat = [c for row in choices for c in row]
    lines = [f"  {i}. {c.label}" for i, c in enumerate(flat, 1)]
    return "\n".join([text, "", *lines, hint])


_SENTENCE_END = re.compile(r"[.!?…][)\"”’»]*(?=\s)")


def split_text(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then sentence, then word boundaries (each only if it keeps
    the part at least half full); never lose a character, never cut a word that fits."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        half = limit // 2
        sentences = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = next((c for c in (window.rfind("\n\n"), window.rfind("\n"),
                                sentences[-1] if sentences else -1, window.rfind(" "))
                    if c >= half), limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        parts.append(rest)
    return parts


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


def shorten_apart(texts: Sequence[str], limit: int) -> list[str]:
    """Each text shortened to `limit`; where two would then read the same, the words they
    share at the start give way to «…», so the words that tell them apart show."""
    short = [shorten(t, limit) for t in texts]
    out = list(short)
    for i, text in enumerate(texts):
        twins = [texts[j] for j in range(len(texts)) if j != i and short[j] == short[i]]
        if not twins:
            continue
        words = text.split()
        same = min(_shared_words(words, other.split()) for other in twins)
        if 0 < same < len(words):
            out[i] = "… " + shorten(" ".join(words[same:]), limit - 2)
    return out


def _shared_words(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
