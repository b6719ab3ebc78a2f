"""Text cut to a length without losing words: `shorten` for a preview, `split_text` for a long
message in parts."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
