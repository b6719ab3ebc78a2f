"""Checks for typed answers. Each raises Invalid with the text that tells the user what is expected."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from urllib.parse import urlsplit

from bot.core.errors import Invalid
from bot.core.texts import Ref

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
    value = one_line(text, min_len=2, max_len=80, what=Ref("fields.full_name"))
    if any(not (ch.isalpha() or ch in NAME_PUNCTUATION) for ch in value):
        raise Invalid("onboarding.name_bad_chars")
    if len(value.split()) < 2:
        raise Invalid("onboarding.name_need_full")
    if value.isupper():
        value = value.lower()  # «TRẦN VĂN AN» as «Trần Văn An»
    # Each word begins with a capital as names are written («trần văn an» → «Trần Văn An»).
    return " ".join(w[:1].upper() + w[1:] for w in value.split())


DAY_WORDS = {"hôm nay": 0, "hom nay": 0, "homnay": 0, "hôm qua": 1, "hom qua": 1, "homqua": 1}


def report_day(text: str, today: date) -> date:
    """"hôm nay", "hôm qua", "dd/mm" (this year) or "dd/mm/yyyy"; never in the future."""
    value = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if value in DAY_WORDS:
        return today - timedelta(days=DAY_WORDS[value])
    m = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{4}))?", value)
    if not m:
        raise Invalid("report.day_bad", got=text.strip()[:20])
    day, month = int(m.group(1)), int(m.group(2))
    year = int(m.group(3)) if m.group(3) else today.year
    try:
        result = date(year, month, day)
    except ValueError:
        raise Invalid("report.day_impossible", got=text.strip()[:20]) from None
    if result > today:
        raise Invalid("report.day_future", got=result.strftime("%d/%m/%Y"))
    return result


# One count in words around it ("khoảng 50 người", "1.200"); a second number makes it unclear.
_COUNT = re.compile(r"([^\d+-]*?)([+-]?)\s*([0-9]{1,3}(?:[.,][0-9]{3})+|[0-9]+)([^\d]*)")


def whole_number(text: str, *, lo: int, hi: int) -> int:
    """A count like "120", "1.200" (Vietnamese thousands dot) or "khoảng 50 người", in [lo, hi];
    the number in ASCII digits only (never "1²" or another script's digits)."""
    value = " ".join(unicodedata.normalize("NFC", text).split())
    m = _COUNT.fullmatch(value)
    if not m or any(ch.isdigit() for ch in m.group(1) + m.group(4)):
        raise Invalid("report.number_bad", got=value[:20], lo=lo, hi=hi)
    digits = re.sub(r"[.,]", "", m.group(3))
    if len(digits) > 18:  # far out of range: never handed to int() whole
        raise Invalid("report.number_range", got=digits[:20], lo=lo, hi=f"{hi:,}".replace(",", "."))
    number = int(digits)
    if m.group(2) == "-" and number:
        raise Invalid("report.number_negative", got=f"-{number}", lo=lo)
    if not lo <= number <= hi:
        raise Invalid("report.number_range", got=number, lo=lo, hi=f"{hi:,}".replace(",", "."))
    return number


def http_url(text: str) -> str:
    """A web address; one typed without http:// or https:// (syt.quangninh.gov.vn/…) gets https://."""
    value = text.strip()
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    if (parts.scheme.lower() not in ("http", "https") or "." not in parts.netloc
            or len(value) > 1000 or any(ch.isspace() for ch in value)
            or parts.netloc.startswith(".") or parts.netloc.endswith(".")):
        raise Invalid("report.link_bad")
    return value
